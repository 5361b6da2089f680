/**
 * Formatting with the language core's formatter (`formatSource`, shared with `suan fmt`):
 * idempotent, keeps comments, never changes meaning; a file with syntax errors is left alone.
 * The edit covers only the lines that change, so the cursor and folds elsewhere stay put.
 */
import { formatSource } from '@suan/dsl';
import type { TextEdit } from 'vscode-languageserver';
import type { SuanServices } from '../services';

export function formatDocument(services: SuanServices, uri: string, tabSize = 2): TextEdit[] {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const r = formatSource(doc.text, doc.path, { indent: tabSize >= 1 && tabSize <= 8 ? tabSize : 2 });
  if (!r.changed) return [];
  return [minimalEdit(doc.text, r.text, ws.lines(doc.path)!)];
}

/** One edit replacing the lines between the common first and last lines of two texts. */
export function minimalEdit(before: string, after: string, lines: { rangeOf(s: number, e: number): TextEdit['range'] }): TextEdit {
  const split = (x: string) => x.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const b = split(before);
  const a = split(after);
  let p = 0;
  while (p < b.length && p < a.length && b[p] === a[p]) p++;
  let s = 0;
  while (s < b.length - p && s < a.length - p && b[b.length - 1 - s] === a[a.length - 1 - s]) s++;
  const offsetOf = (lines: string[], n: number) => lines.slice(0, n).reduce((acc, l) => acc + l.length, 0);
  const start = offsetOf(b, p);
  const end = offsetOf(b, b.length - s);
  return { range: lines.rangeOf(start, end), newText: a.slice(p, a.length - s).join('') };
}
