import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { references } from '../../src/features/references';
import { prepareRename, rename, writeName } from '../../src/features/rename';
import { positionOf, workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

/** Applies the edits of one file to its text. */
function apply(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('find references', () => {
  it('finds a column in its declaration, in rules, in a roll-up and in a message template', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    const pos = positionOf(doc.text, 'r.基本支出', 0, 3); // in JS01
    const refs = references(w.services, doc.uri, pos, true);
    const files = refs.map((r) => r.uri.split('/').pop());
    expect(files.filter((f) => f === 'tables.suan')).toHaveLength(1);
    expect(refs.length).toBe(3); // declaration, JS01, JS02 roll-up
    expect(references(w.services, doc.uri, pos, false).length).toBe(2);
  });

  it('finds a base rule from the city ruleset that overrides it too', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    w.open('市级/city.suan');
    const refs = references(w.services, doc.uri, positionOf(doc.text, 'JS03', 0, 2), true);
    expect(refs.map((r) => `${r.uri.split('/').pop()}:${r.range.start.line}`).sort()).toEqual(['city.suan:6', `main.suan:${positionOf(doc.text, 'JS03').line}`]);
  });
});

describe('rename', () => {
  it('renames a column across files (declaration, uses, roll-up, message template)', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    const pos = positionOf(doc.text, 'r.基本支出', 0, 3);
    expect(prepareRename(w.services, doc.uri, pos)).toMatchObject({ placeholder: '基本支出' });
    const edit = rename(w.services, doc.uri, pos, '基本经费') as WorkspaceEdit;
    const main = apply(doc.text, edit.changes![doc.uri]!);
    const tables = apply(readFileSync(w.file('决算/tables.suan'), 'utf8'), edit.changes![w.uri('决算/tables.suan')]!);
    expect(main).toContain('assert r.本年支出合计 ≈ r.基本经费 + r.项目支出');
    expect(main).toContain('columns 本年支出合计, 基本经费, 项目支出');
    expect(tables).toContain('  基本经费: money');
  });

  it('renames the last part of a grouped fact only', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    const edit = rename(w.services, doc.uri, positionOf(doc.text, '公务接待费', 1, 2), '接待费') as WorkspaceEdit;
    const main = apply(doc.text, edit.changes![doc.uri]!);
    expect(main).toContain('  接待费: money 万元');
    expect(main).toContain('let 分项 = 三公经费.接待费 + 三公经费.公务用车');
  });

  it('renames a rule id in the ruleset that overrides it', () => {
    w = workspace();
    const doc = w.open('决算/main.suan');
    w.open('市级/city.suan');
    const edit = rename(w.services, doc.uri, positionOf(doc.text, 'JS03', 0, 1), 'JS33') as WorkspaceEdit;
    expect(apply(readFileSync(w.file('市级/city.suan'), 'utf8'), edit.changes![w.uri('市级/city.suan')]!)).toContain('override JS33 severity warning');
  });

  it('writes names in backticks when they need them, and refuses names that are taken or impossible', () => {
    expect(writeName('其中：教育收费')).toBe('`其中：教育收费`');
    expect(writeName('total')).toBe('`total`');
    expect(writeName('因公出国（境）费')).toBe('因公出国（境）费');
    expect(writeName('a`b')).toBeUndefined();
    w = workspace();
    const doc = w.open('决算/main.suan');
    const taken = rename(w.services, doc.uri, positionOf(doc.text, 'r.基本支出', 0, 3), '项目支出');
    expect(taken).toMatchObject({ message: '"项目支出" is already taken' });
    expect(prepareRename(w.services, doc.uri, { line: 0, character: 2 })).toBeNull(); // a keyword
  });
});
