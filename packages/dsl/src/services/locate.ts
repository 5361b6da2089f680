/**
 * Where things are: the name (and the symbol it resolves to) at an offset, every occurrence of
 * a symbol, the innermost expression at an offset. Built from the checked `Program` (its `refs`
 * and `types` maps), so it works on broken text too: the parser recovers, the checker fills
 * what it could resolve. Editor-agnostic (offsets and spans only); the language server and the
 * CLI (`suan explain`, renames) share it.
 */
import type * as A from '../syntax/ast';
import { forEachChild } from '../syntax/ast';
import type { Program, SymbolRef } from '../semantics/program';

/** One name in the text and the symbol it resolves to. */
export interface Occurrence {
  name: A.Name;
  symbol: SymbolRef;
  /** The name is the symbol's own declaration (not a use of it). */
  isDeclaration: boolean;
}

/** The file and offset of a symbol's declaration, when it has one (built-ins and fact groups do not). */
export function declarationSpan(s: SymbolRef): A.Span | undefined {
  switch (s.kind) {
    case 'function': case 'factgroup': return undefined;
    case 'local': return s.nameSpan;
    default: return s.nameSpan;
  }
}

/**
 * A stable identity for a symbol, equal across two checks of the same text (and across two
 * programs that share a file, e.g. a city ruleset and the province ruleset it extends).
 */
export function symbolKey(s: SymbolRef): string {
  const at = (span: A.Span | undefined) => (span ? `@${span.file}:${span.start}` : '');
  switch (s.kind) {
    case 'hierarchy': return `hierarchy:${s.name}${at(s.nameSpan)}`;
    case 'level': return `level:${s.hierarchy.name}.${s.name}${at(s.nameSpan)}`;
    case 'table': return `table:${s.name}${at(s.nameSpan)}`;
    case 'column': return `column:${s.table.name}.${s.name}${at(s.nameSpan)}`;
    case 'fact': return `fact:${s.name}${at(s.nameSpan)}`;
    case 'factgroup': return `factgroup:${s.name}`;
    case 'const': return `const:${s.name}${at(s.nameSpan)}`;
    case 'local': return `local:${s.name}${at(s.nameSpan)}:${s.role}`;
    case 'function': return `function:${s.name}`;
    case 'rule': return `rule:${s.id}${at(s.nameSpan)}`;
  }
}

/** The name a symbol is known by (a rule's id, a fact's full dotted name). */
export function symbolName(s: SymbolRef): string {
  return s.kind === 'rule' ? s.id : s.name;
}

/** Lookup structures over one checked program. Build once per check; queries are cheap. */
export interface SymbolIndex {
  program: Program;
  /** The occurrence whose name covers `offset` in `file` (a cursor right after a name counts). */
  at(file: string, offset: number): Occurrence | undefined;
  /** Every occurrence of the symbol, declaration included, in source order per file. */
  occurrences(symbol: SymbolRef): Occurrence[];
  /** Every occurrence in a file, in source order. */
  inFile(file: string): readonly Occurrence[];
  /** The innermost checked expression covering `offset` in `file`. */
  exprAt(file: string, offset: number): A.Expr | undefined;
  /** Checked expressions that end exactly at `offset` (outermost first). */
  exprsEndingAt(file: string, offset: number): A.Expr[];
}

export function buildSymbolIndex(program: Program): SymbolIndex {
  // Everything is computed on first use: an editor request usually needs one query, and a
  // linear scan of the program's maps is cheaper than building an index it will not reuse.
  const occurrenceOf = (name: A.Name, symbol: SymbolRef): Occurrence => {
    const decl = declarationSpan(symbol);
    return { name, symbol, isDeclaration: !!decl && decl.file === name.span.file && decl.start === name.span.start && decl.end === name.span.end };
  };
  let byFile: Map<string, Occurrence[]> | undefined;
  let byKey: Map<string, Occurrence[]> | undefined;
  const files = (): Map<string, Occurrence[]> => {
    if (!byFile) {
      byFile = new Map();
      for (const [name, symbol] of program.refs) push(byFile, name.span.file, occurrenceOf(name, symbol));
      for (const list of byFile.values()) list.sort((a, b) => a.name.span.start - b.name.span.start || a.name.span.end - b.name.span.end);
    }
    return byFile;
  };
  const keys = (): Map<string, Occurrence[]> => {
    if (!byKey) {
      byKey = new Map();
      for (const [name, symbol] of program.refs) push(byKey, symbolKey(symbol), occurrenceOf(name, symbol));
      for (const list of byKey.values()) list.sort((a, b) => cmpFile(a.name.span.file, b.name.span.file) || a.name.span.start - b.name.span.start);
    }
    return byKey;
  };
  return {
    program,
    at(file, offset) {
      // The innermost (shortest) name covering the offset; a cursor right after a name counts.
      let best: Occurrence | undefined;
      const consider = (name: A.Name, symbol: SymbolRef) => {
        const s = name.span;
        if (s.file !== file || s.start > offset || offset > s.end) return;
        if (!best || s.end - s.start < best.name.span.end - best.name.span.start) best = occurrenceOf(name, symbol);
      };
      if (byFile) for (const o of byFile.get(file) ?? []) consider(o.name, o.symbol);
      else for (const [name, symbol] of program.refs) consider(name, symbol);
      return best;
    },
    occurrences(symbol) {
      return keys().get(symbolKey(symbol)) ?? [];
    },
    inFile(file) {
      return files().get(file) ?? [];
    },
    exprAt(file, offset) {
      let best: A.Expr | undefined;
      for (const e of program.types.keys()) {
        if (e.span.file !== file || e.span.start > offset || offset > e.span.end) continue;
        if (!best || e.span.end - e.span.start < best.span.end - best.span.start) best = e;
      }
      return best;
    },
    exprsEndingAt(file, offset) {
      const out: A.Expr[] = [];
      for (const e of program.types.keys()) if (e.span.end === offset && e.span.file === file) out.push(e);
      return out.sort((a, b) => a.span.start - b.span.start);
    },
  };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function cmpFile(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ── syntax-tree walking ────────────────────────────────────────────────────────────────────

/** A node of the syntax tree: an item, a clause or an expression. */
export type NodeAtOffset =
  | { kind: 'item'; node: A.Item }
  | { kind: 'header'; node: A.RulesetHeader }
  | { kind: 'step'; node: A.ForStep | A.LetStep; rule: A.Rule }
  | { kind: 'expr'; node: A.Expr };

/** The item (declaration, rule, import …) of a file that covers `offset`. */
export function itemAt(file: A.SourceFile, offset: number): A.Item | A.RulesetHeader | undefined {
  if (file.header && contains(file.header.span, offset)) return file.header;
  for (const item of file.items) if (contains(item.span, offset)) return item;
  return undefined;
}

/** The chain of nodes from the item down to the innermost expression covering `offset`. */
export function nodePathAt(file: A.SourceFile, offset: number): NodeAtOffset[] {
  const out: NodeAtOffset[] = [];
  const top = itemAt(file, offset);
  if (!top) return out;
  if (top.kind === 'RulesetHeader') {
    out.push({ kind: 'header', node: top });
    return out;
  }
  out.push({ kind: 'item', node: top });
  const descend = (e: A.Expr | undefined): void => {
    if (!e || !contains(e.span, offset)) return;
    out.push({ kind: 'expr', node: e });
    let next: A.Expr | undefined;
    forEachChild(e, (c) => {
      if (!next && contains(c.span, offset)) next = c;
    });
    descend(next);
  };
  if (top.kind === 'Rule') {
    for (const s of top.steps) {
      if (!contains(s.span, offset)) continue;
      out.push({ kind: 'step', node: s, rule: top });
      if (s.kind === 'For') {
        descend(s.source);
        descend(s.filter);
      } else descend(s.value);
      return out;
    }
    for (const e of [top.when, top.assert, top.tolerance, top.rollup?.within]) descend(e);
  } else if (top.kind === 'ConstLet') descend(top.value);
  else if (top.kind === 'Extends') for (const o of top.overrides) descend(o.tolerance);
  return out;
}

/** Whether a span covers an offset (a cursor right after the last character counts). */
export function contains(span: A.Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Every expression of a rule (steps, when, assert, tolerance, roll-up), children included, in source order. */
export function ruleExpressions(rule: A.Rule): A.Expr[] {
  const out: A.Expr[] = [];
  const visit = (e: A.Expr | undefined): void => {
    if (!e) return;
    out.push(e);
    forEachChild(e, visit);
  };
  for (const s of rule.steps) {
    if (s.kind === 'For') {
      visit(s.source);
      visit(s.filter);
    } else visit(s.value);
  }
  visit(rule.when);
  visit(rule.assert);
  visit(rule.tolerance);
  visit(rule.rollup?.within);
  return out.sort((a, b) => a.span.start - b.span.start);
}
