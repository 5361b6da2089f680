/**
 * `suan fmt [--check] <files or directories…>`: formats ruleset files in place (idempotent, keeps
 * comments, never changes meaning — see services/formatter.ts). `--check` changes nothing and
 * exits 1 when a file is not formatted, for CI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, readErrorReason, type Lang } from '../diagnostics/diagnostic';
import { nodeFileHost } from '../semantics/sources';
import { formatSource } from '../services/formatter';
import { argumentError, usageError } from './usage';

export async function runFmt(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean', default: false }, lang: { type: 'string' } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const files = parsed.positionals.flatMap((p) => suanFiles(path.resolve(p)));
  if (files.length === 0) {
    return usageError(lang, en ? 'suan fmt needs .suan files or directories containing them.' : 'suan fmt 需要 .suan 文件或包含它们的目录。');
  }
  let unformatted = 0;
  let failed = 0;
  const host = await nodeFileHost();
  for (const f of files) {
    const rel = path.relative(process.cwd(), f) || f;
    // Read as the checker reads it: a file that is not UTF-8 is refused, not rewritten with its
    // unreadable bytes turned into U+FFFD (which would lose its Chinese text for good).
    const read = host.readFile(f);
    if (!read || 'error' in read) {
      failed++;
      const why = read ? readErrorReason(read.error) : { reason: '文件不存在', reason_en: 'no such file' };
      process.stderr.write(en ? `${rel}: cannot read the file: ${why.reason_en}.\n` : `${rel}：无法读取文件：${why.reason}。\n`);
      continue;
    }
    const text = read.text;
    const r = formatSource(text, f);
    if (r.diagnostics.length) {
      failed++;
      process.stderr.write(en ? `${rel}: not formatted, it has syntax errors:\n` : `${rel}：有语法错误，未格式化：\n`);
      for (const d of r.diagnostics) process.stderr.write(`  ${formatDiagnostic(d, lang)}\n`);
      continue;
    }
    if (!r.changed) continue;
    if (parsed.values.check) {
      unformatted++;
      process.stdout.write(en ? `${rel}: not formatted\n` : `${rel}：格式不规范\n`);
    } else {
      fs.writeFileSync(f, r.text);
      process.stdout.write(en ? `${rel}: formatted\n` : `${rel}：已格式化\n`);
    }
  }
  if (failed) return 2;
  return unformatted ? 1 : 0;
}

function suanFiles(p: string): string[] {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (!st) return [p];
  if (st.isFile()) return [p];
  const out: string[] = [];
  for (const e of fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const q = path.join(p, e.name);
    if (e.isDirectory()) out.push(...suanFiles(q));
    else if (e.name.endsWith('.suan')) out.push(q);
  }
  return out;
}
