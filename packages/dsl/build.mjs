// Bundles the CLI into one file (fast cold start, no module resolution at run time).
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
await build({
  entryPoints: { suan: 'src/cli/main.ts', worker: 'src/cli/worker.ts', index: 'src/index.ts' },
  absWorkingDir: new URL('.', import.meta.url).pathname,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  sourcemap: true,
  logLevel: 'warning',
  define: { __SUAN_VERSION__: JSON.stringify(pkg.version) },
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
  //    side (8 pairs with one thread: 1.00×; 6 with two: 0.99×).
  banner: { js: "#!/usr/bin/env -S node --max-semi-space-size=16 --heap-growing-percent=100\nimport { createRequire as __suanRequire } from 'node:module'; const require = __suanRequire(import.meta.url);" },
});
// `dist/suan.js` is the `suan` command: runnable through its #! line.
chmodSync(new URL('./dist/suan.js', import.meta.url), 0o755);
