/**
 * The form a checked document takes between a worker thread and the main thread of
 * `suan check --jobs N`. Copying a message between threads costs in proportion to its size and
 * the main thread writes every report, so the message carries only what the main thread cannot
 * know: per rule, its id and five counts in one flat array; the findings, errors and
 * not-applicable reasons of the few rules that have them. Titles, severities and places come
 * back from the main thread's own {@link CompiledProgram.ruleInfo}.
 */
import type { CompiledProgram } from '../evaluation/compile';
import { emptyRuleResult, type DocumentResult, type Outcome, type RuleResult } from '../evaluation/results';
import type { DocumentEntry } from '../reporting/reporter';

const OUTCOMES: readonly Outcome[] = ['pass', 'fail', 'coarse', 'na', 'error'];
const STRIDE = 1 + OUTCOMES.length;

type RuleDetail = Pick<RuleResult, 'findings' | 'notApplicable' | 'error' | 'omitted'>;

export interface WireEntry {
  file: string;
  diagnostics: DocumentEntry['diagnostics'];
  result?: Omit<DocumentResult, 'rules'> & {
    /** id, pass, fail, coarse, na, error — per rule, in result order. */
    rules: (string | number)[];
    /** Position in `rules` → what that rule has besides counts. */
    details: [number, RuleDetail][];
  };
}

/** A document's entry as a worker posts it. */
export function toWire(entry: DocumentEntry): WireEntry {
  if (!entry.result) return { file: entry.file, diagnostics: entry.diagnostics };
  const { rules, ...rest } = entry.result;
  const flat: (string | number)[] = new Array(rules.length * STRIDE);
  const details: [number, RuleDetail][] = [];
  rules.forEach((r, i) => {
    flat[i * STRIDE] = r.id;
    for (let k = 0; k < OUTCOMES.length; k++) flat[i * STRIDE + 1 + k] = r.counts[OUTCOMES[k]!];
    if (r.findings.length || r.notApplicable || r.error) {
      const d: RuleDetail = { findings: r.findings };
      if (r.notApplicable) d.notApplicable = r.notApplicable;
      if (r.error) d.error = r.error;
      if (r.omitted) d.omitted = r.omitted;
      details.push([i, d]);
    }
  });
  return { file: entry.file, diagnostics: entry.diagnostics, result: { ...rest, rules: flat, details } };
}

/** The entry a worker posted, whole again (as {@link checkOne} returned it). */
export function fromWire(w: WireEntry, compiled: CompiledProgram): DocumentEntry {
  if (!w.result) return { file: w.file, diagnostics: w.diagnostics };
  const { rules: flat, details, ...rest } = w.result;
  const n = flat.length / STRIDE;
  const rules: RuleResult[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = emptyRuleResult(compiled.ruleInfo.get(flat[i * STRIDE] as string)!);
    for (let k = 0; k < OUTCOMES.length; k++) r.counts[OUTCOMES[k]!] = flat[i * STRIDE + 1 + k] as number;
    rules[i] = r;
  }
  for (const [i, d] of details) {
    const r = rules[i]!;
    r.findings = d.findings;
    if (d.notApplicable) r.notApplicable = d.notApplicable;
    if (d.error) r.error = d.error;
    if (d.omitted) r.omitted = d.omitted;
  }
  return { file: w.file, diagnostics: w.diagnostics, result: { ...rest, rules } };
}
