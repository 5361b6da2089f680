/**
 * The high-level entry points the CLI and the language server use: load and check a ruleset,
 * compile it, load disclosures, evaluate. All return values plus diagnostics; none throws.
 */
import { loadDisclosure, type DataHost, type LoadResult } from './data/load';
import { compileProgram, type CompiledProgram } from './evaluation/compile';
import { evaluateDocument, type EvaluateOptions } from './evaluation/interpreter';
import type { DocumentResult } from './evaluation/results';
import { check } from './semantics/checker';
import type { Program } from './semantics/program';
import { loadSources, type ParseCache, type SourceHost } from './semantics/sources';
import { hasErrors } from './diagnostics/diagnostic';

export interface LoadedRuleset {
  program: Program;
  /** Present when the ruleset has no errors. */
  compiled?: CompiledProgram;
}

/** Loads, checks and (when error-free) compiles the ruleset whose entry file is `entry`. */
export function loadRuleset(entry: string, host: SourceHost, parseCache?: ParseCache): LoadedRuleset {
  const program = check(loadSources(entry, host, parseCache));
  return { program, compiled: hasErrors(program.diagnostics) ? undefined : compileProgram(program) };
}

/** Loads a disclosure file and evaluates a compiled ruleset on it. */
export function checkDisclosure(compiled: CompiledProgram, file: string, host: DataHost, options?: EvaluateOptions): { load: LoadResult; result?: DocumentResult } {
  const load = loadDisclosure(file, host);
  if (!load.disclosure) return { load };
  const result = evaluateDocument(compiled, load.disclosure, options);
  result.diagnostics.unshift(...load.diagnostics);
  return { load, result };
}
