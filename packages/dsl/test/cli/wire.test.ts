import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOne } from '../../src/cli/batch';
import { fromWire, toWire } from '../../src/cli/wire';
import { loadRuleset } from '../../src/index';
import { nodeFileHost } from '../../src/semantics/sources';

const REPO = path.resolve(__dirname, '../../../..');

describe('the worker ↔ main thread message of suan check --jobs', () => {
  it('gives back exactly the entry the worker computed: findings, not-applicable reasons, data diagnostics', async () => {
    const { compiled } = loadRuleset(path.join(REPO, 'rulesets/juesuan/juesuan.suan'), await nodeFileHost());
    const entry = await checkOne(compiled!, path.join(REPO, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml'), {});
    const r = entry.result!;
    expect(r.rules.some((x) => x.findings.length > 0)).toBe(true);
    expect(r.rules.some((x) => x.notApplicable)).toBe(true);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    // Through a real structured clone, as between threads.
    const back = fromWire(structuredClone(toWire(entry)), compiled!);
    expect(back).toEqual(entry);
    // Rules without findings travel as an id and five counts, not as objects with titles and places.
    const quiet = r.rules.filter((x) => !x.findings.length && !x.notApplicable && !x.error).length;
    expect(toWire(entry).result!.details).toHaveLength(r.rules.length - quiet);
    expect(JSON.stringify(toWire(entry)).length).toBeLessThan(JSON.stringify(entry).length - quiet * 150);
  });

  it('passes an unreadable document through', async () => {
    const { compiled } = loadRuleset(path.join(REPO, 'rulesets/juesuan/juesuan.suan'), await nodeFileHost());
    const entry = await checkOne(compiled!, path.join(REPO, 'no-such-file.json'), {});
    expect(entry.result).toBeUndefined();
    expect(fromWire(structuredClone(toWire(entry)), compiled!)).toEqual(entry);
  });
});
