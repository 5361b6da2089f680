/**
 * Binding a ruleset to a document (evaluation/bind.ts): what it says about the document as a
 * whole, beside its cells.
 */
import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/index';
import { messages, run } from '../helpers';

const RULES = `ruleset t { title "t"  kind 部门决算 }
table 支出表 { key 项目: text  金额: money }
fact 总额: money 万元
rule R { assert (sum(x.金额 for x in 支出表) ≈ 总额) ?? true }
`;

const doc = (body: string, kind = '部门决算') => `suan: 1\ndocument: { kind: ${kind}, currency_unit: 万元 }\n${body}`;

describe('a document without any of the declared data', () => {
  it('is told so (SUAN5018), in both languages, and not taken for a clean document', () => {
    // Tables named otherwise: the only rule passes vacuously (`?? true`), so only the warning tells.
    const r = run(RULES, doc('tables:\n  支出决算表:\n    columns: [项目, 金额]\n    rows: [["a", "1.00"]]\n'));
    expect(r.counts).toMatchObject({ pass: 1, fail: 0 });
    const w = r.diagnostics.find((d) => d.code === 'SUAN5018')!;
    expect(w.severity).toBe('warning');
    // At the document's tables (here the one named otherwise).
    expect(messages([w])).toEqual([
      'SUAN5018 4:3 The document holds none of the tables and facts the ruleset declares, so no rule has anything to check. Check that it is of a kind the ruleset is for (部门决算), and that its tables and facts are named as the ruleset declares them.',
    ]);
    expect(formatMessage(w, 'zh-CN')).toBe('数据中没有规则集声明的任何表或事实，规则都无从检查。请检查数据是否属于规则集适用的类型（部门决算），表名和事实名是否与规则集的声明一致。');
  });

  it('is not said when one declared table or fact is there, or when the document says it is of another kind', () => {
    const codes = (yaml: string) => run(RULES, yaml).diagnostics.map((d) => d.code);
    expect(codes(doc('tables:\n  支出表:\n    columns: [项目, 金额]\n    rows: []\n'))).not.toContain('SUAN5018');
    expect(codes(doc('facts:\n  总额: "1.00"\n'))).not.toContain('SUAN5018');
    expect(codes(doc('facts:\n  其他: "1.00"\n', '部门预算'))).toEqual(['SUAN5010', 'SUAN5014']);
  });
});
