/**
 * Regression tests: each states a behaviour that was once wrong (found by the test suite) and
 * is now fixed. The comment above a test says what the defect was.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage, loadRuleset } from '../../src/index';
import { memHost, messages, ruleset } from '../helpers';

const H = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 { key 科目编码: code 功能分类  合计: money  名称: text  公开: bool }
fact 收支总计: money 万元
`;
const check = (rule: string) => messages(ruleset(H + rule).program.diagnostics);

describe('tolerances', () => {
  // checker.ts checkTolerance() checks that a tolerance is numeric and constant, not that it is
  // ≥ 0, as SUAN3011 says it must be.
  it('a negative tolerance is reported', () => {
    expect(check('rule R { assert 收支总计 = 1 万元 within -1 万元 }').map((m) => m.slice(0, 8))).toEqual(['SUAN3011']);
    expect(check('rule R { tolerance -0.01 万元 assert 收支总计 = 1 万元 }').map((m) => m.slice(0, 8))).toEqual(['SUAN3011']);
  });

  // checker.ts checkTolerance() passes `actual: e.kind` (the AST node kind, "String") or one
  // string holding both languages ("依赖数据的表达式 / an expression …") instead of actual/actual_en.
  it('SUAN3011 speaks one language at a time, in words', () => {
    const ds = ruleset(`${H}rule R { assert 收支总计 = 1 万元 within 收支总计 }\nrule S { assert 收支总计 = 1 万元 within "x" }`).program.diagnostics;
    expect(ds.map((d) => d.code)).toEqual(['SUAN3011', 'SUAN3011']);
    for (const d of ds) {
      expect(formatMessage(d, 'en')).not.toMatch(/[\u4e00-\u9fff]|String/);
      expect(formatMessage(d, 'zh-CN')).not.toMatch(/an expression|String/);
    }
  });

  // After the new flat expression grammar (build-ast.ts binaryExpr), `x within t` without a
  // comparison becomes a Compare with no right side; checker.ts compare() accepts it because
  // the missing side is "unknown", so the rule silently evaluates to not applicable.
  it('within without a comparison is reported', () => {
    expect(check('rule R { assert 1 within 2 }').map((m) => m.slice(0, 8))).toEqual(['SUAN3008']);
    expect(check('rule R { assert present(收支总计) within 1 }').map((m) => m.slice(0, 8))).toEqual(['SUAN3008']);
  });
});

describe('one mistake, one error', () => {
  // The checker promises that "an unknown type never cascades errors", but:
  // - checker.ts applyOverrides()/checkTolerance(): an unknown name in a tolerance is reported
  //   (SUAN2001) and then again as "not a constant" (SUAN3011);
  // - checker.ts callResult(): after a bad argument the call still returns the argument's type
  //   (round/abs/sum of text is text), and exprInner() returns the operand type of a bad unary
  //   minus, so the comparison around it reports a second error;
  // - level() of a non-row gives `unknown`, so the level name beside it becomes "Unknown name".
  it.each([
    ['an unknown name in a tolerance', 'rule R { tolerance 尾差 assert 收支总计 = 1 万元 }'],
    ['round of text', 'rule R { assert round("x", 2) = 1 }'],
    ['abs of text', 'rule R { assert abs("x") = 1 }'],
    ['sum of a text column', 'rule R { assert sum(表.名称) = 1 }'],
    ['minus text', 'rule R { for r in 表 assert -r.名称 = 1 }'],
    ['level of a fact', 'rule R { assert level(收支总计) = 类 }'],
  ])('%s', (_what, rule) => {
    expect(check(rule).length).toBe(1);
  });
});

describe('messages', () => {
  // checker.ts run(): hierarchies are declared before tables and facts, so when a fact and a
  // later hierarchy share a name, the error lands on the fact (the first in the file) and says
  // the first declaration is the later hierarchy.
  it('a duplicate is reported at the later declaration, pointing at the earlier', () => {
    expect(check('hierarchy 收支总计 { 类 3 }')).toEqual([
      'SUAN2002 5:11 "收支总计" is declared twice (first at /virtual/main.suan:4:6). Rename or remove one.',
    ]);
  });

  // SUAN2017 always advises "Join conditions with `and`", also for `severity`, `message`,
  // `doc`, `title` and `tolerance`, which are not conditions.
  it('a repeated severity is not told to join conditions with and', () => {
    const [m] = check('rule R { severity warning severity info assert 1 = 1 }');
    expect(m).toMatch(/^SUAN2017/);
    expect(m).not.toMatch(/Join conditions/);
  });

  // checker.ts call() reports SUAN2012 with `hint: ''` for level()/children()/parent(): the
  // message talks about rolling up and ends in "`code <hierarchy>` ." with a stray space.
  it('level() on a table without a hierarchy key says what to do, without a stray space', () => {
    const [m] = messages(ruleset(`${H}table 无键表 { 金额: money }\nrule R { for r in 无键表 assert level(r) = 0 }`).program.diagnostics);
    expect(m).toMatch(/^SUAN2040/);
    expect(m).not.toMatch(/ \.$/);
    expect(m).not.toMatch(/roll up/);
  });

  // checker.ts compare(): ordering booleans is reported as "Cannot compare true/false with
  // true/false", which reads as a contradiction and does not say what to write instead.
  it('ordering two conditions says that conditions have no order', () => {
    const [m] = check('rule R { for r in 表 assert r.公开 < true }');
    expect(m).toMatch(/^SUAN3002/);
    expect(m).not.toMatch(/Cannot compare true\/false with true\/false\.$/);
  });
});

describe('the checker throws on long expressions', () => {
  // The parser accepts up to 2,000 operators per expression (SUAN1008) and any number of postfix
  // operations (`.x`, `as 元`), but checker.ts expr()/binary()/member()/dottedPath() and
  // compile.ts recurse once per operator: about 2,000 nested nodes exhaust the stack and
  // loadRuleset() throws RangeError instead of returning diagnostics.
  it.each([
    ['a sum of 2,000 terms', `fact 甲: money 万元\nrule R { assert ${Array(2000).fill('甲').join(' + ')} >= 0 万元 }`],
    ['2,000 conditions joined with and', `rule R { assert ${Array(2000).fill('true').join(' and ')} }`],
    ['5,000 conversions', `fact 甲: money 万元\nrule R { assert 甲${' as 元'.repeat(5000)} >= 0 元 }`],
    ['2,000 member accesses', `rule R { assert 甲${'.乙'.repeat(2000)} = 1 }`],
  ])('%s', (_what, text) => {
    expect(() => loadRuleset('/virtual/main.suan', memHost({ 'main.suan': `ruleset t { title "t" }\n${text}` }))).not.toThrow();
  });
});
