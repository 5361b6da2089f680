import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, type ParseResult } from '@suan/dsl';
import { IncrementalParser, splitChunks } from '../src/parse-cache';

const REPO = path.resolve(__dirname, '../../..');

function suanFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...suanFiles(p));
    else if (e.endsWith('.suan')) out.push(p);
  }
  return out;
}

const EXAMPLES = [...suanFiles(path.join(REPO, 'rulesets')), ...suanFiles(path.join(__dirname, 'fixtures'))].map((p) => readFileSync(p, 'utf8'));

function comparable(r: ParseResult): unknown {
  return {
    ast: r.ast,
    diagnostics: r.diagnostics,
    tokens: r.tokens.map((t) => [t.image, t.startOffset, t.endOffset, t.startLine, t.tokenType.name]),
  };
}

describe('incremental parsing', () => {
  it('cuts a file at its top-level items, ignoring keywords inside blocks, strings and comments', () => {
    const text = 'ruleset a { title "rule x" }\n# rule in a comment\nrule R {\n  let a = 1\n  assert a = 1\n}\ntable T { a: text }\n  fact F: money\n';
    expect(splitChunks(text).map((c) => c.text.split('\n')[0])).toEqual(['ruleset a { title "rule x" }', 'rule R {', 'table T { a: text }', '  fact F: money']);
  });

  it('builds the same tree, tokens and diagnostics as a whole-file parse for every example ruleset', () => {
    for (const text of EXAMPLES) {
      const inc = new IncrementalParser().parse('/x.suan', text);
      expect(comparable(inc)).toEqual(comparable(parse(text, '/x.suan')));
    }
  });

  it('stays equal to a whole-file parse through a sequence of edits, and reuses the chunks that did not change', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '# c\n', 'x', '\n\n')), { minLength: 1, maxLength: 8 }), (base, edits) => {
        const p = new IncrementalParser();
        let text = base;
        p.parse('/x.suan', text);
        for (const [at, insert] of edits) {
          // Insert only between lines, so the edited text keeps its meaning and stays valid.
          const lines = text.split('\n');
          const k = at % (lines.length + 1);
          text = [...lines.slice(0, k), insert.replace(/\n$/, '') === 'x' ? '' : insert.replace(/\n$/, ''), ...lines.slice(k)].join('\n');
          const inc = p.parse('/x.suan', text);
          const whole = parse(text, '/x.suan');
          if (whole.diagnostics.length === 0) expect(comparable(inc)).toEqual(comparable(whole));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('re-parses only the edited rule', () => {
    const text = EXAMPLES.find((t) => (t.match(/\nrule /g) ?? []).length > 5)!;
    const p = new IncrementalParser();
    p.parse('/x.suan', text);
    const before = { ...p.stats };
    const i = text.lastIndexOf('\nrule ');
    p.parse('/x.suan', `${text.slice(0, i)}\n# 新的注释${text.slice(i)}`);
    expect(p.stats.chunksParsed - before.chunksParsed).toBe(1);
    expect(p.stats.chunksReused - before.chunksReused).toBeGreaterThan(3);
  });

  it('keeps a broken rule from swallowing the rules after it, and names what follows instead of "end of file"', () => {
    const text = 'rule A {\n  assert 1 =\nrule B {\n  assert 1 = 1\n}\n';
    const r = new IncrementalParser().parse('/x.suan', text);
    expect(r.ast.items.map((i) => (i.kind === 'Rule' ? i.id?.text : i.kind))).toEqual(['A', 'B']);
    expect(r.diagnostics[0]!.args['found_en']).toBe('"rule"');
  });
});
