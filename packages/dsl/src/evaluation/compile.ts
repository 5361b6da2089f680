/**
 * The compiler: a checked program's expressions become JavaScript closures, once per ruleset,
 * so evaluating a document walks no syntax tree. Closures read the bound document through the
 * evaluation context; in "slow" (explain) mode they also record the cells they read and the
 * comparisons they made, which is how failures get their trail.
 */
import type * as A from '../syntax/ast';
import type { ColumnSymbol, LocalSymbol, Program, RuleSymbol, SymbolRef } from '../semantics/program';
import type { RoundingMode } from '../semantics/builtins';
import type { DiagnosticArgs } from '../diagnostics/diagnostic';
import type { DiagnosticCode } from '../diagnostics/catalogue';
import { ONE, parseDecimal, toPlainString } from './decimal';
import { compileScorecards, type CompiledScorecard } from '../scorecard/compile';
import { targetFunction } from '../scorecard/targets';
import { planBinding, type BindPlan, type BoundDoc, type BoundTable, type CellValue, type InvalidCell } from './bind';
import { ruleInfos, type RuleInfo } from './results';
import {
  BLANK, absNum, add, comparable, sameScale, convert, distance, divide, exact, isAbsent, isBlank, isMissing, isNum, maxNum, minNum, missing, neg, roundNum, sub,
  times, zeroLike, type Num, type RowVal, type RowsVal, type Value,
} from './values';

/** A failure inside one binding's evaluation (division by zero, an unreadable cell, …). */
export class EvalFailure {
  constructor(readonly code: DiagnosticCode, readonly args: DiagnosticArgs, readonly span?: A.Span) {}
}

/**
 * The value of a `let` that could not be computed. It fails where it is used, not where it is
 * defined: a `when` that excludes the case (`when 合计 != 0`) makes the binding not applicable.
 */
export class FailedLet {
  constructor(readonly failure: EvalFailure) {}
}

/** The evaluation budget ran out. */
export class BudgetExceeded {
  constructor(readonly kind: 'steps' | 'time') {}
}

export interface ReadRecord {
  kind: 'cell' | 'fact';
  table?: BoundTable;
  row?: number;
  column?: number;
  fact?: number;
  value: Value;
}

export interface CompareRecord {
  node: A.Compare;
  op: A.CompareOp;
  left: Value;
  right: Value;
  tolerance?: Num;
  result: Value;
}

export interface EvalContext {
  doc: BoundDoc;
  /** `for` rows and `let` values of the current binding (a `let` that failed holds its failure). */
  slots: (Value | FailedLet)[];
  steps: number;
  maxSteps: number;
  deadline: number;
  /** Explain mode: record reads and comparisons, honour lenient reading and overrides. */
  slow: boolean;
  reads: ReadRecord[];
  compares: CompareRecord[];
  /** Read every number at its written precision only (the "coarse reading" check). */
  lenient: boolean;
  /** Cells/facts read at written precision only, by key. */
  lenientKeys?: Set<string>;
  /** Values substituted for cells/facts, by key (used to find which value a coarse reading needs). */
  overrides?: Map<string, Num>;
}

export type Fn = (c: EvalContext) => Value;

export interface CompiledRule {
  sym: RuleSymbol;
  /** Its id, title, severity and place (the entry of {@link CompiledProgram.ruleInfo}). */
  info: RuleInfo;
  /** `for` and `let` steps in order: together they enumerate the rule's bindings. */
  steps: CompiledStep[];
  when?: Fn;
  assert?: Fn;
  rollup?: CompiledRollup;
  /** Message templates: literal text and compiled `{…}` parts, per language variant. */
  message: { lang: 'default' | 'en' | 'zh'; parts: (string | Fn)[] }[];
}

export type CompiledStep =
  | {
    kind: 'for'; slot: number; name: string; table?: string; source: Fn; filter?: Fn; span: A.Span;
    /** Rows the filter can keep, from the table's text index (see `filterCandidates`); every other row is skipped. */
    candidates?: RowCandidates;
  }
  | { kind: 'let'; slot: number; name: string; value: Fn };

export interface CompiledRollup {
  table: number;
  columns: { index: number; name: string }[];
  total?: string;
  tolerance?: Num;
  exact: boolean;
}

export interface CompiledProgram {
  program: Program;
  rules: CompiledRule[];
  /** Scorecards (empty for rulesets that have none: they cost nothing then). */
  scorecards: CompiledScorecard[];
  tableIndex: Map<string, number>;
  /** Id, title, severity and place of every rule and scorecard: the same for every document. */
  ruleInfo: Map<string, RuleInfo>;
  /** What binding a document needs to know about the declarations, worked out once. */
  bindPlan: BindPlan;
  /** The most slots (`for` and `let` names) a rule has: the size of a document's evaluation context. */
  maxSlots: number;
}

export function cellKey(table: string, row: number, column: number): string {
  return `${table}\u0000${row}\u0000${column}`;
}
export function factKey(fact: number): string {
  return `\u0001${fact}`;
}

const STEP_CHECK = 4095;

/** Counts one step of work and stops a runaway evaluation. */
export function tick(c: EvalContext): void {
  if (++c.steps > c.maxSteps) throw new BudgetExceeded('steps');
  if ((c.steps & STEP_CHECK) === 0 && Date.now() > c.deadline) throw new BudgetExceeded('time');
}

/** Compiles every rule of a checked program. */
export function compileProgram(program: Program): CompiledProgram {
  const tableIndex = new Map([...program.tables.keys()].map((k, i) => [k, i]));
  const factIndex = new Map([...program.facts.keys()].map((k, i) => [k, i]));
  const compiler = new ExprCompiler(program, tableIndex, factIndex);
  const rules: CompiledRule[] = [];
  const ruleInfo = ruleInfos(program);
  for (const sym of program.rules) {
    const r = sym.decl;
    const tolerance = sym.tolerance ? compiler.constant(sym.tolerance) : undefined;
    const steps: CompiledStep[] = [];
    for (const s of r.steps) {
      if (s.kind === 'For') {
        const local = s.variable ? program.refs.get(s.variable) : undefined;
        if (!local || local.kind !== 'local' || !s.source) continue;
        const t = program.types.get(s.source);
        const table = t?.k === 'rows' ? t.table : undefined;
        steps.push({
          kind: 'for', slot: local.slot, name: local.name, table,
          source: compiler.expr(s.source), filter: s.filter ? compiler.expr(s.filter) : undefined, span: s.span,
          candidates: s.filter && table ? filterCandidates(program, s.filter, local, table) : undefined,
        });
      } else if (s.name && s.value) {
        const local = program.refs.get(s.name);
        if (local?.kind === 'local') steps.push({ kind: 'let', slot: local.slot, name: local.name, value: compiler.expr(s.value) });
      }
    }
    const compiled: CompiledRule = {
      sym, info: ruleInfo.get(sym.id)!, steps, when: r.when ? compiler.expr(r.when) : undefined,
      message: sym.message.map((t) => ({ lang: t.lang, parts: t.parts.map((p) => (p.kind === 'text' ? p.value : compiler.expr(p.expr))) })),
    };
    if (r.assert) compiled.assert = compiler.expr(r.assert, tolerance, true);
    else if (r.rollup?.table) {
      const t = program.tables.get(r.rollup.table.text);
      const ti = tableIndex.get(r.rollup.table.text);
      if (t && ti !== undefined) {
        const cols = [...t.columns.values()];
        const within = r.rollup.within ? compiler.constant(r.rollup.within) : undefined;
        compiled.rollup = {
          table: ti,
          columns: r.rollup.columns.map((c) => ({ index: cols.findIndex((x) => x.name === c.text), name: c.text })).filter((c) => c.index >= 0),
          total: r.rollup.total?.value,
          tolerance: within ?? tolerance,
          exact: !!within,
        };
      }
    }
    rules.push(compiled);
  }
  const scorecards = program.scorecards.length
    ? compileScorecards(program, { expr: (e) => compiler.expr(e), constant: (e) => compiler.constant(e) }, tableIndex)
    : [];
  const maxSlots = rules.reduce((most, r) => Math.max(most, r.sym.slots), 0);
  return { program, rules, scorecards, tableIndex, ruleInfo, bindPlan: planBinding(program), maxSlots };
}

class ExprCompiler {
  private readonly constCache = new Map<string, Value>();

  constructor(
    private readonly p: Program,
    private readonly tableIndex: Map<string, number>,
    private readonly factIndex: Map<string, number>,
  ) {}

  /** Evaluates a constant expression (tolerances, top-level lets) once. */
  constant(e: A.Expr): Num | undefined {
    const v = this.expr(e)(constantContext());
    return isNum(v) ? v : undefined;
  }

  /** Compiles an expression. `tolerance` (a rule's) applies to its `=`/`≈` comparisons without `within`. */
  /**
   * `record`: this expression is (part of) what the assert states, so its comparisons are the
   * ones a finding explains — `and`/`or`/`not` and the branches of `if` pass it on; conditions,
   * filters, aggregates and function arguments do not.
   */
  expr(e: A.Expr, tolerance?: Num, record = false): Fn {
    const sub = (x: A.Expr | undefined): Fn => (x ? this.expr(x, tolerance) : () => missing('value', '?'));
    const part = (x: A.Expr | undefined): Fn => (x ? this.expr(x, tolerance, record) : () => missing('value', '?'));
    switch (e.kind) {
      case 'Number': { const v = exact(parseDecimal(e.text) ?? 0n, 'number'); return () => v; }
      case 'Percent': { const v = exact((parseDecimal(e.text) ?? 0n) / 100n, 'percent', undefined, decimalsOf(e.text) + 2); return () => v; }
      case 'Money': { const v = exact(parseDecimal(e.text) ?? 0n, 'money', e.unit, decimalsOf(e.text)); return () => v; }
      case 'String': { const v = e.value; return () => v; }
      case 'Bool': { const v = e.value; return () => v; }
      case 'Blank': return () => BLANK;
      case 'ErrorExpr': return () => missing('value', '?');
      case 'NameRef': return this.nameRef(e);
      case 'Member': return this.member(e, sub);
      case 'Index': {
        const obj = sub(e.object);
        const key = sub(e.index);
        return (c) => {
          const rows = obj(c);
          const k = key(c);
          if (isAbsent(rows)) return rows;
          if (isAbsent(k)) return k;
          if (typeof rows !== 'object' || rows.t !== 'rows') return missing('row', '?');
          const text = isNum(k) ? toPlainString(k.v) : String(k);
          return (rows.table as BoundTable).byKey(text);
        };
      }
      case 'Call': return this.call(e, e.args.map((a) => sub(a)));
      case 'Aggregate': return this.aggregate(e, sub);
      case 'Unary': {
        const o = e.op === 'not' ? part(e.operand) : sub(e.operand);
        if (e.op === 'not') return (c) => { const v = o(c); return typeof v === 'boolean' ? !v : v; };
        return (c) => { const v = o(c); return isNum(v) ? neg(v) : v; };
      }
      case 'Binary': return e.op === 'and' || e.op === 'or' ? this.binary(e, part(e.left), part(e.right)) : this.binary(e, sub(e.left), sub(e.right));
      case 'Compare': {
        const within = e.within ? this.constant(e.within) : undefined;
        const tol = within ?? (e.op === '=' || e.op === '≈' ? tolerance : undefined);
        const left = sub(e.left);
        const general = compare(e, left, sub(e.right), tol, record);
        const parts = e.op === '≈' && !tol && e.right ? this.sumTerms(e.right) : [];
        return parts.length > 1 ? totalMatchesParts(left, parts.map((x) => sub(x)), general) : general;
      }
      case 'If': {
        const cond = sub(e.cond);
        const a = part(e.then);
        const b = part(e.else);
        return (c) => { const v = cond(c); return v === true ? a(c) : v === false ? b(c) : v; };
      }
      case 'Convert': {
        const o = sub(e.operand);
        const unit = e.unit;
        return (c) => { const v = o(c); return isNum(v) && unit ? convert(v, unit) : v; };
      }
    }
  }

  /** The terms of a sum: `a + b + c` → [a, b, c]; anything else is its own single term. */
  private sumTerms(e: A.Expr, out: A.Expr[] = []): A.Expr[] {
    if (e.kind === 'Binary' && e.op === '+' && e.right) {
      this.sumTerms(e.left, out);
      this.sumTerms(e.right, out);
    } else out.push(e);
    return out;
  }

  private nameRef(e: A.NameRef): Fn {
    const sym = this.p.refs.get(e.name);
    const level = this.p.levelRefs.get(e);
    if (level) { const v = level.index; return () => v; }
    return this.symbolFn(sym, e);
  }

  private symbolFn(sym: SymbolRef | undefined, e: A.Expr): Fn {
    if (!sym) return () => missing('value', '?');
    switch (sym.kind) {
      case 'local': {
        const slot = sym.slot;
        return (c) => {
          const v = c.slots[slot];
          if (v instanceof FailedLet) throw v.failure;
          return v ?? missing('value', sym.name);
        };
      }
      case 'table': {
        const ti = this.tableIndex.get(sym.name)!;
        const absent = missing('table', sym.name);
        return (c) => {
          const t = c.doc.tables[ti]!;
          return t.data ? t.all : absent;
        };
      }
      case 'fact': return readFact(this.factIndex.get(sym.name)!);
      case 'const': {
        let v = this.constCache.get(sym.name);
        if (v === undefined) {
          v = sym.decl.value ? this.expr(sym.decl.value)(constantContext()) : missing('value', sym.name);
          this.constCache.set(sym.name, v);
        }
        const value = v;
        return () => value;
      }
      case 'level': { const v = sym.index; return () => v; }
      default: void e; return () => missing('value', sym.kind === 'rule' ? sym.id : sym.name);
    }
  }

  private member(e: A.Member, sub: (x: A.Expr | undefined) => Fn): Fn {
    const level = this.p.levelRefs.get(e);
    if (level) { const v = level.index; return () => v; }
    const sym = e.name ? this.p.refs.get(e.name) : undefined;
    if (sym?.kind === 'fact') return readFact(this.factIndex.get(sym.name)!);
    if (sym?.kind !== 'column') return () => missing('value', e.name?.text ?? '?');
    const col = columnIndex(sym);
    const obj = sub(e.object);
    const general: Fn = (c) => {
      const o = obj(c);
      if (typeof o !== 'object') return missing('value', sym.name);
      if (o.t === 'row') return readCell(c, o.table as BoundTable, col, o.i);
      if (o.t === 'rows') {
        const t = o.table as BoundTable;
        const items: Value[] = new Array(o.idx.length);
        for (let k = 0; k < o.idx.length; k++) items[k] = readCell(c, t, col, o.idx[k]!);
        return { t: 'list', items };
      }
      return o.t === 'missing' ? o : missing('row', sym.table.name);
    };
    // `x.column` with x a `for` or `let` name holding a row (the commonest read of all): the cell
    // straight from the slot. Anything else (slow mode, which records reads; an unreadable cell;
    // a failed `let`; no row) takes the general path.
    const local = e.object?.kind === 'NameRef' && !this.p.levelRefs.get(e.object) ? this.p.refs.get(e.object.name) : undefined;
    if (local?.kind !== 'local') return general;
    const slot = local.slot;
    return (c) => {
      const o = c.slots[slot] as Value | undefined; // or a FailedLet, whose `t` is undefined
      if (!c.slow && typeof o === 'object' && o.t === 'row') {
        const v = (o.table as BoundTable).get(col, o.i);
        if (typeof v !== 'object' || v.t !== 'invalid') return v;
      }
      return general(c);
    };
  }

  private binary(e: A.Binary, l: Fn, r: Fn): Fn {
    switch (e.op) {
      case 'and': return (c) => {
        const a = l(c);
        if (a === false) return false;
        const b = r(c);
        if (b === false) return false;
        if (a === true && b === true) return true;
        return isAbsent(a) ? a : isAbsent(b) ? b : false;
      };
      case 'or': return (c) => {
        const a = l(c);
        if (a === true) return true;
        const b = r(c);
        if (b === true) return true;
        if (a === false && b === false) return false;
        return isAbsent(a) ? a : isAbsent(b) ? b : false;
      };
      case '??': return (c) => { const a = l(c); return isAbsent(a) ? r(c) : a; };
      case '+': return (c) => {
        const a = l(c);
        const b = r(c);
        if (isNum(a) && isNum(b)) return add(a, b);
        if (isMissing(a)) return a;
        if (isMissing(b)) return b;
        if (isBlank(a)) return b;
        if (isBlank(b)) return a;
        return missing('value', '+');
      };
      case '-': return (c) => {
        const a = l(c);
        const b = r(c);
        if (isNum(a) && isNum(b)) return sub(a, b);
        if (isMissing(a)) return a;
        if (isMissing(b)) return b;
        if (isBlank(a)) return isNum(b) ? neg(b) : b;
        if (isBlank(b)) return a;
        return missing('value', '-');
      };
      case '*': return (c) => {
        const a = l(c);
        const b = r(c);
        if (isNum(a) && isNum(b)) return times(a, b);
        return isMissing(a) ? a : isMissing(b) ? b : isAbsent(a) ? a : isAbsent(b) ? b : missing('value', '×');
      };
      case '/': {
        const span = e.span;
        return (c) => {
          const a = l(c);
          const b = r(c);
          if (isNum(a) && isNum(b)) {
            const q = divide(a, b);
            if (!q) throw new EvalFailure('SUAN4003', { expr: exprText(c, span) }, span);
            return q;
          }
          return isMissing(a) ? a : isMissing(b) ? b : isAbsent(a) ? a : isAbsent(b) ? b : missing('value', '÷');
        };
      }
    }
  }

  private call(e: A.Call, args: Fn[]): Fn {
    const [a0, a1] = args;
    switch (e.callee.text) {
      case 'sum': return args.length === 1 ? (c) => sumList(a0!(c)) : () => missing('value', 'sum');
      case 'count': return (c) => {
        const v = a0!(c);
        if (typeof v !== 'object') return countOf(0);
        if (v.t === 'rows') return countOf(v.idx.length);
        if (v.t === 'list') return countOf(v.items.filter((x) => !isAbsent(x)).length);
        return isAbsent(v) ? v : countOf(1);
      };
      case 'min': case 'max': {
        const pick = e.callee.text === 'min' ? minNum : maxNum;
        if (args.length === 1) return (c) => foldList(a0!(c), pick);
        return (c) => foldList({ t: 'list', items: args.map((f) => f(c)) }, pick);
      }
      case 'abs': return (c) => { const v = a0!(c); return isNum(v) ? absNum(v) : v; };
      case 'round': {
        const n = e.args[1]?.kind === 'Number' ? Number(e.args[1].text) : 0;
        const m = e.args[2]?.kind === 'String' ? (e.args[2].value as RoundingMode) : 'half-up';
        return (c) => { const v = a0!(c); return isNum(v) ? roundNum(v, n, m) : v; };
      }
      case 'isblank': return (c) => isAbsent(a0!(c));
      case 'present': return (c) => !isAbsent(a0!(c));
      case 'level': return (c) => { const v = a0!(c); return isRow(v) ? (v.table as BoundTable).level(v.i) : isAbsent(v) ? v : -1; };
      case 'children': return (c) => {
        const v = a0!(c);
        if (!isRow(v)) return isAbsent(v) ? v : missing('row', '?');
        return { t: 'rows', table: v.table, idx: (v.table as BoundTable).children(v.i) } satisfies RowsVal;
      };
      case 'parent': return (c) => {
        const v = a0!(c);
        if (!isRow(v)) return isAbsent(v) ? v : missing('row', '?');
        const t = v.table as BoundTable;
        const p = t.parent(v.i);
        return p < 0 ? missing('parent', t.rowKey(v.i)) : t.rowVals[p]!;
      };
      case 'key': return (c) => { const v = a0!(c); return isRow(v) ? v.table.rowKey(v.i) : v; };
      case 'isempty': return (c) => {
        const v = a0!(c);
        if (typeof v !== 'object' || v.t !== 'rows') return v;
        const t = v.table as BoundTable;
        return t.isEmpty();
      };
      case 'declaredempty': return (c) => {
        const v = a0!(c);
        if (typeof v !== 'object' || v.t !== 'rows') return v;
        return (v.table as BoundTable).data?.empty === true;
      };
      case 'startswith': case 'contains': {
        const starts = e.callee.text === 'startswith';
        return (c) => {
          const a = a0!(c);
          const b = a1!(c);
          if (isAbsent(a)) return a;
          if (isAbsent(b)) return b;
          const s = String(a);
          const t = String(b);
          return starts ? s.startsWith(t) : s.includes(t);
        };
      }
      case 'targetkind': case 'targetop': case 'targetvalue': case 'targetunit': case 'targetbaseunit': case 'targetmoney': {
        const fn = e.callee.text;
        return (c) => targetFunction(fn, a0!(c));
      }
      default: return () => missing('value', e.callee.text);
    }
  }

  private aggregate(e: A.Aggregate, sub: (x: A.Expr | undefined) => Fn): Fn {
    const local = e.variable ? this.p.refs.get(e.variable) : undefined;
    const slot = local?.kind === 'local' ? local.slot : -1;
    const source = sub(e.source);
    const filter = e.filter ? sub(e.filter) : undefined;
    const element = sub(e.element);
    const fn = e.fn.text;
    return (c) => {
      const src = source(c);
      if (isAbsent(src)) return src;
      if (typeof src !== 'object' || src.t !== 'rows' || slot < 0) return missing('value', fn);
      const t = src.table as BoundTable;
      const items: Value[] = [];
      for (const i of src.idx) {
        tick(c);
        c.slots[slot] = t.rowVals[i]!;
        if (filter && filter(c) !== true) continue;
        items.push(element(c));
      }
      const list: Value = { t: 'list', items };
      switch (fn) {
        case 'sum': return sumList(list);
        case 'count': return countOf(items.filter((x) => !isAbsent(x)).length);
        case 'min': return foldList(list, minNum);
        case 'max': return foldList(list, maxNum);
        default: return missing('value', fn);
      }
    };
  }
}

/** A count as an exact number (fixed-point: n × 10^18). */
export function countOf(n: number): Num {
  return exact(BigInt(n) * ONE, 'count', undefined, 0);
}

function constantContext(): EvalContext {
  return { doc: { tables: [], facts: [], diagnostics: [] } as unknown as BoundDoc, slots: [], steps: 0, maxSteps: 1e6, deadline: Infinity, slow: false, reads: [], compares: [], lenient: false };
}

function decimalsOf(text: string): number {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.length - i - 1;
}

/**
 * Rows of a table named by a text column: those whose cell reads as one of `texts`, and with
 * `blank` also those whose cell is blank (all rows when the data lacks the column).
 */
export interface RowCandidates {
  column: number;
  texts: string[];
  blank: boolean;
}

/**
 * The rows a `for` filter can keep, when the table's text index can say: the filter is
 * `x.column = "text"` on a text column of the loop's table (either way round), `A or B` of such
 * comparisons on one column, or `A and …` where A is one. A text cell reads trimmed, two texts are
 * equal when they are the same string, and reading a text cell never fails. So on any other row
 * the filter is not true and evaluating it raises no error — except that `and` goes on to its
 * right side when its left side is blank or missing, so an `and` also keeps the rows whose cell
 * is blank. The filter is still evaluated on the rows kept.
 */
function filterCandidates(program: Program, filter: A.Expr, loop: LocalSymbol, table: string): RowCandidates | undefined {
  if (filter.kind === 'Binary' && filter.right) {
    if (filter.op === 'and') {
      const a = filterCandidates(program, filter.left, loop, table);
      return a && { ...a, blank: true };
    }
    if (filter.op !== 'or') return undefined;
    const a = filterCandidates(program, filter.left, loop, table);
    const b = a && filterCandidates(program, filter.right, loop, table);
    return a && b && a.column === b.column ? { column: a.column, texts: [...a.texts, ...b.texts], blank: a.blank || b.blank } : undefined;
  }
  if (filter.kind !== 'Compare' || filter.op !== '=' || !filter.right || filter.within) return undefined;
  const sides = [[filter.left, filter.right], [filter.right, filter.left]] as const;
  for (const [m, lit] of sides) {
    if (m.kind !== 'Member' || lit.kind !== 'String' || !m.name || m.object.kind !== 'NameRef') continue;
    if (program.levelRefs.has(m) || program.refs.get(m.object.name) !== loop) continue;
    const col = program.refs.get(m.name);
    if (col?.kind !== 'column' || col.type.k !== 'text' || col.table.name !== table) continue;
    return { column: columnIndex(col), texts: [lit.value], blank: false };
  }
  return undefined;
}

function columnIndex(col: ColumnSymbol): number {
  return [...col.table.columns.values()].indexOf(col);
}

function isRow(v: Value): v is RowVal {
  return typeof v === 'object' && v.t === 'row';
}

function exprText(c: EvalContext, span: A.Span): string {
  void c;
  return `${span.file.split(/[\\/]/).pop()}:${span.line}:${span.col}`;
}

/** Reads a cell, honouring explain mode (records, lenient reading, overrides). */
export function readCell(c: EvalContext, t: BoundTable, col: number, i: number): Value {
  let v: CellValue = t.get(col, i);
  if (c.slow) {
    const key = c.overrides || c.lenientKeys ? cellKey(t.name, i, col) : '';
    const o = c.overrides?.get(key);
    if (o) v = o;
    else if (c.lenient || c.lenientKeys?.has(key)) v = t.getLenient(col, i);
    if (typeof v !== 'object' || v.t !== 'invalid') c.reads.push({ kind: 'cell', table: t, row: i, column: col, value: v });
  }
  if (typeof v === 'object' && v.t === 'invalid') throw unreadableCell(t, col, i, v);
  return v;
}

/** The failure of reading an invalid cell: SUAN4004 (not a value of its type), or SUAN4006 (its row is misaligned). */
export function unreadableCell(t: BoundTable, col: number, i: number, v: InvalidCell): EvalFailure {
  const where = `${t.name}[${t.rowKey(i)}].${t.columns[col]!.name}`;
  if (v.misaligned) {
    const { cells, columns } = v.misaligned;
    return new EvalFailure('SUAN4006', { where, cells, cells_en: cells === 1 ? '1 cell' : `${cells} cells`, columns });
  }
  return new EvalFailure('SUAN4004', { what: '单元格', what_en: 'Cell', where, text: v.raw, expected: v.expected.zh, expected_en: v.expected.en });
}

function readFact(fi: number): Fn {
  return (c) => {
    const f = c.doc.facts[fi]!;
    let v: CellValue = f.get();
    if (c.slow) {
      const key = c.overrides || c.lenientKeys ? factKey(fi) : '';
      const o = c.overrides?.get(key);
      if (o) v = o;
      else if (c.lenient || c.lenientKeys?.has(key)) v = f.getLenient();
      if (typeof v !== 'object' || v.t !== 'invalid') c.reads.push({ kind: 'fact', fact: fi, value: v });
    }
    if (typeof v === 'object' && v.t === 'invalid') {
      throw new EvalFailure('SUAN4004', { what: '事实', what_en: 'Fact', where: f.sym.name, text: v.raw, expected: v.expected.zh, expected_en: v.expected.en });
    }
    return v;
  };
}

/**
 * Σ of `count` items (of `sum()` and roll-ups). Numbers of one kind and unit are added in
 * place, without a value per step; anything else goes through `add` (units, kinds). Blanks
 * count as nothing; only blanks (or nothing) give blank; all missing gives missing.
 */
function sumOf(count: number, item: (k: number) => Value): Value {
  let acc: Num | undefined;
  let kind: Num['kind'] = 'number';
  let unit: string | undefined;
  let dec = -1;
  let v = 0n;
  let lo = 0n;
  let hi = 0n;
  let n = 0;
  let firstMissing: Value | undefined;
  let sawBlank = false;
  for (let k = 0; k < count; k++) {
    const x = item(k);
    if (typeof x !== 'object' || x.t !== 'num') {
      if (isMissing(x)) firstMissing ??= x;
      else sawBlank = true;
      continue;
    }
    if (n === 0 || x.kind !== kind || x.unit !== unit) {
      // First number, or a change of kind or unit: combine through `add`.
      const r: Num = n === 0 ? x : add(acc ?? { t: 'num', kind, v, lo, hi, unit, dec }, x);
      acc = r;
      kind = r.kind;
      unit = r.unit;
      dec = r.dec;
      v = r.v;
      lo = r.lo;
      hi = r.hi;
    } else {
      acc = undefined;
      v += x.v;
      lo += x.lo;
      hi += x.hi;
      if (x.dec > dec) dec = x.dec;
    }
    n++;
  }
  if (n > 0) return acc ?? { t: 'num', kind, v, lo, hi, unit, dec };
  return sawBlank || !firstMissing ? BLANK : firstMissing;
}

/** Sum of a list: blanks count as nothing; only blanks (or nothing) give blank; all missing gives missing. */
export function sumList(v: Value): Value {
  if (typeof v !== 'object' || v.t !== 'list') return isNum(v) ? v : isAbsent(v) ? v : missing('value', 'sum');
  const items = v.items;
  return sumOf(items.length, (k) => items[k]!);
}

/** Sum of one column over some rows of a table (a roll-up's children), read as `readCell` reads. */
export function sumCells(c: EvalContext, t: BoundTable, col: number, rows: readonly number[]): Value {
  return sumOf(rows.length, (k) => readCell(c, t, col, rows[k]!));
}

function foldList(v: Value, pick: (a: Num, b: Num) => Num): Value {
  if (typeof v !== 'object' || v.t !== 'list') return v;
  let acc: Num | undefined;
  let firstAbsent: Value | undefined;
  for (const x of v.items) {
    if (isNum(x)) acc = acc ? pick(acc, x) : x;
    else if (isAbsent(x)) firstAbsent ??= x;
  }
  return acc ?? firstAbsent ?? BLANK;
}

/** Compiles a comparison: true / false, or the blank/missing value that makes it not applicable. */
function compare(e: A.Compare, l: Fn, r: Fn, tolerance: Num | undefined, record: boolean): Fn {
  const op = e.op;
  const overlapOnly = op === '≈' && !tolerance;
  const equality = op === '=' || op === '≈';
  // Ordering compares point values whatever the tolerance (`compareValues`); `=` and `!=` do without one.
  const onPoints = op === '<' || op === '<=' || op === '>' || op === '>=' || ((op === '=' || op === '!=') && !tolerance);
  return (c) => {
    let a = l(c);
    let b = r(c);
    if (!c.slow) {
      // The commonest cases: two amounts in one unit compared ≈ without tolerance (do their bounds
      // overlap?) or on their point values (a ≤ b), and a text compared with a text (a row's name
      // in a filter).
      if (typeof a === 'object' && a.t === 'num' && typeof b === 'object' && b.t === 'num' && sameScale(a, b)) {
        if (overlapOnly) return a.lo <= b.hi && b.lo <= a.hi;
        if (onPoints) return comparePoints(op, a.v, b.v);
      }
      if (equality && typeof a === 'string' && typeof b === 'string') return a === b;
    }
    let result: Value;
    if (isMissing(a)) result = a;
    else if (isMissing(b)) result = b;
    else if (isBlank(a) && isBlank(b)) result = a;
    else {
      if (isBlank(a) && isNum(b)) a = zeroLike(b);
      if (isBlank(b) && isNum(a)) b = zeroLike(a);
      result = compareValues(op, a, b, tolerance);
    }
    if (record && c.slow) c.compares.push({ node: e, op, left: a, right: b, tolerance, result });
    return result;
  };
}

/**
 * `total ≈ part + part + …` (the commonest check of a disclosure) when every value is an amount
 * of one kind and unit, or a blank part: whether the total's bounds overlap the Σ of the parts'
 * bounds, without building a value for each partial sum. Anything else (a missing value, another
 * unit, explain mode) takes `general`, the comparison as compiled, which answers the same.
 */
function totalMatchesParts(total: Fn, parts: Fn[], general: Fn): Fn {
  const n = parts.length;
  return (c) => {
    if (c.slow) return general(c);
    const a = total(c);
    if (typeof a !== 'object' || a.t !== 'num') return general(c);
    let lo = 0n;
    let hi = 0n;
    let seen = false;
    for (let k = 0; k < n; k++) {
      const x = parts[k]!(c);
      if (x === BLANK) continue;
      if (typeof x !== 'object' || x.t !== 'num' || x.kind !== a.kind || x.unit !== a.unit) return general(c);
      if (seen) {
        lo += x.lo;
        hi += x.hi;
      } else {
        lo = x.lo;
        hi = x.hi;
        seen = true;
      }
    }
    return a.lo <= hi && lo <= a.hi;
  };
}

/** The comparison of two present values. */
export function compareValues(op: A.CompareOp, a: Value, b: Value, tolerance: Num | undefined): Value {
  if (isNum(a) && isNum(b)) {
    if (!sameScale(a, b)) [a, b] = comparable(a, b);
    const tol = tolerance ? toleranceFor(tolerance, a) : 0n;
    if (op === '≈') return tol === 0n ? a.lo <= b.hi && b.lo <= a.hi : distance(a, b) <= tol;
    const d = pointDifference(a, b);
    switch (op) {
      case '=': return (d < 0n ? -d : d) <= tol;
      case '!=': return (d < 0n ? -d : d) > tol;
      case '<': return d < 0n;
      case '<=': return d <= 0n;
      case '>': return d > 0n;
      case '>=': return d >= 0n;
    }
  }
  if (isAbsent(a)) return a;
  if (isAbsent(b)) return b;
  // Levels (the only plain numbers among values) are ordered from the top, 类 < 款 < 项; a row
  // outside the hierarchy (-1) has no level, so no order holds for it.
  if (typeof a === 'number' && typeof b === 'number' && (a < 0 || b < 0) && op !== '=' && op !== '≈' && op !== '!=') return false;
  const x = typeof a === 'object' ? JSON.stringify(a) : a;
  const y = typeof b === 'object' ? JSON.stringify(b) : b;
  switch (op) {
    case '=': case '≈': return x === y;
    case '!=': return x !== y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
  }
}

/** `a op b` on two point values in one unit (as `compareValues` decides it without tolerance). */
function comparePoints(op: A.CompareOp, a: bigint, b: bigint): boolean {
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '!=': return a !== b;
    default: return a === b;
  }
}

/** a − b on point values, in a common unit. */
export function pointDifference(a: Num, b: Num): bigint {
  if (sameScale(a, b)) return a.v - b.v;
  return sub(exact(a.v, a.kind, a.unit), exact(b.v, b.kind, b.unit)).v;
}

/** The tolerance in the unit of `a` (a plain number is taken to be in `a`'s unit). */
export function toleranceFor(tol: Num, a: Num): bigint {
  if (tol.kind === 'money' && a.kind === 'money' && tol.unit && a.unit && tol.unit !== a.unit) return convert(tol, a.unit).v;
  return tol.v;
}
