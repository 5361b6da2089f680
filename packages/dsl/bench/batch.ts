/**
 * `npm run bench:batch`: the CLI at scale, as a pipeline runs it.
 *  - generates 10,000 synthetic 部门决算 disclosures of realistic size (bench/gen-juesuan.ts, JSON);
 *  - checks them with the published ruleset (rulesets/juesuan) with --jobs 1 (one thread) and --jobs 2
 *    (the main thread and one worker):
 *    documents per second, and the speed-up; and, as the ceiling of that speed-up on this machine,
 *    two separate --jobs 1 processes at once on half the documents each;
 *  - peak memory (whole process, workers included) for 1,000 vs 10,000 documents (medians of 3),
 *    and for 20,000 (each document twice): whether it still grows past 10,000; and 1,000 vs 10,000
 *    again with the ruleset named by its folder (the first line names its .suan entry file);
 *  - cold start of `suan check` on one document (median of 10 runs), from the ruleset's sources:
 *    the first run on them (an empty syntax cache, src/cli/syntax-cache.ts: the sources are
 *    parsed) and the runs after it (their trees from the cache); and from the compiled form
 *    (`suan compile`, which carries the syntax trees);
 *  - this machine's speed at the start and at the end of the run: the hand-written decimal.js
 *    checks of the peers (bench/peers) on 2,000 of their documents, in this process. The speed of
 *    this kind of machine moves by up to 2× from hour to hour; the workplace's peers README
 *    (../shared/peers/README.md) measured that baseline at 3,531 documents per second, so that the
 *    figures above can be read against it.
 * Usage: npm run bench:batch [-- <documents>]
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE, corpus, corpusFiles } from './corpus';
import * as baseline from './peers/baseline.mjs';
import { generate } from './peers/gen.mjs';
import { nodeFlagsOf } from './suan-command';
import { median, timeIt } from './timing';

const N = Number(process.argv[2] ?? 10_000);
const REPO = process.cwd();
const CLI = path.join(REPO, 'packages/dsl/dist/suan.js');
const RULESET = path.join(REPO, 'rulesets/juesuan/juesuan.suan');

/** Node's flags from the CLI's `#!` line: the bench runs the CLI as the `suan` command does. */
const NODE_FLAGS = nodeFlagsOf(CLI);

/** The runs' syntax cache (src/cli/syntax-cache.ts): the bench's own, not the home folder's. */
const SYNTAX_CACHE = path.join(CACHE, 'syntax-cache');

function run(args: string[], input?: string, env: Record<string, string> = {}): { ms: number; code: number | null; maxRssKB: number; cpuMs: number; checkedBy?: { main: number; workers: number }; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...NODE_FLAGS, CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, SUAN_STATS: '1', NO_COLOR: '1', SUAN_CACHE_DIR: SYNTAX_CACHE, ...env }, maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  const m = /SUAN_STATS (\{.*\})/.exec(r.stderr);
  const stats = m ? JSON.parse(m[1]!) : {};
  return { ms, code: r.status, maxRssKB: stats.maxRssKB ?? NaN, cpuMs: stats.cpuMs ?? NaN, checkedBy: stats.checkedBy, stderr: r.stderr };
}

/** Documents per second of the peers' hand-written decimal.js checks (median of 5 runs on 2,000 documents). */
const peerDocs = (generate(2000, 7) as { docs: unknown[] }).docs;
function machineSpeed(): number {
  for (const d of peerDocs.slice(0, 100)) baseline.check(d as never);
  return peerDocs.length / (timeIt(5, () => { for (const d of peerDocs) baseline.check(d as never); }) / 1000);
}
const speedBefore = machineSpeed();

const big = corpus(N);
const small = corpus(Math.min(1000, N));
const info = JSON.parse(fs.readFileSync(path.join(big, '.complete'), 'utf8'));
console.log(`corpus      ${N} documents, ${(info.bytes / N / 1024).toFixed(1)} KB each on average, ${info.injected} with an injected inconsistency`);
console.log(`cli         node ${[...NODE_FLAGS, path.relative(REPO, CLI)].join(' ')} (as the suan command runs)`);

const check = (dir: string, jobs: number) => run(['check', RULESET, dir, '--jobs', String(jobs), '--format', 'json=/dev/null', '--quiet']);
// Warm the file cache (both runs read the documents from memory, as the second run of a night would).
check(small, 2);
for (const f of fs.readdirSync(big)) fs.readFileSync(path.join(big, f));
const one = check(big, 1);
const two = check(big, 2);
const rate1 = N / (one.ms / 1000);
const rate2 = N / (two.ms / 1000);
// CPU time per document (all threads) moves less with this machine's speed than wall time does.
const cpu = (r: { cpuMs: number }) => `${((r.cpuMs * 1000) / N).toFixed(0)} µs CPU per document`;
console.log(`--jobs 1    ${rate1.toFixed(0).padStart(6)} docs/s  (${(one.ms / 1000).toFixed(1)} s, exit ${one.code}; ${cpu(one)})`);
console.log(`--jobs 2    ${rate2.toFixed(0).padStart(6)} docs/s  (${(two.ms / 1000).toFixed(1)} s; ${cpu(two)})   speed-up ${(rate2 / rate1).toFixed(2)}×   per core ${(rate2 / 2).toFixed(0)} docs/s`);
if (two.checkedBy) console.log(`            main thread checked ${two.checkedBy.main} documents, the worker ${two.checkedBy.workers} (the main thread also merges and writes)`);

// What two cores of this machine give at best: two separate `--jobs 1` processes at once, each on
// half of the documents (no threads, no messages, no shared output). The speed-up above is
// bounded by this one.
const halves = [0, 1].map((h) => fs.readdirSync(big).filter((f) => f.endsWith('.json')).filter((_, i) => i % 2 === h).map((f) => path.join(big, f)).join('\n'));
const started = performance.now();
await Promise.all(halves.map((list) => new Promise<void>((resolve) => {
  const p = spawn(process.execPath, [...NODE_FLAGS, CLI, 'check', RULESET, '-', '--jobs', '1', '--format', 'json=/dev/null', '--quiet'], { stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, SUAN_CACHE_DIR: SYNTAX_CACHE } });
  p.on('exit', () => resolve());
  p.stdin.end(list);
})));
const rateApart = N / ((performance.now() - started) / 1000);
console.log(`ceiling     ${rateApart.toFixed(0).padStart(6)} docs/s  two --jobs 1 processes at once on half the documents each: ${(rateApart / rate1).toFixed(2)}× one (what this machine's two cores give)`);

// Peak memory moves by a few tens of MB from run to run (when the collector runs): medians of 3.
const rssSmall = median([check(small, 2).maxRssKB, check(small, 2).maxRssKB, check(small, 2).maxRssKB]);
const rssBig = median([two.maxRssKB, check(big, 2).maxRssKB, check(big, 2).maxRssKB]);
console.log(`peak memory ${Math.min(1000, N)} docs: ${(rssSmall / 1024).toFixed(0)} MB   ${N} docs: ${(rssBig / 1024).toFixed(0)} MB   (ratio ${(rssBig / rssSmall).toFixed(2)}; medians of 3 runs, --jobs 2)`);
// Twice the documents (each file once more through a link of another name): whether the peak
// still grows past N documents, or the smaller run only ended before the collector's steady state.
const links = path.join(CACHE, `links-${N}`);
if (!fs.existsSync(path.join(links, '.complete'))) {
  fs.rmSync(links, { recursive: true, force: true });
  fs.mkdirSync(links, { recursive: true });
  for (const f of corpusFiles(big)) fs.symlinkSync(f, path.join(links, `again-${path.basename(f)}`));
  fs.writeFileSync(path.join(links, '.complete'), '');
}
const twice = [...corpusFiles(big), ...corpusFiles(links)].join('\n');
const checkTwice = () => run(['check', RULESET, '-', '--jobs', '2', '--format', 'json=/dev/null', '--quiet'], twice).maxRssKB;
const rssTwice = median([checkTwice(), checkTwice(), checkTwice()]);
console.log(`peak memory ${2 * N} docs: ${(rssTwice / 1024).toFixed(0)} MB   (${(rssTwice / rssBig).toFixed(2)}× ${N}; each document twice, medians of 3 runs, --jobs 2)`);
// The same ruleset named by its folder. The two forms load the same program, yet with two
// threads the .suan form peaked 20-30 MB higher until the results waiting for their turn were
// kept in a ring rather than a Map (cli/batch.ts, ReorderBuffer): both forms are measured.
const folder = path.dirname(RULESET);
const checkFolder = (dir: string) => run(['check', folder, dir, '--jobs', '2', '--format', 'json=/dev/null', '--quiet']).maxRssKB;
const rssFolderSmall = median([checkFolder(small), checkFolder(small), checkFolder(small)]);
const rssFolderBig = median([checkFolder(big), checkFolder(big), checkFolder(big)]);
console.log(`peak memory ${Math.min(1000, N)} docs: ${(rssFolderSmall / 1024).toFixed(0)} MB   ${N} docs: ${(rssFolderBig / 1024).toFixed(0)} MB   (ratio ${(rssFolderBig / rssFolderSmall).toFixed(2)}; the ruleset named by its folder, medians of 3 runs, --jobs 2)`);

const first = path.join(small, 'dept-000000.json');
const compiled = path.join(CACHE, 'juesuan.suan.json');
run(['compile', RULESET, '-o', compiled]);
// Each first run gets an empty syntax cache of its own; the runs after it share one, filled by a run before them.
const firstRuns = path.join(CACHE, 'syntax-cache-first-runs');
const cases = [
  ['sources, first run', RULESET, (i: number) => ({ SUAN_CACHE_DIR: path.join(firstRuns, String(i)) })],
  ['sources, later runs', RULESET, () => ({})],
  ['compiled (.json)', compiled, () => ({})],
] as const;
run(['check', RULESET, first, '--format', 'json=/dev/null', '--quiet', '--jobs', '1']);
for (const [label, ruleset, env] of cases) {
  const cold: number[] = [];
  fs.rmSync(firstRuns, { recursive: true, force: true });
  for (let i = 0; i < 10; i++) cold.push(run(['check', ruleset, first, '--format', 'json=/dev/null', '--quiet', '--jobs', '1'], undefined, env(i)).ms);
  cold.sort((a, b) => a - b);
  console.log(`cold start  suan check on one document, ruleset ${label.padEnd(19)} median ${cold[5]!.toFixed(0)} ms (min ${cold[0]!.toFixed(0)}, max ${cold[9]!.toFixed(0)})`);
}
fs.rmSync(firstRuns, { recursive: true, force: true });

const speedAfter = machineSpeed();
console.log(`machine     the peers' decimal.js baseline: ${speedBefore.toFixed(0)} docs/s at the start of this run, ${speedAfter.toFixed(0)} at its end (3,531 in the peers' README, ../shared/peers)`);
