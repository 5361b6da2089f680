/**
 * No node of a syntax tree is in two places. The checker records what it resolves (names →
 * symbols, types) by node, and a tree is copied node by node where sharing does not survive: a
 * compiled ruleset's JSON, the language server's parse cache. A node kept in two places is two
 * nodes there, and the checker resolves only the one it visits (`execution of a / b` kept its
 * sides as `numerator`/`denominator` too: from a bundle its scores were "not computable").
 * Spans are plain values that nothing keys on (a reference shares its name's): they may be shared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index';
import { loadRulesetFile } from '../../src/cli/ruleset-file';
import { cardText } from '../scorecard/harness';
import { ruleset } from '../helpers';

const REPO = path.resolve(__dirname, '../../../..');

/** Paths (from the root) of every object reached a second time, spans aside. */
function shared(root: unknown): string[] {
  const seen = new Map<object, string>();
  const out: string[] = [];
  const walk = (v: unknown, at: string): void => {
    if (v === null || typeof v !== 'object') return;
    const first = seen.get(v);
    if (first !== undefined) {
      out.push(`${at} is ${first}`);
      return;
    }
    seen.set(v, at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else for (const [k, x] of Object.entries(v)) if (k !== 'span') walk(x, `${at}.${k}`);
  };
  walk(root, '');
  return out;
}

function suanFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : suanFilesUnder(p);
    return e.name.endsWith('.suan') ? [p] : [];
  });
}

/** Every scoring method, `within`, parentheses, an aggregate and message templates, in one ruleset. */
const EVERY_METHOD = cardText(`
  score 完成率: deduct 0.5 per 5% below 100% of actual
  score 满意度: bands of actual { >= 90%: 5, 80% to 90%: 3, < 70%: 0 }
  score 效益: qualitative of actual { "已完成": 100%, else: 0% }
  score 实际: weight × (9 ÷ 10)
  score 平台: threshold
  score 进度: parts { 3: deduct 0.5 per 5% below 100% of actual steps ceil, 1: full if 季度达标 }
  score 执行率2: proportional of actual to target round 1 "half-even"
  extra 预算执行率 weight 10 reported 合计.得分: execution of 资金.执行数 / 资金.预算数
  score else: auto
`) + `
rule R1 "合计" {
  let s = sum(r.分值 for r in 评分表 where r.一级 = "产出")
  assert (合计.得分) = s within 0.01
  message "合计 {actual}，分项之和 {expected}（{s}）"
}
`;

describe('no syntax tree node is in two places', () => {
  it('in a ruleset with every scoring method, before and after checking', () => {
    const rs = ruleset(EVERY_METHOD);
    expect(rs.program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(shared(parse(EVERY_METHOD, '/virtual/main.suan').ast)).toEqual([]);
    // The checker memoises message templates on the tree: they too are nodes of their own.
    for (const f of rs.program.sources.files) expect(shared(f.parsed.ast)).toEqual([]);
  });

  it('in every .suan file of the repository', () => {
    const files = [...suanFilesUnder(path.join(REPO, 'rulesets')), ...suanFilesUnder(path.join(REPO, 'packages'))];
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(shared(parse(fs.readFileSync(f, 'utf8'), f).ast), f).toEqual([]);
  });

  it('in every published ruleset once checked', async () => {
    for (const id of fs.readdirSync(path.join(REPO, 'rulesets'))) {
      const { program } = await loadRulesetFile(path.join(REPO, 'rulesets', id));
      for (const f of program.sources.files) expect(shared(f.parsed.ast), f.path).toEqual([]);
    }
  });
});
