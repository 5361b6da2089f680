/**
 * `parse(text, file)`: text → syntax tree + diagnostics. Never throws: lexing errors, syntax
 * errors, hostile input (deep nesting, huge literals, very long files) all become diagnostics,
 * and the tree holds everything that could be recovered.
 */
import type { IToken, TokenType } from 'chevrotain';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { Expr, SourceFile, Span } from './ast';
import { AstBuilder } from './build-ast';
import { grammar } from './grammar';
import { describeToken } from './token-names';
import * as T from './tokens';

export interface ParseResult {
  ast: SourceFile;
  diagnostics: Diagnostic[];
  /** The tokens (without comments), for editor features such as semantic highlighting. */
  tokens: IToken[];
}

/** Limits that keep hostile input from exhausting the stack or the CPU. */
export const PARSE_LIMITS = { nesting: 64, literalDigits: 40, tokens: 1_000_000, operators: 500 };

const STATEMENT_STARTS = new Set<TokenType>(
  (['rule', 'table', 'fact', 'facts', 'hierarchy', 'let', 'assert', 'when', 'message', 'severity', 'tolerance', 'doc', 'title',
    'rollup', 'import', 'extends', 'precision', 'ruleset', 'override', 'disable'] as const).map((w) => T.kw(w)),
);

/** Start offsets of every line, for offset → line/column. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // Only \n line breaks (most files): let the engine's string search find them.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Parses one ruleset file. */
export function parse(text: string, file: string): ParseResult {
  const builder = new AstBuilder(file, text, lineStarts(text));
  const diagnostics: Diagnostic[] = [];
  const lexed = T.lexer().tokenize(text);
  for (const e of lexed.errors) {
    const span = builder.spanOf(e.offset, e.offset + Math.max(1, e.length));
    diagnostics.push(diagnostic('SUAN1002', span, { text: text.slice(e.offset, e.offset + Math.min(e.length, 20)) }));
  }
  let tokens = lexed.tokens;
  if (tokens.length > PARSE_LIMITS.tokens) {
    diagnostics.push(diagnostic('SUAN1006', builder.tokenSpan(tokens[PARSE_LIMITS.tokens]!), { tokens: tokens.length, limit: PARSE_LIMITS.tokens }));
    tokens = tokens.slice(0, PARSE_LIMITS.tokens);
  }
  const resumes = new Set<number>();
  tokens = guardNesting(tokens, builder, diagnostics, resumes);
  for (const t of tokens) {
    if (t.tokenType === T.UnterminatedString) diagnostics.push(diagnostic('SUAN1007', builder.tokenSpan(t)));
    if ((t.tokenType === T.NumberLiteral || t.tokenType === T.PercentLiteral) && t.image.replace(/[^0-9]/g, '').length > PARSE_LIMITS.literalDigits) {
      diagnostics.push(diagnostic('SUAN1004', builder.tokenSpan(t), { digits: t.image.replace(/[^0-9]/g, '').length, limit: PARSE_LIMITS.literalDigits }));
      t.image = t.tokenType === T.PercentLiteral ? '0%' : '0';
    }
  }

  let ast: SourceFile;
  try {
    const g = grammar();
    g.input = tokens;
    const cst = g.file();
    for (const e of g.errors) {
      // After a statement the guard skipped, the parser's complaint about the next one only echoes it.
      const at = e.token && !Number.isNaN(e.token.startOffset) && e.token.tokenType.name !== 'EOF' ? e.token.startOffset : -1;
      if (resumes.has(at)) continue;
      diagnostics.push(syntaxDiagnostic(e, builder, text));
    }
    ast = builder.file(cst, (lexed.groups['comments'] ?? []) as IToken[]);
    diagnostics.push(...builder.diagnostics);
  } catch (err) {
    // Last resort (e.g. a stack overflow the nesting guard did not foresee): report, return an empty tree.
    const span = builder.spanOf(0, Math.min(text.length, 1));
    diagnostics.push(diagnostic('SUAN1003', span, { limit: PARSE_LIMITS.nesting }));
    void err;
    ast = { kind: 'File', file, items: [], comments: [], span: builder.spanOf(0, text.length) };
  } finally {
    grammar().input = [];
  }
  return { ast, diagnostics: dedupe(diagnostics), tokens };
}

/**
 * Drops the rest of a statement whose nesting (brackets, `if`, prefix operators) passes the
 * limit, so the parser's recursion stays bounded; everything after the statement is kept.
 */
function guardNesting(tokens: IToken[], builder: AstBuilder, out: Diagnostic[], resumes?: Set<number>): IToken[] {
  const kept: IToken[] = [];
  let depth = 0;
  /** Bracket depth at which each open `if` stands; an `if` ends when its brackets close. */
  let ifs: number[] = [];
  let prefixRun = 0;
  let operators = 0;
  let skipping = false;
  let prev: TokenType | undefined;
  for (const t of tokens) {
    const type = t.tokenType;
    if (STATEMENT_STARTS.has(type) || (type === T.RBrace && depth <= 0)) {
      // The first token after a skipped statement: a syntax error here only echoes the guard's.
      if (skipping) resumes?.add(t.startOffset);
      skipping = false;
      depth = 0;
      ifs = [];
      prefixRun = 0;
      operators = 0;
    }
    if (skipping) continue;
    if (type === T.LParen || type === T.LBracket) depth++;
    else if (type === T.RParen || type === T.RBracket) {
      depth--;
      while (ifs.length && ifs[ifs.length - 1]! > depth) ifs.pop();
    }
    if (type === T.kw('if')) ifs.push(depth);
    const isPrefix = type === T.kw('not') || (type === T.Minus && (prev === undefined || !endsOperand(prev)));
    prefixRun = isPrefix ? prefixRun + 1 : 0;
    if ((BINARY_OPERATORS.has(type) && !isPrefix) || POSTFIX_OPERATORS.has(type)) operators++;
    if (depth + ifs.length + prefixRun > PARSE_LIMITS.nesting) {
      out.push(diagnostic('SUAN1003', builder.tokenSpan(t), { limit: PARSE_LIMITS.nesting }));
      skipping = true;
      continue;
    }
    if (operators > PARSE_LIMITS.operators) {
      out.push(diagnostic('SUAN1008', builder.tokenSpan(t), { limit: PARSE_LIMITS.operators }));
      skipping = true;
      continue;
    }
    kept.push(t);
    prev = type;
  }
  if (skipping) resumes?.add(-1); // the end of the input
  return kept;
}

/** `.x`, `[k]`, `as 万元`: each nests the expression once more. */
const POSTFIX_OPERATORS = new Set<TokenType>([T.Dot, T.LBracket, T.kw('as')]);

const BINARY_OPERATORS = new Set<TokenType>([
  T.Plus, T.Minus, T.Times, T.Divide, T.Coalesce, T.Approx, T.NotEqual, T.LessEqual, T.GreaterEqual, T.Equal, T.Less, T.Greater,
  T.kw('and'), T.kw('or'), T.kw('within'),
]);

function endsOperand(type: TokenType): boolean {
  return type === T.NumberLiteral || type === T.PercentLiteral || type === T.StringLiteral || type === T.Identifier ||
    type === T.QuotedIdentifier || type === T.RParen || type === T.RBracket || type === T.MoneyUnit ||
    type === T.kw('true') || type === T.kw('false') || type === T.kw('blank');
}

interface RecognitionError {
  name: string;
  message: string;
  token: IToken;
  previousToken?: IToken;
}

/** Keywords that mark structure: when one stands where a name was expected, the name is missing (no backticks hint). */
const STRUCTURAL_KEYWORDS = new Set(['in', 'where', 'then', 'else', 'and', 'or', 'not', 'as', 'within', 'for', 'let', 'assert', 'when', 'if', 'by', 'columns', 'to', 'en', 'zh']);

/** Tokens an expression can start with: listed together as "an expression" in syntax errors. */
const EXPRESSION_STARTS = new Set(['Identifier', 'QuotedIdentifier', 'NumberLiteral', 'PercentLiteral', 'StringLiteral', 'LParen', 'Minus', 'Kw_not', 'Kw_if', 'Kw_true', 'Kw_false', 'Kw_blank', 'Kw_count', 'Kw_key', 'Kw_tolerance']);

/**
 * A syntax error for people. `end` names what the input ends with (the end of the file, or the
 * closing brace of a message part).
 */
/** `endAt`: where the input ends (the end of the file; for a message's `{…}`, its closing brace). */
function syntaxDiagnostic(e: RecognitionError, builder: AstBuilder, text: string, end = { zh: '文件结尾', en: 'end of file' }, endAt = text.length): Diagnostic {
  let expected: string[] = [];
  try {
    const parsed = JSON.parse(e.message) as { expected?: string[] };
    expected = parsed.expected ?? [];
  } catch {
    expected = [];
  }
  const t = e.token;
  const atEnd = !t || t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
  let span: Span;
  if (!atEnd) span = builder.tokenSpan(t);
  else {
    const prev = e.previousToken && !Number.isNaN(e.previousToken.startOffset) ? e.previousToken : undefined;
    span = prev ? builder.spanOf(prev.endOffset! + 1, prev.endOffset! + 1) : builder.spanOf(endAt, endAt);
  }
  // "Expected end of file" at a token the top level cannot start with: a declaration was expected.
  if (!atEnd && expected.length === 1 && expected[0] === 'EOF') expected = ['DECLARATION'];
  // Expression starts collapse into one entry: "an expression (a name, a number, …)".
  const expression = expected.filter((x) => EXPRESSION_STARTS.has(x)).length >= 3;
  const shown = expression ? ['EXPRESSION', ...expected.filter((x) => !EXPRESSION_STARTS.has(x))] : expected;
  const unique = (xs: string[]) => [...new Set(xs)].slice(0, 8);
  const zh = unique(shown.map((x) => describeToken(x, 'zh-CN')));
  const en = unique(shown.map((x) => describeToken(x, 'en')));
  let hint = '';
  let hintEn = '';
  if (!atEnd && t.tokenType.name.startsWith('Kw_') && !STRUCTURAL_KEYWORDS.has(t.image) && (expected.includes('Identifier') || expected.includes('QuotedIdentifier'))) {
    hint = `“${t.image}” 是关键字；与关键字同名的名称请写在反引号中：\`${t.image}\`。`;
    hintEn = `"${t.image}" is a keyword; write a name spelled like a keyword in backticks: \`${t.image}\`.`;
  } else if (!atEnd && t.tokenType.name === 'Comma' && e.previousToken?.tokenType.name === 'NumberLiteral') {
    hint = '规则中的数字不用逗号分组：请写 1000 或 1_000。';
    hintEn = 'Numbers in rules are not grouped with commas: write 1000 or 1_000 (underscores group digits).';
  } else if (!atEnd && t.tokenType.name === 'RBrace' && expected.includes('DECLARATION')) {
    hint = '这个 “}” 没有对应的 “{”。';
    hintEn = 'This "}" closes nothing.';
  }
  return diagnostic('SUAN1001', span, {
    expected: zh.join(' 或 ') || '其他内容',
    expected_en: en.join(' or ') || 'something else',
    // A string is shown as written, in its own quotes: `found "t"`, not `found ""t""`.
    found: atEnd ? end.zh : t.tokenType.name === 'StringLiteral' ? `文本 ${t.image}` : `“${t.image}”`,
    found_en: atEnd ? end.en : t.tokenType.name === 'StringLiteral' ? `the text ${t.image}` : `"${t.image}"`,
    hint,
    hint_en: hintEn,
  });
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}:${d.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Parses an expression that stands inside a larger file (a `{…}` part of a message template).
 * `baseOffset` is where `text` starts in `fileText`, so spans point into the file.
 */
export function parseExpressionAt(text: string, file: string, fileText: string, baseOffset: number, starts = lineStarts(fileText)): { expr?: Expr; diagnostics: Diagnostic[] } {
  const builder = new AstBuilder(file, fileText, starts);
  const diagnostics: Diagnostic[] = [];
  const lexed = T.lexer().tokenize(text);
  for (const e of lexed.errors) {
    diagnostics.push(diagnostic('SUAN1002', builder.spanOf(baseOffset + e.offset, baseOffset + e.offset + Math.max(1, e.length)), { text: text.slice(e.offset, e.offset + Math.min(e.length, 20)) }));
  }
  for (const t of lexed.tokens) {
    t.startOffset += baseOffset;
    if (t.endOffset !== undefined) t.endOffset += baseOffset;
  }
  let tokens = guardNesting(lexed.tokens, builder, diagnostics);
  if (tokens.length > 10_000) tokens = tokens.slice(0, 10_000);
  try {
    grammar().input = tokens;
    const cst = grammar().expression();
    // Inside a message's `{…}` the input ends at the closing brace, not at the end of the file.
    for (const e of grammar().errors) diagnostics.push(syntaxDiagnostic(e, builder, fileText, { zh: '“}”', en: '"}"' }, baseOffset + text.length));
    diagnostics.push(...builder.diagnostics);
    return { expr: builder.expression(cst), diagnostics };
  } catch {
    diagnostics.push(diagnostic('SUAN1003', builder.spanOf(baseOffset, baseOffset + text.length), { limit: PARSE_LIMITS.nesting }));
    return { diagnostics };
  } finally {
    grammar().input = [];
  }
}
