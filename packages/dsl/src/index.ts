/**
 * The public API of @suan/dsl. The CLI and the language server import only from here.
 */
export * from './api';
export { parse, lineStarts, type ParseResult } from './syntax/parse';
export type * as AST from './syntax/ast';
export type { Span } from './syntax/ast';
export { KEYWORDS, isKeyword } from './syntax/tokens';
export { parseTemplate } from './syntax/template';
export { check, dottedPath, TEMPLATE_SPECIALS } from './semantics/checker';
export { loadSources, nodeFileHost, type SourceHost, type RulesetSources } from './semantics/sources';
export type * from './semantics/program';
export { BUILTINS, type BuiltinDoc } from './semantics/builtins';
export { typeName, type Type } from './semantics/types';
export { CATALOGUE, type DiagnosticCode } from './diagnostics/catalogue';
export {
  formatMessage, formatDiagnostic, formatLocation, hasErrors, closestNames, type Diagnostic, type Lang, type RelatedInfo,
} from './diagnostics/diagnostic';
export { detectLang } from './diagnostics/locale';
export { loadDisclosure, loadDisclosureText, type Disclosure, type DataHost, type LoadResult, type DataTable, type DataFact, type DataRow } from './data/load';
export { compileProgram, type CompiledProgram } from './evaluation/compile';
export { evaluateDocument, DEFAULT_BUDGET, type EvaluateOptions } from './evaluation/interpreter';
export type * from './evaluation/results';
