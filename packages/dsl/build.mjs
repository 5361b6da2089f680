// Bundles the CLI into one file (fast cold start, no module resolution at run time).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

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
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __suanRequire } from 'node:module'; const require = __suanRequire(import.meta.url);" },
});
