// Bundles the language server into one CommonJS file, dist/server.js (esbuild, platform node,
// target node20). `@suan/dsl` resolves to its TypeScript sources (condition `source`). The same
// file runs the evaluation worker thread. The VS Code extension ships this file.
//   node build.mjs            → dist/server.js
//   bundleServer(outfile)     → for tests and the benchmark
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function bundleServer(outfile = path.join(here, 'dist/server.js'), { minify = false } = {}) {
  await build({
    entryPoints: [path.join(here, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    conditions: ['source'],
    sourcemap: true,
    minify,
    logLevel: 'warning',
    define: { __SUAN_VERSION__: JSON.stringify('0.1.0') },
  });
  // This package is `"type": "module"`: mark the bundle's directory CommonJS so `node server.js` runs it as such.
  mkdirSync(path.dirname(outfile), { recursive: true });
  writeFileSync(path.join(path.dirname(outfile), 'package.json'), '{ "type": "commonjs" }\n');
  return outfile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await bundleServer();
  console.log(`built ${path.relative(process.cwd(), out)}`);
}
