/**
 * Code lenses: above the ruleset header, which data files it is checked against; above each
 * rule, its results on them ("✗ 3 failing · ✓ 12 passed"). A failing rule's lens opens the
 * first failing cell (`suan.showFindings`).
 */
import * as path from 'node:path';
import type { Outcome } from '@suan/dsl';
import type { CodeLens } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import { withPlaces } from './data-values';
import { t } from '../i18n';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';

export const SHOW_FINDINGS_COMMAND = 'suan.showFindings';
export const SHOW_BINDING_COMMAND = 'suan.showDataBinding';

/** Whether the results were computed from the ruleset's current text. */
export function resultsAreCurrent(a: Analysis, outcomeKey: string): boolean {
  return outcomeKey.startsWith(`${a.key}#`);
}

export function codeLenses(services: SuanServices, uri: string): CodeLens[] {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const a = ws.analysisFor(doc.path);
  if (!a) return [];
  const lang = services.lang();
  const lenses: CodeLens[] = [];
  const outcome = ws.results.get(a.entry);
  const stale = outcome && !resultsAreCurrent(a, outcome.key) ? ` ${t(lang, 'lensStale')}` : '';
  const entryUri = ws.uriFor(a.entry);

  // The header: what the ruleset is checked against.
  const file = a.program.sources.files.find((f) => f.path === doc.path);
  const header = file?.parsed.ast.header;
  if (header && doc.path === a.entry) {
    const binding = ws.binding(a.entry);
    let title: string;
    if (binding.files.length === 0) title = t(lang, 'lensNoData');
    else {
      title = `${t(lang, 'lensData', { files: binding.files.map((f) => path.basename(f)).join(', ') })} · ${t(lang, `bindingSource_${binding.source}`)}`;
      if (outcome?.notRun || a.hasErrors) title += ` · ${t(lang, 'lensNotRun')}`;
    }
    lenses.push({ range: spanToRange(header.span), command: { title, command: SHOW_BINDING_COMMAND, arguments: [entryUri] } });
  }

  if (!outcome || !services.settings().inlineResults) return lenses;
  for (const r of a.program.rules) {
    if (r.file !== doc.path || r.layer !== 0) continue;
    const range = spanToRange(r.decl.span);
    range.end = range.start;
    if (r.disabled) {
      lenses.push({ range, command: { title: t(lang, 'lensDisabled'), command: '' } });
      continue;
    }
    const counts: Record<Outcome, number> = { pass: 0, fail: 0, coarse: 0, na: 0, error: 0 };
    let seen = 0;
    for (const f of outcome.files) {
      const rr = f.result?.rules.find((x) => x.id === r.id);
      if (!rr) continue;
      seen++;
      for (const k of Object.keys(counts) as Outcome[]) counts[k] += rr.counts[k];
    }
    if (seen === 0) continue;
    const parts: string[] = [];
    if (counts.fail) parts.push(t(lang, 'lensFailing', { n: counts.fail }));
    if (counts.coarse) parts.push(t(lang, 'lensCoarse', { n: counts.coarse }));
    if (counts.error) parts.push(t(lang, 'lensErrors', { n: counts.error }));
    if (counts.pass) parts.push(t(lang, 'lensPassed', { n: counts.pass }));
    if (counts.na) parts.push(t(lang, 'lensNa', { n: counts.na }));
    if (parts.length === 0) parts.push(t(lang, 'lensNoBindings'));
    if (outcome.files.length > 1) parts.push(t(lang, 'lensFiles', { n: seen }));
    const failing = counts.fail + counts.coarse + counts.error > 0;
    lenses.push({
      range,
      command: { title: parts.join(' · ') + stale, command: failing ? SHOW_FINDINGS_COMMAND : '', arguments: failing ? [entryUri, r.id] : undefined },
    });
  }
  // Scorecards: disputed and agreeing indicators, the total and the grade, computed vs reported.
  for (const sc of a.program.scorecards ?? []) {
    if (sc.file !== doc.path || sc.layer !== 0) continue;
    const range = spanToRange(sc.decl.span);
    range.end = range.start;
    if (sc.disabled) {
      lenses.push({ range, command: { title: t(lang, 'lensDisabled'), command: '' } });
      continue;
    }
    for (const f of outcome.files) {
      const r = f.result?.scorecards?.find((x) => x.id === sc.id);
      if (!r) continue;
      const parts: string[] = [];
      const c = r.counts;
      if (c.fail) parts.push(t(lang, 'lensDisputed', { n: c.fail }));
      if (c.pass) parts.push(t(lang, 'lensAgree', { n: c.pass }));
      if (c.na) parts.push(t(lang, 'lensNa', { n: c.na }));
      if (r.total.computed !== undefined) {
        const places = r.round.places;
        const computed = r.total.computedHigh && r.total.computedHigh !== r.total.computed
          ? `${withPlaces(r.total.computed, places)}–${withPlaces(r.total.computedHigh, places)}`
          : withPlaces(r.total.computed, places);
        const reported = r.total.reported?.written ?? r.total.reportedSum;
        parts.push(t(lang, 'lensTotal', { computed: computed ?? '?', reported: reported ?? '—' }));
      }
      if (r.grade) parts.push(t(lang, 'lensGrade', { computed: r.grade.computed.join('/'), reported: r.grade.reported ?? '—' }));
      if (outcome.files.length > 1) parts.push(path.basename(f.path));
      const failing = c.fail + c.error > 0 || r.total.outcome === 'fail' || r.grade?.outcome === 'fail';
      lenses.push({ range, command: { title: parts.join(' · ') + stale, command: failing ? SHOW_FINDINGS_COMMAND : '', arguments: failing ? [entryUri, sc.id] : undefined } });
    }
  }
  return lenses;
}
