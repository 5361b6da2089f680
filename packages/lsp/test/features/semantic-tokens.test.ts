import { afterEach, describe, expect, it } from 'vitest';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../../src/features/semantic-tokens';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

/** Decodes tokens into `text:type[+modifiers]`. */
function decode(text: string, data: number[]): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    ch = data[i] === 0 ? ch + data[i + 1]! : data[i + 1]!;
    const mods = TOKEN_MODIFIERS.filter((_, k) => (data[i + 4]! >> k) & 1);
    out.push(`${lines[line]!.slice(ch, ch + data[i + 2]!)}:${TOKEN_TYPES[data[i + 3]!]}${mods.length ? `+${mods.join('+')}` : ''}`);
  }
  return out;
}

describe('semantic tokens', () => {
  it('colours names by what they resolve to, also inside message templates', () => {
    w = workspace();
    const text = 'ruleset t { title "t" }\nimport "tables.suan"\n# 注释\nrule R1 {\n  for r in 支出决算表\n  assert r.基本支出 ≈ round(1, 2) 万元\n  message "{r.科目编码}：{actual}"\n}\n';
    const doc = w.open('决算/main.suan', text);
    const toks = decode(text, semanticTokens(w.services, doc.uri).data);
    expect(toks).toEqual(expect.arrayContaining([
      'rule:keyword', 'R1:macro+declaration', 'r:parameter+declaration', '支出决算表:struct', 'r:parameter', '基本支出:property',
      '≈:operator', 'round:function+defaultLibrary', '2:number', '# 注释:comment', '"{:string', '科目编码:property', 'actual:variable+defaultLibrary',
    ]));
  });

  it('gives unknown names a plain colour and never fails on broken text', () => {
    w = workspace();
    const text = 'rule R1 {\n  assert 未知 ≈ "\n';
    const doc = w.open('决算/main.suan', text);
    expect(decode(text, semanticTokens(w.services, doc.uri).data)).toContain('未知:variable');
  });
});
