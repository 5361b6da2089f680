/**
 * A table's code hierarchy (bind.ts `buildHierarchy`) takes a row's parent from the last row
 * placed one level up when its code is the row's prefix (a table printed in order), else looks the
 * prefix up. Whatever the order of the rows — shuffled, a level left out, a code printed twice,
 * codes of no level, text keys — parents, children and the top level must be those of the
 * definition: the first row whose code is the longest proper prefix at a level of the hierarchy.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as path from 'node:path';
import { loadDisclosureText } from '../../src/index';
import { bind } from '../../src/evaluation/bind';
import { ROOT, memHost, ruleset } from '../helpers';

const LENGTHS = [3, 5, 7];
const rules = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 表 { key 编码: code 功能分类  金额: money }`;

const CODES = ['201', '20101', '2010101', '2010102', '20102', '2010201', '202', '20201', '2020101', '20202', '2020201', '203', '2030101'];
const code = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...CODES) }, { weight: 1, arbitrary: fc.constantFrom('合计', '2011', '20101x', '') });

/** The definition, row by row: what a reader of the table would say. */
function expected(codes: string[]): { parents: number[]; top: number[] } {
  const key = (c: string, i: number) => (c === '' ? `#${i + 1}` : c);
  const first = new Map<string, number>();
  codes.forEach((c, i) => { if (!first.has(key(c, i))) first.set(key(c, i), i); });
  const inHierarchy = (c: string, i: number) => LENGTHS.includes(c.length) && /^\d+$/.test(c) && first.get(c) === i;
  const parents = codes.map((c, i) => {
    if (!inHierarchy(c, i)) return -1;
    for (let l = LENGTHS.indexOf(c.length) - 1; l >= 0; l--) {
      const p = first.get(c.slice(0, LENGTHS[l]));
      if (p !== undefined) return p;
    }
    return -1;
  });
  const top = codes.flatMap((c, i) => (inHierarchy(c, i) && parents[i] === -1 ? [i] : []));
  return { parents, top };
}

describe('the code hierarchy', () => {
  it('gives every row the parent, children and top level of the definition, whatever the order of the rows', () => {
    const rs = ruleset(rules);
    fc.assert(fc.property(fc.array(code, { minLength: 1, maxLength: 20 }), (codes) => {
      const yaml = `suan: 1\ntables:\n  表:\n    unit: 万元\n    columns: [编码, 金额]\n    rows:\n${codes.map((c) => `      - [${JSON.stringify(c)}, "1.00"]`).join('\n')}\n`;
      const load = loadDisclosureText(path.resolve(ROOT, 'data.yaml'), yaml, memHost({}));
      const t = bind(rs.program, load.disclosure!).tables[0]!;
      const want = expected(codes);
      expect(codes.map((_, i) => t.parent(i))).toEqual(want.parents);
      expect(codes.map((_, i) => [...t.children(i)])).toEqual(codes.map((_, i) => want.parents.flatMap((p, k) => (p === i ? [k] : []))));
      expect([...t.topLevel()]).toEqual(want.top);
    }), { numRuns: 500 });
  });
});
