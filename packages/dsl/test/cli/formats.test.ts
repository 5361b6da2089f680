import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../fixtures/csv';
import { makeDocs } from '../fixtures/cli/make-docs';
import { FIXTURES, REPO, suan } from './run-cli';

/** A document with one coarse reading (fixtures/cli/coarse.yaml). */
const COARSE = path.resolve(__dirname, '../fixtures/cli/coarse.yaml');

const require = createRequire(import.meta.url);
const RULES = path.join(FIXTURES, 'cli/mini.suan');
let dir: string;
let out: string;
let run: ReturnType<typeof suan>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-formats-'));
  makeDocs(path.join(dir, 'docs'), 10);
  // A unit name with a comma and quotes, to exercise CSV quoting.
  const d4 = path.join(dir, 'docs', 'doc-0004.yaml');
  fs.writeFileSync(d4, fs.readFileSync(d4, 'utf8').replace('unit: 单位0004,', `unit: '单位0004, "总部"',`));
  fs.writeFileSync(path.join(dir, 'docs', 'doc-0099.yaml'), 'suan: 1\ntables: [\n');
  out = path.join(dir, 'out');
  fs.mkdirSync(out);
  run = suan(['check', RULES, 'docs', '--lang', 'zh-CN', '--jobs', '2', '--quiet',
    '--format', `json=${out}/r.json`, '--format', `sarif=${out}/r.sarif`, '--format', `junit=${out}/r.xml`,
    '--format', `csv=${out}/r.csv`, '--format', `html=${out}/r.html`, '--format', 'text'], { cwd: dir });
});

describe('reports in several formats from one run', () => {
  it('writes text to standard output and every file format', () => {
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('汇总');
    for (const f of ['r.json', 'r.sarif', 'r.xml', 'r.csv', 'r.html']) expect(fs.statSync(path.join(out, f)).size).toBeGreaterThan(100);
  });

  it('writes SARIF 2.1.0 that validates against the schema, with findings at the data cell and the rule id', () => {
    const Ajv = require('ajv-draft-04');
    const addFormats = require('ajv-formats');
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'r.sarif'), 'utf8'));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; relatedLocations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    const t02 = results.find((r) => r.ruleId === 'T02' && r.locations[0]!.physicalLocation.artifactLocation.uri === 'docs/doc-0004.yaml')!;
    expect(t02.level).toBe('error');
    // The 20805 row's 本年支出合计 cell: line 10 of the generated file.
    expect(t02.locations[0]!.physicalLocation.region).toMatchObject({ startLine: 9 });
    expect(decodeURIComponent(t02.relatedLocations[0]!.physicalLocation.artifactLocation.uri)).toMatch(/mini\.suan$/);
    expect(results.some((r) => r.ruleId === 'SUAN5001')).toBe(true);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['T01', 'T02', 'T03', 'SUAN5001']));
  });

  it('writes JUnit XML with one test suite per document and one test case per rule', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(fs.readFileSync(path.join(out, 'r.xml'), 'utf8'));
    const suites = xml.testsuites.testsuite as { '@_name': string; '@_tests': string; '@_failures': string; '@_errors': string; testcase: unknown }[];
    expect(suites).toHaveLength(11);
    const s4 = suites.find((s) => s['@_name'] === 'docs/doc-0004.yaml')!;
    expect(s4['@_tests']).toBe('3');
    expect(s4['@_failures']).toBe('2');
    const cases = s4.testcase as { '@_name': string; failure?: { '#text': string } }[];
    expect(cases.map((c) => c['@_name'].split(' ')[0])).toEqual(['T01', 'T02', 'T03']);
    expect(cases[1]!.failure!['#text']).toContain('支出决算表[208] 本年支出合计');
    const broken = suites.find((s) => s['@_name'] === 'docs/doc-0099.yaml')!;
    expect(broken['@_errors']).toBe('1');
  });

  it('puts a loaded document\'s data errors in a JUnit test case in error, so that CI does not show it green', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-junit-'));
    fs.writeFileSync(path.join(d, 'doc.yaml'), 'suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  支出决算表: { unit: 万元, csv: missing.csv }\n');
    const r = suan(['check', RULES, path.join(d, 'doc.yaml'), '--format', 'junit', '--lang', 'en', '--quiet'], { cwd: d });
    expect(r.code).toBe(2);
    const suite = new XMLParser({ ignoreAttributes: false }).parse(r.stdout).testsuites.testsuite as { '@_tests': string; '@_errors': string; testcase: { '@_name': string; error?: { '@_type': string; '#text': string } }[] };
    expect([suite['@_tests'], suite['@_errors']]).toEqual(['4', '1']); // the data, then T01–T03
    expect(suite.testcase.map((c) => c['@_name'].split(' ')[0])).toEqual(['data', 'T01', 'T02', 'T03']);
    expect(suite.testcase[0]!.error!['@_type']).toBe('SUAN5007');
    expect(suite.testcase[0]!.error!['#text']).toMatch(/^SUAN5007 Cannot read the data file: .*missing\.csv.* \(doc\.yaml:4:\d+\)$/);
    // The rules on the unread table were not applicable, or had nothing to check (T02, a roll-up): skipped, not passed (a tester's round).
    const rules = suite.testcase.slice(1) as unknown as { skipped?: { '@_message': string } }[];
    expect(rules.map((c) => c.skipped?.['@_message'])).toEqual(['not applicable', 'nothing to check', 'not applicable']);
  });

  // A tester's round: with --fail-on warning, a document whose only problem was a data warning
  // made the job red while JUnit showed every test case passing.
  it('puts a loaded document\'s data warnings in a JUnit test case that fails as a warning', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-junit-'));
    fs.writeFileSync(path.join(d, 'doc.yaml'), 'suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  支出决算表:\n    unit: 万元\n    columns: [科目编码, 科目名称, 本年支出总计, 基本支出, 项目支出]\n    rows: [["208", "x", "1.00", "1.00", ""]]\n');
    const r = suan(['check', RULES, path.join(d, 'doc.yaml'), '--format', 'junit', '--lang', 'en', '--quiet', '--fail-on', 'warning'], { cwd: d });
    expect(r.code).toBe(1);
    const suite = new XMLParser({ ignoreAttributes: false }).parse(r.stdout).testsuites.testsuite as { '@_failures': string; testcase: { '@_name': string; failure?: { '@_type': string; '#text': string } }[] };
    expect(suite.testcase[0]!['@_name']).toBe('data');
    expect(suite.testcase[0]!.failure!['@_type']).toBe('warning');
    expect(suite.testcase[0]!.failure!['#text']).toMatch(/^SUAN5004 Table 支出决算表 has no column "本年支出合计"/);
  });

  it('writes CSV with a BOM, one row per finding, quoting fields with commas and quotes', () => {
    const text = fs.readFileSync(path.join(out, 'r.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    // The unit of a row's numbers is the last column (added after the others, which keep their places).
    expect(rows[0]).toEqual(['document', 'unit', 'year', 'rule', 'title', 'severity', 'outcome', 'where', 'message', 'actual', 'expected', 'difference', 'data_file', 'line', 'column', 'value_unit']);
    const t02 = rows.filter((r) => r[3] === 'T02');
    expect(t02.length).toBe(2); // documents 4 and 9: only 本年支出合计 of row 208 disagrees with its 款
    expect(t02[0]!.slice(0, 3)).toEqual(['docs/doc-0004.yaml', '单位0004, "总部"', '2021']);
    expect(t02[0]![11]).toBe('-1');
    expect(t02[0]![15]).toBe('万元');
    expect(rows.every((r) => r.length === 16)).toBe(true);
  });

  // The numbers of a row were each in its own unit (万元 next to 元) with none named, and
  // percentages were ratios with 18 decimals (-0.449001426533523538).
  it('writes each CSV row\'s numbers in one unit, named, percentages in percent, as plain numbers', () => {
    const juesuan = path.join(REPO, 'rulesets/juesuan');
    const file = path.join(out, 'juesuan.csv');
    expect(suan(['check', juesuan, path.join(juesuan, 'examples'), '--format', `csv=${file}`, '--lang', 'en', '--quiet']).code).toBe(1);
    const rows = parseCsv(fs.readFileSync(file, 'utf8').slice(1));
    const numbers = (rule: string) => { const r = rows.find((x) => x[3] === rule)!; return [r[9], r[10], r[11], r[15]]; };
    expect(numbers('JS1101')).toEqual(['217.36', '0', '217.36', '万元']);
    expect(numbers('JS1211')).toEqual(['1174.2', '217.356551', '956.843449', '万元']);
    expect(numbers('JS1209')).toEqual(['-81.49', '-44.9', '-36.59', '%']);
    expect(numbers('JS0202')).toEqual(['1846703.26', '1846709.26', '-6', '元']);
    // Every row of a comparison; JS0001 (tables missing) compares no numbers, and its cells are empty.
    for (const r of rows.slice(1)) for (const n of r.slice(9, 12)) expect(n).toMatch(r[3] === 'JS0001' ? /^$/ : /^-?\d+(\.\d{1,6})?$/);
    expect(rows.filter((r) => r[3] === 'JS0001')).toHaveLength(1);
  });

  // A scorecard's indicators that cannot be computed (notes: severity info, outcome na) were in the
  // JSON report alone, and the summary counted no notes.
  it('lists a scorecard\'s indicators that cannot be computed as notes in every format, and counts them, with worker threads too', () => {
    const zhengti = path.join(REPO, 'rulesets/jixiao-zhengti');
    const docs = path.join(out, 'zhengti');
    fs.mkdirSync(docs);
    // 17 copies: more than a run that starts no worker.
    for (let i = 0; i < 17; i++) fs.copyFileSync(path.join(zhengti, 'examples/000-jinlin-yibao-2021.yaml'), path.join(docs, `zt-${String(i).padStart(2, '0')}.yaml`));
    const f = (name: string) => path.join(out, name);
    const r = suan(['check', zhengti, docs, '--lang', 'en', '--quiet', '--jobs', '2', '--format', `json=${f('zt.json')}`, '--format', `sarif=${f('zt.sarif')}`,
      '--format', `csv=${f('zt.csv')}`, '--format', `junit=${f('zt.xml')}`, '--format', `html=${f('zt.html')}`, '--format', 'text'], { env: { SUAN_WORKERS_ONLY: '1', SUAN_STATS: '1' } });
    expect(r.code).toBe(1);
    expect(JSON.parse(/SUAN_STATS (\{.*\})/.exec(r.stderr)![1]!).checkedBy).toMatchObject({ main: 0, workers: 17 });
    const summary = JSON.parse(fs.readFileSync(f('zt.json'), 'utf8')).summary;
    expect(summary.findings).toEqual({ error: 170, warning: 0, info: 34 });
    expect(r.stdout).toContain('errors 170, warnings 0, notes 34');
    const sarif = JSON.parse(fs.readFileSync(f('zt.sarif'), 'utf8')).runs[0];
    expect(sarif.results).toHaveLength(204);
    expect(sarif.results.filter((x: { level: string; properties: { outcome: string } }) => x.level === 'note' && x.properties.outcome === 'na')).toHaveLength(34);
    expect(sarif.properties.summary.findings).toEqual(summary.findings);
    const csv = parseCsv(fs.readFileSync(f('zt.csv'), 'utf8').slice(1)).slice(1);
    expect(csv).toHaveLength(204);
    expect(csv.filter((x) => x[5] === 'info' && x[6] === 'na').map((x) => x[7])).toEqual(Array.from({ length: 17 }, () => ['整体绩效自评表[支付进度率]', '整体绩效自评表[政府采购执行率]']).flat());
    const suites = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(fs.readFileSync(f('zt.xml'), 'utf8')).testsuites.testsuite;
    for (const suite of suites) {
      const zt01 = suite.testcase.find((c: { '@_name': string }) => c['@_name'].startsWith('ZT01'));
      expect(zt01.failure).toBeUndefined();
      expect(zt01['system-out'].split('\n').map((l: string) => l.split(' ')[0])).toEqual(['[info/na]', '[info/na]']);
    }
    const html = fs.readFileSync(f('zt.html'), 'utf8');
    expect(html).toContain('<div class="v">34</div><div class="l">Notes</div>');
    expect(html).toContain('<span class="count note">34 notes</span>');
  });

  // The HTML report's department row read warnings 0, coarse 1, "✓ passed", while the summary
  // counted a warning and --fail-on warning failed the run.
  it('counts a coarse reading as the warning it is in the HTML report, as the summary and --fail-on do', () => {
    const d = path.join(out, 'coarse');
    fs.mkdirSync(d);
    fs.copyFileSync(COARSE, path.join(d, 'coarse.yaml'));
    const html = path.join(d, 'r.html');
    const r = suan(['check', path.join(REPO, 'rulesets/juesuan'), path.join(d, 'coarse.yaml'), '--lang', 'en', '--fail-on', 'warning', '--format', `html=${html}`, '--format', 'json'], { cwd: d });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.findings).toEqual({ error: 0, warning: 1, info: 0 });
    const row = /<section id="by-department">[\s\S]*?<tbody>\s*(<tr>[\s\S]*?<\/tr>)/.exec(fs.readFileSync(html, 'utf8'))![1]!;
    const cells = [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    expect(cells).toEqual(['粗略单位', 'coarse.yaml', '0', '1', '0', '1', '!']);
  });

  it('writes the JSON report with the documented shape', () => {
    const report = JSON.parse(fs.readFileSync(path.join(out, 'r.json'), 'utf8'));
    expect(report.schemaVersion).toBe(2);
    // What each rule is, once; each document lists the same rules in the same order, with outcomes only.
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual(['T01', 'T02', 'T03']);
    expect(report.rules[1]).toMatchObject({ id: 'T02', severity: 'error', title: { zh: expect.any(String), en: expect.any(String) }, span: { line: expect.any(Number) } });
    const doc4 = report.documents.find((d: { file: string }) => d.file.endsWith('doc-0004.yaml'));
    expect(doc4.rules.map((r: { id: string }) => r.id)).toEqual(['T01', 'T02', 'T03']);
    expect(Object.keys(doc4.rules[1]).sort()).toEqual(['counts', 'findings', 'id']);
    expect(doc4.rules[1].findings[0]).toMatchObject({ rule: 'T02', outcome: 'fail', comparison: { difference: { exact: '-1' } } });
    expect(report.summary.documents).toBe(11);
    expect(report.summary.documentsWithErrors).toBe(1);
    expect(report.documents.map((d: { file: string }) => path.basename(d.file))).toEqual([...Array.from({ length: 10 }, (_, i) => `doc-000${i}.yaml`), 'doc-0099.yaml']);
  });
});


export { REPO };

describe('reports of a scorecard ruleset', () => {
  it('list the scorecards among SARIF\'s rules, and place a disputed total at the data file\'s reported total', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-formats-card-'));
    const example = fs.readFileSync(path.join(REPO, 'rulesets/jixiao-zhengti/examples/000-jinlin-yibao-2021.yaml'), 'utf8');
    // The reported scores no longer add up to the reported total (86.2): 预算完成率 reported 5 instead of 0.
    const disputed = example.replace('实际完成值: "18.51%", 自评得分: "0"', '实际完成值: "18.51%", 自评得分: "5"');
    expect(disputed).not.toBe(example);
    fs.writeFileSync(path.join(d, 'd.yaml'), disputed);
    const r = suan(['check', path.join(REPO, 'rulesets/jixiao-zhengti'), 'd.yaml', '--format', 'sarif=r.sarif', '--format', 'csv=r.csv'], { cwd: d });
    expect(r.code).toBe(1);
    const sarif = JSON.parse(fs.readFileSync(path.join(d, 'r.sarif'), 'utf8'));
    const ids = new Set(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id));
    expect(ids.has('ZT01')).toBe(true);
    for (const x of sarif.runs[0].results as { ruleId: string }[]) expect(ids.has(x.ruleId), x.ruleId).toBe(true);
    const total = (sarif.runs[0].results as { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[])
      .find((x) => x.ruleId === 'ZT01' && x.message.text.includes('86.2'))!;
    const line = disputed.split('\n').findIndex((l) => l.startsWith('  合计.自评得分:')) + 1;
    expect(total.locations[0]!.physicalLocation.artifactLocation.uri).toBe('d.yaml');
    expect(total.locations[0]!.physicalLocation.region.startLine).toBe(line);
    const [head, ...rows] = parseCsv(fs.readFileSync(path.join(d, 'r.csv'), 'utf8').slice(1));
    const col = (name: string) => head!.indexOf(name);
    const row = rows.find((x) => x[col('rule')] === 'ZT01' && x[col('message')]!.includes('86.2'))!;
    expect(['actual', 'expected', 'data_file', 'line'].map((c) => row[col(c)])).toEqual(['86.2', '91.2', 'd.yaml', String(line)]);
  });
});

describe('the JUnit report for a CI system', () => {
  // A reports tester: test-case names followed the report's language (a CI keeps a test's history by
  // its name), and a line break in a cell's text broke the one-line-per-finding body.
  it('names test cases the same in every language, and keeps each finding on one line', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-junit-names-'));
    fs.writeFileSync(path.join(d, 'r.suan'), fs.readFileSync(RULES, 'utf8').replace('message "{r.科目编码}：', 'message "{r.科目编码} {r.科目名称}：').replace('en "{r.科目编码}: total', 'en "{r.科目编码} {r.科目名称}: total'));
    fs.writeFileSync(path.join(d, 'd.yaml'), fs.readFileSync(path.join(FIXTURES, 'cli/failing.yaml'), 'utf8').replace('"行政事业单位养老支出"', '"pension\\nfund"'));
    const names = (lang: string) => {
      const r = suan(['check', 'r.suan', 'd.yaml', '--format', 'junit', '--lang', lang], { cwd: d });
      const suite = new XMLParser({ ignoreAttributes: false }).parse(r.stdout).testsuites.testsuite as { testcase: { '@_name': string; failure?: { '#text': string } }[] };
      return { names: suite.testcase.map((c) => c['@_name']), body: suite.testcase[0]!.failure!['#text'] };
    };
    const en = names('en');
    const zh = names('zh-CN');
    expect(en.names).toEqual(['T01 本年支出合计 = 基本支出 + 项目支出', 'T02 逐级汇总', 'T03 说明中的本年支出与表一致']);
    expect(zh.names).toEqual(en.names);
    expect(en.body.split('\n')).toHaveLength(1);
    expect(en.body).toContain('20805 pension fund: total 152.00');
  });
});

describe('a SARIF report for GitHub code scanning', () => {
  // A reports tester: 342,907 results went into one run without a word; GitHub refuses an upload
  // of more than 25,000 results per run.
  it('says, in the file and on standard error, when it holds more results than GitHub takes', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-sarif-many-'));
    fs.writeFileSync(path.join(d, 'r.suan'), 'ruleset many { title "多" }\ntable T { key k: text  a: money  b: money }\nrule M "相等" en "Equal" { for r in T assert r.a = r.b }\n');
    fs.mkdirSync(path.join(d, 'docs'));
    const rows = Array.from({ length: 1000 }, (_, i) => `["k${i}","1.00","2.00"]`).join(',');
    for (let n = 0; n < 26; n++) fs.writeFileSync(path.join(d, 'docs', `d${n}.json`), `{"suan":1,"document":{"currency_unit":"元"},"tables":{"T":{"columns":["k","a","b"],"rows":[${rows}]}}}`);
    const r = suan(['check', 'r.suan', 'docs', '--format', 'sarif=r.sarif', '--lang', 'en', '--quiet'], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('suan: The SARIF report holds 26000 results; GitHub code scanning takes at most 25000 per run (and 10 MB compressed) and refuses the file past that. Check fewer documents per report, or upload it to a tool without that limit.\n');
    const sarif = JSON.parse(fs.readFileSync(path.join(d, 'r.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(26000);
    expect(sarif.runs[0].invocations[0].toolConfigurationNotifications.map((x: { descriptor: { id: string } }) => x.descriptor.id)).toContain('too-many-results');
    // Under the limit, nothing is said.
    fs.rmSync(path.join(d, 'docs', 'd25.json'));
    expect(suan(['check', 'r.suan', 'docs', '--format', 'sarif=r.sarif', '--quiet'], { cwd: d }).stderr).toBe('');
  }, 60_000);
});
