/**
 * The HTML report's table of departments stays readable and bounded in long runs: every
 * document of a run of up to 1,000; past that, only those with problems (the passed ones are
 * counted, and the page says so); past 5,000 documents with problems, those are counted too.
 * (The report as a browser shows it is tested in test/cli/html.test.ts.)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure, loadRuleset, type LoadedRuleset } from '../../src/index';
import { HtmlReporter } from '../../src/reporting/html';
import { SummaryCounter, tallyOf, type DocumentEntry } from '../../src/reporting/reporter';
import { Sink } from '../../src/reporting/sink';
import { nodeFileHost, type SourceHost } from '../../src/semantics/sources';
import { makeDocs } from '../fixtures/cli/make-docs';

const FIXTURES = path.resolve(__dirname, '../fixtures');
let host: SourceHost;
let rs: LoadedRuleset;
let dir: string;

beforeAll(async () => {
  host = await nodeFileHost();
  rs = loadRuleset(path.join(FIXTURES, 'cli/mini.suan'), host);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-depts-'));
});

function check(file: string): DocumentEntry {
  const { load, result } = checkDisclosure(rs.compiled!, file, host);
  return { file, result, diagnostics: result ? result.diagnostics : load.diagnostics };
}

/** The report of `entries` in `lang`, and the rows of its table of departments (cells joined by tabs). */
function report(entries: DocumentEntry[], lang: 'zh-CN' | 'en' = 'en'): { html: string; rows: string[] } {
  const out = Sink.memory();
  const reporter = new HtmlReporter(out);
  reporter.begin({ program: rs.program, lang, cwd: dir, toolVersion: 'test' });
  const counter = new SummaryCounter(3);
  for (const e of entries) {
    reporter.document(e);
    counter.add(tallyOf(e));
  }
  reporter.end(counter.summary(0));
  const html = out.text();
  const section = /<section id="by-department">([\s\S]*?)<\/section>/.exec(html)![1]!;
  const rows = [...section.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].slice(1) // the header row
    .map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '')).join('\t'));
  return { html, rows };
}

describe('the HTML report\'s table of departments', () => {
  it('lists every document of a run of 1,000', () => {
    const files = makeDocs(path.join(dir, 'a'), 1000);
    const { html, rows } = report(files.map(check));
    expect(rows).toHaveLength(1000);
    // make-docs: every 5th document has an error, every 7th a warning.
    const problems = files.filter((_, i) => i % 5 === 4 || i % 7 === 6);
    expect(problems).toHaveLength(200 + 142 - 28);
    expect(rows.filter((r) => r.endsWith('✓ passed'))).toHaveLength(1000 - problems.length);
    expect(html).not.toContain('id="problems-only"');
  });

  it('past 1,000 documents lists only those with problems, in input order, and counts the others', () => {
    const files = makeDocs(path.join(dir, 'b'), 1030);
    const { html, rows } = report(files.map(check));
    const problems = files.filter((_, i) => i % 5 === 4 || i % 7 === 6).map((f) => path.relative(dir, f));
    expect(problems).toHaveLength(206 + 147 - 29);
    expect(rows.slice(0, -1).map((r) => r.split('\t')[1])).toEqual(problems);
    expect(rows.slice(0, -1).every((r) => !r.endsWith('passed'))).toBe(true);
    expect(rows.at(-1)).toBe(`${1030 - problems.length} more documents passed every check (not listed one by one).`);
    expect(html).toContain(`1030 documents, more than 1000: only those with problems are listed; the other ${1030 - problems.length} passed every check`);
  });

  it('says the same in Chinese', () => {
    const files = makeDocs(path.join(dir, 'c'), 1001);
    const { html, rows } = report(files.map(check), 'zh-CN');
    expect(rows.at(-1)).toMatch(/^另有 \d+ 个文件全部通过，未逐一列出。$/);
    expect(html).toContain('共 1001 个文件，超过 1000 个，因此只列出有问题的文件');
  });

  it('lists 5,000 documents with problems and counts the rest', () => {
    const broken = check(path.join(FIXTURES, 'bad-data/broken.json'));
    expect(broken.result).toBeUndefined(); // could not be read: a problem
    const entries = Array.from({ length: 5010 }, (_, i) => ({ ...broken, file: path.join(dir, `broken-${i}.json`) }));
    const { html, rows } = report(entries);
    expect(rows).toHaveLength(5001); // 5,000 documents and the line that counts the others
    expect(rows[4999]!.split('\t')[1]).toBe('broken-4999.json');
    expect(rows[4999]!.endsWith('could not be read')).toBe(true);
    expect(rows.at(-1)).toBe('10 more documents with problems are not listed (their problems are in the totals above).');
    expect(html).not.toContain('id="problems-only"'); // none passed: none left out for that
  });

  it('counts a rule\'s failures past the 1,000 a document keeps, in the chart, the rule\'s badge and the department\'s row, as the summary does', () => {
    const [a] = makeDocs(path.join(dir, 'omitted'), 5).slice(4); // make-docs: the 5th document has an error
    const errors = (entry: DocumentEntry) => Number(report([entry]).rows[0]!.split('\t')[2]);
    const before = errors(check(a!));
    const e = check(a!);
    const rule = e.result!.rules.find((r) => r.findings.some((f) => f.outcome === 'fail'))!;
    const listed = rule.findings.filter((f) => f.outcome === 'fail').length;
    rule.omitted = { error: 200, warning: 0, info: 0 }; // what the interpreter counts past MAX_FINDINGS_PER_RULE
    const { html } = report([e]);
    expect(errors(e)).toBe(before + 200);
    expect(html).toContain(`<text x="${96 + 300}" y="15">${listed + 200}</text>`); // the longest bar: this rule's
    expect(html).toContain(`<title>${rule.id} ${rule.title.en}: ${listed + 200}</title>`);
  });

  // A verifying tester: a rule stopped by its step budget counted in the cards, but the chart
  // showed ✓ and the section of problems by rule said there were none.
  it('lists a rule that could not be run to its end among the problems, with its message and place', () => {
    const [a] = makeDocs(path.join(dir, 'stopped'), 1);
    const e = check(a!);
    const rule = e.result!.rules[0]!;
    rule.counts = { pass: 0, fail: 0, coarse: 0, na: 0, error: 1 };
    rule.error = { code: 'SUAN4001', message: { zh: '规则超出计算步数上限', en: 'Rule T01 exceeded the evaluation budget' } };
    const { html } = report([e]);
    expect(html).toContain(`<title>T01 ${rule.title.en}: 1</title>`);
    const byRule = /<section id="by-rule">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(byRule).toContain('Rule T01 exceeded the evaluation budget');
    expect(byRule).toMatch(/mini\.suan:\d+:\d+/);
  });

  it('counts documents with warnings about their data in a card of their own, shown only when there are some', () => {
    const misspelt = path.join(dir, 'misspelt.yaml');
    fs.writeFileSync(misspelt, 'suan: 1\ndocument: { kind: 部门决算, currency_unit: 万元 }\ntables:\n  支出决算表:\n    unit: 万元\n    columns: [科目编码, 科目名称, 本年支出总计, 基本支出, 项目支出]\n    rows: [["208", "社会保障和就业支出", "999.00", "101.00", "50.00"]]\n');
    const [clean] = makeDocs(path.join(dir, 'd'), 1);
    const cards = (html: string) => [...html.matchAll(/<div class="card ([^"]*)"><div class="v">(\d+)<\/div><div class="l">([^<]+)<\/div>/g)].map((m) => `${m[3]} ${m[2]} ${m[1]}`.trim());
    expect(cards(report([check(clean!), check(misspelt)]).html).at(-1)).toBe('Documents with data warnings 1 warn');
    expect(cards(report([check(clean!)]).html).join('\n')).not.toContain('data warnings');
  });
});
