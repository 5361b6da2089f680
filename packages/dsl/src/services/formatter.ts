/**
 * The formatter: one layout for every ruleset, used by `suan fmt` and the language server.
 *
 * It keeps the author's line structure (which tokens share a line, single blank lines between
 * groups) and normalises everything else: indentation (2 spaces per block, continuation lines
 * indented once more, `en "…"` lines aligned under the text they translate), spacing inside a
 * line, the ruleset header's field names padded to one column, trailing comments of adjacent
 * lines aligned, no trailing blanks, one final newline.
 *
 * Guarantees: idempotent (format(format(x)) = format(x)); every comment is kept; meaning never
 * changes — tokens are re-emitted exactly as written, and the result is parsed again and
 * compared with the original syntax tree (modulo positions). A file with syntax errors, or any
 * result that fails that comparison, is returned unchanged.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { SourceFile } from '../syntax/ast';
import { parse, type ParseResult } from '../syntax/parse';

export interface FormatOptions {
  /** Spaces per indentation level (default 2). */
  indent?: number;
}

export interface FormatResult {
  /** The formatted text (the input itself when it could not be formatted). */
  text: string;
  /** Syntax errors that prevented formatting (empty otherwise). */
  diagnostics: Diagnostic[];
  /** Whether `text` differs from the input. */
  changed: boolean;
  /** Why the input was returned unchanged: it has syntax errors, or the result did not verify. */
  skipped?: 'syntax-errors' | 'verification';
}

/** Formats a ruleset file. Never throws. */
export function formatSource(text: string, file: string, options: FormatOptions = {}): FormatResult {
  const unchanged = (skipped: FormatResult['skipped'], diagnostics: Diagnostic[] = []): FormatResult => ({ text, diagnostics, changed: false, skipped });
  let parsed: ParseResult;
  try {
    parsed = parse(text, file);
  } catch {
    return unchanged('syntax-errors');
  }
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return unchanged('syntax-errors', errors);
  let out: string;
  try {
    out = layout(text, parsed, options.indent ?? 2);
  } catch {
    return unchanged('verification');
  }
  if (out === text) return { text, diagnostics: [], changed: false };
  // Safety net: the same tokens must make the same tree.
  const again = parse(out, file);
  if (again.diagnostics.some((d) => d.severity === 'error') || !sameTree(parsed.ast, again.ast)) return unchanged('verification');
  return { text: out, diagnostics: [], changed: true };
}

// ── the layout ───────────────────────────────────────────────────────────────────────────

interface Piece {
  /** Position in the file's sequence of pieces. */
  index: number;
  text: string;
  /** Token type name (`Identifier`, `Kw_rule`, `LBrace` …) or `Comment`. */
  type: string;
  start: number;
  line: number;
}

type BlockKind = 'top' | 'ruleset' | 'table' | 'rule' | 'hierarchy' | 'facts' | 'extends' | 'scorecard' | 'entries' | 'other';

const BLOCK_OPENERS: Record<string, BlockKind> = {
  Kw_ruleset: 'ruleset', Kw_table: 'table', Kw_rule: 'rule', Kw_hierarchy: 'hierarchy', Kw_facts: 'facts', Kw_extends: 'extends',
  'word:scorecard': 'scorecard',
};
const TOP_LEVEL = new Set(['Kw_ruleset', 'Kw_import', 'Kw_extends', 'Kw_hierarchy', 'Kw_table', 'Kw_fact', 'Kw_facts', 'Kw_rule', 'Kw_let', 'Kw_precision']);
const RULE_CLAUSES = new Set(['Kw_severity', 'Kw_tolerance', 'Kw_doc', 'Kw_title', 'Kw_when', 'Kw_message', 'Kw_assert', 'Kw_for', 'Kw_let', 'Kw_rollup']);
const HEADER_FIELDS = new Set(['Kw_title', 'Kw_version', 'Kw_issuer', 'Kw_kind', 'Kw_years', 'Kw_licence', 'Kw_description']);
const TABLE_CLAUSES = new Set(['Kw_key', 'Kw_title', 'Kw_unit', 'Kw_doc']);
const EXTENDS_CLAUSES = new Set(['Kw_override', 'Kw_disable']);
/** Scorecard clauses: keywords, and soft keywords (names the lexer reads as identifiers). */
const SCORECARD_KEYWORDS = new Set(['Kw_doc', 'Kw_title', 'Kw_severity', 'Kw_tolerance', 'Kw_table', 'Kw_where', 'Kw_total']);
const SCORECARD_WORDS = new Set(['indicator', 'levels', 'weight', 'target', 'actual', 'reported', 'round', 'grade', 'score', 'extra']);
/** The parts of an `extra` entry, written on lines of their own below it. */
const EXTRA_PARTS = new Set(['weight', 'reported', 'target', 'actual']);
/** Scorecard clauses whose value starts in one column (as the ruleset header's fields). */
const SCORECARD_ALIGNED = new Set(['Kw_table', 'Kw_where', 'Kw_total', 'Kw_tolerance', 'Kw_severity', 'indicator', 'levels', 'weight', 'target', 'actual', 'reported', 'round', 'grade']);
/** What may open an entry of a method's braces (a band's condition), though it continues a line elsewhere. */
const ENTRY_STARTS = new Set(['GreaterEqual', 'Greater', 'LessEqual', 'Less', 'Kw_else', 'Minus']);
const word = (p: Piece | undefined) => (p?.type === 'Identifier' ? p.text : p?.type);

const OPERATORS = new Set(['Plus', 'Minus', 'Times', 'Divide', 'Coalesce', 'Approx', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Equal', 'Less', 'Greater']);
/** A line starting with one of these continues the previous statement. */
const CONTINUES_FIRST = new Set([...OPERATORS, 'Kw_and', 'Kw_or', 'Kw_then', 'Kw_else', 'Kw_where', 'Kw_within', 'Kw_in', 'Kw_as', 'Kw_en', 'Kw_zh', 'Kw_to', 'Dot', 'Comma']);
/** A line after one ending with one of these continues the statement. */
const CONTINUES_LAST = new Set([...OPERATORS, 'Kw_and', 'Kw_or', 'Kw_not', 'Kw_if', 'Kw_then', 'Kw_else', 'Kw_where', 'Kw_in', 'Kw_within', 'Kw_as', 'Kw_to', 'Dot', 'Colon', 'Kw_en', 'Kw_zh']);
const NAME_LIKE = (t: string) => t === 'Identifier' || t === 'QuotedIdentifier' || t.startsWith('Kw_');
const OPERAND_END = new Set(['NumberLiteral', 'PercentLiteral', 'StringLiteral', 'Identifier', 'QuotedIdentifier', 'RParen', 'RBracket', 'MoneyUnit', 'Kw_true', 'Kw_false', 'Kw_blank']);

interface Frame {
  kind: BlockKind;
  /** Opened and closed on the same line. */
  inline: boolean;
  /** Paren depth when the block opened. */
  parens: number;
}

interface LineRecord {
  /** Indentation in spaces (before header padding and `en` alignment). */
  indent: number;
  pieces: Piece[];
  /** Separator before each piece (index 0 unused). */
  seps: string[];
  /** Blank lines to emit before this line. */
  blankBefore: number;
  /** The block this line is directly in. */
  frame: Frame;
  /** The line starts with `en`/`zh` (a translation of the text above). */
  translation: boolean;
  /** The line is a header field of a multi-line ruleset block. */
  headerField: boolean;
  /**
   * The lines whose second piece starts in one column: a multi-line ruleset block's header fields,
   * a scorecard's clauses, the parts of one `extra` entry.
   */
  column?: object;
  /** The line is inside a continued statement (not its first line). */
  continuation: boolean;
  /**
   * A line of a block whose statements the formatter does not know (syntax newer than it): kept
   * as written, with its own indentation and spacing.
   */
  verbatim?: { indent: number; text: string };
}

function layout(text: string, parsed: ParseResult, unit: number): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const pieces: Piece[] = [];
  for (const t of parsed.tokens) {
    if (Number.isNaN(t.startOffset)) continue;
    pieces.push({ index: 0, text: t.image, type: t.tokenType.name, start: t.startOffset, line: t.startLine ?? 0 });
  }
  for (const c of parsed.ast.comments) pieces.push({ index: 0, text: c.text.replace(/\s+$/, ''), type: 'Comment', start: c.span.start, line: c.span.line });
  pieces.sort((a, b) => a.start - b.start);
  pieces.forEach((p, i) => { p.index = i; });
  if (pieces.length === 0) return '';
  // The code piece before each piece (comments skipped), for judging a `-` or `[`.
  const prevCodeOf = new Map<Piece, Piece | undefined>();
  let lastCode: Piece | undefined;
  for (const p of pieces) {
    prevCodeOf.set(p, lastCode);
    if (p.type !== 'Comment') lastCode = p;
  }
  const before = (p: Piece) => prevCodeOf.get(p);

  // Brace partners, to tell blocks written on one line from multi-line ones.
  const partner = new Map<number, number>();
  const stack: number[] = [];
  pieces.forEach((p, i) => {
    if (p.type === 'LBrace') stack.push(i);
    else if (p.type === 'RBrace') {
      const j = stack.pop();
      if (j !== undefined) {
        partner.set(j, i);
        partner.set(i, j);
      }
    }
  });

  // Group pieces by source line; a block written over several lines gets its `{` at the end of
  // a line and its `}` at the start of one.
  const multiLine = (i: number) => {
    const j = partner.get(i);
    return j !== undefined && pieces[j]!.line !== pieces[i]!.line;
  };
  const groups: Piece[][] = [];
  for (const p of pieces) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    const split = prev !== undefined && (
      (prev.type === 'LBrace' && multiLine(prev.index) && p.type !== 'Comment') ||
      (p.type === 'RBrace' && multiLine(p.index))
    );
    if (last && last[0]!.line === p.line && !split) last.push(p);
    else groups.push([p]);
  }

  const records: LineRecord[] = [];
  const frames: Frame[] = [{ kind: 'top', inline: false, parens: 0 }];
  /** Open brackets: the indentation of the line each was opened on. */
  const openers: number[] = [];
  let stmtKw: string | undefined;
  let prevCode: Piece | undefined; // last non-comment piece overall
  let lastLineCode: Piece | undefined; // last non-comment piece of the previous line with code
  let prevGroupLine = 0;
  /** The first line of the scorecard clause in progress (its `extra` parts line up with each other). */
  let scorecardClause: Piece[] | undefined;
  /** That clause is an `extra` entry whose `:` has not come yet: a line of weight, reported … continues it. */
  let extraOpen = false;

  for (const [gi, group] of groups.entries()) {
    const first = group[0]!;
    // Blank lines between this line and the previous one (at most one kept).
    let blankBefore = gi === 0 ? 0 : Math.min(1, Math.max(0, first.line - prevGroupLine - 1));
    prevGroupLine = group[group.length - 1]!.line;

    // Indentation from the depth at the start of the line; leading closers belong to the outer level.
    let braceDepth = frames.filter((f) => !f.inline).length - 1;
    if (first.type === 'RBrace') braceDepth = Math.max(0, braceDepth - 1);
    const frame = frames[frames.length - 1]!;
    const open = openers.length - frame.parens;
    let k = 0;
    while (k < group.length && k < open && (group[k]!.type === 'RParen' || group[k]!.type === 'RBracket')) k++;
    if (first.type === 'RBrace' || (lastLineCode?.type === 'LBrace' && blankBefore > 0)) blankBefore = 0;

    const firstCode = group.find((p) => p.type !== 'Comment');
    let continuation = false;
    let indent: number;
    if (open > 0) {
      // Inside brackets: one level deeper than the line that opened the innermost bracket; a line
      // starting with closing brackets lines up with the line that opened them.
      indent = k > 0 ? openers[openers.length - k]! : openers[openers.length - 1]! + unit;
    } else {
      if (firstCode && firstCode === first && first.type !== 'RBrace' && first.type !== 'LBrace') continuation = continues(frame.kind, group, lastLineCode, extraOpen);
      indent = unit * (braceDepth + (continuation ? 1 : 0));
    }

    // Separators inside the line, and the block and paren structure it changes.
    const seps: string[] = [''];
    for (let i = 0; i < group.length; i++) {
      const p = group[i]!;
      if (i > 0) {
        const prev = group[i - 1]!;
        const top = frames[frames.length - 1]!;
        seps.push(separator(prev, p, before, group[i + 1], top, openers.length - top.parens, stmtKw));
      }
      if (p.type === 'Comment') continue;
      const depthHere = openers.length - frames[frames.length - 1]!.parens;
      if (frames[frames.length - 1]!.kind === 'top' && depthHere === 0) {
        if (TOP_LEVEL.has(p.type) && !(prevCode?.type === 'Kw_precision')) stmtKw = p.type;
        // A word the formatter does not know (a newer or soft keyword such as `scorecard`), starting a top-level line, starts a statement of its own.
        else if (i === 0 && !continuation) stmtKw = p.type.startsWith('Kw_') ? p.type : `word:${p.text}`;
      }
      if (p.type === 'LBrace') {
        const j = partner.get(p.index);
        const inline = j !== undefined && pieces[j]!.line === p.line;
        const top = frames[frames.length - 1]!;
        // A scorecard method's braces (bands, qualitative, parts) hold entries, one per line or several to a line.
        const kind: BlockKind = top.kind === 'scorecard' || top.kind === 'entries' ? 'entries' : top.kind === 'top' && stmtKw ? BLOCK_OPENERS[stmtKw] ?? 'other' : 'other';
        frames.push({ kind, inline, parens: openers.length });
        stmtKw = undefined;
      } else if (p.type === 'RBrace') {
        if (frames.length > 1) {
          const f = frames.pop()!;
          openers.length = f.parens;
        }
        stmtKw = undefined;
      } else if (p.type === 'LParen' || p.type === 'LBracket') openers.push(indent);
      else if ((p.type === 'RParen' || p.type === 'RBracket') && openers.length > frames[frames.length - 1]!.parens) openers.pop();
      prevCode = p;
    }
    if (firstCode) lastLineCode = group.filter((p) => p.type !== 'Comment').pop();

    let verbatim: LineRecord['verbatim'];
    if (frame.kind === 'other' && !frame.inline && first.type !== 'RBrace') {
      const last = group[group.length - 1]!;
      const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
      const lead = text.slice(lineStart, first.start);
      verbatim = /^[ \t]*$/.test(lead)
        ? { indent: lead.replace(/\t/g, ' '.repeat(unit)).length, text: text.slice(first.start, last.start + last.text.length) }
        : { indent, text: text.slice(first.start, last.start + last.text.length) };
    }
    let column: object | undefined;
    if (frame.kind === 'scorecard' && !frame.inline && firstCode === first && first.type !== 'RBrace') {
      const aligned = SCORECARD_ALIGNED.has(word(first)!) && group.length > 1 && !(word(first) === 'reported' && (word(group[1]) === 'Kw_total' || word(group[1]) === 'grade'));
      if (!continuation) {
        scorecardClause = group;
        extraOpen = word(first) === 'extra';
        if (aligned) column = frame;
      } else if (extraOpen && EXTRA_PARTS.has(word(first)!) && group.length > 1) column = scorecardClause;
      if (group.some((p) => p.type === 'Colon')) extraOpen = false;
    }
    records.push({
      column,
      verbatim,
      indent,
      pieces: group,
      seps,
      blankBefore,
      frame,
      translation: first.type === 'Kw_en' || first.type === 'Kw_zh',
      headerField: frame.kind === 'ruleset' && !frame.inline && HEADER_FIELDS.has(first.type),
      continuation,
    });
    const last = records[records.length - 1]!;
    if (last.headerField) last.column = frame;
  }

  // A comment on a line of its own inside a statement that goes on below it (between an `extra`'s
  // parts, between `score X:` and its method) is indented as the line it comes before.
  for (let i = records.length - 2; i >= 0; i--) {
    const r = records[i]!;
    const next = records[i + 1]!;
    if (!r.verbatim && r.pieces.every((p) => p.type === 'Comment') && next.continuation && !next.verbatim && next.frame === r.frame) r.indent = next.indent;
  }

  // Header fields, scorecard clauses, an `extra` entry's parts: the words that open them padded to one column.
  const columnWidth = new Map<object, number>();
  for (const r of records) if (r.column) columnWidth.set(r.column, Math.max(columnWidth.get(r.column) ?? 0, r.pieces[0]!.text.length));

  // Render line by line; `en` lines align their text under the text of the line above.
  const rendered: { indent: number; code: string; comment?: string; blankBefore: number; frame: Frame; verbatim?: boolean }[] = [];
  let prevStringCol: number | undefined;
  for (const r of records) {
    if (r.verbatim) {
      rendered.push({ indent: r.verbatim.indent, code: r.verbatim.text, blankBefore: r.blankBefore, frame: r.frame, verbatim: true });
      prevStringCol = undefined;
      continue;
    }
    let indent = r.indent;
    if (r.translation && prevStringCol !== undefined) indent = Math.max(indent - unit + 1, prevStringCol - (r.pieces[0]!.text.length + 1));
    let code = '';
    let comment: string | undefined;
    let stringCol: number | undefined;
    r.pieces.forEach((p, i) => {
      if (p.type === 'Comment' && i === r.pieces.length - 1 && i > 0) {
        comment = p.text;
        return;
      }
      let sep = i === 0 ? '' : r.seps[i]!;
      if (i === 1 && r.column) sep = ' '.repeat(Math.max(1, (columnWidth.get(r.column) ?? 0) - r.pieces[0]!.text.length + 1));
      code += sep;
      if (p.type === 'StringLiteral' && stringCol === undefined) stringCol = indent + displayWidth(code);
      code += p.text;
    });
    if (r.pieces.some((p) => p.type !== 'Comment')) prevStringCol = stringCol;
    rendered.push({ indent, code, comment, blankBefore: r.blankBefore, frame: r.frame });
  }

  // Trailing comments of adjacent lines start in one column.
  let i = 0;
  while (i < rendered.length) {
    if (rendered[i]!.comment === undefined) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < rendered.length && rendered[j + 1]!.comment !== undefined && rendered[j + 1]!.blankBefore === 0 && rendered[j + 1]!.code !== '') j++;
    const col = Math.max(...rendered.slice(i, j + 1).map((x) => x.indent + displayWidth(x.code))) + 2;
    for (let k = i; k <= j; k++) {
      const x = rendered[k]!;
      x.code += ' '.repeat(col - x.indent - displayWidth(x.code)) + x.comment;
      x.comment = undefined;
    }
    i = j + 1;
  }

  const lines: string[] = [];
  for (const r of rendered) {
    for (let b = 0; b < r.blankBefore; b++) lines.push('');
    lines.push(`${' '.repeat(r.indent)}${r.code}`.replace(/\s+$/, ''));
  }
  return `${bom}${lines.join(eol)}${eol}`;
}

/**
 * Whether a line (not inside brackets) continues the statement of the line before it; `inExtra`:
 * the statement is a scorecard's `extra` entry, whose parts (weight, reported …) continue it.
 */
function continues(kind: BlockKind, line: Piece[], prevLast: Piece | undefined, inExtra = false): boolean {
  const first = line[0]!;
  const next = line[1];
  if (!prevLast || prevLast.type === 'LBrace') return first.type === 'Kw_en' || first.type === 'Kw_zh';
  if (kind === 'scorecard' && inExtra && (EXTRA_PARTS.has(word(first)!) || first.type === 'Colon')) return true;
  // A line after an operator, a `:` or a `,` goes on with its clause, even when it opens with a clause
  // word (`score A: 2 ×` then `target`, `levels 一级,` then `二级`): in a score those words are values.
  // (Not after `else`, which ends a grade scale — `差 else` — more often than it opens a value.)
  if (kind === 'scorecard' && prevLast.type !== 'Kw_else' && (CONTINUES_LAST.has(prevLast.type) || prevLast.type === 'Comma' || prevLast.type === 'LParen')) return true;
  if (startsStatement(kind, first, next, prevLast)) return false;
  // Entries of a method's braces are set apart by commas, or by nothing but their line.
  // A line opening with what opens a band (`>= 90%`, `< 70%`, `else`, `-5`) is an entry of its own.
  if (kind === 'entries') return prevLast.type !== 'Comma' && ((CONTINUES_FIRST.has(first.type) && !ENTRY_STARTS.has(first.type)) || CONTINUES_LAST.has(prevLast.type));
  if (CONTINUES_FIRST.has(first.type)) return true;
  // In a block whose statements we know, anything that does not start one continues the one above.
  if (kind !== 'other' && kind !== 'top') return true;
  return CONTINUES_LAST.has(prevLast.type) || prevLast.type === 'Comma';
}

/** Whether `p` (followed by `next`, after `prev`) begins a statement of a block of this kind. */
function startsStatement(kind: BlockKind, p: Piece, next: Piece | undefined, prev: Piece | undefined): boolean {
  switch (kind) {
    case 'top': return TOP_LEVEL.has(p.type) && !(prev?.type === 'Kw_precision');
    case 'rule': return RULE_CLAUSES.has(p.type);
    case 'ruleset': return HEADER_FIELDS.has(p.type);
    case 'table': return (TABLE_CLAUSES.has(p.type) || (NAME_LIKE(p.type) && next?.type === 'Colon')) && prev?.type !== 'Kw_key' && prev?.type !== 'Dot';
    case 'facts': return NAME_LIKE(p.type) && prev?.type !== 'Dot' && (next?.type === 'Colon' || next?.type === 'Dot');
    case 'hierarchy': return p.type === 'Kw_doc' || (NAME_LIKE(p.type) && (next?.type === 'NumberLiteral' || next?.type === 'Colon'));
    case 'extends': return EXTENDS_CLAUSES.has(p.type);
    case 'scorecard': return SCORECARD_KEYWORDS.has(p.type) || (p.type === 'Identifier' && SCORECARD_WORDS.has(p.text));
    default: return false;
  }
}

/** The text between two pieces on one line. */
function separator(prev: Piece, cur: Piece, before: (p: Piece) => Piece | undefined, next: Piece | undefined, frame: Frame, depth: number, stmtKw: string | undefined): string {
  if (cur.type === 'Comment') return '  ';
  if (prev.type === 'Comment') return ' ';
  const c = cur.type;
  const p = prev.type;
  if (c === 'Comma' || c === 'RParen' || c === 'RBracket' || c === 'Colon' || c === 'Dot' || p === 'Dot') return '';
  if (p === 'LParen' || p === 'LBracket') return '';
  if (c === 'LParen' && (p === 'Identifier' || p === 'QuotedIdentifier' || p === 'Kw_count' || p === 'Kw_key')) return '';
  if (c === 'LBracket' && (p === 'Identifier' || p === 'QuotedIdentifier' || p === 'RParen' || p === 'RBracket' || (p.startsWith('Kw_') && before(prev)?.type === 'Dot'))) return '';
  if (p === 'Minus' && !endsOperand(before(prev), before)) return '';
  // Statements written side by side on one line are set apart by two spaces.
  // (Not in a scorecard: its clause words are names too, `extra x weight w reported r: …` is one clause.)
  if (depth === 0 && p !== 'LBrace' && p !== 'Comma' && p !== 'Colon' && frame.kind !== 'scorecard' && frame.kind !== 'entries') {
    const kind = frame.kind;
    if (kind === 'top' ? TOP_LEVEL.has(c) && p !== 'Kw_precision' && stmtKw !== undefined : startsStatement(kind, cur, next, prev)) return '  ';
  }
  return ' ';
}

/** Whether a token ends an operand, so that a `-` after it is binary (`a - b`) not a sign (`-b`). */
function endsOperand(p: Piece | undefined, before: (p: Piece) => Piece | undefined): boolean {
  if (!p) return false;
  if (OPERAND_END.has(p.type)) return true;
  // A keyword after `.` is a member name: `r.total - 1`.
  return p.type.startsWith('Kw_') && before(p)?.type === 'Dot';
}

/** Width of text in a monospaced editor: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

// ── tree comparison ──────────────────────────────────────────────────────────────────────

/** Whether two syntax trees are the same apart from positions. */
export function sameTree(a: SourceFile, b: SourceFile): boolean {
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** A syntax tree without positions (spans), comments trimmed: what must survive formatting. */
export function stripPositions(node: unknown): unknown {
  return strip(node);
}

function strip(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(strip);
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    // A position, whatever it is called (`span`, or spans the tree keeps under other names).
    if (typeof o['file'] === 'string' && typeof o['start'] === 'number' && typeof o['end'] === 'number' && typeof o['endCol'] === 'number') return null;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === 'span') continue;
      out[k] = k === 'text' && typeof v === 'string' && o['kind'] === undefined ? v.replace(/\s+$/, '') : strip(v);
    }
    return out;
  }
  return x;
}
