/**
 * The scanner: token types of the Suan language and the one shared lexer instance.
 *
 * Keywords are English words; names (tables, columns, facts, rules) are usually Chinese and are
 * lexed as identifiers. Names with other punctuation are written in backticks: `其中：教育收费`.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * Letters a name may contain: Latin, Greek, Cyrillic, kana, bopomofo, CJK (with extensions A–G and
 * compatibility ideographs), Hangul, full-width Latin (and full-width digits after the first
 * character). Written as ranges (not \p{L}) so the lexer can index tokens by their first character.
 */
/** CJK Unified Ideographs extensions B–G (rare characters of place and person names), as surrogate pairs. */
const ASTRAL = '[\\uD840-\\uD87F][\\uDC00-\\uDFFF]';
const LETTER = 'A-Za-z_\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u03FF\\u0400-\\u052F\\u3005-\\u3007\\u3021-\\u3029\\u3041-\\u3096\\u30A1-\\u30FA\\u3105-\\u312F\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uAC00-\\uD7A3\\uFF21-\\uFF3A\\uFF41-\\uFF5A';

/**
 * A name: letters and digits, not starting with a digit. Full-width parenthesised parts and
 * Chinese double quotes may appear inside a name, because standard classification names contain
 * them: 因公出国（境）费, “三公”经费支出决算表.
 */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: new RegExp(`(?:[${LETTER}]|${ASTRAL}|“[^”\\s]*”)(?:[${LETTER}0-9\\uFF10-\\uFF19]|${ASTRAL}|（[^（）\\s]*）|“[^”\\s]*”)*`),
  line_breaks: false,
});
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /`[^`\n\r]*`/, line_breaks: false });

/** Every keyword, in one list so the formatter, completion and highlighting agree. */
export const KEYWORDS = [
  'ruleset', 'title', 'version', 'issuer', 'kind', 'years', 'to', 'licence', 'description',
  'import', 'extends', 'override', 'disable',
  'hierarchy', 'table', 'key', 'fact', 'facts', 'precision', 'unit',
  'rule', 'severity', 'error', 'warning', 'info', 'tolerance', 'doc', 'when', 'for', 'in', 'where',
  'let', 'assert', 'message', 'rollup', 'columns', 'total', 'by',
  'if', 'then', 'else', 'and', 'or', 'not', 'as', 'within', 'true', 'false', 'blank',
  'money', 'percent', 'count', 'number', 'text', 'code', 'date', 'bool',
  'en', 'zh',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

/**
 * Soft keywords: the words of scorecard clauses and methods. They are lexed as names and are
 * keywords only where a clause or a method begins (language.md §11), so they are not reserved:
 * `round(x, 2)`, `{actual}` and a column named `weight` stay names. Listed for completion and
 * highlighting.
 */
export const SOFT_KEYWORDS = [
  'scorecard', 'indicator', 'levels', 'weight', 'target', 'actual', 'reported', 'round', 'grade', 'score', 'extra',
  'full', 'proportional', 'threshold', 'execution', 'deduct', 'per', 'below', 'above', 'of', 'steps', 'floor', 'ceil', 'exact',
  'bands', 'qualitative', 'auto', 'parts',
] as const;

/** Category matched by every keyword: after `.` and as a column name a keyword is just a name (`r.total`). */
export const AnyKeyword = createToken({ name: 'AnyKeyword', pattern: Lexer.NA });

const keywordTokens = new Map<string, TokenType>();
for (const word of KEYWORDS) {
  keywordTokens.set(word, createToken({ name: `Kw_${word}`, pattern: new RegExp(word), longer_alt: Identifier, categories: [AnyKeyword], line_breaks: false, start_chars_hint: [word[0]!] }));
}

/** The token type of a keyword. */
export function kw(word: Keyword): TokenType {
  return keywordTokens.get(word)!;
}

/** Money units. `元` and `万元` are the ones disclosures use; 千元 and 亿元 are accepted too. */
export const MoneyUnit = createToken({ name: 'MoneyUnit', pattern: /万元|亿元|千元|元/, longer_alt: Identifier, line_breaks: false });

export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /\d[\d_]*(?:\.\d+)?[%％]/, line_breaks: false });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d[\d_]*(?:\.\d+)?/, line_breaks: false });
/**
 * A string literal. Inside `{…}` (message templates) a string may contain further strings, so
 * `"{r.科目名称 ?? ""}：{actual}"` is one token: braces and nested quotes are tracked.
 */
export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: { exec: matchString },
  start_chars_hint: ['"'],
  line_breaks: false,
});

function matchString(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 34) return null;
  const end = scanTemplateString(text, offset) ?? scanPlainString(text, offset);
  return end === undefined ? null : ([text.slice(offset, end)] as unknown as RegExpExecArray);
}

/** End (exclusive) of a string whose `{…}` parts may hold strings; undefined if the line ends first. */
function scanTemplateString(text: string, offset: number): number | undefined {
  let depth = 0;
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return undefined;
    if (c === 92 /* \\ */) i++;
    else if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */ && depth > 0) depth--;
    else if (c === 34 /* " */) {
      if (depth === 0) return i + 1;
      // A string inside a template expression: skip to its closing quote.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) return undefined;
        if (d === 92) i++;
      }
    }
  }
  return undefined;
}

/** End (exclusive) of a string closed by its first unescaped quote (a template with a forgotten "}"). */
function scanPlainString(text: string, offset: number): number | undefined {
  for (let i = offset + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return undefined;
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return undefined;
}

/** The rest of the line after an unclosed quote, leaving out a final `}` (it most likely closes the rule). */
function matchUnterminated(text: string, offset: number): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 34) return null;
  let end = offset + 1;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  const line = text.slice(offset, end);
  const m = /\s+}\s*$/.exec(line);
  return [m && m.index > 0 ? line.slice(0, m.index) : line] as unknown as RegExpExecArray;
}

/**
 * A string with no closing quote on its line. It stands in for a string (so one missing quote is
 * one error, not a cascade); parse.ts reports it.
 */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: { exec: matchUnterminated },
  start_chars_hint: ['"'],
  line_breaks: false,
  categories: [StringLiteral],
});

export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\n\r]*/, group: 'comments', line_breaks: false });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });

export const LBrace = createToken({ name: 'LBrace', pattern: /[{｛]/, line_breaks: false });
export const RBrace = createToken({ name: 'RBrace', pattern: /[}｝]/, line_breaks: false });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, line_breaks: false });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, line_breaks: false });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, line_breaks: false });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/, line_breaks: false });
export const Comma = createToken({ name: 'Comma', pattern: /[,，、]/, line_breaks: false });
export const Colon = createToken({ name: 'Colon', pattern: /[:：]/, line_breaks: false });
export const Dot = createToken({ name: 'Dot', pattern: /\./, line_breaks: false });

export const Coalesce = createToken({ name: 'Coalesce', pattern: /\?\?/, line_breaks: false });
export const Approx = createToken({ name: 'Approx', pattern: /≈|~=/, line_breaks: false });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=|≠|<>/, line_breaks: false });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=|≤|≦/, line_breaks: false });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=|≥|≧/, line_breaks: false });
export const Equal = createToken({ name: 'Equal', pattern: /==|=|＝/, line_breaks: false });
export const Less = createToken({ name: 'Less', pattern: /</, line_breaks: false });
export const Greater = createToken({ name: 'Greater', pattern: />/, line_breaks: false });
export const Plus = createToken({ name: 'Plus', pattern: /\+/, line_breaks: false });
export const Minus = createToken({ name: 'Minus', pattern: /-|−/, line_breaks: false });
export const Times = createToken({ name: 'Times', pattern: /\*|×/, line_breaks: false });
export const Divide = createToken({ name: 'Divide', pattern: /\/|÷/, line_breaks: false });

/** Order matters: comments before `/`, multi-character operators before their prefixes. */
export const allTokens: TokenType[] = [
  WhiteSpace, Comment,
  PercentLiteral, NumberLiteral, StringLiteral, UnterminatedString, QuotedIdentifier,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Comma, Colon, Dot,
  Coalesce, Approx, NotEqual, LessEqual, GreaterEqual, Equal, Less, Greater,
  Plus, Minus, Times, Divide,
  MoneyUnit,
  AnyKeyword,
  ...[...keywordTokens.values()].sort((a, b) => b.name.length - a.name.length),
  Identifier,
];

export function buildLexer(validate: boolean): Lexer {
  return new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true, recoveryEnabled: true, skipValidations: !validate });
}

let instance: Lexer | undefined;

/** The one lexer instance, built on first use. Validation of the token definitions is skipped (it is slow); a test runs it. */
export function lexer(): Lexer {
  return (instance ??= buildLexer(false));
}

/** Whether a word is reserved (then a name spelled like it must be written in backticks). */
export function isKeyword(word: string): boolean {
  return keywordTokens.has(word);
}
