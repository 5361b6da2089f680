/**
 * rulesets/jixiao-mubiao on seed 002's performance-target tables: exactly the reviewed golden
 * findings, every DISPUTED audit item, and the target parser reading every target as the audit
 * does (106 targets that parse, 3 with no target, none malformed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { CompiledProgram, DocumentResult } from '@suan/dsl';
import { parseTarget } from '../../packages/dsl/src/scorecard/targets';
import { REPO, check, compile, findingsOf, readGolden } from './golden';
import { auditVerdicts, goldenAudits } from './jixiao-audit';

const RULESET = 'jixiao-mubiao';
const EXAMPLES = ['002-dacheng-yibao-2021'];

describe('rulesets/jixiao-mubiao on the example', () => {
  let compiled: CompiledProgram;
  let r: DocumentResult;

  beforeAll(async () => {
    compiled = await compile(`rulesets/${RULESET}/mubiao.suan`);
    r = await check(compiled, `rulesets/${RULESET}/examples/${EXAMPLES[0]}.yaml`);
  });

  it('has a manifest and bilingual rules, and no ruleset diagnostics', () => {
    expect(compiled.program.info.kinds).toEqual(['绩效目标', '部门预算']);
    expect(compiled.program.diagnostics).toEqual([]);
    for (const rule of compiled.program.rules) expect(rule.message.some((m) => m.lang === 'en'), rule.id).toBe(true);
  });

  it('reports exactly the reviewed findings', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const golden = readGolden(`rulesets/${RULESET}/expected/${EXAMPLES[0]}.yaml`).map(({ audit, ...f }) => (void audit, f));
    expect(findingsOf(r)).toEqual(golden);
  });

  it('finds every DISPUTED audit item; every golden entry names an audit item', () => {
    const verdicts = auditVerdicts(RULESET, /^MB-\d+$/);
    expect(verdicts.size).toBe(118);
    const named = goldenAudits(RULESET, EXAMPLES);
    for (const id of named.keys()) expect(verdicts.has(id), id).toBe(true);
    const disputed = [...verdicts].filter(([, v]) => v === 'DISPUTED').map(([id]) => id);
    expect(disputed.length).toBe(16);
    expect(disputed.filter((id) => !named.has(id))).toEqual([]);
    // The only other entries are the three targets the audit cannot compute because none is printed.
    expect([...named.keys()].filter((id) => verdicts.get(id) !== 'DISPUTED').sort()).toEqual(['MB-101', 'MB-105', 'MB-23']);
  });

  it('reads every target as the audit does', () => {
    const data = parseYaml(fs.readFileSync(path.join(REPO, `rulesets/${RULESET}/examples/${EXAMPLES[0]}.yaml`), 'utf8'));
    const rows = data.tables['绩效目标'].rows as { 指标值: string }[];
    const kinds = rows.map((x) => parseTarget(x.指标值).kind);
    expect(rows).toHaveLength(109);
    expect(kinds.filter((k) => k === 'invalid')).toEqual([]);
    expect(kinds.filter((k) => k === 'none')).toHaveLength(3);
    // No operator → "=" (MB-10, 11, 17, 24, 106); dates as deadlines (MB-37: 2021.12月); qualitative words (MB-12, 18, 40 …).
    const at = (n: number) => parseTarget(rows[n - 1]!.指标值);
    expect([at(10).op, at(10).unit]).toEqual(['=', '元']);
    expect([at(37).kind, at(37).date]).toEqual(['deadline', { year: 2021, month: 12 }]);
    expect([at(40).kind, at(40).op]).toEqual(['qualitative', '=']);
    expect([at(83).op, at(83).opWritten]).toEqual(['=', '＝']);
    expect(rows.filter((x) => parseTarget(x.指标值).kind === 'qualitative')).toHaveLength(9);
  });
});
