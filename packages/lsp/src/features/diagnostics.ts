/**
 * Diagnostics of ruleset files: the language core's syntax and semantic diagnostics (in the
 * reader's language), merged with the inline results of the last evaluation (inline-results.ts).
 */
import * as path from 'node:path';
import { formatMessage, type Diagnostic as CoreDiagnostic, type Lang } from '@suan/dsl';
import { DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { spanToRange, toLspSeverity } from '../convert';
import { pick } from '../i18n';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';
import { dataFileDiagnostics, rulesetResultDiagnostics } from './inline-results';

/** A core diagnostic as an LSP diagnostic. */
export function toLspDiagnostic(services: SuanServices, d: CoreDiagnostic, lang: Lang = services.lang()): Diagnostic {
  const out: Diagnostic = {
    range: spanToRange(d.span),
    severity: toLspSeverity(d.severity),
    code: d.code,
    source: 'suan',
    message: formatMessage(d, lang),
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: services.workspace.uriFor(r.span.file), range: spanToRange(r.span) }, message: pick(lang, r.message) }));
  }
  if (d.unnecessary) out.tags = [DiagnosticTag.Unnecessary];
  if (d.suggestions?.length) out.data = { suggestions: d.suggestions };
  return out;
}

/** Files whose diagnostics an analysis owns: its own layer's files (a ruleset it extends speaks for itself). */
export function ownedFiles(services: SuanServices, a: Analysis): string[] {
  const ws = services.workspace;
  return a.program.sources.files.filter((f) => f.layer === 0 && (f.path === a.entry || ws.entryOf(f.path) === a.entry)).map((f) => f.path);
}

/** Everything to show in the files of one ruleset: core diagnostics plus inline results. */
export function rulesetDiagnostics(services: SuanServices, a: Analysis): Map<string, Diagnostic[]> {
  const lang = services.lang();
  const out = new Map<string, Diagnostic[]>();
  const owned = ownedFiles(services, a);
  for (const f of owned) out.set(f, []);
  for (const d of a.program.diagnostics) {
    const list = out.get(d.span.file);
    if (list) list.push(toLspDiagnostic(services, d, lang));
  }
  // Errors in a ruleset this one extends stop it from running: say so at the `extends`.
  const baseErrors = a.program.diagnostics.filter((d) => d.severity === 'error' && !out.has(d.span.file));
  if (baseErrors.length > 0) {
    for (const f of a.program.sources.files) {
      if (f.layer !== 0) continue;
      for (const item of f.parsed.ast.items) {
        if (item.kind !== 'Extends' || !item.path) continue;
        const first = baseErrors[0]!;
        out.get(f.path)?.push({
          range: spanToRange(item.path.span),
          severity: toLspSeverity('error'),
          code: first.code,
          source: 'suan',
          message: lang === 'en'
            ? `The extended ruleset has ${baseErrors.length} error(s); first: ${path.basename(first.span.file)}:${first.span.line}:${first.span.col} ${formatMessage(first, lang)}`
            : `被继承的规则集有 ${baseErrors.length} 处错误；第一处：${path.basename(first.span.file)}:${first.span.line}:${first.span.col} ${formatMessage(first, lang)}`,
          relatedInformation: baseErrors.slice(0, 10).map((d) => ({ location: { uri: services.workspace.uriFor(d.span.file), range: spanToRange(d.span) }, message: formatMessage(d, lang) })),
        });
      }
    }
  }
  if (services.settings().inlineResults) {
    const outcome = services.workspace.results.get(a.entry);
    if (outcome) {
      for (const [file, ds] of rulesetResultDiagnostics(services, a, outcome)) {
        const list = out.get(file);
        if (list) list.push(...ds);
      }
    }
  }
  return out;
}

/** Diagnostics of one data file from every ruleset bound to it (load problems, failing cells). */
export function dataDiagnostics(services: SuanServices, dataPath: string): Diagnostic[] {
  if (!services.settings().inlineResults) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const outcome of services.workspace.results.values()) {
    const a = services.workspace.lastAnalysis(outcome.entry);
    for (const d of dataFileDiagnostics(services, outcome, a).get(dataPath) ?? []) {
      const key = `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(d);
    }
  }
  return out;
}

/** Every file an outcome has something to say about (data files and the CSV files they refer to). */
export function filesOfOutcome(services: SuanServices, entry: string): string[] {
  const outcome = services.workspace.results.get(entry);
  if (!outcome) return [];
  const a = services.workspace.lastAnalysis(entry);
  return [...dataFileDiagnostics(services, outcome, a).keys(), ...outcome.files.map((f) => f.path)];
}
