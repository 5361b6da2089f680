import { afterEach, describe, expect, it } from 'vitest';
import { foldingRanges } from '../../src/features/folding';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

describe('folding', () => {
  it('folds blocks up to the line before their closing brace, comment runs and import runs', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', '# 一\n# 二\nruleset t {\n  title "t"\n}\nimport "a.suan"\nimport "b.suan"\nrule R {\n  assert 1 = 1\n}\n');
    expect(foldingRanges(w.services, doc.uri)).toEqual([
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 3, kind: 'region' },
      { startLine: 5, endLine: 6, kind: 'imports' },
      { startLine: 7, endLine: 8 },
    ]);
  });
});
