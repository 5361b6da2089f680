/**
 * Inline failures: the results of evaluating a ruleset on its bound data, shown where people
 * look — a diagnostic on each failing rule (expected, actual, difference; related information at
 * the data cells it read), and a diagnostic at the offending cell or fact inside the data file
 * naming the rule. Results are placed by rule id on the *current* text, so they stay put while
 * the author types until the next evaluation arrives.
 */
import * as path from 'node:path';
import { fileStart, findingPlace, formatMessage, topComparison, type AST, type DataRef, type Finding, type Lang, type RuleResult, type ScorecardSymbol, type Span } from '@suan/dsl';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { spanToRange, toLspSeverity } from '../convert';
import type { DataFileResult, EvaluationOutcome } from '../evaluation';
import { pick, t } from '../i18n';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';

/** Where a rule's results are shown: the comparison of its assert, its roll-up, or its id. */
export function ruleAnchor(rule: AST.Rule): Span | undefined {
  const cmp = rule.assert ? topComparison(rule.assert) : undefined;
  if (cmp) return cmp.span;
  if (rule.assert && rule.assert.kind !== 'ErrorExpr') return rule.assert.span;
  if (rule.rollup) return rule.rollup.span;
  return rule.id?.span;
}

export interface RuleLocation {
  span: Span;
  inherited: boolean;
  decl?: AST.Rule;
  scorecard?: ScorecardSymbol;
}

/** Where one finding of a rule or scorecard is shown: a scorecard's indicator at its `score` entry, totals at their clause. */
export function findingAnchor(loc: RuleLocation, f: Finding): Span {
  const sc = loc.scorecard;
  if (!sc || loc.inherited) return loc.span;
  const key = f.bindings[0]?.key;
  const d = sc.decl;
  if (key === '总分') return (d.reportedTotal ?? d.total)?.span ?? loc.span;
  if (key === '分值合计') return d.total?.span ?? loc.span;
  if (key === '等级') return (d.reportedGrade ?? d.grade)?.span ?? loc.span;
  const entry = key !== undefined ? sc.scoreIndex.get(key) ?? d.extras.find((x) => x.name?.text === key) : undefined;
  return entry?.span ?? sc.elseEntry?.span ?? loc.span;
}

/** Rules and scorecards of the current text by id: where each is written (own layer), and the `extends` span for inherited ones. */
export function ruleLocations(a: Analysis): Map<string, RuleLocation> {
  const out = new Map<string, RuleLocation>();
  let extendsSpan: Span | undefined;
  for (const f of a.program.sources.files) {
    if (f.layer !== 0) continue;
    for (const item of f.parsed.ast.items) if (item.kind === 'Extends' && item.path && !extendsSpan) extendsSpan = item.path.span;
  }
  for (const r of a.program.rules) {
    if (r.layer === 0) {
      const anchor = ruleAnchor(r.decl);
      if (anchor && !out.has(r.id)) out.set(r.id, { span: anchor, inherited: false, decl: r.decl });
    } else if (extendsSpan && !out.has(r.id)) out.set(r.id, { span: extendsSpan, inherited: true, decl: r.decl });
  }
  for (const sc of a.program.scorecards ?? []) {
    if (out.has(sc.id)) continue;
    if (sc.layer === 0) out.set(sc.id, { span: sc.nameSpan, inherited: false, scorecard: sc });
    else if (extendsSpan) out.set(sc.id, { span: extendsSpan, inherited: true, scorecard: sc });
  }
  return out;
}

/** `收入决算表[210].本年收入合计` or the fact's name. */
export function refName(r: DataRef): string {
  if (r.kind === 'fact') return r.fact ?? '';
  return `${r.table ?? ''}[${r.row ?? ''}]${r.column ? `.${r.column}` : ''}`;
}

/** A finding's numbers on one line: actual, expected, difference (and interval distance, tolerance). */
export function numbersLine(f: Finding, lang: Lang): string | undefined {
  const c = f.comparison;
  if (!c) return undefined;
  const parts = [`${t(lang, 'actual')} ${pick(lang, c.actual.text)}`, `${t(lang, 'expected')} ${pick(lang, c.expected.text)}`];
  if (c.difference) parts.push(`${t(lang, 'difference')} ${pick(lang, c.difference.text)}`);
  if (c.distance && c.op === '≈') parts.push(`${t(lang, 'distance')} ${pick(lang, c.distance.text)}`);
  if (c.tolerance) parts.push(`${t(lang, 'tolerance')} ${pick(lang, c.tolerance.text)}`);
  return parts.join(lang === 'en' ? '; ' : '；');
}

/** The text of a finding for people: its message, the numbers, notes (unit slip, coarse reading). */
export function findingText(f: Finding, lang: Lang): string {
  const lines = [pick(lang, f.message)];
  if (f.outcome === 'error' && f.reason && !lines[0]!.includes(pick(lang, f.reason))) lines.push(pick(lang, f.reason));
  const nums = numbersLine(f, lang);
  if (nums) lines.push(nums);
  if (f.comparison?.unitSlip) lines.push(pick(lang, f.comparison.unitSlip.note));
  if (f.comparison?.coarse) lines.push(pick(lang, f.comparison.coarse.note));
  // A scorecard's explanation trail: how the score was computed, step by step.
  for (const step of (f.trail ?? []).slice(0, 8)) lines.push(`· ${pick(lang, step)}`);
  return lines.filter(Boolean).join('\n');
}

function ruleTitle(r: RuleResult, lang: Lang): string {
  return pick(lang, r.title);
}

function related(services: SuanServices, f: Finding, lang: Lang, limit = 20): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  const seen = new Set<string>();
  for (const r of f.reads) {
    const key = `${r.span.file}:${r.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = r.written ?? pick(lang, r.value.text);
    out.push({ location: { uri: services.workspace.uriFor(r.span.file), range: spanToRange(r.span) }, message: t(lang, 'readCell', { what: refName(r), value }) });
    if (out.length >= limit) return out;
  }
  for (const b of f.bindings) {
    if (!b.span || b.span.file.endsWith('.suan')) continue;
    const key = `${b.span.file}:${b.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location: { uri: services.workspace.uriFor(b.span.file), range: spanToRange(b.span) }, message: t(lang, 'boundRow', { table: b.table, key: b.key }) });
    if (out.length >= limit) break;
  }
  return out;
}

const SHOWN: ReadonlySet<Finding['outcome']> = new Set(['fail', 'coarse', 'error']);

/** Diagnostics in the ruleset's own files for failing rules (one per failing binding, capped per rule). */
export function rulesetResultDiagnostics(services: SuanServices, a: Analysis, outcome: EvaluationOutcome): Map<string, Diagnostic[]> {
  const lang = services.lang();
  const cap = services.settings().maxFindingsPerRule;
  const where = ruleLocations(a);
  const out = new Map<string, Diagnostic[]>();
  const add = (span: Span, d: Diagnostic) => {
    const list = out.get(span.file);
    if (list) list.push(d);
    else out.set(span.file, [d]);
  };
  for (const file of outcome.files) {
    if (!file.result) continue;
    const dataName = path.basename(file.path);
    for (const r of file.result.rules) {
      const loc = where.get(r.id);
      if (!loc) continue;
      const prefix = loc.inherited ? `${r.id} ` : '';
      if (r.error) {
        add(loc.span, {
          range: spanToRange(loc.span), severity: DiagnosticSeverity.Error, code: r.id, source: 'suan',
          message: `${prefix}${pick(lang, r.error.message)}\n— ${dataName}`,
          data: { kind: 'finding', rule: r.id, file: file.path },
        });
      }
      const shown = r.findings.filter((f) => SHOWN.has(f.outcome));
      for (const f of shown.slice(0, cap)) {
        const anchor = findingAnchor(loc, f);
        add(anchor, {
          range: spanToRange(anchor),
          severity: toLspSeverity(f.severity),
          code: r.id,
          source: 'suan',
          message: `${prefix}${findingText(f, lang)}\n— ${dataName}`,
          relatedInformation: related(services, f, lang),
          data: { kind: 'finding', rule: r.id, file: file.path },
        });
      }
      if (shown.length > cap) {
        add(loc.span, {
          range: spanToRange(loc.span), severity: DiagnosticSeverity.Information, code: r.id, source: 'suan',
          message: `${t(lang, 'moreFindings', { rule: r.id, n: shown.length - cap })} — ${dataName}`,
        });
      }
    }
  }
  return out;
}

/** The cell or fact a finding is about, inside a given data file (as every report places it: `findingPlace`). */
export function primaryRead(f: Finding, dataPath: string): Span | undefined {
  return findingPlace(f, dataPath);
}

/** Diagnostics inside data files (and the CSV files they refer to): load problems and the cells failing rules read. */
export function dataFileDiagnostics(services: SuanServices, outcome: EvaluationOutcome, a: Analysis | undefined): Map<string, Diagnostic[]> {
  const lang = services.lang();
  const out = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic) => {
    const list = out.get(file);
    if (list) list.push(d);
    else out.set(file, [d]);
  };
  const ruleSpan = a ? ruleLocations(a) : new Map<string, { span: Span }>();
  for (const file of outcome.files) {
    out.set(file.path, out.get(file.path) ?? []);
    for (const d of [...file.loadDiagnostics, ...(file.result?.diagnostics ?? [])]) {
      add(d.span.file, { range: spanToRange(d.span), severity: toLspSeverity(d.severity), code: d.code, source: 'suan', message: formatMessage(d, lang) });
    }
    addFindingDiagnostics(services, file, lang, ruleSpan, add);
  }
  return out;
}

function addFindingDiagnostics(
  services: SuanServices, file: DataFileResult, lang: Lang, ruleSpan: Map<string, { span: Span }>, add: (file: string, d: Diagnostic) => void,
): void {
  if (!file.result) return;
  const cap = services.settings().maxFindingsPerRule * 5;
  for (const r of file.result.rules) {
    let n = 0;
    for (const f of r.findings) {
      if (!SHOWN.has(f.outcome)) continue;
      // A finding about the document as a whole (it read nothing: "tables missing") is at its top.
      const at = primaryRead(f, file.path) ?? f.reads[0]?.span ?? (f.reads.length + f.bindings.length === 0 ? fileStart(file.path) : undefined);
      if (!at) continue;
      if (++n > cap) break;
      const rel = related(services, f, lang).filter((x) => !(x.location.range.start.line === spanToRange(at).start.line && x.location.uri === services.workspace.uriFor(at.file)));
      const rs = ruleSpan.get(r.id)?.span;
      if (rs) rel.unshift({ location: { uri: services.workspace.uriFor(rs.file), range: spanToRange(rs) }, message: t(lang, 'ruleAt', { rule: r.id }) });
      add(at.file, {
        range: spanToRange(at),
        severity: toLspSeverity(f.severity),
        code: r.id,
        source: 'suan',
        message: `${t(lang, 'ruleFailedHere', { rule: r.id, title: ruleTitle(r, lang) })}: ${findingText(f, lang)}`,
        relatedInformation: rel,
      });
    }
  }
}
