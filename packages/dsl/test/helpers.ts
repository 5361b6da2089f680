/** Test helpers: an in-memory file host, and one-call "check this ruleset on this data". */
import * as path from 'node:path';
import {
  checkDisclosure, evaluateDocument, formatMessage, loadDisclosureText, loadRuleset, type Diagnostic, type DocumentResult, type LoadedRuleset,
} from '../src/index';

export const ROOT = '/virtual';

/** A host serving the given files (paths relative to /virtual). */
export function memHost(files: Record<string, string>) {
  const abs = new Map(Object.entries(files).map(([k, v]) => [path.resolve(ROOT, k), v]));
  return {
    readFile(p: string) {
      const t = abs.get(p);
      return t === undefined ? undefined : { text: t };
    },
  };
}

/** Loads a one-file ruleset from text. */
export function ruleset(text: string, extra: Record<string, string> = {}): LoadedRuleset {
  return loadRuleset(path.resolve(ROOT, 'main.suan'), memHost({ 'main.suan': text, ...extra }));
}

/** Runs a ruleset (text) on a YAML disclosure (text); fails the test on ruleset errors. */
export function run(rules: string, yaml: string, options: Parameters<typeof evaluateDocument>[2] = {}): DocumentResult {
  const rs = ruleset(rules);
  const errors = rs.program.diagnostics.filter((d) => d.severity === 'error');
  if (!rs.compiled) throw new Error(`ruleset has errors:\n${errors.map((d) => `${d.span.line}:${d.span.col} ${formatMessage(d, 'en')}`).join('\n')}`);
  const load = loadDisclosureText(path.resolve(ROOT, 'data.yaml'), yaml, memHost({}));
  if (!load.disclosure) throw new Error(`data has errors: ${load.diagnostics.map((d) => formatMessage(d, 'en')).join('; ')}`);
  return evaluateDocument(rs.compiled, load.disclosure, options);
}

/** Messages of diagnostics in English, with line:col, for readable assertions. */
export function messages(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.span.line}:${d.span.col} ${formatMessage(d, 'en')}`);
}

/** Outcome of each binding of a rule, in order (passes included when detail = all). */
export function outcomes(r: DocumentResult, rule: string): string[] {
  return r.rules.find((x) => x.id === rule)!.findings.map((f) => f.outcome);
}

export { checkDisclosure };
