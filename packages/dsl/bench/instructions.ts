/**
 * `npm run bench:instructions`: the CLI's work counted in machine instructions, which, unlike
 * seconds, do not move with this machine's speed from one minute to the next (±20–30% here).
 * Runs `suan check` under valgrind (cachegrind, counting only) with V8 in its predictable mode
 * (one thread, fixed seeds), on the first 100 and the first 1,000 bench documents:
 *  - instructions per document: the difference of the two runs, divided by 900;
 *  - instructions to start: a run on one document, less one document's share, from the compiled
 *    ruleset and from its sources.
 * Two builds compare by their figures (`-- --cli <path to suan.js>`): repeated runs of one build
 * agree to within about 2%. A build with a code cache gets one made for the bench's flags. Needs valgrind (`apt-get install valgrind`); takes a few minutes.
 * Usage: npm run bench:instructions [-- --cli packages/dsl/dist/suan.js]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE, corpus, corpusFiles } from './corpus';
import { nodeFlagsOf } from './suan-command';

const REPO = process.cwd();
const at = process.argv.indexOf('--cli');
const BUILT = path.resolve(at > 0 ? process.argv[at + 1]! : path.join(REPO, 'packages/dsl/dist/suan.js'));
const RULESET = path.join(REPO, 'rulesets/juesuan/juesuan.suan');
const COMPILED = path.join(CACHE, 'juesuan.suan.json');

if (spawnSync('valgrind', ['--version']).error) {
  console.error('bench:instructions needs valgrind: apt-get install valgrind (需要 valgrind)');
  process.exit(1);
}
/** Node's flags from the CLI's `#!` line, as the suan command runs it. */
const NODE_FLAGS = nodeFlagsOf(BUILT);

/**
 * The CLI measured. A build with a code cache (src/cli/launch.ts) is measured with a cache of its
 * own, made with this bench's flags (V8 refuses one made with other flags), in a copy of dist/.
 */
const CLI = ((): string => {
  const dist = path.dirname(BUILT);
  if (!fs.existsSync(path.join(dist, 'cli.cjs'))) return BUILT;
  const copy = fs.mkdtempSync(path.join(CACHE, 'instructions-cli-'));
  for (const f of ['suan.js', 'cli.cjs']) fs.copyFileSync(path.join(dist, f), path.join(copy, f));
  const cli = path.join(copy, 'suan.js');
  spawnSync(process.execPath, ['--predictable', ...NODE_FLAGS, cli, 'check', path.join(REPO, 'rulesets/juesuan'), path.join(REPO, 'rulesets/juesuan/examples'), '--format', 'json=/dev/null', '--quiet', '--jobs', '1'], { env: { ...process.env, SUAN_WRITE_CODE_CACHE: '1' } });
  process.on('exit', () => fs.rmSync(copy, { recursive: true, force: true }));
  return cli;
})();

/** The runs' syntax cache (src/cli/syntax-cache.ts): the bench's own, emptied to measure a first run. */
const SYNTAX_CACHE = path.join(CACHE, 'instructions-syntax-cache');

/** Instructions executed by `suan <args>` (all threads), the file list given on stdin. */
function instructions(args: string[], stdin = ''): number {
  const r = spawnSync('valgrind', [
    '--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', '--smc-check=all-non-file',
    process.execPath, '--predictable', ...NODE_FLAGS, CLI, ...args,
  ], { input: stdin, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SUAN_CACHE_DIR: SYNTAX_CACHE } });
  const m = /I\s+refs:\s+([\d,]+)/.exec(r.stderr);
  if (!m) throw new Error(`valgrind gave no count:\n${r.stderr.slice(-2000)}`);
  return Number(m[1]!.replace(/,/g, ''));
}

const files = corpusFiles(corpus(1000));
spawnSync(process.execPath, [CLI, 'compile', RULESET, '-o', COMPILED]);
const check = (ruleset: string, n: number) => instructions(['check', ruleset, '-', '--jobs', '1', '--format', 'json=/dev/null', '--quiet'], files.slice(0, n).join('\n'));
const M = (x: number) => `${(x / 1e6).toFixed(2)} M`;

console.log(`cli           node --predictable ${[...NODE_FLAGS, path.relative(REPO, BUILT)].join(' ')}, under valgrind${CLI === BUILT ? '' : ', with a code cache made for these flags'}`);
const small = check(COMPILED, 100);
const big = check(COMPILED, 1000);
const perDoc = (big - small) / 900;
console.log(`per document  ${M(perDoc).padStart(10)} instructions  (suan check --jobs 1 --format json, 100 vs 1,000 documents)`);
// Start-up: one document's run less a document's share (from the ruleset as a pipeline runs it, and from its sources).
console.log(`start         ${M(check(COMPILED, 1) - perDoc).padStart(10)} instructions  compiled ruleset (.json)`);
fs.rmSync(SYNTAX_CACHE, { recursive: true, force: true });
console.log(`start         ${M(check(RULESET, 1) - perDoc).padStart(10)} instructions  ruleset sources (.suan), first run (parsed; empty syntax cache)`);
console.log(`start         ${M(check(RULESET, 1) - perDoc).padStart(10)} instructions  ruleset sources (.suan), later runs (trees from the syntax cache)`);
fs.rmSync(SYNTAX_CACHE, { recursive: true, force: true });
