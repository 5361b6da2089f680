/**
 * Values from the bound data for editor features (hover, inlay hints, completion of row keys):
 * a fact as written, a table's rows, the cell `表["合计"].本年支出合计`.
 */
import * as path from 'node:path';
import type { AST, Lang, Span } from '@suan/dsl';
import type { DataSnapshot, TableSnapshot } from '../evaluation';
import type { SuanServices } from '../services';

export interface DataView {
  path: string;
  name: string;
  snapshot: DataSnapshot;
}

/** Snapshots of the data files of a ruleset's latest evaluation. */
export function dataViews(services: SuanServices, entry: string): DataView[] {
  const outcome = services.workspace.results.get(entry);
  if (!outcome) return [];
  return outcome.files.filter((f) => f.snapshot).map((f) => ({ path: f.path, name: path.basename(f.path), snapshot: f.snapshot! }));
}

/** A fact as written in a data file, with its unit: `2,330.12 万元`; undefined when not stated. */
export function factText(s: DataSnapshot, name: string): string | undefined {
  const f = own(s.facts, name);
  if (!f) return undefined;
  if (f.raw === null || f.raw === '') return '—';
  return f.unit ? `${f.raw} ${f.unit}` : f.raw;
}

export function factSpan(s: DataSnapshot, name: string): Span | undefined {
  return own(s.facts, name)?.span;
}

/** The index of a row by its key as written (trimmed). */
export function rowIndex(t: TableSnapshot, key: string): number {
  const col = t.keyColumn && t.columns.includes(t.keyColumn) ? t.columns.indexOf(t.keyColumn) : 0;
  const k = key.trim();
  return t.rows.findIndex((r) => (r[col] ?? '').trim() === k);
}

/** A cell as written, with the table's unit for money columns when known. */
export function cellText(s: DataSnapshot, table: string, key: string, column: string, lang: Lang): string | undefined {
  const t = own(s.tables, table);
  if (!t) return undefined;
  const i = rowIndex(t, key);
  const j = t.columns.indexOf(column);
  if (i < 0 || j < 0) return undefined;
  const v = t.rows[i]![j];
  if (v === null || v === undefined || v.trim() === '') return lang === 'en' ? '(blank)' : '（空白）';
  return v;
}

/** `表["合计"].本年支出合计` → its parts, when the expression has that shape. */
export function cellReference(e: AST.Expr): { table: string; key: string; column: string; tableName: AST.Name } | undefined {
  if (e.kind !== 'Member' || !e.name) return undefined;
  const idx = e.object;
  if (idx.kind !== 'Index' || !idx.index || idx.index.kind !== 'String' || idx.object.kind !== 'NameRef') return undefined;
  return { table: idx.object.name.text, key: idx.index.value, column: e.name.text, tableName: idx.object.name };
}

/** Keys of a table's rows in the data, with a label (the first text column after the key). */
export function rowKeys(t: TableSnapshot): { key: string; label?: string }[] {
  const col = t.keyColumn && t.columns.includes(t.keyColumn) ? t.columns.indexOf(t.keyColumn) : 0;
  const labelCol = t.columns.findIndex((c, j) => j !== col && /名称|项目|name/i.test(c));
  const out: { key: string; label?: string }[] = [];
  const seen = new Set<string>();
  for (const r of t.rows) {
    const k = (r[col] ?? '').trim();
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push({ key: k, label: labelCol >= 0 ? r[labelCol] ?? undefined : undefined });
  }
  return out;
}

/** An exact decimal string shown with at least `places` decimals (no floating point): "75" → "75.00". */
export function withPlaces(exact: string | undefined, places: number | undefined): string | undefined {
  if (exact === undefined || places === undefined || places <= 0 || !/^-?\d+(\.\d+)?$/.test(exact)) return exact;
  const [i, f = ''] = exact.split('.');
  return f.length >= places ? exact : `${i}.${f.padEnd(places, '0')}`;
}

/** An own property of a record keyed by names from rulesets and data (never `constructor` and friends from the prototype). */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
