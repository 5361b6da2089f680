/**
 * The Suan language server's protocol extensions, as the extension uses them
 * (packages/lsp/README.md "Protocol extensions"; types from packages/lsp/src/server.ts and
 * scheduler.ts). Types only: nothing here runs.
 */
import type { Diagnostic, DocumentResult } from '@suan/dsl';
import type { DataBindingResult, EvaluatedParams, SetDataBindingParams } from '@suan/lsp';

export type { DataBindingResult, EvaluatedParams, SetDataBindingParams };

/** One data file's results, as `suan/evaluate` and `suan/results` answer them. */
export interface FileResults {
  uri: string;
  /** The language core's DocumentResult (as in `suan check --format json`); absent when the file could not be loaded. */
  result?: DocumentResult;
  loadDiagnostics: Diagnostic[];
}

/** The answer of `suan/evaluate` and `suan/results` (null when nothing was evaluated). */
export interface RulesetResults {
  ruleset: string;
  ms: number;
  notRun: boolean;
  files: FileResults[];
}

export const Requests = {
  setDataBinding: 'suan/setDataBinding',
  getDataBinding: 'suan/getDataBinding',
  evaluate: 'suan/evaluate',
  results: 'suan/results',
  stats: 'suan/stats',
} as const;

export const Notifications = {
  evaluated: 'suan/evaluated',
} as const;
