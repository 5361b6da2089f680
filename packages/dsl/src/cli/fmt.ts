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
import { writeFailure } from './write-failure';
import { argumentError, usageError } from './usage';

export async function runFmt(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { check: { type: 'boolean', default: false }, lang: { type: 'string' } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  let unformatted = 0;
  let failed = 0;
  // A folder that cannot be read, or a named file that is not a ruleset file, is said and
  // counted (exit 2), and the others are formatted all the same.
  const files: string[] = [];
  const refused = (message: string) => {
    failed++;
    process.stderr.write(`${message}\n`);
  };
  for (const p of parsed.positionals) suanFiles(path.resolve(p), files, (where, problem) => refused(problemText(where, problem, en)));
  if (files.length === 0 && failed === 0) {
    return usageError(lang, en ? 'suan fmt needs .suan files or directories containing them.' : 'suan fmt 需要 .suan 文件或包含它们的目录。');
  }
  const host = await nodeFileHost();
  for (const f of files) {
    const rel = path.relative(process.cwd(), f) || f;
    // Read as the checker reads it: a file that is not UTF-8 is refused, not rewritten with its
    // unreadable bytes turned into U+FFFD (which would lose its Chinese text for good).
    const read = host.readFile(f);
    if (!read || 'error' in read) {
      failed++;
      const why = read ? readErrorReason(read.error) : { reason: '文件不存在。请检查路径', reason_en: 'no such file. Check the path' };
      process.stderr.write(en ? `${rel}: cannot read the file: ${why.reason_en}.\n` : `${rel}：无法读取文件：${why.reason}。\n`);
      continue;
    }
    const text = read.text;
    const r = formatSource(text, f);
    if (r.diagnostics.length) {
      failed++;
      process.stderr.write(en ? `${rel}: not formatted, it has syntax errors:\n` : `${rel}：有语法错误，未格式化：\n`);
      for (const d of r.diagnostics) process.stderr.write(`  ${formatDiagnostic(d, lang, process.cwd())}\n`);
      continue;
    }
    if (!r.changed) continue;
    if (parsed.values.check) {
      unformatted++;
      // Where it first differs, the line as it is and as it would be, and how to format it.
      const a = text.split(/\r?\n/);
      const b = r.text.split(/\r?\n/);
      let k = 0;
      while (k < a.length && k < b.length && a[k] === b[k]) k++;
      const shown = (l: string | undefined) => (l === undefined ? (en ? '(nothing)' : '（无）') : JSON.stringify(l.length > 100 ? `${l.slice(0, 100)}…` : l));
      process.stdout.write(en
        ? `${rel}:${k + 1}: not formatted: the line is ${shown(a[k])}, formatted it is ${shown(b[k])}. Run suan fmt ${rel} to format it.\n`
        : `${rel}:${k + 1}：格式不规范：此行为 ${shown(a[k])}，格式化后为 ${shown(b[k])}。运行 suan fmt ${rel} 即可格式化。\n`);
    } else {
      try {
        fs.writeFileSync(f, r.text);
      } catch (e) {
        const [whyEn, whyZh] = writeFailure(e, ['Make the file writable, or format a copy of it.', '请使文件可写，或格式化它的副本。']);
        refused(en ? `${rel}: not formatted: cannot write the file: ${whyEn}` : `${rel}：未格式化：无法写入文件：${whyZh}`);
        continue;
      }
      process.stdout.write(en ? `${rel}: formatted\n` : `${rel}：已格式化\n`);
    }
  }
  if (failed) return 2;
  return unformatted ? 1 : 0;
}

/** Why a path was not formatted: a folder or path that cannot be read, or a named file that is not a .suan file. */
type Problem = { kind: 'unreadable'; error: unknown; folder: boolean } | { kind: 'not-suan' };

/**
 * The .suan files `p` names, in order, into `out`: `p` itself when it is a file (or not there: the
 * read says so), else the .suan files of its folder tree (hidden folders and node_modules left
 * out). What cannot be read, or a named file that is not a .suan file, goes to `problem`.
 */
export function suanFiles(p: string, out: string[], problem: (where: string, why: Problem) => void, readdir: (dir: string) => fs.Dirent[] = (d) => fs.readdirSync(d, { withFileTypes: true })): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(p, { throwIfNoEntry: false });
  } catch (error) {
    problem(p, { kind: 'unreadable', error, folder: false });
    return;
  }
  if (!st || !st.isDirectory()) {
    if (st && !p.endsWith('.suan')) problem(p, { kind: 'not-suan' });
    else out.push(p);
    return;
  }
  walk(p, out, problem, readdir);
}

function walk(dir: string, out: string[], problem: (where: string, why: Problem) => void, readdir: (dir: string) => fs.Dirent[]): void {
  let entries: fs.Dirent[];
  try {
    entries = readdir(dir);
  } catch (error) {
    problem(dir, { kind: 'unreadable', error, folder: true });
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const q = path.join(dir, e.name);
    if (e.isDirectory()) walk(q, out, problem, readdir);
    else if (e.name.endsWith('.suan')) out.push(q);
  }
}

/** A problem with a path, said in the reader's language: what, where, and what to do. */
function problemText(where: string, why: Problem, en: boolean): string {
  const rel = path.relative(process.cwd(), where) || where;
  if (why.kind === 'not-suan') {
    return en
      ? `${rel}: not formatted: suan fmt formats only ruleset files (.suan). Name .suan files, or folders that hold them.`
      : `${rel}：未格式化：suan fmt 只格式化规则集文件（.suan）。请指定 .suan 文件或包含它们的文件夹。`;
  }
  const code = why.error && typeof why.error === 'object' && 'code' in why.error ? String(why.error.code) : '';
  const [en_, zh] = code === 'EACCES' || code === 'EPERM'
    ? (why.folder
      ? [`permission denied. Give yourself read permission (e.g. chmod u+rx ${rel}), or leave it out`, `没有读取权限。请赋予读取权限（例如 chmod u+rx ${rel}），或不包含它`]
      : ['permission denied on a folder above it. Give yourself access to its folders, or leave it out', '没有访问其上级文件夹的权限。请赋予访问权限，或不包含它'])
    : code === 'ELOOP'
      ? ['too many symbolic links (a link that leads back to itself). Mend the link, or leave it out', '符号链接层数过多（链接指回了自身）。请修正该链接，或不包含它']
      : code === 'ENOTDIR'
        ? ['a part of the path is a file, not a folder. Check the path', '路径中有一段是文件而不是文件夹。请检查路径']
        : [`${why.error instanceof Error ? why.error.message : String(why.error)}. Mend this, or leave it out`, `${why.error instanceof Error ? why.error.message : String(why.error)}。请排除问题，或不包含它`];
  if (!why.folder) return en ? `${rel}: not formatted: cannot read it: ${en_}.` : `${rel}：未格式化：无法读取：${zh}。`;
  return en
    ? `${rel}: cannot read the folder, so the .suan files in it were not formatted: ${en_}.`
    : `${rel}：无法读取文件夹，其中的 .suan 文件未格式化：${zh}。`;
}
