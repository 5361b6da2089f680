/**
 * Numbers as printed in disclosures: "2,308.55", "-956.84", "(12.00)", "81.49%", "１２３".
 * The written form gives the precision: "2,308.55" has 2 decimals. Never parsed through a float:
 * digits are scanned one by one into an exact integer.
 */
import { SCALE, pow10 } from '../evaluation/decimal';

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
  if (raw === null || raw === undefined || raw === '') return true;
  if (raw.length <= 4) return BLANKS.has(raw.replace(AROUND, ''));
  // Longer only when padded ("     ", "　　—　　", as a PDF's text or a spreadsheet's pads a cell).
  const c = raw.charCodeAt(0);
  return (c <= 32 || c >= 0x80) && BLANKS.has(raw.replace(AROUND, ''));
}

/** Largest count of digits accumulated in a JS integer before moving to bigint (exact below 2^53). */
const SAFE_DIGITS = 15;

/**
 * Parses a printed number. Returns `null` for a blank cell, `undefined` when the text is not a
 * number. `percentColumn`: a bare number in a percent column means percentage points.
 */
export function parseWrittenNumber(raw: string | null | undefined, percentColumn = false): WrittenNumber | null | undefined {
  if (isBlankText(raw)) return null;
  let s = raw!;
  // Spaces around the number, no-break and zero-width ones too (a PDF's or a web page's text).
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(s.length - 1);
  if (first <= 32 || last <= 32 || first >= 0x80 || last >= 0x80) s = s.replace(AROUND, '');
  // Full-width digits and signs as typed in Chinese documents are read as their ASCII forms. The
  // ASCII reading never accepts a full-width character, so it is tried first (most cells).
  const n = parseAsciiNumber(s, percentColumn);
  if (n !== undefined || !FULL_WIDTH.test(s)) return n;
  return parseAsciiNumber(s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/．/g, '.').replace(/，/g, ',')
    .replace(/－/g, '-').replace(/％/g, '%').replace(/（/g, '(').replace(/）/g, ')'), percentColumn);
}

const FULL_WIDTH = /[０-９．，－％（）]/;
/**
 * Characters that are printed as nothing (soft hyphen, zero-width spaces and joiners, direction
 * marks and embeddings, word joiner, byte-order mark): a class body for regular expressions, the
 * one list of them that numbers and texts are read with.
 */
export const INVISIBLE_CHARS = '\\u00AD\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';
const AROUND = new RegExp(`^[\\s${INVISIBLE_CHARS}]+|[\\s${INVISIBLE_CHARS}]+$`, 'g');

function isSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f || c === 0x3000;
}

/** A printed number written with ASCII digits and signs (trimmed); undefined when it is not one. */
function parseAsciiNumber(s: string, percentColumn: boolean): WrittenNumber | undefined {
  let start = 0;
  let end = s.length;
  let neg = false;
  if (s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(end - 1) === 41 /* ) */) {
    neg = true;
    start++;
    end--;
    while (start < end && s.charCodeAt(start) === 32) start++;
    while (end > start && s.charCodeAt(end - 1) === 32) end--;
  }
  const c0 = s.charCodeAt(start);
  if (c0 === 45 /* - */ || c0 === 0x2212 /* − */) {
    // "(-5)" is a negative number written both ways, not a double negation.
    neg = true;
    start++;
  } else if (c0 === 43 /* + */) start++;
  while (start < end && s.charCodeAt(start) === 32) start++;
  let percent = false;
  if (s.charCodeAt(end - 1) === 37 /* % */) {
    percent = true;
    end--;
    while (end > start && isSpace(s.charCodeAt(end - 1))) end--; // "12.5 %", with a no-break or ideographic space too
  }
  if (start >= end) return undefined;

  // Scan: digits, at most one '.', commas grouping the integer part by three.
  let intDigits = 0;
  let fracDigits = 0;
  let seenPoint = false;
  let groupLen = -1; // digits since the last comma; -1 = no comma yet
  let firstGroup = 0;
  let acc = 0;
  let accDigits = 0;
  let big = 0n;
  for (let i = start; i < end; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 48 && ch <= 57) {
      if (seenPoint) fracDigits++;
      else {
        intDigits++;
        if (groupLen >= 0) groupLen++;
        else firstGroup++;
      }
      acc = acc * 10 + (ch - 48);
      if (++accDigits === SAFE_DIGITS) {
        big = big * pow10(SAFE_DIGITS) + BigInt(acc);
        acc = 0;
        accDigits = 0;
      }
    } else if (ch === 46 /* . */ && !seenPoint) {
      if (groupLen >= 0 && groupLen !== 3) return undefined;
      seenPoint = true;
    } else if (ch === 44 /* , */ && !seenPoint) {
      if ((groupLen < 0 && (firstGroup < 1 || firstGroup > 3)) || (groupLen >= 0 && groupLen !== 3)) return undefined;
      groupLen = 0;
    } else return undefined;
  }
  if (groupLen >= 0 && !seenPoint && groupLen !== 3) return undefined;
  if (intDigits + fracDigits === 0 || intDigits > 30 || fracDigits > 12) return undefined;
  const isPct = percent || percentColumn;
  // mantissa × 10^-fracDigits, as fixed-point; a percentage is divided by 100 (exactly: 2 more decimals).
  const decimals = fracDigits + (isPct ? 2 : 0);
  const digits = BigInt(neg ? -acc : acc);
  const mantissa = big === 0n ? digits : (neg ? -big : big) * pow10(accDigits) + digits;
  return { v: mantissa * pow10(SCALE - decimals), decimals, percent: isPct };
}
