/**
 * Values for people: "2,330.12 万元", "83.59%", "（空白）". Reported numbers show the decimals
 * they were written with; computed ones show 2 decimals (money, percentage points) or up to 4.
 */
import { digitsOf, fixedText, plainText, shiftDigits, type Digits } from './decimal';
import type { Localised, ValueView } from './results';
import { UNBOUNDED, isExact, type Num, type Value } from './values';

/** Decimals to show for a number (of the value in its own unit; percentages in points). */
export function places(n: Num, extra = 0): number | undefined {
  switch (n.kind) {
    case 'money': return (n.dec >= 0 ? n.dec : 2) + extra;
    case 'percent': return (n.dec >= 0 ? Math.max(0, n.dec - 2) : 2) + extra;
    case 'count': return n.dec >= 0 ? n.dec : undefined;
    case 'number': return n.dec >= 0 ? n.dec + extra : undefined;
  }
}

/** A number's text: `1,060.92 万元`, `83.59%`, `22`. `withUnit` false leaves the money unit off. */
export function formatNum(n: Num, v: bigint = n.v, extra = 0, withUnit = true): string {
  return numText(n, digitsOf(v), extra, withUnit);
}

/** `formatNum` of digits already taken. */
function numText(n: Num, d: Digits, extra = 0, withUnit = true): string {
  const p = places(n, extra);
  if (n.kind === 'percent') return `${fixedText(shiftDigits(d, 2), p)}%`;
  let s: string;
  if (p === undefined) s = trimZeros(fixedText(d, 4));
  else s = fixedText(d, p);
  return withUnit && n.kind === 'money' && n.unit ? `${s} ${n.unit}` : s;
}

/** "12.3400" → "12.34", "5.000" → "5" (only when there is a decimal point). */
function trimZeros(s: string): string {
  if (!s.includes('.')) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/** The interval of a number, for people: `[2,308.545, 2,308.555] 万元`. */
export function formatInterval(n: Num): string {
  return intervalText(n, digitsOf(n.lo), digitsOf(n.hi));
}

/**
 * Bounds show one decimal more than the value (two more for a computed one), and all their
 * decimals when that is at most three more: [275.99, 276.01] read [276.0, 276.0], and
 * [1,174.195, 1,174.205] read [1,174.20, 1,174.21]. A quotient's endless decimals stay rounded.
 */
function intervalText(n: Num, lo: Digits, hi: Digits): string {
  let extra = (n.kind === 'count' ? 0 : 1) + (n.dec < 0 ? 2 : 0);
  const base = places(n, extra);
  if (base !== undefined) {
    const decimals = (d: Digits) => significantDecimals(n.kind === 'percent' ? shiftDigits(d, 2) : d);
    const more = Math.max(0, decimals(lo) - base, decimals(hi) - base);
    if (more <= 3) extra += more;
  }
  return `[${numText(n, lo, extra, false)}, ${numText(n, hi, extra, false)}]${n.kind === 'money' && n.unit ? ` ${n.unit}` : ''}`;
}

/** Decimals up to the last that is not 0. */
function significantDecimals(d: Digits): number {
  let end = d.frac.length;
  while (end > 0 && d.frac.charCodeAt(end - 1) === 48 /* 0 */) end--;
  return end;
}

export function formatValue(v: Value, lang: 'zh-CN' | 'en'): string {
  const zh = lang !== 'en';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return zh ? (v ? '是' : '否') : v ? 'true' : 'false';
  if (typeof v === 'number') return String(v);
  switch (v.t) {
    case 'num': return formatNum(v);
    case 'blank': return zh ? '（空白）' : '(blank)';
    case 'missing': return zh ? `（缺少 ${v.what}）` : `(missing ${v.what})`;
    case 'row': return v.table.rowKey(v.i);
    case 'rows': return zh ? `${v.idx.length} 行` : `${v.idx.length} ${v.idx.length === 1 ? 'row' : 'rows'}`;
    case 'list': return v.items.map((x) => formatValue(x, lang)).join(zh ? '、' : ', ');
  }
}

function sameInBoth(s: string): Localised {
  return { zh: s, en: s };
}

export function localised(v: Value): Localised {
  // Numbers read the same in both languages: format them once.
  if (typeof v === 'object' && v.t === 'num') {
    const s = formatNum(v);
    return { zh: s, en: s };
  }
  return { zh: formatValue(v, 'zh-CN'), en: formatValue(v, 'en') };
}

/** A value as a `ValueView` (formatted in both languages, exact form, interval). */
export function viewOf(v: Value): ValueView {
  // A number's digits are taken once, for both its text and its exact form.
  const digits = typeof v === 'object' && v.t === 'num' ? digitsOf(v.v) : undefined;
  const text = digits ? sameInBoth(numText(v as Num, digits)) : localised(v);
  if (typeof v === 'string') return { text, kind: 'text' };
  if (typeof v === 'boolean') return { text, kind: 'bool' };
  if (typeof v === 'number') return { text, kind: 'other' };
  switch (v.t) {
    case 'num': {
      const view: ValueView = { text, exact: plainText(digits!), kind: v.kind, unit: v.unit };
      if (!isExact(v)) {
        const lo = digitsOf(v.lo);
        const hi = digitsOf(v.hi);
        view.interval = [plainText(lo), plainText(hi)];
        view.intervalText = v.hi - v.lo >= UNBOUNDED ? '[−∞, +∞]' : intervalText(v, lo, hi);
      }
      return view;
    }
    case 'blank': return { text, kind: 'blank' };
    case 'missing': return { text, kind: 'missing' };
    case 'row': return { text, kind: 'row' };
    default: return { text, kind: 'other' };
  }
}

