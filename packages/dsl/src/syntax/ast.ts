/**
 * The syntax tree. Every node carries the span of the text it came from. A tree built from
 * broken text is still a tree: missing parts are `undefined` (or an `ErrorExpr`), never thrown.
 */

/** A range of source text. Lines and columns are 1-based; `end` is exclusive. Columns count UTF-16 code units. */
export interface Span {
  file: string;
  start: number;
  end: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export interface Name {
  kind: 'Name';
  /** The name without backticks. */
  text: string;
  span: Span;
}

/** A localised text: the first string is the default (written in zh-CN), others carry a language tag. */
export interface Text {
  kind: 'Text';
  variants: { lang: 'default' | 'en' | 'zh'; value: string; /** Text between the quotes, escapes not applied (templates are parsed from it). */ raw: string; span: Span }[];
  span: Span;
}

export interface SourceFile {
  kind: 'File';
  file: string;
  header?: RulesetHeader;
  items: Item[];
  /** Comments in source order (for the formatter and folding). */
  comments: { text: string; span: Span }[];
  span: Span;
}

export type Item = Import | Extends | Hierarchy | Table | Fact | Rule | ConstLet | DocPrecision;

export interface RulesetHeader {
  kind: 'RulesetHeader';
  id?: Name;
  fields: HeaderField[];
  span: Span;
}

export type HeaderField =
  | { kind: 'HeaderField'; key: 'title' | 'issuer' | 'description'; text?: Text; span: Span }
  | { kind: 'HeaderField'; key: 'version' | 'licence'; value?: StringLit; span: Span }
  | { kind: 'HeaderField'; key: 'kind'; names: Name[]; span: Span }
  | { kind: 'HeaderField'; key: 'years'; from?: NumberLit; to?: NumberLit; span: Span };

export interface Import {
  kind: 'Import';
  path?: StringLit;
  span: Span;
}

export interface Extends {
  kind: 'Extends';
  path?: StringLit;
  overrides: Override[];
  span: Span;
}

export interface Override {
  kind: 'Override';
  rule?: Name;
  disable: boolean;
  severity?: SeverityRef;
  tolerance?: Expr;
  span: Span;
}

export type Severity = 'error' | 'warning' | 'info';
export interface SeverityRef {
  value: Severity;
  span: Span;
}

export interface Hierarchy {
  kind: 'Hierarchy';
  name?: Name;
  levels: { name: Name; length?: NumberLit; span: Span }[];
  doc?: Text;
  span: Span;
}

export type BaseType = 'money' | 'percent' | 'count' | 'number' | 'text' | 'code' | 'date' | 'bool';

export interface TypeRef {
  kind: 'TypeRef';
  base: BaseType;
  unit?: { value: string; span: Span };
  /** For `code`: the hierarchy its values belong to. */
  hierarchy?: Name;
  /** Declared precision (e.g. `precision 0.01`): governs numbers written with fewer decimals. */
  precision?: NumberLit | PercentLit;
  span: Span;
}

export interface ColumnDecl {
  kind: 'Column';
  name: Name;
  type?: TypeRef;
  isKey: boolean;
  span: Span;
}

export interface Table {
  kind: 'Table';
  name?: Name;
  title?: Text;
  doc?: Text;
  unit?: { value: string; span: Span };
  columns: ColumnDecl[];
  span: Span;
}

export interface Fact {
  kind: 'Fact';
  /** Full name, dotted for grouped facts (`三公经费.公务接待费`). */
  name: Name;
  type?: TypeRef;
  doc?: Text;
  span: Span;
}

/** `precision facts 0.01 万元`: the precision of every fact of that kind and unit. */
export interface DocPrecision {
  kind: 'DocPrecision';
  target: 'facts' | 'tables';
  amount?: NumberLit | PercentLit | MoneyLit;
  span: Span;
}

export interface ConstLet {
  kind: 'ConstLet';
  name?: Name;
  value?: Expr;
  span: Span;
}

export interface ForStep {
  kind: 'For';
  variable?: Name;
  source?: Expr;
  filter?: Expr;
  span: Span;
}

export interface LetStep {
  kind: 'Let';
  name?: Name;
  value?: Expr;
  span: Span;
}

export interface Rollup {
  kind: 'Rollup';
  table?: Name;
  hierarchy?: Name;
  columns: Name[];
  /** Key of the total row that must equal the sum of the top level (e.g. "合计"). */
  total?: StringLit;
  within?: Expr;
  span: Span;
}

export interface Rule {
  kind: 'Rule';
  id?: Name;
  title?: Text;
  severity?: SeverityRef;
  tolerance?: Expr;
  doc?: Text;
  when?: Expr;
  steps: (ForStep | LetStep)[];
  assert?: Expr;
  rollup?: Rollup;
  message?: Text;
  /** Clauses written more than once (only the last counts; the checker reports the others). */
  repeated: { clause: string; span: Span }[];
  span: Span;
}

// ── Expressions ───────────────────────────────────────────────────────────────────────────

export type Expr =
  | NumberLit | PercentLit | MoneyLit | StringLit | BoolLit | BlankLit
  | NameRef | Member | Index | Call | Aggregate
  | Unary | Binary | Compare | IfExpr | Convert | ErrorExpr;

export interface NumberLit { kind: 'Number'; text: string; span: Span }
/** `83.59%`; `text` is the number without the percent sign. */
export interface PercentLit { kind: 'Percent'; text: string; span: Span }
export interface MoneyLit { kind: 'Money'; text: string; unit: string; span: Span }
export interface StringLit { kind: 'String'; value: string; span: Span }
export interface BoolLit { kind: 'Bool'; value: boolean; span: Span }
export interface BlankLit { kind: 'Blank'; span: Span }
export interface NameRef { kind: 'NameRef'; name: Name; span: Span }
export interface Member { kind: 'Member'; object: Expr; name?: Name; span: Span }
export interface Index { kind: 'Index'; object: Expr; index?: Expr; span: Span }
export interface Call { kind: 'Call'; callee: Name; args: Expr[]; span: Span }
/** `sum(x.本年支出合计 for x in 支出决算表 where level(x) = 类)` */
export interface Aggregate {
  kind: 'Aggregate';
  fn: Name;
  element?: Expr;
  variable?: Name;
  source?: Expr;
  filter?: Expr;
  span: Span;
}
export type UnaryOp = '-' | 'not';
export interface Unary { kind: 'Unary'; op: UnaryOp; operand?: Expr; span: Span }
export type BinaryOp = '+' | '-' | '*' | '/' | 'and' | 'or' | '??';
export interface Binary { kind: 'Binary'; op: BinaryOp; left: Expr; right?: Expr; span: Span }
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '≈';
export interface Compare { kind: 'Compare'; op: CompareOp; left: Expr; right?: Expr; within?: Expr; span: Span }
export interface IfExpr { kind: 'If'; cond?: Expr; then?: Expr; else?: Expr; span: Span }
/** `x as 万元` */
export interface Convert { kind: 'Convert'; operand: Expr; unit?: string; span: Span }
/** Stands where the parser recovered from a syntax error. */
export interface ErrorExpr { kind: 'ErrorExpr'; span: Span }

/** Visit every direct child expression of an expression. */
export function forEachChild(e: Expr, f: (child: Expr) => void): void {
  switch (e.kind) {
    case 'Member': f(e.object); break;
    case 'Index': f(e.object); if (e.index) f(e.index); break;
    case 'Call': e.args.forEach(f); break;
    case 'Aggregate': if (e.source) f(e.source); if (e.filter) f(e.filter); if (e.element) f(e.element); break;
    case 'Unary': if (e.operand) f(e.operand); break;
    case 'Binary': f(e.left); if (e.right) f(e.right); break;
    case 'Compare': f(e.left); if (e.right) f(e.right); if (e.within) f(e.within); break;
    case 'If': if (e.cond) f(e.cond); if (e.then) f(e.then); if (e.else) f(e.else); break;
    case 'Convert': f(e.operand); break;
    default: break;
  }
}
