/**
 * Compiles a checked scorecard: its expressions become closures (through the rule compiler,
 * passed in), its methods become `CompiledMethod`s, and custom score expressions get a renderer
 * that writes them out with the values substituted (`得分 = 9 ÷ 10 × 18 = 16.2`).
 */
import type * as A from '../syntax/ast';
import { executionRatio, forEachChild } from '../syntax/ast';
import type { ColumnSymbol, Program, ScorecardSymbol } from '../semantics/program';
import type { RoundingMode } from '../semantics/builtins';
import type { EvalContext, Fn } from '../evaluation/compile';
import { parseDecimal } from '../evaluation/decimal';
import { isNum, type Num } from '../evaluation/values';
import type { BandOp } from './bands';
import type { CompiledBandValue, CompiledMethod, Renderer, RoundRule } from './methods';
import { showValue } from './show';

/** What the scorecard compiler needs from the expression compiler. */
export interface ExprCompilerApi {
  expr(e: A.Expr): Fn;
  constant(e: A.Expr): Num | undefined;
}

export interface CompiledExtra {
  name: string;
  weight?: Fn;
  reported?: Fn;
  target?: Fn;
  actual?: Fn;
  method?: CompiledMethod;
  span: A.Span;
}

export interface CompiledScorecard {
  sym: ScorecardSymbol;
  /** Index of the scorecard's table in the bound document. */
  table: number;
  cols: { indicator: number; levels: number[]; weight: number; target?: number; actual?: number; reported?: number };
  where?: Fn;
  /** Methods by indicator name as written in `score` entries. */
  methods: Map<string, CompiledMethod>;
  /** The same, by the name without spaces and punctuation (a second chance to match). */
  loose: Map<string, string>;
  elseMethod?: CompiledMethod;
  extras: CompiledExtra[];
  /** `total 100` (fixed-point). */
  total?: bigint;
  reportedTotal?: Fn;
  reportedGrade?: Fn;
  grade?: { label: string; op: BandOp; a?: bigint; b?: bigint }[];
  tolerance: bigint;
  round: RoundRule;
}

export const DEFAULT_ROUND: RoundRule = { places: 2, mode: 'half-up' };

/**
 * A name for matching indicators: no spaces or punctuation, and without what a printed table
 * adds to the name: its numbering ("1.", "（一）", "①"), its weight ("(5分)") or its unit ("(%)").
 */
export function looseName(s: string): string {
  return strippedName(s).replace(/[\s\u3000、，,。；;：:“”"'‘’()（）/／\-—]/g, '');
}

/** A name without the numbering, weight or unit a printed table adds to it ("1.预算完成率 (5分)" → "预算完成率"). */
export function strippedName(s: string): string {
  return s.replace(NUMBERING, '').replace(PRINTED_SUFFIX, '');
}
const NUMBERING = /^\s*(?:\d{1,2}\s*[.．、)）](?!\d)|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}\s*、)\s*/;
const PRINTED_SUFFIX = /\s*[（(]\s*(?:(\d+(?:\.\d+)?)\s*分|%|％)\s*[)）]\s*$/;

/** The weight a printed table adds to an indicator's name ("预算完成率 (5分)" → "5"), if any. */
export function printedWeight(s: string): string | undefined {
  return PRINTED_SUFFIX.exec(s)?.[1];
}

export function columnIndex(col: ColumnSymbol): number {
  return [...col.table.columns.values()].indexOf(col);
}

function roundRule(r: A.RoundSpec | undefined): RoundRule | undefined {
  if (!r?.places) return undefined;
  const places = Number(r.places.text);
  if (!Number.isInteger(places) || places < 0 || places > 18) return undefined;
  return { places, mode: (r.mode?.value ?? 'half-up') as RoundingMode };
}

/** Compiles every enabled scorecard whose table exists. */
export function compileScorecards(program: Program, api: ExprCompilerApi, tableIndex: Map<string, number>): CompiledScorecard[] {
  const out: CompiledScorecard[] = [];
  for (const sym of program.scorecards) {
    const c = compileScorecard(sym, program, api, tableIndex);
    if (c) out.push(c);
  }
  return out;
}

function compileScorecard(sym: ScorecardSymbol, program: Program, api: ExprCompilerApi, tableIndex: Map<string, number>): CompiledScorecard | undefined {
  const s = sym.decl;
  const cols = sym.columns;
  if (!sym.table || !cols.indicator || !cols.weight) return undefined;
  const ti = tableIndex.get(sym.table.name);
  if (ti === undefined) return undefined;
  const methods = new Map<string, CompiledMethod>();
  const loose = new Map<string, string>();
  for (const [name, entry] of sym.scoreIndex) {
    if (!entry.method) continue;
    methods.set(name, compileMethod(entry.method, sym, program, api));
    loose.set(looseName(name), name);
  }
  const tol = sym.tolerance ? api.constant(sym.tolerance) : undefined;
  const grade = s.grade?.entries.map((e) => ({
    label: e.label?.text ?? '?',
    op: e.cond.op,
    a: e.cond.a ? api.constant(e.cond.a)?.v : undefined,
    b: e.cond.b ? api.constant(e.cond.b)?.v : undefined,
  }));
  return {
    sym,
    table: ti,
    cols: {
      indicator: columnIndex(cols.indicator),
      levels: cols.levels.map(columnIndex),
      weight: columnIndex(cols.weight),
      target: cols.target ? columnIndex(cols.target) : undefined,
      actual: cols.actual ? columnIndex(cols.actual) : undefined,
      reported: cols.reported ? columnIndex(cols.reported) : undefined,
    },
    where: s.where ? api.expr(s.where) : undefined,
    methods,
    loose,
    elseMethod: sym.elseEntry?.method ? compileMethod(sym.elseEntry.method, sym, program, api) : undefined,
    extras: s.extras.filter((x) => x.name).map((x) => ({
      name: x.name!.text,
      weight: x.weight ? api.expr(x.weight) : undefined,
      reported: x.reported ? api.expr(x.reported) : undefined,
      target: x.target ? api.expr(x.target) : undefined,
      actual: x.actual ? api.expr(x.actual) : undefined,
      method: x.method ? compileMethod(x.method, sym, program, api) : undefined,
      span: x.span,
    })),
    total: s.total ? api.constant(s.total)?.v : undefined,
    reportedTotal: s.reportedTotal ? api.expr(s.reportedTotal) : undefined,
    reportedGrade: s.reportedGrade ? api.expr(s.reportedGrade) : undefined,
    grade,
    tolerance: tol && isNum(tol) ? (tol.v < 0n ? 0n : tol.v) : 0n,
    round: roundRule(s.round) ?? DEFAULT_ROUND,
  };
}

const missingFn: Fn = () => ({ t: 'missing', why: 'value', what: '?' });

function compileMethod(m: A.Method, sym: ScorecardSymbol, program: Program, api: ExprCompilerApi): CompiledMethod {
  const text = sym.methodText.get(m) ?? m.kind;
  const base = { round: roundRule(m.round), text, span: m.span };
  const f = (e: A.Expr | undefined): Fn => (e ? api.expr(e) : missingFn);
  const src = (e: A.Expr | undefined): string | undefined => (e ? sourceText(e, sym) : undefined);
  const bandValue = (v: A.BandValue | undefined): CompiledBandValue | undefined => (v?.lo ? { lo: api.expr(v.lo), hi: v.hi ? api.expr(v.hi) : undefined } : undefined);
  switch (m.kind) {
    case 'Full': return { kind: 'full', cond: m.cond ? api.expr(m.cond) : undefined, condText: src(m.cond), ...base };
    case 'Proportional': return { kind: 'proportional', of: m.of ? api.expr(m.of) : undefined, to: m.to ? api.expr(m.to) : undefined, ofText: src(m.of), toText: src(m.to), ...base };
    case 'Threshold': return { kind: 'threshold', of: m.of ? api.expr(m.of) : undefined, ofText: src(m.of), ...base };
    case 'Execution': {
      const r = executionRatio(m);
      return { kind: 'execution', num: r ? api.expr(r.numerator) : undefined, den: r?.denominator ? api.expr(r.denominator) : undefined, numText: src(r?.numerator) ?? '?', denText: src(r?.denominator) ?? '?', ...base };
    }
    case 'Deduct':
      return { kind: 'deduct', points: f(m.points), step: f(m.step), direction: m.direction ?? 'below', threshold: f(m.threshold), of: m.of ? api.expr(m.of) : undefined, ofText: src(m.of), steps: m.steps, ...base };
    case 'Bands':
      return {
        kind: 'bands', of: m.of ? api.expr(m.of) : undefined, ofText: src(m.of),
        bands: m.entries.map((e) => ({ op: e.cond.op, a: e.cond.a ? api.expr(e.cond.a) : undefined, b: e.cond.b ? api.expr(e.cond.b) : undefined, label: sourceText(e.cond, sym), value: bandValue(e.value) })),
        ...base,
      };
    case 'Qualitative': {
      const special = m.of?.kind === 'NameRef' ? program.refs.get(m.of.name) : undefined;
      const ofSpecial = special?.kind === 'local' && special.role === 'special' && (special.name === 'actual' || special.name === 'target') ? special.name : undefined;
      return {
        kind: 'qualitative', of: m.of ? api.expr(m.of) : undefined, ofSpecial: ofSpecial as 'actual' | 'target' | undefined,
        entries: m.entries.map((e) => ({ text: e.text?.value, isElse: e.isElse, value: bandValue(e.value) })),
        ...base,
      };
    }
    case 'Auto': return { kind: 'auto', ...base };
    case 'Parts':
      return { kind: 'parts', parts: m.parts.map((p) => ({ points: f(p.points), method: p.method ? compileMethod(p.method, sym, program, api) : undefined, text: p.method ? sym.methodText.get(p.method) ?? '' : '' })), ...base };
    case 'Custom': return { kind: 'custom', expr: api.expr(m.expr), render: renderer(m.expr, api), usesMet: mentions(m.expr, 'met', program), ...base };
  }
}

/** The source text of a node, spaces collapsed. */
function sourceText(node: { span: A.Span }, sym: ScorecardSymbol): string {
  return sym.source.slice(node.span.start, node.span.end).replace(/\s+/g, ' ').trim() || '…';
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
const SIGN: Record<string, string> = { '+': '+', '-': '−', '*': '×', '/': '÷' };

/**
 * A renderer for an expression: arithmetic is written out (`a × b ÷ c`), everything else (names,
 * cells, facts, calls other than round/min/max/abs) is replaced by its value.
 */
export function renderer(e: A.Expr, api: ExprCompilerApi): Renderer {
  if (e.kind === 'Binary' && PREC[e.op] !== undefined && e.right) {
    const p = PREC[e.op]!;
    const l = renderer(e.left, api);
    const r = renderer(e.right, api);
    const lp = precOf(e.left);
    const rp = precOf(e.right);
    const sign = SIGN[e.op]!;
    return (c, lang, notes) => {
      const ls = lp < p ? `(${l(c, lang, notes)})` : l(c, lang, notes);
      const rs = rp < p || (rp === p && (e.op === '-' || e.op === '/')) ? `(${r(c, lang, notes)})` : r(c, lang, notes);
      return `${ls} ${sign} ${rs}`;
    };
  }
  if (e.kind === 'Unary' && e.op === '-' && e.operand) {
    const o = renderer(e.operand, api);
    const op = precOf(e.operand);
    return (c, lang, notes) => (op < 3 ? `−(${o(c, lang, notes)})` : `−${o(c, lang, notes)}`);
  }
  if (e.kind === 'Call' && ['round', 'min', 'max', 'abs'].includes(e.callee.text)) {
    const args = e.args.map((a, i) => (e.callee.text === 'round' && i > 0 ? literal(a) : renderer(a, api)));
    const name = e.callee.text;
    return (c, lang, notes) => `${name}(${args.map((a) => a(c, lang, notes)).join(', ')})`;
  }
  if (e.kind === 'Number') {
    const t = e.text;
    return () => t;
  }
  if (e.kind === 'If' && e.cond && e.then && e.else) {
    const cond = api.expr(e.cond);
    const a = renderer(e.then, api);
    const b = renderer(e.else, api);
    const condText = exprText(e.cond);
    return (c, lang, notes) => {
      const v = cond(c);
      if (v === true || v === false) {
        notes?.push(lang === 'en' ? `${condText} ${v ? 'holds' : 'does not hold'} → ${v ? 'then' : 'else'} branch` : `${condText} ${v ? '成立' : '不成立'} → 取${v ? ' then ' : ' else '}分支`);
        return v ? a(c, lang, notes) : b(c, lang, notes);
      }
      notes?.push(lang === 'en' ? `${condText} cannot be decided` : `${condText} 无法判断`);
      return showValue(v, lang);
    };
  }
  if (e.kind === 'Blank') return (_c, lang) => (lang === 'en' ? 'blank' : '空白');
  const f = api.expr(e);
  return (c, lang) => showValue(f(c), lang);
}

/** A short text of an expression for notes: names and literals as written. */
function exprText(e: A.Expr): string {
  switch (e.kind) {
    case 'NameRef': return e.name.text;
    case 'Member': return `${exprText(e.object)}.${e.name?.text ?? '?'}`;
    case 'Number': return e.text;
    case 'Percent': return `${e.text}%`;
    case 'String': return `"${e.value}"`;
    case 'Compare': return `${exprText(e.left)} ${e.op === '>=' ? '≥' : e.op === '<=' ? '≤' : e.op} ${e.right ? exprText(e.right) : '?'}`;
    case 'Binary': return `${exprText(e.left)} ${SIGN[e.op] ?? e.op} ${e.right ? exprText(e.right) : '?'}`;
    case 'Unary': return `${e.op === 'not' ? 'not ' : '−'}${e.operand ? exprText(e.operand) : '?'}`;
    case 'Call': return `${e.callee.text}(${e.args.map(exprText).join(', ')})`;
    case 'Index': return `${exprText(e.object)}[${e.index ? exprText(e.index) : ''}]`;
    default: return '…';
  }
}

/** Whether an expression uses the scorecard name `name` (e.g. `met`). */
function mentions(e: A.Expr, name: string, program: Program): boolean {
  if (e.kind === 'NameRef') {
    const s = program.refs.get(e.name);
    return s?.kind === 'local' && s.role === 'special' && s.name === name;
  }
  let found = false;
  forEachChild(e, (x) => { if (!found && mentions(x, name, program)) found = true; });
  return found;
}

function literal(e: A.Expr): Renderer {
  const t = e.kind === 'String' ? `"${e.value}"` : e.kind === 'Number' ? e.text : '?';
  return () => t;
}

function precOf(e: A.Expr): number {
  if (e.kind === 'Binary' && PREC[e.op] !== undefined) return PREC[e.op]!;
  return 3;
}

void parseDecimal;
export type { EvalContext };
