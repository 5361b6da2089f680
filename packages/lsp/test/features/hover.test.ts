import { afterEach, describe, expect, it } from 'vitest';
import { hover } from '../../src/features/hover';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

function hoverText(rel: string, text: string, lang: 'en' | 'zh-CN' = 'en', evaluate = false): string | undefined {
  w = workspace({ lang });
  const doc = w.open(rel, text);
  if (evaluate) w.evaluate(rel);
  const h = hover(w.services, doc.uri, doc.positions[0]!);
  return h ? (h.contents as { value: string }).value : undefined;
}

const MAIN = (body: string) => `ruleset 测试.决算 { title "t" }
import "tables.suan"
fact 收支总计: money 万元 doc "“收、支总计……”" en "“Total …”"
facts 三公经费 { 合计: money 万元  公务接待费: money 万元 }
${body}`;

describe('hover', () => {
  it('shows a column with its table, declared type and unit', () => {
    const t = hoverText('决算/main.suan', MAIN('rule R { for r in 支出决算表  assert r.本年<|>支出合计 ≈ 0 }'))!;
    expect(t).toContain('**column** `支出决算表.本年支出合计`: `money`');
    expect(t).toContain('type: money');
  });

  it('shows a table with its title, key and columns, in zh-CN', () => {
    const t = hoverText('决算/main.suan', MAIN('rule R { for r in 支出<|>决算表  assert r.基本支出 ≈ 0 }'), 'zh-CN')!;
    expect(t).toContain('**表** `支出决算表` — 支出决算表');
    expect(t).toContain('5 列 · 键 `科目编码` (功能分类) · 单位 万元');
  });

  it('shows a fact with its doc and, with bound data, its value', () => {
    const t = hoverText('决算/main.suan', MAIN('rule R { assert 收支<|>总计 ≈ 0 万元 }'), 'en', true)!;
    expect(t).toContain('**fact** `收支总计`: `money 万元`');
    expect(t).toContain('“Total …”');
    expect(t).toContain('value in a.yaml: 100.50 万元');
  });

  it('shows a function usage and documentation', () => {
    const t = hoverText('决算/main.suan', MAIN('rule R { assert rou<|>nd(收支总计, 2) ≈ 0 万元 }'))!;
    expect(t).toContain('**function** `round(x, n) | round(x, n, "half-even")`');
    expect(t).toContain('half-up by default');
  });

  it('shows a rule with its results on the bound data', () => {
    const t = hoverText('决算/main.suan', MAIN('rule JS0<|>3 "三公" en "Three" {\n  assert 三公经费.合计 ≈ 三公经费.公务接待费\n}'), 'en', true)!;
    expect(t).toContain('**rule** `JS03` — Three');
    expect(t).toContain('**a.yaml** — ✗ 1 failing · ✓ 0 passed');
    expect(t).toContain('actual 5.00 万元; expected 2.00 万元; difference 3.00 万元');
  });

  it('shows a cross-table cell value and a row key from the data', () => {
    const src = MAIN('rule R { assert 支出决算表["合计"].基本<|>支出 ≈ 0 万元 }');
    expect(hoverText('决算/main.suan', src, 'en', true)).toContain('- a.yaml: 60.00');
    expect(hoverText('决算/main.suan', MAIN('rule R { assert 支出决算表["20<|>805"].基本支出 ≈ 0 万元 }'), 'en', true)).toContain('科目名称 行政事业单位养老支出');
  });

  it('shows a row variable, a level and a keyword', () => {
    expect(hoverText('决算/main.suan', MAIN('rule R { for r in 支出决算表  assert r<|>.基本支出 ≈ 0 }'))).toContain('**row variable** `r`: a row of 支出决算表');
    expect(hoverText('决算/main.suan', MAIN('rule R { for r in 支出决算表 where level(r) = 项<|>  assert r.基本支出 ≈ 0 }'))).toContain('code length 7');
    expect(hoverText('决算/main.suan', MAIN('rule R { for r in 支出决算表  assert r.基本支出 <|>≈ 0 }'))).toContain('Rounding-aware equality');
  });

  it('answers on a half-typed ruleset', () => {
    expect(hoverText('决算/main.suan', MAIN('rule R {\n  for r in 支出决算表\n  assert r.基本<|>支出 ≈'))).toContain('支出决算表.基本支出');
  });
});
