/**
 * The public API of @suan/dsl. The CLI and the language server import only from here.
 */
export * from './api';
export { parse, lineStarts, type ParseResult } from './syntax/parse';
export type * as AST from './syntax/ast';
export type { Span } from './syntax/ast';
export { fileStart } from './syntax/ast';
export { KEYWORDS, SOFT_KEYWORDS, isKeyword } from './syntax/tokens';
export { parseTemplate } from './syntax/template';
export { check, dottedPath, TEMPLATE_SPECIALS } from './semantics/checker';
export { decodeUtf8, loadSources, nodeFileHost, type ReadResult, type SourceHost, type RulesetSources } from './semantics/sources';
export type * from './semantics/program';
export { BUILTINS, type BuiltinDoc } from './semantics/builtins';
export { typeName, type Type } from './semantics/types';
export { CATALOGUE, type DiagnosticCode } from './diagnostics/catalogue';
export {
  formatMessage, formatDiagnostic, formatLocation, hasErrors, closestNames, readErrorReason, readErrorSpan, type Diagnostic, type Lang, type RelatedInfo,
} from './diagnostics/diagnostic';
export { detectLang } from './diagnostics/locale';
export { loadDisclosure, loadDisclosureText, type Disclosure, type DataHost, type LoadResult, type DataTable, type DataFact, type DataRow } from './data/load';
export { compileProgram, type CompiledProgram } from './evaluation/compile';
export { evaluateDocument, DEFAULT_BUDGET, type EvaluateOptions } from './evaluation/interpreter';
export type * from './evaluation/results';
export { parseTarget, type ParsedTarget, type TargetKind, type TargetOp } from './scorecard/targets';
export { findingPlace, findingWhere, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporting/reporter';
export { goldenOf, readGolden, compareGolden, type GoldenFinding } from './cli/golden';

// ── Language services (src/services/): shared by the language server and the CLI ─────────
export { formatSource, displayWidth, sameTree, stripPositions, type FormatResult, type FormatOptions } from './services/formatter';
export {
  buildSymbolIndex, symbolKey, symbolName, declarationSpan, itemAt, nodePathAt, ruleExpressions, contains as spanContains,
  type SymbolIndex, type Occurrence, type NodeAtOffset,
} from './services/locate';
export { outline, flattenOutline, typeText, type OutlineNode, type OutlineKind } from './services/symbols';
export { forEachChild, topComparison, ROUNDING_MODES, MONEY_UNITS } from './services/syntax-utils';
