/**
 * `npm run bench`: the language core's figures.
 *  1. agreement with the hand-written peers on 1,000 synthetic 部门决算 disclosures;
 *  2. documents per second, same documents, same process: hand-written decimal.js baseline,
 *     scaled-integer "fast" peer, and Suan (ruleset compiled once);
 *  3. a 100-rule ruleset (the 8 peer checks repeated under new ids) vs the baseline run 12.5 times per document;
 *  4. parse + check of a generated 10,000-line ruleset (run first, before anything else fills the heap).
 * Figures are medians of 5 runs. Usage: npm run bench [-- <documents>]
 */
import * as path from 'node:path';
import { compileProgram, evaluateDocument, check, loadSources, type SourceHost } from '../src/index';
import { generate } from './peers/gen.mjs';
import * as baseline from './peers/baseline.mjs';
import * as fast from './peers/fast.mjs';
import { toDisclosure, toPeerIds, type PeerDoc } from './peer-adapter';
import { readFileSync } from 'node:fs';
import { timeIt } from './timing';

const n = Number(process.argv[2] ?? 2000);
const here = path.resolve('packages/dsl/bench');
const peersSource = readFileSync(path.join(here, 'peers.suan'), 'utf8');

function compileText(text: string, file = '/bench/peers.suan') {
  const host: SourceHost = { readFile: (p) => (p === file ? { text } : undefined) };
  const program = check(loadSources(file, host));
  const errors = program.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`bench ruleset has errors: ${JSON.stringify(errors[0])}`);
  return compileProgram(program);
}


// 4. Parse + check of a 10,000-line ruleset, measured first: in a heap that holds nothing else yet,
//    as in a `suan check` run or an editor, not beside the thousands of documents generated below.
{
  const lines: string[] = ['ruleset bench.big { title "big" version "1" }', 'hierarchy 功能分类 { 类 3  款 5  项 7 }'];
  let t = 0;
  while (lines.length < 10_000) {
    lines.push(`table 表${t} {`, '  key 科目编码: code 功能分类', '  科目名称: text', '  本年支出合计: money', '  基本支出: money', '  项目支出: money', '}');
    for (let r = 0; r < 8; r++) {
      lines.push(`rule R${t}_${r} "规则 ${t}.${r}" en "rule ${t}.${r}" {`, '  severity warning', `  for x in 表${t} where level(x) = 项`,
        '  let 分项 = x.基本支出 + x.项目支出', '  assert x.本年支出合计 ≈ 分项', '  message "{x.科目编码}：{actual} ≠ {expected}（差额 {difference}）"', '}');
    }
    t++;
  }
  const text = lines.join('\n');
  const host: SourceHost = { readFile: (p) => (p === '/bench/big.suan' ? { text } : undefined) };
  check(loadSources('/bench/big.suan', host)); // warm-up
  const ms = timeIt(5, () => {
    const p = check(loadSources('/bench/big.suan', host));
    if (p.diagnostics.some((d) => d.severity === 'error')) throw new Error('generated ruleset has errors');
  });
  console.log(`parse+check ${lines.length} lines, ${text.length} chars: ${ms.toFixed(0)} ms (median of 5)`);
}

const compiled = compileText(peersSource);
const suanCheck = (d: PeerDoc) => toPeerIds(evaluateDocument(compiled, toDisclosure(d)));

// 1. Agreement.
{
  const { docs, injected } = generate(1000, 42) as { docs: PeerDoc[]; injected: { id: string }[] };
  const bad = new Set(injected.map((e) => e.id));
  let disagree = 0;
  let missed = 0;
  let falseAlarms = 0;
  for (const d of docs) {
    const s = suanCheck(d).sort().join(' ');
    const b = (baseline.check(d) as string[]).sort().join(' ');
    if (s !== b) disagree++;
    if (bad.has(d.id) && s === '') missed++;
    if (!bad.has(d.id) && s !== '') falseAlarms++;
  }
  console.log(`agreement   1000 docs, ${bad.size} with injected errors: suan missed ${missed}, false-alarm docs ${falseAlarms}, disagree with baseline ${disagree}`);
}

// 2. Speed, side by side.
const { docs } = generate(n, 7) as { docs: PeerDoc[] };
const engines: [string, (d: PeerDoc) => unknown][] = [
  ['baseline (decimal.js, hand-written)', (d) => baseline.check(d)],
  ['fast (scaled integers, hand-written)', (d) => fast.check(d)],
  ['suan (interpreted ruleset)', suanCheck],
];
const rates: Record<string, number> = {};
for (const [name, f] of engines) {
  for (const d of docs.slice(0, 100)) f(d);
  const ms = timeIt(5, () => { for (const d of docs) f(d); });
  rates[name] = n / (ms / 1000);
}
const base = rates['baseline (decimal.js, hand-written)']!;
for (const [name, r] of Object.entries(rates)) {
  console.log(`${name.padEnd(38)} ${r.toFixed(0).padStart(7)} docs/s   ${(r / base).toFixed(2)}× baseline`);
}

// 3. 100 rules.
{
  const ruleLines = peersSource.split('\n').filter((l) => l.startsWith('rule '));
  const variants = Array.from({ length: 100 }, (_, k) => ruleLines[k % ruleLines.length]!.replace(/^rule (\w+)/, `rule $1_v${Math.floor(k / ruleLines.length)}`)).join('\n');
  const decls = peersSource.split('\n').filter((l) => !l.startsWith('rule ')).join('\n');
  const big = compileText(`${decls}\n${variants}\n`, '/bench/peers100.suan');
  const rules = big.rules.length;
  const sample = docs.slice(0, Math.min(n, 1000));
  for (const d of sample.slice(0, 50)) evaluateDocument(big, toDisclosure(d));
  const suanMs = timeIt(5, () => { for (const d of sample) evaluateDocument(big, toDisclosure(d)); });
  // The hand-written checker runs all 8 checks per call: 100 rules ≈ 12.5 calls per document.
  const handMs = timeIt(5, () => { for (const d of sample) for (let i = 0; i < 12.5; i++) baseline.check(d); });
  const suanRate = sample.length / (suanMs / 1000);
  console.log(`100 rules   suan ${suanRate.toFixed(0)} docs/s (${rules} rules), hand-written decimal.js ×12.5 ${(sample.length / (handMs / 1000)).toFixed(0)} docs/s; interpreter time = ${(suanMs / handMs).toFixed(2)}× hand-written`);
}

