/**
 * The template short cut (`parseSimpleExpression`, syntax/template.ts) against the parser, on
 * random expressions (fast-check, fixed seed): made of the pieces the short cut reads (names,
 * keywords, members, numbers, conversions, calls, `??`, strings) and of pieces it leaves to the
 * parser (operators, brackets, percentages), with random spacing. Whenever the short cut gives a
 * tree, the parser gives the same tree (every span) and no diagnostic; whenever the parser reads
 * an expression of the short cut's kind without a diagnostic, the short cut reads it too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AstBuilder } from '../../src/syntax/build-ast';
import { lineStarts, parseExpressionAt } from '../../src/syntax/parse';
import { parseSimpleExpression } from '../../src/syntax/template';

const FILE = '/virtual/p.suan';
const PREFIX = 'rule R {\n  assert 1 = 1\n  message "前 {';

function both(source: string) {
  const fileText = `${PREFIX}${source}}"\n}\n`;
  const builder = new AstBuilder(FILE, fileText, lineStarts(fileText));
  return { simple: parseSimpleExpression(source, PREFIX.length, builder), parsed: parseExpressionAt(source, FILE, fileText, PREFIX.length) };
}

const space = fc.constantFrom('', '', ' ', '  ', '\u3000', '\t');
const name = fc.constantFrom('actual', 'r', '科目编码', '本年支出合计', '`其中：教育收费`', 'x1', '因公出国（境）费', '“三公”经费', '元年', 'round', 'key', 'count', 'tolerance', 'total', 'as', 'in', 'not', '万元', '元');
const number = fc.constantFrom('0', '4', '2.50', '1_000', '12%', '3.', '007');
const simple: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { weight: 4, arbitrary: name },
    { weight: 2, arbitrary: number },
    { weight: 3, arbitrary: fc.tuple(tie('expr'), space, space, name).map(([e, a, b, n]) => `${e}${a}.${b}${n}`) },
    { weight: 2, arbitrary: fc.tuple(name, space, fc.array(tie('expr'), { maxLength: 3 }), fc.constantFrom(',', '，', '、')).map(([f, s, args, comma]) => `${f}${s}(${args.join(`${comma} `)})`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), space, fc.constantFrom('万元', '元', '亿元', 'x')).map(([e, s, u]) => `${e} as${s || ' '}${u}`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), space, fc.constantFrom('""', '"无"', '"—"', 'y', '0', '"a\\"b"')).map(([e, s, r]) => `${e}${s}??${s}${r}`) },
    { weight: 1, arbitrary: fc.tuple(tie('expr'), fc.constantFrom(' + ', ' * ', ' = ', '[1]', ' and ', ')', '(', '.', ',')).map(([e, op]) => `${e}${op}`) },
  ),
})).expr;

describe('the template short cut against the parser', () => {
  it('gives the parser\'s tree whenever it gives one', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.tuple(space, simple, space).map(([a, e, b]) => `${a}${e}${b}`), (source) => {
        const { simple: s, parsed } = both(source);
        if (s === undefined) return;
        read++;
        expect(parsed.diagnostics, source).toEqual([]);
        expect(s, source).toEqual(parsed.expr);
      }),
      { numRuns: 3000, seed: 20261125 },
    );
    expect(read).toBeGreaterThan(600); // most generated expressions are of the short cut's kind
  });

  it('reads every name, member chain and call of names that the parser reads without a diagnostic', () => {
    const plain = fc.letrec((tie) => ({
      expr: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('actual', 'r', '科目编码', '`其中：教育收费`', 'x1', '元年') },
        { weight: 2, arbitrary: fc.tuple(tie('expr'), fc.constantFrom('total', '金额', 'code', '`a b`')).map(([e, n]) => `${e}.${n}`) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom('round', 'key', 'f'), fc.array(tie('expr'), { maxLength: 2 })).map(([f, args]) => `${f}(${args.join(', ')})`) },
      ),
    })).expr;
    fc.assert(
      fc.property(plain, (source) => {
        const { simple: s, parsed } = both(source);
        if (parsed.diagnostics.length > 0) return;
        expect(s, source).toEqual(parsed.expr);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
