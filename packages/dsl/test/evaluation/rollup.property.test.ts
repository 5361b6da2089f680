/**
 * Roll-ups take a short cut for parents that balance (interpreter.ts `balances`: Σ bounds of the
 * children overlap the parent's, no values built). Whatever the cells — blanks, dashes, numbers
 * written to 0–3 decimals, percentages in a number column, text that is not a number, columns
 * with their own unit, a declared precision, all children written alike or not — the short cut must give exactly the outcomes of the full evaluation
 * (which `detail: 'all'` uses for every binding).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run } from '../helpers';

const rules = (precision: boolean) => `ruleset t { title "t" }
${precision ? 'precision table 0.01' : ''}
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 {
  key 编码: code 功能分类
  合计: money
  元列: money 元
  比率: number
}
rule U { rollup 表 columns 合计, 元列, 比率 total "合计" }
rule W { rollup 表 columns 合计 within 0.01 }`;

const CODES = ['201', '20101', '2010101', '2010102', '2010103', '20102', '2010201', '202', '20201', '2020101'];

/** A cell; `dec`: the decimals every number of the table is written with (else 0–3 at random). */
const cell = (dec: number | null) => fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -50_000, max: 50_000 }), dec === null ? fc.integer({ min: 0, max: 3 }) : fc.constant(dec)).map(([n, d]) => (n / 10 ** d).toFixed(d)) },
  { weight: 1, arbitrary: fc.constantFrom('', '-', '—') },
  { weight: 1, arbitrary: fc.constantFrom('12.5%', 'n/a', '1,234.5') },
);

/**
 * A table whose parents often balance (so both paths are exercised): each parent is its children's
 * sum, nudged by a few units of its last decimal — around the edge of what rounding allows.
 */
const table = fc.option(fc.integer({ min: 0, max: 3 })).chain((dec) => fc.record({
  cells: fc.array(fc.tuple(cell(dec), cell(dec), cell(dec)), { minLength: CODES.length, maxLength: CODES.length }),
  balanced: fc.boolean(),
  nudge: fc.integer({ min: -3, max: 3 }), // in units of the parent's last written decimal
  unit: fc.constantFrom('万元', '元'),
  precision: fc.boolean(),
  dec: fc.constant(dec),
})).map(({ cells, balanced, nudge, unit, precision, dec }) => {
  const rows = CODES.map((code, i) => [code, ...cells[i]!]);
  if (balanced) {
    // Parents as the exact sums of their children's written values (4 decimals), plus a nudge.
    for (const level of [5, 3]) {
      for (const row of rows) {
        if (row[0]!.length !== level) continue;
        for (let col = 1; col <= 3; col++) {
          const kids = rows.filter((r) => r[0]!.length > level && r[0]!.startsWith(row[0]!) && r[0]!.length === (level === 3 ? 5 : 7));
          const nums = kids.map((r) => Number(r[col]!.replace(/,/g, ''))).filter((x) => Number.isFinite(x));
          if (nums.length) row[col] = (nums.reduce((a, b) => a + b, 0) + nudge / 10 ** (dec ?? 4)).toFixed(dec ?? 4);
        }
      }
    }
  }
  const total = ['合计', '', '', ''];
  return { rows: [total, ...rows], unit, precision };
});

function yaml(t: { rows: string[][]; unit: string; precision: boolean }): string {
  return `suan: 1
tables:
  表:
    unit: ${t.unit}
    columns: [编码, 合计, 元列, 比率]
    rows:
${t.rows.map((r) => `      - [${r.map((c) => JSON.stringify(c)).join(', ')}]`).join('\n')}
`;
}

describe('roll-up short cut', () => {
  it('gives the same outcome for every parent and column as the full evaluation', () => {
    fc.assert(fc.property(table, (t) => {
      const data = yaml(t);
      const fast = run(rules(t.precision), data);
      const full = run(rules(t.precision), data, { detail: 'all' });
      for (const id of ['U', 'W']) {
        const a = fast.rules.find((r) => r.id === id)!;
        const b = full.rules.find((r) => r.id === id)!;
        expect(a.counts).toEqual(b.counts);
        const notPassing = (r: typeof a) => r.findings.filter((f) => f.outcome !== 'pass' && f.outcome !== 'na').map((f) => `${f.bindings[0]?.key}/${f.bindings[0]?.column}:${f.outcome}`);
        expect(notPassing(a)).toEqual(notPassing(b));
      }
    }), { numRuns: 300 });
  });
});
