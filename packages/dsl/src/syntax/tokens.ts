/**
 * The scanner: token types of the Suan language and the one shared lexer instance.
 *
 * Keywords are English words; names (tables, columns, facts, rules) are usually Chinese and are
 * lexed as identifiers (`\p{L}` covers CJK). Names with punctuation are written in backticks:
 * `“三公”经费`.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/** A custom matcher for a Unicode regular expression (chevrotain drops the `u` flag of plain patterns). */
function sticky(re: RegExp): (text: string, offset: number) => RegExpExecArray | null {
  const r = new RegExp(re.source, 'uy');
  return (text, offset) => {
    r.lastIndex = offset;
    return r.exec(text);
  };
}

/**
 * A name: letters (CJK included), digits and `_`, not starting with a digit. Full-width
 * parenthesised parts and Chinese double quotes may appear inside a name, because standard
 * classification names contain them: 因公出国（境）费, “三公”经费支出决算表.
 */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: sticky(/(?:[\p{L}_]|“[^”\s]*”)(?:[\p{L}\p{N}_]|（[^（）\s]*）|“[^”\s]*”)*/u),
  line_breaks: false,
});
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /`[^`\n\r]*`/ });

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

const keywordTokens = new Map<string, TokenType>();
for (const word of KEYWORDS) {
  keywordTokens.set(word, createToken({ name: `Kw_${word}`, pattern: new RegExp(word), longer_alt: Identifier }));
}
/** The token type of a keyword. */
export function kw(word: Keyword): TokenType {
  return keywordTokens.get(word)!;
}

/** Money units. `元` and `万元` are the ones disclosures use; 千元 and 亿元 are accepted too. */
export const MoneyUnit = createToken({ name: 'MoneyUnit', pattern: /万元|亿元|千元|元/, longer_alt: Identifier });

export const PercentLiteral = createToken({ name: 'PercentLiteral', pattern: /\d[\d_]*(?:\.\d+)?[%％]/ });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /\d[\d_]*(?:\.\d+)?/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\n\r]|\\.)*"/ });

export const Comment = createToken({ name: 'Comment', pattern: /(?:#|\/\/)[^\n\r]*/, group: 'comments' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u3000\uFEFF]+/, group: Lexer.SKIPPED, line_breaks: true });

export const LBrace = createToken({ name: 'LBrace', pattern: /[{｛]/ });
export const RBrace = createToken({ name: 'RBrace', pattern: /[}｝]/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const Comma = createToken({ name: 'Comma', pattern: /[,，、]/ });
export const Colon = createToken({ name: 'Colon', pattern: /[:：]/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });

export const Coalesce = createToken({ name: 'Coalesce', pattern: /\?\?/ });
export const Approx = createToken({ name: 'Approx', pattern: /≈|~=/ });
export const NotEqual = createToken({ name: 'NotEqual', pattern: /!=|≠|<>/ });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=|≤|≦/ });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=|≥|≧/ });
export const Equal = createToken({ name: 'Equal', pattern: /==|=|＝/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-|−/ });
export const Times = createToken({ name: 'Times', pattern: /\*|×/ });
export const Divide = createToken({ name: 'Divide', pattern: /\/|÷/ });

/** Order matters: comments before `/`, multi-character operators before their prefixes. */
export const allTokens: TokenType[] = [
  WhiteSpace, Comment,
  PercentLiteral, NumberLiteral, StringLiteral, QuotedIdentifier,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Comma, Colon, Dot,
  Coalesce, Approx, NotEqual, LessEqual, GreaterEqual, Equal, Less, Greater,
  Plus, Minus, Times, Divide,
  MoneyUnit,
  ...[...keywordTokens.values()].sort((a, b) => b.name.length - a.name.length),
  Identifier,
];

/** The one lexer instance (chevrotain lexers are reusable and stateless between calls). */
export const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false, recoveryEnabled: true });

/** Whether a word is reserved (then a name spelled like it must be written in backticks). */
export function isKeyword(word: string): boolean {
  return keywordTokens.has(word);
}
