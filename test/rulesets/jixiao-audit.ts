/**
 * Reading the hand audits of the 绩效 rulesets (rulesets/jixiao-…/AUDIT.md): every `| ID | … |`
 * row, its verdict (the last cell: AGREES / DISPUTED / NOT COMPUTABLE).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO, readGolden } from './golden';

export type Verdict = 'AGREES' | 'DISPUTED' | 'NOT COMPUTABLE';

export function auditVerdicts(ruleset: string, idPattern: RegExp): Map<string, Verdict> {
  const text = fs.readFileSync(path.join(REPO, 'rulesets', ruleset, 'AUDIT.md'), 'utf8');
  const out = new Map<string, Verdict>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim()).filter((c) => c !== '');
    if (cells.length < 3 || !idPattern.test(cells[0]!)) continue;
    const last = cells[cells.length - 1]!;
    out.set(cells[0]!, /DISPUTED/.test(last) ? 'DISPUTED' : /NOT COMPUTABLE/.test(last) ? 'NOT COMPUTABLE' : 'AGREES');
  }
  return out;
}

/** Audit ids named by the golden findings of a ruleset's examples (an entry may name several, space-separated). */
export function goldenAudits(ruleset: string, examples: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const ex of examples) {
    for (const f of readGolden(`rulesets/${ruleset}/expected/${ex}.yaml`)) {
      for (const id of (f.audit ?? '').split(/[\s,]+/).filter(Boolean)) out.set(id, [...(out.get(id) ?? []), `${ex} ${f.rule} ${f.where}`]);
    }
  }
  return out;
}
