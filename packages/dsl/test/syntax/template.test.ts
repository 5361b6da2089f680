/**
 * Message templates: text between `{` and `}` is an expression of the rule, `\{` and `\}` are
 * literal braces, strings may nest inside `{…}`, and errors inside `{…}` point into the ruleset
 * file (line and column of the offending token inside the string). (An unclosed `{`: see
 * known-bugs.test.ts.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseTemplate, type AST } from '../../src/index';
import { AstBuilder } from '../../src/syntax/build-ast';
import { lineStarts, parseExpressionAt } from '../../src/syntax/parse';
import { parseSimpleExpression } from '../../src/syntax/template';
import { REPO } from '../cli/run-cli';
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

  it('reports an empty {} at its closing brace, not at the end of the file', () => {
    // `message "A={}|"`: the `"` is at 3:11, the `}` at 3:15. It was reported at the end of the file.
    for (const inside of ['', ' ', '\u3000']) {
      const t = template(`"A={${inside}}|"`);
      expect(t.diagnostics).toEqual([`SUAN1001 3:${15 + inside.length}-3:${15 + inside.length}`]);
    }
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
    // The two that need the parser; `r.科目编码` is read without it, and is not kept.
    expect([...cache.keys()]).toEqual(['actual ?? blank', 'round(x.合计 * 2, 2)']);
    const fromCache = parseTemplate(b!.message!, text, undefined, cache);
    const fresh = parseTemplate(b!.message!, text);
    expect(fromCache).toEqual(fresh);
    const spans = (t: typeof fresh) => t.templates[0]!.parts.flatMap((p) => (p.kind === 'expr' ? [`${p.expr.span.line}:${p.expr.span.col}`] : []));
    expect(spans(fromCache)).toEqual(['7:18', '7:39', '7:48']);
  });
});

describe('simple template expressions, read without the parser', () => {
  /** Where an expression sits in a file: after two lines and some text, so that lines and columns are checked too. */
  const PREFIX = 'rule R {\n  assert 1 = 1\n  message "总计 {';
  const both = (source: string) => {
    const fileText = `${PREFIX}${source}}"\n}\n`;
    const at = PREFIX.length;
    const builder = new AstBuilder('/virtual/t.suan', fileText, lineStarts(fileText));
    return { simple: parseSimpleExpression(source, at, builder), parsed: parseExpressionAt(source, '/virtual/t.suan', fileText, at) };
  };

  /** Every `{…}` of the messages of the published rulesets and of the language's test rulesets, by file. */
  const published = (() => {
    const out = new Map<string, Set<string>>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.suan')) out.set(p, templateSources(fs.readFileSync(p, 'utf8'), p));
      }
    };
    walk(path.join(REPO, 'rulesets'));
    walk(path.join(REPO, 'packages/dsl/test'));
    return out;
  })();
  const all = [...new Set([...published.values()].flatMap((x) => [...x]))];

  it('gives the parser\'s very tree (every span) for names, members, numbers, conversions, calls and one ??', () => {
    const cases = [
      'actual', 'r.科目编码', ' r . 金额 ', '`其中：教育收费`', 'r.`其中：教育收费`', 'r.total', 'r.code', 'x.“三公”经费',
      'key(row)', 'count', 'tolerance', 'round(推算占比, 4)', 'round(x，2)', 'round(x、 2)', 'round(年初预算 as 万元, 2)', 'x as 元',
      'f()', 'f( )', 'f(g(h(x.a), 1_000), 2.50)', 'targetunit(x.指标值)', 'a.b.c.d', 'round(x, 4).y', '因公出国（境）费',
      '\u3000actual\u3000', 'r.元年', '元年', 'r.科目名称 ?? ""', 'x ?? "无"', 'x??""', 'a.b ?? c.d', 'x ?? 0', 'round(x, 2) ?? "—"',
    ];
    for (const source of cases) {
      const { simple, parsed } = both(source);
      expect(parsed.diagnostics, source).toEqual([]);
      expect(simple, source).toEqual(parsed.expr);
    }
  });

  it('leaves everything else to the parser', () => {
    const cases = [
      '', ' ', 'a + b', '-x', 'not x', '"text"', 'x ?? "a\\"b"', 'x ?? "{y}"', 'x ?? y ?? z', 'x ?? ', '?? x', 'f(x ?? 1)', 'x ?? y + 1', 'x[1]', '(x)', '12%', '3 万元', '4.', '1.2.3', 'x.',
      'x. 元', 'as', 'x as', 'x as y', 'if a then b else c', 'sum(x.金额 for x in 表)', 'f(x', 'f(x,)', 'true', 'blank', 'total',
      '万元', 'r 1', 'a b', '12345678901234567890', 'f(f(f(f(f(f(f(f(f(f(x))))))))))', '# comment', 'x // y',
    ];
    for (const source of cases) expect(both(source).simple, source).toBeUndefined();
  });

  it('reads every message expression of the published rulesets as the parser does, most of them alone', () => {
    expect(all.length).toBeGreaterThan(100);
    let simple = 0;
    for (const source of all) {
      const r = both(source);
      if (r.simple === undefined) continue;
      simple++;
      expect(r.parsed.diagnostics, source).toEqual([]);
      expect(r.simple, source).toEqual(r.parsed.expr);
    }
    expect(simple / all.length).toBeGreaterThan(0.9);
    // The juesuan ruleset (what a batch run starts with) needs no parser for its messages.
    const juesuan = [...published].filter(([f]) => f.startsWith(path.join(REPO, 'rulesets/juesuan/'))).flatMap(([, x]) => [...x]);
    expect(juesuan.length).toBeGreaterThan(50);
    expect(juesuan.filter((s) => both(s).simple === undefined)).toEqual([]);
  });
});

/** The text of every `{…}` in the messages of a ruleset file (every Text in its tree that is a `message`). */
function templateSources(text: string, file: string): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown, key: string): void => {
    if (Array.isArray(v)) return v.forEach((x) => visit(x, key));
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.kind === 'Text' && key === 'message') {
      for (const t of parseTemplate(o as unknown as AST.Text, text).templates) for (const p of t.parts) if (p.kind === 'expr') out.add(p.source);
      return;
    }
    for (const [k, x] of Object.entries(o)) visit(x, k);
  };
  visit(parse(text, file).ast, '');
  return out;
}
