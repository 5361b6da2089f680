/**
 * Runaway evaluation (language.md §7, Budget): a rule that loops O(n³) over a generated table is
 * stopped by the step budget with SUAN4001 while the rules before and after it still produce
 * their results; a document over its time budget ends its remaining rules with SUAN4002.
 * The time budget is exercised with a deadline already in the past, not with timing.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET } from '../../src/index';
import { TextReporter } from '../../src/reporting/text';
import { Sink } from '../../src/reporting/sink';
import { ROOT, ruleset, run } from '../helpers';

const H = `ruleset t { title "t" }
table 表 { key 编码: text  金额: money }
`;
function table(n: number): string {
  return `suan: 1\ndocument: { currency_unit: 元 }\ntables:\n  表:\n    columns: [编码, 金额]\n    rows:\n${Array.from({ length: n }, (_, i) => `      - ["${i}", "${i}.00"]`).join('\n')}\n`;
}
const RULES = `rule 前 { for r in 表 assert r.金额 >= 0 元 }
rule 慢 { for a in 表 for b in 表 for c in 表 assert a.金额 + b.金额 >= c.金额 - c.金额 }
rule 后 { for r in 表 where r.金额 > 100 元 assert r.金额 >= 0 元 }`;

describe('the step budget', () => {
  it('stops an O(n³) rule over 200 rows (8,000,000 bindings) at 5,000,000 steps with SUAN4001; the other rules run', () => {
    expect(DEFAULT_BUDGET.maxSteps).toBe(5_000_000);
    const r = run(H + RULES, table(200));
    const [before, slow, after] = r.rules;
    expect(slow!.error).toEqual({
      code: 'SUAN4001',
      message: {
        zh: '规则 慢 超出计算步数上限（5000000 步），已停止。请缩小循环范围（加 where 条件）。',
        en: 'Rule 慢 exceeded the evaluation budget (5000000 steps) and was stopped. Narrow its loops (add `where`).',
      },
    });
    // Stopped part way, it has checked nothing to the end: its result is the error alone (the
    // million bindings it passed before the stop are not its passes).
    expect(slow!.counts).toEqual({ pass: 0, fail: 0, coarse: 0, na: 0, error: 1 });
    expect(slow!.findings).toEqual([]);
    expect(before!.counts).toEqual({ pass: 200, fail: 0, coarse: 0, na: 0, error: 0 });
    expect(after!.counts).toEqual({ pass: 99, fail: 0, coarse: 0, na: 0, error: 0 });
    expect(r.counts.error).toBe(1);
  });

  it('is shown in the text report as a rule in error, at its place in the ruleset, not as failing', () => {
    const rs = ruleset(H + RULES);
    const result = run(H + RULES, table(200));
    const out = Sink.memory();
    const text = new TextReporter(out, { lang: 'en', color: false, verbose: false, cwd: ROOT });
    text.begin({ program: rs.program, lang: 'en', cwd: ROOT, toolVersion: 'test' });
    text.document({ file: `${ROOT}/data.yaml`, result, diagnostics: result.diagnostics });
    const lines = out.text().split('\n');
    const at = lines.findIndex((l) => l.includes('✗ 慢'));
    expect(lines[at]).toBe('  ✗ 慢 慢  1 in error · 0 passed'); // id and title (the id, as it has none)
    expect(lines[at + 1]).toBe('      Rule 慢 exceeded the evaluation budget (5000000 steps) and was stopped. Narrow its loops (add `where`).  main.suan:4:1');
  });

  it('counts aggregated rows as steps too', () => {
    const r = run(`${H}rule 聚合 { for a in 表 assert sum(x.金额 for x in 表) >= a.金额 }\nrule 后 { assert 1 = 1 }`, table(300), { maxSteps: 50_000 });
    expect(r.rules.map((x) => [x.id, x.error?.code])).toEqual([['聚合', 'SUAN4001'], ['后', undefined]]);
    expect(r.rules[1]!.counts.pass).toBe(1);
  });

  it('gives each rule its own budget', () => {
    const r = run(`${H}rule A { for a in 表 for b in 表 assert a.金额 >= 0 元 }\nrule B { for a in 表 for b in 表 assert b.金额 >= 0 元 }`, table(100), { maxSteps: 20_000 });
    expect(r.rules.map((x) => [x.id, x.error?.code, x.counts.pass])).toEqual([['A', undefined, 10_000], ['B', undefined, 10_000]]);
  });
});

describe('the time budget', () => {
  it('ends the rule that runs out of time and every rule after it with SUAN4002, keeping the results before', () => {
    const r = run(`${H}rule 前 { for r in 表 assert r.金额 >= 0 元 }
rule 慢 { for a in 表 for b in 表 assert a.金额 >= 0 元 }
rule 后 { for r in 表 assert r.金额 >= 0 元 }`, table(100), { timeoutMs: -1 });
    expect(r.rules.map((x) => [x.id, x.error?.code])).toEqual([['前', undefined], ['慢', 'SUAN4002'], ['后', 'SUAN4002']]);
    expect(r.rules[0]!.counts.pass).toBe(100);
    expect(r.rules[2]!.counts).toEqual({ pass: 0, fail: 0, coarse: 0, na: 0, error: 1 });
    expect(r.rules[1]!.error!.message.en).toMatch(/^Evaluation exceeded the time budget \(.* ms\) and was stopped\. Remaining rules were not run\.$/);
  });
});
