import { afterEach, describe, expect, it } from 'vitest';
import { definition } from '../../src/features/definition';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

describe('go to definition', () => {
  it('goes from a column to its declaration in the imported file', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', 'ruleset t { title "t" }\nimport "tables.suan"\nrule R { for r in 支出决算表  assert r.基本<|>支出 ≈ 0 }\n');
    const locs = definition(w.services, doc.uri, doc.positions[0]!);
    expect(locs).toEqual([{ uri: w.uri('决算/tables.suan'), range: { start: { line: 8, character: 2 }, end: { line: 8, character: 6 } } }]);
  });

  it('goes from a row variable to its `for`, and from an import path to the file', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', 'ruleset t { title "t" }\nimport "tab<|>les.suan"\nrule R {\n  for r in 支出决算表\n  assert r<|>.基本支出 ≈ 0\n}\n');
    expect(definition(w.services, doc.uri, doc.positions[0]!)[0]!.uri).toBe(w.uri('决算/tables.suan'));
    expect(definition(w.services, doc.uri, doc.positions[1]!)[0]!.range.start).toEqual({ line: 3, character: 6 });
  });

  it('goes from an overridden rule id in an extending ruleset to the base rule', () => {
    w = workspace();
    const doc = w.open('市级/city.suan', 'ruleset c { title "c" }\nextends "../决算/main.suan" {\n  override JS0<|>3 severity warning\n}\n');
    const locs = definition(w.services, doc.uri, doc.positions[0]!);
    expect(locs[0]!.uri).toBe(w.uri('决算/main.suan'));
    expect(locs[0]!.range.start.line).toBe(27);
  });

  it('goes from a row key to the row in the bound data', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', 'ruleset t { title "t" }\nimport "tables.suan"\nrule R { assert 支出决算表["208<|>05"].基本支出 ≈ 0 万元 }\n');
    w.evaluate('决算/main.suan');
    const locs = definition(w.services, doc.uri, doc.positions[0]!);
    expect(locs).toEqual([{ uri: w.uri('决算/examples/a.yaml'), range: expect.objectContaining({ start: { line: 13, character: 9 } }) }]);
  });
});
