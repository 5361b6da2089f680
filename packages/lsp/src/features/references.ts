/**
 * Find references: every occurrence of the symbol under the cursor, in every ruleset of the
 * workspace that shares its declaration (a province ruleset and the city rulesets extending it).
 */
import { symbolKey, type Occurrence, type SymbolRef } from '@suan/dsl';
import type { Location, Position } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';

/** The occurrence under the cursor, and the analysis it was found in. */
export function occurrenceAt(services: SuanServices, uri: string, position: Position): { a: Analysis; occ: Occurrence } | undefined {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return undefined;
  const a = ws.analysisFor(doc.path);
  const lines = ws.lines(doc.path);
  if (!a || !lines) return undefined;
  const occ = a.index.at(doc.path, lines.offsetAt(position));
  return occ ? { a, occ } : undefined;
}

/** All occurrences of a symbol across the rulesets that can see its declaration (deduplicated). */
export function allOccurrences(services: SuanServices, a: Analysis, symbol: SymbolRef): Occurrence[] {
  const key = symbolKey(symbol);
  const out = new Map<string, Occurrence>();
  const add = (o: Occurrence) => {
    const k = `${o.name.span.file}:${o.name.span.start}:${o.name.span.end}`;
    if (!out.has(k)) out.set(k, o);
  };
  for (const o of a.index.occurrences(symbol)) add(o);
  // Rule-local names never leave their rule; built-ins and fact groups have no declaration to share.
  if (symbol.kind !== 'local') {
    const declFile = 'nameSpan' in symbol && symbol.nameSpan ? symbol.nameSpan.file : undefined;
    for (const other of services.workspace.allAnalyses()) {
      if (other === a || (declFile && !other.texts.has(declFile))) continue;
      for (const [name, s] of other.program.refs) if (symbolKey(s) === key) add({ name, symbol: s, isDeclaration: false });
    }
  }
  return [...out.values()].sort((x, y) => (x.name.span.file < y.name.span.file ? -1 : x.name.span.file > y.name.span.file ? 1 : x.name.span.start - y.name.span.start));
}

export function references(services: SuanServices, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = occurrenceAt(services, uri, position);
  if (!found) return [];
  const declKey = (o: Occurrence) => o.isDeclaration;
  return allOccurrences(services, found.a, found.occ.symbol)
    .filter((o) => includeDeclaration || !declKey(o))
    .map((o) => ({ uri: services.workspace.uriFor(o.name.span.file), range: spanToRange(o.name.span) }));
}
