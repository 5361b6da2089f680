/**
 * Completion: keywords for the place (top level, header, table, rule clause), tables, columns
 * after `r.`, facts and fact groups, constants, rule-local names, functions, hierarchy levels,
 * row keys and codes from the bound data inside `表["…"]`, rule ids in `override`, a fresh id
 * after `rule`, and snippets for skeletons.
 *
 * The place is read from the tokens before the cursor (a block stack and the clause the cursor
 * is in), names and types from the checked program: half-typed text still completes. Chinese
 * names match by prefix and by plain substring (收入 finds 本年收入合计; no pinyin needed): the
 * server filters, marks substring hits so any client keeps them (`filterText`), and asks the
 * client to come back as the word grows (`isIncomplete`).
 */
import * as path from 'node:path';
import { BUILTINS, typeName, typeText, type AST, type Lang, type LocalSymbol, type SymbolRef, type Type } from '@suan/dsl';
import {
  CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Position, type Range,
} from 'vscode-languageserver';
import type { LineIndex } from '../convert';
import { t } from '../i18n';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';
import { dataViews, own, rowKeys } from './data-values';
import { writeName } from './rename';

export interface CompletionOptions {
  /** The client understands snippet syntax (`${1:x}`). */
  snippets: boolean;
}

interface Tok {
  type: string;
  image: string;
  start: number;
  end: number;
}

type BlockKind = 'ruleset' | 'table' | 'rule' | 'hierarchy' | 'facts' | 'extends' | 'scorecard' | 'other';

interface Place {
  /** Innermost block (undefined at top level). */
  block?: { kind: BlockKind; open: number; opener?: Tok };
  /** The token before the word being typed, and the one before that. */
  prev?: Tok;
  prev2?: Tok;
  /** The last clause keyword of the current statement (rule clauses, table clauses, top-level keywords). */
  clause?: Tok;
  /** Tokens since that clause keyword. */
  sinceClause: Tok[];
  /** Open brackets (`(`, `[`) inside the current statement. */
  parens: Tok[];
  /** The word starts its line. */
  lineStart: boolean;
}

const RULE_CLAUSES = ['for', 'let', 'when', 'assert', 'message', 'severity', 'tolerance', 'doc', 'title', 'rollup'];
const HEADER_FIELDS = ['title', 'version', 'issuer', 'kind', 'years', 'licence', 'description'];
const TABLE_CLAUSES = ['key', 'title', 'unit', 'doc'];
const TOP_LEVEL = ['ruleset', 'import', 'extends', 'hierarchy', 'table', 'fact', 'facts', 'rule', 'let', 'precision', 'scorecard'];
/** Clause words of a scorecard (soft keywords: names elsewhere). */
const SCORECARD_CLAUSES = ['table', 'where', 'indicator', 'levels', 'weight', 'target', 'actual', 'reported', 'total', 'tolerance', 'round', 'grade', 'score', 'extra', 'doc', 'title', 'severity'];
const SCORE_METHODS = ['auto', 'full', 'proportional', 'threshold', 'execution', 'deduct', 'bands', 'qualitative', 'parts'];
const TYPES = ['money', 'percent', 'count', 'number', 'text', 'code', 'date', 'bool'];
const UNITS = ['元', '万元', '千元', '亿元'];
const DOC_KINDS = ['部门决算', '部门预算', '单位决算', '单位预算', '绩效自评', '绩效目标'];
const OPERATOR_TYPES = new Set(['Plus', 'Minus', 'Times', 'Divide', 'Coalesce', 'Approx', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Equal', 'Less', 'Greater', 'Comma', 'LParen', 'LBracket']);
const COMPARISONS = new Set(['Approx', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Equal', 'Less', 'Greater']);
const EXPRESSION_KEYWORDS = new Set(['assert', 'when', 'where', 'tolerance', 'within', 'and', 'or', 'not', 'if', 'then', 'else', 'in']);
const OPERAND_END = new Set(['NumberLiteral', 'PercentLiteral', 'StringLiteral', 'Identifier', 'QuotedIdentifier', 'RParen', 'RBracket', 'MoneyUnit', 'Kw_true', 'Kw_false', 'Kw_blank']);

export function completion(services: SuanServices, uri: string, position: Position, options: CompletionOptions = { snippets: true }): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return empty;
  const lines = ws.lines(doc.path);
  const a = ws.analysisFor(doc.path);
  if (!lines || !a) return empty;
  const parsed = a.program.sources.files.find((f) => f.path === doc.path)?.parsed ?? ws.parsed(doc.path);
  if (!parsed) return empty;
  const text = doc.text;
  const offset = lines.offsetAt(position);
  // No completion inside comments.
  for (const c of parsed.ast.comments) if (c.span.start < offset && offset <= c.span.end) return empty;

  const lineStartOffset = offset - position.character;
  const before = text.slice(lineStartOffset, offset);
  const tokens: Tok[] = parsed.tokens
    .filter((x) => !Number.isNaN(x.startOffset))
    .map((x) => ({ type: x.tokenType.name, image: x.image, start: x.startOffset, end: (x.endOffset ?? x.startOffset) + 1 }));

  const ctx = new Builder(services, a, doc.path, lines, options, services.lang());

  // Inside a string: row keys, message templates, import paths.
  const str = stringAt(tokens, offset, before, lineStartOffset);
  if (str) return ctx.inString(str, tokens, offset);

  const wordStart = findWordStart(text, offset, lineStartOffset);
  ctx.setWord(wordStart, offset);
  const place = readPlace(tokens, wordStart, text);
  return ctx.at(place, tokens);
}

/** Where the word under the cursor starts: name characters, or an open backtick on this line. */
function findWordStart(text: string, offset: number, lineStart: number): number {
  const line = text.slice(lineStart, offset);
  const ticks = line.split('`').length - 1;
  if (ticks % 2 === 1) return lineStart + line.lastIndexOf('`');
  let i = offset;
  while (i > lineStart && /[\p{L}\p{N}_（）“”]/u.test(text[i - 1]!)) i--;
  return i;
}

/** The string the cursor is in (a token, or an unterminated string on this line). */
function stringAt(tokens: Tok[], offset: number, before: string, lineStart: number): { start: number; content: string; index: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const tk = tokens[i]!;
    if (tk.start > offset) break;
    if (tk.type === 'StringLiteral' && tk.start < offset && offset < tk.end) return { start: tk.start, content: tk.image.slice(1, offset - tk.start), index: i };
  }
  // An unterminated string: an odd number of quotes before the cursor on this line (outside comments).
  let quotes = 0;
  let last = -1;
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (c === '#' && quotes % 2 === 0) return undefined;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      quotes++;
      last = i;
    }
  }
  if (quotes % 2 === 1) {
    const start = lineStart + last;
    const index = tokens.findIndex((tk) => tk.start >= start);
    return { start, content: before.slice(last + 1), index: index < 0 ? tokens.length : index };
  }
  return undefined;
}

/** Whether only blanks stand before `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  return /^[\s\u3000]*$/.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset));
}

/** Reads the block, clause and neighbouring tokens of the word starting at `wordStart`. */
function readPlace(tokens: Tok[], wordStart: number, text: string): Place {
  const blocks: { kind: BlockKind; open: number; opener?: Tok }[] = [];
  let stmtKw: Tok | undefined;
  let clause: Tok | undefined;
  let sinceClause: Tok[] = [];
  let parens: Tok[] = [];
  let prev: Tok | undefined;
  let prev2: Tok | undefined;
  for (const tk of tokens) {
    if (tk.start >= wordStart) break;
    prev2 = prev;
    prev = tk;
    const top = blocks[blocks.length - 1];
    if (tk.type === 'LBrace') {
      const kind: BlockKind = !top && stmtKw ? (({ ruleset: 'ruleset', table: 'table', rule: 'rule', hierarchy: 'hierarchy', facts: 'facts', extends: 'extends', scorecard: 'scorecard' } as Record<string, BlockKind>)[stmtKw.image] ?? 'other') : 'other';
      blocks.push({ kind, open: tk.start, opener: stmtKw });
      clause = undefined;
      sinceClause = [];
      parens = [];
      continue;
    }
    if (tk.type === 'RBrace') {
      blocks.pop();
      stmtKw = undefined;
      clause = undefined;
      sinceClause = [];
      parens = [];
      continue;
    }
    if (tk.type === 'LParen' || tk.type === 'LBracket') parens.push(tk);
    else if ((tk.type === 'RParen' || tk.type === 'RBracket') && parens.length) parens.pop();
    const afterDot = sinceClause[sinceClause.length - 1]?.type === 'Dot';
    // Soft keywords: `scorecard` at the top level, its clause words inside a scorecard.
    const soft = tk.type === 'Identifier' && !afterDot && parens.length === 0 && (
      (!top && tk.image === 'scorecard' && startsLine(text, tk.start)) ||
      (top?.kind === 'scorecard' && SCORECARD_CLAUSES.includes(tk.image) && startsLine(text, tk.start))
    );
    const word = tk.type.startsWith('Kw_') ? tk.type.slice(3) : soft ? tk.image : undefined;
    const isClause = word !== undefined && !afterDot && parens.length === 0 && (
      (!top && TOP_LEVEL.includes(word) && !(word === 'table' && clause?.image === 'precision') && !(word === 'facts' && clause?.image === 'precision')) ||
      (top?.kind === 'rule' && RULE_CLAUSES.includes(word)) ||
      (top?.kind === 'ruleset' && HEADER_FIELDS.includes(word)) ||
      (top?.kind === 'table' && TABLE_CLAUSES.includes(word)) ||
      (top?.kind === 'extends' && (word === 'override' || word === 'disable')) ||
      (top?.kind === 'scorecard' && soft)
    );
    if (isClause) {
      clause = tk;
      sinceClause = [];
      parens = [];
      if (!top) stmtKw = tk;
      continue;
    }
    sinceClause.push(tk);
  }
  const lineStart = /^[\s\u3000]*$/.test(text.slice(text.lastIndexOf('\n', wordStart - 1) + 1, wordStart));
  return { block: blocks[blocks.length - 1], prev, prev2, clause, sinceClause, parens, lineStart };
}

// ── items ─────────────────────────────────────────────────────────────────────────────────

const ORDER = { local: 0, special: 1, column: 2, level: 2, fact: 3, table: 4, const: 5, factgroup: 6, function: 7, keyword: 8, snippet: 9, value: 1, rule: 3 } as const;

class Builder {
  private wordStart = 0;
  private offset = 0;
  private word = '';
  private items = new Map<string, CompletionItem>();
  private substringHits = false;

  constructor(
    private readonly services: SuanServices,
    private readonly a: Analysis,
    private readonly file: string,
    private readonly lines: LineIndex,
    private readonly options: CompletionOptions,
    private readonly lang: Lang,
  ) {}

  setWord(start: number, end: number): void {
    this.wordStart = start;
    this.offset = end;
    this.word = textOf(this.services, this.file).slice(start, end).replace(/^`/, '');
  }

  private range(): Range {
    return this.lines.rangeOf(this.wordStart, this.offset);
  }

  list(): CompletionList {
    return { isIncomplete: this.substringHits || this.word.length === 0, items: [...this.items.values()] };
  }

  /** Adds an item if it matches the typed word (prefix first, then substring). */
  add(label: string, kind: CompletionItemKind, group: keyof typeof ORDER, extra: Partial<CompletionItem> = {}, insert?: string, snippet?: string): void {
    const w = this.word;
    const lower = label.toLowerCase();
    const wl = w.toLowerCase();
    let rank: number;
    if (!w || lower.startsWith(wl)) rank = 0;
    else if (lower.includes(wl)) rank = 1;
    else return;
    const key = `${label}\u0000${group}`;
    if (this.items.has(key)) return;
    if (rank === 1) this.substringHits = true;
    const item: CompletionItem = {
      label,
      kind,
      sortText: `${rank}${ORDER[group]}${label}`,
      filterText: rank === 1 ? `${w}${label}` : label,
      ...extra,
    };
    if (snippet && this.options.snippets) {
      item.textEdit = { range: this.range(), newText: snippet };
      item.insertTextFormat = InsertTextFormat.Snippet;
    } else {
      item.textEdit = { range: this.range(), newText: snippet ? plain(snippet) : insert ?? label };
    }
    this.items.set(key, item);
  }

  private name(label: string, kind: CompletionItemKind, group: keyof typeof ORDER, extra: Partial<CompletionItem> = {}): void {
    this.add(label, kind, group, extra, writeName(label) ?? label);
  }

  keywords(words: readonly string[], detail?: string): void {
    for (const k of words) this.add(k, CompletionItemKind.Keyword, 'keyword', detail ? { detail } : {});
  }

  // ── places ────────────────────────────────────────────────────────────────────────────

  at(place: Place, tokens: Tok[]): CompletionList {
    const { block, prev } = place;
    const clause = place.clause?.image;
    const since = place.sinceClause;
    // After `.`: members of what stands before it.
    if (prev?.type === 'Dot' && prev.end === this.wordStart) {
      this.members(prev, tokens, block);
      return this.list();
    }
    if (!block) return this.topLevel(place);
    switch (block.kind) {
      case 'ruleset':
        if (clause === 'kind' && (since.length === 0 || since[since.length - 1]?.type === 'Comma') && !place.lineStart) {
          for (const k of DOC_KINDS) this.add(k, CompletionItemKind.EnumMember, 'value');
        } else if (place.lineStart || prev?.type === 'LBrace') this.keywords(HEADER_FIELDS);
        else if (clause === 'years' && since.length === 1) this.keywords(['to']);
        return this.list();
      case 'table':
      case 'facts':
        this.declarationTypes(place);
        if ((place.lineStart || prev?.type === 'LBrace') && block.kind === 'table') this.keywords(TABLE_CLAUSES);
        return this.list();
      case 'hierarchy':
        if (place.lineStart || prev?.type === 'LBrace') this.keywords(['doc']);
        return this.list();
      case 'extends':
        if (place.lineStart || prev?.type === 'LBrace') this.keywords(['override', 'disable']);
        else if ((clause === 'override' || clause === 'disable') && since.length === 0) {
          for (const r of [...this.a.program.rules, ...(this.a.program.scorecards ?? [])]) {
            if (r.layer === 0) continue;
            this.add(r.id, CompletionItemKind.Event, 'rule', { detail: titleOf(r.decl.title, this.lang), documentation: path.basename(r.file) });
          }
        } else if (clause === 'override') {
          if (prev?.type === 'Kw_severity') this.keywords(['error', 'warning', 'info']);
          else if (since.length === 1 || OPERAND_END.has(prev?.type ?? '')) this.keywords(['severity', 'tolerance']);
        }
        return this.list();
      case 'rule':
        return this.ruleBody(place, tokens, block.open);
      case 'scorecard':
        return this.scorecardBody(place, block.open);
      default:
        return this.list();
    }
  }

  private topLevel(place: Place): CompletionList {
    const clause = place.clause?.image;
    const since = place.sinceClause;
    if (place.lineStart && (!clause || completeStatement(clause, since))) {
      this.keywords(TOP_LEVEL.filter((k) => k !== 'ruleset' || !this.hasHeader()));
      this.snippets();
      return this.list();
    }
    if (clause === 'rule' && since.length === 0) {
      const id = this.nextRuleId();
      this.add(id, CompletionItemKind.Event, 'rule', { detail: t(this.lang, 'newRuleId') });
      return this.list();
    }
    if (clause === 'precision' && since.length === 0) {
      this.keywords(['facts', 'table']);
      return this.list();
    }
    if (clause === 'fact') {
      this.declarationTypes(place);
      return this.list();
    }
    if (clause === 'let' && since.some((x) => x.type === 'Equal')) {
      this.expression(place, undefined);
      return this.list();
    }
    if (!clause || place.lineStart) {
      this.keywords(TOP_LEVEL);
      this.snippets();
    }
    return this.list();
  }

  /** Types after `:` in a column or fact declaration, units after `money`, hierarchies after `code`. */
  private declarationTypes(place: Place): void {
    const prev = place.prev;
    if (!prev) return;
    if (prev.type === 'Colon') this.keywords(TYPES);
    else if (prev.type === 'Kw_money') {
      for (const u of UNITS) this.add(u, CompletionItemKind.Unit, 'keyword');
      this.keywords(['precision']);
    } else if (prev.type === 'Kw_code') {
      for (const h of this.a.program.hierarchies.keys()) this.name(h, CompletionItemKind.Enum, 'table');
    } else if (prev.type === 'Kw_unit') {
      for (const u of UNITS) this.add(u, CompletionItemKind.Unit, 'keyword');
    } else if (prev.type === 'MoneyUnit' || prev.type === 'Kw_percent' || prev.type === 'Kw_count' || prev.type === 'Kw_number') {
      this.keywords(['precision', 'doc']);
    }
  }

  private ruleBody(place: Place, tokens: Tok[], ruleOpen: number): CompletionList {
    const clause = place.clause?.image;
    const since = place.sinceClause;
    const prev = place.prev;
    const statementStart = !clause || prev?.type === 'LBrace' || (place.lineStart && place.parens.length === 0 && completeClause(clause, since));
    if (statementStart) {
      this.keywords(RULE_CLAUSES);
      this.ruleSnippets();
      return this.list();
    }
    switch (clause) {
      case 'severity':
        if (since.length === 0) this.keywords(['error', 'warning', 'info']);
        return this.list();
      case 'doc': case 'title': case 'message':
        if (since.length >= 1 && since[since.length - 1]?.type === 'StringLiteral') this.keywords(['en', 'zh']);
        return this.list();
      case 'for': {
        if (since.length === 0) return this.list();
        if (since.length === 1) {
          this.keywords(['in']);
          return this.list();
        }
        const inAt = since.findIndex((x) => x.type === 'Kw_in');
        if (inAt === since.length - 1) {
          for (const tb of this.a.program.tables.values()) this.name(tb.name, CompletionItemKind.Struct, 'table', { detail: titleOf(tb.decl.title, this.lang) });
          this.functionItem('children');
          return this.list();
        }
        if (inAt >= 0 && OPERAND_END.has(prev?.type ?? '') && place.parens.length === 0 && !since.some((x) => x.type === 'Kw_where')) {
          this.keywords(['where']);
          return this.list();
        }
        break;
      }
      case 'rollup': {
        const tableTok = since[0];
        if (since.length === 0) {
          for (const tb of this.a.program.tables.values()) if (tb.hierarchy || tb.key) this.name(tb.name, CompletionItemKind.Struct, 'table', { detail: titleOf(tb.decl.title, this.lang) });
          return this.list();
        }
        const table = tableTok ? this.a.program.tables.get(tableTok.image.replace(/^`|`$/g, '')) : undefined;
        if (prev?.type === 'Kw_by') {
          for (const h of this.a.program.hierarchies.keys()) this.name(h, CompletionItemKind.Enum, 'table');
          return this.list();
        }
        const colsAt = since.findIndex((x) => x.type === 'Kw_columns');
        if (colsAt < 0) {
          this.keywords(since.length === 1 ? ['by', 'columns'] : ['columns']);
          return this.list();
        }
        if (prev?.type === 'Kw_columns' || prev?.type === 'Comma') {
          for (const c of table?.columns.values() ?? []) if (!c.isKey && (c.type.k === 'money' || c.type.k === 'number' || c.type.k === 'count' || c.type.k === 'percent')) this.name(c.name, CompletionItemKind.Field, 'column', { detail: typeText(c.decl.type) });
          return this.list();
        }
        if (prev?.type === 'Kw_within' || since.some((x) => x.type === 'Kw_within')) break;
        this.keywords(['total', 'within']);
        return this.list();
      }
      default:
        break;
    }
    if (clause === 'let' && !since.some((x) => x.type === 'Equal')) return this.list();
    this.expression(place, ruleOpen, tokens);
    return this.list();
  }

  /** Inside a scorecard: its clauses, tables, columns of its table, indicator names from the data, scoring methods. */
  private scorecardBody(place: Place, open: number): CompletionList {
    const clause = place.clause?.image;
    const since = place.sinceClause;
    const prev = place.prev;
    const ast = this.a.program.sources.files.find((f) => f.path === this.file)?.parsed.ast;
    const sc = ast?.items.find((i): i is AST.Scorecard => i.kind === 'Scorecard' && i.span.start <= open && open <= i.span.end);
    const tableName = sc?.table?.text;
    const table = tableName ? this.a.program.tables.get(tableName) : undefined;
    if (place.lineStart && (!clause || completeClause(clause, since))) {
      this.keywords(SCORECARD_CLAUSES);
      return this.list();
    }
    switch (clause) {
      case 'table':
        if (since.length === 0) for (const tb of this.a.program.tables.values()) this.name(tb.name, CompletionItemKind.Struct, 'table', { detail: titleOf(tb.decl.title, this.lang) });
        return this.list();
      case 'indicator': case 'levels': case 'weight': case 'target': case 'actual':
        if (since.length === 0 || prev?.type === 'Comma') for (const c of table?.columns.values() ?? []) this.name(c.name, CompletionItemKind.Field, 'column', { detail: typeText(c.decl.type) });
        return this.list();
      case 'reported':
        if (since.length === 0) {
          for (const c of table?.columns.values() ?? []) this.name(c.name, CompletionItemKind.Field, 'column', { detail: typeText(c.decl.type) });
          this.keywords(['total', 'grade']);
        }
        return this.list();
      case 'severity':
        if (since.length === 0) this.keywords(['error', 'warning', 'info']);
        return this.list();
      case 'score': {
        if (since.length === 0 && tableName) {
          // The indicators as the data names them.
          const col = sc?.indicator?.text;
          for (const view of dataViews(this.services, this.a.entry)) {
            const tb = own(view.snapshot.tables, tableName);
            const j = tb && col ? tb.columns.indexOf(col) : -1;
            if (!tb || j < 0) continue;
            for (const r of tb.rows) {
              const v = r[j]?.trim();
              if (v) this.name(v, CompletionItemKind.Value, 'value', { documentation: `${tableName} · ${view.name}` });
            }
          }
          this.keywords(['else']);
          return this.list();
        }
        if (prev?.type === 'Colon') {
          this.keywords(SCORE_METHODS);
          return this.list();
        }
        break;
      }
      default:
        break;
    }
    this.expression(place, undefined);
    for (const s of ['row', 'indicator', 'weight', 'target', 'actual', 'reported', 'met']) this.add(s, CompletionItemKind.Variable, 'special', { detail: t(this.lang, 'hoverLocal_special') });
    return this.list();
  }

  /** Names and functions that can stand in an expression; operators-as-words after an operand. */
  expression(place: Place, ruleOpen: number | undefined, tokens: Tok[] = []): void {
    const prev = place.prev;
    const p = this.a.program;
    if (prev && endsOperand(prev, place.prev2)) {
      // After a complete operand: infix words only.
      const words = ['and', 'or', 'as'];
      if (place.sinceClause.some((x) => COMPARISONS.has(x.type)) || place.parens.length) words.push('within');
      if (place.parens.length) words.push('for', 'in', 'where');
      if (place.sinceClause.some((x) => x.type === 'Kw_if')) words.push('then', 'else');
      this.keywords(words);
      return;
    }
    // A level after `level(r) =`.
    if (prev && COMPARISONS.has(prev.type)) {
      const left = this.a.index.exprsEndingAt(this.file, place.prev2?.end ?? -1);
      for (const e of left) {
        const ty = p.types.get(e);
        if (ty?.k === 'level') {
          for (const l of p.hierarchies.get(ty.hierarchy)?.levels ?? []) this.name(l.name, CompletionItemKind.EnumMember, 'level', { detail: `${ty.hierarchy} · ${l.length}` });
        }
      }
    }
    if (ruleOpen !== undefined) for (const l of this.localsInScope(ruleOpen, tokens)) this.local(l);
    for (const tb of p.tables.values()) this.name(tb.name, CompletionItemKind.Struct, 'table', { detail: titleOf(tb.decl.title, this.lang) ?? t(this.lang, 'hoverTable') });
    for (const f of p.facts.values()) {
      if (f.name.includes('.')) continue;
      this.name(f.name, CompletionItemKind.Constant, 'fact', { detail: typeText(f.decl.type), documentation: docOf(f.decl.doc, this.lang) });
    }
    for (const g of p.factGroups) if (!g.includes('.')) this.name(g, CompletionItemKind.Module, 'factgroup', { detail: t(this.lang, 'hoverFactGroup') });
    for (const c of p.consts.values()) this.name(c.name, CompletionItemKind.Constant, 'const', { detail: typeName(c.type, this.lang) });
    for (const h of p.hierarchies.keys()) this.name(h, CompletionItemKind.Enum, 'const', { detail: t(this.lang, 'hoverHierarchy') });
    for (const fn of Object.keys(BUILTINS)) this.functionItem(fn);
    this.keywords(['if', 'not', 'blank', 'true', 'false']);
  }

  private functionItem(fn: string): void {
    const b = BUILTINS[fn]!;
    const params = b.params.length ? b.params.slice(0, b.minArgs).map((x, i) => `\${${i + 1}:${x.name}}`).join(', ') : '${1}';
    this.add(fn, CompletionItemKind.Function, 'function', {
      detail: b.usage,
      documentation: { kind: MarkupKind.Markdown, value: `${this.lang === 'en' ? b.en : b.zh}\n\n\`${b.usage}\`` },
    }, `${fn}(`, `${fn}(${params})`);
  }

  private local(l: LocalSymbol): void {
    this.name(l.name, CompletionItemKind.Variable, l.role === 'special' ? 'special' : 'local', { detail: `${t(this.lang, `hoverLocal_${l.role}`)} · ${typeName(l.type, this.lang)}` });
  }

  /** Rule-local names declared before the cursor in the rule that opened at `ruleOpen`. */
  private localsInScope(ruleOpen: number, tokens: Tok[]): LocalSymbol[] {
    const out = new Map<string, LocalSymbol>();
    const closeOfRule = tokens.find((x) => x.start > ruleOpen && x.type === 'RBrace')?.start ?? Infinity;
    for (const sym of this.a.program.refs.values()) {
      if (sym.kind !== 'local' || !sym.nameSpan || sym.role === 'special') continue;
      const s = sym.nameSpan;
      if (s.file !== this.file || s.start <= ruleOpen || s.start >= this.wordStart || s.start > closeOfRule) continue;
      if (sym.role === 'each' && !this.insideAggregateOf(sym)) continue;
      out.set(sym.name, sym);
    }
    return [...out.values()];
  }

  private insideAggregateOf(sym: LocalSymbol): boolean {
    for (const e of this.a.program.types.keys()) {
      if (e.kind === 'Aggregate' && e.variable?.span.start === sym.nameSpan?.start && e.span.file === this.file) {
        return e.span.start <= this.wordStart && this.wordStart <= e.span.end;
      }
    }
    return false;
  }

  /** Members after `x.`: columns of a row, facts of a group, levels of a hierarchy. */
  private members(dot: Tok, tokens: Tok[], block: Place['block']): void {
    const p = this.a.program;
    const exprs = this.a.index.exprsEndingAt(this.file, dot.start);
    let type: Type | undefined;
    let sym: SymbolRef | undefined;
    for (const e of exprs) {
      const ty = p.types.get(e);
      const name = e.kind === 'NameRef' ? e.name : e.kind === 'Member' ? e.name : undefined;
      const s = name ? p.refs.get(name) : undefined;
      if (s?.kind === 'factgroup' || s?.kind === 'hierarchy') {
        sym = s;
        break;
      }
      if (ty && ty.k !== 'unknown') {
        type = ty;
        break;
      }
    }
    if (!type && !sym) {
      // Fall back on the name before the dot.
      const before = tokens.filter((x) => x.end <= dot.start).pop();
      const name = before && (before.type === 'Identifier' || before.type === 'QuotedIdentifier') ? before.image.replace(/^`|`$/g, '') : undefined;
      if (name) {
        const local = block?.kind === 'rule' ? this.localsInScope(block.open, tokens).find((l) => l.name === name) : undefined;
        if (local) type = local.type;
        else if (p.tables.has(name)) type = { k: 'rows', table: name };
        else if (p.factGroups.has(name)) sym = { kind: 'factgroup', name };
        else if (p.hierarchies.has(name)) sym = p.hierarchies.get(name);
      }
    }
    if (sym?.kind === 'factgroup') {
      const prefix = `${sym.name}.`;
      const seen = new Set<string>();
      for (const f of p.facts.values()) {
        if (!f.name.startsWith(prefix)) continue;
        const rest = f.name.slice(prefix.length);
        const head = rest.split('.')[0]!;
        if (seen.has(head)) continue;
        seen.add(head);
        if (rest.includes('.')) this.name(head, CompletionItemKind.Module, 'factgroup');
        else this.name(head, CompletionItemKind.Constant, 'fact', { detail: typeText(f.decl.type), documentation: docOf(f.decl.doc, this.lang) });
      }
      return;
    }
    if (sym?.kind === 'hierarchy') {
      for (const l of sym.levels) this.name(l.name, CompletionItemKind.EnumMember, 'level', { detail: `${sym.name} · ${l.length}` });
      return;
    }
    if (type && (type.k === 'row' || type.k === 'rows')) {
      const table = p.tables.get(type.table);
      for (const c of table?.columns.values() ?? []) {
        this.name(c.name, CompletionItemKind.Field, 'column', { detail: `${typeText(c.decl.type)}${c.isKey ? ` · ${t(this.lang, 'hoverKey')}` : ''}` });
      }
    }
  }

  // ── strings ───────────────────────────────────────────────────────────────────────────

  inString(str: { start: number; content: string; index: number }, tokens: Tok[], offset: number): CompletionList {
    const prev = tokens[str.index - 1];
    const prev2 = tokens[str.index - 2];
    // A message template: `{…` open before the cursor.
    const open = str.content.lastIndexOf('{');
    const close = str.content.lastIndexOf('}');
    if (open > close && str.content[open - 1] !== '\\') {
      const text = textOf(this.services, this.file);
      let ws = offset;
      while (ws > str.start + 1 + open + 1 && /[\p{L}\p{N}_（）“”]/u.test(text[ws - 1]!)) ws--;
      this.setWord(ws, offset);
      const place = readPlace(tokens, str.start, text);
      const ruleOpen = place.block?.kind === 'rule' ? place.block.open : undefined;
      if (text[ws - 1] === '.') {
        // `{r.` inside a template: members of the name before the dot.
        const nameStart = ws - 1;
        let ns = nameStart;
        while (ns > 0 && /[\p{L}\p{N}_]/u.test(text[ns - 1]!)) ns--;
        const name = text.slice(ns, nameStart);
        const local = ruleOpen !== undefined ? this.localsInScope(ruleOpen, tokens).find((l) => l.name === name) : undefined;
        const ty = local?.type ?? (this.a.program.tables.has(name) ? ({ k: 'rows', table: name } as Type) : undefined);
        if (ty && (ty.k === 'row' || ty.k === 'rows')) for (const c of this.a.program.tables.get(ty.table)?.columns.values() ?? []) this.name(c.name, CompletionItemKind.Field, 'column', { detail: typeText(c.decl.type) });
        else if (this.a.program.factGroups.has(name)) {
          for (const f of this.a.program.facts.keys()) if (f.startsWith(`${name}.`)) this.name(f.slice(name.length + 1).split('.')[0]!, CompletionItemKind.Constant, 'fact');
        }
        return this.list();
      }
      for (const s of ['actual', 'expected', 'difference', 'distance', 'tolerance', 'column', 'children', 'row']) {
        this.add(s, CompletionItemKind.Variable, 'special', { detail: t(this.lang, 'hoverLocal_special') });
      }
      this.expression({ ...place, prev: undefined, prev2: undefined, sinceClause: [], parens: [] }, ruleOpen, tokens.filter((x) => x.start < str.start || x.start > offset));
      return this.list();
    }
    const keyWordStart = str.start + 1;
    this.setWord(keyWordStart, offset);
    // A row key: `表["…`, `rollup 表 … total "…`, `startswith(x.列, "…`.
    let table: string | undefined;
    if (prev?.type === 'LBracket' && prev2 && (prev2.type === 'Identifier' || prev2.type === 'QuotedIdentifier')) table = prev2.image.replace(/^`|`$/g, '');
    else if (prev?.type === 'Kw_total') {
      const rollup = [...tokens.slice(0, str.index)].reverse().find((x) => x.type === 'Kw_rollup');
      const after = rollup ? tokens[tokens.indexOf(rollup) + 1] : undefined;
      if (after) table = after.image.replace(/^`|`$/g, '');
    } else if (prev?.type === 'Comma') {
      const exprs = this.a.index.exprsEndingAt(this.file, prev.start);
      for (const e of exprs) {
        if (e.kind === 'Member' && e.object.kind === 'NameRef') {
          const ty = this.a.program.types.get(e.object);
          if (ty?.k === 'row') table = ty.table;
        }
      }
    } else if (prev?.type === 'Kw_import' || prev?.type === 'Kw_extends') {
      this.paths(prev.type === 'Kw_extends');
      return this.list();
    }
    if (table) {
      for (const view of dataViews(this.services, this.a.entry)) {
        const tb = own(view.snapshot.tables, table);
        if (!tb) continue;
        for (const { key, label } of rowKeys(tb)) {
          this.add(key, CompletionItemKind.Value, 'value', { detail: label ?? undefined, documentation: `${table} · ${view.name}` }, key.replace(/["\\]/g, '\\$&'));
        }
      }
    }
    return this.list();
  }

  /** `.suan` files for `import "…"` (this directory tree) or `extends "…"` (sibling rulesets). */
  private paths(extending: boolean): void {
    const ws = this.services.workspace;
    const dir = path.dirname(this.file);
    const root = extending ? path.dirname(dir) : dir;
    for (const f of ws.rulesetFiles()) {
      if (f === this.file) continue;
      const rel = path.relative(dir, f).split(path.sep).join('/');
      if (!extending && rel.startsWith('..')) continue;
      if (extending && !f.startsWith(root)) continue;
      this.add(rel, CompletionItemKind.File, 'value');
    }
  }

  // ── snippets ──────────────────────────────────────────────────────────────────────────

  private snippets(): void {
    const id = this.nextRuleId();
    const table = [...this.a.program.tables.keys()][0] ?? '表';
    const snip = (label: string, body: string, detailKey: Parameters<typeof t>[1]) =>
      this.add(label, CompletionItemKind.Snippet, 'snippet', { detail: t(this.lang, detailKey) }, undefined, body);
    snip('rule …', `rule \${1:${id}} "\${2:标题}" en "\${3:Title}" {\n  for \${4:r} in \${5:${table}}\n  assert \${6:条件}\n  message "\${7:消息}" en "\${8:message}"\n}`, 'snippetRule');
    snip('rule … rollup', `rule \${1:${id}} "\${2:逐级汇总}" en "\${3:Roll-up}" {\n  rollup \${4:${table}} columns \${5:列} total "\${6:合计}"\n}`, 'snippetRollup');
    snip('scorecard …', `scorecard \${1:ZT01} "\${2:绩效自评}" en "\${3:Performance self-evaluation}" {\n  table     \${4:${table}}\n  indicator \${5:三级指标}\n  levels    \${6:一级指标}, \${7:二级指标}\n  weight    \${8:分值}\n  target    \${9:年度指标值}\n  actual    \${10:实际完成值}\n  reported  \${11:得分}\n  total     100\n  round     2\n  score else: auto\n}`, 'snippetScorecard');
    snip('table …', 'table ${1:表名} {\n  title "${2:标题}"\n  key ${3:科目编码}: code ${4:功能分类}\n  ${5:科目名称}: text\n  ${6:金额}: money\n}', 'snippetTable');
    snip('hierarchy …', 'hierarchy ${1:功能分类} { ${2:类} 3  ${3:款} 5  ${4:项} 7 }', 'snippetHierarchy');
    snip('facts …', 'facts ${1:三公经费} {\n  ${2:合计}: money ${3:万元}\n}', 'snippetFacts');
    snip('extends …', 'extends "${1:../base/base.suan}" {\n  override ${2:规则} severity ${3:warning}\n}', 'snippetExtends');
    if (!this.hasHeader()) {
      snip('ruleset …', 'ruleset ${1:某省.决算} {\n  title   "${2:标题}" en "${3:Title}"\n  version "${4:0.1.0}"\n  issuer  "${5:发布机关}"\n  kind    ${6:部门决算}\n  years   ${7:2021} to ${8:2025}\n}', 'snippetHeader');
    }
  }

  private ruleSnippets(): void {
    const table = [...this.a.program.tables.keys()][0] ?? '表';
    this.add('for … in …', CompletionItemKind.Snippet, 'snippet', { detail: t(this.lang, 'snippetFor') }, undefined, `for \${1:r} in \${2:${table}}`);
    this.add('message …', CompletionItemKind.Snippet, 'snippet', {}, undefined, 'message "${1:消息}：{actual}，期望 {expected}，差额 {difference}" en "${2:message}: {actual}, expected {expected}, difference {difference}"');
  }

  private hasHeader(): boolean {
    const f = this.a.program.sources.files.find((x) => x.path === this.file);
    return !!f?.parsed.ast.header;
  }

  /** The next rule id in the style of the ids before it (JS0302 → JS0303), unused in the ruleset. */
  nextRuleId(): string {
    const ids = [...this.a.program.rules, ...(this.a.program.scorecards ?? [])].map((r) => r.id);
    const taken = new Set(ids);
    const mine = this.a.program.rules.filter((r) => r.file === this.file && r.decl.span.start < this.wordStart).map((r) => r.id);
    const model = [...mine].reverse().find((id) => /\d+$/.test(id)) ?? ids.find((id) => /\d+$/.test(id)) ?? 'R0';
    const m = /^(.*?)(\d+)$/.exec(model)!;
    const prefix = m[1]!;
    const width = m[2]!.length;
    let n = Number(m[2]);
    let id: string;
    do {
      n++;
      id = `${prefix}${String(n).padStart(width, '0')}`;
    } while (taken.has(id));
    return id;
  }
}

function textOf(services: SuanServices, file: string): string {
  return services.workspace.text(file) ?? '';
}

/** Whether a token ends an operand (so the next word is an infix keyword such as `and`). */
function endsOperand(tk: Tok, before: Tok | undefined): boolean {
  if (OPERAND_END.has(tk.type)) return true;
  return tk.type.startsWith('Kw_') && before?.type === 'Dot';
}

/** Whether a rule clause looks finished (so a new line starts a new clause). */
function completeClause(clause: string, since: Tok[]): boolean {
  const last = since[since.length - 1];
  if (!last) return false;
  void clause;
  if (OPERATOR_TYPES.has(last.type) || last.type === 'Dot') return false;
  const word = last.type.startsWith('Kw_') ? last.type.slice(3) : undefined;
  if (word && (EXPRESSION_KEYWORDS.has(word) || word === 'columns' || word === 'by' || word === 'total' || word === 'en' || word === 'zh' || word === 'as')) return false;
  return true;
}

/** Whether a top-level statement looks finished. */
function completeStatement(clause: string, since: Tok[]): boolean {
  return since.length > 0 && completeClause(clause, since);
}

function titleOf(text: AST.Text | undefined, lang: Lang): string | undefined {
  if (!text) return undefined;
  return (lang === 'en' ? text.variants.find((v) => v.lang === 'en') : text.variants.find((v) => v.lang !== 'en'))?.value ?? text.variants[0]?.value;
}

function docOf(text: AST.Text | undefined, lang: Lang): string | undefined {
  return titleOf(text, lang);
}

/** A snippet without its placeholders (for clients that do not take snippets). */
export function plain(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:[^{}\\]|\\.)*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '').replace(/\\([{}$\\])/g, '$1');
}
