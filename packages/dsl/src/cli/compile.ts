/**
 * `suan compile <ruleset.suan> [-o out.json]`: checks a ruleset and writes its compiled
 * interchange form (all sources + content hash, see semantics/bundle.ts). `suan check` accepts
 * the result in place of the .suan file and gives identical results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, hasErrors, type Lang } from '../diagnostics/diagnostic';
import { bundleProgram } from '../semantics/bundle';
import { counted } from '../diagnostics/locale';
import { loadRulesetFile } from './ruleset-file';
import { argumentError, usageError, VERSION } from './usage';

export async function runCompile(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' }, lang: { type: 'string' } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const [named] = parsed.positionals;
  if (!named || named.endsWith('.json')) {
    return usageError(lang, en ? 'suan compile needs a .suan ruleset file (or its folder).' : 'suan compile 需要一个 .suan 规则集文件（或其目录）。');
  }
  const { program, entry } = await loadRulesetFile(named);
  for (const d of program.diagnostics) if (d.severity === 'error' || d.severity === 'warning') process.stderr.write(`${formatDiagnostic(d, lang)}\n`);
  if (hasErrors(program.diagnostics)) return 2;
  const bundle = bundleProgram(program, VERSION);
  const out = parsed.values.output ?? path.join(path.dirname(entry), `${path.basename(entry, '.suan')}.suan.json`);
  fs.writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
  process.stderr.write(en
    ? `compiled ${counted(bundle.rules.length, 'rule')} from ${counted(Object.keys(bundle.files).length, 'file')} → ${out} (${bundle.hash})\n`
    : `已编译 ${Object.keys(bundle.files).length} 个文件中的 ${bundle.rules.length} 条规则 → ${out}（${bundle.hash}）\n`);
  return 0;
}
