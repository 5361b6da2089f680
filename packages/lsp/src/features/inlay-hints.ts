/**
 * Inlay hints with values from the bound data, where they help read a rule: a fact's value
 * after its declaration and after each use, a table's row count after its declaration, the
 * value of a cross-table cell (`表["合计"].本年支出合计`), and the `let` values of a failing
 * rule that checks one thing (no `for`).
 */
import { type AST } from '@suan/dsl';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import { pick, t } from '../i18n';
import type { SuanServices } from '../services';
import { cellReference, cellText, dataViews, factText, own } from './data-values';

const MAX_LABEL = 40;

export function inlayHints(services: SuanServices, uri: string, range: Range): InlayHint[] {
  if (!services.settings().inlayHints || !services.settings().inlineResults) return [];
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const a = ws.analysisFor(doc.path);
  if (!a) return [];
  const views = dataViews(services, a.entry);
  if (views.length === 0) return [];
  const lang = services.lang();
  const first = views[0]!;
  const hints: InlayHint[] = [];
  const inRange = (line: number) => line >= range.start.line && line <= range.end.line;
  const hintAt = (span: AST.Span, label: string, tooltip?: string) => {
    const pos = spanToRange(span).end;
    if (!inRange(pos.line)) return;
    const text = label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
    hints.push({ position: pos, label: text, kind: InlayHintKind.Type, paddingLeft: true, tooltip });
  };
  const several = (f: (v: (typeof views)[number]) => string | undefined): { label?: string; tooltip: string } => {
    const values = views.map((v) => ({ name: v.name, value: f(v) }));
    const tooltip = values.map((v) => `${v.name}: ${v.value ?? t(lang, 'hoverNotStated')}`).join('\n');
    const distinct = [...new Set(values.map((v) => v.value ?? '—'))];
    const label = values[0]?.value === undefined && distinct.length === 1 ? undefined : distinct.length === 1 ? `= ${distinct[0]}` : `= ${values.map((v) => v.value ?? '—').join(' | ')}`;
    return { label, tooltip };
  };

  // Declarations: facts and tables of this file.
  const file = a.program.sources.files.find((f) => f.path === doc.path);
  for (const item of file?.parsed.ast.items ?? []) {
    if (item.kind === 'Fact') {
      const v = several((view) => factText(view.snapshot, item.name.text));
      if (v.label) hintAt(item.name.span, v.label, v.tooltip);
    } else if (item.kind === 'Table' && item.name) {
      const tbl = own(first.snapshot.tables, item.name.text);
      const label = tbl ? t(lang, 'hoverRows', { n: tbl.rowCount }) + (tbl.unit ? ` · ${tbl.unit}` : '') : t(lang, 'hoverMissingTable');
      hintAt(item.name.span, label, views.map((v) => `${v.name}: ${own(v.snapshot.tables, item.name!.text) ? t(lang, 'hoverRows', { n: own(v.snapshot.tables, item.name!.text)!.rowCount }) : t(lang, 'hoverMissingTable')}`).join('\n'));
    }
  }

  // Uses: facts and cross-table cells inside rules.
  const memberHeads = new Set<AST.Expr>();
  for (const x of a.program.types.keys()) if (x.kind === 'Member') memberHeads.add(x.object);
  for (const e of a.program.types.keys()) {
    if (e.span.file !== doc.path) continue;
    const cell = cellReference(e);
    if (cell) {
      const v = several((view) => cellText(view.snapshot, cell.table, cell.key, cell.column, lang));
      if (v.label) hintAt(e.span, v.label, v.tooltip);
      continue;
    }
    const name = e.kind === 'NameRef' ? e.name : e.kind === 'Member' ? e.name : undefined;
    if (!name) continue;
    const sym = a.program.refs.get(name);
    if (sym?.kind !== 'fact') continue;
    if (memberHeads.has(e)) continue;
    const v = several((view) => factText(view.snapshot, sym.name));
    if (v.label) hintAt(e.span, v.label, v.tooltip);
  }

  // `let` values of a failing rule with a single binding.
  const outcome = ws.results.get(a.entry);
  for (const r of a.program.rules) {
    if (r.file !== doc.path || r.layer !== 0 || r.decl.steps.some((s) => s.kind === 'For')) continue;
    const rr = outcome?.files[0]?.result?.rules.find((x) => x.id === r.id);
    const f = rr?.findings[0];
    if (!f) continue;
    for (const s of r.decl.steps) {
      if (s.kind !== 'Let' || !s.name) continue;
      const value = f.values.find((x) => x.name === s.name!.text);
      if (value) hintAt(s.name.span, `= ${pick(lang, value.value.text)}`);
    }
  }
  hints.sort((x, y) => x.position.line - y.position.line || x.position.character - y.position.character);
  return hints;
}
