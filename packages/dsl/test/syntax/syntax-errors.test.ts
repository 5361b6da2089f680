/**
 * Regression tests: each states a behaviour that was once wrong (found by the test suite) and
 * is now fixed. The comment above a test says what the defect was.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage, parse, type AST } from '../../src/index';
import { messages, ruleset } from '../helpers';

const en = (text: string) => parse(text, 'x.suan').diagnostics.map((d) => formatMessage(d, 'en'));
const zh = (text: string) => parse(text, 'x.suan').diagnostics.map((d) => formatMessage(d, 'zh-CN'));

describe('syntax error messages', () => {
  // token-names.ts has no human name for Minus, AnyKeyword (nor Plus, Times, Coalesce, Less, …),
  // so describeToken() returns the internal token type name.
  it('never shows internal token names such as Minus or AnyKeyword', () => {
    for (const t of ['rule R { assert }', 'rule R { rollup 表 columns }', 'rule R { assert 1. = 1 }', 'ruleset { title "x" }', 'rule R { tolerance }']) {
      for (const m of [...en(t), ...zh(t)]) expect(m, t).not.toMatch(/\b(Minus|Plus|Times|Divide|AnyKeyword|Coalesce|LParen|Less|Greater|Kw_\w+)\b/);
    }
  });

  // parse.ts syntaxDiagnostic() keeps the first 6 expected token kinds, so the list after `+`
  // names only literals: a user is told a name or "(" cannot follow `+`.
  it('says a name may follow an operator', () => {
    const [m] = en('rule R { assert 1 + }');
    expect(m).toMatch(/a name/);
  });

  // token-names.ts buildNotAllInputParsedMessage() says "expected end of file" for any token the
  // top level cannot start with; a user who typed a stray word or an extra "}" needs to hear that
  // a declaration (rule, table, fact, …) was expected, or that the "}" closes nothing.
  it('says a declaration is expected where a top-level statement cannot start', () => {
    for (const t of ['garbage here\nrule R { assert 1 = 1 }', 'rule R { assert 1 = 1 }}']) {
      const [m] = en(t);
      expect(m, t).not.toMatch(/end of file/);
      expect(m, t).toMatch(/`rule`|declaration|"}"/);
    }
  });

  // language.md §1: "a name spelled like a keyword is written in backticks". The error for
  // `table rule` says only "expected a name", and three more errors follow.
  it('suggests backticks for a name spelled like a keyword, with one error', () => {
    const ms = en('table rule { 金额: money }\nrule R { assert 1 = 1 }');
    expect(ms[0]).toMatch(/`/);
    expect(ms[0]).toMatch(/backtick/);
    expect(ms.length).toBe(1);
  });

  // language.md §1: commas do not group digits. `1,000` gets "expected "}" here, found ","",
  // which does not say what to write instead.
  it('explains that commas do not group digits in rules', () => {
    const [m] = en('rule R { assert 1,000 = 1000 }');
    expect(m).toMatch(/1_000|digit/);
  });

  // parse.ts wrapped a string token's image in quotes of its own: `table T "t" {` (a title
  // where it cannot stand) said 'found ""t""'.
  it('shows a string found where it cannot stand once quoted, as the text it is', () => {
    expect(en('table T "t" { a: money }')[0]).toMatch(/found the text "t"\./);
    expect(zh('table T "t" { a: money }')[0]).toMatch(/实际是 文本 "t"。/);
  });
});

describe('valid rulesets that do not parse', () => {
  // grammar.ts typeRef: the optional `precision <number>` of a type is taken whenever the next
  // token is `precision`, so a document-wide `precision facts …` right after a fact declaration
  // is read as that fact's precision and fails on `facts`.
  it('a document-wide precision right after a fact', () => {
    const r = parse('fact 收支总计: money 万元\nprecision facts 0.01 万元\nfact 增长率: percent\nprecision table 0.01', 'x.suan');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.items.map((i) => i.kind)).toEqual(['Fact', 'DocPrecision', 'Fact', 'DocPrecision']);
  });

  // parse.ts guardNesting() counts every `if` of a statement and never decrements, so 65 `if`
  // expressions side by side (not nested) are reported as "nesting is too deep".
  it('many if-expressions side by side are not nesting', () => {
    const sum = Array.from({ length: 70 }, (_, i) => `(if 甲 > ${i} then 1 else 0)`).join(' + ');
    expect(en(`fact 甲: number\nrule R { assert ${sum} >= 0 }`)).toEqual([]);
  });

  // tokens.ts LETTER lists BMP ranges only (since the switch away from \p{L}): characters of CJK
  // extensions B–G (used for rare characters in names of places and people, e.g. 𬌗 U+2C317) and
  // full-width digits (第１项, as typed with a Chinese input method) are "unrecognised".
  it('names with CJK extension characters and full-width digits', () => {
    const r = parse('fact 𬌗区财政: money\nfact 第１项: money', 'x.suan');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.items.map((i) => (i as AST.Fact).name.text)).toEqual(['𬌗区财政', '第１项']);
  });
});

describe('message templates', () => {
  // language.md §5 lists `tolerance` among the names a message may use, but `tolerance` is a
  // keyword and callOrName accepts only names (and count/key): "{tolerance}" is a syntax error.
  it('a message can show {tolerance}', () => {
    const rs = ruleset('ruleset t { title "t" }\nfact 甲: number\nrule R { tolerance 0.5 assert 甲 = 1 message "{actual} ± {tolerance}" }');
    expect(messages(rs.program.diagnostics)).toEqual([]);
  });

  // tokens.ts (since strings may nest inside `{…}`): the scanner counts braces inside a message
  // string, so after a `{` without its `}` the closing quote is taken to open a nested string.
  // A forgotten "}" now gives "String has no closing quote" twice and a syntax error, and the
  // rule loses its message — instead of SUAN1005 at the brace.
  it('a "{" without its "}" in a message is reported at the brace, once', () => {
    const rs = ruleset('ruleset t { title "t" }\nfact 甲: number\nrule R { assert 甲 = 1 message "差额 {甲} 与 {甲" en "x" }\nrule S { assert 1 = 1 }');
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN1005 3:41 A "{" in the message template has no matching "}". Write \\{ for a literal brace.']);
    expect(rs.program.rules.map((r) => r.id)).toEqual(['R', 'S']);
  });

  // parse.ts parseExpressionAt() reuses syntaxDiagnostic(), which calls the end of the `{…}` part
  // "end of file" — inside a message the user's file has not ended.
  it('an incomplete expression inside braces is not "at the end of the file"', () => {
    const rs = ruleset('ruleset t { title "t" }\nfact 甲: number\nrule R { assert 甲 = 1 message "值 {甲 +}" }');
    const m = messages(rs.program.diagnostics);
    expect(m.length).toBe(1);
    expect(m[0]).not.toMatch(/end of file/);
  });
});

describe('syntax errors inside a scorecard', () => {
  // With a lookahead of 3 tokens (grammar.ts, `maxLookahead`), a score entry whose colon was
  // lost (`score elsto` for `score else: auto`) was reported one line too early, at `score`,
  // as if no clause could start there. The grammar needs only 2 (its validation passes with 2),
  // and with 2 the error is where the colon is missing.
  it('says where a score entry lost its colon', () => {
    const text = 'scorecard 考核 {\n  table 指标表\n  score 培训班次: proportional\n  score elsto\n}\n';
    expect(parse(text, 'x.suan').diagnostics.map((d) => `${d.span.line}:${d.span.col} ${formatMessage(d, 'en')}`)).toEqual([
      '5:1 Syntax error: expected ":" here, found "}".',
    ]);
  });
});
