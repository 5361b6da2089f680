/**
 * `a < b`, `a <= b`, `a > b`, `a >= b`, `a = b` and `a != b` on two amounts in one unit are
 * answered on their point values alone (compile.ts `comparePoints`). With one side written in
 * another unit (`as 元`, exact) the same comparison takes the general path (`compareValues`, which
 * brings both to one unit first); both must give every row the same outcome, whatever the cells:
 * numbers written to 0–3 decimals, blanks, dashes, percentages, text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run } from '../helpers';

const OPS = ['<', '<=', '>', '>=', '=', '!='] as const;

const rules = `ruleset t { title "t" }
table 表 {
  key 编码: code
  甲: money
  乙: money
}
${OPS.map((op, k) => `rule Points${k} { for r in 表  assert r.甲 ${op} r.乙 }
rule General${k} { for r in 表  assert r.甲 ${op} (r.乙 as 元) }`).join('\n')}`;

const number = fc.tuple(fc.integer({ min: -2_000, max: 2_000 }), fc.integer({ min: 0, max: 3 })).map(([n, d]) => (n / 10 ** d).toFixed(d));
const cell = fc.oneof({ weight: 8, arbitrary: number }, { weight: 1, arbitrary: fc.constantFrom('', '-', '0') }, { weight: 1, arbitrary: fc.constantFrom('5%', 'x') });
/** Rows whose two amounts are often equal, or written alike to other decimals (1.5 and 1.50). */
const row = fc.tuple(cell, cell, fc.constantFrom('other', 'same', 'padded')).map(([a, b, how]) => {
  if (how === 'same') return [a, a];
  if (how === 'padded' && /^-?\d+(\.\d+)?$/.test(a)) return [a, a.includes('.') ? `${a}0` : `${a}.00`];
  return [a, b];
});

describe('comparisons on point values, short cut', () => {
  it('give every row the outcome of the general comparison', () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), (rows) => {
      const yaml = `suan: 1\ntables:\n  表:\n    unit: 万元\n    columns: [编码, 甲, 乙]\n    rows:\n${rows.map((r, i) => `      - [${[String(i + 1), ...r].map((x) => JSON.stringify(x)).join(', ')}]`).join('\n')}\n`;
      const r = run(rules, yaml, { detail: 'all' });
      const outcomes = (id: string) => r.rules.find((x) => x.id === id)!.findings.map((f) => f.outcome);
      for (let k = 0; k < OPS.length; k++) {
        expect(outcomes(`Points${k}`), OPS[k]).toEqual(outcomes(`General${k}`));
        expect(outcomes(`Points${k}`)).toHaveLength(rows.length);
      }
    }), { numRuns: 300 });
  });
});
