import * as fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { codeLenses } from '../../src/features/code-lens';
import { dataDiagnostics, rulesetDiagnostics } from '../../src/features/diagnostics';
import { inlayHints } from '../../src/features/inlay-hints';
import { positionOf, workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

describe('inline results', () => {
  it('puts a diagnostic with actual, expected and difference on each failing binding, related to the data cells', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    const a = w.services.workspace.analysisFor(doc.text ? w.file('决算/main.suan') : '')!;
    const ds = rulesetDiagnostics(w.services, a).get(w.file('决算/main.suan'))!;
    const js01 = ds.filter((d) => d.code === 'JS01');
    expect(js01).toHaveLength(1);
    expect(js01[0]!.message).toBe('2080506: total 10.00 万元, parts 10.50 万元, difference -0.50 万元\nactual 10.00 万元; expected 10.50 万元; difference -0.50 万元; interval distance 0.485 万元\n— a.yaml');
    expect(js01[0]!.range.start).toEqual(positionOf(doc.text, 'r.本年支出合计 ≈'));
    expect(js01[0]!.relatedInformation!.map((r) => r.message)).toEqual([
      'read 支出决算表[2080506].本年支出合计 = 10.00', 'read 支出决算表[2080506].基本支出 = 10.00', 'read 支出决算表[2080506].项目支出 = 0.50', 'row 支出决算表[2080506]',
    ]);
    expect(js01[0]!.relatedInformation![0]!.location).toMatchObject({ uri: w.uri('决算/examples/a.yaml'), range: { start: { line: 15, character: 36 } } });
    expect(ds.filter((d) => d.code === 'JS02')).toHaveLength(3); // each failing parent × column
  });

  it('speaks the reader\'s language', () => {
    w = workspace({ lang: 'zh-CN' });
    w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    const a = w.services.workspace.analysisFor(w.file('决算/main.suan'))!;
    const js03 = rulesetDiagnostics(w.services, a).get(w.file('决算/main.suan'))!.find((d) => d.code === 'JS03')!;
    expect(js03.message).toBe('5.00 万元 与 4.50 万元 不符，差额 0.50 万元\n实际 5.00 万元；期望 4.50 万元；差额 0.50 万元；区间最小距离 0.485 万元\n— a.yaml');
  });

  it('puts diagnostics in the data file at the offending cell or fact, naming the rule', () => {
    w = workspace();
    w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    const ds = dataDiagnostics(w.services, w.file('决算/examples/a.yaml'));
    const js03 = ds.find((d) => d.code === 'JS03')!;
    expect((js03.message as string).split('\n')[0]).toBe('rule JS03 (Three public expenses): 5.00 万元 does not match 4.50 万元, difference 0.50 万元');
    expect(js03.range.start).toEqual({ line: 19, character: 17 }); // 三公经费.合计's value
    expect(js03.relatedInformation![0]).toMatchObject({ message: 'rule JS03 is written here', location: { uri: w.uri('决算/main.suan') } });
    const js01 = ds.find((d) => d.code === 'JS01')!;
    expect(js01.range.start).toEqual({ line: 15, character: 36 }); // the 本年支出合计 cell of row 2080506
  });

  // Such a finding ("tables missing", juesuan's JS0001) was shown only at its rule: someone editing
  // the data file was not told.
  it('puts a finding about the data file as a whole, which read no cell, at the top of the file', () => {
    w = workspace();
    const main = fs.readFileSync(w.file('决算/main.suan'), 'utf8');
    w.open('决算/main.suan', `${main}\ntable 缺表 { key 项目: text  金额: money }\nrule JS99 "表齐全" { assert present(缺表) }\n`);
    w.evaluate('决算/main.suan');
    const js99 = dataDiagnostics(w.services, w.file('决算/examples/a.yaml')).filter((d) => d.code === 'JS99');
    expect(js99).toHaveLength(1);
    expect(js99[0]!.range.start).toEqual({ line: 0, character: 0 });
    expect((js99[0]!.message as string).startsWith('rule JS99 (表齐全)')).toBe(true);
  });

  it('shows results of inherited rules at the `extends` of the extending ruleset, with the overridden severity', () => {
    w = workspace();
    const doc = w.open('市级/city.suan');
    w.services.workspace.manualBindings.set(w.file('市级/city.suan'), [w.file('决算/examples/a.yaml')]);
    w.evaluate('市级/city.suan');
    const a = w.services.workspace.analysisFor(w.file('市级/city.suan'))!;
    const ds = rulesetDiagnostics(w.services, a).get(w.file('市级/city.suan'))!;
    const js03 = ds.find((d) => d.code === 'JS03')!;
    expect(js03.range.start).toEqual(positionOf(doc.text, '"../决算/main.suan"'));
    expect(js03.severity).toBe(2); // warning, as overridden
    expect((js03.message as string).startsWith('JS03 ')).toBe(true);
  });

  it('puts a lens with counts above each rule, and the data binding above the header', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    const lenses = codeLenses(w.services, doc.uri);
    expect(lenses.map((l) => l.command!.title)).toEqual([
      'Data: a.yaml · convention (examples/ or *.data.*)',
      '✗ 1 failing · ✓ 4 passed',
      '✗ 3 failing · ✓ 6 passed',
      '✗ 1 failing',
      '✓ 1 passed',
    ]);
    expect(lenses[1]!.command).toMatchObject({ command: 'suan.showFindings', arguments: [doc.uri, 'JS01'] });
    expect(lenses[4]!.command!.command).toBe('');
  });

  it('marks lenses as stale while the text differs from what was evaluated', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    w.services.workspace.change(doc.uri, `${doc.text}\n# 新注释\n`, 2);
    expect(codeLenses(w.services, doc.uri)[1]!.command!.title).toBe('✗ 1 failing · ✓ 4 passed (updating…)');
  });

  it('shows values from the data as inlay hints: facts, table sizes, cells, lets of a failing rule', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    const hints = inlayHints(w.services, doc.uri, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    const at = (needle: string, n = 0) => {
      const p = positionOf(doc.text, needle, n, needle.length);
      return hints.filter((h) => h.position.line === p.line && h.position.character === p.character).map((h) => h.label);
    };
    expect(at('fact 收支总计')).toEqual(['= 100.50 万元']);
    expect(at('let 分项')).toEqual(['= 4.50 万元']);
    expect(at('三公经费.合计', 0)).toEqual(['= 5.00 万元']);
    expect(at('支出决算表["合计"].本年支出合计')).toEqual(['= 100.50']);
    const tables = inlayHints(w.services, w.open('决算/tables.suan').uri, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    expect(tables.map((h) => h.label)).toEqual(['5 rows · 万元']);
  });

  it('says a data file or a ruleset file saved as GBK is not UTF-8, where its first such byte is, instead of reading it garbled', () => {
    w = workspace();
    // "测试单位" in the data file's title and "支出决算表" in a title of tables.suan, as GB18030.
    const data = w.file('决算/examples/a.yaml');
    const [before, after] = fs.readFileSync(data, 'utf8').split('测试单位');
    fs.writeFileSync(data, Buffer.concat([Buffer.from(before!), Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xb5, 0xa5, 0xce, 0xbb]), Buffer.from(after!)]));
    w.open('决算/main.suan');
    w.evaluate('决算/main.suan');
    const ds = dataDiagnostics(w.services, data);
    expect(ds.map((d) => [d.code, d.range.start])).toEqual([['SUAN5007', { line: 2, character: 9 }]]); // B2 E2 is not UTF-8: "title: " is 7 characters, then 2 spaces
    expect(ds[0]!.message).toContain('the file is not UTF-8: the bytes at line 3, column 10 are not UTF-8 (perhaps GBK/GB18030');
    const tables = w.file('决算/tables.suan');
    const [head, tail] = fs.readFileSync(tables, 'utf8').split('title "支出决算表"');
    fs.writeFileSync(tables, Buffer.concat([Buffer.from(`${head}title "`), Buffer.from([0xd6, 0xa7, 0xb3, 0xf6]), Buffer.from(`"${tail}`)]));
    w.services.workspace.diskChanged(tables, 'changed');
    const program = w.services.workspace.analyze(w.file('决算/main.suan')).program;
    expect(program.diagnostics.filter((d) => d.code === 'SUAN0005').map((d) => `${d.span.file === tables} ${d.span.line}:${d.span.col}`)).toEqual(['true 4:11']);
  });
});
