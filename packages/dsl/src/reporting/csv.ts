/**
 * CSV (`--format csv`): one row per finding, for spreadsheets. UTF-8 with a byte-order mark so
 * Excel reads the Chinese text correctly; RFC 4180 quoting. A row's actual, expected and
 * difference are plain numbers in one unit, the one its last column names (see `comparisonCells`).
 */
import * as path from 'node:path';
import { formatMessage } from '../diagnostics/diagnostic';
import { digitsOf, fixedText, parseDecimal, shiftDigits } from '../evaluation/decimal';
import type { ComparisonView, ValueView } from '../evaluation/results';
import { MONEY_UNITS } from '../semantics/types';
import { findingPlace, findingWhere, incompleteText, isReported, omittedNote, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporter';
import type { Chunk, Output } from './sink';

/** New columns are added at the end, so that the positions of the others stay. */
const HEADER = ['document', 'unit', 'year', 'rule', 'title', 'severity', 'outcome', 'where', 'message', 'actual', 'expected', 'difference', 'data_file', 'line', 'column', 'value_unit'];

/**
 * A field as written: RFC 4180 quoting; and text that a spreadsheet would run as a formula (it
 * starts with =, +, -, @, a tab or a carriage return: a data file's text can) begins with ' so
 * that it stays text, as OWASP advises against CSV injection. Quoting alone does not stop Excel.
 * Numbers, negative ones included, stay numbers.
 */
export function csvField(v: string | number | undefined): string {
  let s = v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^[-+]?\d[\d,]*(\.\d+)?%?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A comparison's numbers as a row shows them: actual, expected, difference, and their unit. */
export interface ComparisonCells {
  actual: string;
  expected: string;
  difference: string;
  unit: string;
}

/**
 * The three numbers of a comparison, comparable and readable in a spreadsheet:
 *
 * - in one unit, the actual's (as the finding's message puts it): an expected amount in 元 next to
 *   an actual in 万元 is shown in 万元, and so is the difference (2,173,565.51 元 → 217.356551);
 *   when the actual is not a number (a blank), the expected's unit;
 * - percentages in percent (81.49, unit `%`), not as ratios;
 * - each with the decimals the report's text shows for it (the written decimals of a reported
 *   number, 2 for a computed amount or percentage), carried into the row's unit (2 decimals of 元
 *   are 6 of 万元), so that a quotient's 18 decimals are not shown; then without trailing zeros;
 * - plain numbers: a point, no thousands separators, no unit, so that a spreadsheet computes with them.
 *
 * A value that is not a number (a blank, a text) is shown as its text. The unit is `元`, `万元` …
 * for amounts, `%` for percentages, empty for counts, scores and other numbers.
 */
export function comparisonCells(c: ComparisonView | undefined, lang: 'zh-CN' | 'en'): ComparisonCells {
  if (!c) return { actual: '', expected: '', difference: '', unit: '' };
  const lead = [c.actual, c.expected, c.difference].find(isNumber);
  const percent = lead?.kind === 'percent';
  const money = percent ? undefined : [c.actual, c.expected, c.difference].find((v) => isNumber(v) && v.kind === 'money' && v.unit && MONEY_UNITS[v.unit])?.unit;
  const cell = (v: ValueView | undefined): string => {
    if (!v) return '';
    if (!isNumber(v)) return lang === 'en' ? v.text.en : v.text.zh;
    // How many places to move the decimal point: ×100 for percent; 元 → 万元 is ÷10,000.
    let shift = percent ? 2 : 0;
    if (money && v.kind === 'money' && v.unit && v.unit !== money && MONEY_UNITS[v.unit]) shift += exponent(MONEY_UNITS[v.unit]!) - exponent(MONEY_UNITS[money]!);
    const shown = shownDecimals(v);
    const places = shown === undefined ? undefined : Math.max(0, shown - shift);
    const d = shiftDigits(digitsOf(parseDecimal(v.exact)!), shift);
    return trimZeros(fixedText(d, places, false));
  };
  return { actual: cell(c.actual), expected: cell(c.expected), difference: cell(c.difference), unit: percent ? '%' : money ?? '' };
}

function isNumber(v: ValueView | undefined): v is ValueView & { exact: string } {
  return v !== undefined && v.exact !== undefined && /^-?\d+(\.\d+)?$/.test(v.exact);
}

/** 10,000 → 4. */
function exponent(factor: bigint): number {
  return factor.toString().length - 1;
}

/**
 * The decimals of a value's own exact form that its text shows: "1,174.2 万元" → 1, "-44.90%" → 4
 * (the ratio -0.4490), "22" → 0; undefined when the text shows no number.
 */
function shownDecimals(v: ValueView): number | undefined {
  const m = /^-?\d[\d,]*(?:\.(\d+))?/.exec(v.text.en);
  if (!m) return undefined;
  return (m[1]?.length ?? 0) + (v.kind === 'percent' ? 2 : 0);
}

/** "217.360000" → "217.36", "0.000000" → "0". */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export class CsvReporter implements Reporter {
  private run!: RunInfo;

  constructor(private readonly out: Output) {}

  begin(run: RunInfo): void {
    this.run = run;
    this.out.write(`\uFEFF${HEADER.join(',')}\r\n`);
  }

  document(e: DocumentEntry): void {
    this.out.write(this.render(e));
  }

  writeRendered(text: Chunk): void {
    this.out.write(text);
  }

  render(e: DocumentEntry): string {
    const lines: string[] = [];
    const row = (cells: (string | number | undefined)[]) => lines.push(`${cells.map(csvField).join(',')}\r\n`);
    const doc = path.relative(this.run.cwd, e.file) || e.file;
    const en = this.run.lang === 'en';
    for (const d of e.diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      row([doc, e.result?.unit, e.result?.year, d.code, '', d.severity, 'data', '', formatMessage(d, this.run.lang), '', '', '', path.relative(this.run.cwd, d.span.file), d.span.line, d.span.col, '']);
    }
    if (!e.result) return lines.join('');
    for (const rule of e.result.rules) {
      const title = en ? rule.title.en : rule.title.zh;
      if (rule.error) row([doc, e.result.unit, e.result.year, rule.id, title, 'error', 'error', '', en ? rule.error.message.en : rule.error.message.zh, '', '', '', '', '', '', '']);
      for (const f of rule.findings) {
        if (!isReported(rule, f)) continue;
        const n = comparisonCells(f.comparison, this.run.lang);
        const at = findingPlace(f);
        row([
          doc, e.result.unit, e.result.year, rule.id, title, f.severity, f.outcome, findingWhere(f), en ? f.message.en : f.message.zh,
          n.actual, n.expected, n.difference,
          at ? path.relative(this.run.cwd, at.file) : '', at?.line, at?.col, n.unit,
        ]);
      }
      // Findings past the first 1,000 of the rule in this document: one row says how many (outcome `omitted`).
      const omitted = omittedNote(rule, this.run.lang);
      if (omitted) row([doc, e.result.unit, e.result.year, rule.id, title, omitted.severity, 'omitted', '', omitted.text, omitted.count, '', '', '', '', '', '']);
    }
    return lines.join('');
  }

  /** A run that stopped early ends with a row that says so (outcome `incomplete`; `actual`: documents checked, `expected`: of how many). */
  end(summary: RunSummary): void {
    if (!summary.incomplete) return;
    const { checked, documents } = summary.incomplete;
    const text = incompleteText(summary.incomplete, this.run.lang);
    this.out.write(`${['', '', '', '', '', 'error', 'incomplete', '', text, checked, documents, '', '', '', '', ''].map(csvField).join(',')}\r\n`);
  }
}
