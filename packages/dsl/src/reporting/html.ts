/**
 * A single self-contained HTML report (`--format html=report.html`) a finance officer can open:
 * summary, charts (failures per rule; scorecard totals), results by department, the data's own
 * problems (why a document could not be read), and every finding with its numbers. No scripts,
 * fonts or images from elsewhere. Findings and data problems listed in detail are capped (the
 * counts are always exact) so memory stays bounded. So is the table of departments: it lists every
 * document of a run of up to 1,000, and past that only those with problems (the others are
 * counted), so that a nightly run over tens of thousands of submissions gives a page a browser
 * opens and a reader can scan.
 */
import * as path from 'node:path';
import { formatMessage, type Diagnostic, type Lang } from '../diagnostics/diagnostic';
import type { Finding, Localised } from '../evaluation/results';
import { findingPlace, findingWhere, firstOfEachCode, isNote, isProblem, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporter';
import type { Output } from './sink';

const MAX_LISTED = 5000;
/** Documents "By department" lists whatever their results; past that, only those with problems. */
const MAX_ALL_DEPARTMENTS = 1000;
/** Documents with problems "By department" lists (the others are counted). */
const MAX_PROBLEM_DEPARTMENTS = 5000;

const T = {
  'zh-CN': {
    title: '校验报告', documents: '文件', rules: '规则', errors: '错误', warnings: '警告', infos: '提示', coarse: '粗略取整', dataErrors: '数据有错误的文件', dataWarnings: '数据有警告的文件',
    perRule: '各规则问题数', scores: '评分表总分分布', byDept: '按单位', byRule: '按规则列出的问题', unit: '单位', file: '文件', status: '状态',
    ok: '通过', noted: '有提示', oneNote: '1 条提示', notesN: '{n} 条提示', where: '位置', message: '说明', actual: '实际', expected: '期望', difference: '差额', at: '数据位置', more: '另有 {n} 条未列出（计数完整）',
    none: '没有发现问题。', ruleset: '规则集', time: '用时', notLoaded: '未能读取', severity: '级别', noScores: '没有评分表结果。',
    error: '错误', warning: '警告', info: '提示', dataProblems: '数据问题', code: '代码', moreLike: '另有 {n} 条 {code}（计数完整）',
    problemsOnly: '共 {n} 个文件，超过 {max} 个，因此只列出有问题的文件；其余 {passed} 个全部通过，未逐一列出。',
    incomplete: '本报告不完整：运行在检查了 {n} 个文件中的 {checked} 个后停止。',
    passedNotListed: '另有 {n} 个文件全部通过，未逐一列出。', problemsNotListed: '另有 {n} 个有问题的文件未列出（其问题已计入上方总数）。',
  },
  en: {
    title: 'Check report', documents: 'Documents', rules: 'Rules', errors: 'Errors', warnings: 'Warnings', infos: 'Notes', coarse: 'Coarse readings', dataErrors: 'Documents with data errors', dataWarnings: 'Documents with data warnings',
    perRule: 'Problems per rule', scores: 'Scorecard totals', byDept: 'By department', byRule: 'Problems by rule', unit: 'Unit', file: 'File', status: 'Status',
    ok: 'passed', noted: 'notes', oneNote: '1 note', notesN: '{n} notes', where: 'Where', message: 'Message', actual: 'Actual', expected: 'Expected', difference: 'Difference', at: 'Data location', more: '{n} more not listed (counts are complete)',
    none: 'No problems found.', ruleset: 'Ruleset', time: 'Time', notLoaded: 'could not be read', severity: 'Severity', noScores: 'No scorecard results.',
    error: 'error', warning: 'warning', info: 'note', dataProblems: 'Data problems', code: 'Code', moreLike: '{n} more {code} (counts are complete)',
    problemsOnly: '{n} documents, more than {max}: only those with problems are listed; the other {passed} passed every check and are not listed one by one.',
    incomplete: 'This report is incomplete: the run stopped after {checked} of {n} documents.',
    passedNotListed: '{n} more documents passed every check (not listed one by one).', problemsNotListed: '{n} more documents with problems are not listed (their problems are in the totals above).',
  },
} as const;

/** A label with its `{name}` places filled in. */
function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
}

function esc(s: string | number | undefined): string {
  return String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface DeptRow {
  file: string;
  unit: string;
  /** Errors, warnings and notes: of the data, and findings by their severity (a coarse reading too, as in the summary). */
  errors: number;
  warnings: number;
  notes: number;
  /** Of those, coarse readings. */
  coarse: number;
  loaded: boolean;
}

/** A data problem of a document as listed (or, `more`, how many more of its code were not). */
interface ListedProblem {
  doc: string;
  unit: string;
  severity: string;
  code: string;
  message: string;
  at: string;
  more?: number;
}

interface ListedFinding {
  doc: string;
  unit: string;
  severity: string;
  outcome: string;
  where: string;
  message: string;
  actual: string;
  expected: string;
  difference: string;
  at: string;
}

export class HtmlReporter implements Reporter {
  private run!: RunInfo;
  /** Per rule and scorecard: its problems (the chart), its notes, and the first of both, listed. */
  private readonly perRule = new Map<string, { title: string; count: number; notes: number; listed: ListedFinding[] }>();
  private depts: DeptRow[] = [];
  /** Past MAX_ALL_DEPARTMENTS documents, only those with problems are listed; the others are counted here. */
  private problemsOnly = false;
  private passedUnlisted = 0;
  private problemRows = 0;
  private problemsUnlisted = 0;
  /** Scorecard totals in bands of 10 points (0–10, …, 90–100 and above). */
  private readonly scoreBins: number[] = Array.from({ length: 10 }, () => 0);
  private readonly problems: ListedProblem[] = [];
  private listed = 0;
  private unlisted = 0;

  constructor(private readonly out: Output) {}

  begin(run: RunInfo): void {
    this.run = run;
    for (const r of [...run.program.rules, ...run.program.scorecards]) {
      if (!r.disabled) this.perRule.set(r.id, { title: r.decl.title?.variants.find((v) => (run.lang === 'en' ? v.lang === 'en' : v.lang !== 'en'))?.value ?? r.decl.title?.variants[0]?.value ?? r.id, count: 0, notes: 0, listed: [] });
    }
  }

  private pick(t: Localised): string {
    return this.run.lang === 'en' ? t.en : t.zh;
  }

  document(e: DocumentEntry): void {
    const doc = path.relative(this.run.cwd, e.file) || e.file;
    const unit = e.result?.unit ?? '';
    const row: DeptRow = {
      file: doc, unit, errors: e.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: e.diagnostics.filter((d) => d.severity === 'warning').length, notes: 0, coarse: 0, loaded: !!e.result,
    };
    this.listProblems(doc, unit, e.diagnostics);
    if (e.result) this.tallyFindings(e.result, row, doc, unit);
    this.listDepartment(row);
  }

  /** A document's scorecard totals and findings (per rule, and on its department's row). */
  private tallyFindings(result: NonNullable<DocumentEntry['result']>, row: DeptRow, doc: string, unit: string): void {
    for (const sc of (result as { scorecards?: { total?: { computed?: string } }[] }).scorecards ?? []) {
      const t = Number(sc.total?.computed);
      if (Number.isFinite(t)) this.scoreBins[Math.min(9, Math.max(0, Math.floor(t / 10)))]!++;
    }
    for (const rule of result.rules) {
      const agg = this.perRule.get(rule.id);
      if (rule.error) {
        // A rule that could not be run to its end (its step or time budget): a problem of the rule,
        // listed with its message and its place in the ruleset.
        row.errors++;
        if (agg) {
          agg.count++;
          if (this.listed < MAX_LISTED) {
            agg.listed.push({ doc, unit, severity: 'error', outcome: 'error', where: '', message: this.pick(rule.error.message), actual: '', expected: '', difference: '', at: this.place({ file: rule.file, line: rule.span.line, col: rule.span.col }) });
            this.listed++;
          } else this.unlisted++;
        }
      }
      for (const f of rule.findings) {
        const problem = isProblem(f.outcome);
        if (!problem && !isNote(rule, f)) continue;
        // Counted by severity, as the summary counts them (a coarse reading is a warning of an
        // error rule), and coarse readings once more in their own column.
        if (f.severity === 'error') row.errors++;
        else if (f.severity === 'warning') row.warnings++;
        else row.notes++;
        if (f.outcome === 'coarse') row.coarse++;
        if (!agg) continue;
        if (problem) agg.count++;
        else agg.notes++;
        if (this.listed < MAX_LISTED) {
          agg.listed.push(this.listFinding(doc, unit, f));
          this.listed++;
        } else this.unlisted++;
      }
      // Failing findings past a rule's first 1,000 in a document are counted, not kept: they
      // count here too, as in the summary (the section of the rule says how many are not listed).
      const o = rule.omitted;
      if (o) {
        row.errors += o.error;
        row.warnings += o.warning;
        row.notes += o.info;
        if (agg) agg.count += o.error + o.warning + o.info;
        this.unlisted += o.error + o.warning + o.info;
      }
    }
  }

  /** Lists a document's row, or counts it (see MAX_ALL_DEPARTMENTS, MAX_PROBLEM_DEPARTMENTS). */
  private listDepartment(row: DeptRow): void {
    const passed = isPassed(row);
    if (passed && this.problemsOnly) {
      this.passedUnlisted++;
      return;
    }
    if (!passed && this.problemRows >= MAX_PROBLEM_DEPARTMENTS) {
      this.problemsUnlisted++;
      return;
    }
    this.depts.push(row);
    if (!passed) this.problemRows++;
    if (!this.problemsOnly && this.depts.length > MAX_ALL_DEPARTMENTS) {
      // From now on only documents with problems are listed; the passed ones so far are counted.
      this.problemsOnly = true;
      const kept = this.depts.filter((d) => !isPassed(d));
      this.passedUnlisted += this.depts.length - kept.length;
      this.depts = kept;
    }
  }

  /** A document's data errors and warnings, the first few of each code, then how many more. */
  private listProblems(doc: string, unit: string, diagnostics: readonly Diagnostic[]): void {
    const { listed, left } = firstOfEachCode(diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'));
    for (const d of listed) {
      if (this.listed >= MAX_LISTED) {
        this.unlisted++;
        continue;
      }
      this.listed++;
      this.problems.push({ doc, unit, severity: d.severity, code: d.code, message: formatMessage(d, this.run.lang), at: this.place(d.span) });
    }
    for (const [code, more] of left) this.problems.push({ doc, unit, severity: 'info', code, message: '', at: '', more });
  }

  /** Where something is, relative to the folder suan ran in, as the documents' files are named beside it: `data/a.yaml:12:7`. */
  private place(span: { file: string; line: number; col: number }): string {
    return `${path.relative(this.run.cwd, span.file) || span.file}:${span.line}:${span.col}`;
  }

  private listFinding(doc: string, unit: string, f: Finding): ListedFinding {
    const c = f.comparison;
    const at = findingPlace(f);
    return {
      doc, unit, severity: f.severity, outcome: f.outcome, where: findingWhere(f),
      message: [this.pick(f.message), c?.unitSlip ? this.pick(c.unitSlip.note) : '', c?.coarse ? this.pick(c.coarse.note) : ''].filter(Boolean).join('\n'),
      actual: c ? this.pick(c.actual.text) : '', expected: c ? this.pick(c.expected.text) : '', difference: c?.difference ? this.pick(c.difference.text) : '',
      at: at ? this.place(at) : '',
    };
  }

  end(s: RunSummary): void {
    const L = T[this.run.lang as Lang];
    const info = this.run.program.info;
    const rsTitle = info.title?.variants.find((v) => (this.run.lang === 'en' ? v.lang === 'en' : v.lang !== 'en'))?.value ?? info.id ?? '';
    const card = (label: string, value: number | string, cls = '') => `<div class="card ${cls}"><div class="v">${esc(value)}</div><div class="l">${esc(label)}</div></div>`;
    const parts: string[] = [];
    parts.push(`<!doctype html><html lang="${this.run.lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(L.title)} · ${esc(rsTitle)}</title><style>${CSS}</style></head><body>`);
    parts.push(`<header><h1>${esc(L.title)}</h1><p>${esc(L.ruleset)}: <b>${esc(rsTitle)}</b>${info.version ? ` v${esc(info.version)}` : ''} · suan ${esc(this.run.toolVersion)} · ${esc(L.time)} ${s.ms} ms</p></header>`);
    if (s.incomplete) {
      parts.push(`<p class="bad" id="incomplete"><b>${esc(fill(L.incomplete, { checked: s.incomplete.checked, n: s.incomplete.documents }))}</b></p>`);
    }
    parts.push(`<section class="cards" id="summary">${card(L.documents, s.documents)}${card(L.rules, s.rules)}${card(L.errors, s.findings.error, s.findings.error ? 'bad' : 'good')}${card(L.warnings, s.findings.warning, s.findings.warning ? 'warn' : '')}${card(L.infos, s.findings.info)}${card(L.coarse, s.counts.coarse)}${card(L.dataErrors, s.documentsWithErrors, s.documentsWithErrors ? 'bad' : '')}${s.documentsWithWarnings ? card(L.dataWarnings, s.documentsWithWarnings, 'warn') : ''}</section>`);
    parts.push(`<section id="charts"><div class="chart"><h2>${esc(L.perRule)}</h2>${this.ruleChart()}</div><div class="chart"><h2>${esc(L.scores)}</h2>${this.scoreChart(L.noScores)}</div></section>`);
    parts.push(`<section id="by-department"><h2>${esc(L.byDept)}</h2>`);
    if (this.passedUnlisted) parts.push(`<p class="muted" id="problems-only">${esc(fill(L.problemsOnly, { n: s.documents, max: MAX_ALL_DEPARTMENTS, passed: this.passedUnlisted }))}</p>`);
    parts.push(`<table><thead><tr><th>${esc(L.unit)}</th><th>${esc(L.file)}</th><th>${esc(L.errors)}</th><th>${esc(L.warnings)}</th><th>${esc(L.infos)}</th><th>${esc(L.coarse)}</th><th>${esc(L.status)}</th></tr></thead><tbody>`);
    for (const d of this.depts) {
      const status = !d.loaded ? `<span class="bad">${esc(L.notLoaded)}</span>` : d.errors ? `<span class="bad">✗</span>` : d.warnings ? `<span class="warn">!</span>` : d.notes ? `<span class="info">ℹ ${esc(L.noted)}</span>` : `<span class="good">✓ ${esc(L.ok)}</span>`;
      parts.push(`<tr><td>${esc(d.unit)}</td><td>${esc(d.file)}</td><td class="n">${d.errors}</td><td class="n">${d.warnings}</td><td class="n">${d.notes}</td><td class="n">${d.coarse}</td><td>${status}</td></tr>`);
    }
    if (this.passedUnlisted) parts.push(`<tr class="more"><td colspan="7" class="muted">${esc(fill(L.passedNotListed, { n: this.passedUnlisted }))}</td></tr>`);
    if (this.problemsUnlisted) parts.push(`<tr class="more"><td colspan="7" class="muted">${esc(fill(L.problemsNotListed, { n: this.problemsUnlisted }))}</td></tr>`);
    parts.push('</tbody></table></section>');
    if (this.problems.length) {
      // What is wrong with the data itself (a document that could not be read says why here).
      parts.push(`<section id="data-problems"><h2>${esc(L.dataProblems)}</h2><table><thead><tr><th>${esc(L.unit)}</th><th>${esc(L.file)}</th><th>${esc(L.severity)}</th><th>${esc(L.code)}</th><th>${esc(L.message)}</th><th>${esc(L.at)}</th></tr></thead><tbody>`);
      for (const p of this.problems) {
        if (p.more !== undefined) parts.push(`<tr class="more"><td>${esc(p.unit)}</td><td>${esc(p.doc)}</td><td colspan="4" class="muted">${esc(fill(L.moreLike, { n: p.more, code: p.code }))}</td></tr>`);
        else parts.push(`<tr class="${esc(p.severity)}"><td>${esc(p.unit)}</td><td>${esc(p.doc)}</td><td>${esc(L[p.severity as 'error' | 'warning'])}</td><td>${esc(p.code)}</td><td class="msg">${esc(p.message)}</td><td class="loc">${esc(p.at)}</td></tr>`);
      }
      parts.push('</tbody></table></section>');
    }
    parts.push(`<section id="by-rule"><h2>${esc(L.byRule)}</h2>`);
    const rules = [...this.perRule.entries()].filter(([, a]) => a.count > 0 || a.notes > 0);
    if (rules.every(([, a]) => a.count === 0)) parts.push(`<p class="good">${esc(L.none)}</p>`);
    for (const [id, a] of rules) {
      const counts = `${a.count ? `<span class="count">${a.count}</span>` : ''}${a.notes ? `<span class="count note">${esc(a.notes === 1 ? L.oneNote : fill(L.notesN, { n: a.notes }))}</span>` : ''}`;
      parts.push(`<details open><summary><b>${esc(id)}</b> ${esc(a.title)} ${counts}</summary><table><thead><tr><th>${esc(L.unit)}</th><th>${esc(L.severity)}</th><th>${esc(L.where)}</th><th>${esc(L.message)}</th><th>${esc(L.actual)}</th><th>${esc(L.expected)}</th><th>${esc(L.difference)}</th><th>${esc(L.at)}</th></tr></thead><tbody>`);
      for (const f of a.listed) {
        parts.push(`<tr class="${esc(f.outcome === 'coarse' ? 'coarse' : f.severity)}"><td>${esc(f.unit || f.doc)}</td><td>${esc(f.outcome === 'coarse' ? L.coarse : L[f.severity as 'error' | 'warning' | 'info'])}</td><td>${esc(f.where)}</td><td class="msg">${esc(f.message)}</td><td class="n">${esc(f.actual)}</td><td class="n">${esc(f.expected)}</td><td class="n">${esc(f.difference)}</td><td class="loc">${esc(f.at)}</td></tr>`);
      }
      parts.push('</tbody></table></details>');
    }
    if (this.unlisted) parts.push(`<p>${esc(fill(L.more, { n: this.unlisted }))}</p>`);
    parts.push('</section></body></html>\n');
    this.out.write(parts.join('\n'));
  }

  /** Horizontal bars: problems per rule (top 25). */
  private ruleChart(): string {
    const rows = [...this.perRule.entries()].filter(([, a]) => a.count > 0).sort((a, b) => b[1].count - a[1].count).slice(0, 25);
    if (rows.length === 0) return `<p class="good">✓</p>`;
    const max = Math.max(...rows.map(([, a]) => a.count));
    const h = 22;
    const bars = rows.map(([id, a], i) => {
      const w = Math.max(2, Math.round((a.count / max) * 300));
      return `<g transform="translate(0,${i * h})"><text x="0" y="15" class="lbl">${esc(id)}</text><rect x="90" y="3" width="${w}" height="15" class="bar"><title>${esc(`${id} ${a.title}: ${a.count}`)}</title></rect><text x="${96 + w}" y="15">${a.count}</text></g>`;
    });
    return `<svg role="img" width="460" height="${rows.length * h + 4}" viewBox="0 0 460 ${rows.length * h + 4}">${bars.join('')}</svg>`;
  }

  /** A histogram of scorecard totals in bands of 10 points. */
  private scoreChart(none: string): string {
    const bins = this.scoreBins;
    if (bins.every((n) => n === 0)) return `<p class="muted">${esc(none)}</p>`;
    const max = Math.max(...bins);
    const bars = bins.map((n, i) => {
      const hgt = max ? Math.round((n / max) * 125) : 0; // headroom: the tallest bar's count stays inside the chart
      return `<g transform="translate(${i * 40 + 10},0)"><rect x="4" y="${150 - hgt}" width="30" height="${hgt}" class="bar"><title>${i * 10}–${i * 10 + 10}: ${n}</title></rect><text x="19" y="${145 - hgt}" text-anchor="middle">${n || ''}</text><text x="19" y="168" text-anchor="middle" class="lbl">${i * 10}</text></g>`;
    });
    return `<svg role="img" width="420" height="175" viewBox="0 0 420 175">${bars.join('')}</svg>`;
  }
}

/** A department's row without problems: read, no error, warning, note or coarse reading. */
function isPassed(d: DeptRow): boolean {
  return d.loaded && d.errors === 0 && d.warnings === 0 && d.notes === 0 && d.coarse === 0;
}

const CSS = `
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;opacity:.85}
section{margin:16px 24px}h2{font-size:17px;margin:8px 0}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:110px}
.card .v{font-size:26px;font-weight:600}.card .l{color:#57606a;font-size:13px}.card.bad .v{color:#cf222e}.card.warn .v{color:#9a6700}.card.good .v{color:#1a7f37}
#charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px 16px}
svg text{font-size:12px;fill:#1f2328}svg .lbl{fill:#57606a}.bar{fill:#0969da}
table{border-collapse:collapse;background:#fff;width:100%;font-size:13px;margin-bottom:8px}th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f3f6}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.loc{color:#57606a;font-size:12px}td.msg{white-space:pre-line}
tr.error td:first-child{border-left:4px solid #cf222e}tr.warning td:first-child{border-left:4px solid #bf8700}tr.coarse td:first-child{border-left:4px solid #8250df}tr.info td:first-child{border-left:4px solid #0969da}
details{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:6px 10px;margin-bottom:10px}summary{cursor:pointer;font-size:14px}
.count{background:#cf222e;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;margin-left:6px}.count.note{background:#0969da}
.bad{color:#cf222e}.warn{color:#9a6700}.good{color:#1a7f37}.info{color:#0969da}.muted{color:#57606a}
`;
