import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTooDeepFolder } from '../fixtures/cli/deep-folder';
import { FIXTURES, REPO, suan } from './run-cli';

const RULES = path.join(FIXTURES, 'cli/mini.suan');
const CLEAN = path.join(FIXTURES, 'cli/clean.yaml');
const FAILING = path.join(FIXTURES, 'cli/failing.yaml');
const BROKEN = path.join(FIXTURES, 'bad-data/broken.json');

describe('suan check (built CLI, real files)', () => {
  it('prints findings grouped by rule with the numbers, in zh-CN on a Chinese locale, and exits 1', () => {
    const r = suan(['check', RULES, FAILING], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('T02 逐级汇总');
    expect(r.stdout).toContain('支出决算表[208] 本年支出合计：151.00 万元 与 152.00 万元 不符，差额 -1.00 万元');
    expect(r.stdout).toMatch(/failing\.yaml:9:\d+/);
    expect(r.stdout).toMatch(/汇总：1 个文件，\d+ 条规则，错误 \d+/);
  });

  it('speaks English with --lang en (and by default on a non-Chinese locale)', () => {
    const r = suan(['check', RULES, FAILING, '--lang', 'en']);
    expect(r.stdout).toContain('支出决算表[208] 本年支出合计: 151.00 万元 does not match 152.00 万元, difference -1.00 万元');
    expect(suan(['check', RULES, FAILING], { env: { LANG: 'C.UTF-8' } }).stdout).toMatch(/Summary: 1 document, \d+ rules, errors \d+/);
    // One of each reads in the singular (a plural once said "1 documents").
    const both = suan(['check', RULES, FAILING, CLEAN, '--lang', 'en']).stdout;
    expect(both).toMatch(/Summary: 2 documents, /);
  });

  it('counts the notes it does not show, and shows them with --verbose', () => {
    const example = path.join(REPO, 'rulesets/juesuan/examples/001-shizhong-yibao-2021.yaml');
    const en = suan(['check', path.join(REPO, 'rulesets/juesuan'), example, '--lang', 'en']).stdout;
    // "data notes": the summary's "notes 0" counts the rules' findings (a tester read the two as a contradiction).
    expect(en).toContain('\n  (3 data notes hidden; --verbose shows them)\n');
    expect(en).toContain(', notes 0,');
    expect(suan(['check', path.join(REPO, 'rulesets/juesuan'), example, '--lang', 'zh-CN']).stdout).toContain('\n  （3 条数据提示已省略，--verbose 可显示）\n');
    const verbose = suan(['check', path.join(REPO, 'rulesets/juesuan'), example, '--lang', 'en', '--verbose']).stdout;
    expect(verbose).not.toContain('hidden');
    expect(verbose.split('\n').filter((l) => / info SUAN\d+ /.test(l))).toHaveLength(3);
  });

  it('lists the first few of a repeated problem and of a rule\'s findings, says how many more, and lists all with --verbose', () => {
    // 40 rows with one key (39 SUAN5009 warnings), each failing T01 (40 findings).
    const rows = Array.from({ length: 40 }, () => '["208", "社会保障和就业支出", "152.00", "101.00", "50.00"]').join(',');
    const doc = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'suan-long-')), 'long.json');
    fs.writeFileSync(doc, `{"suan": 1, "document": {"kind": "部门决算", "currency_unit": "万元"}, "tables": {"支出决算表": {"unit": "万元", "columns": ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"], "rows": [${rows}]}}}`);
    const lines = (out: string, what: RegExp) => out.split('\n').filter((l) => what.test(l)).length;
    const en = suan(['check', RULES, doc, '--lang', 'en']).stdout;
    expect(lines(en, / warning SUAN5009 /)).toBe(10);
    expect(en).toContain('\n    … and 29 more problems like SUAN5009 (--verbose lists them all)\n');
    expect(lines(en, /^ {4}\[error\] 208: /)).toBe(20);
    expect(en).toContain('\n      … and 20 more findings of T01 (--verbose lists them all)\n');
    expect(en).toContain('T01 Total = basic + project  40 failing');
    const zh = suan(['check', RULES, doc, '--lang', 'zh-CN']).stdout;
    expect(zh).toContain('\n    ……另有 29 条 SUAN5009（--verbose 可全部列出）\n');
    expect(zh).toContain('\n      ……另有 20 条 T01 的不符（--verbose 可全部列出）\n');
    const all = suan(['check', RULES, doc, '--lang', 'en', '--verbose']).stdout;
    expect(lines(all, / warning SUAN5009 /)).toBe(39);
    expect(lines(all, /^ {4}\[error\] 208: /)).toBe(40);
    expect(all).not.toContain('(--verbose lists them all)');
  });

  it('shows a difference, an interval and its distance as the values read: in their unit, a share in percentage points', () => {
    const ruleset = path.join(REPO, 'rulesets/jixiao-xiangmu');
    const out = suan(['check', ruleset, path.join(ruleset, 'examples/001-laomo-jintie.yaml'), '--lang', 'en']).stdout;
    // It read "interval distance 0.960623650564774153" (the bare ratio) and "599.435" (no unit), and
    // "difference 97%" (the stated 100%'s decimals, not the computed 3.44%'s).
    expect(out).toContain('expected 3.44% interval [3.43711%, 3.43763%]; difference 96.56%; interval distance 96.1%\n');
    expect(out).toContain('difference 599.94 万元; interval distance 599.435 万元\n');
    // An interval's bounds with the decimals they need: it read [126.0%, 126.0%] and [276.0, 276.0].
    const juesuan = suan(['check', path.join(REPO, 'rulesets/juesuan'), path.join(REPO, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml'), '--lang', 'en']).stdout;
    expect(juesuan).toContain('actual 126% interval [125.995%, 126.005%]; expected 100%; difference 26%\n');
    expect(juesuan).toContain('actual 276 万元 interval [275.99, 276.01] 万元;');
  });

  it('does not say "all passed" for a document whose data could not all be read', () => {
    expect(suan(['check', RULES, CLEAN, '--lang', 'en']).stdout).toMatch(/\n  ✓ all passed \(3 rules, \d+ checks passed\)\n/);
    expect(suan(['check', RULES, CLEAN, '--lang', 'zh-CN']).stdout).toMatch(/\n  ✓ 全部通过（3 条规则，\d+ 项检查通过）\n/);
    // The table is in a CSV file that is not there: nothing fails, because nothing could be read.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-csv-'));
    const doc = path.join(dir, 'doc.yaml');
    fs.writeFileSync(doc, 'suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  支出决算表: { unit: 万元, csv: missing.csv }\nfacts:\n  本年支出: { value: "151.00", unit: 万元 }\n');
    const en = suan(['check', RULES, doc, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stdout).toContain('error SUAN5007');
    expect(en.stdout).not.toContain('all passed');
    expect(en.stdout).toMatch(/\n  ! no rule failed on the data that could be read \(3 rules, 0 checks passed; 3 rules had nothing to check\)\n/);
    expect(suan(['check', RULES, doc, '--lang', 'zh-CN']).stdout).toMatch(/\n  ! 能读取的数据上没有不符（3 条规则，0 项检查通过；3 条规则没有可检查的数据）\n/);
    // With only that table, the document is not said to hold none of the ruleset's tables (SUAN5018):
    // it names the table, which could not be read, and SUAN5007 says why.
    fs.writeFileSync(doc, 'suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  支出决算表: { unit: 万元, csv: missing.csv }\n');
    const only = suan(['check', RULES, doc, '--lang', 'en', '--verbose']).stdout;
    expect(only).toContain('error SUAN5007');
    expect(only).not.toContain('SUAN5018');
  });

  it('does not say "all passed" when a warning about the data says rules could not check (a misspelt column: 999.00 went unchecked)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-col-'));
    const doc = path.join(dir, 'doc.yaml');
    fs.writeFileSync(doc, 'suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  支出决算表:\n    unit: 万元\n    columns: [科目编码, 科目名称, 本年支出总计, 基本支出, 项目支出]\n    rows: [["208", "社会保障和就业支出", "999.00", "101.00", "50.00"]]\n');
    const en = suan(['check', RULES, doc, '--lang', 'en']);
    expect(en.stdout).toContain('warning SUAN5004 Table 支出决算表 has no column "本年支出合计"; rules that need it are not applicable. The data has a column "本年支出总计": is it this one, spelt differently?');
    expect(en.stdout).not.toContain('all passed');
    expect(en.stdout).toMatch(/\n  ! no rule failed, but see the warnings about the data above \(3 rules, 0 checks passed; 3 rules had nothing to check\)\n/);
    expect(suan(['check', RULES, doc, '--lang', 'zh-CN']).stdout).toMatch(/\n  ! 没有规则不符，但请看上面关于数据的警告（3 条规则，0 项检查通过；3 条规则没有可检查的数据）\n/);
    // The run's summary counts such documents, and --fail-on warning fails on them.
    expect(en.stdout).toMatch(/\nSummary: 1 document, 3 rules, errors 0, warnings 0, notes 0, documents with data warnings 1, time \d+ ms\n/);
    expect(en.code).toBe(0);
    const json = suan(['check', RULES, doc, CLEAN, '--format', 'json', '--lang', 'en']);
    expect(JSON.parse(json.stdout).summary).toMatchObject({ documents: 2, documentsWithErrors: 0, documentsWithWarnings: 1 });
    expect(json.stderr).toMatch(/^suan: 2 documents, 0 errors, 0 warnings, 0 notes, 0 with data errors, 1 with data warnings, \d+ ms$/m);
    expect(suan(['check', RULES, doc, '--fail-on', 'warning']).code).toBe(1);
    expect(suan(['check', RULES, CLEAN, '--fail-on', 'warning']).code).toBe(0);
    expect(suan(['check', RULES, doc, '--format', 'json', '--lang', 'zh-CN']).stderr).toMatch(/^suan：1 个文件，错误 0，警告 0，提示 0，数据有错误 0 个，数据有警告 1 个，用时 \d+ ms$/m);
  });

  it('says a finding in error once (its message is its reason)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-error-'));
    const doc = path.join(dir, 'doc.yaml');
    fs.writeFileSync(doc, fs.readFileSync(CLEAN, 'utf8').replace('"20805", "行政事业单位养老支出", "150.00"', '"20805", "行政事业单位养老支出", "1.0e3"'));
    const out = suan(['check', RULES, doc, '--lang', 'en']).stdout;
    const said = out.split('\n').filter((l) => l.includes('holds "1.0e3", which is not an amount. Correct the data.'));
    expect(said.length).toBeGreaterThan(0);
    expect(said.every((l) => l.trimStart().startsWith('[error] '))).toBe(true); // each once, on its finding's line
  });

  it('shows the unit slip as such', () => {
    const r = suan(['check', RULES, FAILING, '--lang', 'en']);
    expect(r.stdout).toContain('The actual value is 10,000 times the expected one');
  });

  it('exits 0 when nothing at or above --fail-on fails', () => {
    expect(suan(['check', RULES, CLEAN]).code).toBe(0);
    expect(suan(['check', RULES, FAILING, '--fail-on', 'never']).code).toBe(0);
    // T03 is a warning: failing at or above "warning" includes it.
    expect(suan(['check', RULES, FAILING, '--fail-on', 'warning']).code).toBe(1);
  });

  it('exits 2 on usage errors, explaining in both languages', () => {
    const r = suan(['check', RULES], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('需要一个规则集和至少一个数据文件');
    expect(suan(['frobnicate']).stderr).toContain('Unknown command');
    // An option no command knows: said in the reader's language (no English inside the Chinese), then the usage.
    for (const cmd of ['check', 'fmt', 'compile', 'test']) {
      const zh = suan([cmd, '--bogus'], { env: { LANG: 'zh_CN.UTF-8' } });
      expect(zh.code).toBe(2);
      expect(zh.stderr.split('\n')[0]).toBe('未知的选项 --bogus。可用的选项见下文；以 “-” 开头的文件名请写在 -- 之后，例如 -- --bogus。');
      const en = suan([cmd, '--bogus', '--lang', 'en']);
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(/^Unknown option --bogus\. The options are listed below; a file whose name starts with "-" goes after --, as in -- --bogus\.\n[\s\S]*Usage:/);
    }
    // A language suan does not speak is not silently replaced by the system's.
    const fr = suan(['check', RULES, CLEAN, '--lang', 'fr']);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toBe('suan：--lang fr 不是可选的语言，请用 --lang zh-CN 或 --lang en。\nsuan: --lang fr is not a language suan speaks; use --lang zh-CN or --lang en.\n');
    expect(suan(['check', RULES, CLEAN, '--lang=zh', '-q']).code).toBe(0);
    // An option without its value, and one given a value it does not take.
    expect(suan(['check', RULES, CLEAN, '--format'], { env: { LANG: 'zh_CN.UTF-8' } }).stderr.split('\n')[0]).toBe('选项 --format 需要一个值，例如 --format 值。');
    expect(suan(['check', RULES, CLEAN, '--quiet=yes', '--lang', 'en']).stderr.split('\n')[0]).toBe('The option -q, --quiet takes no value.');
  });

  it('says which arguments named no data file (it said only "No data files matched.", then the usage)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-empty-'));
    const en = suan(['check', RULES, dir, 'nowhere/*.yaml', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(`suan: no data files in ${dir} nowhere/*.yaml. Name data files (.json, .yaml, .yml), folders holding them, or patterns such as 'data/*.json'.\n`);
    const zh = suan(['check', RULES, '-', '--lang', 'zh-CN'], { input: '\n' });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe("suan：（标准输入中的列表） 中没有数据文件。请给出数据文件（.json、.yaml、.yml）、包含数据文件的文件夹，或 'data/*.json' 这样的匹配模式。\n");
  });

  it('checks the other documents when a folder cannot be read, says which and why, and exits 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-unreadable-'));
    fs.copyFileSync(CLEAN, path.join(dir, 'clean.yaml'));
    makeTooDeepFolder(dir);
    const r = suan(['check', RULES, dir, '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).documents.map((d: { file: string }) => path.basename(d.file))).toEqual(['clean.yaml']);
    // The first folder down the tree whose path is too long.
    expect(r.stderr).toMatch(new RegExp(`^suan: cannot read the folder ${dir}/(d{200}/)+d{200} \\(ENAMETOOLONG`));
    expect(r.stderr).toContain('its documents are not checked. Check its permissions, or name its files some other way.');
  });

  it('does not use the numbers of a row written with more or fewer cells than columns: what reads them cannot be checked, and nothing fails on shifted values', () => {
    // The published example, with a stray cell in 收入决算表 row 21011 and a lost one in row 21015.
    const example = fs.readFileSync(path.join(REPO, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml'), 'utf8');
    const shifted = example
      .replace('["21011", "行政事业单位医疗", "112,480.68",', '["21011", "行政事业单位医疗", "", "112,480.68",')
      .replace('["21015", "医疗保障管理事务", "1,734,228.58", "1,734,228.58", "0.00",', '["21015", "医疗保障管理事务", "1,734,228.58", "1,734,228.58",');
    expect(shifted).not.toBe(example);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-misaligned-'));
    const file = path.join(dir, 'shifted.yaml');
    fs.writeFileSync(file, shifted);
    const r = suan(['check', path.join(REPO, 'rulesets/juesuan'), file, '--format', 'json', '--lang', 'en']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout).documents[0];
    const rowProblems = doc.diagnostics.filter((d: { code: string }) => d.code === 'SUAN5006' || d.code === 'SUAN5005');
    expect(rowProblems.map((d: { code: string; location: { line: number } }) => `${d.code} ${d.location.line}`)).toEqual(['SUAN5006 53', 'SUAN5006 55']);
    type F = { rule: string; outcome: string; code?: string; bindings: { key?: string }[]; reads: { table?: string; row?: string }[] };
    const findings: F[] = doc.rules.flatMap((x: { findings: F[] }) => x.findings);
    const touches = (f: F) => f.bindings.some((b) => b.key === '21011' || b.key === '21015') || f.reads.some((x) => x.table === '收入决算表' && (x.row === '21011' || x.row === '21015'));
    // Before, the shifted row failed JS0201 with "total 0.00 元, sum of sources 224,961.36 元" and
    // JS0202 with made-up differences; now those bindings are errors that say why.
    expect(findings.filter((f) => f.outcome === 'fail' && touches(f))).toEqual([]);
    const rowChecks = findings.filter((f) => f.rule === 'JS0201' && touches(f));
    expect(rowChecks.map((f) => `${f.outcome} ${f.code} ${f.bindings[0]!.key}`)).toEqual(['error SUAN4006 21011', 'error SUAN4006 21015']);
    // The rest is checked as before: the summary table's original budget still does not balance.
    expect(findings.filter((f) => f.rule === 'JS0106').map((f) => f.outcome)).toEqual(['fail']);
  });

  it('exits 2 on a ruleset with errors, printing them with file:line:col', () => {
    const r = suan(['check', path.join(FIXTURES, 'cli/broken.suan'), CLEAN]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.suan:4:\d+ error SUAN2004: Table 支出决算表 has no column "本年合计"\. Did you mean "本年支出合计"\?/);
  });

  it('reports a malformed data file with file, line and column, still checks the others, and exits 2', () => {
    const r = suan(['check', RULES, BROKEN, FAILING, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/broken\.json:3:\d+/);
    expect(r.stdout).toContain('T02');
  });

  it('answers --help and -h on every command with the usage and exit 0, in the chosen language', () => {
    for (const command of ['check', 'compile', 'explain', 'fmt', 'init', 'test']) {
      const r = suan([command, '--help', '--lang', 'en']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain('Usage:');
      expect(r.stdout, command).toContain(`suan ${command}`);
    }
    const zh = suan(['check', RULES, '-h', '--lang', 'zh-CN']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('用法：');
    // After `--`, "-h" is a file name, not a request for help.
    const file = suan(['check', RULES, '--lang', 'en', '--', '-h']);
    expect(file.code).toBe(2);
    expect(file.stdout + file.stderr).toContain('-h');
  });

  it('says so when a data file is named where the ruleset goes (arguments swapped), for YAML and JSON data', () => {
    const yaml = suan(['check', FAILING, RULES, '--lang', 'en']);
    expect(yaml.code).toBe(2);
    // Where: a file inside the working directory relative to it (one outside it stays absolute: below).
    expect(yaml.stderr).toContain(`${path.relative(process.cwd(), FAILING)}:1:1 error SUAN0011: ${FAILING} looks like a data file, not a ruleset. The ruleset (a .suan file, or a .json made by \`suan compile\`) comes first`);
    const example = path.join(REPO, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml');
    expect(suan(['explain', example, 'JS0101', '--lang', 'zh-CN']).stderr).toContain('看起来是数据文件，不是规则集');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-swap-'));
    const data = path.join(dir, 'doc.json');
    fs.writeFileSync(data, '{ "suan": 1, "tables": {} }');
    expect(suan(['check', data, RULES, '--lang', 'en']).stderr).toContain('SUAN0011');
    // A .json that is neither still says it is not a compiled ruleset.
    fs.writeFileSync(data, '[1, 2]');
    expect(suan(['check', data, RULES, '--lang', 'en']).stderr).toContain('SUAN0008');
  });

  it('prints its version', () => {
    expect(suan(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
    void REPO;
  });
});

describe('suan check: reports and documents never overwrite each other', () => {
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-nightly-'));
    fs.copyFileSync(CLEAN, path.join(dir, 'clean.yaml'));
    fs.copyFileSync(FAILING, path.join(dir, 'failing.yaml'));
    return dir;
  };

  it('leaves last night\'s report out of the documents when it is written into their folder (it once broke every later run)', () => {
    const dir = folder();
    const report = path.join(dir, 'report.json');
    for (let night = 1; night <= 2; night++) {
      const r = suan(['check', RULES, dir, '--format', `json=${report}`, '-q']);
      expect(r.code).toBe(1);
      const docs = (JSON.parse(fs.readFileSync(report, 'utf8')) as { documents: { file: string }[] }).documents.map((d) => path.basename(d.file));
      expect(docs).toEqual(['clean.yaml', 'failing.yaml']);
    }
    // Through a pattern, too.
    expect(suan(['check', RULES, `${dir}/*`, '--format', `json=${report}`, '-q']).code).toBe(1);
  });

  // A tester's round: a report named for its night (report-2024-11-25.json) became the next
  // night's document, and failed the run with "unknown field(s) schemaVersion, tool, …".
  it('leaves an earlier night\'s report under another name out too, and says so', () => {
    const dir = folder();
    for (const night of ['2024-11-25', '2024-11-26']) {
      const r = suan(['check', RULES, dir, '--format', `json=${path.join(dir, `report-${night}.json`)}`, '--lang', 'en']);
      expect(r.code).toBe(1);
      const docs = (JSON.parse(fs.readFileSync(path.join(dir, `report-${night}.json`), 'utf8')) as { documents: { file: string }[] }).documents.map((d) => path.basename(d.file));
      expect(docs).toEqual(['clean.yaml', 'failing.yaml']);
      if (night === '2024-11-26') expect(r.stderr).toContain(`suan: 1 file left out: reports of suan check (JSON or SARIF) or compiled rulesets, not data files (${path.relative(REPO, path.join(dir, 'report-2024-11-25.json'))}).`);
    }
    // Said under --quiet too: it is not progress, and the reports would otherwise be skipped without a word.
    expect(suan(['check', RULES, dir, '--format', 'json=/dev/null', '-q', '--lang', 'en']).stderr).toContain('suan: 2 files left out: reports of suan check (JSON or SARIF) or compiled rulesets, not data files');
  });

  // A second tester's round: the run's own compiled ruleset kept with the data was a document.
  it('leaves a compiled ruleset among the data out, under any name, and says so', () => {
    const dir = folder();
    const bundle = path.join(dir, 'rules.json');
    expect(suan(['compile', RULES, '-o', bundle]).code).toBe(0);
    const r = suan(['check', bundle, dir, '--format', 'json', '-q', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { documents: { file: string }[] }).documents.map((d) => path.basename(d.file))).toEqual(['clean.yaml', 'failing.yaml']);
    expect(r.stderr).toContain(`suan: 1 file left out: reports of suan check (JSON or SARIF) or compiled rulesets, not data files (${path.relative(REPO, bundle)}).`);
    // Nothing but such files: nothing was checked, and a pipeline must not pass on that.
    const only = path.join(dir, 'only');
    fs.mkdirSync(only);
    fs.copyFileSync(bundle, path.join(only, 'rules.json'));
    const none = suan(['check', bundle, only, '-q', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('suan: no data files were checked: every file found is a report of suan check or a compiled ruleset.');
    // Beside a folder that holds data, such a folder (or pattern) is said as one with no data file is.
    for (const arg of [only, `${only}/*.json`]) {
      const beside = suan(['check', bundle, arg, path.join(dir, 'clean.yaml'), '-q', '--lang', 'en']);
      expect(beside.code).toBe(2);
      expect(beside.stderr).toContain(`suan: no data files in ${arg}: the files there are reports of suan check or compiled rulesets; the other inputs are checked.`);
    }
  });

  it('refuses a report file that is named as a document, and writes nothing (it once replaced the data file)', () => {
    const dir = folder();
    const data = path.join(dir, 'clean.yaml');
    const before = fs.readFileSync(data, 'utf8');
    const en = suan(['check', RULES, data, '--format', `json=${data}`, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`${data} is named both as a document to check and as the file of the json report, which would overwrite it. Write the report to another file.`);
    expect(suan(['check', RULES, data, '--format', `json=${data}`, '--lang', 'zh-CN']).stderr).toContain('既是要检查的文件，又是 json 报告的输出文件，写报告会覆盖它');
    expect(fs.readFileSync(data, 'utf8')).toBe(before);
  });

  it('refuses two reports in one file, and a format with "=" but no file name', () => {
    const dir = folder();
    const out = path.join(dir, 'out.txt');
    const two = suan(['check', RULES, CLEAN, '--format', `json=${out}`, '--format', `csv=${out}`, '--lang', 'en']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(`The json and csv reports would both be written to ${out}. Give each report its own file.`);
    expect(fs.existsSync(out)).toBe(false);
    // A reports tester's round: one file under two names (a link to it, a linked folder) took both
    // reports, mixed into a file neither reader could parse.
    fs.writeFileSync(path.join(dir, 'a.json'), 'yesterday');
    fs.symlinkSync('a.json', path.join(dir, 'link.json'));
    fs.symlinkSync(dir, path.join(dir, 'linked'));
    for (const [a, b] of [['a.json', 'link.json'], ['a.json', 'linked/a.json'], ['new.json', 'linked/new.json']]) {
      const linked = suan(['check', RULES, CLEAN, '--format', `json=${path.join(dir, a!)}`, '--format', `csv=${path.join(dir, b!)}`, '--lang', 'en']);
      expect(linked.code, `${a} ${b}`).toBe(2);
      expect(linked.stderr).toContain(`The json and csv reports would both be written to ${path.join(dir, b!)}.`);
    }
    expect(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('yesterday');
    // Nor is a report written over the ruleset (which a run whose ruleset has errors would empty).
    const rules = path.join(dir, 'mini.suan');
    fs.copyFileSync(RULES, rules);
    fs.writeFileSync(path.join(dir, 'other.suan'), '# a ruleset file\n');
    for (const target of [rules, path.join(dir, 'other.suan')]) {
      const over = suan(['check', rules, CLEAN, '--format', `json=${target}`, '--lang', 'en']);
      expect(over.code).toBe(2);
      expect(over.stderr).toContain(`${target} is a ruleset file; writing the json report there would overwrite it. Write the report to another file.`);
    }
    expect(fs.readFileSync(rules, 'utf8')).toBe(fs.readFileSync(RULES, 'utf8'));
    // A verifying tester: nor through a hard link.
    fs.linkSync(path.join(dir, 'a.json'), path.join(dir, 'hard.csv'));
    const hard = suan(['check', RULES, CLEAN, '--format', `json=${path.join(dir, 'a.json')}`, '--format', `csv=${path.join(dir, 'hard.csv')}`, '--lang', 'en']);
    expect(hard.code).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'a.json'), 'utf8')).toBe('yesterday');
    const empty = suan(['check', RULES, CLEAN, '--format', 'json=', '--lang', 'zh-CN']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--format json= 的 “=” 后面需要文件名，例如 --format json=report.json。');
  });

  // A verifying tester: a document named through a link, or listed on standard input, was
  // overwritten by a report written to its other name (and one listed was skipped as a report).
  it('refuses a report written over a document named through a link or listed on standard input, and leaves last night\'s report out of a list', () => {
    const dir = folder();
    const doc = path.join(dir, 'doc.yaml');
    fs.copyFileSync(FAILING, doc);
    fs.symlinkSync('doc.yaml', path.join(dir, 'link.yaml'));
    const before = fs.readFileSync(doc, 'utf8');
    const linked = suan(['check', RULES, path.join(dir, 'link.yaml'), '--format', `json=${doc}`, '--lang', 'en']);
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain(`${path.join(dir, 'link.yaml')} is a document to check and, by this name, another or a link, the file of the json report, which would overwrite it. Write the report to another file.`);
    const listed = suan(['check', RULES, '-', '--format', `csv=${doc}`, '--lang', 'zh-CN'], { input: `${doc}\n` });
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain('既是要检查的文件，又（以同一名字、另一个名字或链接）是 csv 报告的输出文件，写报告会覆盖它');
    // A third verifying tester: nor a hard link to it, nor its name when it is found in a folder.
    fs.linkSync(doc, path.join(dir, 'hard.yaml'));
    expect(suan(['check', RULES, doc, '--format', `json=${path.join(dir, 'hard.yaml')}`]).code).toBe(2);
    expect(suan(['check', RULES, dir, '--format', `json=${doc}`]).code).toBe(2);
    expect(fs.readFileSync(doc, 'utf8')).toBe(before);
    expect(fs.readFileSync(doc, 'utf8')).toBe(before);
    // Last night's report, which `find data -name '*.json'` lists too, is left out of the list.
    const report = path.join(dir, 'report.json');
    expect(suan(['check', RULES, doc, '--format', `json=${report}`]).code).toBe(1);
    const nightly = suan(['check', RULES, '-', '--format', `json=${report}`, '--lang', 'en'], { input: `${doc}\n${report}\n` });
    expect(nightly.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(report, 'utf8')).documents.map((d: { file: string }) => path.basename(d.file))).toEqual(['doc.yaml']);
  });

  it('takes json=- and json=/dev/stdout for standard output, where only one report can go', () => {
    const dash = suan(['check', RULES, CLEAN, '--format', 'json=-', '--lang', 'en']);
    expect(JSON.parse(dash.stdout).schemaVersion).toBeGreaterThan(0);
    for (const name of ['-', '/dev/stdout']) {
      const two = suan(['check', RULES, CLEAN, '--format', `json=${name}`, '--format', 'text', '--lang', 'en']);
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('Only one format can go to standard output (json and text would); give the others a file: --format text=report.txt.');
    }
    // A report that names standard output itself is not the one -o sends to a file.
    expect(suan(['check', RULES, CLEAN, '--format', 'json=/dev/stdout', '-o', 'x.txt', '--lang', 'en']).stderr).toContain('--output needs exactly one --format without its own file');
  });

  it('says the ruleset\'s warnings on stderr when the text report is not on standard output (they were in no report a pipeline reads)', () => {
    const dir = folder();
    const rules = path.join(dir, 'mini.suan');
    fs.writeFileSync(rules, `${fs.readFileSync(RULES, 'utf8')}\nrule T99 "x" {\n  let unused = 1\n  assert 1 = 1\n}\n`);
    const warning = `${rules}:${fs.readFileSync(rules, 'utf8').split('\n').findIndex((l) => l.includes('let unused')) + 1}:7 warning SUAN2006: "unused" is defined but never used. Use it or remove it.`;
    const json = suan(['check', rules, CLEAN, '--format', 'json', '--lang', 'en']);
    expect(json.code).toBe(0);
    expect(json.stderr.split('\n')[0]).toBe(warning);
    expect(JSON.parse(json.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['SUAN2006']);
    expect(suan(['check', rules, CLEAN, '--format', 'json', '--lang', 'zh-CN']).stderr).toContain('“unused” 已定义但未使用。请使用它或删除它。');
    // The text report on the terminal lists them itself; --quiet says nothing on stderr.
    const text = suan(['check', rules, CLEAN, '--lang', 'en']);
    expect(text.stdout).toContain('SUAN2006');
    expect(text.stderr).not.toContain('SUAN2006');
    expect(suan(['check', rules, CLEAN, '--format', 'json', '--quiet', '--lang', 'en']).stderr).toBe('');
  });

  it('refuses --output given twice (the last one used to win, silently), and writes nothing', () => {
    const dir = folder();
    const [a, b] = [path.join(dir, 'a.json'), path.join(dir, 'b.json')];
    const en = suan(['check', RULES, CLEAN, '--format', 'json', '-o', a, '--output', b, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`--output names the one file of the report; it was given 2 times (${a}, ${b}). For several reports, write --format name=file for each.`);
    const zh = suan(['check', RULES, CLEAN, '--format', 'json', '-o', a, '-o', b, '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain(`--output 只能指定一个报告文件，这里给了 2 次（${a}、${b}）。`);
    expect(fs.existsSync(a) || fs.existsSync(b)).toBe(false);
    const one = suan(['check', RULES, CLEAN, '--format', 'json', '-o', a]);
    expect(one.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(a, 'utf8')).summary.documents).toBe(1);
    // An empty name (`-o "$REPORT"` with the variable unset) is refused; `-o -` is standard output.
    const empty = suan(['check', RULES, CLEAN, '--format', 'json', '--output=', '--lang', 'en']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--output needs a file name (or - for standard output).');
    const stdout = suan(['check', RULES, CLEAN, '--format', 'json', '-o', '-'], { cwd: dir });
    expect(stdout.code).toBe(0);
    expect(JSON.parse(stdout.stdout).summary.documents).toBe(1);
    expect(fs.existsSync(path.join(dir, '-'))).toBe(false);
  });

  it('refuses two languages (the first one used to win, silently), in both; the same one twice is one', () => {
    const r = suan(['check', RULES, CLEAN, '--lang', 'en', '--lang=zh-CN']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('suan：--lang 给了两次（en、zh-CN），请只给一次。\nsuan: --lang is given twice (en, zh-CN); give it once.\n');
    expect(r.stdout).toBe('');
    expect(suan(['check', RULES, CLEAN, '--lang', 'en', '--lang', 'en', '-q']).code).toBe(0);
    // After --, "--lang" names a file: not a language.
    const after = suan(['check', RULES, '--lang', 'en', '--', CLEAN, '--lang']);
    expect(after.code).toBe(2);
    expect(after.stdout).toContain('■ --lang');
  });
});

describe('suan check: the list on standard input', () => {
  it('reads it once when - is given twice (it once exited 0 without a word)', () => {
    const r = suan(['check', RULES, '-', '-', '--format', 'csv'], { input: `${FAILING}\n` });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes('failing.yaml')).length).toBeGreaterThan(0);
  });

  it('says so when a document is piped in instead of a list of paths', () => {
    const text = fs.readFileSync(FAILING, 'utf8');
    const en = suan(['check', RULES, '-', '--lang', 'en'], { input: text });
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/With -, standard input lists the documents' paths, one per line, but it looks like the content of a data file \(its first line: .+\)\. Name the file instead/);
    expect(en.stdout).toBe('');
    const zh = suan(['check', RULES, '-', '--lang', 'zh-CN'], { input: text });
    expect(zh.stderr).toContain('使用 - 时，标准输入应逐行列出要检查的文件路径，但它看起来是数据文件的内容');
  });

  // A tester's round: `find -print0 | suan check R -` read the whole list as one path and said
  // Node's own "must be a string … without null bytes", in English whatever the language.
  it('takes paths ended by NUL, as find -print0 writes them', () => {
    const r = suan(['check', RULES, '-', '--format', 'json'], { input: `${FAILING}\0${CLEAN}\0` });
    expect(r.stderr).not.toContain('null bytes');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).documents.map((d: { file: string }) => path.basename(d.file))).toEqual(['failing.yaml', 'clean.yaml']);
  });

  it('searches a folder it lists, as on the command line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-listed-'));
    fs.copyFileSync(FAILING, path.join(dir, 'failing.yaml'));
    const r = suan(['check', RULES, '-', '--format', 'csv'], { input: `${dir}\n` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failing.yaml');
  });
});

describe('suan check: a file name with a line break', () => {
  // The verifying round: it was printed raw, and made a line of its own in the text report.
  it('is shown escaped on its header line, and in the places of its findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-newline-'));
    fs.copyFileSync(CLEAN, path.join(dir, 'a\nb.yaml'));
    fs.copyFileSync(FAILING, path.join(dir, 'c\nd.yaml'));
    const r = suan(['check', RULES, dir, '--lang', 'en', '--verbose']);
    expect(r.stdout).toMatch(/■ .*a\\nb\.yaml/);
    // A batch tester's round: the ↳ lines of a finding printed the name raw, so that its
    // `file:line:col` began a line of its own.
    expect(r.stdout).toMatch(/↳ .*c\\nd\.yaml:\d+:\d+/);
    expect(r.stdout.split('\n').some((l) => l.startsWith('b.yaml') || l.startsWith('d.yaml'))).toBe(false);
  });
});

describe('suan check: an input that holds no data file', () => {
  // A tester's round: beside inputs that match, a pattern with a typo in its year and an empty
  // folder were dropped without a word, and a nightly run exited 0.
  it('is said, in both languages, the others are checked, and the run ends with 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-nothing-'));
    fs.mkdirSync(path.join(dir, '2024'));
    fs.mkdirSync(path.join(dir, 'empty'));
    fs.copyFileSync(CLEAN, path.join(dir, '2024', 'a.yaml'));
    const en = suan(['check', RULES, '2204/*.yaml', 'empty', '2024/*.yaml', '--lang', 'en', '--format', 'json'], { cwd: dir });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('suan: no data files in 2204/*.yaml; the other inputs are checked. Check the folder or the pattern (a typo in a name or a year?).');
    expect(en.stderr).toContain('suan: no data files in empty;');
    expect(JSON.parse(en.stdout).documents.map((d: { file: string }) => path.basename(d.file))).toEqual(['a.yaml']);
    const zh = suan(['check', RULES, '2204/*.yaml', '2024/*.yaml', '--lang', 'zh-CN', '--format', 'json'], { cwd: dir });
    expect(zh.stderr).toContain('suan：2204/*.yaml 中没有数据文件；其他输入照常检查。');
    // Every input found something: as before.
    expect(suan(['check', RULES, '2024/*.yaml', '--format', 'csv'], { cwd: dir }).code).toBe(0);
  });
});

describe('suan check: a link that leads nowhere', () => {
  it('is reported, in both languages, and the other documents are checked (a loop once ended the run with "internal error")', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-loop-'));
    fs.copyFileSync(FAILING, path.join(dir, 'failing.yaml'));
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    const en = suan(['check', RULES, dir, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stdout).toContain('its symbolic links form a loop (the link points, directly or through others, to itself). Point the link at the real file.');
    expect(en.stdout).toContain('支出决算表[208] 本年支出合计: 151.00 万元 does not match 152.00 万元');
    expect(en.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(suan(['check', RULES, dir, '--lang', 'zh-CN']).stdout).toContain('符号链接形成了循环');
  });

  // The verifying round: a link to a file that does not exist said "file … not found", which sent
  // the user looking for a file that is there (the link).
  it('says a link to a missing file is one, in both languages', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-dangling-'));
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'link.yaml'));
    const en = suan(['check', RULES, path.join(dir, 'link.yaml'), '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stdout).toContain('Cannot read the data file: it is a symbolic link to a file that does not exist. Point the link at the real file, or remove it.');
    expect(suan(['check', RULES, path.join(dir, 'link.yaml'), '--lang', 'zh-CN']).stdout).toContain('它是一个符号链接，指向的文件不存在');
  });
});

describe('suan check: "all passed" says what it covers', () => {
  it('counts the rules that had nothing to check (a table the document does not have), in both languages', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-idle-'));
    const file = path.join(dir, 'a.yaml');
    // The clean document without its facts: the rules on them have nothing to check.
    fs.writeFileSync(file, fs.readFileSync(CLEAN, 'utf8').replace(/^facts:[\s\S]*$/m, ''));
    const en = suan(['check', RULES, file, '--lang', 'en']).stdout;
    expect(en).toMatch(/\n  ✓ all passed \(3 rules, \d+ checks? passed; 1 rule had nothing to check\)\n/);
    expect(suan(['check', RULES, file, '--lang', 'zh-CN']).stdout).toMatch(/\n  ✓ 全部通过（3 条规则，\d+ 项检查通过；1 条规则没有可检查的数据）\n/);
  });
});

describe('suan check: text from the data on a terminal', () => {
  it('shows escape sequences in a document\'s text escaped, not as the terminal would run them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-escape-'));
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, fs.readFileSync(FAILING, 'utf8').replace(/^document:.*$/m, 'document: { unit: "合成单位\\e]0;pwned\\a\\e[2J", year: "2021", kind: 部门决算, currency_unit: 万元 }'));
    const r = suan(['check', RULES, file, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('合成单位\\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.stdout).not.toContain('\u001b');
  });
});
