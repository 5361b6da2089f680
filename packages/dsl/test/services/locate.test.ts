import { describe, expect, it } from 'vitest';
import { buildSymbolIndex, nodePathAt, symbolKey } from '../../src/index';
import { ruleset } from '../helpers';

const SRC = `ruleset t { title "t" }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 支出决算表 {
  key 科目编码: code 功能分类
  本年支出合计: money
  基本支出: money
}
facts 三公经费 { 合计: money 万元  公务接待费: money 万元 }
rule R1 {
  for r in 支出决算表 where level(r) = 项
  let 下级 = sum(x.本年支出合计 for x in children(r))
  assert r.本年支出合计 ≈ 下级 + r.基本支出
}
rule R2 { assert 三公经费.合计 ≥ 三公经费.公务接待费 }
`;

/** Offset of the n-th occurrence of `s` in the source (+ delta). */
function at(s: string, n = 0, delta = 0): number {
  let i = -1;
  for (let k = 0; k <= n; k++) i = SRC.indexOf(s, i + 1);
  if (i < 0) throw new Error(`not found: ${s}`);
  return i + delta;
}

describe('symbol index', () => {
  const { program } = ruleset(SRC);
  const file = program.entry;
  const index = buildSymbolIndex(program);

  it('finds the name and symbol at an offset, inside the name or right after it', () => {
    const o = index.at(file, at('本年支出合计', 1, 2))!;
    expect(o.symbol.kind).toBe('column');
    expect(o.name.text).toBe('本年支出合计');
    expect(index.at(file, at('本年支出合计', 1, 6))?.name.text).toBe('本年支出合计');
    expect(index.at(file, at('ruleset'))).toBeUndefined();
  });

  it('lists every occurrence of a symbol, its declaration first', () => {
    const col = index.at(file, at('本年支出合计', 0))!;
    expect(col.isDeclaration).toBe(true);
    const occ = index.occurrences(col.symbol);
    expect(occ.map((o) => o.name.span.start)).toEqual([at('本年支出合计', 0), at('本年支出合计', 1), at('本年支出合计', 2)]);
    expect(occ.filter((o) => o.isDeclaration)).toHaveLength(1);
  });

  it('resolves rule-local names to their own binding', () => {
    const r = index.at(file, at('r.本年支出合计', 0))!;
    expect(r.symbol.kind).toBe('local');
    const occ = index.occurrences(r.symbol);
    expect(occ[0]!.isDeclaration).toBe(true);
    expect(occ.map((o) => o.name.text)).toEqual(['r', 'r', 'r', 'r', 'r']);
    const x = index.at(file, at('x.本年', 0))!;
    expect(symbolKey(x.symbol)).not.toBe(symbolKey(r.symbol));
  });

  it('resolves grouped facts and levels', () => {
    expect(index.at(file, at('公务接待费', 1))!.symbol).toMatchObject({ kind: 'fact', name: '三公经费.公务接待费' });
    expect(index.at(file, at('三公经费', 1))!.symbol).toMatchObject({ kind: 'factgroup', name: '三公经费' });
    expect(index.at(file, at('= 项', 0, 2))!.symbol).toMatchObject({ kind: 'level', name: '项' });
  });

  it('gives the same key to the same declaration in two checks, different keys to different ones', () => {
    const again = buildSymbolIndex(ruleset(SRC).program);
    const a = index.at(file, at('支出决算表', 1))!;
    const b = again.at(file, at('支出决算表', 1))!;
    expect(symbolKey(a.symbol)).toBe(symbolKey(b.symbol));
    expect(symbolKey(a.symbol)).not.toBe(symbolKey(index.at(file, at('功能分类', 0))!.symbol));
  });

  it('finds the innermost expression at an offset and those ending at an offset', () => {
    const e = index.exprAt(file, at('下级 + r', 0, 1))!;
    expect(e.kind).toBe('NameRef');
    const ending = index.exprsEndingAt(file, at('.基本支出'));
    expect(ending.map((x) => x.kind)).toContain('NameRef');
  });

  it('still indexes what resolves in a half-typed rule', () => {
    const broken = ruleset(`${SRC}\nrule R3 {\n  for r in 支出决算表\n  assert r.本年支出合计 ≈ r.\n`);
    const idx = buildSymbolIndex(broken.program);
    const off = `${SRC}\nrule R3 {\n  for r in 支出决算表\n  assert r.本年支出合计`.length - 2;
    expect(idx.at(broken.program.entry, off)?.symbol.kind).toBe('column');
  });
});

describe('node path', () => {
  it('walks from the rule to the innermost expression', () => {
    const { program } = ruleset(SRC);
    const ast = program.sources.files[0]!.parsed.ast;
    const path = nodePathAt(ast, at('x.本年支出合计', 0, 3));
    expect(path.map((p) => (p.kind === 'expr' ? p.node.kind : p.kind))).toEqual(['item', 'step', 'Aggregate', 'Member']);
  });
});
