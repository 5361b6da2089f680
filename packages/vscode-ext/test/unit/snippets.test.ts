/**
 * Snippets: each one, with its placeholders at their defaults, is valid Suan (parsed by the
 * language core), and the set covers what the brief asks (header, table, fact, rule with
 * for/assert/message, roll-up rule, scorecard).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@suan/dsl';
import { describe, expect, test } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const snippets = JSON.parse(readFileSync(path.resolve(here, '../../snippets/suan.json'), 'utf8')) as Record<
  string,
  { prefix: string | string[]; body: string | string[]; description: string }
>;

/** Expands a VS Code snippet body with every placeholder at its default (choices: the first). */
export function expand(body: string): string {
  const values = new Map<string, string>();
  const replaceOnce = (s: string) =>
    s
      .replace(/\$\{(\d+)\|([^|]*?)(?:,[^|]*)?\|\}/g, (_, n: string, first: string) => (values.set(n, first), first))
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_, n: string, def: string) => (values.set(n, def), def));
  let s = body;
  for (let i = 0; i < 10; i++) {
    const next = replaceOnce(s);
    if (next === s) break;
    s = next;
  }
  return s
    .replace(/\$\{(\d+)\}/g, (_, n: string) => values.get(n) ?? '')
    .replace(/\$(\d+)/g, (_, n: string) => values.get(n) ?? '')
    .replace(/\\\$/g, '$');
}

const text = (name: string) => {
  const b = snippets[name]!.body;
  return expand(Array.isArray(b) ? b.join('\n') : b);
};

describe('snippets', () => {
  test('cover the ruleset header, table, fact, rule, roll-up rule and scorecard', () => {
    const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    for (const p of ['ruleset', 'table', 'fact', 'facts', 'hierarchy', 'rule', 'rollup', 'scorecard', 'extends']) expect(prefixes).toContain(p);
    const rule = text('Rule (for every row)');
    for (const w of ['for ', 'assert ', 'message ', '{actual}', '{expected}', '{difference}']) expect(rule).toContain(w);
  });

  test.each(Object.keys(snippets))('%s parses without syntax errors', (name) => {
    let source = text(name);
    // A scorecard clause snippet is checked inside a scorecard.
    if (name === 'Score by execution rate') source = `scorecard X { table T\n${source}\n}`;
    const parsed = parse(source, `/snippet/${name}.suan`);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.span.line}:${d.span.col}`), source).toEqual([]);
  });

  test('placeholder expansion leaves no snippet syntax behind', () => {
    for (const name of Object.keys(snippets)) expect(text(name)).not.toMatch(/\$\{|\$\d/);
  });
});
