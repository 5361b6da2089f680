/**
 * The Suan engine for the peers' benchmark: peer documents (plain objects, amounts as printed)
 * become disclosures; Suan findings become the peers' finding ids.
 */
import type { DataTable, Disclosure, DocumentResult } from '../src/index';

export interface PeerDoc {
  id: string;
  exp: { code: string; total: string; basic: string; project: string }[];
  econ: { code: string; total: string; personnel: string; public: string }[];
  sangong: { travel: string; car: string; reception: string; total: string };
  facts: { total_yuan: string; prev_total_wan: string; yoy_pct: string };
}

const SPAN = { file: 'peer', start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };

function table(name: string, columns: string[], rows: Record<string, string>[]): DataTable {
  return { name, unit: '万元', empty: false, columns, rows: rows.map((r) => ({ cells: columns.map((c) => r[c] ?? null) })) };
}

/** A peer document as a Suan disclosure (no file: spans point nowhere). */
export function toDisclosure(d: PeerDoc): Disclosure {
  const facts = new Map<string, { name: string; raw: string; unit?: string }>([
    ['sangong.travel', { name: 'sangong.travel', raw: d.sangong.travel, unit: '万元' }],
    ['sangong.car', { name: 'sangong.car', raw: d.sangong.car, unit: '万元' }],
    ['sangong.reception', { name: 'sangong.reception', raw: d.sangong.reception, unit: '万元' }],
    ['sangong.total', { name: 'sangong.total', raw: d.sangong.total, unit: '万元' }],
    ['total_yuan', { name: 'total_yuan', raw: d.facts.total_yuan, unit: '元' }],
    ['prev_total_wan', { name: 'prev_total_wan', raw: d.facts.prev_total_wan, unit: '万元' }],
    ['yoy_pct', { name: 'yoy_pct', raw: d.facts.yoy_pct }],
  ]);
  return {
    file: d.id,
    format: 'json',
    meta: { kind: '部门决算' },
    tables: new Map([
      ['exp', table('exp', ['code', 'total', 'basic', 'project'], d.exp)],
      ['econ', table('econ', ['code', 'total', 'personnel', 'public'], d.econ)],
    ]),
    facts,
    cellSpan: () => SPAN,
    factSpan: () => SPAN,
    tableSpan: () => SPAN,
  };
}

/** Suan findings → the peers' ids (`row:201`, `tree:20101/basic`, `lei:合计/total`, …). */
export function toPeerIds(r: DocumentResult): string[] {
  const out: string[] = [];
  for (const rule of r.rules) {
    const id = rule.id.replace(/_v\d+$/, '');
    for (const f of rule.findings) {
      if (f.outcome !== 'fail' && f.outcome !== 'error') continue;
      const b = f.bindings[0];
      switch (id) {
        case 'row': out.push(`row:${b!.key}`); break;
        case 'erow': out.push(`erow:${b!.key}`); break;
        case 'tree': out.push(b!.key === '合计' ? `lei:合计/${b!.column}` : `tree:${b!.key}/${b!.column}`); break;
        case 'etree': out.push(b!.key === '合计' ? `etot:合计/${b!.column}` : `etree:${b!.key}/${b!.column}`); break;
        case 'cross': out.push('cross:basic'); break;
        case 'sangong': out.push('sangong'); break;
        case 'fact_total': out.push('fact:total'); break;
        case 'fact_yoy': out.push('fact:yoy'); break;
      }
    }
  }
  return out;
}
