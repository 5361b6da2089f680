/**
 * `total ≈ part + part + …` is answered on the bounds alone when every value is an amount of one
 * kind and unit (compile.ts `totalMatchesParts`). Written with `within 0` the same check takes
 * the general path (value by value, then interval distance ≤ 0), which must give the same outcome
 * for every row, whatever the cells: numbers written to 0–3 decimals, blanks, dashes,
 * percentages, text, a declared precision.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { run } from '../helpers';

const rules = (precision: boolean) => `ruleset t { title "t" }
${precision ? 'precision table 0.01' : ''}
table 表 {
  key 编码: code
  合计: money
  甲: money
  乙: money
  丙: number
}
rule Fused { for r in 表  assert r.合计 ≈ r.甲 + r.乙 }
rule General { for r in 表  assert r.合计 ≈ r.甲 + r.乙 within 0 }
rule Fused3 { for r in 表  assert r.丙 ≈ r.丙 + r.丙 + r.丙 }
rule General3 { for r in 表  assert r.丙 ≈ r.丙 + r.丙 + r.丙 within 0 }`;

const number = fc.tuple(fc.integer({ min: -20_000, max: 20_000 }), fc.integer({ min: 0, max: 3 })).map(([n, d]) => (n / 10 ** d).toFixed(d));
const cell = fc.oneof({ weight: 8, arbitrary: number }, { weight: 1, arbitrary: fc.constantFrom('', '-', '0') }, { weight: 1, arbitrary: fc.constantFrom('5%', 'x') });

/** Rows whose total is often the exact sum of its parts, nudged by a few units of its last decimal. */
const row = fc.tuple(number, cell, cell, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean()).map(([a, b, c, nudge, dec, exact]) => {
  const part = (x: string) => (Number.isFinite(Number(x)) ? Number(x) : 0); // blanks count as nothing
  const total = exact ? (part(a) + part(b) + nudge / 10 ** dec).toFixed(dec) : c;
  return [total, a, b, c];
});

describe('total ≈ sum of parts, short cut', () => {
  it('gives every row the outcome of the general comparison', () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.constantFrom('万元', '元'), (rows, precision, unit) => {
      const yaml = `suan: 1\ntables:\n  表:\n    unit: ${unit}\n    columns: [编码, 合计, 甲, 乙, 丙]\n    rows:\n${rows.map((r, i) => `      - [${[String(i + 1), ...r].map((x) => JSON.stringify(x)).join(', ')}]`).join('\n')}\n`;
      const r = run(rules(precision), yaml, { detail: 'all' });
      const outcomes = (id: string) => r.rules.find((x) => x.id === id)!.findings.map((f) => f.outcome);
      expect(outcomes('Fused')).toEqual(outcomes('General'));
      expect(outcomes('Fused3')).toEqual(outcomes('General3'));
      expect(outcomes('Fused')).toHaveLength(rows.length);
    }), { numRuns: 300 });
  });
});
