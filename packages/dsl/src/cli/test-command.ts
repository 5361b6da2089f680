/**
 * `suan test <ruleset> [--update]`: runs a ruleset on its own example disclosures
 * (`examples/*.{yaml,yml,json}` beside it) and compares the findings with the reviewed
 * expectations (`expected/<example>.yaml`). This is how a bureau tests a ruleset before
 * publishing it. `--update` rewrites the expectations from the current results, for review.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, type Lang } from '../diagnostics/diagnostic';
import { checkOne } from './batch';
import { compareGolden, goldenOf, readGolden, writeGolden, type GoldenFinding } from './golden';
import { counted } from '../diagnostics/locale';
import { loadRulesetFile } from './ruleset-file';
import { argumentError, usageError } from './usage';

export async function runTest(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { update: { type: 'boolean', default: false }, lang: { type: 'string' } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const [entry] = parsed.positionals;
  if (!entry) {
    return usageError(lang, en ? 'suan test needs a ruleset.' : 'suan test 需要一个规则集。');
  }
  const { program, compiled, entry: file } = await loadRulesetFile(entry);
  if (!compiled || hasErrors(program.diagnostics)) {
    for (const d of program.diagnostics) if (d.severity === 'error') process.stderr.write(`${formatDiagnostic(d, lang)}\n`);
    return 2;
  }
  const dir = path.dirname(file);
  const examplesDir = path.join(dir, 'examples');
  const examples = fs.existsSync(examplesDir)
    ? fs.readdirSync(examplesDir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => path.join(examplesDir, f))
    : [];
  if (examples.length === 0) {
    process.stderr.write(en ? `No example disclosures in ${examplesDir}.\n` : `${examplesDir} 中没有示例数据。\n`);
    return 2;
  }
  let failed = 0;
  for (const ex of examples) {
    const base = path.basename(ex).replace(/\.(ya?ml|json)$/, '');
    const goldenPath = path.join(dir, 'expected', `${base}.yaml`);
    const entryResult = await checkOne(compiled, ex, {});
    const rel = path.relative(process.cwd(), ex);
    if (!entryResult.result) {
      failed++;
      process.stdout.write(`✗ ${rel}: ${en ? 'cannot be read' : '无法读取'}\n`);
      for (const d of entryResult.diagnostics) process.stdout.write(`    ${formatDiagnostic(d, lang)}\n`);
      continue;
    }
    const actual = goldenOf(entryResult.result);
    if (parsed.values.update) {
      fs.mkdirSync(path.dirname(goldenPath), { recursive: true });
      const previous = fs.existsSync(goldenPath) ? readGolden(fs.readFileSync(goldenPath, 'utf8')) : [];
      const notes = new Map(previous.filter((f) => f.audit).map((f) => [`${f.rule}|${f.where}|${f.outcome}`, f.audit]));
      const withNotes: GoldenFinding[] = actual.map((f) => ({ ...f, ...(notes.get(`${f.rule}|${f.where}|${f.outcome}`) ? { audit: notes.get(`${f.rule}|${f.where}|${f.outcome}`) } : {}) }));
      fs.writeFileSync(goldenPath, writeGolden(withNotes, `# Expected findings for examples/${path.basename(ex)} — review every entry before committing.`));
      process.stdout.write(`↻ ${rel}: ${en ? `${counted(actual.length, 'finding')} written to` : `${actual.length} 条结果已写入`} ${path.relative(process.cwd(), goldenPath)}\n`);
      continue;
    }
    if (!fs.existsSync(goldenPath)) {
      failed++;
      process.stdout.write(`✗ ${rel}: ${en ? `no expectations (${path.relative(process.cwd(), goldenPath)}); run suan test --update and review them` : `缺少预期结果（${path.relative(process.cwd(), goldenPath)}）；请运行 suan test --update 并逐条复核`}\n`);
      continue;
    }
    const { missing, unexpected } = compareGolden(readGolden(fs.readFileSync(goldenPath, 'utf8')), actual);
    if (missing.length === 0 && unexpected.length === 0) {
      process.stdout.write(`✓ ${rel}: ${en ? `${counted(actual.length, 'finding')} as expected` : `${actual.length} 条结果与预期一致`}\n`);
      continue;
    }
    failed++;
    process.stdout.write(`✗ ${rel}\n`);
    for (const f of missing) process.stdout.write(`    - ${en ? 'expected, not found' : '预期但未出现'}: ${f.rule} ${f.outcome}/${f.severity} ${f.where} ${f.message}\n`);
    for (const f of unexpected) process.stdout.write(`    + ${en ? 'found, not expected' : '出现但未预期'}: ${f.rule} ${f.outcome}/${f.severity} ${f.where} ${f.message}\n`);
  }
  process.stdout.write(en
    ? `${examples.length - failed}/${examples.length} examples as expected\n`
    : `${examples.length - failed}/${examples.length} 个示例符合预期\n`);
  return failed ? 1 : 0;
}
