// Single source of truth for the end-to-end test's versions and paths.
//
// Used by code-server.mjs / smoke.mjs (import it) and by setup-code-server.sh,
// which runs `node paths.mjs --shell` and evals the printed assignments.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; last line that runs on node 20
export const PLAYWRIGHT_CORE_VERSION = '1.65.1'; // toolchain.md: 1.65 runs on node 20

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(E2E_DIR, '../../../..');

export const CACHE_DIR = path.resolve(process.env.SUAN_E2E_CACHE || path.join(REPO_ROOT, '.cache', 'e2e'));
export const ARTIFACTS_DIR = path.resolve(
  process.env.SUAN_E2E_ARTIFACTS || path.join(REPO_ROOT, 'test-results', 'e2e'),
);

// Native modules are built against the running node's ABI, so the cache key includes it.
export const NODE_ABI = process.versions.modules;

export const CODE_SERVER_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}-abi${NODE_ABI}`);
export const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.suan-e2e-install-complete');

export const PLAYWRIGHT_DIR = path.join(CACHE_DIR, `playwright-core-${PLAYWRIGHT_CORE_VERSION}`);
export const PLAYWRIGHT_MARKER = path.join(PLAYWRIGHT_DIR, '.suan-e2e-install-complete');

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** A CJK font, so that Chinese renders in screenshots (the DOM text is right either way). */
export const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';
export const SETUP_SCRIPT = path.join(E2E_DIR, 'setup-code-server.sh');

const exported = {
  CODE_SERVER_VERSION,
  PLAYWRIGHT_CORE_VERSION,
  E2E_DIR,
  REPO_ROOT,
  CACHE_DIR,
  ARTIFACTS_DIR,
  NODE_ABI,
  CODE_SERVER_DIR,
  CODE_SERVER_PKG,
  CODE_SERVER_ENTRY,
  CODE_SERVER_MARKER,
  PLAYWRIGHT_DIR,
  PLAYWRIGHT_MARKER,
  CHROMIUM_PATH,
  CJK_FONT_PACKAGE,
  SETUP_SCRIPT,
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--shell') {
    const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;
    for (const [k, v] of Object.entries(exported)) process.stdout.write(`${k}=${q(v)}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(exported, null, 2)}\n`);
  }
}
