/** `codeOf` (syntax/ast.ts): the code of a span as one line, without comments, strings and `names` whole. */
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../src/syntax/ast';

const all = (text: string) => codeOf(text, { start: 0, end: text.length });

describe('codeOf', () => {
  it('leaves out # and // comments and makes each run of white space one space', () => {
    expect(all('weight ×  # half of it\n    0.5')).toBe('weight × 0.5');
    expect(all('parts {  // two\n  3: full,\n  1: full\n}')).toBe('parts { 3: full, 1: full }');
  });

  it('keeps a # or // inside a string or a `name`, and a string\'s escaped quote', () => {
    expect(all('r.项目 = "第#1项 // 不是注释"  # 注释')).toBe('r.项目 = "第#1项 // 不是注释"');
    expect(all('`#列` + 1')).toBe('`#列` + 1');
    expect(all('"a \\" # b" # c')).toBe('"a \\" # b"');
  });

  it('reads only the span', () => {
    const text = 'x # a\ny + 1 # b\nz';
    expect(codeOf(text, { start: 6, end: 11 })).toBe('y + 1');
  });
});
