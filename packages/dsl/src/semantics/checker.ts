/**
 * The checker: resolves names across the files of a ruleset, types every expression, checks
 * units, ids and overrides, and builds the `Program` the interpreter and the editor use.
 * Checks report through `accept`; nothing throws, and an unknown type never cascades errors.
 */
import * as A from '../syntax/ast';
import { closestNames, diagnostic, didYouMean, formatLocation, type Diagnostic, type DiagnosticArgs } from '../diagnostics/diagnostic';
import type { DiagnosticCode } from '../diagnostics/catalogue';
import { parseTemplate, type TemplateCache } from '../syntax/template';
import { lineStarts } from '../syntax/parse';
import { BUILTINS, ROUNDING_MODES, isBuiltin } from './builtins';
import type {
  ColumnSymbol, ConstSymbol, FactSymbol, HierarchySymbol, LevelSymbol, LocalSymbol, Precision, Program, RuleSymbol,
  ScorecardSymbol, SymbolRef, TableSymbol,
} from './program';
import { checkBands, type StaticBand } from '../scorecard/bands';
import { parseDecimal } from '../evaluation/decimal';
import type { RulesetSources } from './sources';
import { MONEY_UNITS, T, isLenient, isNumeric, typeArgs, type Type } from './types';

/** Template names available in every rule message. */
export const TEMPLATE_SPECIALS = ['actual', 'expected', 'difference', 'distance', 'tolerance', 'column', 'children', 'row'] as const;

/** Checks loaded sources and returns the program (with the sources' own diagnostics included). */
export function check(sources: RulesetSources): Program {
  return new Checker(sources).run();
}

interface Scope {
  names: Map<string, LocalSymbol>;
  parent?: Scope;
}

class Checker {
  private readonly p: Program;
  private readonly fileTexts = new Map<string, string>();
  private readonly lineStartsCache = new Map<string, number[]>();
  /** Message expressions already parsed in this run, by text (see `parseTemplate`). */
  private readonly templateCache: TemplateCache = new Map();
  private slots = 0;
  private ruleLocals: LocalSymbol[] = [];

  constructor(sources: RulesetSources) {
    this.p = {
      entry: sources.entry,
      sources,
      info: { kinds: [] },
      hierarchies: new Map(),
      tables: new Map(),
      facts: new Map(),
      factGroups: new Set(),
      consts: new Map(),
      rules: [],
      scorecards: [],
      precision: { facts: [], tables: [] },
      diagnostics: [...sources.diagnostics],
      refs: new Map(),
      types: new Map(),
      levelRefs: new Map(),
    };
    for (const f of sources.files) this.fileTexts.set(f.path, f.text);
  }

  private accept(code: DiagnosticCode, span: A.Span, args: DiagnosticArgs = {}, extra: Partial<Diagnostic> = {}): void {
    this.p.diagnostics.push(diagnostic(code, span, args, extra));
  }

  run(): Program {
    const files = this.p.sources.files;
    this.collectHeader();
    // Declarations first (all files), so rules can refer to names declared in any file.
    // Which declaration of a name comes first in the sources (most basic file first, then
    // source order): every later one is the duplicate, whatever order they are processed in.
    const firstDeclared = new Map<string, A.Name>();
    for (const f of files) {
      for (const item of f.parsed.ast.items) {
        const n = item.kind === 'Hierarchy' || item.kind === 'Table' || item.kind === 'Fact' || item.kind === 'ConstLet' ? item.name : undefined;
        if (n && !firstDeclared.has(n.text)) firstDeclared.set(n.text, n);
      }
    }
    const declare = (name: A.Name, sym: SymbolRef): boolean => {
      const first = firstDeclared.get(name.text);
      if (first && first !== name) {
        this.accept('SUAN2002', name.span, { name: name.text, first: formatLocation(first.span) });
        return false;
      }
      this.p.refs.set(name, sym);
      return true;
    };
    for (const f of files) for (const item of f.parsed.ast.items) if (item.kind === 'Hierarchy') this.declareHierarchy(item, declare);
    for (const f of files) {
      for (const item of f.parsed.ast.items) {
        if (item.kind === 'Table') this.declareTable(item, declare);
        else if (item.kind === 'Fact') this.declareFact(item, declare);
        else if (item.kind === 'DocPrecision') this.declarePrecision(item);
      }
    }
    for (const f of files) for (const item of f.parsed.ast.items) if (item.kind === 'ConstLet') this.declareConst(item, declare);
    for (const f of files) {
      for (const item of f.parsed.ast.items) {
        if (item.kind === 'Rule') this.checkRule(item, f.path, f.layer);
        else if (item.kind === 'Scorecard') this.checkScorecard(item, f.path, f.layer);
      }
    }
    this.applyOverrides();
    this.reportUnusedConsts();
    return this.p;
  }

  // ── header ───────────────────────────────────────────────────────────────────────────

  private collectHeader(): void {
    const entry = this.p.sources.files.find((f) => f.path === this.p.entry);
    const header = entry?.parsed.ast.header;
    if (!entry) return;
    if (!header) {
      this.accept('SUAN0007', A.fileStart(entry.path));
      return;
    }
    const info = this.p.info;
    info.id = header.id?.text;
    info.span = header.span;
    for (const f of header.fields) {
      switch (f.key) {
        case 'title': info.title = f.text; break;
        case 'issuer': info.issuer = f.text; break;
        case 'description': info.description = f.text; break;
        case 'version': info.version = f.value?.value; break;
        case 'licence': info.licence = f.value?.value; break;
        case 'kind': info.kinds.push(...f.names.map((n) => n.text)); break;
        case 'years': {
          const from = f.from ? Number(f.from.text) : undefined;
          if (from !== undefined) info.years = { from, to: f.to ? Number(f.to.text) : from };
          break;
        }
      }
    }
  }

  // ── declarations ─────────────────────────────────────────────────────────────────────

  private declareHierarchy(h: A.Hierarchy, declare: (n: A.Name, s: SymbolRef) => boolean): void {
    if (!h.name) return;
    const sym: HierarchySymbol = { kind: 'hierarchy', name: h.name.text, decl: h, nameSpan: h.name.span, levels: [] };
    if (!declare(h.name, sym)) return;
    this.p.hierarchies.set(sym.name, sym);
    let prevLength = 0;
    for (const l of h.levels) {
      const length = l.length ? Number(l.length.text) : NaN;
      if (!Number.isInteger(length) || length <= prevLength) {
        this.accept('SUAN2013', l.span, { name: sym.name, detail: `${l.name.text} ${l.length?.text ?? '?'}` });
        continue;
      }
      if (sym.levels.some((x) => x.name === l.name.text)) {
        this.accept('SUAN2002', l.name.span, { name: l.name.text, first: formatLocation(sym.levels.find((x) => x.name === l.name.text)!.nameSpan) });
        continue;
      }
      prevLength = length;
      const level: LevelSymbol = { kind: 'level', name: l.name.text, length, index: sym.levels.length, hierarchy: sym, nameSpan: l.name.span };
      sym.levels.push(level);
      this.p.refs.set(l.name, level);
    }
  }

  private typeOf(t: A.TypeRef | undefined): Type {
    if (!t) return T.unknown;
    switch (t.base) {
      case 'money': return T.money(t.unit?.value);
      case 'code': {
        if (t.hierarchy) {
          const h = this.p.hierarchies.get(t.hierarchy.text);
          if (h) {
            this.p.refs.set(t.hierarchy, h);
            return { k: 'code', hierarchy: h.name };
          }
          this.unknownName(t.hierarchy, [...this.p.hierarchies.keys()]);
        }
        return { k: 'code' };
      }
      default: return { k: t.base } as Type;
    }
  }

  private precisionOf(t: A.TypeRef | undefined): Precision | undefined {
    const p = t?.precision;
    if (!p) return undefined;
    return this.precisionLiteral(p, t?.unit?.value);
  }

  private precisionLiteral(p: A.NumberLit | A.PercentLit | A.MoneyLit, unit?: string): Precision | undefined {
    const step = p.kind === 'Percent' ? shiftDecimal(p.text, -2) : p.text;
    if (!/^(?:10*|0\.0*1)$/.test(step.replace(/^0+(?=\d)/, ''))) {
      this.accept('SUAN3012', p.span, { actual: p.kind === 'Percent' ? `${p.text}%` : p.text });
      return undefined;
    }
    return { step, unit: p.kind === 'Money' ? p.unit : unit, percent: p.kind === 'Percent' };
  }

  private declareTable(t: A.Table, declare: (n: A.Name, s: SymbolRef) => boolean): void {
    if (!t.name) return;
    const sym: TableSymbol = { kind: 'table', name: t.name.text, decl: t, nameSpan: t.name.span, columns: new Map(), unit: t.unit?.value };
    if (!declare(t.name, sym)) return;
    this.p.tables.set(sym.name, sym);
    const keys = t.columns.filter((c) => c.isKey);
    if (keys.length > 1) this.accept('SUAN2014', keys[1]!.span, { table: sym.name, count: keys.length });
    for (const c of t.columns) {
      if (!c.name.text) continue;
      const prev = sym.columns.get(c.name.text);
      if (prev) {
        this.accept('SUAN2002', c.name.span, { name: c.name.text, first: formatLocation(prev.nameSpan) });
        continue;
      }
      const col: ColumnSymbol = {
        kind: 'column', name: c.name.text, decl: c, nameSpan: c.name.span, table: sym, type: this.typeOf(c.type),
        precision: this.precisionOf(c.type), isKey: c.isKey,
      };
      if (col.type.k === 'money' && !col.type.unit && sym.unit) col.type = T.money(undefined);
      sym.columns.set(col.name, col);
      this.p.refs.set(c.name, col);
      if (c.isKey && !sym.key) {
        sym.key = col;
        if (col.type.k === 'code' && col.type.hierarchy) sym.hierarchy = this.p.hierarchies.get(col.type.hierarchy);
      }
    }
  }

  private declareFact(f: A.Fact, declare: (n: A.Name, s: SymbolRef) => boolean): void {
    const sym: FactSymbol = { kind: 'fact', name: f.name.text, decl: f, nameSpan: f.name.span, type: this.typeOf(f.type), precision: this.precisionOf(f.type) };
    if (!declare(f.name, sym)) return;
    this.p.facts.set(sym.name, sym);
    const parts = sym.name.split('.');
    for (let i = 1; i < parts.length; i++) this.p.factGroups.add(parts.slice(0, i).join('.'));
  }

  private declarePrecision(d: A.DocPrecision): void {
    if (!d.amount) return;
    const p = this.precisionLiteral(d.amount);
    if (p) this.p.precision[d.target].push(p);
  }

  private declareConst(c: A.ConstLet, declare: (n: A.Name, s: SymbolRef) => boolean): void {
    if (!c.name) return;
    const sym: ConstSymbol = { kind: 'const', name: c.name.text, decl: c, nameSpan: c.name.span, type: T.unknown };
    if (!declare(c.name, sym)) return;
    this.p.consts.set(sym.name, sym);
    this.slots = 0;
    sym.type = c.value ? this.expr(c.value, undefined) : T.unknown;
    if (c.value && !this.isConstant(c.value)) this.accept('SUAN3009', c.value.span, { what: '全局 let 的值', what_en: 'The value of a top-level let', expected: '常量', expected_en: 'a constant', actual: '依赖数据的表达式', actual_en: 'an expression that depends on the data' });
  }

  private reportUnusedConsts(): void {
    const used = new Set<SymbolRef>();
    for (const [name, sym] of this.p.refs) if (sym.kind === 'const' && !(sym.decl.name === name)) used.add(sym);
    for (const c of this.p.consts.values()) {
      const f = this.p.sources.files.find((x) => x.path === c.nameSpan.file);
      if (!used.has(c) && f?.layer === 0) this.accept('SUAN2006', c.nameSpan, { name: c.name }, { unnecessary: true });
    }
  }

  // ── rules ────────────────────────────────────────────────────────────────────────────

  /** Rule and scorecard ids (one namespace: both produce rule results). */
  private readonly ruleIds = new Map<string, { nameSpan: A.Span }>();

  private checkRule(r: A.Rule, file: string, layer: number): void {
    if (!r.id) return;
    const sym: RuleSymbol = {
      kind: 'rule', id: r.id.text, decl: r, nameSpan: r.id.span, file, layer, severity: r.severity?.value ?? 'error',
      tolerance: r.tolerance, disabled: false, overrides: [], slots: 0, message: [], specials: {},
    };
    const prev = this.ruleIds.get(sym.id);
    if (prev) this.accept('SUAN2003', r.id.span, { id: sym.id, first: formatLocation(prev.nameSpan) });
    else this.ruleIds.set(sym.id, sym);
    this.p.refs.set(r.id, sym);
    this.p.rules.push(sym);

    this.slots = 0;
    this.ruleLocals = [];
    let scope: Scope = { names: new Map() };
    if (r.tolerance) this.checkTolerance(r.tolerance, undefined);
    for (const step of r.steps) {
      if (step.kind === 'For') {
        const src = step.source ? this.expr(step.source, scope) : T.unknown;
        const rowType = this.rowsTable(src, step.source);
        const inner: Scope = { names: new Map(), parent: scope };
        if (step.variable) this.bindLocal(inner, step.variable, rowType ? { k: 'row', table: rowType } : T.unknown, 'for');
        if (step.filter) this.expectBool(step.filter, inner, { what: 'where 条件', what_en: 'The where condition' });
        scope = inner;
      } else {
        const t = step.value ? this.expr(step.value, scope) : T.unknown;
        const inner: Scope = { names: new Map(), parent: scope };
        if (step.name) this.bindLocal(inner, step.name, t, 'let');
        scope = inner;
      }
    }
    // `when` sees every `for` and `let` binding (it is checked per binding, before the assert).
    if (r.when) this.expectBool(r.when, scope, { what: 'when 条件', what_en: 'The when condition' });
    for (const rep of r.repeated) {
      const condition = rep.clause === 'assert' || rep.clause === 'when';
      this.accept('SUAN2017', rep.span, {
        clause: rep.clause,
        hint: condition ? '多个条件请用 and 连接，或拆成多条规则。' : '请删去多余的一处。',
        hint_en: condition ? 'Join conditions with `and`, or split the rule.' : 'Remove the extra one.',
      });
    }
    if (r.assert && r.rollup) this.accept('SUAN2010', r.rollup.span, { id: sym.id });
    if (!r.assert && !r.rollup) this.accept('SUAN2009', r.id.span, { id: sym.id });
    let assertType: Type | undefined;
    if (r.assert) {
      assertType = this.expr(r.assert, scope);
      if (!isLenient(assertType) && assertType.k !== 'bool') this.accept('SUAN3003', r.assert.span, typeArgs('type', assertType));
    }
    if (r.rollup) this.checkRollup(r.rollup, scope);

    // Message templates see every binding plus the specials.
    const msgScope: Scope = { names: new Map(), parent: scope };
    const cmp = r.assert ? topComparison(r.assert) : undefined;
    const cmpType = cmp ? this.p.types.get(cmp.left) ?? T.unknown : r.rollup ? T.money() : T.unknown;
    for (const s of TEMPLATE_SPECIALS) {
      const rollupTable = r.rollup?.table?.text;
      const t = s === 'column' ? T.text : s === 'children' ? T.count : s === 'row' ? (rollupTable ? { k: 'row' as const, table: rollupTable } : T.unknown) : cmpType;
      const local: LocalSymbol = { kind: 'local', name: s, role: 'special', type: t, slot: this.slots++, used: true };
      msgScope.names.set(s, local);
      sym.specials[s] = local.slot;
    }
    if (r.message) {
      const text = this.fileTexts.get(file) ?? '';
      let starts = this.lineStartsCache.get(file);
      if (!starts) this.lineStartsCache.set(file, (starts = lineStarts(text)));
      const parsed = (r.message.template ??= parseTemplate(r.message, text, starts, this.templateCache));
      this.p.diagnostics.push(...parsed.diagnostics);
      for (const t of parsed.templates) for (const part of t.parts) if (part.kind === 'expr') this.expr(part.expr, msgScope);
      sym.message = parsed.templates;
    }
    sym.slots = this.slots;
    for (const l of this.ruleLocals) {
      if (!l.used && l.nameSpan && layer === 0) this.accept('SUAN2006', l.nameSpan, { name: l.name }, { unnecessary: true });
    }
    void assertType;
  }

  private checkRollup(r: A.Rollup, scope: Scope): void {
    if (!r.table) return;
    const t = this.p.tables.get(r.table.text);
    if (!t) {
      this.unknownName(r.table, [...this.p.tables.keys()]);
      return;
    }
    this.p.refs.set(r.table, t);
    let hierarchy = t.hierarchy;
    if (r.hierarchy) {
      const h = this.p.hierarchies.get(r.hierarchy.text);
      if (!h) this.unknownName(r.hierarchy, [...this.p.hierarchies.keys()]);
      else {
        this.p.refs.set(r.hierarchy, h);
        hierarchy = h;
      }
    }
    if (!t.key) this.accept('SUAN2011', r.table.span, { table: t.name });
    else if (!hierarchy) this.accept('SUAN2012', r.table.span, { table: t.name });
    for (const c of r.columns) {
      const col = t.columns.get(c.text);
      if (!col) {
        const s = closestNames(c.text, t.columns.keys());
        this.accept('SUAN2004', c.span, { table: t.name, name: c.text, ...didYouMean(s) }, { suggestions: s });
        continue;
      }
      this.p.refs.set(c, col);
      if (!isNumeric(col.type)) this.accept('SUAN3009', c.span, { what: `列 ${col.name}`, what_en: `Column ${col.name}`, expected: '数值列', expected_en: 'a numeric column', ...typeArgs('actual', col.type) });
    }
    if (r.within) this.checkTolerance(r.within, scope);
  }

  /** A tolerance is a constant ≥ 0 (an unknown name in it is reported once, as unknown). */
  private checkTolerance(e: A.Expr, scope: Scope | undefined): void {
    const t = this.expr(e, scope);
    if (isLenient(t)) return;
    if (!isNumeric(t)) this.accept('SUAN3011', e.span, typeArgs('actual', t));
    else if (!this.isConstant(e)) this.accept('SUAN3011', e.span, { actual: '依赖数据的表达式', actual_en: 'an expression that depends on the data' });
    else if (isNegativeConstant(e)) this.accept('SUAN3011', e.span, { actual: '负数', actual_en: 'a negative number' });
  }

  private applyOverrides(): void {
    for (const { override: o, layer } of this.p.sources.overrides) {
      if (!o.rule) continue;
      const targets = this.p.rules.filter((r) => r.id === o.rule!.text && r.layer > layer);
      const cards = this.p.scorecards.filter((r) => r.id === o.rule!.text && r.layer > layer);
      for (const sc of cards) {
        sc.overrides.push(o);
        if (o.disable) sc.disabled = true;
        if (o.severity) sc.severity = o.severity.value;
        if (o.tolerance) {
          this.checkTolerance(o.tolerance, undefined);
          sc.tolerance = o.tolerance;
        }
      }
      if (targets.length === 0 && cards.length === 0) {
        const s = closestNames(o.rule.text, [...this.p.rules, ...this.p.scorecards].filter((r) => r.layer > layer).map((r) => r.id));
        this.accept('SUAN2005', o.rule.span, { id: o.rule.text, ...didYouMean(s) }, { suggestions: s });
        continue;
      }
      for (const r of targets) {
        this.p.refs.set(o.rule, r);
        r.overrides.push(o);
        if (o.disable) r.disabled = true;
        if (o.severity) r.severity = o.severity.value;
        if (o.tolerance) {
          this.checkTolerance(o.tolerance, undefined);
          r.tolerance = o.tolerance;
        }
      }
    }
  }

  // ── scorecards ───────────────────────────────────────────────────────────────────────

  private checkScorecard(s: A.Scorecard, file: string, layer: number): void {
    if (!s.id) return;
    const id = s.id.text;
    const sym: ScorecardSymbol = {
      kind: 'scorecard', id, decl: s, nameSpan: s.id.span, file, layer, severity: s.severity?.value ?? 'error', tolerance: s.tolerance,
      disabled: false, overrides: [], columns: { levels: [] }, slots: 0,
      specials: { row: 0, indicator: 0, weight: 0, target: 0, actual: 0, reported: 0, met: 0 }, methodText: new Map(), scoreIndex: new Map(),
      source: this.fileTexts.get(file) ?? '',
    };
    const prev = this.ruleIds.get(id);
    if (prev) this.accept('SUAN2003', s.id.span, { id, first: formatLocation(prev.nameSpan) });
    else this.ruleIds.set(id, sym);
    this.p.scorecards.push(sym);
    this.slots = 0;
    this.ruleLocals = [];
    const text = this.fileTexts.get(file) ?? '';
    const missingClause = (clause: string, hint: string, hintEn: string) => this.accept('SUAN2018', s.id!.span, { id, clause, hint, hint_en: hintEn });

    if (!s.table) missingClause('table', '请写明每行一个指标的表，例如 table 整体绩效自评表。', 'name the table with one row per indicator, e.g. `table 整体绩效自评表`.');
    else {
      const t = this.p.tables.get(s.table.text);
      if (!t) this.unknownName(s.table, [...this.p.tables.keys()]);
      else {
        this.p.refs.set(s.table, t);
        sym.table = t;
      }
    }
    const column = (n: A.Name | undefined): ColumnSymbol | undefined => {
      if (!n || !sym.table) return undefined;
      const c = sym.table.columns.get(n.text);
      if (!c) {
        const sug = closestNames(n.text, sym.table.columns.keys());
        this.accept('SUAN2004', n.span, { table: sym.table.name, name: n.text, ...didYouMean(sug) }, { suggestions: sug });
        return undefined;
      }
      this.p.refs.set(n, c);
      return c;
    };
    if (!s.indicator) missingClause('indicator', '请写明指标名称所在的列，例如 indicator 三级指标。', 'name the column holding the indicator names, e.g. `indicator 三级指标`.');
    if (!s.weight) missingClause('weight', '请写明分值所在的列，例如 weight 分值。', 'name the weight (分值) column, e.g. `weight 分值`.');
    const cols = sym.columns;
    cols.indicator = column(s.indicator);
    cols.levels = s.levels.map((n) => column(n)).filter((c): c is ColumnSymbol => !!c);
    cols.weight = column(s.weight);
    cols.target = column(s.target);
    cols.actual = column(s.actual);
    cols.reported = column(s.reported);
    for (const [c, n, what, whatEn] of [[cols.weight, s.weight, 'weight 列', 'The weight column'], [cols.reported, s.reported, 'reported 列', 'The reported column']] as const) {
      if (c && n && !isNumeric(c.type) && c.type.k !== 'text' && !isLenient(c.type)) {
        this.accept('SUAN3009', n.span, { what, what_en: whatEn, expected: '数值列或文本列', expected_en: 'a numeric or text column', ...typeArgs('actual', c.type) });
      }
    }

    // Every expression of the scorecard sees the indicator's row and values.
    const scope: Scope = { names: new Map() };
    const special = (name: string, type: Type): number => {
      const local: LocalSymbol = { kind: 'local', name, role: 'special', type, slot: this.slots++, used: true };
      scope.names.set(name, local);
      return local.slot;
    };
    sym.specials = {
      row: special('row', sym.table ? { k: 'row', table: sym.table.name } : T.unknown),
      indicator: special('indicator', T.text),
      weight: special('weight', T.number),
      target: special('target', T.unknown),
      actual: special('actual', T.unknown),
      reported: special('reported', T.number),
      met: special('met', T.bool),
    };
    if (s.where) this.expectBool(s.where, scope, { what: 'where 条件', what_en: 'The where condition' });
    if (s.total) this.checkConstNumber(s.total, 'total', 'total');
    if (s.tolerance) this.checkTolerance(s.tolerance, undefined);
    if (s.round) this.checkRound(s.round);
    if (s.reportedTotal) this.expectNumberOrText(s.reportedTotal, scope, 'reported total', 'reported total');
    if (s.reportedGrade) {
      const t = this.expr(s.reportedGrade, scope);
      if (!isLenient(t) && t.k !== 'text' && t.k !== 'code') this.accept('SUAN3009', s.reportedGrade.span, { what: 'reported grade', what_en: 'reported grade', expected: '文本（等级）', expected_en: 'text (a grade)', ...typeArgs('actual', t) });
    }
    if (s.grade) {
      const bands = s.grade.entries.map((e) => ({ cond: e.cond, label: e.label?.text ?? this.slice(text, e.span), span: e.span }));
      this.checkBandList(bands, scope, text, s.grade.span, { what: '等级', what_en: 'The grades', result: '等级', result_en: 'grade' });
    }
    for (const e of s.scores) {
      if (e.isElse) {
        if (sym.elseEntry) this.accept('SUAN2019', e.span, { id, name: 'else', first: formatLocation(sym.elseEntry.span) });
        else sym.elseEntry = e;
      } else if (e.indicator) {
        const key = e.indicator.text.trim();
        const first = sym.scoreIndex.get(key);
        if (first) this.accept('SUAN2019', e.indicator.span, { id, name: key, first: formatLocation(first.span) });
        else sym.scoreIndex.set(key, e);
      }
      if (e.method) this.checkMethod(e.method, scope, sym, text);
    }
    for (const x of s.extras) {
      if (x.weight) this.expectNumberOrText(x.weight, scope, 'extra 的 weight', 'The weight of an extra');
      if (x.reported) this.expectNumberOrText(x.reported, scope, 'extra 的 reported', 'The reported score of an extra');
      if (x.target) this.expr(x.target, scope);
      if (x.actual) this.expr(x.actual, scope);
      if (x.method) this.checkMethod(x.method, scope, sym, text);
    }
    if (s.scores.length === 0 && s.extras.length === 0) this.accept('SUAN2025', s.id.span, { id });
    for (const rep of s.repeated) this.accept('SUAN2026', rep.span, { clause: rep.clause });
    sym.slots = this.slots;
  }

  private slice(text: string, span: A.Span): string {
    return A.codeOf(text, span);
  }

  private checkConstNumber(e: A.Expr, what: string, whatEn: string): void {
    const t = this.expr(e, undefined);
    if (!isLenient(t) && !isNumeric(t)) this.accept('SUAN3009', e.span, { what, what_en: whatEn, expected: '数值常数', expected_en: 'a numeric constant', ...typeArgs('actual', t) });
    else if (!this.isConstant(e)) this.accept('SUAN3009', e.span, { what, what_en: whatEn, expected: '常数', expected_en: 'a constant', actual: '依赖数据的表达式', actual_en: 'an expression that depends on the data' });
  }

  private expectNumberOrText(e: A.Expr, scope: Scope, what: string, whatEn: string): void {
    const t = this.expr(e, scope);
    if (!isLenient(t) && !isNumeric(t) && t.k !== 'text') this.accept('SUAN3009', e.span, { what, what_en: whatEn, expected: '数值（或写出的数值文本）', expected_en: 'a number (or its written text)', ...typeArgs('actual', t) });
  }

  private expectNumber(e: A.Expr | undefined, scope: Scope, what: string, whatEn: string): void {
    if (!e) return;
    const t = this.expr(e, scope);
    if (!isLenient(t) && !isNumeric(t)) this.accept('SUAN3009', e.span, { what, what_en: whatEn, expected: '数值', expected_en: 'a number', ...typeArgs('actual', t) });
  }

  private checkRound(r: A.RoundSpec): void {
    const places = r.places ? Number(r.places.text) : NaN;
    const modeOk = !r.mode || (ROUNDING_MODES as readonly string[]).includes(r.mode.value);
    if (!Number.isInteger(places) || places < 0 || places > 18 || !modeOk) {
      this.accept('SUAN3013', (r.mode && !modeOk ? r.mode.span : r.places?.span) ?? r.span, { modes: ROUNDING_MODES.join('/'), actual: !modeOk ? `"${r.mode!.value}"` : r.places?.text ?? '?' });
    }
  }

  private checkMethod(m: A.Method, scope: Scope, sym: ScorecardSymbol, text: string): void {
    sym.methodText.set(m, this.slice(text, m.span));
    if (m.round) this.checkRound(m.round);
    switch (m.kind) {
      case 'Full':
        if (m.cond) this.expectBool(m.cond, scope, { what: 'full if 条件', what_en: 'The condition of full if' });
        break;
      case 'Proportional':
        this.expectNumber(m.of, scope, 'proportional of', 'proportional of');
        this.expectNumber(m.to, scope, 'proportional to', 'proportional to');
        break;
      case 'Threshold':
        this.expectNumber(m.of, scope, 'threshold of', 'threshold of');
        break;
      case 'Execution': {
        const ratio = A.executionRatio(m);
        if (m.of && (!ratio || !ratio.denominator)) {
          const t = this.expr(m.of, scope);
          this.accept('SUAN2024', m.of.span, { actual: `${this.slice(text, m.of.span)}（${typeArgs('t', t).t}）`, actual_en: `${this.slice(text, m.of.span)} (${typeArgs('t', t).t_en})` });
        } else if (m.of) {
          this.expr(m.of, scope);
          for (const x of [ratio?.numerator, ratio?.denominator]) {
            const t = x ? this.p.types.get(x) ?? T.unknown : T.unknown;
            if (x && !isLenient(t) && !isNumeric(t)) this.accept('SUAN3009', x.span, { what: 'execution of', what_en: 'execution of', expected: '数值', expected_en: 'a number', ...typeArgs('actual', t) });
          }
        }
        break;
      }
      case 'Deduct':
        this.expectNumber(m.points, scope, 'deduct 的扣分', 'The points of deduct');
        this.expectNumber(m.step, scope, 'deduct 的 per', 'The step (per) of deduct');
        this.expectNumber(m.threshold, scope, 'deduct 的界限', 'The threshold of deduct');
        this.expectNumber(m.of, scope, 'deduct 的 of', 'deduct of');
        break;
      case 'Bands':
        this.expectNumber(m.of, scope, 'bands of', 'bands of');
        this.checkBandList(m.entries.map((e) => ({ cond: e.cond, label: this.slice(text, e.cond.span), span: e.span })), scope, text, m.span,
          { what: '各档', what_en: 'The bands', result: '分数', result_en: 'score' });
        for (const e of m.entries) this.checkBandValue(e.value, scope);
        break;
      case 'Qualitative': {
        if (m.of) {
          const t = this.expr(m.of, scope);
          if (!isLenient(t) && t.k !== 'text' && t.k !== 'code') this.accept('SUAN3009', m.of.span, { what: 'qualitative of', what_en: 'qualitative of', expected: '文本', expected_en: 'text', ...typeArgs('actual', t) });
        }
        const seen = new Map<string, A.Span>();
        for (const e of m.entries) {
          if (e.text) {
            const first = seen.get(e.text.value);
            if (first) this.accept('SUAN2027', e.text.span, { id: sym.id, text: e.text.value, first: formatLocation(first) });
            else seen.set(e.text.value, e.text.span);
          }
          this.checkBandValue(e.value, scope);
        }
        break;
      }
      case 'Parts':
        for (const p of m.parts) {
          if (p.points) this.checkConstNumber(p.points, 'parts 的分值', 'The points of a part');
          if (p.method) this.checkMethod(p.method, scope, sym, text);
        }
        break;
      case 'Custom': {
        const t = this.expr(m.expr, scope);
        if (!isLenient(t) && !isNumeric(t)) this.accept('SUAN3009', m.expr.span, { what: '评分式', what_en: 'A score expression', expected: '数值（得分）', expected_en: 'a number (the score)', ...typeArgs('actual', t) });
        break;
      }
      case 'Auto': break;
    }
  }

  private checkBandValue(v: A.BandValue | undefined, scope: Scope): void {
    if (!v) return;
    for (const x of [v.lo, v.hi]) {
      if (!x) continue;
      const t = this.expr(x, scope);
      if (!isLenient(t) && t.k !== 'number' && t.k !== 'percent' && t.k !== 'count') {
        this.accept('SUAN3009', x.span, { what: '一档的得分', what_en: "A band's score", expected: '分数（如 5）或分值的百分比（如 80%）', expected_en: 'points (such as 5) or a share of the weight (such as 80%)', ...typeArgs('actual', t) });
      }
    }
  }

  /** Types the bounds of bands (or grades) and runs the static check: reversed ranges, gaps, overlaps, unreachable bands. */
  private checkBandList(
    list: { cond: A.BandCondition; label: string; span: A.Span }[], scope: Scope, text: string, whole: A.Span,
    words: { what: string; what_en: string; result: string; result_en: string },
  ): void {
    let nonConstant = false;
    let percent = false;
    const statics: StaticBand[] = list.map((e) => {
      const value = (x: A.Expr | undefined): bigint | undefined => {
        if (!x) return undefined;
        const t = this.expr(x, scope);
        if (!isLenient(t) && !isNumeric(t)) this.accept('SUAN3009', x.span, { what: '档位界限', what_en: 'A band bound', expected: '数值', expected_en: 'a number', ...typeArgs('actual', t) });
        if (t.k === 'percent') percent = true;
        const v = this.literalValue(x);
        if (v === undefined) nonConstant = true;
        return v;
      };
      return { op: e.cond.op, a: value(e.cond.a), b: value(e.cond.b), label: e.label };
    });
    if (nonConstant) this.accept('SUAN3014', whole, { what: words.what, what_en: words.what_en.toLowerCase() });
    for (const p of checkBands(statics, percent)) {
      switch (p.kind) {
        case 'reversed': this.accept('SUAN2020', list[p.index]!.cond.span, { band: list[p.index]!.label }); break;
        case 'gap': this.accept('SUAN2021', whole, { what: words.what, what_en: words.what_en, range: p.range, result: words.result, result_en: words.result_en }); break;
        case 'overlap': this.accept('SUAN2022', list[p.index]!.span, { band: list[p.index]!.label, other: list[p.other]!.label, range: p.range }); break;
        case 'unreachable': this.accept('SUAN2023', list[p.index]!.span, { band: list[p.index]!.label }); break;
      }
    }
    void text;
  }

  /** The value of a literal (or a constant naming one) as fixed-point; percentages as ratios. */
  private literalValue(e: A.Expr): bigint | undefined {
    switch (e.kind) {
      case 'Number': case 'Money': return parseDecimal(e.text);
      case 'Percent': return parseDecimal(shiftDecimal(e.text, -2));
      case 'Unary': {
        if (e.op !== '-' || !e.operand) return undefined;
        const v = this.literalValue(e.operand);
        return v === undefined ? undefined : -v;
      }
      case 'NameRef': {
        const sym = this.p.refs.get(e.name);
        return sym?.kind === 'const' && sym.decl.value ? this.literalValue(sym.decl.value) : undefined;
      }
      default: return undefined;
    }
  }

  // ── scopes ───────────────────────────────────────────────────────────────────────────

  private bindLocal(scope: Scope, name: A.Name, type: Type, role: LocalSymbol['role']): LocalSymbol {
    const local: LocalSymbol = { kind: 'local', name: name.text, role, nameSpan: name.span, type, slot: this.slots++, used: false };
    scope.names.set(name.text, local);
    this.p.refs.set(name, local);
    this.ruleLocals.push(local);
    return local;
  }

  private lookupLocal(scope: Scope | undefined, name: string): LocalSymbol | undefined {
    for (let s = scope; s; s = s.parent) {
      const l = s.names.get(name);
      if (l) return l;
    }
    return undefined;
  }

  private visibleNames(scope: Scope | undefined): string[] {
    const names: string[] = [];
    for (let s = scope; s; s = s.parent) names.push(...[...s.names.values()].filter((l) => l.role !== 'special').map((l) => l.name));
    return [...names, ...this.p.tables.keys(), ...this.p.facts.keys(), ...this.p.consts.keys(), ...this.p.factGroups];
  }

  private unknownName(n: A.Name, candidates: Iterable<string>, code: DiagnosticCode = 'SUAN2001', extraArgs: DiagnosticArgs = {}): void {
    const s = closestNames(n.text, candidates);
    this.accept(code, n.span, { name: n.text, ...extraArgs, ...didYouMean(s) }, { suggestions: s });
  }

  // ── expressions ──────────────────────────────────────────────────────────────────────

  private expectBool(e: A.Expr, scope: Scope | undefined, what: DiagnosticArgs): void {
    const t = this.expr(e, scope);
    if (!isLenient(t) && t.k !== 'bool') this.accept('SUAN3009', e.span, { ...what, expected: '真假判断', expected_en: 'a condition', ...typeArgs('actual', t) });
  }

  /** Types an expression (and everything inside it), recording the type. */
  expr(e: A.Expr, scope: Scope | undefined): Type {
    const t = this.exprInner(e, scope);
    this.p.types.set(e, t);
    return t;
  }

  private exprInner(e: A.Expr, scope: Scope | undefined): Type {
    switch (e.kind) {
      case 'Number': return T.number;
      case 'Percent': return T.percent;
      case 'Money': return T.money(e.unit);
      case 'String': return T.text;
      case 'Bool': return T.bool;
      case 'Blank': return T.blank;
      case 'ErrorExpr': return T.unknown;
      case 'NameRef': return this.nameRef(e, scope);
      case 'Member': return this.member(e, scope);
      case 'Index': return this.index(e, scope);
      case 'Call': return this.call(e, scope);
      case 'Aggregate': return this.aggregate(e, scope);
      case 'Unary': {
        if (!e.operand) return T.unknown;
        const t = this.expr(e.operand, scope);
        if (isLenient(t)) return t;
        if (e.op === 'not') {
          if (t.k !== 'bool') this.accept('SUAN3001', e.span, { op: 'not', ...typeArgs('left', t), ...typeArgs('right', T.bool), hint: '', hint_en: '' });
          return T.bool;
        }
        if (!isNumeric(t)) {
          this.accept('SUAN3001', e.span, { op: '-', ...typeArgs('left', t), ...typeArgs('right', T.number), hint: '', hint_en: '' });
          return T.unknown;
        }
        return t;
      }
      case 'Binary': return this.binary(e, scope);
      case 'Compare': return this.compare(e, scope);
      case 'If': {
        if (e.cond) this.expectBool(e.cond, scope, { what: 'if 条件', what_en: 'The if condition' });
        const a = e.then ? this.expr(e.then, scope) : T.unknown;
        const b = e.else ? this.expr(e.else, scope) : T.unknown;
        if (!isLenient(a) && !isLenient(b) && !compatible(a, b)) {
          this.accept('SUAN3009', (e.else ?? e).span, { what: 'else 分支', what_en: 'The else branch', ...typeArgs('expected', a), ...typeArgs('actual', b) });
        }
        return isLenient(a) ? b : a;
      }
      case 'Convert': {
        const t = this.expr(e.operand, scope);
        if (!isLenient(t) && t.k !== 'money') {
          this.accept('SUAN3001', e.span, { op: 'as', ...typeArgs('left', t), right: e.unit ?? '?', right_en: e.unit ?? '?', hint: '只有金额可以换算单位。', hint_en: 'Only money converts between units.' });
        }
        return T.money(e.unit);
      }
    }
  }

  private nameRef(e: A.NameRef, scope: Scope | undefined): Type {
    const n = e.name;
    const local = this.lookupLocal(scope, n.text);
    if (local) {
      local.used = true;
      this.p.refs.set(n, local);
      return local.type;
    }
    const table = this.p.tables.get(n.text);
    if (table) {
      this.p.refs.set(n, table);
      return { k: 'rows', table: table.name };
    }
    const fact = this.p.facts.get(n.text);
    if (fact) {
      this.p.refs.set(n, fact);
      return fact.type;
    }
    const c = this.p.consts.get(n.text);
    if (c) {
      this.p.refs.set(n, c);
      return c.type;
    }
    if (this.p.factGroups.has(n.text)) {
      this.p.refs.set(n, { kind: 'factgroup', name: n.text });
      return T.unknown;
    }
    const h = this.p.hierarchies.get(n.text);
    if (h) {
      this.p.refs.set(n, h);
      this.accept('SUAN2016', n.span, { name: n.text, what: '层级体系', what_en: 'a hierarchy', hint: `取层级请写 ${n.text}.${h.levels[0]?.name ?? '类'}。`, hint_en: `For a level write ${n.text}.${h.levels[0]?.name ?? '类'}.` });
      return T.unknown;
    }
    if (isBuiltin(n.text)) {
      this.accept('SUAN2016', n.span, { name: n.text, what: '函数', what_en: 'a function', hint: `请写 ${BUILTINS[n.text]!.usage}。`, hint_en: `Write ${BUILTINS[n.text]!.usage}.` });
      return T.unknown;
    }
    // A level name on its own is resolved by the comparison around it (see `compare`).
    this.unknownName(n, this.visibleNames(scope));
    return T.unknown;
  }

  private member(e: A.Member, scope: Scope | undefined): Type {
    if (!e.name) {
      this.expr(e.object, scope);
      return T.unknown;
    }
    // Grouped facts and qualified levels: `三公经费.合计`, `功能分类.项`.
    const path = dottedPath(e);
    if (path) {
      const head = path.split('.')[0]!;
      const shadowed = this.lookupLocal(scope, head) || this.p.tables.has(head);
      if (!shadowed) {
        const fact = this.p.facts.get(path);
        if (fact) {
          this.markPath(e, fact);
          return fact.type;
        }
        if (this.p.factGroups.has(path)) {
          this.markPath(e, { kind: 'factgroup', name: path });
          return T.unknown;
        }
        const objPath = dottedPath(e.object);
        if (e.object.kind === 'NameRef' && this.p.hierarchies.has(e.object.name.text)) {
          const h = this.p.hierarchies.get(e.object.name.text)!;
          this.p.refs.set(e.object.name, h);
          const level = h.levels.find((l) => l.name === e.name!.text);
          if (!level) {
            this.unknownName(e.name, h.levels.map((l) => l.name), 'SUAN2008', { hierarchy: h.name });
            return T.unknown;
          }
          this.p.refs.set(e.name, level);
          this.p.levelRefs.set(e, level);
          return { k: 'level', hierarchy: h.name };
        }
        if (objPath && this.p.factGroups.has(objPath)) {
          this.markPath(e.object, { kind: 'factgroup', name: objPath });
          const candidates = [...this.p.facts.keys()].filter((f) => f.startsWith(`${objPath}.`)).map((f) => f.slice(objPath.length + 1));
          this.unknownName(e.name, candidates);
          return T.unknown;
        }
      }
    }
    const objType = this.expr(e.object, scope);
    if (isLenient(objType)) return T.unknown;
    if (objType.k === 'row' || objType.k === 'rows') {
      const table = this.p.tables.get(objType.table);
      const col = table?.columns.get(e.name.text);
      if (!table) return T.unknown;
      if (!col) {
        const s = closestNames(e.name.text, table.columns.keys());
        this.accept('SUAN2004', e.name.span, { table: table.name, name: e.name.text, ...didYouMean(s) }, { suggestions: s });
        return T.unknown;
      }
      this.p.refs.set(e.name, col);
      return objType.k === 'row' ? col.type : { k: 'list', of: col.type };
    }
    this.accept('SUAN3006', e.span, typeArgs('type', objType));
    return T.unknown;
  }

  /** Marks every name of a dotted path (`a.b.c`) as referring to `sym` (the last) or its groups. */
  private markPath(e: A.Expr, sym: SymbolRef): void {
    if (e.kind === 'Member' && e.name) {
      this.p.refs.set(e.name, sym);
      const inner = dottedPath(e.object);
      if (inner) this.markPath(e.object, { kind: 'factgroup', name: inner });
      this.p.types.set(e.object, T.unknown);
    } else if (e.kind === 'NameRef') this.p.refs.set(e.name, sym);
  }

  private index(e: A.Index, scope: Scope | undefined): Type {
    const objType = this.expr(e.object, scope);
    const keyType = e.index ? this.expr(e.index, scope) : T.unknown;
    if (isLenient(objType)) return T.unknown;
    if (objType.k !== 'rows') {
      this.accept('SUAN3005', e.object.span, typeArgs('type', objType));
      return T.unknown;
    }
    const table = this.p.tables.get(objType.table);
    if (table && !table.key) this.accept('SUAN2011', e.span, { table: table.name });
    if (!isLenient(keyType) && !['text', 'code', 'number', 'count'].includes(keyType.k)) {
      this.accept('SUAN3009', e.index!.span, { what: '键', what_en: 'The key', expected: '文本或编码', expected_en: 'text or a code', ...typeArgs('actual', keyType) });
    }
    return { k: 'row', table: objType.table };
  }

  private rowsTable(t: Type, at: A.Expr | undefined): string | undefined {
    if (t.k === 'rows') return t.table;
    if (!isLenient(t) && at) this.accept('SUAN3005', at.span, typeArgs('type', t));
    return undefined;
  }

  private call(e: A.Call, scope: Scope | undefined): Type {
    const name = e.callee.text;
    const doc = isBuiltin(name) ? BUILTINS[name] : undefined;
    if (!doc) {
      this.unknownName(e.callee, Object.keys(BUILTINS), 'SUAN2007');
      for (const a of e.args) this.expr(a, scope);
      return T.unknown;
    }
    this.p.refs.set(e.callee, { kind: 'function', name, doc });
    const args = e.args.map((a) => this.expr(a, scope));
    if (args.length < doc.minArgs || args.length > doc.maxArgs) {
      const expected = doc.minArgs === doc.maxArgs ? `${doc.minArgs}` : `${doc.minArgs}–${doc.maxArgs}`;
      this.accept('SUAN3004', e.span, { name, expected, actual: args.length, usage: doc.usage });
      return this.callResult(name, args, e);
    }
    let reported = false;
    const bad = (i: number, expected: string, expectedEn: string) => {
      reported = true;
      this.accept('SUAN3007', e.args[i]!.span, { index: i + 1, expected, expected_en: expectedEn, ...typeArgs('actual', args[i]!), usage: doc.usage });
    };
    const a0 = args[0]!;
    switch (name) {
      case 'sum': case 'min': case 'max': {
        if (args.length === 1) {
          if (!isLenient(a0) && !(a0.k === 'list' && isNumeric(a0.of)) && !isNumeric(a0)) bad(0, '数值列表（如 children(r).金额）', 'a list of numbers (e.g. children(r).金额)');
        } else args.forEach((t, i) => { if (!isLenient(t) && !isNumeric(t)) bad(i, '数值', 'a number'); });
        break;
      }
      case 'count':
        if (!isLenient(a0) && a0.k !== 'rows' && a0.k !== 'list') bad(0, '行集或列表', 'rows or a list');
        break;
      case 'abs':
        if (!isLenient(a0) && !isNumeric(a0)) bad(0, '数值', 'a number');
        break;
      case 'round': {
        if (!isLenient(a0) && !isNumeric(a0)) bad(0, '数值', 'a number');
        const n = e.args[1]!;
        if (n.kind !== 'Number' || n.text.includes('.')) bad(1, '整数常量（小数位数）', 'an integer constant (decimals)');
        const m = e.args[2];
        if (m && (m.kind !== 'String' || !(ROUNDING_MODES as readonly string[]).includes(m.value))) bad(2, `取舍方式 ${ROUNDING_MODES.join('/')}`, `a rounding mode ${ROUNDING_MODES.join('/')}`);
        break;
      }
      case 'level': case 'children': case 'parent': case 'key':
        if (!isLenient(a0) && a0.k !== 'row') bad(0, '一行', 'a row');
        else if (a0.k === 'row' && name !== 'key') {
          const t = this.p.tables.get(a0.table);
          if (t && !t.hierarchy) this.accept('SUAN2040', e.args[0]!.span, { table: t.name, name });
        }
        break;
      case 'isempty': case 'declaredempty':
        if (!isLenient(a0) && a0.k !== 'rows') bad(0, '表', 'a table');
        break;
      case 'startswith': case 'contains':
        args.forEach((t, i) => { if (!isLenient(t) && t.k !== 'text' && t.k !== 'code') bad(i, '文本或编码', 'text or a code'); });
        break;
      case 'targetkind': case 'targetop': case 'targetvalue': case 'targetunit': case 'targetbaseunit': case 'targetmoney':
        if (!isLenient(a0) && a0.k !== 'text' && a0.k !== 'code' && !isNumeric(a0)) bad(0, '书面目标（文本）', 'a written target (text)');
        break;
      default: break;
    }
    // A call with a bad argument was reported; its result type must not cause a second error.
    return reported ? T.unknown : this.callResult(name, args, e);
  }

  private callResult(name: string, args: Type[], e: A.Call): Type {
    const a0 = args[0] ?? T.unknown;
    switch (name) {
      case 'sum': case 'min': case 'max': return a0.k === 'list' ? a0.of : isNumeric(a0) ? a0 : T.unknown;
      case 'count': return T.count;
      case 'abs': case 'round': return a0;
      case 'isblank': case 'present': case 'startswith': case 'contains': case 'isempty': case 'declaredempty': return T.bool;
      case 'targetkind': case 'targetop': case 'targetunit': case 'targetbaseunit': return T.text;
      case 'targetvalue': return T.number;
      case 'targetmoney': return T.money();
      case 'level': {
        const t = a0.k === 'row' ? this.p.tables.get(a0.table) : undefined;
        return t?.hierarchy ? { k: 'level', hierarchy: t.hierarchy.name } : T.unknown;
      }
      case 'children': return a0.k === 'row' ? { k: 'rows', table: a0.table } : T.unknown;
      case 'parent': return a0.k === 'row' ? a0 : T.unknown;
      case 'key': {
        const t = a0.k === 'row' ? this.p.tables.get(a0.table) : undefined;
        return t?.key?.type ?? T.text;
      }
      default: void e; return T.unknown;
    }
  }

  private aggregate(e: A.Aggregate, scope: Scope | undefined): Type {
    const name = e.fn.text;
    const doc = isBuiltin(name) ? BUILTINS[name] : undefined;
    if (!doc || !doc.aggregate) {
      if (!doc) this.unknownName(e.fn, Object.keys(BUILTINS).filter((k) => BUILTINS[k]!.aggregate), 'SUAN2007');
      else this.accept('SUAN3004', e.span, { name, expected: doc.minArgs, actual: 'for …', usage: doc.usage });
    } else this.p.refs.set(e.fn, { kind: 'function', name, doc });
    const src = e.source ? this.expr(e.source, scope) : T.unknown;
    const table = this.rowsTable(src, e.source);
    const inner: Scope = { names: new Map(), parent: scope };
    if (e.variable) this.bindLocal(inner, e.variable, table ? { k: 'row', table } : T.unknown, 'each');
    if (e.filter) this.expectBool(e.filter, inner, { what: 'where 条件', what_en: 'The where condition' });
    const el = e.element ? this.expr(e.element, inner) : T.unknown;
    if (name === 'count') return T.count;
    if (!isLenient(el) && !isNumeric(el)) {
      this.accept('SUAN3009', e.element!.span, { what: `${name} 的元素`, what_en: `The elements of ${name}`, expected: '数值', expected_en: 'numbers', ...typeArgs('actual', el) });
      return T.unknown;
    }
    return el;
  }

  private binary(e: A.Binary, scope: Scope | undefined): Type {
    const l = this.expr(e.left, scope);
    const r = e.right ? this.expr(e.right, scope) : T.unknown;
    if (e.op === 'and' || e.op === 'or') {
      for (const [t, x] of [[l, e.left], [r, e.right]] as const) {
        if (x && !isLenient(t) && t.k !== 'bool') this.accept('SUAN3001', x.span, { op: e.op, ...typeArgs('left', l), ...typeArgs('right', r), hint: '', hint_en: '' });
      }
      return T.bool;
    }
    if (isLenient(l) || isLenient(r)) return isLenient(l) ? r : l;
    if (e.op === '??') {
      if (!compatible(l, r)) this.accept('SUAN3001', e.span, { op: '??', ...typeArgs('left', l), ...typeArgs('right', r), hint: '', hint_en: '' });
      return l;
    }
    const res = arithmetic(e.op, l, r, e.right);
    if (!res.type) {
      this.accept('SUAN3001', e.span, { op: opText(e.op), ...typeArgs('left', l), ...typeArgs('right', r), hint: res.hint ?? '', hint_en: res.hintEn ?? '' });
      return T.unknown;
    }
    return res.type;
  }

  private compare(e: A.Compare, scope: Scope | undefined): Type {
    const l = this.expr(e.left, scope);
    let r: Type = T.unknown;
    if (e.right) {
      // A bare level name is resolved in the hierarchy of the other side: `level(x) = 项`.
      if (l.k === 'level' && e.right.kind === 'NameRef' && !this.lookupLocal(scope, e.right.name.text)) {
        r = this.resolveLevel(e.right, l.hierarchy);
        this.p.types.set(e.right, r);
      } else if (isLenient(l) && e.right.kind === 'NameRef' && this.isLevelName(e.right.name.text) && !this.lookupLocal(scope, e.right.name.text)) {
        // `level(<something wrong>) = 类`: the left side was reported; 类 is a level, not a second error.
        r = T.unknown;
      } else r = this.expr(e.right, scope);
    }
    if (e.within) {
      // `x within t` with no comparison, or `a < b within t`: within belongs to = and ≈.
      if ((e.op !== '=' && e.op !== '≈') || !e.right) this.accept('SUAN3008', e.within.span);
      this.checkTolerance(e.within, scope);
      if (!e.right) return T.bool;
    }
    if (isLenient(l) || isLenient(r)) return T.bool;
    const ordered = e.op === '<' || e.op === '<=' || e.op === '>' || e.op === '>=';
    const ok = comparable(l, r, e.right) && (!ordered || isNumeric(l) || l.k === 'date' || l.k === 'code' || l.k === 'text' || l.k === 'level');
    if (!ok) {
      const moneyVsNumber = (l.k === 'money' && r.k === 'number') || (r.k === 'money' && l.k === 'number');
      const bools = ordered && l.k === 'bool' && r.k === 'bool';
      this.accept('SUAN3002', e.span, {
        ...typeArgs('left', l), ...typeArgs('right', r),
        hint: moneyVsNumber ? '金额要写明单位，例如 100 万元。' : bools ? '真假值没有大小之分，只能用 = 或 ≠ 比较。' : '',
        hint_en: moneyVsNumber ? 'Write money with its unit, e.g. 100 万元.' : bools ? 'Conditions have no order; compare them with = or ≠ only.' : '',
      });
    } else if (e.op === '≈' && this.isConstant(e.left) && e.right && this.isConstant(e.right)) {
      this.accept('SUAN3010', e.span);
    }
    return T.bool;
  }

  private isLevelName(name: string): boolean {
    for (const h of this.p.hierarchies.values()) if (h.levels.some((l) => l.name === name)) return true;
    return false;
  }

  private resolveLevel(e: A.NameRef, hierarchyName: string): Type {
    const h = this.p.hierarchies.get(hierarchyName);
    const level = h?.levels.find((x) => x.name === e.name.text);
    if (!h || !level) {
      if (h) this.unknownName(e.name, h.levels.map((x) => x.name), 'SUAN2008', { hierarchy: h.name });
      return T.unknown;
    }
    this.p.refs.set(e.name, level);
    this.p.levelRefs.set(e, level);
    return { k: 'level', hierarchy: h.name };
  }

  /** Whether an expression depends on nothing but literals and constants. */
  private isConstant(e: A.Expr): boolean {
    switch (e.kind) {
      case 'Number': case 'Percent': case 'Money': case 'String': case 'Bool': case 'Blank': return true;
      case 'NameRef': return this.p.refs.get(e.name)?.kind === 'const';
      case 'Unary': return !!e.operand && this.isConstant(e.operand);
      case 'Binary': return !!e.right && this.isConstant(e.left) && this.isConstant(e.right);
      case 'Convert': return this.isConstant(e.operand);
      case 'Call': return ['abs', 'round', 'min', 'max'].includes(e.callee.text) && e.args.every((a) => this.isConstant(a));
      default: return false;
    }
  }
}

// ── type rules ───────────────────────────────────────────────────────────────────────────

function isNegativeConstant(e: A.Expr): boolean {
  if (e.kind === 'Unary' && e.op === '-' && e.operand) return !isNegativeConstant(e.operand) && !isZeroLiteral(e.operand);
  return false;
}

function isZeroLiteral(e: A.Expr): boolean {
  return (e.kind === 'Number' || e.kind === 'Money' || e.kind === 'Percent') && /^0*(\.0*)?$/.test(e.text);
}

/** Whether two types can stand on either side of `=`/`≈`, or in the two branches of `if`. */
function compatible(a: Type, b: Type): boolean {
  if (isLenient(a) || isLenient(b)) return true;
  if (a.k === b.k) return a.k !== 'level' || (b as { hierarchy: string }).hierarchy === a.hierarchy;
  const ratio = (t: Type) => t.k === 'percent' || t.k === 'number';
  const exact = (t: Type) => t.k === 'count' || t.k === 'number';
  const texty = (t: Type) => t.k === 'text' || t.k === 'code';
  return (ratio(a) && ratio(b)) || (exact(a) && exact(b)) || (texty(a) && texty(b));
}

function comparable(a: Type, b: Type, rightExpr: A.Expr | undefined): boolean {
  if (compatible(a, b)) return true;
  // Money against a plain zero (`x >= 0`) is fine; any other plain number needs its unit.
  const zero = rightExpr?.kind === 'Number' && Number(rightExpr.text) === 0;
  return (a.k === 'money' && b.k === 'number' && zero);
}

function opText(op: A.BinaryOp): string {
  return op === '*' ? '×' : op === '/' ? '÷' : op;
}

/** The result type of `l op r` for + − × ÷, or why there is none. */
function arithmetic(op: A.BinaryOp, l: Type, r: Type, rightExpr: A.Expr | undefined): { type?: Type; hint?: string; hintEn?: string } {
  if (!isNumeric(l) || !isNumeric(r)) return {};
  const unitOf = (a: Type, b: Type): string | undefined => {
    const ua = a.k === 'money' ? a.unit : undefined;
    const ub = b.k === 'money' ? b.unit : undefined;
    if (!ua || !ub) return undefined;
    return MONEY_UNITS[ua]! <= MONEY_UNITS[ub]! ? ua : ub;
  };
  if (op === '+' || op === '-') {
    if (l.k === 'money' && r.k === 'money') return { type: T.money(unitOf(l, r)) };
    if (l.k === 'money' || r.k === 'money') {
      const other = l.k === 'money' ? r : l;
      const zero = rightExpr?.kind === 'Number' && Number(rightExpr.text) === 0;
      if (other.k === 'number' && zero) return { type: l.k === 'money' ? l : r };
      return { hint: '金额只能与金额相加减；常数请写明单位，例如 100 万元。', hintEn: 'Money adds only to money; write constants with a unit, e.g. 100 万元.' };
    }
    if (l.k === r.k) return { type: l };
    if ((l.k === 'percent' || r.k === 'percent') && (l.k === 'number' || r.k === 'number')) return { type: T.percent };
    if ((l.k === 'count' || r.k === 'count') && (l.k === 'number' || r.k === 'number')) return { type: T.count };
    return {};
  }
  if (op === '*') {
    if (l.k === 'money' && r.k === 'money') return { hint: '两个金额不能相乘。', hintEn: 'Two amounts cannot be multiplied.' };
    if (l.k === 'money') return { type: l };
    if (r.k === 'money') return { type: r };
    if (l.k === 'count' && r.k === 'count') return { type: T.count };
    return { type: l.k === 'percent' && r.k === 'percent' ? T.percent : l.k === 'number' ? r : l };
  }
  // Division: money ÷ money is a ratio; money ÷ anything else stays money.
  if (l.k === 'money' && r.k === 'money') return { type: T.number };
  if (l.k === 'money') return { type: l };
  if (r.k === 'money') return { hint: '不能用数值除以金额。', hintEn: 'A number cannot be divided by money.' };
  return { type: T.number };
}

/** `a.b.c` as a string when the expression is a chain of names, else undefined. */
export function dottedPath(e: A.Expr): string | undefined {
  if (e.kind === 'NameRef') return e.name.text;
  if (e.kind === 'Member' && e.name) {
    const inner = dottedPath(e.object);
    return inner ? `${inner}.${e.name.text}` : undefined;
  }
  return undefined;
}

/** The comparison an assert is about (the top-level one, looking through `and`/`not`). */
export function topComparison(e: A.Expr): A.Compare | undefined {
  if (e.kind === 'Compare') return e;
  if (e.kind === 'Binary' && (e.op === 'and' || e.op === 'or')) return topComparison(e.left) ?? (e.right ? topComparison(e.right) : undefined);
  return undefined;
}

/** Moves the decimal point of a decimal string: shiftDecimal("0.01", -2) = "0.0001". */
export function shiftDecimal(text: string, places: number): string {
  const neg = text.startsWith('-');
  const [i = '0', f = ''] = (neg ? text.slice(1) : text).split('.');
  let digits = i + f;
  let point = i.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  let out = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, '');
  out = out.replace(/0+$/, '').replace(/\.$/, '');
  if (out === '') out = '0';
  return neg ? `-${out}` : out;
}
