/**
 * CSV (`--format csv`): one row per finding, for spreadsheets. UTF-8 with a byte-order mark so
 * Excel reads the Chinese text correctly; RFC 4180 quoting.
 */
import * as path from 'node:path';
import { formatMessage } from '../diagnostics/diagnostic';
import { findingWhere, isProblem, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporter';
import type { Chunk, Output } from './sink';

const HEADER = ['document', 'unit', 'year', 'rule', 'title', 'severity', 'outcome', 'where', 'message', 'actual', 'expected', 'difference', 'data_file', 'line', 'column'];

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
      row([doc, e.result?.unit, e.result?.year, d.code, '', d.severity, 'data', '', formatMessage(d, this.run.lang), '', '', '', path.relative(this.run.cwd, d.span.file), d.span.line, d.span.col]);
    }
    if (!e.result) return lines.join('');
    for (const rule of e.result.rules) {
      const title = en ? rule.title.en : rule.title.zh;
      if (rule.error) row([doc, e.result.unit, e.result.year, rule.id, title, 'error', 'error', '', en ? rule.error.message.en : rule.error.message.zh, '', '', '', '', '', '']);
      for (const f of rule.findings) {
        if (!isProblem(f.outcome)) continue;
        const c = f.comparison;
        const at = f.reads[0]?.span ?? f.bindings[0]?.span;
        row([
          doc, e.result.unit, e.result.year, rule.id, title, f.severity, f.outcome, findingWhere(f), en ? f.message.en : f.message.zh,
          c?.actual.exact ?? (c ? (en ? c.actual.text.en : c.actual.text.zh) : ''), c?.expected.exact ?? (c ? (en ? c.expected.text.en : c.expected.text.zh) : ''), c?.difference?.exact,
          at ? path.relative(this.run.cwd, at.file) : '', at?.line, at?.col,
        ]);
      }
    }
    return lines.join('');
  }

  end(_summary: RunSummary): void {}
}
