/**
 * The documents of a run: files, directories (searched for .json/.yaml/.yml), glob patterns and,
 * with `-`, a list of paths on standard input. The order is deterministic: arguments in order,
 * each directory and glob sorted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob } from 'tinyglobby';

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
 * search goes on.
 */
export async function expandInputs(
  args: readonly string[], cwd: string, stdin?: () => Promise<string>, unreadable: (u: UnreadableFolder) => void = () => undefined,
): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const abs = path.resolve(cwd, p);
    if (!seen.has(abs)) {
      seen.add(abs);
      out.push(abs);
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      const text = stdin ? await stdin() : '';
      for (const line of text.split(/\r?\n/)) if (line.trim()) add(line.trim());
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      for (const f of walk(abs, unreadable)) add(f);
    } else if (st) {
      add(abs);
    } else if (/[*?[\]{}]/.test(arg)) {
      const matches = await glob(arg, { cwd, absolute: true, onlyFiles: true, dot: false });
      for (const m of matches.sort()) add(m);
    } else add(abs);
  }
  return out;
}

function walk(dir: string, unreadable: (u: UnreadableFolder) => void): string[] {
  const found: string[] = [];
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
      if (!DATA_EXTENSIONS.has(path.extname(e.name).toLowerCase()) || e.name.endsWith('.suan.json')) continue;
      // A link to a data file counts as the file (links to folders are not followed: no cycles).
      if (e.isFile() || (e.isSymbolicLink() && fs.statSync(p, { throwIfNoEntry: false })?.isFile())) found.push(p);
    }
  };
  visit(dir);
  return found;
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
