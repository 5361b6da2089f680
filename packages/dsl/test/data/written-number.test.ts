/**
 * Numbers as printed in disclosures (data/written-number.ts): the written form gives the value
 * exactly (never through a float) and its precision (the number of decimals). Thousands
 * separators must group by three; full-width digits and signs are read; parentheses mean a
 * negative amount; a lone dash or slash is a blank cell; a percentage is kept as a ratio.
 */
import { describe, expect, it } from 'vitest';
import { isBlankText, parseWrittenNumber } from '../../src/data/written-number';
import { toPlainString } from '../../src/evaluation/decimal';

/** `value/decimals` (value as an exact decimal; a percentage as its ratio), or blank / invalid. */
function read(raw: string | null, percentColumn = false): string {
  const n = parseWrittenNumber(raw, percentColumn);
  if (n === null) return 'blank';
  if (n === undefined) return 'invalid';
  return `${toPlainString(n.v)}/${n.decimals}${n.percent ? '%' : ''}`;
}

describe('plain numbers', () => {
  it.each([
    ['2,308.55', '2308.55/2'], ['2308.50', '2308.5/2'], ['0.00', '0/2'], ['0', '0/0'], ['12', '12/0'], ['00012', '12/0'],
    ['1,060.92', '1060.92/2'], ['12,345,678.9', '12345678.9/1'], ['999,999,999,999.999999', '999999999999.999999/6'],
    ['.5', '0.5/1'], ['5.', '5/0'], ['+5', '5/0'], ['  3.10 ', '3.1/2'],
  ])('%s → %s', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });

  it('keeps every written decimal, up to 12, and refuses more than 30 integer digits', () => {
    expect(read('0.123456789012')).toBe('0.123456789012/12');
    expect(read('0.1234567890123')).toBe('invalid');
    expect(read('9'.repeat(30))).toBe(`${'9'.repeat(30)}/0`);
    expect(read('9'.repeat(31))).toBe('invalid');
  });

  it('is exact where a float is not', () => {
    expect(read('0.1')).toBe('0.1/1');
    expect(read('9007199254740993')).toBe('9007199254740993/0');
    expect(read('123456789012345678901234567890')).toBe('123456789012345678901234567890/0');
  });
});

describe('thousands separators', () => {
  it.each(['1,06', '1,0600.00', ',123', '1,234,', '1,,234', '1.234,5', '1234,567', '12,34,567', '1,234.567,8', '1 000'])('%s is not a number', (raw) => {
    expect(read(raw)).toBe('invalid');
  });

  it('accepts groups of three with and without decimals', () => {
    expect(read('1,000')).toBe('1000/0');
    expect(read('100,000,000.01')).toBe('100000000.01/2');
  });
});

describe('signs and negatives', () => {
  it.each([
    ['-956.84', '-956.84/2'], ['−956.84', '-956.84/2'], ['－956.84', '-956.84/2'], ['(956.84)', '-956.84/2'], ['（956.84）', '-956.84/2'],
    ['( 12.00 )', '-12/2'], ['- 5', '-5/0'], ['-0.00', '0/2'],
  ])('%s → %s', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });

  it.each(['--5', '(5', '5)', '()', '( )', '-', '+-5', '5-'])('%s is not a negative number', (raw) => {
    expect(read(raw)).not.toMatch(/^-?\d/);
  });
});

describe('full-width digits and punctuation', () => {
  it.each([
    ['１２３', '123/0'], ['１，２３４．５', '1234.5/1'], ['１,２３４.５', '1234.5/1'], ['1，234.5', '1234.5/1'], ['１５．０３％', '0.1503/4%'],
  ])('%s → %s', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });
});

describe('blanks', () => {
  it.each([null, '', '  ', '-', '—', '－', '–', '——', '/', '／', '--', ' - '])('%j is a blank cell', (raw) => {
    expect(read(raw as string | null)).toBe('blank');
    expect(isBlankText(raw)).toBe(true);
  });

  it('tells a blank from zero', () => {
    expect(isBlankText('0')).toBe(false);
    expect(isBlankText('0.00')).toBe(false);
    expect(read('0.00')).toBe('0/2');
  });
});

describe('percentages', () => {
  it('keeps a percentage as a ratio with two more decimals', () => {
    expect(read('15.03%')).toBe('0.1503/4%');
    expect(read('15.03％')).toBe('0.1503/4%');
    expect(read('100%')).toBe('1/2%');
    expect(read('547.93%')).toBe('5.4793/4%');
    expect(read('-3.5%')).toBe('-0.035/3%');
    expect(read('0.5 %')).toBe('0.005/3%');
  });

  it('reads a bare number in a percent column as percentage points', () => {
    expect(read('15.03', true)).toBe('0.1503/4%');
    expect(read('15.03%', true)).toBe('0.1503/4%');
    expect(read('100', true)).toBe('1/2%');
  });

  it.each(['%', '-%', '12%%', '%12'])('%s is not a percentage', (raw) => {
    expect(read(raw)).toBe('invalid');
  });
});

describe('not numbers', () => {
  it.each(['abc', '1e3', '1E-2', 'NaN', 'Infinity', '0x1F', '1_000', '12元', '约 3', '3 万', '1.2.3', '..5', '٣'])('%s', (raw) => {
    expect(read(raw)).toBe('invalid');
  });
});

describe('spaces around a number that do not look like spaces', () => {
  // A PDF's or a web page's text: a no-break space (U+00A0), a zero-width space (U+200B), an
  // ideographic space (U+3000) around "123.45" made it "not an amount", with a message showing
  // nothing wrong; alone in a cell they were already blank.
  it.each([
    ['123.45\u00A0', '123.45/2'],
    ['\u00A0123.45', '123.45/2'],
    ['123.45\u200B', '123.45/2'],
    ['\u3000-956.84\u3000', '-956.84/2'],
    ['12.3%\u202F', '0.123/3%'],
    ['１２３\u00A0', '123/0'],
    ['10.00\u200E', '10/2'], // a direction mark
    ['\u00AD10.00', '10/2'], // a soft hyphen
    ['12.5\u00A0%', '0.125/3%'], // a percent sign after a no-break or ideographic space, as after a space
    ['12.5\u3000%', '0.125/3%'],
  ])('%j reads as %s', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });

  it('a cell of such spaces, or of a dash between them, is blank', () => {
    for (const raw of ['\u00A0', '\u200B', '\u3000-\u3000', '\u00A0—']) expect(isBlankText(raw), JSON.stringify(raw)).toBe(true);
    // However many (a spreadsheet or a PDF's text pads a cell): it was "not an amount" past 4 characters.
    for (const raw of ['     ', '\u3000\u3000\u3000\u3000\u3000', '   -   ', '\u3000\u3000——\u3000\u3000', '\u200B\u200B\u200B\u200B\u200B\u200B']) expect(isBlankText(raw), JSON.stringify(raw)).toBe(true);
    for (const raw of ['  x  ', '合计合计合计', '-----']) expect(isBlankText(raw), JSON.stringify(raw)).toBe(false);
  });

  it('inside a number they still make it not a number (1\u00A0234.56 is not read as 1234.56 nor as 1)', () => {
    expect(read('1\u00A0234.56')).toBe('invalid');
  });
});
