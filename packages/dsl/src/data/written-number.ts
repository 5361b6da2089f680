/**
 * Numbers as printed in disclosures: "2,308.55", "-956.84", "(12.00)", "81.49%", "１２３".
 * The written form gives the precision: "2,308.55" has 2 decimals. Never parsed through a float.
 */
import { SCALE } from '../evaluation/decimal';

export interface WrittenNumber {
  /** The value as fixed-point (×10^18); a percentage is stored as a ratio (15.03% → 0.1503). */
  v: bigint;
  /** Decimals of the stored value as written (15.03% → 4 as a ratio; 2,308.55 → 2). */
  decimals: number;
  percent: boolean;
}

const BLANKS = new Set(['', '-', '—', '－', '–', '——', '/', '／', '--']);

/** Whether a cell's text stands for a blank cell (nothing printed, or a lone dash). */
export function isBlankText(raw: string | null | undefined): boolean {
  return raw === null || raw === undefined || BLANKS.has(raw.trim());
}

/**
 * Parses a printed number. Returns `null` for a blank cell, `undefined` when the text is not a
 * number. `percentColumn`: a bare number in a percent column means percentage points.
 */
export function parseWrittenNumber(raw: string | null | undefined, percentColumn = false): WrittenNumber | null | undefined {
  if (isBlankText(raw)) return null;
  let s = raw!.trim();
  // Full-width digits and signs as typed in Chinese documents.
  if (/[０-９．，－％（）]/.test(s)) {
    s = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, '.').replace(/，/g, ',')
      .replace(/－/g, '-').replace(/％/g, '%').replace(/（/g, '(').replace(/）/g, ')');
  }
  let neg = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    neg = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    neg = !neg;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  let percent = false;
  if (s.endsWith('%')) {
    percent = true;
    s = s.slice(0, -1).trim();
  }
  // Thousands separators must group by three: "1,060.92" yes, "1,06" no.
  if (s.includes(',')) {
    if (!/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) return undefined;
    s = s.replace(/,/g, '');
  }
  const m = /^(\d+)(?:\.(\d*))?$/.exec(s) ?? /^()\.(\d+)$/.exec(s);
  if (!m) return undefined;
  const intPart = m[1] || '0';
  const frac = m[2] ?? '';
  if (intPart.length > 30 || frac.length > 12) return undefined;
  const isPct = percent || percentColumn;
  const decimals = frac.length + (isPct ? 2 : 0);
  let v = BigInt(intPart + frac.padEnd(SCALE, '0'));
  if (isPct) v /= 100n;
  if (neg) v = -v;
  return { v, decimals, percent: isPct };
}
