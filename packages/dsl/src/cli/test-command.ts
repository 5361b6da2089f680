/**
 * `suan test <ruleset> [--update]`: runs a ruleset on its own example disclosures
 * (`examples/*.{yaml,yml,json}` beside it) and compares the findings with the reviewed
 * expectations (`expected/<example>.yaml`). This is how a bureau tests a ruleset before
 * publishing it. `--update` rewrites the expectations from the current results, for review.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, readErrorReason, readErrorSpan, type Lang } from '../diagnostics/diagnostic';
import { nodeFileHost, type SourceHost } from '../semantics/sources';
import { checkOne } from './batch';
import { isFolder, isSuanReport, openingOf } from './inputs';
import { writeFailure } from './write-failure';
import { compareGolden, goldenOf, pairChanges, parseGolden, updateGolden, whereTheyDiffer, writeGolden, type GoldenFinding, type GoldenProblem } from './golden';
import { shellQuote } from './write-failure';
import { counted } from '../diagnostics/locale';
import { loadRulesetFile } from './ruleset-file';
import { commandSyntaxCache } from './syntax-cache';
import { argumentError, usageError } from './usage';

export async function runTest(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { update: { type: 'boolean', default: false }, lang: { type: 'string' }, 'no-cache': { type: 'boolean', default: false } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const [entry] = parsed.positionals;
  if (!entry) {
    return usageError(lang, en ? 'suan test needs a ruleset.' : 'suan test 需要一个规则集。');
  }
  const { program, compiled, entry: file } = await loadRulesetFile(entry, commandSyntaxCache(parsed.values['no-cache']));
  if (!compiled || hasErrors(program.diagnostics)) {
    for (const d of program.diagnostics) if (d.severity === 'error') process.stderr.write(`${formatDiagnostic(d, lang, process.cwd())}\n`);
    return 2;
  }
  const dir = path.dirname(file);
  const examplesDir = path.join(dir, 'examples');
  let examples: string[] = [];
  let leftOut: string[] = [];
  try {
    ({ examples, leftOut } = exampleFiles(examplesDir));
  } catch (e) {
    const code = e && typeof e === 'object' && 'code' in e ? e.code : undefined;
    if (code !== 'ENOENT') {
      const [whyEn, whyZh] = code === 'ENOTDIR'
        ? ['it is a file, not a folder. Put the example disclosures in a folder named examples beside the ruleset.', '这是文件而不是文件夹。请把示例数据放在规则集旁名为 examples 的文件夹中。']
        : code === 'EACCES' || code === 'EPERM'
          ? ['permission denied. Give yourself read permission on it.', '没有读取权限。请赋予读取权限。']
          : [`${e instanceof Error ? e.message : String(e)}.`, `${e instanceof Error ? e.message : String(e)}。`];
      process.stderr.write(en ? `Cannot read the examples folder ${examplesDir}: ${whyEn}\n` : `无法读取示例文件夹 ${examplesDir}：${whyZh}\n`);
      return 2;
    }
  }
  if (leftOut.length > 0) {
    // Said, as check says it: a file there that is not an example is not skipped without a word.
    const shown = leftOut.map((f) => path.relative(process.cwd(), f)).join(en ? ', ' : '、');
    process.stderr.write(en
      ? `suan: ${counted(leftOut.length, 'file')} in ${path.relative(process.cwd(), examplesDir)} left out: reports of suan check or compiled rulesets, not example disclosures (${shown}).\n`
      : `suan：${path.relative(process.cwd(), examplesDir)} 中 ${leftOut.length} 个文件未作为示例：它们是 suan check 的报告或编译后的规则集，不是示例数据（${shown}）。\n`);
  }
  if (examples.length === 0) {
    process.stderr.write(en ? `No example disclosures in ${examplesDir}.\n` : `${examplesDir} 中没有示例数据。\n`);
    return 2;
  }
  const expectedDir = path.join(dir, 'expected');
  const goldenOfExample = (ex: string) => path.join(expectedDir, `${path.relative(examplesDir, ex).replace(/\.(ya?ml|json)$/, '')}.yaml`);
  // Two examples (x.json and x.yaml) would share one expected file: neither could ever pass.
  const byGolden = new Map<string, string[]>();
  for (const ex of examples) byGolden.set(goldenOfExample(ex), [...(byGolden.get(goldenOfExample(ex)) ?? []), ex]);
  const shared = [...byGolden].filter(([, exs]) => exs.length > 1);
  if (shared.length > 0) {
    for (const [golden, exs] of shared) {
      const names = exs.map((e) => path.relative(process.cwd(), e)).join(en ? ' and ' : ' 与 ');
      const g = path.relative(process.cwd(), golden);
      process.stderr.write(en
        ? `The examples ${names} would share the expected findings ${g}. Rename one of them: each example has its own expected file, named after it.\n`
        : `示例 ${names} 会共用同一个预期结果文件 ${g}。请给其中一个改名：每个示例都有以其命名的预期结果文件。\n`);
    }
    return 2;
  }
  const host = await nodeFileHost();
  const update = `suan test ${shellQuote(entry)} --update`;
  let failed = 0;
  /** Examples whose findings differ from their expected ones (not unreadable ones). */
  let differed = 0;
  for (const ex of examples) {
    const goldenPath = goldenOfExample(ex);
    const entryResult = await checkOne(compiled, ex, {});
    const rel = path.relative(process.cwd(), ex);
    const goldenRel = path.relative(process.cwd(), goldenPath);
    if (!entryResult.result) {
      failed++;
      process.stdout.write(`✗ ${rel}: ${en ? 'cannot be read' : '无法读取'}\n`);
      for (const d of entryResult.diagnostics) process.stdout.write(`    ${formatDiagnostic(d, lang, process.cwd())}\n`);
      continue;
    }
    const actual = goldenOf(entryResult.result);
    const expected = readExpected(host, goldenPath);
    if (parsed.values.update && isFolder(goldenPath)) {
      failed++;
      process.stdout.write(`✗ ${rel}: ${en
        ? `cannot write ${goldenRel}: it is a folder. Move the folder away and run ${update} again.`
        : `无法写入 ${goldenRel}：它是文件夹。请先把该文件夹移走，再运行 ${update}。`}\n`);
      continue;
    }
    if (parsed.values.update) {
      if ('findings' in expected) {
        const { missing, unexpected } = compareGolden(expected.findings, actual);
        if (missing.length === 0 && unexpected.length === 0) {
          // Already as found: the reviewed file is left as it is, comments and all.
          process.stdout.write(`✓ ${rel}: ${en ? `${counted(actual.length, 'finding')} as expected, ${goldenRel} unchanged` : `${actual.length} 条结果与预期一致，${goldenRel} 未改动`}\n`);
          continue;
        }
      }
      // Edited in place whenever it is YAML at all (an outcome mistyped by hand too), so that its comments and notes stay.
      const previousText = 'missing' in expected ? undefined : host.readFile(goldenPath);
      const edited = previousText && 'text' in previousText ? updateGolden(previousText.text, actual) : undefined;
      try {
        fs.mkdirSync(path.dirname(goldenPath), { recursive: true });
        fs.writeFileSync(goldenPath, edited ?? writeGolden(actual, `# Expected findings for examples/${path.basename(ex)} — review every entry before committing.`));
      } catch (e) {
        failed++;
        const [whyEn, whyZh] = writeFailure(e, ['Give yourself write permission on the expected folder.', '请赋予 expected 文件夹写入权限。']);
        process.stdout.write(`✗ ${rel}: ${en ? `cannot write ${goldenRel}: ${whyEn}` : `无法写入 ${goldenRel}：${whyZh}`}\n`);
        continue;
      }
      process.stdout.write(`↻ ${rel}: ${en ? `${counted(actual.length, 'finding')} written to` : `${actual.length} 条结果已写入`} ${goldenRel}\n`);
      // What was there could not be read, so nothing of it (its audit notes) was kept: said, not lost silently.
      if ('problem' in expected && edited === undefined) {
        const p = expected.problem;
        process.stdout.write(en
          ? `    it replaced the previous ${goldenRel}, which could not be read (${p.line ? `line ${p.line}, column ${p.col}: ` : ''}${p.reason_en}); any audit notes in it were not kept. Review every entry.\n`
          : `    已替换原有的 ${goldenRel}：原文件无法读取（${p.line ? `第 ${p.line} 行第 ${p.col} 列：` : ''}${p.reason}），其中的复核备注未能保留。请逐条复核。\n`);
      }
      continue;
    }
    if ('missing' in expected) {
      failed++;
      process.stdout.write(`✗ ${rel}: ${en ? `no expectations (${goldenRel}); run suan test --update and review them` : `缺少预期结果（${goldenRel}）；请运行 suan test --update 并逐条复核`}\n`);
      continue;
    }
    if ('problem' in expected && isFolder(goldenPath)) {
      // --update cannot write there: the folder has to go first.
      failed++;
      process.stdout.write(`✗ ${rel}: ${en
        ? `its expected findings ${goldenRel} is a folder, not a file. Move the folder away; then ${update} writes the file from the current results (review every entry).`
        : `预期结果 ${goldenRel} 是文件夹而不是文件。请先把该文件夹移走，再运行 ${update} 按当前结果写出该文件（并逐条复核）。`}\n`);
      continue;
    }
    if ('problem' in expected) {
      failed++;
      const p = expected.problem;
      const where = p.line ? `${goldenRel}:${p.line}:${p.col}` : goldenRel;
      process.stdout.write(`✗ ${rel}: ${en
        ? `its expected findings ${where} cannot be read: ${p.reason_en}. Fix the file, or run ${update} to rewrite it from the current results (then review every entry).`
        : `预期结果 ${where} 无法读取：${p.reason}。请修正该文件，或运行 ${update} 按当前结果重写（并逐条复核）。`}\n`);
      continue;
    }
    const { missing, unexpected } = compareGolden(expected.findings, actual);
    if (missing.length === 0 && unexpected.length === 0) {
      process.stdout.write(`✓ ${rel}: ${en ? `${counted(actual.length, 'finding')} as expected` : `${actual.length} 条结果与预期一致`}\n`);
      continue;
    }
    failed++;
    differed++;
    process.stdout.write(`✗ ${rel}\n`);
    const at = (f: GoldenFinding) => (f.line ? ` (${goldenRel}:${f.line})` : '');
    const paired = pairChanges(missing, unexpected);
    for (const { expected: e, found: f } of paired.changed) {
      // One finding changed: which of its fields, and where its texts part.
      process.stdout.write(`    ~ ${en ? 'changed' : '有变化'}: ${e.rule} ${e.outcome} ${e.where}${at(e)}\n`);
      for (const field of ['severity', 'message'] as const) {
        if (e[field] === f[field]) continue;
        const [was, is] = whereTheyDiffer(e[field], f[field]);
        process.stdout.write(`        ${field} ${en ? 'expected' : '预期'}: ${was}\n        ${' '.repeat(field.length)} ${en ? '   found' : '实际'}: ${is}\n`);
      }
    }
    for (const f of paired.missing) process.stdout.write(`    - ${en ? 'expected, not found' : '预期但未出现'}: ${f.rule} ${f.outcome}/${f.severity} ${f.where} ${f.message}${at(f)}\n`);
    for (const f of paired.unexpected) process.stdout.write(`    + ${en ? 'found, not expected' : '出现但未预期'}: ${f.rule} ${f.outcome}/${f.severity} ${f.where} ${f.message}\n`);
  }
  // Expected findings whose example is gone (deleted, renamed): reviewed coverage lost without a word otherwise.
  const orphans = yamlFiles(expectedDir).filter((g) => !byGolden.has(g));
  for (const g of orphans) {
    const stem = path.relative(process.cwd(), path.join(examplesDir, path.relative(expectedDir, g).replace(/\.ya?ml$/, '')));
    const notExample = leftOut.find((f) => goldenOfExample(f) === g);
    if (notExample) {
      const name = path.relative(process.cwd(), notExample);
      process.stdout.write(`✗ ${path.relative(process.cwd(), g)}: ${en
        ? `its example ${name} is a report of suan check or a compiled ruleset, not a disclosure. Put the example disclosure back under that name.`
        : `对应的示例 ${name} 是 suan check 的报告或编译后的规则集，不是示例数据。请把示例数据放回原名。`}\n`);
      continue;
    }
    process.stdout.write(`✗ ${path.relative(process.cwd(), g)}: ${en
      ? `its example ${stem}.yaml (or .yml, .json) is not there. Restore or rename the example, or remove this file if the example was dropped on purpose.`
      : `对应的示例 ${stem}.yaml（或 .yml、.json）不存在。请恢复示例或改正其名称；示例若是有意删除，请删除此文件。`}\n`);
  }
  const passed = `${examples.length - failed}/${examples.length}`;
  process.stdout.write(en
    ? `${passed} examples as expected${orphans.length ? `; ${counted(orphans.length, 'expected file')} without an example` : ''}\n`
    : `${passed} 个示例符合预期${orphans.length ? `；${orphans.length} 个预期结果文件没有对应的示例` : ''}\n`);
  if (differed > 0) {
    process.stdout.write(en
      ? `When every difference above is what the ruleset should now report, ${update} brings the expected files up to date (entries still found keep their comments and audit notes); review the change before committing it.\n`
      : `如以上差异都是规则集现在应有的结果，可运行 ${update} 更新预期结果（仍出现的条目保留其注释与复核备注）；提交前请复核改动。\n`);
  }
  failed += orphans.length;
  return failed ? 1 : 0;
}

/**
 * The expected findings of an example: read as every file is (UTF-8 or refused), then parsed;
 * `missing` when there is no such file, `problem` (with line and column where known) when it
 * cannot be used.
 */
function readExpected(host: SourceHost, file: string): { findings: GoldenFinding[] } | { missing: true } | { problem: GoldenProblem } {
  const read = host.readFile(file);
  if (!read) return { missing: true };
  if ('error' in read) {
    const why = readErrorReason(read.error);
    const span = readErrorSpan(file, read.error);
    return { problem: { line: span?.line ?? 0, col: span?.col ?? 0, reason: why.reason, reason_en: why.reason_en } };
  }
  return parseGolden(read.text);
}

/**
 * The example disclosures under `dir` (.yaml, .yml, .json), in its subfolders too (hidden entries
 * skipped), sorted, and the files left out: a report or a compiled ruleset kept there is no
 * example. Throws when `dir` cannot be read.
 */
function exampleFiles(dir: string): { examples: string[]; leftOut: string[] } {
  const examples: string[] = [];
  const leftOut: string[] = [];
  for (const f of filesUnder(dir, /\.(ya?ml|json)$/).sort()) (f.endsWith('.json') && isSuanReport(openingOf(f) ?? '') ? leftOut : examples).push(f);
  return { examples, leftOut };
}


/** The expected-findings files under `dir` (.yaml, .yml), in its subfolders too; none when it cannot be read. */
function yamlFiles(dir: string): string[] {
  try {
    return filesUnder(dir, /\.ya?ml$/);
  } catch {
    return [];
  }
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p, pattern));
    else if (pattern.test(e.name)) out.push(p);
  }
  return out;
}

