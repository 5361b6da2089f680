import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReorderBuffer } from '../../src/cli/batch';
import { makeDocs } from '../fixtures/cli/make-docs';
import { CLI, FIXTURES, suan } from './run-cli';

const RULES = path.join(FIXTURES, 'cli/mini.suan');
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-batch-'));
  makeDocs(dir, 60);
  fs.writeFileSync(path.join(dir, 'doc-0030-broken.json'), '{ "suan": 1, "tables": [ }\n');
});

/** The JSON report's documents without timings (which differ run to run). */
function stable(stdout: string) {
  const report = JSON.parse(stdout);
  return report.documents.map((d: { ms: number }) => ({ ...d, ms: 0 }));
}

describe('suan check over many documents', () => {
  it('gives the same results in the same order with 1, 2 and 3 jobs (main thread and 0, 1, 2 workers)', () => {
    const one = suan(['check', RULES, dir, '--format', 'json', '--jobs', '1', '--quiet']);
    const two = suan(['check', RULES, dir, '--format', 'json', '--jobs', '2', '--quiet']);
    const three = suan(['check', RULES, dir, '--format', 'json', '--jobs', '3', '--quiet']);
    expect(one.code).toBe(2); // the broken document is a data error
    expect(two.code).toBe(2);
    expect(three.code).toBe(2);
    const a = stable(one.stdout);
    expect(a).toHaveLength(61);
    expect(stable(two.stdout)).toEqual(a);
    expect(stable(three.stdout)).toEqual(a);
    // The summary too (workers that write every report send the main thread only their tally).
    const summary = (stdout: string) => ({ ...JSON.parse(stdout).summary, ms: 0 });
    expect(summary(one.stdout)).toMatchObject({ documents: 61, documentsWithErrors: 1 });
    expect(summary(one.stdout).findings.error).toBeGreaterThan(0);
    expect(summary(two.stdout)).toEqual(summary(one.stdout));
    expect(summary(three.stdout)).toEqual(summary(one.stdout));
    expect(a.map((d: { file: string }) => path.basename(d.file))).toEqual([...a.map((d: { file: string }) => path.basename(d.file))].sort());
  });

  it('keeps input order over more documents than its reorder buffer holds (136 with --jobs 2)', () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-batch-many-'));
    makeDocs(many, 400);
    const one = suan(['check', RULES, many, '--format', 'json', '--jobs', '1', '--quiet']);
    for (const env of [{}, { SUAN_WORKERS_ONLY: '1' }] as Record<string, string>[]) {
      const two = suan(['check', RULES, many, '--format', 'json', '--jobs', '2', '--quiet'], { env: { ...env, SUAN_STATS: '1' } });
      expect(two.code).toBe(one.code);
      expect(JSON.parse(/SUAN_STATS (\{.*\})/.exec(two.stderr)![1]!).checkedBy.workers).toBeGreaterThan(0);
      expect(stable(two.stdout)).toEqual(stable(one.stdout));
    }
    expect(stable(one.stdout)).toHaveLength(400);
    fs.rmSync(many, { recursive: true, force: true });
  });

  it('reports a document saved as GBK (not UTF-8) where its first such byte is, and checks the others, with and without workers', () => {
    const mixed = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-batch-gbk-'));
    const [first] = makeDocs(mixed, 40);
    // The first document as Excel or WPS would save it in China: "单位" in GB18030.
    const gbk = path.join(mixed, 'doc-gbk.yaml');
    const [before, after] = fs.readFileSync(first!, 'utf8').split(/单位(?=0000)/);
    fs.writeFileSync(gbk, Buffer.concat([Buffer.from(before!), Buffer.from([0xb5, 0xa5, 0xce, 0xbb]), Buffer.from(after!)]));
    const line = before!.split('\n').length;
    const col = before!.length - before!.lastIndexOf('\n');
    const one = suan(['check', RULES, mixed, '--format', 'json', '--jobs', '1', '--quiet']);
    expect(one.code).toBe(2);
    const docs = stable(one.stdout);
    expect(docs).toHaveLength(41);
    const bad = docs.find((d: { file: string }) => d.file.endsWith('doc-gbk.yaml'));
    expect(bad.loaded).toBe(false);
    expect(bad.diagnostics.map((d: { code: string; location: { line: number; column: number } }) => [d.code, d.location.line, d.location.column])).toEqual([['SUAN5007', line, col]]);
    expect(bad.diagnostics[0].message.en).toMatch(/the file is not UTF-8: the bytes at line \d+, column \d+ are not UTF-8 \(perhaps GBK\/GB18030/);
    expect(docs.filter((d: { loaded: boolean }) => d.loaded)).toHaveLength(40);
    const workers = suan(['check', RULES, mixed, '--format', 'json', '--jobs', '2', '--quiet'], { env: { SUAN_WORKERS_ONLY: '1' } });
    expect(stable(workers.stdout)).toEqual(docs);
    fs.rmSync(mixed, { recursive: true, force: true });
  });

  it('gives the same results when worker threads check every document (the main thread only merges)', () => {
    const stats = (stderr: string) => JSON.parse(/SUAN_STATS (\{.*\})/.exec(stderr)![1]!);
    const one = suan(['check', RULES, dir, '--format', 'json', '--jobs', '1', '--quiet'], { env: { SUAN_STATS: '1' } });
    expect(stats(one.stderr).checkedBy).toEqual({ main: 61, workers: 0, workersReady: [] });
    for (const jobs of ['2', '3']) {
      const r = suan(['check', RULES, dir, '--format', 'json', '--jobs', jobs, '--quiet'], { env: { SUAN_STATS: '1', SUAN_WORKERS_ONLY: '1' } });
      expect(r.code, jobs).toBe(2);
      expect(stats(r.stderr).checkedBy, jobs).toMatchObject({ main: 0, workers: 61 });
      expect(stats(r.stderr).checkedBy.workersReady, jobs).toHaveLength(Number(jobs) - 1);
      expect(stable(r.stdout), jobs).toEqual(stable(one.stdout));
      expect(JSON.parse(r.stdout).summary.findings, jobs).toEqual(JSON.parse(one.stdout).summary.findings);
    }
  });

  it('checks on no more threads than the machine has cores, and says so', () => {
    const stats = (stderr: string) => JSON.parse(/SUAN_STATS (\{.*\})/.exec(stderr)![1]!);
    const cores = os.availableParallelism();
    const r = suan(['check', RULES, dir, '--format', 'json=/dev/null', '--jobs', String(cores + 6), '--lang', 'en'], { env: { SUAN_STATS: '1' } });
    expect(r.stderr).toContain(`suan: --jobs ${cores + 6}: this machine has ${cores} core${cores === 1 ? '' : 's'}; checking on ${cores} thread${cores === 1 ? '' : 's'}.\n`);
    expect(stats(r.stderr).checkedBy.workersReady.length).toBeLessThanOrEqual(cores - 1);
    const zh = suan(['check', RULES, dir, '--format', 'json=/dev/null', '--jobs', String(cores + 6), '--lang', 'zh-CN']);
    expect(zh.stderr).toContain(`suan：--jobs ${cores + 6}：本机只有 ${cores} 个处理器核心，按 ${cores} 个线程检查。`);
    expect(suan(['check', RULES, dir, '--format', 'json=/dev/null', '--jobs', String(cores + 6), '--quiet']).stderr).toBe('');
  });

  it('ends with the ruleset\'s errors alone when worker threads had started to load it (they start before the main thread loads it)', () => {
    const r = suan(['check', path.join(FIXTURES, 'cli/broken.suan'), dir, '--jobs', '2', '--lang', 'en'], { env: { SUAN_STATS: '1' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [diagnostics, stats] = r.stderr.split('SUAN_STATS');
    expect(diagnostics).toMatch(/^\S*broken\.suan:1:1 warning SUAN0007: .*\n\S*broken\.suan:4:\d+ error SUAN2004: Table 支出决算表 has no column "本年合计".*\n$/);
    expect(diagnostics).not.toMatch(/worker|internal error/);
    expect(JSON.parse(stats!.slice(0, stats!.indexOf('\n'))).checkedBy).toMatchObject({ main: 0, workers: 0 });
  });

  it('starts no worker for a run of a few documents (the main thread is done before a worker could start)', () => {
    const few = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).slice(0, 16).map((f) => path.join(dir, f));
    const r = suan(['check', RULES, ...few, '--format', 'json', '--jobs', '4', '--quiet'], { env: { SUAN_STATS: '1', SUAN_WORKERS_ONLY: '1' } });
    expect(JSON.parse(/SUAN_STATS (\{.*\})/.exec(r.stderr)![1]!).checkedBy).toEqual({ main: 16, workers: 0, workersReady: [] });
    expect(JSON.parse(r.stdout).documents).toHaveLength(16);
  });

  it('reports the malformed document with its location and checks all the others', () => {
    const r = suan(['check', RULES, dir, '--format', 'json', '--jobs', '2', '--quiet']);
    const docs = JSON.parse(r.stdout).documents as { file: string; loaded: boolean; diagnostics: { code: string; location: { line: number; column: number } }[]; rules: { id: string; findings: unknown[] }[] }[];
    const broken = docs.find((d) => d.file.endsWith('broken.json'))!;
    expect(broken.loaded).toBe(false);
    expect(broken.diagnostics[0]).toMatchObject({ code: 'SUAN5001', location: { line: 1, column: 26 } }); // the stray "}"
    const loaded = docs.filter((d) => d.loaded);
    expect(loaded).toHaveLength(60);
    // Every 5th document has an injected roll-up error, every 7th a 万元/元 slip in the narrative.
    const withRollup = loaded.filter((d) => d.rules.find((x) => x.id === 'T02')!.findings.length > 0);
    expect(withRollup).toHaveLength(12);
    const slips = loaded.flatMap((d) => d.rules.find((x) => x.id === 'T03')!.findings as { comparison?: { unitSlip?: unknown } }[]);
    expect(slips).toHaveLength(8);
    expect(slips.every((f) => f.comparison?.unitSlip)).toBe(true);
  });

  it('writes the same reports whether worker threads or the main thread render the documents', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-render-'));
    const formats = ['text', 'csv', 'junit', 'json', 'sarif'];
    const run = (jobs: string) => {
      const r = suan(['check', RULES, dir, '--jobs', jobs, '--quiet', ...formats.map((f) => `--format=${f}=${path.join(out, `${jobs}.${f}`)}`)]);
      expect(r.code).toBe(2);
      // Timings differ run to run; everything else must be byte for byte the same.
      return formats.map((f) => fs.readFileSync(path.join(out, `${jobs}.${f}`), 'utf8').replace(/"ms": ?[0-9.e-]+|time="[0-9.]+"|\d+ ms/g, 'T'));
    };
    const one = run('1');
    const two = run('2');
    formats.forEach((f, i) => expect(two[i], f).toBe(one[i]));
    expect(one[0]!).toContain('T02');
    expect(one[1]!.split('\r\n').length).toBeGreaterThan(20);
  });

  it('takes a list of paths on standard input, and globs', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).slice(0, 5).map((f) => path.join(dir, f));
    const r = suan(['check', RULES, '-', '--format', 'json', '--quiet'], { input: `${files.join('\n')}\n` });
    expect(JSON.parse(r.stdout).documents.map((d: { file: string }) => d.file)).toEqual(files);
    const g = suan(['check', RULES, path.join(dir, 'doc-000*.yaml'), '--format', 'json', '--quiet']);
    expect(JSON.parse(g.stdout).documents).toHaveLength(10);
  });

  it('prints a summary line on standard error unless --quiet', () => {
    const r = suan(['check', RULES, path.join(dir, 'doc-0001.yaml'), '--format', 'json']);
    expect(r.stderr).toMatch(/suan: 1 document, 0 errors, 0 warnings/);
    expect(suan(['check', RULES, path.join(dir, 'doc-0001.yaml'), '--format', 'json', '-q']).stderr).toBe('');
  });

  it('refuses unknown formats and two formats on standard output, in the reader\'s language', () => {
    expect(suan(['check', RULES, dir, '--format', 'pdf']).stderr).toContain('Unknown format "pdf"');
    const zh = suan(['check', RULES, dir, '--format', 'json', '--format', 'csv'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('只有一种格式可以输出到标准输出');
  });
});

describe('the reorder buffer (results waiting for their turn)', () => {
  it('gives each document back once, by index, across its wrap-around', () => {
    const ring = new ReorderBuffer<string>(4);
    ring.put(1, 'b');
    ring.put(2, 'c');
    expect(ring.take(0)).toBeUndefined(); // document 0 is not there yet
    ring.put(0, 'a');
    ring.put(3, 'd');
    expect([ring.take(0), ring.take(1), ring.take(2)]).toEqual(['a', 'b', 'c']);
    expect(ring.take(1)).toBeUndefined(); // taken: its slot is free
    ring.put(4, 'e'); // slot 0 again
    ring.put(5, 'f');
    expect([ring.take(3), ring.take(4), ring.take(5)]).toEqual(['d', 'e', 'f']);
  });

  it('refuses a document as far ahead as its size (a slot still taken), as an internal error', () => {
    const ring = new ReorderBuffer<string>(4);
    ring.put(0, 'a');
    expect(() => ring.put(4, 'e')).toThrow(/document 4 is more than 4 documents ahead/);
    expect(ring.take(0)).toBe('a');
  });
});

describe('the suan command', () => {
  it('runs through its #! line, with the young generation that line gives node, and its worker threads start from the code cache', () => {
    const stderr = (() => {
      try {
        execFileSync(CLI, ['check', RULES, dir, '--jobs', '2', '--format', 'json=/dev/null', '--quiet'], { env: { ...process.env, SUAN_STATS: '1', SUAN_WORKERS_ONLY: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
        return '';
      } catch (e) {
        return String((e as { stderr: Buffer }).stderr); // exit code 2: the broken document of this directory
      }
    })();
    const stats = JSON.parse(/SUAN_STATS (\{.*\})/.exec(stderr)![1]!);
    expect(stats.nodeFlags).toEqual(['--max-semi-space-size=16', '--heap-growing-percent=100', '--no-allocation-site-pretenuring']);
    // A worker runs the command's own file, so it compiles nothing that the build's cache holds.
    expect(stats.checkedBy.workersReady).toEqual([{ ms: expect.any(Number), codeCache: 'used' }]);
  });
});

describe('a run that is stopped (Ctrl-C, a pipeline\'s time-out)', () => {
  /** Starts a run over `n` documents and sends `signal` once its report has begun to reach the disk. */
  async function stopped(signal: NodeJS.Signals, jobs: string, lang: string) {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-stop-'));
    makeDocs(many, 3000);
    const report = path.join(many, 'report.json');
    const html = path.join(many, 'report.html');
    const junit = path.join(many, 'report.xml');
    const csv = path.join(many, 'report.csv');
    const child = spawn(process.execPath, [CLI, 'check', RULES, many, '--jobs', jobs, '--format', `json=${report}`, '--format', `html=${html}`, '--format', `junit=${junit}`, '--format', `csv=${csv}`, '--quiet', '--lang', lang], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    // The report is written a megabyte at a time: its first bytes mean some 500 documents are done.
    while (!(fs.statSync(report, { throwIfNoEntry: false })?.size ?? 0)) await new Promise((r) => setTimeout(r, 10));
    child.kill(signal);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    return { code, stderr, report: fs.readFileSync(report, 'utf8'), html: fs.readFileSync(html, 'utf8'), junit: fs.readFileSync(junit, 'utf8'), csv: fs.readFileSync(csv, 'utf8') };
  }

  it('says how far it got and that its reports are incomplete, and exits 130 for SIGINT', async () => {
    const r = await stopped('SIGINT', '1', 'en');
    expect(r.code).toBe(130);
    const m = /^suan: stopped by SIGINT after (\d+) of 3000 documents; the reports are incomplete\.\n$/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![1])).toBeLessThan(3000);
    // What was checked is written out: every document counted is in the report.
    expect(r.report.split('"loaded":').length - 1).toBe(Number(m![1]));
    // Each report is a whole file that says it is incomplete (they were cut off, and the HTML empty).
    expect(JSON.parse(r.report).summary.incomplete).toEqual({ checked: Number(m![1]), documents: 3000 });
    expect(r.html).toContain(`This report is incomplete: the run stopped after ${m![1]} of 3000 documents.`);
    expect(r.html.trimEnd().endsWith('</html>')).toBe(true);
    expect(r.junit).toContain(`<error message="the run stopped after ${m![1]} of 3000 documents; this report is incomplete"/>`);
    expect(r.junit.trimEnd().endsWith('</testsuites>')).toBe(true);
    // The spreadsheet too: its last row (a CSV otherwise looks whole wherever it stops).
    expect(r.csv.trimEnd().split('\r\n').at(-1)).toBe(`,,,,,error,incomplete,,the run stopped after ${m![1]} of 3000 documents; this report is incomplete,${m![1]},3000,,,,,`);
  }, 30_000);

  // A reports tester: stopped while it read the list on standard input (or loaded the ruleset),
  // it wrote nothing, said nothing, and left yesterday's report in place as if it were today's.
  it('stopped before any document was checked, says so and leaves the files named for its reports empty', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-stop-early-'));
    const report = path.join(d, 'report.json');
    fs.writeFileSync(report, '{"yesterday": true}');
    const child = spawn(process.execPath, [CLI, 'check', RULES, '-', '--format', `json=${report}`, '--lang', 'en'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.stdin.write(`${path.join(FIXTURES, 'cli/clean.yaml')}\n`); // the list goes on: standard input stays open
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(stderr).toBe('suan: stopped by SIGTERM before any document was checked; no report was written (the files named for the reports are left empty).\n');
    expect(fs.readFileSync(report, 'utf8')).toBe('');
  }, 30_000);

  // A reports tester: a SIGTERM at about 0.2 s was lost (the handler of the start was removed, and
  // with it the signal not yet handled), and the run went on to a whole report and exit 1; one in
  // the first 0.15 s (the CLI still loading) ended it without a word, leaving yesterday's report.
  it('is stopped by a signal at whatever moment of its start it comes, and says so', async () => {
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-stop-start-'));
    makeDocs(path.join(many, 'docs'), 3000);
    for (const ms of [0, 60, 120, 180, 240, 300, 400]) {
      const report = path.join(many, 'report.json');
      fs.writeFileSync(report, '{"yesterday": true}');
      const child = spawn(process.execPath, [CLI, 'check', RULES, path.join(many, 'docs'), '--jobs', '2', '--format', `json=${report}`, '--lang', 'en', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      await new Promise((r) => setTimeout(r, ms));
      child.kill('SIGTERM');
      const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, sig) => r([c, sig])));
      // Before node runs any of suan (its own start, some 40 ms), the signal ends it as it ends any process.
      if (code === null && signal === 'SIGTERM' && stderr === '' && ms < 100) continue;
      expect(code, `${ms} ms: ${stderr}`).toBe(143);
      expect(stderr, `${ms} ms`).toMatch(/^suan: stopped by SIGTERM (before any document was checked; no report was written \(the files named for the reports are left empty\)|after \d+ of 3000 documents; the reports are incomplete)\.\n$/);
      const text = fs.readFileSync(report, 'utf8');
      if (text !== '') expect(JSON.parse(text).summary.incomplete, `${ms} ms`).toMatchObject({ documents: 3000 });
    }
  }, 60_000);

  // A verifying tester: with the handler of the start installed for every command, suan test,
  // compile, explain and fmt ran to their end through a Ctrl-C (they run in one go).
  it('leaves the other commands to node\'s own handling of a signal: they end at once', async () => {
    const child = spawn(process.execPath, [CLI, 'test', path.join(FIXTURES, '../../../../rulesets/juesuan'), '--no-cache'], { stdio: ['ignore', 'ignore', 'ignore'] });
    await new Promise((r) => setTimeout(r, 250));
    child.kill('SIGTERM');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, sig) => r([c, sig])));
    expect([code, signal]).toEqual([null, 'SIGTERM']);
  }, 30_000);

  it('leaves the files named for its reports empty when its ruleset has errors', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-stale-'));
    const report = path.join(d, 'report.json');
    fs.writeFileSync(report, '{"yesterday": true}');
    expect(suan(['check', path.join(FIXTURES, 'cli/broken.suan'), path.join(FIXTURES, 'cli/clean.yaml'), '--format', `json=${report}`]).code).toBe(2);
    expect(fs.readFileSync(report, 'utf8')).toBe('');
  });

  // A signal that came during a slow document waited for 16 of them, and one during the last
  // was dropped: the run went on to the end and exited as if nothing had come.
  it('stops after the slow document it was checking, not after the rest', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-slow-'));
    // Each document takes a few seconds: twelve rules over all pairs of 2,000 rows.
    const rules = `ruleset t.slow { title "slow" }\ntable T { key 项目: text  金额: money 万元 }\n${Array.from({ length: 12 }, (_, i) => `rule R${i} { for a in T  for b in T where b.金额 > a.金额  assert true }\n`).join('')}`;
    fs.writeFileSync(path.join(dir, 'slow.suan'), rules);
    const rows = Array.from({ length: 2000 }, (_, i) => `      - ["r${i}", "${i}.00"]`).join('\n');
    const docs = ['a', 'b', 'c'].map((n) => path.join(dir, `${n}.yaml`));
    for (const d of docs) fs.writeFileSync(d, `suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  T:\n    columns: [项目, 金额]\n    rows:\n${rows}\n`);
    const child = spawn(process.execPath, [CLI, 'check', path.join(dir, 'slow.suan'), ...docs, '--jobs', '1', '--format', `csv=${path.join(dir, 'r.csv')}`, '--quiet', '--lang', 'en'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(stderr).toBe('suan: stopped by SIGTERM after 1 of 3 documents; the reports are incomplete.\n');
  }, 60_000);

  it('does the same with worker threads, in Chinese, and exits 143 for SIGTERM', async () => {
    const r = await stopped('SIGTERM', '2', 'zh-CN');
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/^suan：收到 SIGTERM，检查了 3000 个文件中的 \d+ 个后停止；报告不完整。\n$/);
  }, 30_000);
});

describe('a report that cannot be written', () => {
  // Before, each of these ended in "internal error" and a stack trace.
  it('says why, in the reader\'s language, before checking, when the report file cannot be created', () => {
    const missing = path.join(dir, 'no-such-folder', 'report.html');
    const en = suan(['check', RULES, dir, '--format', `html=${missing}`, '--quiet']);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(`suan: cannot write the report to ${missing}: its folder does not exist. Create the folder first, or name a file in an existing folder.\n`);
    const zh = suan(['check', RULES, dir, '--format', `json=${dir}`, '--quiet', '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe(`suan：无法写入报告 ${dir}：这是文件夹而不是文件。请指定文件（例如该文件夹中的文件），或把该文件夹移走。\n`);
    // A file where a folder of the path should be: said as such (it was node's "ENOTDIR: not a directory, open …").
    const throughFile = path.join(RULES, 'report.json');
    const notDir = suan(['check', RULES, dir, '--format', `json=${throughFile}`, '--quiet']);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toBe(`suan: cannot write the report to ${throughFile}: a part of the path is a file, not a folder. Name a path whose folders are folders.\n`);
  });

  it('says the report is incomplete when the disk fills up, whether the main thread or a worker checked the documents', () => {
    for (const env of [{}, { SUAN_WORKERS_ONLY: '1' }] as Record<string, string>[]) {
      for (const jobs of ['1', '2']) {
        const r = suan(['check', RULES, dir, '--format', 'json=/dev/full', '--quiet', '--jobs', jobs], { env });
        expect(r.code, `${jobs} ${JSON.stringify(env)}`).toBe(2);
        expect(r.stderr).toMatch(/^suan: cannot write the report to \/dev\/full: the disk is full, and the file may be incomplete\. Free some space and run again\.\nsuan: the run stopped after \d+ of \d+ documents; the reports are incomplete\.\n$/);
      }
    }
  });

  it('stops quietly with 141 (as a command stopped by SIGPIPE) when its reader stops reading: suan check … | head', async () => {
    for (const jobs of ['1', '2']) {
      // With every binding in it, the report (about 1.4 MB) outgrows what the pipe and the CLI's buffer hold.
      const child = spawn(process.execPath, [CLI, 'check', RULES, dir, '--format', 'json', '--detail', 'all', '--jobs', jobs], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SUAN_WORKERS_ONLY: '1' } });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.once('data', () => child.stdout.destroy()); // the reader has what it wanted
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe('');
      expect(code).toBe(141);
    }
  });
});

describe('reading documents for a batch run (at once, or ahead on the thread pool)', () => {
  it.each(['sync', 'pool', 'auto'] as const)('answers exactly as the file host does (%s): the text, no such file, not a file', async (mode) => {
    const { nodeFileHost, nodeFileReader } = await import('../../src/semantics/sources');
    const reader = await nodeFileReader(mode);
    const readFileAhead = (p: string) => reader(p)();
    const host = await nodeFileHost();
    const file = path.join(dir, 'doc-0030-broken.json');
    const empty = path.join(dir, `empty-${mode}.txt`);
    fs.writeFileSync(empty, '');
    const chinese = path.join(dir, `text-${mode}.txt`);
    fs.writeFileSync(chinese, '一般公共预算财政拨款收入 2,308.55 万元\n'.repeat(5000)); // larger than one read and than the first buffer, multi-byte
    for (const p of [file, path.join(dir, 'no-such-file.json'), dir, empty, chinese, file]) expect(await readFileAhead(p)).toEqual(host.readFile(p));
    fs.rmSync(empty);
    fs.rmSync(chinese);
    expect(await readFileAhead(file)).toEqual({ text: '{ "suan": 1, "tables": [ }\n' });
    expect(await readFileAhead(dir)).toEqual({ error: 'not a file' });
    expect(await readFileAhead(path.join(dir, 'no-such-file.json'))).toBeUndefined();
  });

  it('reads at once while reads are fast, and moves to the thread pool when they are slow', async () => {
    const { nodeFileReader } = await import('../../src/semantics/sources');
    const file = path.join(dir, 'doc-0030-broken.json');
    /** Whether a read has already finished when it is handed back (read at once), or is still on its way (thread pool). */
    const atOnce = async (read: (p: string) => () => Promise<unknown>) => (await Promise.race([read(file)().then(() => true), Promise.resolve().then(() => false)]));
    const fast = await nodeFileReader('auto', 1e9); // no read counts as slow
    expect([await atOnce(fast), await atOnce(fast)]).toEqual([true, true]);
    const slow = await nodeFileReader('auto', 1e-6); // every read counts as slow
    const order = [];
    for (let k = 0; k < 9; k++) order.push(await atOnce(slow));
    // The share of slow reads (a moving average, 0.1 per read) passes one half at the seventh read.
    expect(order).toEqual([true, true, true, true, true, true, true, false, false]);
    expect(await atOnce(await nodeFileReader('pool'))).toBe(false);
  });
});

describe('one ruleset per run', () => {
  // A worker loads the ruleset itself while the main thread does: a deployment that changed it in
  // between had the threads check with different rules, silently (and a report with a rule the
  // run's header did not list ended in "internal error").
  it('stops the run when a worker loaded a ruleset other than the main thread\'s', async () => {
    const { loadRulesetFile } = await import('../../src/cli/ruleset-file');
    const { RulesetChangedError, runBatch, rulesetIdentity } = await import('../../src/cli/batch');
    const { compiled, program } = await loadRulesetFile(RULES);
    const files = makeDocs(fs.mkdtempSync(path.join(os.tmpdir(), 'suan-changed-')), 40);
    const worker = (ruleset: string) => ({
      worker: { postMessage: () => undefined, terminate: async () => 0 } as never,
      started: 0,
      listen: (f: (e: unknown) => void) => f({ kind: 'message', message: { kind: 'ready', codeCache: 'none', ruleset } }),
    });
    const run = (ruleset: string) => {
      const seen: number[] = [];
      const done = runBatch(files, compiled!, { ruleset: RULES, jobs: 2, evaluate: {}, onResult: () => seen.push(1), workers: [worker(ruleset) as never] });
      return { done, seen };
    };
    const other = run('sha256:another-ruleset');
    await expect(other.done).rejects.toBeInstanceOf(RulesetChangedError);
    // The same ruleset: the run goes on (this fake worker checks nothing, so the main thread's share is all that comes).
    const same = run(rulesetIdentity(program));
    await Promise.race([same.done, new Promise((r) => setTimeout(r, 1500))]);
    expect(same.seen.length).toBeGreaterThan(0);
  });

  it('tells rulesets apart by their sources', async () => {
    const { rulesetIdentity } = await import('../../src/cli/batch');
    const { loadRulesetFile } = await import('../../src/cli/ruleset-file');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-identity-'));
    const file = path.join(dir, 'mini.suan');
    fs.copyFileSync(RULES, file);
    const a = rulesetIdentity((await loadRulesetFile(file)).program);
    expect(rulesetIdentity((await loadRulesetFile(file)).program)).toBe(a);
    fs.appendFileSync(file, '\n# changed\n');
    expect(rulesetIdentity((await loadRulesetFile(file)).program)).not.toBe(a);
  });
});

describe('a run that cannot finish writes out what it checked', () => {
  // `… | head -1` with reports to files too: the run ended quietly with 141 and left the CSV
  // empty and the JSON cut off, though hundreds of documents had been checked.
  it('flushes the file reports and says they are incomplete when the reader of standard output goes away', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-gone-'));
    makeDocs(path.join(dir, 'docs'), 400);
    const csv = path.join(dir, 'r.csv');
    const r = spawnSync('sh', ['-c', `'${process.execPath}' '${CLI}' check '${RULES}' '${path.join(dir, 'docs')}' --jobs 1 --verbose --format text --format csv='${csv}' --lang en | head -1`], { encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toMatch(/^suan: the run stopped after \d+ of 400 documents; the reports are incomplete\.\n$/);
    const rows = fs.readFileSync(csv, 'utf8').split('\r\n').filter(Boolean);
    expect(rows.length).toBeGreaterThan(1); // the header, and the findings of the documents checked
    // Without file reports, the run ends as quietly as before (a reader that stops is not an error).
    const quiet = spawnSync('sh', ['-c', `'${process.execPath}' '${CLI}' check '${RULES}' '${path.join(dir, 'docs')}' --jobs 1 --verbose --format text --lang en | head -1`], { encoding: 'utf8' });
    expect(quiet.stderr).toBe('');
  });
});

describe('documents where every row fails', () => {
  it('are reported with the first findings of each rule and the rest counted, the same with workers', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-allfail-'));
    const rows = Array.from({ length: 1250 }, (_, i) => `      - ["${201 + i}", "x", "9.00", "1.00", "1.00"]`).join('\n');
    const text = `suan: 1\ndocument: { kind: 部门决算, year: "2021", currency_unit: 万元 }\ntables:\n  支出决算表:\n    unit: 万元\n    columns: [科目编码, 科目名称, 本年支出合计, 基本支出, 项目支出]\n    rows:\n${rows}\n`;
    for (let i = 0; i < 17; i++) fs.writeFileSync(path.join(dir, `d${String(i).padStart(2, '0')}.yaml`), text);
    const one = suan(['check', RULES, dir, '--format', 'json', '--jobs', '1', '--quiet']);
    const two = suan(['check', RULES, dir, '--format', 'json', '--jobs', '2', '--quiet'], { env: { SUAN_WORKERS_ONLY: '1' } });
    for (const r of [one, two]) {
      const report = JSON.parse(r.stdout);
      const t01 = report.documents[0].rules.find((x: { id: string }) => x.id === 'T01');
      expect(t01.counts.fail).toBe(1250);
      expect(t01.findings).toHaveLength(1000);
      expect(t01.omitted).toEqual({ error: 250, warning: 0, info: 0 });
      expect(report.summary.findings.error).toBeGreaterThanOrEqual(17 * 1250);
    }
    expect(JSON.parse(two.stdout).summary.findings).toEqual(JSON.parse(one.stdout).summary.findings);
    const d00 = path.join(dir, 'd00.yaml');
    expect(suan(['check', RULES, d00, '--lang', 'en']).stdout).toContain('… and 250 more past the first 1,000, counted but not kept (in no report)');
    // A tester's round: CSV, SARIF and JUnit stopped at 1,000 without a word (a bureau summing CSV
    // rows undercounted). Each now says how many more the rule had.
    const note = '… and 250 more past the first 1,000, counted but not kept (in no report)';
    const csv = suan(['check', RULES, d00, '--lang', 'en', '--format', 'csv']).stdout.split('\r\n').filter((l) => l.includes(',T01,'));
    expect(csv).toHaveLength(1001);
    expect(csv[1000]).toContain(`,T01,Total = basic + project,error,omitted,,"${note}",250,`);
    const sarif = JSON.parse(suan(['check', RULES, d00, '--lang', 'en', '--format', 'sarif']).stdout);
    const extra = sarif.runs[0].results.filter((x: { kind?: string }) => x.kind === 'informational');
    expect(extra.map((x: { ruleId: string; level: string; message: { text: string }; properties: unknown }) => [x.ruleId, x.level, x.message.text, x.properties])).toEqual([
      ['T01', 'none', note, { outcome: 'omitted', omitted: 250, severity: 'error' }],
    ]);
    expect(suan(['check', RULES, d00, '--lang', 'en', '--format', 'junit']).stdout).toContain(note);
  }, 60_000);
});
