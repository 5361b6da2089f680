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

/** The start of a file: where a diagnostic about the whole file points (a file not found, not a ruleset…). */
export function fileStart(file: string): Span {
  return { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };
}

/**
 * The code a span of `text` holds, as one line: comments (`#`, `//` to the end of the line) left
 * out and each run of white space one space; strings ("…", with their escapes) and `names` kept
 * whole. What a trail or `explain` quotes of a method or a clause.
 */
export function codeOf(text: string, span: { start: number; end: number }): string {
  let out = '';
  for (let i = span.start; i < span.end; i++) {
    const c = text[i]!;
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < span.end && text[j] !== c && text[j] !== '\n') j += c === '"' && text[j] === '\\' ? 2 : 1;
      out += text.slice(i, Math.min(j + 1, span.end));
      i = j;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i + 1 < span.end && text[i + 1] !== '\n') i++;
    } else out += c;
  }
  return out.replace(/\s+/g, ' ').trim();
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
  /**
   * The message template parsed from this text, memoised by the checker: a syntax tree kept by
   * the language server's parse cache is checked on every keystroke, its templates parsed once.
   */
  template?: { templates: import('./template').ParsedTemplate[]; diagnostics: import('../diagnostics/diagnostic').Diagnostic[] };
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

export type Item = Import | Extends | Hierarchy | Table | Fact | Rule | ConstLet | DocPrecision | Scorecard;

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

// ── Scorecards ────────────────────────────────────────────────────────────────────────────

/**
 * `scorecard ZT01 "…" { table … indicator … weight … score 指标: method … }`: indicators in a
 * table, each scored by a written method, compared with the self-reported score.
 * Its clause words (`indicator`, `weight`, `score`, `full`, …) are *soft* keywords: ordinary
 * names everywhere else, recognised only in their clause position. `keywords` lists their spans
 * (for editors: highlighting).
 */
export interface Scorecard {
  kind: 'Scorecard';
  id?: Name;
  title?: Text;
  doc?: Text;
  severity?: SeverityRef;
  /** The table with one row per indicator. */
  table?: Name;
  /** Rows that are indicators (`where present(row.三级指标)`); `row` names the row. */
  where?: Expr;
  indicator?: Name;
  levels: Name[];
  weight?: Name;
  target?: Name;
  actual?: Name;
  reported?: Name;
  /** `total 100`: the weights must add up to this. */
  total?: Expr;
  /** `reported total 合计.自评得分` */
  reportedTotal?: Expr;
  tolerance?: Expr;
  round?: RoundSpec;
  grade?: GradeClause;
  /** `reported grade 整体支出.等级` */
  reportedGrade?: Expr;
  scores: ScoreEntry[];
  extras: ExtraEntry[];
  /** Spans of the soft keywords of this scorecard (for highlighting). */
  keywords: Span[];
  /** Clauses written more than once (only the last counts; the checker reports the others). */
  repeated: { clause: string; span: Span }[];
  span: Span;
}

/** `round 2` or `round 4 "half-even"`: where and how a score is rounded. */
export interface RoundSpec {
  places?: NumberLit;
  mode?: StringLit;
  span: Span;
}

/** `score 预算完成率: deduct 0.5 per 5% below 100% of actual`, or `score else: auto`. */
export interface ScoreEntry {
  kind: 'Score';
  /** The indicator's name as written in the indicator column (undefined for `else`). */
  indicator?: { text: string; span: Span };
  isElse: boolean;
  method?: Method;
  span: Span;
}

/** `extra 预算执行率 weight … reported …: execution of …`: an indicator that is not a row of the table. */
export interface ExtraEntry {
  kind: 'Extra';
  name?: { text: string; span: Span };
  weight?: Expr;
  reported?: Expr;
  target?: Expr;
  actual?: Expr;
  method?: Method;
  span: Span;
}

export type Method =
  | FullMethod | ProportionalMethod | ThresholdMethod | ExecutionMethod | DeductMethod
  | BandsMethod | QualitativeMethod | AutoMethod | PartsMethod | CustomMethod;

interface MethodBase {
  /** `… round 2`: overrides the scorecard's rounding for this indicator. */
  round?: RoundSpec;
  span: Span;
}
/** `full` (= weight) or `full if <condition>` (else 0). */
export interface FullMethod extends MethodBase { kind: 'Full'; cond?: Expr }
/** `proportional [of <actual> [to <target>]]`: weight × min(actual ÷ target, 1). */
export interface ProportionalMethod extends MethodBase { kind: 'Proportional'; of?: Expr; to?: Expr }
/** `threshold [of <actual>]`: weight when the actual meets the target, else 0. */
export interface ThresholdMethod extends MethodBase { kind: 'Threshold'; of?: Expr }
/**
 * `execution of <执行数> / <预算数>`: weight × 执行数 ÷ 预算数, at most the weight. The ratio is
 * stored once, as `of`; its two sides are read through `executionRatio`, never kept as nodes of
 * their own (a node in two places is two nodes in a bundle's copy of the tree, and the checker
 * resolves only the one it visits).
 */
export interface ExecutionMethod extends MethodBase { kind: 'Execution'; of?: Expr }

/** The 执行数 and 预算数 of `execution of a / b`: the two sides of its division; none when `of` is not one. */
export function executionRatio(m: ExecutionMethod): { numerator: Expr; denominator?: Expr } | undefined {
  return m.of?.kind === 'Binary' && m.of.op === '/' ? { numerator: m.of.left, denominator: m.of.right } : undefined;
}
/** `deduct <points> per <step> below|above <threshold> [of <value>] [steps floor|ceil|exact]`. */
export interface DeductMethod extends MethodBase {
  kind: 'Deduct';
  points?: Expr;
  step?: Expr;
  direction?: 'below' | 'above';
  threshold?: Expr;
  of?: Expr;
  steps: 'floor' | 'ceil' | 'exact';
  stepsSpan?: Span;
}
/** `bands [of <value>] { >= 90%: 5, 80% to 90%: 3, < 70%: 0 }`. */
export interface BandsMethod extends MethodBase { kind: 'Bands'; of?: Expr; entries: BandEntry[] }
/** `qualitative [of <text>] { "已完成": 100%, "基本完成": 80%, else: 0 }`. */
export interface QualitativeMethod extends MethodBase { kind: 'Qualitative'; of?: Expr; entries: QualitativeEntry[] }
/** `auto`: chosen from the parsed target (qualitative, lower bound, upper bound, deadline). */
export interface AutoMethod extends MethodBase { kind: 'Auto' }
/** `parts { 3: <method>, 1: <method> }`: sub-items with their own points, added up. */
export interface PartsMethod extends MethodBase { kind: 'Parts'; parts: { points?: Expr; method?: Method; span: Span }[] }
/** Any other expression: the score itself. */
export interface CustomMethod extends MethodBase { kind: 'Custom'; expr: Expr }

/** A band's condition: `>= a`, `> a`, `<= b`, `< b`, `a to b` ([a, b)), `else`. */
export interface BandCondition {
  op: '>=' | '>' | '<=' | '<' | 'range' | 'else';
  a?: Expr;
  b?: Expr;
  span: Span;
}

/** A band's score: points (`5`), a fraction of the weight (`80%`), or a range of either (`80% to 100%`). */
export interface BandValue {
  lo?: Expr;
  hi?: Expr;
  span: Span;
}

export interface BandEntry {
  cond: BandCondition;
  value?: BandValue;
  span: Span;
}

export interface QualitativeEntry {
  /** The written value matched (undefined for `else`). */
  text?: StringLit;
  isElse: boolean;
  value?: BandValue;
  span: Span;
}

/** `grade 优 >= 90, 良 >= 80, 中 >= 60, 差 else`. */
export interface GradeClause {
  entries: { label?: { text: string; span: Span }; cond: BandCondition; span: Span }[];
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
