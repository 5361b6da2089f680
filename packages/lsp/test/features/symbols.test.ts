import { afterEach, describe, expect, it } from 'vitest';
import { SymbolKind } from 'vscode-languageserver';
import { documentSymbols, workspaceSymbols } from '../../src/features/symbols';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

describe('document symbols', () => {
  it('outlines header, facts, constants and rules with their titles in the reader\'s language', () => {
    w = workspace({ lang: 'zh-CN' });
    const doc = w.open('决算/main.suan');
    const s = documentSymbols(w.services, doc.uri);
    expect(s.map((x) => `${x.kind}:${x.name}`)).toEqual([
      `${SymbolKind.Package}:测试.决算`, `${SymbolKind.File}:tables.suan`, `${SymbolKind.Variable}:收支总计`,
      `${SymbolKind.Variable}:三公经费.合计`, `${SymbolKind.Variable}:三公经费.公务接待费`, `${SymbolKind.Variable}:三公经费.公务用车`,
      `${SymbolKind.Constant}:尾差`, `${SymbolKind.Function}:JS01`, `${SymbolKind.Function}:JS02`, `${SymbolKind.Function}:JS03`, `${SymbolKind.Function}:JS04`,
    ]);
    expect(s.find((x) => x.name === 'JS01')!.detail).toBe('支出合计 = 基本 + 项目');
    const tables = documentSymbols(w.services, w.open('决算/tables.suan').uri);
    expect(tables[1]!.children!.map((c) => `${c.name} ${c.detail}`)).toContain('科目编码 键 code 功能分类');
  });

  it('outlines a half-typed file', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', 'table 表 { 金额: money }\nrule R1 {\n  assert 金额 ≈\nrule R2 { assert 1 = 1 }\n');
    expect(documentSymbols(w.services, doc.uri).map((x) => x.name)).toEqual(['表', 'R1', 'R2']);
  });
});

describe('workspace symbols', () => {
  it('finds declarations and rules of every ruleset in the workspace by substring', () => {
    w = workspace();
    const found = workspaceSymbols(w.services, '支出');
    expect(found.map((s) => s.name)).toEqual(expect.arrayContaining(['支出决算表', '本年支出合计', '基本支出', 'JS01']));
    expect(workspaceSymbols(w.services, 'CITY0').map((s) => s.name)).toEqual(['CITY01']);
    expect(workspaceSymbols(w.services, 'city rules').map((s) => s.name)).toEqual(['测试.市级']); // by the English title too
  });
});
