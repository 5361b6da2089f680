/** Runs the built CLI (packages/dsl/dist/suan.js) as a child process, the way users and CI do. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../../..');
export const CLI = path.join(REPO, 'packages/dsl/dist/suan.js');
export const FIXTURES = path.join(REPO, 'packages/dsl/test/fixtures');

export function suan(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? REPO,
    input: options.input,
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...options.env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
