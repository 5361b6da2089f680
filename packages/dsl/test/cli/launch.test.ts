/**
 * The `suan` command (src/cli/launch.ts) runs the CLI bundle with the code cache the build made,
 * and without it when the cache does not belong to the bundle or is damaged (a damaged cache
 * handed to V8 crashes node, which is why the launcher checks it first).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO } from './run-cli';

const DIST = path.dirname(CLI);
const RULESET = path.join(REPO, 'rulesets/juesuan');
const EXAMPLES = path.join(RULESET, 'examples');

/** A copy of the built command, to spoil its cache without touching dist/. */
function copyOfDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-launch-'));
  for (const f of ['suan.js', 'cli.cjs', 'cli.cjs.cache']) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  return dir;
}

/** Runs a copy of the command through its #! line, as users do: exit code, the report, and what it said of the cache. */
function run(cli: string) {
  const r = spawnSync(cli, ['check', RULESET, EXAMPLES, '--format', 'json', '--quiet', '--lang', 'en'], { encoding: 'utf8', env: { ...process.env, SUAN_STATS: '1' } });
  const report = JSON.parse(r.stdout, (k, v) => (k === 'ms' ? 0 : v)) as { documents: { rules: unknown[] }[] };
  return { code: r.status, report, cache: /SUAN_CODE_CACHE (\w+)/.exec(r.stderr)?.[1] };
}

describe('the suan command and its code cache', () => {
  it('was built with a cache, which a run through the #! line uses', () => {
    expect(fs.readFileSync(path.join(DIST, 'cli.cjs.cache')).subarray(0, 14).toString('latin1')).toBe('// suan build ');
    const r = run(CLI);
    expect(r.code).toBe(1);
    expect(r.cache).toBe('used');
  });

  it('gives the same report without a cache, with a stale one and with a damaged one, and uses none of them', () => {
    const expected = run(CLI).report;
    const missing = copyOfDist();
    fs.rmSync(path.join(missing, 'cli.cjs.cache'));
    const stale = copyOfDist();
    const staleCache = fs.readFileSync(path.join(stale, 'cli.cjs.cache'));
    const at = '// suan build '.length;
    staleCache[at] = staleCache[at] === 0x30 ? 0x31 : 0x30; // another build's id (one hex digit changed)
    fs.writeFileSync(path.join(stale, 'cli.cjs.cache'), staleCache);
    const damaged = copyOfDist();
    const damagedCache = fs.readFileSync(path.join(damaged, 'cli.cjs.cache'));
    for (let i = damagedCache.length >> 1; i < (damagedCache.length >> 1) + 64; i++) damagedCache[i]! ^= 0x5a; // V8 would crash on these bytes
    fs.writeFileSync(path.join(damaged, 'cli.cjs.cache'), damagedCache);
    const truncated = copyOfDist();
    fs.truncateSync(path.join(truncated, 'cli.cjs.cache'), 1000);
    for (const dir of [missing, stale, damaged, truncated]) {
      const r = run(path.join(dir, 'suan.js'));
      expect(r.code, dir).toBe(1);
      expect(r.cache, dir).toBe('none');
      expect(r.report).toEqual(expected);
    }
  });

  it('leaves a cache made with other node flags to V8, which refuses it', () => {
    const r = spawnSync(process.execPath, [CLI, 'check', RULESET, EXAMPLES, '--format', 'json=/dev/null', '--quiet'], { encoding: 'utf8', env: { ...process.env, SUAN_STATS: '1' } });
    expect(r.status).toBe(1);
    expect(/SUAN_CODE_CACHE (\w+)/.exec(r.stderr)?.[1]).toBe('refused'); // no #! flags: not the flags the cache was made with
  });
});
