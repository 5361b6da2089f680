/**
 * The TextMate grammar: generated file up to date, keyword lists in step with the language
 * (KEYWORDS, SOFT_KEYWORDS, BUILTINS, TEMPLATE_SPECIALS of @suan/dsl), and tokenization by
 * VS Code's own engine of every construct the brief lists.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTINS, KEYWORDS, SOFT_KEYWORDS, TEMPLATE_SPECIALS } from '@suan/dsl';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BUILTIN_FUNCTIONS, GRAMMAR_FILE, KEYWORD_GROUPS, MARKDOWN_GRAMMAR_FILE, SCORECARD_CLAUSES, SCORECARD_METHODS,
  TEMPLATE_SPECIALS as GRAMMAR_TEMPLATE_SPECIALS, grammar, markdownGrammar, render,
} from '../../scripts/grammar.mjs';
import { scopeOf, suanTokenizer, type Token } from './textmate';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('grammar lists', () => {
  test('the generated grammar files are up to date (node packages/vscode-ext/scripts/grammar.mjs)', () => {
    expect(readFileSync(GRAMMAR_FILE, 'utf8')).toBe(render(grammar()));
    expect(readFileSync(MARKDOWN_GRAMMAR_FILE, 'utf8')).toBe(render(markdownGrammar()));
  });

  test('every keyword of tokens.ts KEYWORDS is highlighted, exactly once', () => {
    const all = Object.values(KEYWORD_GROUPS).flat();
    expect([...all].sort()).toEqual([...KEYWORDS].sort());
    expect(new Set(all).size).toBe(all.length);
  });

  test('scorecard soft keywords are those of tokens.ts SOFT_KEYWORDS', () => {
    expect(['scorecard', ...SCORECARD_CLAUSES, ...SCORECARD_METHODS].sort()).toEqual([...SOFT_KEYWORDS].sort());
  });

  test('built-in functions and template specials are those of the checker', () => {
    expect([...BUILTIN_FUNCTIONS].sort()).toEqual(Object.keys(BUILTINS).sort());
    for (const s of GRAMMAR_TEMPLATE_SPECIALS) expect(TEMPLATE_SPECIALS as readonly string[]).toContain(s);
  });
});

describe('tokenization with VS Code\'s TextMate engine', () => {
  let tokenize: (text: string) => Token[][];
  beforeAll(async () => {
    tokenize = await suanTokenizer(path.resolve(here, '../../syntaxes/suan.tmLanguage.json'));
  }, 600_000);

  const last = (t: Token | undefined) => t?.scopes[t.scopes.length - 1];

  test('declarations, keywords, types, units, comments', () => {
    const [header, hier, table, key, col, fact, c1, c2] = tokenize([
      'ruleset 某省.决算公开 {',
      'hierarchy 功能分类 { 类 3  款 5  项 7 }',
      'table 收入决算表 {',
      '  key 科目编码: code 功能分类',
      '  `其中：教育收费`: money 万元',
      'fact 收支总计: money 万元 precision 0.01',
      '# 注释 rule',
      '// comment "x"',
    ].join('\n'));
    expect(scopeOf(header!, 'ruleset')).toBe('storage.type.ruleset.suan');
    expect(scopeOf(header!, '某省.决算公开')).toBe('entity.name.namespace.suan');
    expect(scopeOf(hier!, '功能分类')).toBe('entity.name.type.hierarchy.suan');
    expect(scopeOf(hier!, '3')).toBe('constant.numeric.decimal.suan');
    expect(scopeOf(table!, 'table')).toBe('storage.type.table.suan');
    expect(scopeOf(table!, '收入决算表')).toBe('entity.name.type.table.suan');
    expect(scopeOf(key!, 'key')).toBe('keyword.other.key.suan');
    expect(scopeOf(key!, '科目编码')).toBe('variable.other.property.declaration.suan');
    expect(scopeOf(key!, 'code')).toBe('support.type.suan');
    expect(scopeOf(col!, '`其中：教育收费`')).toBe('variable.other.property.declaration.suan');
    expect(scopeOf(col!, 'money')).toBe('support.type.suan');
    expect(scopeOf(col!, '万元')).toBe('keyword.other.unit.money.suan');
    expect(scopeOf(fact!, '收支总计')).toBe('variable.other.constant.fact.suan');
    expect(scopeOf(fact!, 'precision')).toBe('keyword.other.suan');
    expect(c1!.every((t) => t.scopes.some((s) => s.startsWith('comment.line.number-sign')))).toBe(true);
    expect(c2!.every((t) => t.scopes.some((s) => s.startsWith('comment.line.double-slash')))).toBe(true);
  });

  test('rules: for/where/assert, members, operators, numbers, percents, money', () => {
    const lines = tokenize([
      'rule JS0202 "收入决算表：逐级汇总" en "Roll-up" {',
      '  severity warning',
      '  for r in 收入决算表 where level(r) = 类 and not isblank(r.本年收入合计)',
      '  let 下级 = sum(x.本年收入合计 for x in children(r)) × 2 ÷ 1 − 0.01 万元',
      '  assert r.本年收入合计 ≈ 下级 within 0.005 元 or r.total ≤ 83.59% or r.a ≥ 1 or r.b ≠ 1 or r.c ＝ 300000 元',
      '  rollup 支出决算表 columns 本年支出合计, 基本支出，项目支出 total "合计"',
      '}',
    ].join('\n'));
    const [rule, sev, forLine, letLine, assertLine, rollup] = lines;
    expect(scopeOf(rule!, 'rule')).toBe('storage.type.rule.suan');
    expect(scopeOf(rule!, 'JS0202')).toBe('entity.name.function.rule.suan');
    expect(scopeOf(rule!, 'en')).toBe('keyword.other.suan');
    expect(scopeOf(sev!, 'warning')).toBe('constant.language.severity.suan');
    expect(scopeOf(forLine!, 'for')).toBe('keyword.control.for.suan');
    expect(scopeOf(forLine!, 'r')).toBe('variable.parameter.suan');
    expect(scopeOf(forLine!, 'where')).toBe('keyword.control.suan');
    expect(scopeOf(forLine!, 'level')).toBe('support.function.builtin.suan');
    expect(scopeOf(forLine!, 'and')).toBe('keyword.operator.logical.suan');
    expect(scopeOf(forLine!, 'not')).toBe('keyword.operator.logical.suan');
    expect(scopeOf(forLine!, '本年收入合计')).toBe('variable.other.property.suan');
    expect(scopeOf(forLine!, '类')).toBe('variable.other.suan');
    expect(scopeOf(letLine!, 'sum')).toBe('support.function.builtin.suan');
    expect(scopeOf(letLine!, '×')).toBe('keyword.operator.arithmetic.suan');
    expect(scopeOf(letLine!, '÷')).toBe('keyword.operator.arithmetic.suan');
    expect(scopeOf(letLine!, '−')).toBe('keyword.operator.arithmetic.suan');
    expect(scopeOf(letLine!, '0.01')).toBe('constant.numeric.decimal.suan');
    expect(scopeOf(letLine!, '万元')).toBe('keyword.other.unit.money.suan');
    expect(scopeOf(assertLine!, '≈')).toBe('keyword.operator.comparison.approx.suan');
    expect(scopeOf(assertLine!, 'within')).toBe('keyword.other.suan');
    expect(scopeOf(assertLine!, '元')).toBe('keyword.other.unit.money.suan');
    // `r.total`: a keyword after `.` is a column name.
    expect(scopeOf(assertLine!, 'total')).toBe('variable.other.property.suan');
    expect(scopeOf(assertLine!, '≤')).toBe('keyword.operator.comparison.suan');
    expect(scopeOf(assertLine!, '≥')).toBe('keyword.operator.comparison.suan');
    expect(scopeOf(assertLine!, '≠')).toBe('keyword.operator.comparison.suan');
    expect(scopeOf(assertLine!, '＝')).toBe('keyword.operator.comparison.suan');
    expect(scopeOf(assertLine!, '83.59')).toBe('constant.numeric.percent.suan');
    expect(scopeOf(assertLine!, '%')).toBe('keyword.other.unit.percent.suan');
    expect(scopeOf(rollup!, 'rollup')).toBe('keyword.control.suan');
    expect(scopeOf(rollup!, 'columns')).toBe('keyword.other.suan');
    expect(scopeOf(rollup!, '，')).toBe('punctuation.separator.comma.suan');
  });

  test('names: Chinese with （…） and “…” parts, keywords inside names, units inside names', () => {
    const [l] = tokenize('let x = 因公出国（境）费 + “三公”经费支出决算表["合计"].金额 + 所得税元 + info1 + 总totals');
    expect(scopeOf(l!, '因公出国（境）费')).toBe('variable.other.suan');
    expect(scopeOf(l!, '“三公”经费支出决算表')).toBe('variable.other.suan');
    expect(scopeOf(l!, '所得税元')).toBe('variable.other.suan');
    expect(scopeOf(l!, 'info1')).toBe('variable.other.suan');
    expect(scopeOf(l!, '总totals')).toBe('variable.other.suan');
  });

  test('strings with {…} template parts, nested strings and escapes', () => {
    const [l] = tokenize('  message "{r.科目编码} {r.科目名称 ?? ""}：{actual}，差额 {difference} \\{不是模板\\} 结束"');
    const scopes = (text: string) => l!.find((t) => t.text === text)?.scopes ?? [];
    expect(scopes('科目编码')).toContain('meta.template.expression.suan');
    expect(last(l!.find((t) => t.text === 'actual'))).toBe('variable.language.template.suan');
    expect(last(l!.find((t) => t.text === 'difference'))).toBe('variable.language.template.suan');
    expect(last(l!.find((t) => t.text === '""'))).toBe('string.quoted.double.nested.suan');
    expect(last(l!.find((t) => t.text === '??'))).toBe('keyword.operator.coalesce.suan');
    expect(last(l!.find((t) => t.text === '\\{'))).toBe('constant.character.escape.suan');
    // Text between template parts is string, not template.
    const between = l!.find((t) => t.text.includes('，差额'));
    expect(between?.scopes).toEqual(['string.quoted.double.suan']);
    // The string closes: the line's last token is the closing quote.
    expect(last(l![l!.length - 1])).toBe('punctuation.definition.string.end.suan');
  });

  test('scorecards: clause and method words inside, plain names outside', () => {
    const lines = tokenize([
      'scorecard ZT01 "自评" en "Self-evaluation" {',
      '  table     整体绩效自评表',
      '  indicator 三级指标',
      '  weight    分值',
      '  reported total 合计.自评得分',
      '  round     2',
      '  grade     优 >= 90, 良 >= 80, 差 else',
      '  score 预算完成率: deduct 0.5 per 5% below 100% of actual',
      '  score 满意度: bands of actual { >= 90%: 5, 80% to 90%: 3, < 70%: 0 }',
      '  score 绩效目标合理性: if met then weight else blank',
      '  score else: auto',
      '}',
      'rule R1 "x" {',
      '  assert round(r.weight, 2) = r.score',
      '}',
    ].join('\n'));
    expect(scopeOf(lines[0]!, 'scorecard')).toBe('storage.type.scorecard.suan');
    expect(scopeOf(lines[0]!, 'ZT01')).toBe('entity.name.function.scorecard.suan');
    expect(scopeOf(lines[0]!, 'en')).toBe('keyword.other.suan');
    expect(scopeOf(lines[2]!, 'indicator')).toBe('keyword.other.scorecard.suan');
    expect(scopeOf(lines[3]!, 'weight')).toBe('keyword.other.scorecard.suan');
    expect(scopeOf(lines[4]!, 'reported')).toBe('keyword.other.scorecard.suan');
    expect(scopeOf(lines[5]!, 'round')).toBe('keyword.other.scorecard.suan');
    expect(scopeOf(lines[6]!, 'grade')).toBe('keyword.other.scorecard.suan');
    expect(scopeOf(lines[7]!, 'score')).toBe('keyword.other.scorecard.suan');
    expect(scopeOf(lines[7]!, '预算完成率')).toBe('entity.name.tag.indicator.suan');
    for (const w of ['deduct', 'per', 'below', 'of']) expect(scopeOf(lines[7]!, w)).toBe('keyword.other.method.suan');
    expect(scopeOf(lines[7]!, 'actual')).toBe('variable.language.scorecard.suan');
    expect(scopeOf(lines[8]!, 'bands')).toBe('keyword.other.method.suan');
    expect(scopeOf(lines[8]!, 'to')).toBe('keyword.other.suan');
    expect(scopeOf(lines[9]!, 'met')).toBe('variable.language.scorecard.suan');
    expect(scopeOf(lines[10]!, 'else')).toBe('keyword.control.else.suan');
    expect(scopeOf(lines[10]!, 'auto')).toBe('keyword.other.method.suan');
    // After the scorecard: soft keywords are names again, `round(` a function.
    expect(lines[12]!.every((t) => !t.scopes.includes('meta.block.scorecard.suan'))).toBe(true);
    expect(scopeOf(lines[13]!, 'round')).toBe('support.function.builtin.suan');
    expect(scopeOf(lines[13]!, 'weight')).toBe('variable.other.property.suan');
    expect(scopeOf(lines[13]!, 'score')).toBe('variable.other.property.suan');
  });

  test('the published rulesets tokenize without runaway regions', () => {
    const root = path.resolve(here, '../../../../rulesets');
    for (const f of ['juesuan/rules-tables.suan', 'juesuan/rules-narrative.suan', 'jixiao-zhengti/zhengti.suan', 'jixiao-xiangmu/xiangmu.suan']) {
      const lines = tokenize(readFileSync(path.join(root, f), 'utf8'));
      // Every top-level `rule` line starts outside any string, template or scorecard block.
      lines.forEach((l) => {
        const first = l.find((t) => t.text.trim());
        if (first?.text === 'rule') expect(first.scopes, `${f}: ${l.map((t) => t.text).join('')}`).toEqual(['storage.type.rule.suan']);
      });
    }
  });
});
