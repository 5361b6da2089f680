/**
 * `suan compile <ruleset.suan> [-o out.json]`: checks a ruleset and writes its compiled
 * interchange form (all sources + content hash, see semantics/bundle.ts). `suan check` accepts
 * the result in place of the .suan file and gives identical results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, type Lang } from '../diagnostics/diagnostic';
import { ReportWriteError, Sink } from '../reporting/sink';
import { BUNDLE_OPENING, bundleProgram } from '../semantics/bundle';
import { openingOf } from './inputs';
import { counted } from '../diagnostics/locale';
import { loadRulesetFile } from './ruleset-file';
import { commandSyntaxCache } from './syntax-cache';
import { argumentError, usageError, VERSION } from './usage';
import { writeFailure } from './write-failure';

export async function runCompile(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' }, lang: { type: 'string' }, 'no-cache': { type: 'boolean', default: false } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const [named] = parsed.positionals;
  if (!named || named.endsWith('.json')) {
    return usageError(lang, en ? 'suan compile needs a .suan ruleset file (or its folder).' : 'suan compile 需要一个 .suan 规则集文件（或其目录）。');
  }
  const { program, entry } = await loadRulesetFile(named, commandSyntaxCache(parsed.values['no-cache']));
  for (const d of program.diagnostics) if (d.severity === 'error' || d.severity === 'warning') process.stderr.write(`${formatDiagnostic(d, lang, process.cwd())}\n`);
  if (hasErrors(program.diagnostics)) return 2;
  const bundle = bundleProgram(program, VERSION);
  const out = parsed.values.output ?? path.join(path.dirname(entry), `${path.basename(entry, '.suan')}.suan.json`);
  // `-o rules.suan` would replace a source of the ruleset with its bundle: refused, nothing written.
  if (program.sources.files.some((f) => f.path === path.resolve(out))) {
    process.stderr.write(en
      ? `suan: not written: ${out} is a source file of the ruleset, and writing the compiled ruleset there would replace it. Name another file with -o, e.g. -o ${path.basename(entry, '.suan')}.suan.json.\n`
      : `suan：未写入：${out} 是规则集的源文件，写入编译结果会覆盖它。请用 -o 指定另一个文件，例如 -o ${path.basename(entry, '.suan')}.suan.json。\n`);
    return 2;
  }
  // Nor is a file that is there and is not a compiled ruleset (an example disclosure, a report) replaced.
  if (out !== '-' && !replaceable(out)) {
    process.stderr.write(en
      ? `suan: not written: ${out} exists and is not a compiled ruleset, and writing there would replace it. Name a new file with -o, or remove ${out} first if it is meant to go.\n`
      : `suan：未写入：${out} 已存在，且不是编译后的规则集，写入会覆盖它。请用 -o 指定一个新文件；如确实不再需要，请先删除 ${out}。\n`);
    return 2;
  }
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  try {
    if (out === '-') {
      // `-o -`: standard output, as for check's reports (a pipeline's `suan compile R -o - | …`).
      const sink = Sink.stdout();
      sink.write(text);
      sink.close();
    } else fs.writeFileSync(out, text);
  } catch (e) {
    if (e instanceof ReportWriteError) {
      if (e.code === 'EPIPE') return 141;
      process.stderr.write(en ? `suan: cannot write the compiled ruleset to standard output: ${e.reason}\n` : `suan：无法把编译结果写到标准输出：${e.reason}\n`);
      return 2;
    }
    const [whyEn, whyZh] = writeFailure(e, parsed.values.output === undefined ? ['Write it elsewhere with -o FILE.', '请用 -o 文件名 写到别处。'] : undefined);
    process.stderr.write(en ? `suan: cannot write the compiled ruleset to ${out}: ${whyEn}\n` : `suan：无法把编译结果写入 ${out}：${whyZh}\n`);
    return 2;
  }
  const disabled = bundle.rules.filter((r) => r.disabled).length;
  process.stderr.write(en
    ? `compiled ${counted(bundle.rules.length, 'rule')}${disabled ? ` (${disabled} disabled by an override)` : ''} from ${counted(Object.keys(bundle.files).length, 'file')} → ${out === '-' ? 'standard output' : out} (${bundle.hash})\n`
    : `已编译 ${Object.keys(bundle.files).length} 个文件中的 ${bundle.rules.length} 条规则${disabled ? `（其中 ${disabled} 条被覆盖设置停用）` : ''} → ${out === '-' ? '标准输出' : out}（${bundle.hash}）\n`);
  return 0;
}

/** Whether `-o` may write `file`: it is not there (or not a file: writing says why), is empty, or is a compiled ruleset (written again). */
function replaceable(file: string): boolean {
  const opening = openingOf(file);
  return opening === undefined || opening === '' || BUNDLE_OPENING.test(opening);
}
