/**
 * Diagnostics: what every layer returns instead of throwing. A diagnostic holds a stable code,
 * the span it is about and the arguments of its message; the text is rendered in the reader's
 * language only at the edge (CLI, language server).
 */
import { isAbsolute, relative } from 'node:path';
import type { Span } from '../syntax/ast';
import { CATALOGUE, type DiagnosticCode, type DiagnosticSeverity } from './catalogue';

export type Lang = 'zh-CN' | 'en';

export type DiagnosticArgs = Record<string, string | number>;

export interface RelatedInfo {
  span: Span;
  /** A short note in both languages. */
  message: { zh: string; en: string };
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: DiagnosticSeverity;
  span: Span;
  args: DiagnosticArgs;
  related?: RelatedInfo[];
  /** Replacement names for "did you mean" quick fixes. */
  suggestions?: string[];
  /** Marks unused code (editors fade it). */
  unnecessary?: boolean;
}

/** Creates a diagnostic with the catalogue's default severity unless given one. */
export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  args: DiagnosticArgs = {},
  extra: Partial<Omit<Diagnostic, 'code' | 'span' | 'args'>> = {},
): Diagnostic {
  return { code, severity: extra.severity ?? CATALOGUE[code].severity, span, args, ...extra };
}

/** Fills `{name}` placeholders. Unknown placeholders are left empty. */
export function fillTemplate(template: string, args: DiagnosticArgs): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => (args[key] === undefined ? '' : String(args[key]))).replace(/\s+$/, '');
}

/** The diagnostic's message in a language. */
export function formatMessage(d: Pick<Diagnostic, 'code' | 'args'>, lang: Lang): string {
  // Batch runs say the same thing about document after document (a column the data lacks):
  // messages are remembered by code, language and arguments (a bounded memo of a pure function).
  const key = `${d.code} ${lang} ${JSON.stringify(d.args)}`;
  let text = messages.get(key);
  if (text === undefined) {
    const entry = CATALOGUE[d.code];
    text = fillTemplate(lang === 'en' ? entry.en : entry.zh, localiseArgs(d.args, lang));
    if (messages.size >= 2048) messages.clear();
    messages.set(key, text);
  }
  return text;
}

const messages = new Map<string, string>();

/**
 * Arguments may carry both languages as `name` + `name_en` (e.g. a hint); pick the one for `lang`.
 */
function localiseArgs(args: DiagnosticArgs, lang: Lang): DiagnosticArgs {
  const out: DiagnosticArgs = {};
  for (const [k, v] of Object.entries(args)) {
    if (k.endsWith('_en')) continue;
    const en = args[`${k}_en`];
    out[k] = lang === 'en' && en !== undefined ? en : v;
  }
  return out;
}

/** `file:line:col` for humans; with `cwd`, a file inside it relative to it (others stay absolute). */
export function formatLocation(span: Span, cwd?: string): string {
  const rel = cwd === undefined ? '' : relative(cwd, span.file);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : span.file;
  return `${file}:${span.line}:${span.col}`;
}

/** `file:3:5 error SUAN2001: message` — one line, for logs and tests; `cwd` as for `formatLocation`. */
export function formatDiagnostic(d: Diagnostic, lang: Lang, cwd?: string): string {
  return `${formatLocation(d.span, cwd)} ${d.severity} ${d.code}: ${formatMessage(d, lang)}`;
}

/** Whether any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** A "did you mean" hint in both languages, as diagnostic arguments `hint`/`hint_en`. */
export function didYouMean(suggestions: string[]): DiagnosticArgs {
  if (suggestions.length === 0) return { hint: '', hint_en: '' };
  const list = suggestions.map((s) => `“${s}”`).join('、');
  const listEn = suggestions.map((s) => `"${s}"`).join(', ');
  return { hint: `是否想写 ${list}？`, hint_en: `Did you mean ${listEn}?` };
}

/** Names close to `name` among `candidates` (edit distance, scaled to the name's length; substring matches first). */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: { c: string; score: number }[] = [];
  const limit = Math.max(1, Math.ceil(name.length / 3));
  for (const c of candidates) {
    if (c === name) continue;
    let score: number;
    const [short, long] = c.length < name.length ? [c, name] : [name, c];
    if (long.includes(short) && short.length * 10 >= long.length * 6) score = (long.length - short.length) * 0.1;
    else score = editDistance(name, c, limit + 1);
    if (score <= limit) scored.push({ c, score });
  }
  scored.sort((a, b) => a.score - b.score || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}

/** Levenshtein distance, stopping early once it exceeds `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** What a file host answers for a path that is not a regular file, and for one too large to read. */
export const NOT_A_FILE = 'not a file';
export function tooLarge(bytes: number, limit: number): string {
  return `too large (${bytes} bytes, limit ${limit})`;
}

/**
 * What a file host answers for a file whose bytes are not UTF-8: where the first byte that is
 * not (`offset` in the text before it, its line and column), and whether the file is UTF-16 (it
 * opens with a UTF-16 byte-order mark). Read as UTF-8 anyway, each such byte would become U+FFFD
 * and the text would be wrong without a word (a GBK file's names, a report's labels).
 */
export function notUtf8(at: { offset: number; line: number; col: number }, utf16: boolean): string {
  return `not UTF-8${utf16 ? ' (UTF-16)' : ''} at offset ${at.offset}, line ${at.line}, column ${at.col}`;
}

const NOT_UTF8 = /^not UTF-8( \(UTF-16\))? at offset (\d+), line (\d+), column (\d+)$/;

/**
 * A host's read error as diagnostic arguments `reason` / `reason_en`: the host's own refusals
 * (`NOT_A_FILE`, `tooLarge`, `notUtf8`) in both languages, with what to do; an operating-system
 * message as it is.
 */
export function readErrorReason(error: string): { reason: string; reason_en: string } {
  if (error === NOT_A_FILE) return { reason: '不是普通文件（而是文件夹、管道或设备），不能作为文件读取', reason_en: 'not a regular file (a folder, a pipe or a device), so it cannot be read as one' };
  const big = /^too large \((\d+) bytes, limit (\d+)\)$/.exec(error);
  if (big) {
    const [, size, limit] = big;
    return {
      reason: `文件过大（${size} 字节，可读取的文件不超过 ${limit} 字节）。请确认文件是否选对：一个数据文件是一份公开材料，一个规则集文件是规则集的一部分`,
      reason_en: `too large (${size} bytes; files up to ${limit} bytes are read). Check that it is the file you meant: a data file holds one disclosure, a ruleset file one part of a ruleset`,
    };
  }
  const enc = NOT_UTF8.exec(error);
  if (enc) {
    const [, utf16, , line, col] = enc;
    return utf16
      ? {
        reason: '文件是 UTF-16 编码（如 Excel 的“Unicode 文本”），不是 UTF-8。请把它另存为 UTF-8 编码',
        reason_en: 'the file is UTF-16 (such as Excel\'s "Unicode text"), not UTF-8. Save it as UTF-8',
      }
      : {
        reason: `文件不是 UTF-8 编码：第 ${line} 行第 ${col} 列起的字节不是 UTF-8（可能是 GBK/GB18030，Excel、WPS 常以此保存）。请把它另存为 UTF-8 编码，例如 iconv -f GB18030 -t UTF-8 原文件 > 新文件`,
        reason_en: `the file is not UTF-8: the bytes at line ${line}, column ${col} are not UTF-8 (perhaps GBK/GB18030, which Excel and WPS often save). Save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8 old-file > new-file`,
      };
  }
  const system = /^(E[A-Z]+):/.exec(error);
  const known = system ? SYSTEM_REASONS[system[1]!] : undefined;
  if (known) return { reason: known[0], reason_en: known[1] };
  return { reason: error, reason_en: error };
}

/** Operating-system read errors a user can meet, said in both languages with what to do (zh-CN, en). */
const SYSTEM_REASONS: Record<string, [string, string]> = {
  EACCES: ['没有读取权限。请让运行 suan 的用户可以读取该文件（如 chmod a+r）', 'permission denied. Let the user running suan read the file (e.g. chmod a+r)'],
  EPERM: ['操作系统不允许读取该文件。请检查文件的权限', 'the operating system does not allow reading it. Check the file\'s permissions'],
  ELOOP: ['符号链接形成了循环（链接直接或间接指向自己）。请让链接指向实际的文件', 'its symbolic links form a loop (the link points, directly or through others, to itself). Point the link at the real file'],
  // Not the system's: said by the file host for a link whose target does not exist (`readError`).
  EDANGLING: ['它是一个符号链接，指向的文件不存在。请让链接指向实际的文件，或删除该链接', 'it is a symbolic link to a file that does not exist. Point the link at the real file, or remove it'],
  ENAMETOOLONG: ['路径过长。请把文件移到路径较短的位置', 'the path is too long. Move the file to a shorter path'],
  ENOTDIR: ['路径中有一级不是文件夹。请检查路径', 'a part of the path is not a folder. Check the path'],
  EIO: ['读取时出现输入输出错误（磁盘或网络文件系统）。请检查存储设备后重试', 'an input/output error while reading (the disk or a network file system). Check the storage and try again'],
  EMFILE: ['同时打开的文件过多。请减少 --jobs 或提高系统的文件数上限（ulimit -n）', 'too many open files. Lower --jobs or raise the system\'s limit (ulimit -n)'],
  ENFILE: ['系统打开的文件过多。请稍后重试', 'the system has too many open files. Try again later'],
};

/** Where a read error is in the file: its first byte that is not UTF-8 (`notUtf8`); undefined for the others. */
export function readErrorSpan(file: string, error: string): Span | undefined {
  const enc = NOT_UTF8.exec(error);
  if (!enc) return undefined;
  const [offset, line, col] = [Number(enc[2]), Number(enc[3]), Number(enc[4])];
  return { file, start: offset, end: offset, line, col, endLine: line, endCol: col };
}
