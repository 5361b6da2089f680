/**
 * Shared helpers for the published-ruleset tests: run a ruleset through the public API and
 * reduce its findings to the reviewed "golden" shape kept in rulesets/<id>/expected/*.yaml.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { checkDisclosure, formatMessage, goldenOf, loadRuleset, nodeFileHost, type CompiledProgram, type DocumentResult } from '@suan/dsl';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** One reviewed finding, as written in an expected/*.yaml file. */
export interface GoldenFinding {
  rule: string;
  outcome: 'fail' | 'coarse' | 'error';
  severity: 'error' | 'warning' | 'info';
  where: string;
  message: string;
  audit?: string;
}

/** Loads and compiles a ruleset from the repository; fails loudly on ruleset errors. */
export async function compile(rel: string): Promise<CompiledProgram> {
  const host = await nodeFileHost();
  const rs = loadRuleset(path.resolve(REPO, rel), host);
  const errors = rs.program.diagnostics.filter((d) => d.severity === 'error');
  if (!rs.compiled || errors.length) {
    throw new Error(`ruleset ${rel} has errors:\n${errors.map((d) => `${d.span.file}:${d.span.line}:${d.span.col} ${formatMessage(d, 'en')}`).join('\n')}`);
  }
  return rs.compiled;
}

/** Checks one data file (repository-relative) and returns its result; fails on data errors. */
export async function check(compiled: CompiledProgram, rel: string): Promise<DocumentResult> {
  const host = await nodeFileHost();
  const { load, result } = checkDisclosure(compiled, path.resolve(REPO, rel), host);
  const errors = load.diagnostics.filter((d) => d.severity === 'error');
  if (!result || errors.length) throw new Error(`data ${rel} has errors: ${errors.map((d) => formatMessage(d, 'en')).join('; ')}`);
  return result;
}

/** The reportable findings (fail, coarse, error) of a result, in report order, in the golden shape (as `suan test` sees them). */
export function findingsOf(r: DocumentResult): Omit<GoldenFinding, 'audit'>[] {
  return goldenOf(r).map(({ rule, outcome, severity, where, message }) => ({ rule, outcome: outcome as GoldenFinding['outcome'], severity: severity as GoldenFinding['severity'], where, message }));
}

/** Reads a golden file (repository-relative). */
export function readGolden(rel: string): GoldenFinding[] {
  const doc = parseYaml(fs.readFileSync(path.resolve(REPO, rel), 'utf8')) as { findings?: GoldenFinding[] | null };
  return doc.findings ?? [];
}
