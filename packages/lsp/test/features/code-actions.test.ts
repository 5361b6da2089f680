import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { codeActions } from '../../src/features/code-actions';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

const HEAD = 'ruleset t { title "t" }\nimport "tables.suan"\nfact 收支总计: money 万元\n';

function actions(text: string, diagnostics: unknown[] = []): CodeAction[] {
  w = workspace();
  const doc = w.open('决算/main.suan', text);
  const p = doc.positions[0]!;
  return codeActions(w.services, { textDocument: { uri: doc.uri }, range: { start: p, end: p }, context: { diagnostics: diagnostics as never } });
}

function editText(a: CodeAction): string {
  return Object.values(a.edit!.changes!).flat().map((e) => `${e.range.start.line}:${e.range.start.character} ${JSON.stringify(e.newText)}`).join(' | ');
}

describe('code actions', () => {
  it('offers "did you mean" for an unknown column, preferring the closest', () => {
    const as = actions(`${HEAD}rule R {\n  for r in 支出决算表\n  assert r.基本支<|>出出 ≈ 0\n}\n`);
    const dym = as.filter((a) => a.title.startsWith('Change to'));
    expect(dym[0]).toMatchObject({ title: 'Change to "基本支出"', kind: 'quickfix', isPreferred: true });
    expect(editText(dym[0]!)).toBe('5:11 "基本支出"');
  });

  it('declares a missing column in its table, typed from the other side of the comparison', () => {
    const as = actions(`${HEAD}rule R {\n  for r in 支出决算表\n  assert r.其他<|>支出 ≈ r.基本支出\n}\n`);
    const add = as.find((a) => a.title === 'Declare column "其他支出" in table 支出决算表')!;
    expect(editText(add)).toBe('10:0 "  其他支出: money\\n"');
    expect(Object.keys(add.edit!.changes!)[0]).toBe(w.uri('决算/tables.suan'));
  });

  it('declares a missing fact', () => {
    const as = actions(`${HEAD}rule R {\n  assert 收入<|>总计 ≈ 收支总计\n}\n`);
    const add = as.find((a) => a.title === 'Declare fact "收入总计"')!;
    expect(editText(add)).toBe('3:0 "fact 收入总计: money 万元\\n"');
  });

  it('adds `within` to a comparison, as a quick fix when a rule fails there', () => {
    const failing = [{ range: { start: { line: 5, character: 9 }, end: { line: 5, character: 30 } }, message: 'fails', code: 'R', data: { kind: 'finding' } }];
    const as = actions(`${HEAD}rule R {\n  for r in 支出决算表\n  assert r.本年<|>支出合计 ≈ r.基本支出\n}\n`, failing);
    const within = as.find((a) => a.title.startsWith('Add tolerance'))!;
    expect(within).toMatchObject({ title: 'Add tolerance within 0.01', kind: 'quickfix' });
    expect(editText(within)).toBe('5:26 " within 0.01"');
    const money = actions(`${HEAD}rule R {\n  assert 收支<|>总计 ≈ 100 万元\n}\n`).find((a) => a.title.startsWith('Add tolerance'))!;
    expect(money).toMatchObject({ title: 'Add tolerance within 0.01 万元', kind: 'refactor.rewrite' });
  });

  it('removes an unused let', () => {
    const as = actions(`${HEAD}rule R {\n  let 没<|>用 = 1\n  assert 收支总计 ≈ 0\n}\n`);
    const rm = as.find((a) => a.title === 'Remove unused "没用"')!;
    expect(editText(rm)).toBe('4:0 ""');
  });
});
