/**
 * Expected findings ("golden files") of a ruleset's example disclosures:
 * `expected/<example-basename>.yaml` next to the ruleset, a list of findings (rule, outcome,
 * severity, where, message) reviewed by a person. `suan test` compares a run against them.
 */
import { parse, stringify } from 'yaml';
import type { DocumentResult } from '../evaluation/results';
import { findingWhere, isProblem } from '../reporting/reporter';

export interface GoldenFinding {
  rule: string;
  outcome: string;
  severity: string;
  where: string;
  message: string;
  /** Free reviewer notes (e.g. the audit item); not compared. */
  audit?: string;
}

/** The findings of a result in golden form (problems only: fail, coarse, error), in report order. */
export function goldenOf(r: DocumentResult): GoldenFinding[] {
  const out: GoldenFinding[] = [];
  for (const rule of r.rules) {
    if (rule.error) out.push({ rule: rule.id, outcome: 'error', severity: 'error', where: '', message: rule.error.message.zh });
    for (const f of rule.findings) {
      if (!isProblem(f.outcome)) continue;
      out.push({ rule: rule.id, outcome: f.outcome, severity: f.severity, where: findingWhere(f), message: f.message.zh });
    }
  }
  return out;
}

export function readGolden(text: string): GoldenFinding[] {
  const data = parse(text) as { findings?: GoldenFinding[] } | null;
  return (data?.findings ?? []).map((f) => ({ ...f, where: f.where ?? '', message: String(f.message ?? '') }));
}

export function writeGolden(findings: GoldenFinding[], header: string): string {
  return `${header}\n${stringify({ findings }, { lineWidth: 0 })}`;
}

const key = (f: GoldenFinding) => `${f.rule}\u0000${f.outcome}\u0000${f.severity}\u0000${f.where}\u0000${f.message}`;

/** Missing (expected, not found) and unexpected (found, not expected) findings. */
export function compareGolden(expected: GoldenFinding[], actual: GoldenFinding[]): { missing: GoldenFinding[]; unexpected: GoldenFinding[] } {
  const count = new Map<string, number>();
  for (const f of actual) count.set(key(f), (count.get(key(f)) ?? 0) + 1);
  const missing: GoldenFinding[] = [];
  for (const f of expected) {
    const n = count.get(key(f)) ?? 0;
    if (n > 0) count.set(key(f), n - 1);
    else missing.push(f);
  }
  const exp = new Map<string, number>();
  for (const f of expected) exp.set(key(f), (exp.get(key(f)) ?? 0) + 1);
  const unexpected: GoldenFinding[] = [];
  for (const f of actual) {
    const n = exp.get(key(f)) ?? 0;
    if (n > 0) exp.set(key(f), n - 1);
    else unexpected.push(f);
  }
  return { missing, unexpected };
}
