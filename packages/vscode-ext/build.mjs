// Builds the extension into dist/ (everything bundled: the .vsix needs no npm install):
//   dist/extension.js   the extension (CommonJS, esbuild; `vscode` is provided by VS Code)
//   dist/server.js      the language server (packages/lsp bundled by its own bundleServer())
//   dist/cli/suan.js    the Suan CLI (packages/dsl/src/cli, ESM), used by "Export Report"
//   node build.mjs [--production]   (--production: minified, no source maps)
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../lsp/build.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const production = process.argv.includes('--production');
const dslPkg = JSON.parse(readFileSync(path.join(here, '../dsl/package.json'), 'utf8'));

export async function buildExtension({ minify = production } = {}) {
  const t0 = Date.now();
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await Promise.all([
    build({
      entryPoints: [path.join(here, 'src/extension.ts')],
      outfile: path.join(dist, 'extension.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
      conditions: ['source'],
      mainFields: ['module', 'main'],
      sourcemap: !minify,
      minify,
      logLevel: 'warning',
    }),
    bundleServer(path.join(dist, 'server.js'), { minify }),
    build({
      entryPoints: [path.join(here, '../dsl/src/cli/main.ts')],
      outfile: path.join(dist, 'cli', 'suan.js'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      conditions: ['source'],
      sourcemap: false,
      minify,
      logLevel: 'warning',
      define: { __SUAN_VERSION__: JSON.stringify(dslPkg.version) },
      banner: { js: "import { createRequire as __suanRequire } from 'node:module'; const require = __suanRequire(import.meta.url);" },
    }),
  ]);
  // bundleServer marks its directory CommonJS; the extension's package.json already does (no "type").
  rmSync(path.join(dist, 'package.json'), { force: true });
  writeFileSync(path.join(dist, 'cli', 'package.json'), '{ "type": "module" }\n');
  return Date.now() - t0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ms = await buildExtension();
  console.log(`built packages/vscode-ext/dist (${production ? 'production' : 'development'}) in ${ms} ms`);
}
