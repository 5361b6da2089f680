/**
 * The limits of language.md §10, at their boundaries: nesting (64 levels), number literals
 * (40 digits), expression length, tokens per file (1,000,000) and file size (5,000,000
 * characters). Each limit ends in its diagnostic at the offending place, never in a crash, and
 * the declarations after it are still read.
 */
import { describe, expect, it } from 'vitest';
import { PARSE_LIMITS } from '../../src/syntax/parse';
import { loadSources, parse } from '../../src/index';
import { memHost } from '../helpers';

const NEXT = '\nrule 后续 { assert 1 = 1 }';

function codesAt(text: string): string[] {
  return parse(text, 'x.suan').diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}`);
}
function items(text: string): string[] {
  return parse(text, 'x.suan').ast.items.map((i) => (i.kind === 'Rule' ? i.id?.text ?? '' : i.kind));
}

describe('nesting: at most 64 levels', () => {
  const head = 'rule R { assert ';
  const col = head.length + 65; // the token that opens the 65th level

  it('accepts 64 nested parentheses and reports the 65th', () => {
    expect(codesAt(`${head}${'('.repeat(64)}1${')'.repeat(64)} = 1 }`)).toEqual([]);
    expect(codesAt(`${head}${'('.repeat(65)}1${')'.repeat(65)} = 1 }${NEXT}`)[0]).toBe(`SUAN1003 1:${col}`);
    expect(items(`${head}${'('.repeat(65)}1${')'.repeat(65)} = 1 }${NEXT}`)).toEqual(['R', '后续']);
  });

  it('counts brackets like parentheses', () => {
    // a[a[a[…1…]]]: the 65th "[" is the 130th character of the expression.
    expect(codesAt(`${head}${'a['.repeat(64)}1${']'.repeat(64)} = 1 }`)).toEqual([]);
    expect(codesAt(`${head}${'a['.repeat(65)}1${']'.repeat(65)} = 1 }`)[0]).toBe(`SUAN1003 1:${head.length + 130}`);
  });

  it('counts a run of not and unary minus', () => {
    expect(codesAt(`${head}${'not '.repeat(64)}true }`)).toEqual([]);
    expect(codesAt(`${head}${'not '.repeat(65)}true }`)[0]).toBe(`SUAN1003 1:${head.length + 1 + 64 * 4}`);
    expect(codesAt(`${head}${'-'.repeat(64)}1 = 1 }`)).toEqual([]);
    expect(codesAt(`${head}${'-'.repeat(65)}1 = 1 }`)[0]).toBe(`SUAN1003 1:${col}`);
  });

  it('does not count a binary minus as nesting', () => {
    expect(codesAt(`${head}${Array(100).fill('1').join(' - ')} = 0 }`)).toEqual([]);
    expect(codesAt(`${head}${Array(100).fill('-1').join(' + ')} = 0 }`)).toEqual([]);
  });

  it('survives 10,000 levels of each kind, keeping the rest of the file', () => {
    for (const deep of [
      `${'('.repeat(10_000)}1${')'.repeat(10_000)} = 1`,
      `${'not '.repeat(10_000)}true`,
      `${'if true then '.repeat(10_000)}true${' else false'.repeat(10_000)}`,
      `${'-'.repeat(10_000)}1 = 1`,
      `${'a['.repeat(10_000)}1${']'.repeat(10_000)} = 1`,
    ]) {
      const r = parse(`${head}${deep} }${NEXT}`, 'x.suan');
      expect(r.diagnostics[0]?.code).toBe('SUAN1003');
      expect(r.ast.items.map((i) => (i.kind === 'Rule' ? i.id?.text : i.kind))).toEqual(['R', '后续']);
    }
  });
});

describe('number literals: at most 40 digits', () => {
  it('accepts 40 digits and reports 41, for numbers, decimals and percentages', () => {
    const d40 = '1234567890'.repeat(4);
    expect(codesAt(`rule R { assert ${d40} = 1 and 0.${d40.slice(1)} = 1 and ${d40}% = 1 }`)).toEqual([]);
    expect(codesAt(`rule R { assert ${d40}1 = 1 }`)).toEqual(['SUAN1004 1:17']);
    expect(codesAt(`rule R { assert 0.${d40} = 1 }`)).toEqual(['SUAN1004 1:17']);
    expect(codesAt(`rule R { assert 1_${d40}% = 1 }`)).toEqual(['SUAN1004 1:17']);
  });

  it('reports a 100,000-digit literal with its length, and goes on', () => {
    const r = parse(`rule R { assert ${'9'.repeat(100_000)} = 1 }${NEXT}`, 'x.suan');
    expect(r.diagnostics.map((d) => [d.code, d.args.digits, d.span.endCol])).toEqual([['SUAN1004', 100_000, 17 + 100_000]]);
    expect(r.ast.items.length).toBe(2);
  });
});

describe('expression length', () => {
  it(`accepts ${PARSE_LIMITS.operators} operators in one expression and reports the next`, () => {
    const L = PARSE_LIMITS.operators;
    const sum = (n: number) => `rule R { assert ${Array(n).fill('1').join(' + ')} = ${n} }${NEXT}`;
    expect(codesAt(sum(L))).toEqual([]);
    const r = parse(sum(L + 1), 'x.suan');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SUAN1008']);
    expect(r.diagnostics[0]!.span.col).toBe('rule R { assert 1 '.length + 1 + L * 4); // the operator after the limit ("=")
    expect(r.ast.items.length).toBe(2);
  });

  it('counts postfix operations (.x, as 元) as operators too, so long chains end in a diagnostic', () => {
    const r = parse(`fact 甲: money 万元\nrule R { assert 甲${' as 元'.repeat(PARSE_LIMITS.operators + 1)} >= 0 元 }${NEXT}`, 'x.suan');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SUAN1008']);
  });
});

describe('file size', () => {
  it('reports more than 1,000,000 tokens at the first token beyond the limit', () => {
    const text = 'let 甲 = 1\n'.repeat(250_001); // 4 tokens a line
    const r = parse(text, 'x.suan');
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col} ${d.args.tokens}`)).toEqual(['SUAN1006 250001:1 1000004']);
  });

  it('refuses a ruleset file of more than 5,000,000 characters without reading it further', () => {
    const big = `# ${'x'.repeat(5_000_000)}`;
    const s = loadSources('/virtual/main.suan', memHost({ 'main.suan': 'import "big.suan"\n', 'big.suan': big }));
    expect(s.diagnostics.map((d) => `${d.code} ${d.span.file}:${d.span.line}:${d.span.col} ${d.args.size}`)).toEqual([
      'SUAN0004 /virtual/main.suan:1:8 5000002',
    ]);
    expect(s.files.map((f) => f.path)).toEqual(['/virtual/main.suan']);
  });

  it('reads a 5,000,000-character line of comment and a 20,000-rule single line', () => {
    expect(codesAt(`# ${'x'.repeat(4_999_990)}`)).toEqual([]);
    const line = Array.from({ length: 20_000 }, (_, i) => `rule R${i} { assert 1 = 1 }`).join(' ');
    const r = parse(line, 'x.suan');
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.items.length).toBe(20_000);
    expect((r.ast.items[19_999] as { span: { col: number } }).span.col).toBe(line.lastIndexOf('rule') + 1);
  });
});
