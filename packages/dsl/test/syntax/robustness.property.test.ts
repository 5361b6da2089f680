/**
 * Robustness of the parser (property-based, fast-check, fixed seeds): random strings, soups of
 * the language's own tokens, truncations and token shuffles of the published example ruleset and
 * of the good cases, hostile nesting, huge literals and very long lines. For every input:
 * nothing throws, and every diagnostic has a known code, a message in zh-CN and en, and a span
 * inside the text. The syntax tree's own spans stay inside the text too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type AST } from '../../src/index';
import { SAMPLES, TOKENS, mutatedSamples } from '../fixtures/fuzz';
import { diagnosticProblems } from '../fixtures/support';

/** Every span in a syntax tree lies inside the text. */
function spanProblems(ast: AST.SourceFile, length: number): string[] {
  const out: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown) => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) { x.forEach(visit); return; }
    const o = x as Record<string, unknown>;
    const s = o.span as AST.Span | undefined;
    if (s && (s.start < 0 || s.end > length || s.start > s.end || s.line < 1 || s.col < 1)) out.push(`${String(o.kind)} ${JSON.stringify(s)}`);
    for (const [k, v] of Object.entries(o)) if (k !== 'span') visit(v);
  };
  visit(ast);
  return out;
}

/** Parses and checks the invariants; returns the problems (empty when all hold). */
function parseProblems(text: string): string[] {
  let r;
  try {
    r = parse(text, 'fuzz.suan');
  } catch (e) {
    return [`parse threw: ${e instanceof Error ? e.message : String(e)}`];
  }
  return [...diagnosticProblems(r.diagnostics, () => text), ...spanProblems(r.ast, text.length)];
}

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((ts) => ts.join(' '));

describe('the parser never throws and reports valid diagnostics', () => {
  it('on random strings of any code points', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
      expect(parseProblems(s)).toEqual([]);
    }), { seed: 1, numRuns: 400 });
  });

  it('on random strings of the characters rulesets are made of', () => {
    const chars = fc.constantFrom(...'rule table fact assert for in where let{}()[]:,.=<>≈+-×÷"`#/\n 收支合计元万%％0123456789'.split(''));
    fc.assert(fc.property(fc.array(chars, { maxLength: 400 }).map((a) => a.join('')), (s) => {
      expect(parseProblems(s)).toEqual([]);
    }), { seed: 2, numRuns: 400 });
  });

  it('on soups of the language’s tokens', () => {
    fc.assert(fc.property(tokenSoup, (s) => {
      expect(parseProblems(s)).toEqual([]);
    }), { seed: 3, numRuns: 500 });
  });

  it('on every truncation point of the examples (sampled)', () => {
    fc.assert(fc.property(fc.constantFrom(...SAMPLES), fc.double({ min: 0, max: 1, noNaN: true }), ({ text }, f) => {
      expect(parseProblems(text.slice(0, Math.floor(text.length * f)))).toEqual([]);
    }), { seed: 4, numRuns: 400 });
  });

  it('on the examples with tokens shuffled, dropped or duplicated', () => {
    const mutated = mutatedSamples(8);
    fc.assert(fc.property(mutated, (s) => {
      expect(parseProblems(s)).toEqual([]);
    }), { seed: 5, numRuns: 300 });
  });

  it('on the examples with random text inserted at a random place', () => {
    fc.assert(fc.property(fc.constantFrom(...SAMPLES), fc.double({ min: 0, max: 1, noNaN: true }), tokenSoup, ({ text }, f, insert) => {
      const at = Math.floor(text.length * f);
      expect(parseProblems(text.slice(0, at) + insert + text.slice(at))).toEqual([]);
    }), { seed: 6, numRuns: 300 });
  });
});

describe('hostile input', () => {
  const rule = (expr: string) => `rule R { assert ${expr} }\nrule S { assert 1 = 1 }`;

  it.each([
    ['10,000 parentheses', rule(`${'('.repeat(10_000)}1${')'.repeat(10_000)} = 1`)],
    ['10,000 not', rule(`${'not '.repeat(10_000)}true`)],
    ['10,000 chained if', rule(`${'if true then '.repeat(10_000)}1${' else 2'.repeat(10_000)} = 1`)],
    ['10,000 unary minus', rule(`${'-'.repeat(10_000)}1 = 1`)],
    ['10,000 opening brackets only', rule(`a${'['.repeat(10_000)}`)],
    ['10,000 closing parentheses', rule(`1${')'.repeat(10_000)} = 1`)],
    ['a 100,000-digit number', rule(`${'9'.repeat(100_000)} = 1`)],
    ['a 100,000-digit percentage', rule(`${'9'.repeat(50_000)}.${'9'.repeat(50_000)}% = 1`)],
    ['a 200,000-character name', rule(`${'甲'.repeat(200_000)} = 1`)],
    ['a 200,000-character string', rule(`"${'x'.repeat(200_000)}" = "x"`)],
    ['a 100,000-character message of braces', `rule R { assert 1 = 1 message "${'{'.repeat(50_000)}${'}'.repeat(50_000)}" }`],
    ['a line of 20,000 rules', Array.from({ length: 20_000 }, (_, i) => `rule R${i} { assert ${i} = ${i} }`).join(' ')],
    ['50,000 lines of garbage', '@ # \n'.repeat(50_000)],
    ['100,000 lone quotes', '"\n'.repeat(100_000)],
  ])('%s', (_what, text) => {
    expect(parseProblems(text)).toEqual([]);
  });
});
