import { afterEach, describe, expect, it } from 'vitest';
import { signatureHelp } from '../../src/features/signature-help';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

function help(text: string, lang: 'en' | 'zh-CN' = 'en') {
  w = workspace({ lang });
  const doc = w.open('决算/main.suan', text);
  return signatureHelp(w.services, doc.uri, doc.positions[0]!);
}

describe('signature help', () => {
  it('shows the parameters of a function and the active one, on a half-typed call', () => {
    const h = help('rule R {\n  assert round(1.5, <|>\n')!;
    expect(h.signatures[0]!.label).toBe('round(x, n, mode?)');
    expect(h.activeParameter).toBe(1);
    expect(h.signatures[0]!.parameters![1]!.documentation).toBe('number of decimals');
  });

  it('skips nested calls and brackets when counting, speaks zh-CN', () => {
    const h = help('rule R {\n  assert round(max(1, 2), 2, <|>)\n}', 'zh-CN')!;
    expect(h.activeParameter).toBe(2);
    expect(h.signatures[0]!.parameters![2]!.documentation).toBe('取舍方式');
  });

  it('shows the usage forms of an aggregate', () => {
    const h = help('rule R {\n  assert sum(x.a for x in 表<|>)\n}')!;
    expect(h.signatures.map((s) => s.label)).toEqual(['sum(x.列 for x in 表 where 条件)', 'sum(行集.列)']);
  });

  it('says nothing outside a call', () => {
    expect(help('rule R {\n  assert round(1, 2) ≈ <|>1\n}')).toBeNull();
    expect(help('rule R {\n  assert x(<|>\n}')).toBeNull();
  });
});
