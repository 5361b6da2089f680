/**
 * Incremental parsing for the editor: a ruleset file is cut into its top-level items (a `rule`,
 * `table`, … at brace depth 0 starts a new chunk), each chunk is parsed on its own with the
 * language core's `parse`, and chunks whose text did not change are reused, shifted to their
 * new position. A keystroke inside one rule re-parses that rule only.
 *
 * For a file without syntax errors the result is the same tree `parse` builds for the whole
 * text (top-level items are independent in the grammar). For a broken file recovery is better
 * confined: an unclosed `rule … {` does not swallow the rules after it when the next one starts
 * at the beginning of a line.
 */
import { parse, type Diagnostic, type ParseResult, type Span } from '@suan/dsl';

/** Files longer than this are parsed whole (chunking them buys little and the core's token limit must hold). */
const MAX_CHUNKED = 1_000_000;

const TOP_LEVEL = ['ruleset', 'import', 'extends', 'hierarchy', 'table', 'facts', 'fact', 'rule', 'let', 'precision'];
/** Keywords that cannot begin a line inside a block of valid code, so at column 0 they always start an item. */
const ALWAYS_TOP = new Set(['import', 'extends', 'hierarchy', 'table', 'facts', 'fact', 'rule']);

interface Chunk {
  text: string;
  start: number;
  /** 0-based line of the chunk's first character. */
  line: number;
}

/** A chunk's parse, placed at a position in the file (what a whole-file parse would give for it there). */
interface Positioned {
  start: number;
  line: number;
  /** The word after the chunk (the next item's keyword), which "end of file" errors name instead. */
  next: string | undefined;
  result: ParseResult;
  /** The chunk's own diagnostics and tokens, at relative positions (re-placed when the chunk moves). */
  relDiagnostics: Diagnostic[];
  relTokens: ParseResult['tokens'];
}

export class IncrementalParser {
  /** Per file: the last result, and each chunk text's placed parse (one copy per chunk: moving it shifts it). */
  private readonly files = new Map<string, { text: string; result: ParseResult; chunks: Map<string, Positioned> }>();
  /** Statistics for tests and the benchmark. */
  readonly stats = { chunksParsed: 0, chunksReused: 0 };

  parse(file: string, text: string): ParseResult {
    const prev = this.files.get(file);
    if (prev && prev.text === text) return prev.result;
    if (text.length > MAX_CHUNKED) {
      const result = parse(text, file);
      this.files.set(file, { text, result, chunks: new Map() });
      return result;
    }
    const chunks = splitChunks(text);
    const placed = new Map<string, Positioned>();
    const parts: ParseResult[] = [];
    for (const [i, c] of chunks.entries()) {
      const next = chunks[i + 1] ? firstWord(chunks[i + 1]!.text) : undefined;
      const old = placed.get(c.text) ?? prev?.chunks.get(c.text);
      let p: Positioned;
      if (old && old.start === c.start && old.line === c.line && old.next === next) {
        p = old;
      } else if (old) {
        // Same text elsewhere: move the parse there.
        p = {
          start: c.start, line: c.line, next, relDiagnostics: old.relDiagnostics, relTokens: old.relTokens,
          result: shiftResult(old.result.ast, c.start - old.start, c.line - old.line, placeDiagnostics(old.relDiagnostics, c.start, c.line, next), old.relTokens, c.start, c.line),
        };
      } else {
        const rel = parse(c.text, file);
        this.stats.chunksParsed++;
        p = {
          start: c.start, line: c.line, next, relDiagnostics: rel.diagnostics, relTokens: rel.tokens,
          result: shiftResult(rel.ast, c.start, c.line, placeDiagnostics(rel.diagnostics, c.start, c.line, next), rel.tokens, c.start, c.line),
        };
        parts.push(p.result);
        if (!placed.has(c.text)) placed.set(c.text, p);
        continue;
      }
      this.stats.chunksReused++;
      if (!placed.has(c.text)) placed.set(c.text, p);
      parts.push(p.result);
    }
    const result = merge(file, text, parts);
    this.files.set(file, { text, result, chunks: placed });
    return result;
  }

  forget(file: string): void {
    this.files.delete(file);
  }
}

/** Cuts a file into top-level chunks at lines that begin a declaration, a rule or an import. */
export function splitChunks(text: string): Chunk[] {
  const starts: { offset: number; line: number }[] = [{ offset: 0, line: 0 }];
  let depth = 0;
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // At the start of a line: does it begin a new item?
    const lineStart = i;
    let j = i;
    while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\u3000')) j++;
    const word = /^[a-z]+/.exec(text.slice(j, j + 12))?.[0];
    if (word && TOP_LEVEL.includes(word) && lineStart > 0) {
      const after = text[j + word.length];
      const boundary = after === undefined || after === ' ' || after === '\t' || after === '\n' || after === '\r' || after === '{' || after === '"' || after === '`';
      if (boundary) {
        let k = j + word.length;
        while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
        const nextCh = text[k];
        const notAColumn = nextCh !== ':' && nextCh !== '：' && nextCh !== '.' && nextCh !== '=';
        if ((depth === 0 && word !== 'ruleset' && notAColumn) || (j === lineStart && ALWAYS_TOP.has(word) && notAColumn)) {
          starts.push({ offset: lineStart, line });
          depth = 0;
        }
      }
    }
    // Scan the rest of the line for braces (outside strings, names in backticks and comments).
    for (i = j; i < n; i++) {
      const c = text[i]!;
      if (c === '\n' || c === '\r') break;
      if (c === '#' || (c === '/' && text[i + 1] === '/')) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        break;
      }
      if (c === '"' || c === '`') {
        i++;
        while (i < n && text[i] !== c && text[i] !== '\n' && text[i] !== '\r') {
          if (c === '"' && text[i] === '\\') i++;
          i++;
        }
        if (i >= n || text[i] === '\n' || text[i] === '\r') break;
        continue;
      }
      if (c === '{' || c === '｛') depth++;
      else if (c === '}' || c === '｝') depth = Math.max(0, depth - 1);
    }
    if (i < n && text[i] === '\r' && text[i + 1] === '\n') i++;
    if (i < n) {
      i++;
      line++;
    }
  }
  const chunks: Chunk[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    const end = k + 1 < starts.length ? starts[k + 1]!.offset : n;
    chunks.push({ text: text.slice(s.offset, end), start: s.offset, line: s.line });
  }
  return chunks;
}

function firstWord(text: string): string | undefined {
  return /^\s*(?:(?:#|\/\/)[^\n]*\n\s*)*(\S+)/.exec(text)?.[1];
}

/** A chunk's relative diagnostics placed at its position (naming the next item instead of "end of file"). */
function placeDiagnostics(ds: Diagnostic[], offset: number, lines: number, nextWord: string | undefined): Diagnostic[] {
  const move = (s: Span): Span => ({ file: s.file, start: s.start + offset, end: s.end + offset, line: s.line + lines, col: s.col, endLine: s.endLine + lines, endCol: s.endCol });
  return ds.map((d) => {
    const moved: Diagnostic = { ...d, span: move(d.span), related: d.related?.map((r) => ({ ...r, span: move(r.span) })) };
    if (nextWord !== undefined && d.code === 'SUAN1001' && d.args.found_en === 'end of file') {
      moved.args = { ...d.args, found: `“${nextWord}”`, found_en: `"${nextWord}"` };
    }
    return moved;
  });
}

/**
 * A parse placed in the file: the tree moved by `offset` characters and `lines` lines (a copy;
 * nothing refers back to the previous placement), the given diagnostics, and the chunk's
 * relative tokens placed at `start`/`line` when first asked for.
 */
function shiftResult(ast: ParseResult['ast'], offset: number, lines: number, diagnostics: Diagnostic[], relTokens: ParseResult['tokens'], start: number, line: number): ParseResult {
  let tree = ast;
  if (offset !== 0 || lines !== 0) {
    // Spans may be shared between nodes (a name and its reference): shift each once.
    const spans = new Map<Span, Span>();
    const shiftSpan = (s: Span): Span => {
      let out = spans.get(s);
      if (!out) spans.set(s, (out = { file: s.file, start: s.start + offset, end: s.end + offset, line: s.line + lines, col: s.col, endLine: s.endLine + lines, endCol: s.endCol }));
      return out;
    };
    const clone = (x: unknown): unknown => {
      if (x === null || typeof x !== 'object') return x;
      if (Array.isArray(x)) return x.map(clone);
      const o = x as Record<string, unknown>;
      if (isSpan(o)) return shiftSpan(o as unknown as Span);
      const out: Record<string, unknown> = {};
      for (const k in o) out[k] = clone(o[k]);
      return out;
    };
    tree = clone(ast) as ParseResult['ast'];
  }
  // Tokens are needed by editor features only (not by the checker): place them when first asked for.
  let tokens: ParseResult['tokens'] | undefined;
  return {
    ast: tree,
    diagnostics,
    get tokens() {
      tokens ??= start === 0 && line === 0 ? relTokens : relTokens.map((t) => ({
        ...t,
        startOffset: t.startOffset + start,
        endOffset: t.endOffset === undefined ? undefined : t.endOffset + start,
        startLine: t.startLine === undefined ? undefined : t.startLine + line,
        endLine: t.endLine === undefined ? undefined : t.endLine + line,
      }));
      return tokens;
    },
  };
}

function isSpan(o: Record<string, unknown>): boolean {
  return typeof o['file'] === 'string' && typeof o['start'] === 'number' && typeof o['endCol'] === 'number' && typeof o['line'] === 'number' && o['kind'] === undefined;
}

function merge(file: string, text: string, parts: ParseResult[]): ParseResult {
  let tokens: ParseResult['tokens'] | undefined;
  let endLine = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      endLine++;
      lineStart = i + 1;
    }
  }
  const endCol = text.length - lineStart + 1;
  return {
    ast: {
      kind: 'File',
      file,
      header: parts[0]?.ast.header,
      items: parts.flatMap((p) => p.ast.items),
      comments: parts.flatMap((p) => p.ast.comments),
      span: { file, start: 0, end: text.length, line: 1, col: 1, endLine, endCol },
    },
    diagnostics: parts.flatMap((p) => p.diagnostics),
    get tokens() {
      tokens ??= parts.flatMap((p) => p.tokens);
      return tokens;
    },
  };
}
