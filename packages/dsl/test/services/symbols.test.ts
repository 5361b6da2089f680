import { describe, expect, it } from 'vitest';
import { flattenOutline, outline, parse } from '../../src/index';

describe('outline', () => {
  it('lists the header, declarations with their members, and rules with their titles', () => {
    const ast = parse(`ruleset a.b { title "示例" en "Example" version "1.0" }
hierarchy 功能分类 { 类 3  款 5 }
table 表 { title "支出决算表"  key 编码: code 功能分类  金额: money 万元 precision 0.01 }
fact 总计: money 万元
let 尾差 = 0.01 万元
rule R1 "合计" en "Total" { severity warning  assert 总计 ≈ 0 }
extends "../base.suan" { override JS01 severity info  disable JS02 }
`, '/t.suan').ast;
    const o = outline(ast);
    expect(o.map((n) => `${n.kind} ${n.name}`)).toEqual(['ruleset a.b', 'hierarchy 功能分类', 'table 表', 'fact 总计', 'const 尾差', 'rule R1', 'extends ../base.suan']);
    expect(o[0]!.detail).toEqual({ zh: '示例 · v1.0', en: 'Example · v1.0' });
    expect(o[2]!.children.map((c) => `${c.name}: ${c.detail?.en}`)).toEqual(['编码: key code 功能分类', '金额: money 万元 precision 0.01']);
    expect(o[5]!.detail).toEqual({ zh: '合计 · warning', en: 'Total · warning' });
    expect(o[6]!.children.map((c) => `${c.name} ${c.detail?.en}`)).toEqual(['JS01 severity info', 'JS02 disabled']);
    expect(flattenOutline(o).length).toBe(7 + 2 + 2 + 2);
  });

  it('selects the name and covers the construct', () => {
    const text = 'rule R1 {\n  assert 1 = 1\n}\n';
    const [r] = outline(parse(text, '/t.suan').ast);
    expect(text.slice(r!.selectionSpan.start, r!.selectionSpan.end)).toBe('R1');
    expect(text.slice(r!.span.start, r!.span.end)).toBe('rule R1 {\n  assert 1 = 1\n}');
  });

  it('outlines what it can of a broken file', () => {
    const o = outline(parse('table 表 { 金额: money }\nrule R1 {\n  assert 金额 ≈\ntable 表2 {', '/t.suan').ast);
    expect(o.map((n) => n.name)).toContain('表');
    expect(o.map((n) => n.name)).toContain('R1');
  });
});
