/**
 * The results view's model and the status bar's summary, built from the server's results
 * (`suan/evaluate`, `suan/results`, `suan/evaluated`). Pure: no vscode API here, so it is
 * unit-tested directly (test/model.test.ts); results-view.ts turns nodes into TreeItems.
 */
import * as path from 'node:path';
import type { DataRef, Finding, IndicatorResult, Outcome, RuleResult, ScorecardResult, Span, ValueView } from '@suan/dsl';
import { pick, t } from './i18n';
import type { EvaluatedParams, FileResults, RulesetResults } from './protocol';

export type NodeIcon =
  | 'error' | 'warning' | 'info' | 'pass' | 'na' | 'file' | 'fileError' | 'cell' | 'fact' | 'value' | 'trail'
  | 'scorecard' | 'group' | 'dataError' | 'more';

export interface ResultNode {
  /** Stable across refreshes (keeps the tree's expansion state). */
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: NodeIcon;
  children?: ResultNode[];
  expanded?: boolean;
  /** The rule or scorecard the node belongs to (opened with the cell). */
  rule?: Span;
  /** The data cell or fact to open (the primary location of a finding). */
  cell?: Span;
  /** For menus: `file`, `rule`, `finding`, … */
  kind: string;
}

/** Findings listed per rule before "… n more". */
export const MAX_FINDINGS_PER_RULE = 200;

type Severity = 'error' | 'warning' | 'info';
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function isProblem(o: Outcome): boolean {
  return o === 'fail' || o === 'coarse' || o === 'error';
}

function failingCount(c: Record<Outcome, number>): number {
  return c.fail + c.coarse + c.error;
}

/** Escapes text for Markdown tooltips. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\n/g, '  \n');
}

function fileOf(uriOrPath: string): string {
  if (uriOrPath.startsWith('file:')) {
    try {
      return decodeURIComponent(new URL(uriOrPath).pathname);
    } catch {
      return uriOrPath;
    }
  }
  return uriOrPath;
}

function where(f: Pick<Finding, 'bindings' | 'reads'>, fallback: string): string {
  if (f.bindings.length) return f.bindings.map((b) => `${b.table}[${b.key}]${b.column ? ` ${b.column}` : ''}`).join(' ');
  const facts = [...new Set(f.reads.filter((r) => r.kind === 'fact' && r.fact).map((r) => r.fact!))];
  if (facts.length) return facts.join('、');
  const tables = [...new Set(f.reads.map((r) => r.table).filter((x): x is string => !!x))];
  return tables.length ? tables.join('、') : fallback;
}

function refName(r: DataRef): string {
  if (r.kind === 'fact') return r.fact ?? '?';
  return `${r.table ?? '?'}[${r.row ?? '?'}]${r.column ? `.${r.column}` : ''}`;
}

/**
 * The cell a finding is about: for a roll-up the parent's cell of its column, for a row rule
 * the cell of the binding's row that the comparison's left side read, else the first cell read.
 */
export function primaryCell(f: Finding): Span | undefined {
  const b = f.bindings[0];
  if (b) {
    const sameRow = f.reads.filter((r) => r.kind === 'cell' && r.table === b.table && r.row === b.key);
    const exact = b.column ? sameRow.find((r) => r.column === b.column) : undefined;
    const actualText = f.comparison?.actual.text;
    const byValue = actualText ? sameRow.find((r) => r.value.text.en === actualText.en) : undefined;
    const span = (exact ?? byValue ?? sameRow[0])?.span ?? b.span;
    if (span) return span;
  }
  if (f.comparison) {
    const a = f.comparison.actual.text.en;
    const hit = f.reads.find((r) => r.value.text.en === a);
    if (hit) return hit.span;
  }
  return f.reads[0]?.span;
}

function value(v: ValueView | undefined): string {
  return v ? pick(v.text) : '';
}

function severityIcon(s: Severity): NodeIcon {
  return s;
}

function outcomeWord(o: Outcome): string {
  switch (o) {
    case 'pass': return t('passed');
    case 'fail': return t('failed');
    case 'coarse': return t('coarse reading');
    case 'na': return t('not applicable');
    case 'error': return t('error');
  }
}

function severityWord(s: Severity): string {
  return s === 'error' ? t('error') : s === 'warning' ? t('warning') : t('info');
}

/** "✗ 2 failing · ✓ 54 passed" (plus coarse, errors, not applicable when there are any). */
export function countsText(c: Record<Outcome, number>, { na = false } = {}): string {
  const parts: string[] = [];
  if (c.fail) parts.push(`✗ ${t('{0} failing', c.fail)}`);
  if (c.coarse) parts.push(`≈ ${t('{0} coarse', c.coarse)}`);
  if (c.error) parts.push(`⚠ ${c.error === 1 ? t('{0} error', c.error) : t('{0} errors', c.error)}`);
  parts.push(`✓ ${t('{0} passed', c.pass)}`);
  if (na && c.na) parts.push(t('{0} not applicable', c.na));
  return parts.join(' · ');
}

// ── findings ───────────────────────────────────────────────────────────────────────────────

function findingDescription(f: Finding): string {
  const c = f.comparison;
  if (c) {
    const parts = [t('actual {0}', value(c.actual)), t('expected {0}', value(c.expected))];
    if (c.difference) parts.push(t('difference {0}', value(c.difference)));
    return parts.join(' · ');
  }
  return pick(f.reason) || pick(f.message);
}

export function findingTooltip(rule: RuleResult, f: Finding): string {
  const lines: string[] = [];
  lines.push(`**${md(rule.id)}** ${md(pick(rule.title))} — ${md(outcomeWord(f.outcome))} (${md(severityWord(f.severity))})`);
  lines.push('');
  const msg = pick(f.message);
  if (msg) lines.push(md(msg), '');
  const c = f.comparison;
  if (c) {
    const row = (name: string, v: ValueView | undefined, interval = true) => {
      if (!v) return;
      lines.push(`| ${md(name)} | ${md(value(v))}${interval && v.intervalText ? ` ${md(v.intervalText)}` : ''} |`);
    };
    lines.push(`| | \`${md(c.op)}\` |`, '|---|---|');
    row(t('Actual'), c.actual);
    row(t('Expected'), c.expected);
    row(t('Difference'), c.difference, false);
    row(t('Interval distance'), c.distance, false);
    row(t('Tolerance'), c.tolerance, false);
    lines.push('');
    if (c.unitSlip) lines.push(`⚠ ${md(pick(c.unitSlip.note))}`, '');
    if (c.coarse) lines.push(`≈ ${md(pick(c.coarse.note))}`, '');
  }
  if (f.reason) lines.push(md(pick(f.reason)), '');
  if (f.values.length) {
    lines.push(`**${md(t('Values'))}**`, '');
    for (const v of f.values) lines.push(`- ${md(v.name)} = ${md(value(v.value))}`);
    lines.push('');
  }
  if (f.reads.length) {
    lines.push(`**${md(t('Cells and facts read'))}**`, '');
    for (const r of f.reads.slice(0, 20)) {
      lines.push(`- ${md(refName(r))} = ${md(r.written ?? t('(blank)'))} — ${md(path.basename(r.span.file))}:${r.span.line}:${r.span.col}`);
    }
    if (f.reads.length > 20) lines.push(`- ${md(t('… {0} more', f.reads.length - 20))}`);
  }
  if (f.trail?.length) {
    lines.push('', `**${md(t('How it was computed'))}**`, '');
    for (const s of f.trail) lines.push(`1. ${md(pick(s))}`);
  }
  return lines.join('\n');
}

function readNode(id: string, r: DataRef, rule: Span | undefined): ResultNode {
  return {
    id,
    kind: 'read',
    label: refName(r),
    description: `= ${r.written ?? t('(blank)')}${r.value.unit && r.written ? ` ${r.value.unit}` : ''}  ${path.basename(r.span.file)}:${r.span.line}`,
    tooltip: `${md(refName(r))} = ${md(value(r.value))}${r.value.intervalText ? ` ${md(r.value.intervalText)}` : ''}\n\n${md(r.span.file)}:${r.span.line}:${r.span.col}`,
    icon: r.kind === 'fact' ? 'fact' : 'cell',
    cell: r.span,
    rule,
  };
}

function findingNode(parentId: string, index: number, rule: RuleResult, f: Finding): ResultNode {
  const id = `${parentId}/f${index}:${where(f, '')}`;
  const children: ResultNode[] = [];
  f.reads.forEach((r, i) => children.push(readNode(`${id}/r${i}`, r, rule.span)));
  f.values.forEach((v, i) => children.push({ id: `${id}/v${i}`, kind: 'value', label: v.name, description: `= ${value(v.value)}`, icon: 'value', rule: rule.span }));
  (f.trail ?? []).forEach((s, i) => children.push({ id: `${id}/t${i}`, kind: 'trail', label: pick(s), icon: 'trail', rule: rule.span }));
  const icon: NodeIcon = f.outcome === 'coarse' ? 'warning' : f.outcome === 'na' ? 'na' : severityIcon(f.severity);
  return {
    id,
    kind: 'finding',
    label: where(f, pick(rule.title)),
    description: findingDescription(f),
    tooltip: findingTooltip(rule, f),
    icon,
    children: children.length ? children : undefined,
    expanded: false,
    rule: rule.span,
    cell: primaryCell(f),
  };
}

function ruleTooltip(r: RuleResult): string {
  const lines = [`**${md(r.id)}** ${md(pick(r.title))}`, '', md(countsText(r.counts, { na: true }))];
  if (r.error) lines.push('', `⚠ ${md(r.error.code)} ${md(pick(r.error.message))}`);
  if (r.notApplicable) lines.push('', md(pick(r.notApplicable)));
  lines.push('', `${md(path.basename(r.span.file))}:${r.span.line}`);
  return lines.join('\n');
}

function ruleNode(fileId: string, r: RuleResult): ResultNode {
  const id = `${fileId}/rule:${r.id}`;
  const problems = r.findings.filter((f) => isProblem(f.outcome));
  const children: ResultNode[] = problems.slice(0, MAX_FINDINGS_PER_RULE).map((f, i) => findingNode(id, i, r, f));
  if (problems.length > MAX_FINDINGS_PER_RULE) {
    children.push({ id: `${id}/more`, kind: 'more', label: t('… {0} more', problems.length - MAX_FINDINGS_PER_RULE), icon: 'more', rule: r.span });
  }
  if (r.error) {
    children.unshift({ id: `${id}/error`, kind: 'ruleError', label: `${r.error.code} ${pick(r.error.message)}`, icon: 'error', rule: r.span });
  }
  const failing = failingCount(r.counts) > 0 || !!r.error;
  const icon: NodeIcon = failing ? (r.counts.fail || r.counts.error || r.error ? severityIcon(r.severity as Severity) : 'warning') : r.counts.pass ? 'pass' : 'na';
  return {
    id,
    kind: 'rule',
    label: `${r.id} ${pick(r.title)}`,
    description: r.error && !failingCount(r.counts) ? `⚠ ${r.error.code}` : failing || r.counts.pass ? countsText(r.counts) : pick(r.notApplicable) || t('not applicable'),
    tooltip: ruleTooltip(r),
    icon,
    children: children.length ? children : undefined,
    expanded: failing && children.length > 0,
    rule: r.span,
    cell: undefined,
  };
}

// ── scorecards ─────────────────────────────────────────────────────────────────────────────

function range(lo: string | undefined, hi: string | undefined): string {
  if (lo === undefined) return '—';
  return hi !== undefined && hi !== lo ? `${lo}–${hi}` : lo;
}

function indicatorNode(scId: string, sc: ScorecardResult, ind: IndicatorResult, i: number): ResultNode {
  const id = `${scId}/i${i}:${ind.name}`;
  const reported = ind.reported?.written ?? undefined;
  const parts = [t('computed {0}', range(ind.computed, ind.computedHigh)), t('reported {0}', reported ?? '—')];
  if (ind.difference !== undefined && ind.outcome === 'fail') parts.push(t('difference {0}', ind.difference));
  if (ind.outcome === 'na' && ind.reason) parts.push(pick(ind.reason));
  const children: ResultNode[] = [];
  ind.trail.forEach((s, k) => children.push({ id: `${id}/t${k}`, kind: 'trail', label: pick(s), icon: 'trail', rule: ind.method.span ?? sc.span, cell: ind.span }));
  ind.reads.forEach((r, k) => children.push(readNode(`${id}/r${k}`, r, ind.method.span ?? sc.span)));
  const tip = [
    `**${md(ind.name)}**${ind.levels.length ? ` — ${md(ind.levels.join(' / '))}` : ''}`,
    '',
    `| | |`,
    '|---|---|',
    `| ${md(t('Weight'))} | ${md(ind.weight.written ?? '—')} |`,
    ind.target ? `| ${md(t('Target'))} | ${md(ind.target.written ?? '—')} → ${md(pick(ind.target.parsed.text))} |` : '',
    ind.actual ? `| ${md(t('Actual'))} | ${md(ind.actual.written ?? '—')} → ${md(pick(ind.actual.parsed.text))} |` : '',
    `| ${md(t('Method'))} | \`${md(ind.method.text)}\`${ind.method.chosen ? ` (${md(ind.method.chosen)})` : ''} |`,
    `| ${md(t('Computed score'))} | ${md(range(ind.computed, ind.computedHigh))} |`,
    `| ${md(t('Reported score'))} | ${md(reported ?? '—')} |`,
    ind.difference !== undefined ? `| ${md(t('Difference'))} | ${md(ind.difference)} |` : '',
    '',
    ind.reason ? md(pick(ind.reason)) : '',
    ...(ind.trail.length ? ['', `**${md(t('How it was computed'))}**`, '', ...ind.trail.map((s) => `1. ${md(pick(s))}`)] : []),
  ].filter((l, k, a) => l !== '' || a[k - 1] !== '');
  return {
    id,
    kind: 'indicator',
    label: ind.name,
    description: parts.join(' · '),
    tooltip: tip.join('\n'),
    icon: ind.outcome === 'fail' ? severityIcon(sc.severity as Severity) : ind.outcome === 'error' ? 'error' : ind.outcome === 'na' ? 'na' : 'pass',
    children: children.length ? children : undefined,
    expanded: false,
    rule: ind.method.span ?? sc.span,
    cell: ind.span,
  };
}

function scorecardNode(fileId: string, sc: ScorecardResult): ResultNode {
  const id = `${fileId}/scorecard:${sc.id}`;
  const tot = sc.total;
  const children: ResultNode[] = [];
  const totalParts = [t('computed {0}', range(tot.computed, tot.computedHigh)), t('reported {0}', tot.reported?.written ?? tot.reportedSum ?? '—')];
  if (tot.difference !== undefined && tot.outcome === 'fail') totalParts.push(t('difference {0}', tot.difference));
  if (tot.notComputable) totalParts.push(t('{0} not computable', tot.notComputable));
  children.push({
    id: `${id}/total`,
    kind: 'total',
    label: t('Total score'),
    description: totalParts.join(' · '),
    tooltip: [md(totalParts.join(' · ')), tot.reason ? `\n\n${md(pick(tot.reason))}` : '', ...tot.trail.map((s, k) => `${k ? '' : '\n\n'}1. ${md(pick(s))}\n`)].join(''),
    icon: tot.outcome === 'fail' ? severityIcon(sc.severity as Severity) : tot.outcome === 'pass' ? 'pass' : tot.outcome === 'error' ? 'error' : 'na',
    children: tot.trail.length ? tot.trail.map((s, k) => ({ id: `${id}/total/t${k}`, kind: 'trail', label: pick(s), icon: 'trail' as NodeIcon, rule: sc.span })) : undefined,
    expanded: false,
    rule: sc.span,
  });
  if (sc.grade) {
    children.push({
      id: `${id}/grade`,
      kind: 'grade',
      label: t('Grade'),
      description: [t('computed {0}', sc.grade.computed.join(' / ') || '—'), t('reported {0}', sc.grade.reported ?? '—')].join(' · '),
      tooltip: sc.grade.reason ? md(pick(sc.grade.reason)) : undefined,
      icon: sc.grade.outcome === 'fail' ? severityIcon(sc.severity as Severity) : sc.grade.outcome === 'pass' ? 'pass' : 'na',
      rule: sc.span,
    });
  }
  if (sc.weights.outcome !== 'pass' && (sc.weights.sum !== undefined || sc.weights.reason)) {
    children.push({
      id: `${id}/weights`,
      kind: 'weights',
      label: t('Weights'),
      description: sc.weights.declared !== undefined ? t('sum {0} of {1}', sc.weights.sum ?? '—', sc.weights.declared) : pick(sc.weights.reason),
      tooltip: sc.weights.reason ? md(pick(sc.weights.reason)) : undefined,
      icon: sc.weights.outcome === 'fail' ? severityIcon(sc.severity as Severity) : 'na',
      rule: sc.span,
    });
  }
  const disputed: ResultNode[] = [];
  const others: ResultNode[] = [];
  sc.indicators.forEach((ind, i) => (ind.outcome === 'fail' || ind.outcome === 'error' ? disputed : others).push(indicatorNode(id, sc, ind, i)));
  children.push(...disputed);
  if (others.length) {
    children.push({ id: `${id}/others`, kind: 'group', label: t('Agreeing or not computable ({0})', others.length), icon: 'group', children: others, expanded: false, rule: sc.span });
  }
  for (const [k, n] of sc.notes.entries()) children.push({ id: `${id}/note${k}`, kind: 'note', label: pick(n), icon: 'info', rule: sc.span });
  const failing = failingCount(sc.counts) > 0 || tot.outcome === 'fail' || sc.grade?.outcome === 'fail';
  const desc = [t('total {0}', range(tot.computed, tot.computedHigh)), t('reported {0}', tot.reported?.written ?? tot.reportedSum ?? '—')];
  if (sc.grade) desc.push(t('grade {0} (reported {1})', sc.grade.computed.join('/') || '—', sc.grade.reported ?? '—'));
  desc.push(t('{0} of {1} indicators disputed', disputed.length, sc.indicators.length));
  return {
    id,
    kind: 'scorecard',
    label: `${sc.id} ${pick(sc.title)}`,
    description: desc.join(' · '),
    tooltip: `**${md(sc.id)}** ${md(pick(sc.title))}\n\n${md(desc.join(' · '))}`,
    icon: failing ? severityIcon(sc.severity as Severity) : 'pass',
    children,
    expanded: true,
    rule: sc.span,
  };
}

// ── files ──────────────────────────────────────────────────────────────────────────────────

function fileNode(f: FileResults, opts: BuildOptions): ResultNode {
  const file = fileOf(f.uri);
  const id = `file:${file}`;
  const r = f.result;
  const children: ResultNode[] = [];
  const dataProblems = f.loadDiagnostics.concat(r?.diagnostics ?? []).filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (dataProblems.length) {
    children.push({
      id: `${id}/data`,
      kind: 'group',
      label: t('Data problems ({0})', dataProblems.length),
      tooltip: md(t('Problems reading the data file; their messages are in the Problems panel.')),
      icon: 'dataError',
      expanded: !r,
      children: dataProblems.map((d, i) => ({
        id: `${id}/data/${i}`,
        kind: 'dataProblem',
        label: d.code,
        description: `${path.basename(d.span.file)}:${d.span.line}:${d.span.col}`,
        icon: d.severity === 'error' ? 'error' : 'warning',
        cell: d.span,
      })),
    });
  }
  if (r) {
    const scorecardIds = new Set((r.scorecards ?? []).map((s) => s.id));
    const rules = r.rules.filter((x) => !(x.kind === 'scorecard' && scorecardIds.has(x.id)));
    const failing = rules.filter((x) => failingCount(x.counts) > 0 || x.error);
    failing.sort((a, b) => SEVERITY_ORDER[a.severity as Severity] - SEVERITY_ORDER[b.severity as Severity] || a.id.localeCompare(b.id));
    children.push(...failing.map((x) => ruleNode(id, x)));
    for (const sc of r.scorecards ?? []) children.push(scorecardNode(id, sc));
    const passed = rules.filter((x) => !failingCount(x.counts) && !x.error && x.counts.pass > 0);
    const na = rules.filter((x) => !failingCount(x.counts) && !x.error && x.counts.pass === 0);
    if (passed.length) {
      children.push({ id: `${id}/passed`, kind: 'group', label: t('Passed ({0})', passed.length), icon: 'pass', expanded: false, children: passed.map((x) => ruleNode(id, x)) });
    }
    if (na.length) {
      children.push({ id: `${id}/na`, kind: 'group', label: t('Not applicable ({0})', na.length), icon: 'na', expanded: false, children: na.map((x) => ruleNode(id, x)) });
    }
    if (!failing.length && !(r.scorecards ?? []).length && !dataProblems.length) {
      children.unshift({ id: `${id}/ok`, kind: 'message', label: t('No problems found.'), icon: 'pass' });
    }
  }
  const desc = [r?.title ?? '', r ? countsText(r.counts) : t('could not be read')].filter(Boolean).join(' · ');
  const rel = opts.relative(file);
  return {
    id,
    kind: 'file',
    label: path.basename(file),
    description: desc,
    tooltip: [`**${md(rel)}**`, r?.title ? md(r.title) : '', r ? md(countsText(r.counts, { na: true })) : '', r ? md(t('{0} ms', Math.round(r.ms))) : ''].filter(Boolean).join('\n\n'),
    icon: !r || dataProblems.some((d) => d.severity === 'error') ? 'fileError' : 'file',
    children,
    expanded: true,
    cell: { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
  };
}

export interface BuildOptions {
  /** A path for people (relative to the workspace). */
  relative(file: string): string;
}

/** The tree of one ruleset's results: data files → rules → failing rows → cells, values, trail. */
export function buildTree(res: RulesetResults, opts: BuildOptions): ResultNode[] {
  if (res.notRun) return [{ id: 'notRun', kind: 'message', label: t('The ruleset has errors, so nothing was run. See the Problems panel.'), icon: 'error' }];
  if (!res.files.length) return [{ id: 'noData', kind: 'message', label: t('No data files are bound to this ruleset.'), icon: 'info' }];
  return res.files.map((f) => fileNode(f, opts));
}

// ── summaries (status bar, badge) ───────────────────────────────────────────────────────────

export interface Summary {
  counts: Record<Outcome, number>;
  files: number;
  loadErrors: number;
  ms: number;
  notRun: boolean;
}

export function emptyCounts(): Record<Outcome, number> {
  return { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 };
}

export function summarise(p: Pick<EvaluatedParams, 'files' | 'ms' | 'notRun'>): Summary {
  const counts = emptyCounts();
  let loadErrors = 0;
  for (const f of p.files) {
    loadErrors += f.loadErrors;
    for (const k of Object.keys(counts) as Outcome[]) counts[k] += f.counts?.[k] ?? 0;
  }
  return { counts, files: p.files.length, loadErrors, ms: p.ms, notRun: p.notRun };
}

export function summariseResults(r: RulesetResults): Summary {
  return summarise({
    ms: r.ms,
    notRun: r.notRun,
    files: r.files.map((f) => ({ uri: f.uri, counts: f.result?.counts, loadErrors: f.loadDiagnostics.filter((d) => d.severity === 'error').length })),
  });
}

export function failing(s: Summary): number {
  return failingCount(s.counts);
}

/** The status bar text: `$(error) 2 failing · 54 passed`. */
export function statusText(s: Summary): string {
  if (s.notRun) return `$(circle-slash) ${t('Suan: not run')}`;
  const icon = s.counts.fail || s.counts.error || s.loadErrors ? '$(error)' : s.counts.coarse ? '$(warning)' : '$(pass)';
  const parts = [t('{0} failing', s.counts.fail + s.counts.error)];
  if (s.counts.coarse) parts.push(t('{0} coarse', s.counts.coarse));
  parts.push(t('{0} passed', s.counts.pass));
  if (s.loadErrors) parts.push(t('{0} data errors', s.loadErrors));
  return `${icon} ${parts.join(' · ')}`;
}
