/**
 * The scanner, through `parse(...).tokens` (what editors use for highlighting): names, keywords,
 * literals, full-width signs, comments, and the line/column of tokens after wide characters.
 */
import { describe, expect, it } from 'vitest';
import { KEYWORDS, isKeyword, lineStarts, parse } from '../../src/index';

/** `image:Type` of every token of an expression inside a rule. */
function tokens(expr: string): string[] {
  const r = parse(`rule R { assert ${expr} }`, 'x.suan');
  return r.tokens.slice(4, -1).map((t) => `${t.image}:${t.tokenType.name}`);
}

describe('names', () => {
  it('reads Chinese names, names with digits and _, and keeps full-width parentheses and Chinese quotes inside a name', () => {
    expect(tokens('本年支出合计 R001 _x 因公出国（境）费 “三公”经费支出决算表 `其中：教育收费`')).toEqual([
      '本年支出合计:Identifier', 'R001:Identifier', '_x:Identifier', '因公出国（境）费:Identifier', '“三公”经费支出决算表:Identifier',
      '`其中：教育收费`:QuotedIdentifier',
    ]);
  });

  it('reads a keyword only as a whole word: longer names that start like a keyword are names', () => {
    expect(tokens('in inside for format and android count counting total totals')).toEqual([
      'in:Kw_in', 'inside:Identifier', 'for:Kw_for', 'format:Identifier', 'and:Kw_and', 'android:Identifier', 'count:Kw_count',
      'counting:Identifier', 'total:Kw_total', 'totals:Identifier',
    ]);
  });

  it('reads a money unit only on its own: 万元户 and 元数据 are names', () => {
    expect(tokens('1 元 2 万元 3 千元 4 亿元 万元户 元数据 5万元')).toEqual([
      '1:NumberLiteral', '元:MoneyUnit', '2:NumberLiteral', '万元:MoneyUnit', '3:NumberLiteral', '千元:MoneyUnit', '4:NumberLiteral', '亿元:MoneyUnit',
      '万元户:Identifier', '元数据:Identifier', '5:NumberLiteral', '万元:MoneyUnit',
    ]);
  });

  it('lists every keyword once, and says which words are reserved', () => {
    expect(new Set(KEYWORDS).size).toBe(KEYWORDS.length);
    for (const k of ['rule', 'table', 'fact', 'assert', 'within', 'count', 'key', 'total', 'en']) expect(isKeyword(k)).toBe(true);
    for (const k of ['sum', 'round', '合计', 'Rule', 'totals']) expect(isKeyword(k)).toBe(false);
  });
});

describe('literals and signs', () => {
  it('reads numbers with digit groups, percentages with either percent sign, and strings with escapes', () => {
    expect(tokens('1_000_000 0.005 83.59% 83.59％ "a\\"b"')).toEqual([
      '1_000_000:NumberLiteral', '0.005:NumberLiteral', '83.59%:PercentLiteral', '83.59％:PercentLiteral', '"a\\"b":StringLiteral',
    ]);
  });

  it('reads each mathematical sign as its ASCII operator', () => {
    const pairs: [string, string][] = [
      ['*', '×'], ['/', '÷'], ['<=', '≤'], ['<=', '≦'], ['>=', '≥'], ['>=', '≧'], ['!=', '≠'], ['~=', '≈'], ['-', '−'], ['=', '＝'], ['=', '=='],
    ];
    for (const [ascii, sign] of pairs) {
      const [a] = tokens(`a ${ascii} b`).slice(1);
      const [b] = tokens(`a ${sign} b`).slice(1);
      expect(b!.split(':')[1], sign).toBe(a!.split(':')[1]);
    }
  });

  it('reads full-width braces, colon, and both list separators', () => {
    const r = parse('table 表 ｛ 甲：money，乙：money、丙：money ｝', 'x.suan');
    expect(r.tokens.map((t) => t.tokenType.name)).toEqual([
      'Kw_table', 'Identifier', 'LBrace', 'Identifier', 'Colon', 'Kw_money', 'Comma', 'Identifier', 'Colon', 'Kw_money', 'Comma',
      'Identifier', 'Colon', 'Kw_money', 'RBrace',
    ]);
  });
});

describe('comments and white space', () => {
  it('leaves comments out of the tokens but keeps them in the tree', () => {
    const r = parse('# 一\nrule R { // 二\n assert 1 = 1 # 三\n}', 'x.suan');
    expect(r.tokens.some((t) => t.image.includes('#') || t.image.includes('//'))).toBe(false);
    expect(r.ast.comments.map((c) => `${c.span.line}:${c.span.col} ${c.text}`)).toEqual(['1:1 # 一', '2:10 // 二', '3:15 # 三']);
  });

  it('treats the ideographic space, tabs and a byte-order mark as white space', () => {
    const r = parse('\uFEFFrule\u3000R\t{ assert 1 = 1 }', 'x.suan');
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens.map((t) => t.image)).toEqual(['rule', 'R', '{', 'assert', '1', '=', '1', '}']);
  });
});

describe('positions', () => {
  it('counts columns in UTF-16 units: a CJK character is one column, an astral character two, a tab one', () => {
    const r = parse('fact 收支总计: money\nrule R { assert "𠀀" = 甲 }\n\tfact 乙: money', 'x.suan');
    const at = (image: string) => {
      const t = r.tokens.find((x) => x.image === image)!;
      return `${t.startLine}:${t.startColumn}`;
    };
    const fact = (name: string) => {
      const s = r.ast.items.flatMap((i) => (i.kind === 'Fact' ? [i.name] : [])).find((n) => n.text === name)!.span;
      return `${s.line}:${s.col}-${s.endLine}:${s.endCol}`;
    };
    expect(fact('收支总计')).toBe('1:6-1:10');
    expect(at('甲')).toBe('2:24');
    expect(fact('乙')).toBe('3:7-3:8');
    expect(r.diagnostics).toEqual([]);
  });

  it('computes line starts for \\n, \\r\\n and lone \\r line ends', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7]);
    expect(lineStarts('')).toEqual([0]);
    expect(lineStarts('a\nbc\n\nd\n')).toEqual([0, 2, 5, 6, 8]); // \n only: the string-search path
    expect(lineStarts('x\n')).toEqual([0, 2]);
  });

  it('gives the same line and column with \\n, \\r\\n and \\r line ends', () => {
    const view = (nl: string) => {
      const r = parse(['rule R {', '  assert 收入 = ', '}'].join(nl), 'x.suan');
      return r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}`);
    };
    expect(view('\n')).toEqual(['SUAN1001 3:1']);
    expect(view('\r\n')).toEqual(view('\n'));
    expect(view('\r')).toEqual(view('\n'));
  });
});
