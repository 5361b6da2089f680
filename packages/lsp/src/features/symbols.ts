/**
 * Document symbols (the outline of a ruleset file) and workspace symbols (tables, facts, rules …
 * of every ruleset in the workspace, matched by substring — Chinese names need no pinyin).
 */
import { flattenOutline, outline, type OutlineKind, type OutlineNode } from '@suan/dsl';
import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import { pick } from '../i18n';
import type { SuanServices } from '../services';

const KINDS: Record<OutlineKind, SymbolKind> = {
  ruleset: SymbolKind.Package,
  import: SymbolKind.File,
  extends: SymbolKind.Module,
  override: SymbolKind.Event,
  hierarchy: SymbolKind.Enum,
  level: SymbolKind.EnumMember,
  table: SymbolKind.Struct,
  column: SymbolKind.Field,
  fact: SymbolKind.Variable,
  const: SymbolKind.Constant,
  precision: SymbolKind.Property,
  rule: SymbolKind.Function,
  scorecard: SymbolKind.Class,
  indicator: SymbolKind.Field,
};

export function documentSymbols(services: SuanServices, uri: string): DocumentSymbol[] {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const parsed = ws.parsed(doc.path);
  if (!parsed) return [];
  const lang = services.lang();
  const convert = (n: OutlineNode): DocumentSymbol => {
    const range = spanToRange(n.span);
    let selectionRange = spanToRange(n.selectionSpan);
    // The selection must lie inside the range.
    if (n.selectionSpan.start < n.span.start || n.selectionSpan.end > n.span.end) selectionRange = range;
    return {
      name: n.name || '?',
      detail: n.detail ? pick(lang, n.detail) : undefined,
      kind: KINDS[n.kind],
      range,
      selectionRange,
      children: n.children.map(convert),
    };
  };
  return outline(parsed.ast).map(convert);
}

export function workspaceSymbols(services: SuanServices, query: string): WorkspaceSymbol[] {
  const ws = services.workspace;
  const q = query.trim().toLowerCase();
  const lang = services.lang();
  const out: WorkspaceSymbol[] = [];
  for (const file of ws.rulesetFiles()) {
    const parsed = ws.parsed(file);
    if (!parsed) continue;
    for (const n of flattenOutline(outline(parsed.ast))) {
      if (n.kind === 'import' || n.kind === 'precision' || n.kind === 'override') continue;
      const detail = n.detail ? pick(lang, n.detail) : '';
      const haystack = `${n.name}\u0000${n.detail?.zh ?? ''}\u0000${n.detail?.en ?? ''}`.toLowerCase();
      if (q && !haystack.includes(q)) continue;
      out.push({ name: n.name, kind: KINDS[n.kind], location: { uri: ws.uriFor(file), range: spanToRange(n.selectionSpan) }, containerName: detail || undefined });
      if (out.length >= 1000) return out;
    }
  }
  return out;
}
