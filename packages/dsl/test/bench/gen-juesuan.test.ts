/**
 * The synthetic 部门决算 corpus behind `npm run bench:batch` must look like real disclosures to
 * the published ruleset: a clean document has no findings, and each injected inconsistency is
 * found. Otherwise the benchmark measures explanation of spurious errors, not checking.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateJuesuan } from '../../bench/gen-juesuan';
import { evaluateDocument, loadDisclosureText, loadRuleset } from '../../src/index';
import { nodeFileHost } from '../../src/semantics/sources';

const RULESET = path.resolve(__dirname, '../../../../rulesets/juesuan/juesuan.suan');

describe('synthetic 部门决算 disclosures (bench/gen-juesuan)', () => {
  it('are clean under the published ruleset unless an inconsistency was injected, and every injection is found', async () => {
    const host = await nodeFileHost();
    const { program, compiled } = loadRuleset(RULESET, host);
    expect(program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    let injectedCount = 0;
    for (let i = 0; i < 40; i++) {
      const { json, injected } = generateJuesuan(i, 2024);
      const load = loadDisclosureText(`/synthetic/dept-${i}.json`, JSON.stringify(json), host);
      expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const result = evaluateDocument(compiled!, load.disclosure!);
      const failing = result.rules.filter((r) => r.counts.fail + r.counts.error > 0).map((r) => r.id);
      if (injected) {
        injectedCount++;
        expect(failing.length, `document ${i}: ${injected} not found`).toBeGreaterThan(0);
      } else {
        expect(failing, `document ${i} has no injected error`).toEqual([]);
      }
    }
    expect(injectedCount).toBeGreaterThan(5);
  });
});
