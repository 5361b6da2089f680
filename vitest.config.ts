import * as os from 'node:os';
import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // The CLIs the tests run keep their syntax cache here, not in the home folder (src/cli/syntax-cache.ts).
    env: { SUAN_CACHE_DIR: path.join(os.tmpdir(), 'suan-test-syntax-cache') },
  },
});
