import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocs } from '../fixtures/cli/make-docs';
import { FIXTURES, REPO, suan } from './run-cli';

/** A document with one coarse reading (fixtures/cli/coarse.yaml). */
const COARSE = path.resolve(__dirname, '../fixtures/cli/coarse.yaml');

const RULES = path.join(FIXTURES, 'cli/mini.suan');
const ARTIFACTS = path.join(REPO, 'test-results');
let browser: Awaited<ReturnType<typeof chromium.launch>>;
let html: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-'));
  makeDocs(path.join(dir, 'docs'), 20);
  html = path.join(dir, 'report.html');
  const r = suan(['check', RULES, path.join(dir, 'docs'), '--format', `html=${html}`, '--lang', 'zh-CN', '--quiet']);
  expect(r.code).toBe(1);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the HTML report, rendered in Chromium', () => {
  it('shows the summary, the charts, every department and every finding with its numbers', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(pathToFileURL(html).href);
    const cards = await page.locator('#summary .card').allInnerTexts();
    expect(cards.map((c) => c.replace(/\s+/g, ' '))).toEqual(['20 文件', '3 规则', '8 错误', '2 警告', '0 提示', '0 粗略取整', '0 数据有错误的文件']); // 4 documents × (T01 + T02), 2 unit slips (T03)
    expect(await page.locator('#charts svg').count()).toBe(1);
    expect(await page.locator('#charts rect').count()).toBe(3); // T01, T02 and T03 have problems
    expect(await page.locator('#by-department tbody tr').count()).toBe(20);
    expect(await page.locator('#by-rule').innerText()).toContain('支出决算表[208] 本年支出合计');
    expect(await page.locator('#by-rule').innerText()).toContain('实际值是期望值的 10,000 倍');
    // Self-contained: nothing is fetched but the page itself.
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-report.png'), fullPage: true });
    expect(fs.statSync(path.join(ARTIFACTS, 'html-report.png')).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('draws scorecard totals, with every label of every chart inside its chart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-card-'));
    const file = path.join(dir, 'cards.html');
    const ruleset = path.join(REPO, 'rulesets/jixiao-zhengti');
    expect(suan(['check', ruleset, path.join(ruleset, 'examples'), '--format', `html=${file}`, '--lang', 'en', '--quiet']).code).toBe(1);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    expect(await page.locator('#charts svg').count()).toBe(2); // problems per rule, scorecard totals
    expect(await page.locator('#charts').innerText()).toContain('Scorecard totals');
    // A label drawn outside its chart's box is cut off (the tallest bar's count was, once).
    const outside = await page.locator('#charts svg').evaluateAll((svgs) => svgs.flatMap((svg) => {
      const box = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].filter((t) => t.textContent).map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }))
        .filter(({ r }) => r.top < box.top || r.bottom > box.bottom || r.left < box.left || r.right > box.right).map(({ text }) => text);
    }));
    expect(outside).toEqual([]);
  }, 60_000);

  // A scorecard's indicators that cannot be computed were not in the HTML report at all (nor was
  // any scorecard finding listed by rule), and a coarse reading left its department "✓ passed"
  // with 0 warnings while the summary counted a warning.
  it('shows a scorecard\'s notes and a coarse reading in the table of departments, as the summary counts them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-notes-'));
    fs.copyFileSync(path.join(REPO, 'rulesets/jixiao-zhengti/examples/000-jinlin-yibao-2021.yaml'), path.join(dir, 'zhengti.yaml'));
    fs.copyFileSync(COARSE, path.join(dir, 'coarse.yaml'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const zt = path.join(dir, 'zt.html');
    expect(suan(['check', path.join(REPO, 'rulesets/jixiao-zhengti'), path.join(dir, 'zhengti.yaml'), '--format', `html=${zt}`, '--lang', 'en', '--quiet']).code).toBe(1);
    await page.goto(pathToFileURL(zt).href);
    expect((await page.locator('#summary .card').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ')).slice(2, 6)).toEqual(['10 Errors', '0 Warnings', '2 Notes', '0 Coarse readings']);
    expect(await page.locator('#by-department thead th').allInnerTexts()).toEqual(['Unit', 'File', 'Errors', 'Warnings', 'Notes', 'Coarse readings', 'Status']);
    expect((await page.locator('#by-department tbody tr').allInnerTexts())[0]!.split('\t').slice(2)).toEqual(['10', '0', '2', '0', '✗']);
    const card = page.locator('#by-rule details', { hasText: 'ZT01' });
    expect(await card.locator('summary').innerText()).toContain('2 notes');
    expect(await card.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/\tnote\t整体绩效自评表\[支付进度率\]\t支付进度率: the score cannot be computed/),
      expect.stringMatching(/\tnote\t整体绩效自评表\[政府采购执行率\]\t政府采购执行率: the score cannot be computed/),
    ]);
    const k = path.join(dir, 'k.html');
    expect(suan(['check', path.join(REPO, 'rulesets/juesuan'), path.join(dir, 'coarse.yaml'), '--format', `html=${k}`, '--lang', 'zh-CN', '--quiet', '--fail-on', 'warning']).code).toBe(1);
    await page.goto(pathToFileURL(k).href);
    expect((await page.locator('#summary .card').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ')).slice(2, 6)).toEqual(['0 错误', '1 警告', '0 提示', '1 粗略取整']);
    expect((await page.locator('#by-department tbody tr').allInnerTexts())[0]!.split('\t').slice(2)).toEqual(['0', '1', '0', '1', '!']);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('past 1,000 documents, shows only the departments with problems, and says so above the table', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-many-'));
    makeDocs(path.join(dir, 'docs'), 1030);
    const file = path.join(dir, 'many.html');
    expect(suan(['check', RULES, path.join(dir, 'docs'), '--format', `html=${file}`, '--lang', 'en', '--quiet']).code).toBe(1);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    expect((await page.locator('#summary .card').first().innerText()).replace(/\s+/g, ' ')).toBe('1030 Documents');
    await expect.poll(() => page.locator('#problems-only').isVisible()).toBe(true);
    expect(await page.locator('#problems-only').innerText()).toBe('1030 documents, more than 1000: only those with problems are listed; the other 706 passed every check and are not listed one by one.');
    const rows = await page.locator('#by-department tbody tr').allInnerTexts();
    expect(rows).toHaveLength(324 + 1); // make-docs: every 5th document has an error, every 7th a warning
    expect(rows.filter((r) => r.includes('passed'))).toEqual(['706 more documents passed every check (not listed one by one).']);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('lists the data\'s own problems: why a document could not be read, and the first few of a repeated one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-data-'));
    fs.copyFileSync(path.join(FIXTURES, 'bad-data/broken.json'), path.join(dir, 'broken.json'));
    // 30 rows with one key: 29 duplicate-key warnings.
    const rows = Array.from({ length: 30 }, () => '["208", "社会保障和就业支出", "151.00", "101.00", "50.00"]').join(',');
    fs.writeFileSync(path.join(dir, 'long.json'), `{"suan": 1, "document": {"unit": "长表单位", "kind": "部门决算", "currency_unit": "万元"}, "tables": {"支出决算表": {"unit": "万元", "columns": ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"], "rows": [${rows}]}}}`);
    const file = path.join(dir, 'report.html');
    suan(['check', RULES, dir, '--format', `html=${file}`, '--lang', 'en', '--quiet']);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    const rowsShown = await page.locator('#data-problems tbody tr').allInnerTexts();
    expect(rowsShown.filter((r) => r.includes('SUAN5001') && r.includes('broken.json'))).toHaveLength(1);
    expect(rowsShown.filter((r) => r.includes('\tSUAN5009\t'))).toHaveLength(10);
    expect(rowsShown.filter((r) => r.includes('19 more SUAN5009 (counts are complete)'))).toHaveLength(1);
    const long = (await page.locator('#by-department tbody tr').allInnerTexts()).find((r) => r.startsWith('长表单位'))!;
    expect(long.split('\t').slice(2, 4)).toEqual(['0', '29']); // errors, warnings (the data's)
  }, 60_000);
});

describe('the places in the HTML report', () => {
  // A reports tester: "File" was relative to the folder suan ran in, "Data location" to the
  // report's folder (../d1k/dept-000014.json beside d1k/dept-000014.json), in one row.
  it('are relative to the folder suan ran in, as the documents\' files are, wherever the report is written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-html-places-'));
    makeDocs(path.join(dir, 'docs'), 5);
    fs.mkdirSync(path.join(dir, 'out'));
    suan(['check', RULES, 'docs', '--format', 'html=out/r.html', '--lang', 'en', '--quiet'], { cwd: dir });
    const html = fs.readFileSync(path.join(dir, 'out/r.html'), 'utf8');
    const places = [...html.matchAll(/<td class="loc">([^<]*)<\/td>/g)].map((m) => m[1]!).filter(Boolean);
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) expect(p).toMatch(/^docs\/doc-\d{4}\.yaml:\d+:\d+$/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
