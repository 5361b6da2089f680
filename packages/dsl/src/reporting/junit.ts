/**
 * JUnit XML (`--format junit`): one test suite per document, one test case per document × rule,
 * so CI systems show which documents failed which rules.
 */
import * as path from 'node:path';
import { formatMessage, type Diagnostic } from '../diagnostics/diagnostic';
import type { Finding } from '../evaluation/results';
import { findingPlace, findingWhere, incompleteText, isNote, isProblem, omittedNote, oneLineText, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporter';
import type { Chunk, Output } from './sink';

export function xml(s: string): string {
  // Characters XML 1.0 cannot carry are dropped (control characters, U+FFFE, U+FFFF, a lone
  // surrogate); those beyond the BMP (𡒄, 𠀀 in names; emoji) are kept, as pairs; the five specials are escaped.
  return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export class JUnitReporter implements Reporter {
  private run!: RunInfo;

  constructor(private readonly out: Output) {}

  begin(run: RunInfo): void {
    this.run = run;
    this.out.write(`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="suan">\n`);
  }

  document(e: DocumentEntry): void {
    this.out.write(this.render(e));
  }

  writeRendered(text: Chunk): void {
    this.out.write(text);
  }

  render(e: DocumentEntry): string {
    const name = xml(path.relative(this.run.cwd, e.file) || e.file);
    const en = this.run.lang === 'en';
    if (!e.result) {
      const msg = e.diagnostics.map((d) => formatMessage(d, this.run.lang)).join('\n');
      return `  <testsuite name="${name}" tests="1" failures="0" errors="1" skipped="0" time="0">\n    <testcase classname="${name}" name="load" time="0"><error message="${xml(e.diagnostics[0] ? formatMessage(e.diagnostics[0], this.run.lang) : 'cannot load')}" type="${e.diagnostics[0]?.code ?? 'SUAN5007'}">${xml(msg)}</error></testcase>\n  </testsuite>\n`;
    }
    const r = e.result;
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    const cases: string[] = [];
    // Data errors in a document that loaded (a table whose CSV is missing, a cell that is not a
    // number): one test case in error, so that a CI does not show the document as green.
    const dataErrors = e.diagnostics.filter((d) => d.severity === 'error');
    // Data warnings without errors (a key that is no code, a misspelt column: rules that may have had
    // nothing to check) fail it as a warning, as they count for --fail-on warning: the CI's red has a cause to show.
    const dataWarnings = e.diagnostics.filter((d) => d.severity === 'warning');
    const dataDetail = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${formatMessage(d, this.run.lang)} (${this.place(d.span)})`).join('\n');
    if (dataErrors.length) {
      errors++;
      cases.push(`    <testcase classname="${name}" name="data" time="0"><error message="${xml(formatMessage(dataErrors[0]!, this.run.lang))}" type="${dataErrors[0]!.code}">${xml(dataDetail([...dataErrors, ...dataWarnings]))}</error></testcase>`);
    } else if (dataWarnings.length) {
      failures++;
      cases.push(`    <testcase classname="${name}" name="data" time="0"><failure message="${xml(formatMessage(dataWarnings[0]!, this.run.lang))}" type="warning">${xml(dataDetail(dataWarnings))}</failure></testcase>`);
    }
    for (const rule of r.rules) {
      // Errors and warnings (coarse readings included: they count as their severity, as in the
      // summary and for --fail-on) fail the test case; notes (info findings, a scorecard's
      // indicators that cannot be computed) are its <system-out>, whatever else it has.
      const problems = rule.findings.filter((f) => isProblem(f.outcome) && f.severity !== 'info');
      const notes = rule.findings.filter((f) => (isProblem(f.outcome) && f.severity === 'info') || isNote(rule, f));
      // A test case's name is the same whatever the report's language (CI keeps a test's history
      // by its name): the rule's id and its title as the ruleset writes it first.
      const head = `    <testcase classname="${name}" name="${xml(`${rule.id} ${this.titles(rule)}`)}" time="0">`;
      const out = notes.length ? `<system-out>${xml(notes.map((f) => this.line(f)).join('\n'))}</system-out>` : '';
      if (rule.error) {
        errors++;
        cases.push(`${head}<error message="${xml(en ? rule.error.message.en : rule.error.message.zh)}" type="${rule.error.code}"/>${out}</testcase>`);
      } else if (problems.length) {
        failures++;
        const omitted = omittedNote(rule, this.run.lang);
        const detail = [...problems.map((f) => this.line(f)), ...(omitted ? [omitted.text] : [])].join('\n');
        cases.push(`${head}<failure message="${xml(this.line(problems[0]!))}" type="${problems.some((f) => f.severity === 'error') ? 'error' : 'warning'}">${xml(detail)}</failure>${out}</testcase>`);
      } else if (rule.counts.pass === 0 && !notes.length && (rule.counts.na > 0 || rule.counts.coarse + rule.counts.fail + rule.counts.error === 0)) {
        // Not applicable, or nothing to check at all (a table the document lacks or that could not be read): not a pass.
        skipped++;
        const why = rule.counts.na > 0 ? (en ? 'not applicable' : '不适用') : (en ? 'nothing to check' : '没有可检查的内容');
        cases.push(`${head}<skipped message="${xml(why)}"/></testcase>`);
      } else cases.push(`${head}${out}</testcase>`);
    }
    return `  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(r.ms / 1000).toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>\n`;
  }

  /** One line per finding, whatever line breaks its message took from the data (a cell's text). */
  private line(f: Finding): string {
    const m = this.run.lang === 'en' ? f.message.en : f.message.zh;
    const at = findingPlace(f);
    return oneLineText(`[${f.severity}/${f.outcome}] ${findingWhere(f)} ${m}${at ? ` (${this.place(at)})` : ''}`);
  }

  /** A rule's title as its ruleset writes it first (a scorecard's too), by id, made once. */
  private titles(rule: { id: string; title: { zh: string } }): string {
    let t = this.firstTitles.get(rule.id);
    if (t === undefined) {
      const sym = this.run.program.rules.find((x) => x.id === rule.id) ?? this.run.program.scorecards.find((x) => x.id === rule.id);
      t = sym?.decl.title?.variants[0]?.value ?? rule.title.zh;
      this.firstTitles.set(rule.id, t);
    }
    return t;
  }
  private readonly firstTitles = new Map<string, string>();

  /** `data/a.yaml:12:7`, relative to the folder suan runs in. */
  private place(span: { file: string; line: number; col: number }): string {
    return `${path.relative(this.run.cwd, span.file)}:${span.line}:${span.col}`;
  }

  end(summary: RunSummary): void {
    // A run that stopped before its end says so where CI systems show it: a suite with one error.
    if (summary.incomplete) {
      // Named the same in every language, as the other test cases are.
      this.out.write(`<testsuite name="suan" tests="1" failures="0" errors="1" skipped="0"><testcase name="run incomplete" classname="suan"><error message="${xml(incompleteText(summary.incomplete, this.run.lang))}"/></testcase></testsuite>\n`);
    }
    this.out.write('</testsuites>\n');
  }
}
