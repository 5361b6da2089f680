/**
 * The checked model of a ruleset ("program"): declarations as symbols, rules with their
 * effective severity and tolerance after `extends` overrides, and a semantic index (which
 * symbol every name refers to, the type of every expression) for the interpreter and editor.
 */
import type * as A from '../syntax/ast';
import type { ParsedTemplate } from '../syntax/template';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { BuiltinDoc } from './builtins';
import type { RulesetSources } from './sources';
import type { Type } from './types';

/** A declared precision: written numbers stand for at most ± half of `step` (in `unit` for money). */
export interface Precision {
  /** The step as a decimal string, e.g. "0.01" (a ratio for percentages: 0.01% → "0.0001"). */
  step: string;
  unit?: string;
  /** Written as a percentage (`0.01%`): applies to percentages. */
  percent?: boolean;
}

export interface HierarchySymbol {
  kind: 'hierarchy';
  name: string;
  decl: A.Hierarchy;
  nameSpan: A.Span;
  levels: LevelSymbol[];
}

export interface LevelSymbol {
  kind: 'level';
  name: string;
  length: number;
  index: number;
  hierarchy: HierarchySymbol;
  nameSpan: A.Span;
}

export interface ColumnSymbol {
  kind: 'column';
  name: string;
  decl: A.ColumnDecl;
  nameSpan: A.Span;
  table: TableSymbol;
  type: Type;
  precision?: Precision;
  isKey: boolean;
}

export interface TableSymbol {
  kind: 'table';
  name: string;
  decl: A.Table;
  nameSpan: A.Span;
  columns: Map<string, ColumnSymbol>;
  key?: ColumnSymbol;
  /** The hierarchy of the key column (`key 科目编码: code 功能分类`). */
  hierarchy?: HierarchySymbol;
  /** Money unit the ruleset expects when the data does not say. */
  unit?: string;
}

export interface FactSymbol {
  kind: 'fact';
  name: string;
  decl: A.Fact;
  nameSpan: A.Span;
  type: Type;
  precision?: Precision;
}

/** A prefix of grouped fact names (`三公经费` in `三公经费.公务接待费`). */
export interface FactGroupSymbol {
  kind: 'factgroup';
  name: string;
}

export interface ConstSymbol {
  kind: 'const';
  name: string;
  decl: A.ConstLet;
  nameSpan: A.Span;
  type: Type;
}

/** A name bound inside a rule: `for` and aggregate variables, `let`, and template specials. */
export interface LocalSymbol {
  kind: 'local';
  name: string;
  role: 'for' | 'each' | 'let' | 'special';
  nameSpan?: A.Span;
  type: Type;
  /** Slot in the rule's environment. */
  slot: number;
  used: boolean;
}

export interface FunctionSymbol {
  kind: 'function';
  name: string;
  doc: BuiltinDoc;
}

/** What rules and scorecards share: an id in one namespace, a place, and what overrides change. */
interface CheckSymbolBase {
  id: string;
  nameSpan: A.Span;
  file: string;
  /** 0 = this ruleset, 1 = the ruleset it extends, … */
  layer: number;
  severity: A.Severity;
  /** The tolerance expression in force (its own or an override's). */
  tolerance?: A.Expr;
  disabled: boolean;
  /** Overrides applied to it, for hover and `suan explain`. */
  overrides: A.Override[];
}

export interface RuleSymbol extends CheckSymbolBase {
  kind: 'rule';
  decl: A.Rule;
  /** Number of environment slots the rule needs. */
  slots: number;
  /** Parsed message templates (empty when the rule has no message). */
  message: ParsedTemplate[];
  /** Slots of the template specials (`actual`, `expected`, …). */
  specials: Record<string, number>;
}

/**
 * A checked scorecard. Not a `SymbolRef` (editors see its table, columns and names through the
 * ordinary symbols); its id shares the rules' namespace, and its result is a rule result too.
 */
export interface ScorecardSymbol extends CheckSymbolBase {
  kind: 'scorecard';
  decl: A.Scorecard;
  table?: TableSymbol;
  columns: {
    indicator?: ColumnSymbol;
    levels: ColumnSymbol[];
    weight?: ColumnSymbol;
    target?: ColumnSymbol;
    actual?: ColumnSymbol;
    reported?: ColumnSymbol;
  };
  /** Environment slots the scorecard's expressions need. */
  slots: number;
  /** Slots of the names every scorecard expression sees: `row`, `indicator`, `weight`, `target`, `actual`, `reported`, `met`. */
  specials: Record<'row' | 'indicator' | 'weight' | 'target' | 'actual' | 'reported' | 'met', number>;
  /** Each method as written in the ruleset (for results and trails). */
  methodText: Map<A.Method, string>;
  /** The text of the file the scorecard is written in (to quote parts of it in trails). */
  source: string;
  /** Names written in `score` entries (first occurrence), for matching indicators. */
  scoreIndex: Map<string, A.ScoreEntry>;
  elseEntry?: A.ScoreEntry;
}

export type SymbolRef =
  | HierarchySymbol | LevelSymbol | ColumnSymbol | TableSymbol | FactSymbol | FactGroupSymbol
  | ConstSymbol | LocalSymbol | FunctionSymbol | RuleSymbol;

export interface RulesetInfo {
  id?: string;
  title?: A.Text;
  version?: string;
  issuer?: A.Text;
  description?: A.Text;
  kinds: string[];
  years?: { from: number; to: number };
  licence?: string;
  span?: A.Span;
}

export interface Program {
  entry: string;
  sources: RulesetSources;
  info: RulesetInfo;
  hierarchies: Map<string, HierarchySymbol>;
  tables: Map<string, TableSymbol>;
  facts: Map<string, FactSymbol>;
  factGroups: Set<string>;
  consts: Map<string, ConstSymbol>;
  /** Rules in source order, most basic layer first. */
  rules: RuleSymbol[];
  /** Scorecards in source order, most basic layer first. */
  scorecards: ScorecardSymbol[];
  /** Document-wide precision: `precision facts 0.01 万元`. */
  precision: { facts: Precision[]; tables: Precision[] };
  diagnostics: Diagnostic[];
  /** Every resolved name occurrence (declarations included) → its symbol. */
  refs: Map<A.Name, SymbolRef>;
  /** The static type of every checked expression. */
  types: Map<A.Expr, Type>;
  /** Level names resolved against a hierarchy in context (`level(x) = 项`). */
  levelRefs: Map<A.Expr, LevelSymbol>;
}

/** Rules and scorecards that will run (not disabled by an override): what reports count as "rules". */
export function activeRuleCount(p: Program): number {
  return p.rules.filter((r) => !r.disabled).length + p.scorecards.filter((s) => !s.disabled).length;
}
