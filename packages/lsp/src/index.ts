/**
 * @suan/lsp: the Suan language server. `dist/server.js` is the runnable bundle
 * (`node dist/server.js --stdio`); this module exposes the parts for embedding and tests.
 */
export { startServer, type ServerOptions, type SetDataBindingParams, type DataBindingResult, type ClientSettings } from './server';
export { createServices, type SuanServices, type ServiceOptions } from './services';
export { Workspace, DEFAULT_SETTINGS, type Settings, type Analysis } from './workspace';
export { Scheduler, type Publisher, type EvaluatedParams } from './scheduler';
export { resolveBinding, conventionFiles, globToRegExp, type DataBinding } from './bindings';
export { MemoryFileSystem, NodeFileSystem, type FileSystem } from './file-system';
export { runEvaluation, InlineEvaluator, WorkerEvaluator, type EvaluationJob, type EvaluationOutcome } from './evaluation';
export { IncrementalParser, splitChunks } from './parse-cache';
