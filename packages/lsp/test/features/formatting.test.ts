import { afterEach, describe, expect, it } from 'vitest';
import { formatDocument } from '../../src/features/formatting';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

describe('formatting', () => {
  it('returns one edit covering only the lines that change', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', 'ruleset t { title "t" }\n\nrule R {\nassert   1=1\n}\n');
    expect(formatDocument(w.services, doc.uri)).toEqual([{ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, newText: '  assert 1 = 1\n' }]);
  });

  it('returns nothing for a formatted file or one with syntax errors', () => {
    w = workspace();
    expect(formatDocument(w.services, w.open('决算/tables.suan').uri)).toEqual([]);
    expect(formatDocument(w.services, w.open('决算/main.suan', 'rule R {\n  assert =\n').uri)).toEqual([]);
  });
});
