/** The literate bad parse cases of `bad/`, shared by `bad.test.ts` and `known-bugs.test.ts`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AST, Diagnostic } from '../../src/index';
import { diagnosticLine, directive, expectedLines, suanFiles } from '../fixtures/support';

export const BAD = path.join(__dirname, 'bad');

export function itemNames(items: AST.Item[]): string {
  return items.map((i) => `${i.kind}:${'id' in i ? (i.id?.text ?? '') : 'name' in i ? (i.name?.text ?? '') : ''}`).join(' ');
}

/** Diagnostics in source order (then by code), as expected-file lines. */
export function sortedLines(ds: readonly Diagnostic[]): string[] {
  return [...ds].sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code)).map(diagnosticLine);
}

export const badCases = suanFiles(BAD).map(([name, file]) => {
  const text = fs.readFileSync(file, 'utf8');
  return { name, file, text, knownBug: directive(text, 'known-bug'), items: directive(text, 'items') ?? '', expected: expectedLines(file.replace(/\.suan$/, '.expected.txt')) };
});

