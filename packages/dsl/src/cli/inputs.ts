/**
 * The documents of a run: files, directories (searched for .json/.yaml/.yml), glob patterns and,
 * with `-`, a list of paths on standard input. The order is deterministic: arguments in order,
 * each directory and glob sorted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob } from 'tinyglobby';
import { BUNDLE_OPENING } from '../semantics/bundle';
import { realPathOf } from '../semantics/sources';

/** What a folder is searched for. */
export const DATA_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'expected']);

/** A folder that could not be searched for data files, and why (the system's message). */
export interface UnreadableFolder {
  folder: string;
  reason: string;
}

/**
 * Expands arguments to absolute file paths; a path that matches nothing is kept (it will be
 * reported as not found). A folder that cannot be read is passed to `unreadable`, and the
 * search goes on. A document reached twice (by two arguments, or through a symbolic link) is
 * checked once. Files in `exclude` (the run's own report files) are left out of folders, globs
 * and the list on standard input. Standard input is read once, however often `-` is given. A
 * folder or a pattern that holds no data file at all is passed to `nothing` (a pattern with a
 * typo must not pass unnoticed beside others that match). (A report of an earlier run under another
 * name is recognised when it is read: `isSuanReport`.)
 */
export async function expandInputs(
  args: readonly string[], cwd: string, stdin?: () => Promise<string>, unreadable: (u: UnreadableFolder) => void = () => undefined,
  exclude: ReadonlySet<string> = new Set(), nothing: (arg: string) => void = () => undefined,
  /** Filled with the folder or pattern each document found by a search came from (it may turn out to hold only reports). */
  searchedBy?: Map<string, string>,
  /** Told of a file that is one of `exclude` (by a link or not) and that a report would overwrite (see `add`). */
  clash: (file: string) => void = () => undefined,
  /** Whether a file named or listed is a report file under another name (a hard link). */
  sameFile: (file: string) => boolean = () => false,
): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  /**
   * How a file came: `found` by a search (a folder, a pattern), or `listed` on standard input
   * (`find data -name '*.json'`): a report file among them that holds a report, or nothing, is
   * last night's and is left out; one that holds anything else is a document the report would
   * overwrite, a clash. So is a report file `named` as an argument. A file is a report file by its
   * name, its real path, or (named or listed) as another name of the same file (`sameFile`: a hard
   * link). `known`: the path with its links resolved, when the caller knows it without asking.
   */
  const add = (p: string, how: 'found' | 'listed' | 'named', known?: string) => {
    const abs = path.resolve(cwd, p);
    const real = known ?? realPath(abs);
    if (exclude.has(abs) || exclude.has(real) || (how !== 'found' && sameFile(abs))) {
      const opening = how === 'named' ? undefined : openingOf(abs, 200);
      if (opening !== undefined && (opening.trim() === '' || isSuanReport(opening))) return;
      clash(abs);
    }
    if (seen.has(abs) || seen.has(real)) return;
    seen.add(abs);
    seen.add(real);
    out.push(abs);
  };
  /** A path named by the user or listed on standard input: a folder is searched, anything else is a document. */
  const named = (p: string, listed: boolean) => {
    const abs = path.resolve(cwd, p);
    if (statQuiet(abs)?.isDirectory()) {
      // A folder's search follows no link to a folder: a file's real path is the folder's real
      // path and its name, unless the file is a link itself (one system call per folder, not per file).
      const root = realPath(abs);
      const found = walk(abs, unreadable);
      if (!found.some((f) => !exclude.has(f.path)) && !listed) nothing(p); // this run's report alone is no data
      for (const f of found) {
        add(f.path, 'found', f.link ? realPath(f.path) : path.join(root, path.relative(abs, f.path)));
        if (!listed) searchedBy?.set(f.path, p);
      }
    }
    else add(abs, listed ? 'listed' : 'named');
  };
  let stdinRead = false;
  for (const arg of args) {
    if (arg === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      const text = stdin ? await stdin() : '';
      // Paths, one per line, as `find` or `ls` print them (or each ended by NUL: `find -print0`): not patterns.
      for (const line of text.split(text.includes('\0') ? '\0' : /\r?\n/)) if (line.trim()) named(line.trim(), true);
      continue;
    }
    const abs = path.resolve(cwd, arg);
    if (!statQuiet(abs) && /[*?[\]{}]/.test(arg)) {
      // A pattern goes through links (to files and folders); a document reached twice is added once.
      // As in a folder, only data files: 'data/*' does not make README.md a document.
      const matches = (await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false })).filter((m) => isDataFile(path.basename(m)));
      if (!matches.some((m) => !exclude.has(m))) nothing(arg);
      for (const m of matches.sort()) {
        add(m, 'found');
        searchedBy?.set(m, arg);
      }
    } else named(arg, false);
  }
  return out;
}

/**
 * How a report opens, a byte-order mark allowed: a JSON report of `suan check` (reporting/json.ts),
 * or a SARIF log (GitHub's code scanning takes one named `results.json`), whoever wrote it; and
 * a compiled ruleset (`suan compile`, under any name: the run's own bundle kept with the data).
 */
const REPORT_OPENING = /^\uFEFF?\{\s*(?:"schemaVersion":\s*\d+,\s*"tool":\s*\{\s*"name":\s*"suan"|"\$schema":\s*"[^"]*sarif[^"]*")/i;

/**
 * Whether a file's text is a report of a run (`report-2024-11-25.json` in the data folder, under
 * any name): asked of the text the batch reads anyway, so it costs no system call.
 */
export function isSuanReport(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c !== 0x7b && c !== 0xfeff) return false;
  const head = text.slice(0, 200);
  return REPORT_OPENING.test(head) || BUNDLE_OPENING.test(head);
}

/** Whether a folder's search or a pattern takes a file of this name as a document (a compiled ruleset, `.suan.json`, is not one). */
function isDataFile(name: string): boolean {
  return DATA_EXTENSIONS.has(path.extname(name).toLowerCase()) && !name.endsWith('.suan.json');
}

/**
 * The first `bytes` bytes of a regular file as text; undefined when it is not one (a folder, a
 * pipe, which is not waited on) or cannot be read.
 */
export function openingOf(file: string, bytes = 256): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) return undefined;
    const b = Buffer.alloc(bytes);
    return b.toString('utf8', 0, fs.readSync(fd, b, 0, bytes, 0));
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `p` is a folder (false when it is not there or cannot be looked at). */
export function isFolder(p: string): boolean {
  return statQuiet(p)?.isDirectory() === true;
}

/** A file's status, or undefined when it cannot be had (no such file, a loop of links, no permission): the reader then says why. */
function statQuiet(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The path with its links resolved, or the path itself when that cannot be done (the reader then says why). */
function realPath(p: string): string {
  return realPathOf(p) ?? p;
}

function walk(dir: string, unreadable: (u: UnreadableFolder) => void): { path: string; link: boolean }[] {
  const found: { path: string; link: boolean }[] = [];
  const visit = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (e) {
      unreadable({ folder: d, reason: e instanceof Error ? e.message : String(e) });
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(p);
        continue;
      }
      if (!isDataFile(e.name)) continue;
      // A link to a data file counts as the file; links to folders are not followed (no cycles).
      // A link that leads nowhere (a loop, a missing target) is kept, so that the run says so.
      if (e.isFile()) found.push({ path: p, link: false });
      else if (e.isSymbolicLink() && !statQuiet(p)?.isDirectory()) found.push({ path: p, link: true });
    }
  };
  visit(dir);
  return found;
}

/**
 * The first line of a list given on standard input when the input is not a list of paths but
 * looks like a document's content (`cat a.yaml | suan check R -`): it names no file, and reads as
 * JSON, YAML or CSV text. Undefined for a list of paths.
 */
export function contentNotPaths(text: string, cwd: string): string | undefined {
  const first = text.split(/\r?\n/).find((l) => l.trim())?.trim();
  if (first === undefined || statQuiet(path.resolve(cwd, first))) return undefined;
  return /^[{[]|^---|^#|:\s|,/.test(first) ? first : undefined;
}

/** Reads all of standard input. */
export function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}
