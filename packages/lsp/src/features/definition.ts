/**
 * Go to definition: a name → its declaration (in whichever file of the ruleset, or the ruleset it
 * extends); an `import`/`extends` path → that file; a row key (`表["210"]`) → the row in the data.
 */
import * as path from 'node:path';
import { declarationSpan, type AST } from '@suan/dsl';
import type { Location, Position } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import type { SuanServices } from '../services';
import { dataViews, rowIndex, own } from './data-values';

export function definition(services: SuanServices, uri: string, position: Position): Location[] {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const a = ws.analysisFor(doc.path);
  const lines = ws.lines(doc.path);
  if (!a || !lines) return [];
  const offset = lines.offsetAt(position);
  const occ = a.index.at(doc.path, offset);
  if (occ) {
    const span = declarationSpan(occ.symbol);
    return span ? [{ uri: ws.uriFor(span.file), range: spanToRange(span) }] : [];
  }
  // `import "…"` and `extends "…"`.
  const file = a.program.sources.files.find((f) => f.path === doc.path);
  for (const item of file?.parsed.ast.items ?? []) {
    if ((item.kind === 'Import' || item.kind === 'Extends') && item.path && item.path.span.start <= offset && offset <= item.path.span.end) {
      let target = path.resolve(path.dirname(doc.path), item.path.value);
      if (path.extname(target) === '') target += '.suan';
      if (ws.text(target) === undefined) return [];
      return [{ uri: ws.uriFor(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    }
  }
  // A row key: the row in each bound data file.
  const e = a.index.exprAt(doc.path, offset);
  if (e?.kind === 'String') {
    const table = indexedTable(a.program.types, e);
    if (!table) return [];
    const out: Location[] = [];
    for (const v of dataViews(services, a.entry)) {
      const tb = own(v.snapshot.tables, table);
      const i = tb ? rowIndex(tb, e.value) : -1;
      const span = i >= 0 ? tb!.keySpans[i] : undefined;
      if (span) out.push({ uri: ws.uriFor(span.file), range: spanToRange(span) });
    }
    return out;
  }
  return [];
}

function indexedTable(types: Map<AST.Expr, unknown>, key: AST.StringLit): string | undefined {
  for (const x of types.keys()) if (x.kind === 'Index' && x.index === key && x.object.kind === 'NameRef') return x.object.name.text;
  return undefined;
}
