/**
 * `suan check <ruleset> <data…>`: checks disclosures against a ruleset and reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadRuleset, checkDisclosure } from '../api';
import { formatDiagnostic, hasErrors, type Lang } from '../diagnostics/diagnostic';
import { nodeFileHost } from '../semantics/sources';
import { buildReport, severityCounts, type DocumentEntry } from '../reporting/json';
import { renderText } from '../reporting/text';
import { usage, VERSION } from './usage';

const SEVERITY_RANK = { info: 1, warning: 2, error: 3 } as const;

export async function runCheck(args: string[], lang: Lang): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        lang: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        detail: { type: 'string', default: 'failures' },
        verbose: { type: 'boolean', default: false },
        'no-color': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return usageError(lang, e instanceof Error ? e.message : String(e));
  }
  const o = parsed.values;
  const [rulesetPath, ...dataPaths] = parsed.positionals;
  if (!rulesetPath || dataPaths.length === 0) {
    return usageError(lang, lang === 'en' ? 'suan check needs a ruleset and at least one data file.' : 'suan check 需要一个规则集和至少一个数据文件。');
  }
  if (!['text', 'json'].includes(o.format!)) return usageError(lang, lang === 'en' ? `Unknown format "${o.format}".` : `未知的格式 “${o.format}”。`);
  if (!['error', 'warning', 'info', 'never'].includes(o['fail-on']!)) return usageError(lang, lang === 'en' ? `--fail-on must be error, warning, info or never.` : `--fail-on 只能是 error、warning、info 或 never。`);
  if (!['failures', 'all'].includes(o.detail!)) return usageError(lang, lang === 'en' ? `--detail must be failures or all.` : `--detail 只能是 failures 或 all。`);

  const started = performance.now();
  const host = await nodeFileHost();
  const { program, compiled } = loadRuleset(path.resolve(rulesetPath), host);
  const entries: DocumentEntry[] = [];
  if (compiled) {
    for (const f of dataPaths) {
      const abs = path.resolve(f);
      const { load, result } = checkDisclosure(compiled, abs, host, { detail: o.detail as 'failures' | 'all' });
      entries.push({ file: abs, result, diagnostics: result ? result.diagnostics : load.diagnostics });
    }
  }
  const ms = performance.now() - started;

  let out: string;
  if (o.format === 'json') out = `${JSON.stringify(buildReport(program, entries, ms, VERSION), null, 2)}\n`;
  else if (!compiled) out = program.diagnostics.map((d) => formatDiagnostic(d, lang)).join('\n') + '\n';
  else {
    const color = !o['no-color'] && !o.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
    out = renderText(program, entries, ms, { lang, color, verbose: o.verbose!, cwd: process.cwd() });
  }
  if (o.output) fs.writeFileSync(o.output, out);
  else process.stdout.write(out);

  if (!compiled || hasErrors(program.diagnostics)) return 2;
  if (entries.some((e) => !e.result || hasErrors(e.diagnostics))) return 2;
  const failOn = o['fail-on']!;
  if (failOn === 'never') return 0;
  const sev = severityCounts(entries.map((e) => e.result!));
  const rank = SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK];
  const failing = (sev.error > 0 && rank <= 3) || (sev.warning > 0 && rank <= 2) || (sev.info > 0 && rank <= 1);
  return failing ? 1 : 0;
}

function usageError(lang: Lang, message: string): number {
  process.stderr.write(`${message}\n\n${usage(lang)}`);
  return 2;
}
