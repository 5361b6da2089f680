import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO, 'packages/dsl/dist/suan.js');
const RULESET = path.join(REPO, 'rulesets/juesuan/juesuan.suan');
const EX000 = path.join(REPO, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml');
const EX001 = path.join(REPO, 'rulesets/juesuan/examples/001-shizhong-yibao-2021.yaml');

function suan(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('suan check (built CLI, real files)', () => {
  it('prints findings grouped by rule with the numbers, in zh-CN by default on a Chinese locale, and exits 1', () => {
    const r = suan(['check', RULESET, EX000], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('JS0202');
    expect(r.stdout).toContain('收入决算表 210 本年收入合计：1,846,703.26 元，下级之和 1,846,709.26 元，差额 -6.00 元');
    expect(r.stdout).toMatch(/000-jinlin-yibao-2021\.yaml:\d+:\d+/);
  });

  it('speaks English with --lang en', () => {
    const r = suan(['check', RULESET, EX000, '--lang', 'en']);
    expect(r.stdout).toContain('Income table 210 本年收入合计: 1,846,703.26 元, sum of children 1,846,709.26 元, difference -6.00 元');
    expect(r.stdout).toContain('Summary');
  });

  it('writes the documented JSON report', () => {
    const r = suan(['check', RULESET, EX000, EX001, '--format', 'json']);
    const report = JSON.parse(r.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.documents).toHaveLength(2);
    const f = report.documents[0].rules.find((x: { id: string }) => x.id === 'JS0202').findings[0];
    expect(f.comparison.difference.exact).toBe('-6');
    expect(f.reads[0].span.line).toBeGreaterThan(0);
  });

  it('exits 0 when nothing at or above --fail-on fails', () => {
    expect(suan(['check', RULESET, EX001]).code).toBe(0);
    expect(suan(['check', RULESET, EX000, '--fail-on', 'never']).code).toBe(0);
  });

  it('exits 2 on usage errors, explaining in both languages', () => {
    const r = suan(['check', RULESET], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('需要一个规则集和至少一个数据文件');
    expect(suan(['frobnicate'], { LANG: 'en_US.UTF-8' }).stderr).toContain('Unknown command');
  });

  it('reports a malformed data file with file, line and column, still checks the others, and exits 2', () => {
    const bad = path.join(REPO, 'packages/dsl/test/fixtures/bad-data/broken.json');
    const r = suan(['check', RULESET, bad, EX000, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/broken\.json:3:\d+/);
    expect(r.stdout).toContain('JS0202');
  });

  it('runs without a build step through the exported API too (smoke)', () => {
    expect(execFileSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+/);
  });
});
