/**
 * The CSV report (reporting/csv.ts): quoting, text that a spreadsheet must not run as a formula,
 * and a finding's numbers, comparable (one unit, named) and plain.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../fixtures/csv';
import { checkDisclosure, loadRuleset } from '../../src/index';
import { halfUnit, parseDecimal } from '../../src/evaluation/decimal';
import { viewOf } from '../../src/evaluation/format';
import type { ComparisonView, ValueView } from '../../src/evaluation/results';
import { exact, reported } from '../../src/evaluation/values';
import { comparisonCells, csvField, CsvReporter } from '../../src/reporting/csv';
import type { RunSummary } from '../../src/reporting/reporter';
import { Sink } from '../../src/reporting/sink';
import { nodeFileHost, type SourceHost } from '../../src/semantics/sources';

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('合成单位, "甲"')).toBe('"合成单位, ""甲"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain 文本')).toBe('plain 文本');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
  });

  // A data file's text reaches the report (units, item names, messages quoting cells). Before,
  // such text was only quoted, and Excel still runs a quoted =HYPERLINK(…) as a formula.
  it('keeps text that starts like a formula as text, with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://x","点此")')).toBe(`"'=HYPERLINK(""http://x"",""点此"")"`);
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
  });

  it('leaves numbers as numbers, negative ones included', () => {
    for (const n of ['-100.00', '+3', '12.5%', '0']) expect(csvField(n)).toBe(n);
    expect(csvField('-1,500.00')).toBe('"-1,500.00"'); // quoted for its comma, not marked as text
  });
});

// ── The numbers of a finding (`comparisonCells`, CsvReporter) ──────────────────────────────

const RULESETS = path.resolve(__dirname, '../../../../rulesets');
let host: SourceHost;

beforeAll(async () => {
  host = await nodeFileHost();
});

/** The CSV report of `files` checked with `ruleset`, as rows of fields (BOM and quoting undone). */
function csvOf(ruleset: string, files: string[], lang: 'zh-CN' | 'en' = 'en'): string[][] {
  const rs = loadRuleset(ruleset, host);
  const out = Sink.memory();
  const reporter = new CsvReporter(out);
  reporter.begin({ program: rs.program, lang, cwd: RULESETS, toolVersion: 'test' });
  for (const file of files) {
    const { load, result } = checkDisclosure(rs.compiled!, file, host);
    reporter.document({ file, result, diagnostics: result ? result.diagnostics : load.diagnostics });
  }
  reporter.end({} as RunSummary);
  return parseCsv(out.text().replace(/^\uFEFF/, ''));
}

/** A row's actual, expected, difference and the unit they are in. */
const numbers = (r: string[]) => [r[9], r[10], r[11], r[15]];

describe('the numbers of a CSV row', () => {
  const juesuan = path.join(RULESETS, 'juesuan/juesuan.suan');
  const examples = fs.readdirSync(path.join(RULESETS, 'juesuan/examples')).map((f) => path.join(RULESETS, 'juesuan/examples', f));

  it('appends the unit as the last column, so that the other columns keep their places', () => {
    const rows = csvOf(juesuan, examples);
    expect(rows[0]).toEqual(['document', 'unit', 'year', 'rule', 'title', 'severity', 'outcome', 'where', 'message', 'actual', 'expected', 'difference', 'data_file', 'line', 'column', 'value_unit']);
    expect(rows.every((r) => r.length === 16)).toBe(true);
  });

  // Before: JS1101 read actual 217.36 (万元), expected 0 (元), difference 2173600 (元); JS1211
  // 1174.2 (万元), 2173565.51 (元), 9568434.49 (元), and no unit said which was which.
  it('are in one unit, the actual\'s, as the message puts them', () => {
    const rows = csvOf(juesuan, examples);
    const row = (rule: string) => rows.find((r) => r[3] === rule)!;
    expect(numbers(row('JS1101'))).toEqual(['217.36', '0', '217.36', '万元']);
    expect(row('JS1101')[8]).toContain('difference 217.36 万元');
    expect(numbers(row('JS1211'))).toEqual(['1174.2', '217.356551', '956.843449', '万元']); // 2,173,565.51 元, exactly
    expect(row('JS1211')[8]).toContain('difference 956.84 万元');
    expect(numbers(row('JS1502'))).toEqual(['276', '0', '276', '万元']);
    expect(numbers(row('JS0202'))).toEqual(['1846703.26', '1846709.26', '-6', '元']);
    expect(numbers(row('JS1207'))).toEqual(['-956.84', '-891.233793', '-65.606207', '万元']);
  });

  // Before: -0.8149, -0.449001426533523538, -0.365898573466476462.
  it('shows percentages in percent, with the decimals the finding shows, not a ratio with 18 decimals', () => {
    const rows = csvOf(juesuan, examples);
    const row = (rule: string) => rows.find((r) => r[3] === rule)!;
    expect(numbers(row('JS1209'))).toEqual(['-81.49', '-44.9', '-36.59', '%']);
    expect(row('JS1209')[8]).toContain('so the rate is -44.90%');
    expect(numbers(row('JS1503'))).toEqual(['126', '100', '26', '%']);
  });

  it('are plain numbers a spreadsheet computes with, whose difference is actual − expected', () => {
    const rows = csvOf(juesuan, examples, 'zh-CN').slice(1);
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      if (r[3] === 'JS0001') { // tables missing: no numbers compared, the cells are empty
        expect([r[9], r[10], r[11]]).toEqual(['', '', '']);
        continue;
      }
      for (const n of [r[9], r[10], r[11]]) expect(n).toMatch(/^-?\d+(\.\d{1,6})?$/);
      // Shown exactly, or each rounded as the report's text rounds it: the difference is the
      // difference of the two shown, to within the rounding of the last decimal.
      const [a, e, d] = [r[9], r[10], r[11]].map((n) => parseDecimal(n!)!);
      const off = a! - e! - d!;
      expect(off < 0n ? -off : off, r.join(',')).toBeLessThanOrEqual(parseDecimal('0.01')!);
    }
  });
});

describe('comparisonCells', () => {
  const money = (v: string, unit: string, dec: number) => viewOf(reported(parseDecimal(v)!, 'money', unit, dec, halfUnit(dec)));
  const cmp = (actual: ValueView, expected: ValueView, difference?: ValueView): ComparisonView => ({ op: '≈', actual, expected, difference });

  it('brings amounts in 亿元, 千元 and 元 to the actual\'s unit, exactly', () => {
    expect(comparisonCells(cmp(money('1.23', '亿元', 2), money('12300000.5', '元', 1), viewOf(exact(parseDecimal('-0.5')!, 'money', '元'))), 'en'))
      .toEqual({ actual: '1.23', expected: '0.123000005', difference: '-0.000000005', unit: '亿元' });
    expect(comparisonCells(cmp(money('1234567.89', '元', 2), money('1234.57', '千元', 2)), 'en'))
      .toEqual({ actual: '1234567.89', expected: '1234570', difference: '', unit: '元' });
  });

  it('shows a ratio compared with a percentage as the actual shows it, a ratio', () => {
    const ratio = viewOf(reported(parseDecimal('0.8359')!, 'number', undefined, 4, halfUnit(4)));
    const pct = viewOf(reported(parseDecimal('0.8358')!, 'percent', undefined, 4, halfUnit(4)));
    expect(pct.text.en).toBe('83.58%');
    expect(comparisonCells(cmp(ratio, pct), 'en')).toEqual({ actual: '0.8359', expected: '0.8358', difference: '', unit: '' });
    expect(comparisonCells(cmp(pct, ratio), 'en')).toEqual({ actual: '83.58', expected: '83.59', difference: '', unit: '%' });
  });

  it('rounds a computed quotient as its text does, and shows a value that is not a number as its text', () => {
    const third = viewOf(exact(parseDecimal('1')! / 3n, 'percent', undefined));
    expect(third.exact).toBe('0.333333333333333333');
    const blank: ValueView = { text: { zh: '（空白）', en: '(blank)' }, kind: 'blank' };
    expect(comparisonCells(cmp(blank, money('12.50', '万元', 2)), 'zh-CN')).toEqual({ actual: '（空白）', expected: '12.5', difference: '', unit: '万元' });
    expect(comparisonCells(cmp(third, viewOf(exact(0n, 'percent', undefined)), viewOf(exact(parseDecimal('1')! / 3n, 'percent', undefined))), 'en'))
      .toEqual({ actual: '33.33', expected: '0', difference: '33.33', unit: '%' });
    expect(comparisonCells(undefined, 'en')).toEqual({ actual: '', expected: '', difference: '', unit: '' });
  });
});

