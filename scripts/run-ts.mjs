// Runs a TypeScript entry point the way it ships: bundled by esbuild (conditions: source), then
// executed by node. Used by the benchmarks.  Usage: node scripts/run-ts.mjs <entry.ts> [args…]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
  process.exit(2);
}
const out = path.resolve('.cache/run-ts', `${path.basename(entry, '.ts')}.mjs`);
mkdirSync(path.dirname(out), { recursive: true });
await build({
  entryPoints: [entry],
  outfile: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  conditions: ['source'],
  logLevel: 'warning',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
});
process.argv = [process.argv[0], out, ...args];
await import(pathToFileURL(out).href);
