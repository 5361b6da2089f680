/**
 * Message templates: text between `{` and `}` is an expression of the rule, `\{` and `\}` are
 * literal braces, strings may nest inside `{…}`, and errors inside `{…}` point into the ruleset
 * file (line and column of the offending token inside the string). (An unclosed `{`: see
 * known-bugs.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { parse, parseTemplate, type AST } from '../../src/index';
import { messages, ruleset } from '../helpers';

function template(message: string) {
  const text = `rule R {\n  assert 1 = 1\n  message ${message}\n}`;
  const r = parse(text, '/virtual/t.suan');
  expect(r.diagnostics).toEqual([]);
  const rule = r.ast.items[0] as AST.Rule;
  const t = parseTemplate(rule.message!, text);
  const parts = t.templates.map((v) => ({
    lang: v.lang,
    parts: v.parts.map((p) => (p.kind === 'text' ? `text ${JSON.stringify(p.value)}` : `expr ${p.source} @${p.expr.span.line}:${p.expr.span.col}`)),
  }));
  return { parts, diagnostics: t.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}-${d.span.endLine}:${d.span.endCol}`) };
}

describe('message templates', () => {
  it('splits text and expressions, and points each expression into the file', () => {
    expect(template('"{r.科目编码} 合计 {actual}，分项之和 {expected}" en "total {actual}"')).toEqual({
      parts: [
        { lang: 'default', parts: ['expr r.科目编码 @3:13', 'text " 合计 "', 'expr actual @3:25', 'text "，分项之和 "', 'expr expected @3:39'] },
        { lang: 'en', parts: ['text "total "', 'expr actual @3:61'] },
      ],
      diagnostics: [],
    });
  });

  it('reads \\{ and \\} as literal braces, and other escapes as in strings', () => {
    expect(template('"\\{字面\\} {actual}\\t\\"引\\""').parts[0]!.parts).toEqual(['text "{字面} "', 'expr actual @3:20', 'text "\\t\\"引\\""']);
  });

  it('keeps whole expressions: calls, conditions, lookups', () => {
    expect(template('"{round(actual, 2)} {if actual > 0 then 1 else 2} {表[1].金额}"').parts[0]!.parts).toEqual([
      'expr round(actual, 2) @3:13', 'text " "', 'expr if actual > 0 then 1 else 2 @3:32', 'text " "', 'expr 表[1].金额 @3:62',
    ]);
  });

  it('reads strings nested in an expression, with their braces and quotes', () => {
    expect(template('"{表["合计"].金额} {if actual > 0 then "正{" else "负}"} {r.名称 ?? ""}"').parts[0]!.parts).toEqual([
      'expr 表["合计"].金额 @3:13', 'text " "', 'expr if actual > 0 then "正{" else "负}" @3:26', 'text " "', 'expr r.名称 ?? "" @3:62',
    ]);
  });

  it('reports a syntax error inside braces at its place in the file', () => {
    const t = template('"合计 {actual ×× 2}"');
    expect(t.diagnostics).toEqual(['SUAN1001 3:24-3:25']); // the second ×
  });

  it('has no parts for an empty message and a single text part without braces', () => {
    expect(template('""').parts).toEqual([{ lang: 'default', parts: [] }]);
    expect(template('"没有数值"').parts).toEqual([{ lang: 'default', parts: ['text "没有数值"'] }]);
  });
});

describe('message templates through the checker', () => {
  const head = 'ruleset t { title "t" }\nfact 甲: number\n';

  it('resolves names inside braces and reports unknown ones where they are written, with a suggestion', () => {
    const rs = ruleset(`${head}rule R { assert 甲 = 1 message "值 {乙}" en "value {甲}" }`);
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN2001 3:35 Unknown name "乙". Did you mean "甲"?']);
  });

  it('knows the template specials of a comparison', () => {
    const rs = ruleset(`${head}rule R { assert 甲 ≈ 1 within 0.5 message "{actual} {expected} {difference} {distance}" }`);
    expect(messages(rs.program.diagnostics)).toEqual([]);
  });

  it('knows column, children and row in roll-up messages', () => {
    const rs = ruleset(`${head}hierarchy H { 类 3 款 5 }
table 表 { key 编码: code H  金额: money }
rule U { rollup 表 columns 金额  message "{key(row)} {column} {children} {actual} {expected} {difference}" }`);
    expect(messages(rs.program.diagnostics)).toEqual([]);
  });

  it('evaluates strings nested in message expressions', () => {
    const rs = ruleset(`${head}table 表 { key 编码: text  金额: money }\nrule R { assert 表["合计"].金额 >= 0 元 message "合计 {表["合计"].金额}" }`);
    expect(messages(rs.program.diagnostics)).toEqual([]);
  });
});

describe('message expressions seen before (one run of the checker)', () => {
  it('gives the tree a fresh parse gives, placed where the expression is written', () => {
    const text = [
      'rule A {', '  assert 1 = 1', '  message "{r.科目编码}：{actual ?? blank} 与 {round(x.合计 * 2, 2)}"', '}',
      'rule B {', '  assert 1 = 1', '    message "前缀 {round(x.合计 * 2, 2)} {r.科目编码}：{actual ?? blank}"', '}',
    ].join('\n');
    const r = parse(text, '/virtual/t.suan');
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.ast.items as AST.Rule[];
    const cache = new Map();
    parseTemplate(a!.message!, text, undefined, cache);
    expect(cache.size).toBe(3);
    const fromCache = parseTemplate(b!.message!, text, undefined, cache);
    const fresh = parseTemplate(b!.message!, text);
    expect(fromCache).toEqual(fresh);
    const spans = (t: typeof fresh) => t.templates[0]!.parts.flatMap((p) => (p.kind === 'expr' ? [`${p.expr.span.line}:${p.expr.span.col}`] : []));
    expect(spans(fromCache)).toEqual(['7:18', '7:39', '7:48']);
  });
});
