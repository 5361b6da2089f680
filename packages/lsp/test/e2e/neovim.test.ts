/**
 * "Works in any client", checked: Debian's Neovim (0.7) runs headless with its built-in LSP
 * client against the real server — opens a ruleset, gets diagnostics (including inline
 * failures from the bound data), completion, hover, definition, symbols and code lenses, then
 * edits the buffer and gets new diagnostics. Skipped when `nvim` is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionOf } from '../helpers';
import { useE2e } from './setup';

const NVIM = ['/usr/bin/nvim', '/usr/local/bin/nvim'].find((p) => existsSync(p));
const INIT = path.join(__dirname, 'nvim/init.lua');

const env = useE2e();

describe.skipIf(!NVIM)('neovim (built-in LSP client)', () => {
  it('gets diagnostics, inline failures, completion, hover, definition, symbols and lenses from the server', () => {
    const version = execFileSync(NVIM!, ['--version'], { encoding: 'utf8' }).split('\n')[0];
    const file = env.ws.file('决算/main.suan');
    const text = readFileSync(file, 'utf8');
    const hover = positionOf(text, 'r.基本支出', 0, 4);
    const input = path.join(env.ws.root, 'nvim-input.json');
    const output = path.join(env.ws.root, 'nvim-output.json');
    writeFileSync(input, JSON.stringify({ node: process.execPath, server: env.server, root: env.ws.root, file, typed: ['rule NV1 {', '  for r in 支出决算表', '  assert r.基本支出 ≈ r.'], hover: [hover.line, hover.character] }));
    const r = spawnSync(NVIM!, ['--headless', '--clean', '-u', INIT], {
      env: { ...process.env, SUAN_NVIM_INPUT: input, SUAN_NVIM_OUTPUT: output },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(existsSync(output), `nvim (${version}) wrote no output; status ${r.status}\n${r.stderr}`).toBe(true);
    const out = JSON.parse(readFileSync(output, 'utf8'));
    if (process.env['SUAN_NVIM_SHOW']) console.log(JSON.stringify(out, null, 1));
    expect(out.error, out.error).toBeUndefined();
    expect(out.client_started).toBe(true);
    expect(out.got_failures).toBe(true);
    const failures = out.diagnostics.filter((d: { message: string }) => d.message.includes('actual'));
    expect(failures.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['JS01', 'JS02', 'JS03']));
    expect(out.completion).toEqual(expect.arrayContaining(['本年支出合计', '基本支出', '项目支出']));
    expect(out.hover).toContain('支出决算表.基本支出');
    expect(out.definition).toContain('tables.suan');
    expect(out.symbols).toEqual(expect.arrayContaining(['测试.决算', 'JS01', 'JS02', 'JS03', 'JS04']));
    expect(out.lenses).toEqual(expect.arrayContaining(['✗ 1 failing · ✓ 4 passed']));
    expect(out.got_edit_diagnostic).toBe(true);
  }, 120_000);
});
