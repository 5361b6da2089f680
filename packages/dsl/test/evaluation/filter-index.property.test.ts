/**
 * `for x in 表 where x.项目 = "…" …` takes its rows from the table's text index (compile.ts
 * `filterCandidates`, bind.ts `rowsWithText`) instead of testing every row. Whatever the rows —
 * names repeated, padded with spaces, blank, a dash, a number column that does not read as a
 * number, the name column absent — each rule must give exactly what the same filter gives when
 * it cannot use the index (written `not not (…)`, which reads the same and tests every row).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ruleset, run } from '../helpers';

const FILTERS = [
  'x.项目 = "收入"',
  '"收入" = x.项目',
  'x.项目 = "收入" or x.项目 = "支出" or x.项目 = " 合计"',
  'x.项目 = "收入" or x.项目 = "收入"',
  'x.项目 = "支出" and x.金额 > 0',
  'x.项目 = "收入" and (x.方向 = "甲" or present(x.金额))',
  'x.方向 = "甲" or x.方向 = "乙"',
];

const rules = `table 表 {
  key 编号: text
  项目: text
  方向: text
  金额: money
}
${FILTERS.map((f, k) => `rule I${k} {
  for x in 表 where ${f}
  assert x.金额 ≈ 10 元
}
rule S${k} {
  for x in 表 where not not (${f})
  assert x.金额 ≈ 10 元
}`).join('\n')}`;

const row = fc.tuple(
  fc.constantFrom('收入', '支出', '合计', ' 收入', '收入 ', '', '-', '其他'),
  fc.constantFrom('甲', '乙', '', '丙'),
  fc.constantFrom('10.00', '9.99', '', '-', '12', 'abc', '(1.00)'),
);

function yaml(rows: [string, string, string][], withName: boolean): string {
  const columns = withName ? '[编号, 项目, 方向, 金额]' : '[编号, 方向, 金额]';
  const cells = rows.map(([name, side, amount], i) => (withName ? [`r${i}`, name, side, amount] : [`r${i}`, side, amount]));
  return `suan: 1
tables:
  表:
    unit: 元
    columns: ${columns}
    rows:${cells.length ? '' : ' []'}
${cells.map((r) => `      - [${r.map((c) => JSON.stringify(c)).join(', ')}]`).join('\n')}
`;
}

describe('filters answered from the text index', () => {
  it('are the I rules (the S rules test every row)', () => {
    const compiled = ruleset(rules).compiled!;
    const indexed = (id: string) => compiled.rules.find((r) => r.sym.id === id)!.steps.some((s) => s.kind === 'for' && s.candidates !== undefined);
    for (let k = 0; k < FILTERS.length; k++) {
      expect(indexed(`I${k}`), FILTERS[k]).toBe(true);
      expect(indexed(`S${k}`), FILTERS[k]).toBe(false);
    }
  });

  it('keep the same rows, with the same outcomes and findings, as testing every row', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 12 }), fc.boolean(), fc.constantFrom<'failures' | 'all'>('failures', 'all'), (rows, withName, detail) => {
      const r = run(rules, yaml(rows, withName), { detail });
      for (let k = 0; k < FILTERS.length; k++) {
        const indexed = r.rules.find((x) => x.id === `I${k}`)!;
        const scanned = r.rules.find((x) => x.id === `S${k}`)!;
        expect(indexed.counts, FILTERS[k]).toEqual(scanned.counts);
        expect(indexed.notApplicable).toEqual(scanned.notApplicable);
        expect(indexed.error).toEqual(scanned.error);
        const show = (f: (typeof indexed.findings)[number]) => [f.outcome, f.bindings.map((b) => b.key).join(','), f.message.en];
        expect(indexed.findings.map(show), FILTERS[k]).toEqual(scanned.findings.map(show));
      }
    }), { seed: 41, numRuns: 300 });
  });
});
