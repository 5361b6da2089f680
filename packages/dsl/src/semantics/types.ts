/**
 * Static types of Suan expressions. Money carries its unit when it is known before run time
 * (a money literal, a fact or column declared with a unit, `as 万元`); a column without a
 * declared unit has the unit its table is printed in, known only from the data.
 */
import type { Lang } from '../diagnostics/diagnostic';

export type Type =
  | { k: 'money'; unit?: string }
  | { k: 'percent' }
  | { k: 'count' }
  | { k: 'number' }
  | { k: 'text' }
  | { k: 'code'; hierarchy?: string }
  | { k: 'date' }
  | { k: 'bool' }
  | { k: 'row'; table: string }
  | { k: 'rows'; table: string }
  | { k: 'list'; of: Type }
  | { k: 'level'; hierarchy: string }
  | { k: 'blank' }
  | { k: 'unknown' };

export const T = {
  number: { k: 'number' } as Type,
  percent: { k: 'percent' } as Type,
  count: { k: 'count' } as Type,
  text: { k: 'text' } as Type,
  bool: { k: 'bool' } as Type,
  date: { k: 'date' } as Type,
  blank: { k: 'blank' } as Type,
  unknown: { k: 'unknown' } as Type,
  money: (unit?: string): Type => ({ k: 'money', unit }),
};

export function isNumeric(t: Type): boolean {
  return t.k === 'money' || t.k === 'percent' || t.k === 'count' || t.k === 'number';
}

/** `unknown` (an earlier error) and `blank` fit anywhere, so one mistake is reported once. */
export function isLenient(t: Type): boolean {
  return t.k === 'unknown' || t.k === 'blank';
}

/** A type's name for messages. */
export function typeName(t: Type, lang: Lang): string {
  const zh = lang !== 'en';
  switch (t.k) {
    case 'money': return zh ? `金额${t.unit ? `（${t.unit}）` : ''}` : `money${t.unit ? ` (${t.unit})` : ''}`;
    case 'percent': return zh ? '百分比' : 'a percentage';
    case 'count': return zh ? '计数' : 'a count';
    case 'number': return zh ? '数值' : 'a number';
    case 'text': return zh ? '文本' : 'text';
    case 'code': return zh ? `编码${t.hierarchy ? `（${t.hierarchy}）` : ''}` : `a code${t.hierarchy ? ` (${t.hierarchy})` : ''}`;
    case 'date': return zh ? '日期' : 'a date';
    case 'bool': return zh ? '真假值' : 'true/false';
    case 'row': return zh ? `${t.table} 的一行` : `a row of ${t.table}`;
    case 'rows': return zh ? `${t.table} 的若干行` : `rows of ${t.table}`;
    case 'list': return zh ? `${typeName(t.of, lang)}的列表` : `a list of ${typeName(t.of, lang)}`;
    case 'level': return zh ? `${t.hierarchy} 的层级` : `a level of ${t.hierarchy}`;
    case 'blank': return zh ? '空白' : 'blank';
    case 'unknown': return zh ? '未知' : 'unknown';
  }
}

/** Both languages at once, as diagnostic arguments `key` / `key_en`. */
export function typeArgs(key: string, t: Type): Record<string, string> {
  return { [key]: typeName(t, 'zh-CN'), [`${key}_en`]: typeName(t, 'en') };
}

/** Money units and their size in 元. */
export const MONEY_UNITS: Record<string, bigint> = { 元: 1n, 千元: 1000n, 万元: 10000n, 亿元: 100000000n };

/**
 * A money unit as a document writes it, read as one of `MONEY_UNITS` where it is one: spaces
 * (full-width and no-break ones too) and a "单位：" or "人民币" before it do not count, nor
 * traditional 萬/億/仟 ("万元 ", "单位：万元", "（万元）", "人民币元", "萬元"). Undefined when it is
 * none: the caller says so (SUAN5013) and reads the amounts in the declared unit.
 */
export function moneyUnit(written: string | undefined): string | undefined {
  if (written === undefined) return undefined;
  if (MONEY_UNITS[written] !== undefined) return written;
  const u = written.normalize('NFKC').replace(/\s+/g, '').replace(/^[(（](.*)[)）]$/, '$1').replace(/^(金额)?单位[:：]/, '').replace(/^人民币/, '').replace(/[(（]人民币[)）]$/, '')
    .replace(/萬/g, '万').replace(/億/g, '亿').replace(/仟/g, '千');
  return MONEY_UNITS[u] !== undefined ? u : undefined;
}
