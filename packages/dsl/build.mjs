// Bundles the CLI into one file (fast cold start, no module resolution at run time), and the
// `suan` command that runs it with V8's code cache (src/cli/launch.ts), made here by a training run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const dist = new URL('./dist/', import.meta.url).pathname;
// The `suan` command keeps a long batch run's memory flat:
//  - it pins node's young generation at a 16 MB semi-space (V8's default for node 20 here;
//    newer ones may differ), and worker threads get the same through `resourceLimits`
//    (cli/batch.ts). A 32 MB semi-space, used before, measured no faster on today's evaluator
//    (10 alternating pairs of 10,000 documents: 0.99×) and V8 grew it late in a run: peak
//    memory 225 MB instead of 290 for 10,000 documents with --jobs 2;
//  - it lets the old generation grow to twice what survived the last full collection before
//    the next one (--heap-growing-percent=100; V8 otherwise allows up to 4×, and a batch run's
//    promoted garbage filled it): 10,000 documents then peak at 189-197 MB instead of 226-231,
//    20,000 at 201-206 instead of 247-261, with 1,000 at 174-180 both ways; no slower side by
//    side (8 pairs with one thread: 1.00×; 6 with two: 0.99×);
//  - it turns off V8's allocation-site pretenuring. V8 watches which allocation sites' objects
//    survive young collections and, past a threshold, allocates that site's objects in the old
//    generation at once. A document's rows and cells often live across one young collection,
//    so V8 pretenured them (always with the code cache, at times without): from then on every
//    document's data went to the old generation as garbage that only a full collection frees.
//    One thread: 120 MB for 1,000 documents, 164 MB for 10,000 (3 runs, 163-166); without
//    pretenuring 116 and 123 (3 runs, 122-123). Two threads: 206-209 and 250-264 MB before,
//    181-195 and 192-193 after. No slower (5 alternating pairs of 10,000 documents, one
//    thread: 8.55 s mean against 8.60; cold start: medians 377 and 385 ms).
// The id of this build: the first line of the CLI bundle (what its code cache is tied to), and
// what the syntax cache's entries are tied to (src/cli/syntax-cache.ts).
const BUILD_ID = randomBytes(16).toString('hex');
const NODE_FLAGS = ['--max-semi-space-size=16', '--heap-growing-percent=100', '--no-allocation-site-pretenuring'];
const common = {
  absWorkingDir: new URL('.', import.meta.url).pathname,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  sourcemap: true,
  logLevel: 'warning',
  define: { __SUAN_VERSION__: JSON.stringify(pkg.version) },
};
// The CLI as one CommonJS script (what node's code cache takes, through node:vm). Its first line
// is the build id that ties the code cache to this very build.
rmSync(path.join(dist, 'cli.cjs.cache'), { force: true });
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__suanModuleUrl', __SUAN_BUILD__: JSON.stringify(BUILD_ID) },
  // Strict mode first (the sources are modules, which are strict), then what stands for import.meta.url.
  banner: { js: `// suan build ${BUILD_ID}\n'use strict';\nvar __suanModuleUrl = require('node:url').pathToFileURL(__filename).href;` },
});
// The library (for the language server). The worker threads of a batch run run the command itself.
rmSync(path.join(dist, 'worker.js'), { force: true });
rmSync(path.join(dist, 'worker.js.map'), { force: true });
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  format: 'esm',
  banner: { js: "import { createRequire as __suanRequire } from 'node:module'; const require = __suanRequire(import.meta.url);" },
});
// `dist/suan.js` is the `suan` command: runnable through its #! line, which gives node the flags above.
await build({
  ...common,
  entryPoints: { suan: 'src/cli/launch.ts' },
  format: 'esm',
  banner: { js: `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}` },
});
chmodSync(path.join(dist, 'suan.js'), 0o755);

// The code cache: a run on a new ruleset (`suan init`: its sources, and its example) compiles
// what every run compiles; node writes it down at the end. Made with the #! line's flags: V8
// refuses a cache made with other flags (a run as `node dist/suan.js …` then compiles as usual).
// Its syntax cache is its own (empty: the run parses, as a first run does), and goes with it.
const training = mkdtempSync(path.join(tmpdir(), 'suan-code-cache-'));
const suan = (args, env = {}) => spawnSync(process.execPath, [...NODE_FLAGS, path.join(dist, 'suan.js'), ...args], { env: { ...process.env, SUAN_CACHE_DIR: path.join(training, 'syntax-cache'), ...env }, encoding: 'utf8' });
const init = suan(['init', path.join(training, 'rules')]);
const run = init.status === 0 && suan(['check', path.join(training, 'rules'), path.join(training, 'rules', 'examples'), '--format', 'json=/dev/null', '--quiet', '--jobs', '1'], { SUAN_WRITE_CODE_CACHE: '1' });
rmSync(training, { recursive: true, force: true });
// Exit 0 or 1 (its example's findings) is a run that went through; the cache must then be there.
if (!run || run.status > 1 || !existsSync(path.join(dist, 'cli.cjs.cache'))) throw new Error(`the training run for the code cache failed:\n${(run || init).stderr}`);
