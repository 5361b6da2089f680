/**
 * The results view's model and the status summary, built from real results: the language core
 * evaluates rulesets/juesuan on its example 000 (as the server's worker does), and the tree must
 * show JS0202 failing on 收入决算表 row 210 with its numbers, pointing at the right cells.
 */
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { checkDisclosure, loadRuleset, nodeFileHost, type DocumentResult } from '@suan/dsl';
import { beforeAll, describe, expect, test } from 'vitest';
import { configureL10n } from '../../src/i18n';
import { buildTree, countsText, primaryCell, statusText, summarise, summariseResults, type ResultNode } from '../../src/model';
import type { RulesetResults } from '../../src/protocol';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const entry = path.join(root, 'rulesets/juesuan/juesuan.suan');
const data = path.join(root, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml');
const l10nDir = path.join(root, 'packages/vscode-ext/l10n');

let result: DocumentResult;
let results: RulesetResults;

const find = (nodes: ResultNode[] | undefined, pred: (n: ResultNode) => boolean): ResultNode | undefined => {
  for (const n of nodes ?? []) {
    if (pred(n)) return n;
    const c = find(n.children, pred);
    if (c) return c;
  }
  return undefined;
};

describe('results model', () => {
  beforeAll(async () => {
    const host = await nodeFileHost();
    const { program, compiled } = loadRuleset(entry, host);
    expect(program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = checkDisclosure(compiled!, data, host).result;
    expect(r).toBeDefined();
    result = r!;
    results = { ruleset: pathToFileURL(entry).href, ms: 12, notRun: false, files: [{ uri: pathToFileURL(data).href, result, loadDiagnostics: [] }] };
  }, 60_000);

  test('data file → failing rule JS0202 → row 210 with actual, expected and difference (zh-CN)', () => {
    configureL10n('zh', l10nDir);
    const tree = buildTree(results, { relative: (f) => path.relative(root, f) });
    expect(tree).toHaveLength(1);
    const file = tree[0]!;
    expect(file.label).toBe('000-jinlin-yibao-2021.yaml');
    expect(file.description).toContain('处不符');
    const rule = find(file.children, (n) => n.kind === 'rule' && n.label.startsWith('JS0202 '))!;
    expect(rule.label).toBe('JS0202 收入决算表：逐级汇总');
    expect(rule.description).toMatch(/✗ 2 处不符 · ✓ \d+ 处通过/);
    expect(rule.icon).toBe('error');
    expect(rule.expanded).toBe(true);
    expect(rule.rule?.file).toBe(path.join(root, 'rulesets/juesuan/rules-tables.suan'));
    const finding = rule.children!.find((n) => n.label === '收入决算表[210] 本年收入合计')!;
    expect(finding.description).toBe('实际 1,846,703.26 元 · 期望 1,846,709.26 元 · 差额 -6.00 元');
    expect(finding.tooltip).toContain('JS0202');
    expect(finding.tooltip).toContain('1,846,703\\.26');
    // Clicking opens the parent's cell in the data (line 52, column 27) beside the rule.
    expect(finding.cell).toMatchObject({ file: data, line: 52, col: 27 });
    expect(finding.rule).toEqual(rule.rule);
    // Its children: the cells read (parent and the two 款 rows).
    const reads = finding.children!.filter((n) => n.kind === 'read').map((n) => n.label);
    expect(reads).toEqual(expect.arrayContaining(['收入决算表[210].本年收入合计', '收入决算表[21011].本年收入合计', '收入决算表[21015].本年收入合计']));
    // Failing rules come first, then the passed and not-applicable groups (collapsed).
    const kinds = file.children!.map((n) => n.kind);
    expect(kinds.indexOf('rule')).toBeLessThan(kinds.indexOf('group'));
    const passed = file.children!.find((n) => n.label.startsWith('通过'))!;
    expect(passed.expanded).toBe(false);
    expect(passed.children!.every((n) => n.icon === 'pass')).toBe(true);
  });

  test('English texts, and ids stable across rebuilds (the tree keeps its expansion state)', () => {
    configureL10n('en', l10nDir);
    const a = buildTree(results, { relative: (f) => f });
    const b = buildTree(results, { relative: (f) => f });
    const ids = (ns: ResultNode[]): string[] => ns.flatMap((n) => [n.id, ...ids(n.children ?? [])]);
    expect(ids(a)).toEqual(ids(b));
    expect(new Set(ids(a)).size).toBe(ids(a).length);
    const finding = find(a, (n) => n.label === '收入决算表[210] 本年收入合计')!;
    expect(finding.description).toBe('actual 1,846,703.26 元 · expected 1,846,709.26 元 · difference -6.00 元');
  });

  test('every finding points at a cell of the data file, but one about the document as a whole', () => {
    for (const r of result.rules) {
      // JS0001 (tables missing) reads no cell: it is shown at its rule, as SARIF places it at the file.
      for (const f of r.findings.filter((x) => x.outcome === 'fail' && x.reads.length + x.bindings.length > 0)) {
        const span = primaryCell(f);
        expect(span, `${r.id}`).toBeDefined();
        expect(span!.file).toBe(data);
      }
    }
    expect(result.rules.find((r) => r.id === 'JS0001')!.findings.map((f) => primaryCell(f))).toEqual([undefined]);
  });

  test('status text and summaries', () => {
    configureL10n('zh', l10nDir);
    const s = summariseResults(results);
    expect(s.counts).toEqual(result.counts);
    expect(statusText(s)).toBe(`$(error) ${result.counts.fail + result.counts.error} 处不符 · ${result.counts.pass} 处通过`);
    const fromNotification = summarise({ ms: 1, notRun: false, files: [{ uri: 'file:///a.yaml', counts: { pass: 3, fail: 0, coarse: 1, na: 2, error: 0 }, loadErrors: 0 }] });
    expect(statusText(fromNotification)).toBe('$(warning) 0 处不符 · 1 处粗略取整 · 3 处通过');
    expect(countsText({ pass: 3, fail: 1, coarse: 0, na: 2, error: 0 }, { na: true })).toBe('✗ 1 处不符 · ✓ 3 处通过 · 2 处不适用');
    configureL10n('en', l10nDir);
    expect(statusText({ ...fromNotification, notRun: true })).toBe('$(circle-slash) Suan: not run');
    expect(countsText({ pass: 0, fail: 0, coarse: 0, na: 0, error: 1 })).toBe('⚠ 1 error · ✓ 0 passed'); // it said "1 errors"
    expect(countsText({ pass: 0, fail: 0, coarse: 0, na: 0, error: 2 })).toBe('⚠ 2 errors · ✓ 0 passed');
  });

  test('no data, ruleset errors, unreadable data file', () => {
    configureL10n('en', l10nDir);
    expect(buildTree({ ...results, files: [] }, { relative: (f) => f })[0]!.label).toBe('No data files are bound to this ruleset.');
    expect(buildTree({ ...results, notRun: true }, { relative: (f) => f })[0]!.icon).toBe('error');
    const broken = buildTree(
      {
        ...results,
        files: [{
          uri: 'file:///w/bad.yaml',
          loadDiagnostics: [{ code: 'SUAN5001', severity: 'error', span: { file: '/w/bad.yaml', start: 0, end: 1, line: 3, col: 5, endLine: 3, endCol: 6 }, args: {} } as never],
        }],
      },
      { relative: (f) => f },
    )[0]!;
    expect(broken.icon).toBe('fileError');
    expect(broken.description).toBe('could not be read');
    const problems = broken.children![0]!;
    expect(problems.label).toBe('Data problems (1)');
    expect(problems.children![0]).toMatchObject({ label: 'SUAN5001', description: 'bad.yaml:3:5', cell: { line: 3, col: 5 } });
  });

  test('scorecards: total and grade, indicators with computed vs reported scores and their trail', async () => {
    const sEntry = path.join(root, 'rulesets/jixiao-zhengti/zhengti.suan');
    const sData = path.join(root, 'rulesets/jixiao-zhengti/examples/000-jinlin-yibao-2021.yaml');
    const host = await nodeFileHost();
    const { program, compiled } = loadRuleset(sEntry, host);
    expect(program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = checkDisclosure(compiled!, sData, host).result!;
    const sc = r.scorecards?.[0];
    expect(sc, 'the example has a scorecard result').toBeDefined();
    configureL10n('zh', l10nDir);
    const tree = buildTree({ ruleset: pathToFileURL(sEntry).href, ms: 1, notRun: false, files: [{ uri: pathToFileURL(sData).href, result: r, loadDiagnostics: [] }] }, { relative: (f) => f });
    const node = find(tree, (n) => n.kind === 'scorecard')!;
    expect(node.label.startsWith(`${sc!.id} `)).toBe(true);
    const range = (lo?: string, hi?: string) => (lo === undefined ? '—' : hi !== undefined && hi !== lo ? `${lo}–${hi}` : lo);
    expect(node.description).toContain(`总分 ${range(sc!.total.computed, sc!.total.computedHigh)}`);
    if (sc!.total.reported?.written) expect(node.description).toContain(`自评 ${sc!.total.reported.written}`);
    const total = node.children!.find((n) => n.kind === 'total')!;
    expect(total.label).toBe('总分');
    expect(total.children?.length).toBe(sc!.total.trail.length);
    if (sc!.grade) expect(node.children!.find((n) => n.kind === 'grade')!.description).toContain(`计算 ${sc!.grade.computed.join(' / ')}`);
    // Every indicator is listed once (disputed ones first, the others in a group), with its scores.
    const indicators: ResultNode[] = [];
    const collect = (ns: ResultNode[] | undefined) => ns?.forEach((n) => (n.kind === 'indicator' ? indicators.push(n) : collect(n.children)));
    collect(node.children);
    expect(indicators.map((n) => n.label).sort()).toEqual(sc!.indicators.map((i) => i.name).sort());
    for (const ind of sc!.indicators) {
      const n = indicators.find((x) => x.label === ind.name)!;
      expect(n.description).toContain(`计算 ${range(ind.computed, ind.computedHigh)}`);
      expect(n.description).toContain(`自评 ${ind.reported?.written ?? '—'}`);
      expect(n.children?.filter((c) => c.kind === 'trail').length ?? 0).toBe(ind.trail.length);
      if (ind.span) expect(n.cell).toEqual(ind.span);
    }
  });
});

