/**
 * Where a finding's numbers come from: the cells and facts a binding read, each described once
 * (written text, value, place in the data file). Shared by rules and scorecards.
 */
import type { BoundDoc, BoundTable } from './bind';
import { cellKey, factKey, type ReadRecord } from './compile';
import { viewOf } from './format';
import type { DataRef, ValueView } from './results';
import type { Value } from './values';

/**
 * A value as shown in findings. Values read from the document (cells, facts) are shown once per
 * document however many findings cite them: a wrong cell typically fails several rules.
 */
export function viewIn(doc: BoundDoc, v: Value): ValueView {
  if (typeof v !== 'object') return viewOf(v);
  let view = doc.views.get(v);
  if (!view) {
    view = viewOf(v);
    doc.views.set(v, view);
  }
  return view;
}

/** A cell as a data reference. */
export function cellRef(doc: BoundDoc, t: BoundTable, col: number, i: number, value: Value): DataRef {
  const column = t.columns[col]!.name;
  return { kind: 'cell', table: t.name, row: t.rowKey(i), column, written: t.raw(col, i), value: viewIn(doc, value), span: doc.disclosure.cellSpan(t.name, i, column) };
}

/** The identity of a read (cell or fact), for removing repeats. */
export function readKey(r: ReadRecord): string {
  return r.kind === 'cell' ? cellKey(r.table!.name, r.row!, r.column!) : factKey(r.fact!);
}

/** Whether two reads are of the same cell or fact. */
function sameRead(a: ReadRecord, b: ReadRecord): boolean {
  return a.kind === 'cell' ? b.kind === 'cell' && a.row === b.row && a.column === b.column && a.table === b.table : b.kind === 'fact' && a.fact === b.fact;
}

/** Whether two references point at the same cell (table, row key, column) or fact. */
export function sameDataRef(a: DataRef, b: DataRef): boolean {
  return a.kind === b.kind && a.table === b.table && a.row === b.row && a.column === b.column && a.fact === b.fact;
}

/** Reads up to this many are told apart by comparing them pairwise; more, through a set of keys. */
const FEW_READS = 16;

/** The cells and facts read, in order of first reading, each once. */
export function dataRefs(doc: BoundDoc, reads: readonly ReadRecord[]): DataRef[] {
  const out: DataRef[] = [];
  const seen = reads.length > FEW_READS ? new Set<string>() : undefined;
  for (let k = 0; k < reads.length; k++) {
    const r = reads[k]!;
    if (seen) {
      const key = readKey(r);
      if (seen.has(key)) continue;
      seen.add(key);
    } else {
      let repeat = false;
      for (let j = 0; j < k && !repeat; j++) repeat = sameRead(reads[j]!, r);
      if (repeat) continue;
    }
    if (r.kind === 'cell') out.push(cellRef(doc, r.table!, r.column!, r.row!, r.value));
    else {
      const f = doc.facts[r.fact!]!;
      out.push({ kind: 'fact', fact: f.sym.name, written: f.data?.raw ?? null, value: viewIn(doc, r.value), span: doc.disclosure.factSpan(f.sym.name) });
    }
  }
  return out;
}
