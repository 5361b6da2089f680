/**
 * How scorecard values read in trails and tables: `18.51%`, `2,173,565.51`, `46万`, `≥ 95%`,
 * `2025年11月30日前`, `“明显提高”`. Exact: formatting rounds half-up only for display.
 */
import { formatFixed } from '../evaluation/decimal';
import { formatNum, formatValue } from '../evaluation/format';
import type { Localised } from '../evaluation/results';
import { isNum, type Value } from '../evaluation/values';
import { formatDate, type ParsedTarget } from './targets';

export const L = (zh: string, en: string): Localised => ({ zh, en });

/** Trims trailing zeros of a decimal text ("81.4900" → "81.49"). */
function trim(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** A ratio as a percentage, up to 4 decimals of a point: 0.814904 → `81.4904%`. */
export function showPercent(v: bigint): string {
  return `${trim(formatFixed(v * 100n, 4))}%`;
}

/** A plain number, up to 6 decimals, thousands separated from 10,000 on. */
export function showNumber(v: bigint): string {
  const abs = v < 0n ? -v : v;
  return trim(formatFixed(v, 6, abs >= 10_000n * 10n ** 18n));
}

/** A score with the declared decimals (`2.50`). */
export function showScore(v: bigint, places: number): string {
  return formatFixed(v, places, false);
}

/** A value of a given kind (`percent` shows as a percentage, money with 元). */
export function showKind(v: bigint, kind: 'percent' | 'number' | 'money'): string {
  if (kind === 'percent') return showPercent(v);
  if (kind === 'money') return `${showNumber(v)} 元`;
  return showNumber(v);
}

/** A run-time value for trails: numbers as formatted by the reports, text in quotes. */
export function showValue(v: Value, lang: 'zh-CN' | 'en'): string {
  if (typeof v === 'string') return lang === 'en' ? `"${v}"` : `“${v}”`;
  if (isNum(v)) {
    if (v.kind === 'percent') return v.dec >= 2 ? `${formatFixed(v.v * 100n, v.dec - 2, false)}%` : showPercent(v.v);
    return v.kind === 'money' ? formatNum(v) : trim(formatNum(v));
  }
  return formatValue(v, lang);
}

const OP_SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };

export function opSign(op: string | undefined): string {
  return op ? OP_SIGN[op] ?? op : '';
}

/** The number of a parsed value as written with its unit: `95%`, `46万`, `180 万元`, `4 个`. */
export function showParsedNumber(p: ParsedTarget, high = false): string {
  const n = high ? p.high : p.value;
  if (!n) return '';
  if (n.kind === 'percent') return n.dec >= 2 ? `${formatFixed(n.v * 100n, n.dec - 2, false)}%` : showPercent(n.v);
  const num = n.dec >= 0 ? formatFixed(n.v, n.dec, false) : showNumber(n.v);
  if (!p.unit) return num;
  return /^[/\u3400-\u9fff]/.test(p.unit) && !/^[万亿千百]/.test(p.unit) ? `${num} ${p.unit}` : `${num}${p.unit}`;
}

/** A parsed target or actual for people: `≥ 95%`, `80% – 90%`, `2025年11月30日前`, `“明显提高”`. */
export function describeParsed(p: ParsedTarget): Localised {
  switch (p.kind) {
    case 'numeric': {
      const s = `${p.op && p.op !== '=' ? `${opSign(p.op)} ` : p.opWritten ? '= ' : ''}${showParsedNumber(p)}`;
      return L(s, s);
    }
    case 'range': {
      const s = `${showParsedNumber(p)} – ${showParsedNumber(p, true)}`;
      return L(s, s);
    }
    case 'deadline': {
      const d = formatDate(p.date ?? {});
      return p.op === '<=' || p.op === '<' ? L(`${d}前`, `by ${d}`) : L(d, d);
    }
    case 'qualitative': return L(`“${p.words ?? p.text}”`, `"${p.words ?? p.text}"`);
    case 'none': return L('（无）', '(none)');
    case 'invalid': return L(`无法解析：${p.reason?.zh ?? ''}`, `unreadable: ${p.reason?.en ?? ''}`);
  }
}

/** Rounding modes for people. */
export function modeName(mode: string): Localised {
  switch (mode) {
    case 'half-up': return L('四舍五入', 'half-up');
    case 'half-even': return L('四舍六入五成双', 'half-even');
    case 'half-down': return L('五舍六入', 'half-down');
    case 'down': return L('舍去', 'toward zero');
    case 'up': return L('进一', 'away from zero');
    case 'floor': return L('向下取整', 'floor');
    case 'ceil': return L('向上取整', 'ceiling');
    default: return L(mode, mode);
  }
}
