/**
 * The human report of `suan check`: per document, rules grouped with their findings and the
 * numbers behind them, then a summary. Colour only when asked (a TTY).
 */
import * as path from 'node:path';
import { formatMessage, type Diagnostic, type Lang } from '../diagnostics/diagnostic';
import { counted } from '../diagnostics/locale';
import { localisedTitle, type ComparisonView, type Finding, type Localised, type RuleResult, type ValueView } from '../evaluation/results';
import { firstOfEachCode, isNote, isProblem, omittedNote, oneLineText, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporter';
import type { Chunk, Output } from './sink';
import { renderScorecardText } from './scorecard-text';

export interface TextOptions {
  lang: Lang;
  color: boolean;
  /** Show passing rules and info-level data notes too. */
  verbose: boolean;
  /** Paths are shown relative to this directory. */
  cwd: string;
}

const ANSI = { red: 31, yellow: 33, blue: 34, green: 32, gray: 90, bold: 1, cyan: 36 } as const;

const LABELS = {
  'zh-CN': {
    documents: '个文件', rules: '条规则', errors: '错误', warnings: '警告', infos: '提示', coarse: '粗略取整', na: '不适用',
    passed: '通过', failing: '处不符', erred: '处出错', time: '用时', summary: '汇总', ruleset: '规则集', notLoaded: '未能读取',
    actual: '实际', expected: '期望', difference: '差额', distance: '区间最小距离', tolerance: '容差', interval: '区间',
    where: '位置', values: '中间值', notApplicable: '不适用', allPassed: '全部通过', passedOnWhatWasRead: '能读取的数据上没有不符', passedWithWarnings: '没有规则不符，但请看上面关于数据的警告', rulesetProblems: '规则集问题',
    error: '错误', warning: '警告', info: '提示', dataProblems: '数据问题', dataErrors: '数据有错误的文件', dataWarnings: '数据有警告的文件',
  },
  en: {
    documents: 'documents', rules: 'rules', errors: 'errors', warnings: 'warnings', infos: 'notes', coarse: 'coarse readings', na: 'not applicable',
    passed: 'passed', failing: 'failing', erred: 'in error', time: 'time', summary: 'Summary', ruleset: 'Ruleset', notLoaded: 'could not be read',
    actual: 'actual', expected: 'expected', difference: 'difference', distance: 'interval distance', tolerance: 'tolerance', interval: 'interval',
    where: 'at', values: 'values', notApplicable: 'not applicable', allPassed: 'all passed', passedOnWhatWasRead: 'no rule failed on the data that could be read', passedWithWarnings: 'no rule failed, but see the warnings about the data above', rulesetProblems: 'Ruleset problems',
    error: 'error', warning: 'warning', info: 'info', dataProblems: 'Data problems', dataErrors: 'documents with data errors', dataWarnings: 'documents with data warnings',
  },
} as const;

type Paint = (code: keyof typeof ANSI, s: string) => string;

/**
 * Report text as a terminal should receive it: control characters that came with the data (a
 * document's unit, a cell's text or a file name can hold escape sequences that move the cursor,
 * rewrite lines or retitle the window) are shown escaped, as \x1b. With `colour`, the report's own
 * colour codes are kept (ESC[31m, ESC[0m: those of its palette); without it (a file, a CI log,
 * --no-color) every escape is shown escaped, so that a cell cannot hide the rest of a log
 * (ESC[8m) or recolour it. Tab and newline stay.
 */
export function terminalSafe(s: string, colour = true): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[([0-9;]*)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (m, codes: string | undefined) =>
    (codes !== undefined && colour && OWN_CODES.has(codes) ? m : `\\x${m.charCodeAt(0).toString(16).padStart(2, '0')}${m.slice(1)}`));
}
/**
 * The report's lines as text: each on its one line, whatever line breaks the data put in it (a
 * cell's text in a finding's message, an indicator's name in a scorecard's table: shown as a space).
 */
function joinLines(lines: readonly string[]): string {
  return lines.map(oneLineText).join('\n');
}

/** A file name on one line: its line breaks shown escaped (\n, \r). */
function oneLine(name: string): string {
  return name.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}
/** The colour codes the report itself writes (its palette, and the reset). */
const OWN_CODES = new Set(['0', ...Object.values(ANSI).map(String)]);

/** Streams the human report. */
export class TextReporter implements Reporter {
  private run!: RunInfo;
  private readonly L: (typeof LABELS)[Lang];
  private readonly c: Paint;

  constructor(private readonly out: Output, private readonly o: TextOptions) {
    this.L = LABELS[o.lang];
    this.c = (code, s) => (o.color ? `\u001b[${ANSI[code]}m${s}\u001b[0m` : s);
  }

  /** `file:line:col`, one line whatever the file's name holds (a line break shows escaped, as in the document's heading). */
  private loc(f: string, line: number, col: number): string {
    return `${oneLine(path.relative(this.o.cwd, f) || f)}:${line}:${col}`;
  }

  /** Why a rule (or scorecard) could not be run to its end, and where it is written. */
  private ruleErrorLine(rule: RuleResult): string {
    return `      ${this.c('red', this.pick(rule.error!.message))}  ${this.c('gray', this.loc(rule.file, rule.span.line, rule.span.col))}`;
  }

  private pick(t: Localised): string {
    return this.o.lang === 'en' ? t.en : t.zh;
  }

  private diagLine(d: Diagnostic, indent: string): string {
    const { c, L } = this;
    return `${indent}${c(sevColor(d.severity), `${L[d.severity === 'hint' ? 'info' : d.severity]} ${d.code}`)} ${formatMessage(d, this.o.lang)}  ${c('gray', this.loc(d.span.file, d.span.line, d.span.col))}`;
  }

  begin(run: RunInfo): void {
    this.run = run;
    const { program } = run;
    const { c, L } = this;
    const lines: string[] = [];
    const title = program.info.title
      ? this.pick(localisedTitle(program.info.title, ''))
      : program.info.id ?? path.basename(program.entry);
    lines.push(c('bold', `suan check · ${title}${program.info.version ? ` v${program.info.version}` : ''}`));
    const rulesetDiags = program.diagnostics.filter((d) => this.o.verbose || d.severity !== 'hint');
    if (rulesetDiags.length) {
      lines.push('', c('bold', L.rulesetProblems));
      for (const d of rulesetDiags) lines.push(this.diagLine(d, '  '));
    }
    this.out.write(terminalSafe(`${joinLines(lines)}\n`, this.o.color));
  }

  document(e: DocumentEntry): void {
    this.out.write(this.render(e));
  }

  writeRendered(text: Chunk): void {
    this.out.write(text);
  }

  render(e: DocumentEntry): string {
    const { c, L, o } = this;
    const r = e.result;
    const lines: string[] = [''];
    // One line, whatever the data's unit or kind holds (`joinLines`).
    const head = r ? [r.unit, r.year, r.kind].filter(Boolean).join(' ') : '';
    // A file name with a line break in it (a file system allows one) shows it escaped, on its line.
    lines.push(c('bold', `■ ${oneLine(path.relative(o.cwd, e.file) || e.file)}`) + (head ? `  ${head}` : ''));
    const shown = e.diagnostics.filter((d) => o.verbose || d.severity === 'error' || d.severity === 'warning');
    const hidden = e.diagnostics.length - shown.length;
    if (!r) {
      lines.push(`  ${c('red', L.notLoaded)}`);
      this.diagLines(shown, lines);
      return terminalSafe(`${joinLines(lines)}\n`, this.o.color);
    }
    if (shown.length) {
      lines.push(`  ${c('bold', L.dataProblems)}`);
      this.diagLines(shown, lines);
    }
    // "data notes": the summary's "notes" count the rules' findings, which this is not.
    if (hidden > 0) lines.push(c('gray', o.lang === 'en' ? `  (${counted(hidden, 'data note')} hidden; --verbose shows them)` : `  （${hidden} 条数据提示已省略，--verbose 可显示）`));
    let allPass = true;
    let notes = 0;
    for (const rule of r.rules) {
      const bad = rule.findings.filter((f) => isProblem(f.outcome));
      for (const f of rule.findings) if (isNote(rule, f)) notes++;
      // A scorecard is shown as its table (with the trails of its disputed indicators).
      const card = rule.kind === 'scorecard' ? r.scorecards?.find((s) => s.id === rule.id) : undefined;
      if (card) {
        if (bad.length || rule.error) allPass = false;
        lines.push(...renderScorecardText(card, o, c));
        if (rule.error) lines.push(this.ruleErrorLine(rule));
        continue;
      }
      if (bad.length === 0 && !rule.error) {
        if (o.verbose) lines.push(`  ${c('green', '✓')} ${rule.id} ${this.pick(rule.title)}  ${c('gray', ruleCounts(rule, L))}`);
        continue;
      }
      allPass = false;
      const mark = rule.error ? c('red', '✗') : c(sevColor(worst(bad)), bad.some((f) => f.outcome === 'fail' || f.outcome === 'error') ? '✗' : '≈');
      lines.push(`  ${mark} ${c('bold', rule.id)} ${this.pick(rule.title)}  ${c('gray', ruleCounts(rule, L))}`);
      if (rule.error) lines.push(this.ruleErrorLine(rule));
      const listed = o.verbose ? bad : bad.slice(0, FINDINGS_LISTED_PER_RULE);
      for (const f of listed) lines.push(...findingLines(f, o, L, c, (a, b, d) => this.loc(a, b, d), (t) => this.pick(t)));
      if (listed.length < bad.length) lines.push(c('gray', this.unlisted(bad.length - listed.length, 'finding', rule.id, '      ')));
      const omitted = omittedNote(rule, o.lang);
      if (omitted) lines.push(c('gray', `      ${omitted.text}`));
    }
    if (allPass) {
      // With data errors (a table that could not be read) or warnings (a table without its columns,
      // a misspelt column: rules not applicable), "all passed" would claim too much.
      // Rules that had nothing to check (a table the document does not have): "all passed" is
      // about the others, and says how many.
      const idle = r.rules.filter((x) => !x.error && x.counts.pass + x.counts.fail + x.counts.coarse + x.counts.error === 0).length;
      const counts = o.lang === 'en'
        ? ` (${this.counted(r.rules.length, 'rules')}, ${counted(r.counts.pass, 'check')} passed${idle ? `; ${idle === 1 ? '1 rule' : `${idle} rules`} had nothing to check` : ''})`
        : `（${this.counted(r.rules.length, 'rules')}，${r.counts.pass} 项检查通过${idle ? `；${idle} 条规则没有可检查的数据` : ''}）`;
      if (e.diagnostics.some((d) => d.severity === 'error')) lines.push(`  ${c('yellow', '!')} ${L.passedOnWhatWasRead}${counts}`);
      else if (e.diagnostics.some((d) => d.severity === 'warning')) lines.push(`  ${c('yellow', '!')} ${L.passedWithWarnings}${counts}`);
      // A scorecard's indicators that cannot be computed (its table shows them with ?): not all checked.
      else if (notes) lines.push(`  ${c('blue', 'ℹ')} ${o.lang === 'en' ? `no rule failed, but ${notes === 1 ? '1 indicator' : `${notes} indicators`} could not be scored (see the table above)` : `没有规则不符，但有 ${notes} 个指标无法计算得分（见上表）`}${counts}`);
      else lines.push(`  ${c('green', '✓')} ${L.allPassed}${counts}`);
    }
    return terminalSafe(`${joinLines(lines)}\n`, this.o.color);
  }

  /** A document's diagnostics, each code's first few (all with --verbose), then how many more. */
  private diagLines(shown: readonly Diagnostic[], lines: string[]): void {
    const { listed, left } = this.o.verbose ? { listed: shown, left: new Map<string, number>() } : firstOfEachCode(shown);
    for (const d of listed) lines.push(this.diagLine(d, '    '));
    for (const [code, n] of left) lines.push(this.c('gray', this.unlisted(n, 'problem', code, '    ')));
  }

  /** "… and 12 more findings of JS0302 (--verbose lists them all)": what a long list left out. */
  private unlisted(n: number, what: 'finding' | 'problem', of: string, indent: string): string {
    if (this.o.lang === 'en') return `${indent}… and ${n.toLocaleString('en')} more ${what}${n === 1 ? '' : 's'} ${what === 'finding' ? 'of' : 'like'} ${of} (--verbose lists them all)`;
    return `${indent}……另有 ${n.toLocaleString('en')} 条 ${of}${what === 'finding' ? ' 的不符' : ''}（--verbose 可全部列出）`;
  }

  end(s: RunSummary): void {
    const { c, L, o } = this;
    const sep = o.lang === 'en' ? ', ' : '，';
    const parts = [
      this.counted(s.documents, 'documents'),
      this.counted(s.rules, 'rules'),
      c(s.findings.error || s.documentsWithErrors ? 'red' : 'green', `${L.errors} ${s.findings.error}`),
      c(s.findings.warning ? 'yellow' : 'gray', `${L.warnings} ${s.findings.warning}`),
      `${L.infos} ${s.findings.info}`,
      ...(s.counts.coarse ? [`${L.coarse} ${s.counts.coarse}`] : []),
      ...(s.documentsWithErrors ? [c('red', `${L.dataErrors} ${s.documentsWithErrors}`)] : []),
      ...(s.documentsWithWarnings ? [c('yellow', `${L.dataWarnings} ${s.documentsWithWarnings}`)] : []),
      `${L.time} ${s.ms} ms`,
    ];
    const incomplete = s.incomplete
      ? `${c('red', o.lang === 'en' ? `Incomplete: the run stopped after ${s.incomplete.checked} of ${s.incomplete.documents} documents.` : `不完整：运行在检查了 ${s.incomplete.documents} 个文件中的 ${s.incomplete.checked} 个后停止。`)}\n`
      : '';
    this.out.write(`\n${c('bold', `${L.summary}${o.lang === 'en' ? ': ' : '：'}`)}${parts.join(sep)}\n${incomplete}`);
    void this.run;
  }

  /** "1 document", "3 rules"; in Chinese the measure word does for both ("1 个文件"). */
  private counted(n: number, what: 'documents' | 'rules'): string {
    return this.o.lang === 'en' ? counted(n, SINGULAR[what]) : `${n} ${this.L[what]}`;
  }
}

const SINGULAR = { documents: 'document', rules: 'rule' } as const;

/**
 * Findings of one rule a document's text lists without --verbose (data problems: the first
 * `PROBLEMS_LISTED_PER_CODE` of each code). The other reports list them all.
 */
const FINDINGS_LISTED_PER_RULE = 20;

function sevColor(s: string): keyof typeof ANSI {
  return s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'blue';
}

function worst(fs: Finding[]): string {
  return fs.some((f) => f.severity === 'error') ? 'error' : fs.some((f) => f.severity === 'warning') ? 'warning' : 'info';
}

function ruleCounts(r: RuleResult, L: (typeof LABELS)[Lang]): string {
  const parts = [`${r.counts.pass} ${L.passed}`];
  // Failures and errors apart: a rule stopped by its step budget has not failed anything.
  if (r.counts.error) parts.unshift(`${r.counts.error} ${L.erred}`);
  if (r.counts.fail) parts.unshift(`${r.counts.fail} ${L.failing}`);
  if (r.counts.coarse) parts.push(`${r.counts.coarse} ${L.coarse}`);
  if (r.counts.na) parts.push(`${r.counts.na} ${L.na}`);
  return parts.join(' · ');
}

function findingLines(
  f: Finding, o: TextOptions, L: (typeof LABELS)[Lang], c: Paint,
  loc: (f: string, l: number, col: number) => string, pick: (t: Localised) => string,
): string[] {
  const val = (v: ValueView) => pick(v.text);
  const out: string[] = [];
  const sevMark = f.outcome === 'coarse' ? c('yellow', `[${L.coarse}]`) : c(f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'blue', `[${L[f.severity]}]`);
  out.push(`    ${sevMark} ${pick(f.message)}`);
  const cmp: ComparisonView | undefined = f.comparison;
  if (cmp) {
    const iv = (v: ValueView) => (v.interval ? c('gray', ` ${L.interval} ${intervalText(v)}`) : '');
    const parts = [`${L.actual} ${val(cmp.actual)}${iv(cmp.actual)}`, `${L.expected} ${val(cmp.expected)}${iv(cmp.expected)}`];
    if (cmp.difference) parts.push(`${L.difference} ${val(cmp.difference)}`);
    if (cmp.distance && cmp.op === '≈') parts.push(`${L.distance} ${val(cmp.distance)}`);
    if (cmp.tolerance) parts.push(`${L.tolerance} ${val(cmp.tolerance)}`);
    out.push(`      ${parts.join(o.lang === 'en' ? '; ' : '；')}`);
    if (cmp.unitSlip) out.push(`      ${c('yellow', pick(cmp.unitSlip.note))}`);
    if (cmp.coarse) out.push(`      ${c('yellow', pick(cmp.coarse.note))}`);
  }
  // The reason, unless the message already says it (a finding in error has no message of its own).
  if (f.reason && (f.outcome === 'error' || f.outcome === 'na') && !pick(f.message).includes(pick(f.reason))) out.push(`      ${pick(f.reason)}`);
  for (const r of f.reads.slice(0, 6)) {
    const what = r.kind === 'cell' ? `${r.table}[${r.row}].${r.column}` : r.fact;
    out.push(c('gray', `      ↳ ${what} = ${r.written === null ? '(空白/blank)' : r.written}  ${loc(r.span.file, r.span.line, r.span.col)}`));
  }
  if (f.reads.length > 6) out.push(c('gray', `      ↳ … ${f.reads.length - 6}`));
  return out;
}

function intervalText(v: ValueView): string {
  if (!v.interval) return '';
  return v.intervalText ?? `[${v.interval[0]}, ${v.interval[1]}]`;
}
