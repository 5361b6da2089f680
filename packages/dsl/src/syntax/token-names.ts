/**
 * Human names of token types, for syntax errors in zh-CN and en, and the parser's error message
 * provider (which passes the expected token names on as JSON for `parse.ts` to localise).
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import type { Lang } from '../diagnostics/diagnostic';

const NAMES: Record<string, { zh: string; en: string }> = {
  Identifier: { zh: '名称', en: 'a name' },
  QuotedIdentifier: { zh: '名称', en: 'a name' },
  NumberLiteral: { zh: '数字', en: 'a number' },
  PercentLiteral: { zh: '百分数', en: 'a percentage' },
  StringLiteral: { zh: '字符串 "…"', en: 'a string "…"' },
  MoneyUnit: { zh: '货币单位（元、万元）', en: 'a money unit (元, 万元)' },
  LBrace: { zh: '“{”', en: '"{"' },
  RBrace: { zh: '“}”', en: '"}"' },
  LParen: { zh: '“(”', en: '"("' },
  RParen: { zh: '“)”', en: '")"' },
  LBracket: { zh: '“[”', en: '"["' },
  RBracket: { zh: '“]”', en: '"]"' },
  Comma: { zh: '“,”', en: '","' },
  Colon: { zh: '“:”', en: '":"' },
  Dot: { zh: '“.”', en: '"."' },
  Equal: { zh: '“=”', en: '"="' },
  Approx: { zh: '“≈”', en: '"≈"' },
  EOF: { zh: '文件结尾', en: 'end of file' },
  AnyKeyword: { zh: '名称', en: 'a name' },
  Plus: { zh: '“+”', en: '"+"' },
  Minus: { zh: '“-”', en: '"-"' },
  Times: { zh: '“×”', en: '"×"' },
  Divide: { zh: '“÷”', en: '"÷"' },
  Coalesce: { zh: '“??”', en: '"??"' },
  NotEqual: { zh: '“≠”', en: '"≠"' },
  LessEqual: { zh: '“≤”', en: '"≤"' },
  GreaterEqual: { zh: '“≥”', en: '"≥"' },
  Less: { zh: '“<”', en: '"<"' },
  Greater: { zh: '“>”', en: '">"' },
  UnterminatedString: { zh: '字符串 "…"', en: 'a string "…"' },
  EXPRESSION: { zh: '表达式（名称、数字、字符串、“(” 等）', en: 'an expression (a name, a number, a string, "(" …)' },
  DECLARATION: { zh: '声明（rule、scorecard、table、fact、hierarchy、import 等）', en: 'a declaration (`rule`, `scorecard`, `table`, `fact`, `hierarchy`, `import`, …)' },
};

/** A token type's name for people, e.g. `Kw_rule` → `rule`, `Identifier` → `名称` / `a name`. */
export function describeToken(typeName: string, lang: Lang): string {
  if (typeName.startsWith('Kw_')) return `\`${typeName.slice(3)}\``;
  // Soft keywords (scorecard clause words): names recognised by their spelling in one position.
  if (typeName.startsWith('Soft_')) return `\`${typeName.slice(5)}\``;
  const n = NAMES[typeName];
  if (!n) return typeName;
  return lang === 'en' ? n.en : n.zh;
}

const names = (types: TokenType[]) => types.map((t) => t.name);

/** Produces JSON `{ "expected": [token names] }` instead of English prose. */
export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected }: { expected: TokenType; actual: IToken }) {
    return JSON.stringify({ expected: [expected.name] });
  },
  buildNotAllInputParsedMessage() {
    // Only the top level stops before the end: what can stand there is a declaration.
    return JSON.stringify({ expected: ['DECLARATION'] });
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, customUserDescription }: { expectedPathsPerAlt: TokenType[][][]; customUserDescription?: string }) {
    // An alternation written with ERR_MSG passes its own JSON list (soft keywords are not token types).
    if (customUserDescription && customUserDescription.startsWith('{')) return customUserDescription;
    return JSON.stringify({ expected: expectedPathsPerAlt.flatMap((alt) => alt.map((path) => path[0]?.name ?? 'EOF')) });
  },
  buildEarlyExitMessage({ expectedIterationPaths }: { expectedIterationPaths: TokenType[][] }) {
    return JSON.stringify({ expected: expectedIterationPaths.map((p) => names(p)[0] ?? 'EOF') });
  },
};
