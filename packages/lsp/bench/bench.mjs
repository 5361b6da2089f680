// `npm run bench -w @suan/lsp`: the language server's figures, measured through the real server
// (dist/server.js) over stdio, as an editor sees them.
//   1. keystroke → published diagnostics, generated 2,000-line ruleset (goal: median < 50 ms, p95 < 100 ms)
//   2. completion latency on that ruleset (goal < 50 ms)
//   3. inline evaluation of rulesets/juesuan on one example disclosure (goal < 300 ms)
//   4. server memory, resident (goal < 200 MB)
// Usage: node bench/bench.mjs [keystrokes]   (after `node build.mjs`)
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from '../test/e2e/lsp-client.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const server = path.join(here, '../dist/server.js');
const repo = path.resolve(here, '../../..');
const keystrokes = Number(process.argv[2] ?? 120);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const fmt = (x) => `${x.toFixed(1)} ms`;
const line = (label, st, goal) => console.log(`${label.padEnd(58)} median ${fmt(st.median).padStart(9)}  p95 ${fmt(st.p95).padStart(9)}  max ${fmt(st.max).padStart(9)}  (n=${st.n}${goal ? `, goal ${goal}` : ''})`);

/** A ruleset of `n` lines: tables of 功能分类 rows and rules over them (the shape of a real 决算 ruleset). */
function generate(n) {
  const lines = ['ruleset bench.keystrokes {', '  title "2,000 行规则集" en "2,000-line ruleset"', '  version "1.0.0"', '  kind 部门决算', '}', '', 'hierarchy 功能分类 { 类 3  款 5  项 7 }', 'fact 收支总计: money 万元', ''];
  let t = 0;
  while (lines.length < n) {
    lines.push(`table 表${t} {`, `  title "第 ${t} 张表"`, '  key 科目编码: code 功能分类', '  科目名称: text', '  本年支出合计: money', '  基本支出: money', '  项目支出: money', '}', '');
    for (let r = 0; r < 6 && lines.length < n; r++) {
      lines.push(
        `rule R${t}_${r} "规则 ${t}.${r}" en "rule ${t}.${r}" {`,
        '  severity warning',
        `  for x in 表${t} where level(x) = 项`,
        '  let 分项 = x.基本支出 + x.项目支出',
        '  assert x.本年支出合计 ≈ 分项',
        '  message "{x.科目编码} {x.科目名称}：{actual}，分项之和 {expected}，差额 {difference}"',
        '       en "{x.科目编码}: {actual}, parts {expected}, difference {difference}"',
        '}',
        '',
      );
    }
    t++;
  }
  return lines.slice(0, n).join('\n') + '\n';
}

const dir = mkdtempSync(path.join(tmpdir(), 'suan-lsp-bench-'));
const results = {};
let client;
try {
  // ── 1 + 2: the 2,000-line ruleset (no data bound: diagnostics only) ─────────────────────
  const wsDir = path.join(dir, 'ws');
  mkdirSync(wsDir, { recursive: true });
  const file = path.join(wsDir, 'big.suan');
  const text = generate(2000);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  client = await LspClient.start({ server, rootUri: pathToFileURL(wsDir).href, locale: 'zh-CN' });
  const c = client;
  const t0 = performance.now();
  await c.open(uri, text);
  await c.waitForDiagnostics(uri, () => true, 60_000);
  const firstOpen = performance.now() - t0;

  // Type a line into the middle of the file, a character at a time, then delete it again.
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('  assert'));
  const typed = '  let 测试值 = x.基本支出 + 1 万元';
  const version = () => c.versions.get(uri);
  const latency = [];
  const keystroke = async (range, newText) => {
    await c.edit(uri, range, newText);
    const v = version();
    const sent = performance.now();
    await c.until(() => c.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.version === v && n.at >= sent) || undefined, 10_000, `diagnostics of version ${v}`);
    latency.push(performance.now() - sent);
    c.notifications.length = 0;
    await sleep(40); // typing pace: the next key arrives after the diagnostics of this one
  };
  await keystroke({ start: { line: at, character: 0 }, end: { line: at, character: 0 } }, '\n');
  let rounds = 0;
  while (latency.length < keystrokes) {
    for (let i = 0; i < typed.length && latency.length < keystrokes; i++) {
      await keystroke({ start: { line: at, character: i }, end: { line: at, character: i } }, typed[i]);
    }
    for (let i = typed.length; i > 0 && latency.length < keystrokes; i--) {
      await keystroke({ start: { line: at, character: i - 1 }, end: { line: at, character: i } }, '');
    }
    rounds++;
  }
  results.keystroke = stats(latency.slice(1));

  // Completion after `x.` (members) and at the start of an expression (everything in scope).
  const completionLat = [];
  const exprLat = [];
  for (let i = 0; i < 40; i++) {
    await c.edit(uri, { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, i % 2 ? '' : '');
    let s = performance.now();
    const r = await c.request('textDocument/completion', { textDocument: { uri }, position: { line: at + 1, character: '  assert x.'.length } });
    completionLat.push(performance.now() - s);
    if (!r.items.some((it) => it.label === '本年支出合计')) throw new Error('completion did not offer the columns');
    s = performance.now();
    await c.request('textDocument/completion', { textDocument: { uri }, position: { line: at + 1, character: '  assert '.length } });
    exprLat.push(performance.now() - s);
  }
  results.completion = stats(completionLat);
  results.completionExpr = stats(exprLat);
  // Completion right after a keystroke (the server re-checks on demand before answering).
  const afterKey = [];
  for (let i = 0; i < 30; i++) {
    await c.edit(uri, { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, i % 2 === 0 ? '#' : '');
    if (i % 2 === 1) await c.edit(uri, { start: { line: at, character: 0 }, end: { line: at, character: 1 } }, '');
    const s = performance.now();
    await c.request('textDocument/completion', { textDocument: { uri }, position: { line: at + 1, character: '  assert x.'.length } });
    afterKey.push(performance.now() - s);
    await sleep(30);
  }
  results.completionAfterKey = stats(afterKey);
  await c.close(uri);
  await sleep(3500);
  results.rssAfterBig = c.rssMb();

  // ── 3: inline evaluation of rulesets/juesuan on one example disclosure ──────────────────
  const juesuan = path.join(repo, 'rulesets/juesuan/juesuan.suan');
  const example = path.join(repo, 'rulesets/juesuan/examples', readdirSync(path.join(repo, 'rulesets/juesuan/examples')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort()[0]);
  const jUri = pathToFileURL(juesuan).href;
  const jText = readFileSync(juesuan, 'utf8');
  await c.request('suan/setDataBinding', { ruleset: jUri, data: [pathToFileURL(example).href] });
  await c.open(jUri, jText);
  const first = await c.waitForNotification('suan/evaluated', (p) => p.ruleset === jUri, 60_000);
  const rulesetLines = readdirSync(path.dirname(juesuan)).filter((f) => f.endsWith('.suan')).reduce((n, f) => n + readFileSync(path.join(path.dirname(juesuan), f), 'utf8').split('\n').length, 0);
  const counts = first.files[0].counts;
  const evalEdit = [];
  const evalWorker = [];
  const evalData = [];
  for (let i = 0; i < 15; i++) {
    // An edit of the ruleset (a comment): re-check, re-compile and evaluate in the worker.
    c.change(jUri, `${jText}\n# 编辑 ${i}\n`);
    await sleep(10);
    let s = performance.now();
    const r = await c.request('suan/evaluate', { ruleset: jUri });
    evalEdit.push(performance.now() - s);
    evalWorker.push(r.ms);
    // The same ruleset again on the data (compiled program reused): what a data edit costs.
    s = performance.now();
    await c.request('suan/setDataBinding', { ruleset: jUri, data: [pathToFileURL(example).href] });
    await c.waitForNotification('suan/evaluated', (p) => p.ruleset === jUri, 30_000, c.notifications.length);
    evalData.push(performance.now() - s);
    c.notifications.length = 0;
  }
  results.evalEdit = stats(evalEdit);
  results.evalWorker = stats(evalWorker);
  results.evalData = stats(evalData);
  results.rssBusy = c.rssMb();
  await sleep(3500); // the server collects garbage once the editor has been quiet for 2 s
  results.rss = c.rssMb();
  const status = readFileSync(`/proc/${c.child.pid}/status`, 'utf8');
  results.hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;

  console.log(`Suan language server — ${new Date().toISOString()} — node ${process.version}, ${process.platform}`);
  console.log(`server: ${path.relative(process.cwd(), server)} (worker-thread evaluation), default settings (diagnostics debounce 30 ms, evaluation debounce 250 ms)`);
  console.log('');
  console.log(`1. keystroke → published diagnostics, ${text.split('\n').length - 1}-line ruleset (first open: ${fmt(firstOpen)}), ${keystrokes} keystrokes typing and deleting a line`);
  line('   didChange → publishDiagnostics of that version', results.keystroke, 'median < 50 ms, p95 < 100 ms');
  console.log('2. completion latency, same ruleset');
  line('   after `x.` (columns of the row)', results.completion, '< 50 ms');
  line('   at the start of an expression (everything in scope)', results.completionExpr, '< 50 ms');
  line('   right after a keystroke (re-check on demand)', results.completionAfterKey, '< 50 ms');
  console.log(`3. inline evaluation of rulesets/juesuan (${rulesetLines} lines in ${readdirSync(path.dirname(juesuan)).filter((f) => f.endsWith('.suan')).length} files) on ${path.basename(example)} (${counts.pass} pass, ${counts.fail} fail, ${counts.na} n/a)`);
  line('   after a ruleset edit: suan/evaluate round trip', results.evalEdit, '< 300 ms');
  line('   of which in the worker (check, compile, load, evaluate)', results.evalWorker);
  line('   data re-evaluated (compiled ruleset reused)', results.evalData);
  console.log('4. server memory, resident (main thread + evaluation worker: one process), goal < 200 MB');
  console.log(`   at rest after 1–3 (3.5 s quiet): ${results.rss?.toFixed(0)} MB; right after the last evaluation: ${results.rssBusy?.toFixed(0)} MB; peak during the run: ${results.hwm.toFixed(0)} MB`);
  console.log(`   at rest after the 2,000-line ruleset alone (no worker yet): ${results.rssAfterBig?.toFixed(0)} MB`);
  void rounds;
} finally {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
}
