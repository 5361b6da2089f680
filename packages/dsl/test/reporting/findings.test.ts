/**
 * Every report of a run lists the same findings, and its summary counts what they list
 * (reporting/reporter.ts `isReported`, `tallyOf`): SARIF, CSV, JUnit, HTML and text, on the
 * published rulesets' examples (data errors, failing rules, a scorecard with indicators that
 * cannot be computed) and on a narrative amount that agrees only when read as coarsely rounded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../fixtures/csv';
import { checkDisclosure, loadRuleset, type EvaluateOptions } from '../../src/index';
import { CsvReporter } from '../../src/reporting/csv';
import { HtmlReporter } from '../../src/reporting/html';
import { JUnitReporter } from '../../src/reporting/junit';
import { SummaryCounter, tallyOf, type DocumentEntry, type Reporter, type RunSummary } from '../../src/reporting/reporter';
import { SarifReporter } from '../../src/reporting/sarif';
import { Sink } from '../../src/reporting/sink';
import { TextReporter } from '../../src/reporting/text';
import { activeRuleCount } from '../../src/semantics/program';
import { nodeFileHost, type SourceHost } from '../../src/semantics/sources';

/** A document with one coarse reading (fixtures/cli/coarse.yaml). */
const COARSE = path.resolve(__dirname, '../fixtures/cli/coarse.yaml');

const REPO = path.resolve(__dirname, '../../../..');
const JUESUAN = path.join(REPO, 'rulesets/juesuan/juesuan.suan');
const ZHENGTI = path.join(REPO, 'rulesets/jixiao-zhengti/zhengti.suan');
const ZHENGTI_EXAMPLE = path.join(REPO, 'rulesets/jixiao-zhengti/examples/000-jinlin-yibao-2021.yaml');
let host: SourceHost;
let dir: string;
let coarse: string;

beforeAll(async () => {
  host = await nodeFileHost();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-findings-'));
  // The narrative's 本年支出合计 written "1,076" where the summary table has 1,076.42: consistent
  // only when read as coarsely rounded, a coarse reading of an error rule (severity warning).
  coarse = path.join(dir, 'coarse.yaml');
  fs.copyFileSync(COARSE, coarse);
});

interface Reports {
  summary: RunSummary;
  entries: DocumentEntry[];
  sarif: { ruleId: string; level: string; properties: { outcome: string; where: string }; locations: { physicalLocation: { region?: { startLine: number } } }[] }[];
  csv: string[][];
  junit: { '@_name': string; '@_failures': string; testcase: { '@_name': string; failure?: { '@_type': string; '#text': string }; error?: unknown; 'system-out'?: string }[] }[];
  html: string;
  text: string;
}

/** Every report of one run over `files`, written in process. */
function reportAll(ruleset: string, files: string[], lang: 'zh-CN' | 'en' = 'en', options?: EvaluateOptions): Reports {
  const rs = loadRuleset(ruleset, host);
  const outs = { sarif: Sink.memory(), csv: Sink.memory(), junit: Sink.memory(), html: Sink.memory(), text: Sink.memory() };
  const reporters: Reporter[] = [
    new SarifReporter(outs.sarif), new CsvReporter(outs.csv), new JUnitReporter(outs.junit),
    new HtmlReporter(outs.html), new TextReporter(outs.text, { lang, color: false, verbose: false, cwd: dir }),
  ];
  const counter = new SummaryCounter(activeRuleCount(rs.program));
  for (const r of reporters) r.begin({ program: rs.program, lang, cwd: dir, toolVersion: 'test' });
  const entries: DocumentEntry[] = [];
  for (const file of files) {
    const { load, result } = checkDisclosure(rs.compiled!, file, host, options);
    const e = { file, result, diagnostics: result ? result.diagnostics : load.diagnostics };
    entries.push(e);
    counter.add(tallyOf(e));
    for (const r of reporters) r.document(e);
  }
  const summary = counter.summary(0);
  for (const r of reporters) r.end(summary);
  const junit = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(outs.junit.text());
  return {
    summary, entries,
    sarif: JSON.parse(outs.sarif.text()).runs[0].results,
    csv: parseCsv(outs.csv.text().replace(/^\uFEFF/, '')),
    junit: junit.testsuites.testsuite,
    html: outs.html.text(),
    text: outs.text.text(),
  };
}

/** The cells of the HTML report's table of departments, and its summary cards (`label: value`). */
function htmlTables(html: string): { departments: string[][]; cards: Record<string, string> } {
  const section = /<section id="by-department">([\s\S]*?)<\/section>/.exec(html)![1]!;
  const departments = [...section.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')));
  const cards = Object.fromEntries([...html.matchAll(/<div class="v">([^<]*)<\/div><div class="l">([^<]*)<\/div>/g)].map((m) => [m[2]!, m[1]!]));
  return { departments, cards };
}

const SEVERITIES = ['error', 'warning', 'info'] as const;
const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Asserts that every format shows the findings the summary counts, severity by severity. */
function expectConsistent(r: Reports): void {
  const { summary: s } = r;
  const total = s.findings.error + s.findings.warning + s.findings.info;
  const ruleErrors = r.entries.reduce((n, e) => n + (e.result?.rules.filter((x) => x.error).length ?? 0), 0);
  // SARIF: one result per finding (and per data problem, whose rule id is its SUAN code).
  const sarif = r.sarif.filter((x) => !x.ruleId.startsWith('SUAN'));
  expect(sarif).toHaveLength(total);
  for (const sev of SEVERITIES) expect(sarif.filter((x) => x.level === SARIF_LEVEL[sev]).length, sev).toBe(s.findings[sev]);
  // CSV: one row per finding (and per data problem, outcome `data`).
  const csv = r.csv.slice(1).filter((x) => x[6] !== 'data');
  expect(csv).toHaveLength(total);
  for (const sev of SEVERITIES) expect(csv.filter((x) => x[5] === sev).length, sev).toBe(s.findings[sev]);
  // JUnit: each finding a line of a failure (errors, warnings) or of <system-out> (notes).
  const cases = r.junit.flatMap((suite) => suite.testcase);
  const lines = (text: string | undefined) => (text ?? '').split('\n').filter((l) => /^\[(error|warning|info)\//.test(l));
  const failing = cases.flatMap((c) => lines(c.failure?.['#text']));
  const notes = cases.flatMap((c) => lines(c['system-out']));
  expect(failing.length + notes.length + ruleErrors).toBe(total);
  expect(notes.length).toBe(s.findings.info);
  // HTML: the summary cards, and per department its findings by severity (with its data problems).
  const { departments, cards } = htmlTables(r.html);
  expect([cards.Errors, cards.Warnings, cards.Notes, cards['Coarse readings']]).toEqual([s.findings.error, s.findings.warning, s.findings.info, s.counts.coarse].map(String));
  const rows = departments.slice(1);
  const sum = (k: number) => rows.reduce((n, row) => n + Number(row[k]), 0);
  const dataProblems = (sev: string) => r.entries.reduce((n, e) => n + e.diagnostics.filter((d) => d.severity === sev).length, 0);
  expect(departments[0]).toEqual(['Unit', 'File', 'Errors', 'Warnings', 'Notes', 'Coarse readings', 'Status']);
  expect([sum(2), sum(3), sum(4), sum(5)]).toEqual([s.findings.error + dataProblems('error'), s.findings.warning + dataProblems('warning'), s.findings.info, s.counts.coarse]);
  // Text: the summary line.
  expect(r.text).toContain(`errors ${s.findings.error}, warnings ${s.findings.warning}, notes ${s.findings.info}`);
}

describe('a scorecard\'s indicators that cannot be computed', () => {
  // Before: JSON listed 12 findings, 2 of them notes (支付进度率, 政府采购执行率: info, na); SARIF
  // and CSV 10, JUnit and HTML none of the notes, and the summary counted 0 notes.
  it('are notes in every report, and counted as such', () => {
    const r = reportAll(ZHENGTI, [ZHENGTI_EXAMPLE]);
    expect(r.summary.findings).toEqual({ error: 10, warning: 0, info: 2 });
    expectConsistent(r);
    const notes = r.sarif.filter((x) => x.level === 'note');
    expect(notes.map((x) => [x.ruleId, x.properties.outcome, x.properties.where])).toEqual([
      ['ZT01', 'na', '整体绩效自评表[支付进度率]'], ['ZT01', 'na', '整体绩效自评表[政府采购执行率]'],
    ]);
    expect(notes.every((x) => x.locations[0]!.physicalLocation.region!.startLine > 0)).toBe(true); // at the indicator's cell
    expect(r.csv.filter((x) => x[5] === 'info').map((x) => [x[3], x[6], x[7]])).toEqual([
      ['ZT01', 'na', '整体绩效自评表[支付进度率]'], ['ZT01', 'na', '整体绩效自评表[政府采购执行率]'],
    ]);
    // JUnit: the scorecard's test case passes, and says which scores were taken on trust.
    const zt01 = r.junit[0]!.testcase.find((c) => c['@_name'].startsWith('ZT01'))!;
    expect(zt01.failure).toBeUndefined();
    expect(zt01['system-out']).toMatch(/^\[info\/na\] 整体绩效自评表\[支付进度率\] 支付进度率: the score cannot be computed/);
    expect(zt01['system-out']).toContain('[info/na] 整体绩效自评表[政府采购执行率]');
    expect(r.junit[0]!['@_failures']).toBe('7');
    // HTML: the department has 2 notes; the scorecard lists them (it was not listed at all).
    expect(htmlTables(r.html).departments[1]!.slice(2)).toEqual(['10', '0', '2', '0', '✗']);
    const zt = /<details open><summary><b>ZT01<\/b>[\s\S]*?<\/details>/.exec(r.html)?.[0] ?? '';
    expect(zt).toContain('2 notes');
    expect(zt).toContain('支付进度率: the score cannot be computed');
    expect(zt).toContain('政府采购执行率: the score cannot be computed');
  });

  it('are counted in Chinese too', () => {
    const r = reportAll(ZHENGTI, [ZHENGTI_EXAMPLE], 'zh-CN');
    expect(r.text).toContain('错误 10，警告 0，提示 2');
    expect(r.html).toContain('<span class="count note">2 条提示</span>');
  });

  it('are listed whatever else the run has: errors, data problems, a document that cannot be read', () => {
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'suan: 1\ntables: [\n');
    const examples = fs.readdirSync(path.join(REPO, 'rulesets/juesuan/examples')).map((f) => path.join(REPO, 'rulesets/juesuan/examples', f));
    expectConsistent(reportAll(JUESUAN, [...examples, coarse, broken]));
    expectConsistent(reportAll(ZHENGTI, [ZHENGTI_EXAMPLE, broken]));
  });
});

describe('a scorecard\'s notes, alone', () => {
  it('do not let the text report say that all passed', () => {
    const r = reportAll(ZHENGTI, [ZHENGTI_EXAMPLE], 'en', { rules: new Set(['ZT01']) });
    expect(r.summary.findings).toEqual({ error: 0, warning: 0, info: 2 });
    expectConsistent(r);
    expect(r.text).toContain('ℹ no rule failed, but 2 indicators could not be scored (see the table above)');
    expect(r.text).not.toContain('all passed');
    expect(htmlTables(r.html).departments[1]!.slice(2)).toEqual(['0', '0', '2', '0', 'ℹ notes']);
    expect(reportAll(ZHENGTI, [ZHENGTI_EXAMPLE], 'zh-CN', { rules: new Set(['ZT01']) }).text).toContain('没有规则不符，但有 2 个指标无法计算得分（见上表）');
  });

  it('are the same with --detail all, which lists every binding', () => {
    const r = reportAll(ZHENGTI, [ZHENGTI_EXAMPLE], 'en', { detail: 'all' });
    expect(r.summary.findings).toEqual({ error: 10, warning: 0, info: 2 });
    expectConsistent(r);
  });
});

describe('a coarse reading', () => {
  // Before: the HTML department row read warnings 0, coarse 1, "✓ passed", while the summary
  // counted a warning and --fail-on warning failed the run.
  it('is a warning of an error rule in every report, and the HTML does not call its department passed', () => {
    const r = reportAll(JUESUAN, [coarse]);
    expect(r.summary.findings).toEqual({ error: 0, warning: 1, info: 0 });
    expect(r.summary.counts.coarse).toBe(1);
    expectConsistent(r);
    const row = htmlTables(r.html).departments[1]!;
    expect(row.slice(2)).toEqual(['0', '1', '0', '1', '!']);
    const js1101 = r.junit[0]!.testcase.find((c) => c['@_name'].startsWith('JS1101'))!;
    expect(js1101.failure!['@_type']).toBe('warning');
    expect(js1101.failure!['#text']).toMatch(/^\[warning\/coarse\] 收入支出决算总表\[本年支出合计\]/);
    expect(r.csv.find((x) => x[3] === 'JS1101')!.slice(5, 7)).toEqual(['warning', 'coarse']);
    expect(r.sarif.find((x) => x.ruleId === 'JS1101')!.level).toBe('warning');
  });
});

