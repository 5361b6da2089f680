/**
 * Which disclosure files a ruleset is checked against ("bound" to), in order of precedence:
 *
 *  1. set at run time by the client (`suan/setDataBinding` request or `suan.bindData` command);
 *  2. the `suan.data` setting: `{ "<ruleset glob>": ["<data glob>", …] }` — globs relative to
 *     the workspace folder, or to the ruleset's directory when they start with `./` or `../`;
 *  3. the convention: every `.json`/`.yaml`/`.yml` file in an `examples/` folder next to the
 *     ruleset, and `<ruleset name>.data.json|yaml|yml` beside it.
 *
 * See packages/lsp/README.md.
 */
import * as path from 'node:path';
import { walkFiles, type FileSystem } from './file-system';

export type BindingSource = 'manual' | 'config' | 'convention' | 'none';

export interface DataBinding {
  entry: string;
  files: string[];
  source: BindingSource;
}

export const DATA_EXTENSIONS = ['.json', '.yaml', '.yml'];

export function isDataFile(p: string): boolean {
  return DATA_EXTENSIONS.includes(path.extname(p).toLowerCase()) || path.extname(p).toLowerCase() === '.csv';
}

export interface BindingInputs {
  fs: FileSystem;
  folders: readonly string[];
  /** The `suan.data` setting. */
  config: Readonly<Record<string, readonly string[] | string>>;
  /** Bindings set at run time (entry → files). */
  manual: ReadonlyMap<string, readonly string[]>;
}

export function resolveBinding(entry: string, inputs: BindingInputs): DataBinding {
  const manual = inputs.manual.get(entry);
  if (manual) return { entry, files: [...manual], source: 'manual' };
  const folder = folderOf(entry, inputs.folders) ?? path.dirname(entry);
  const configured: string[] = [];
  let matched = false;
  for (const [rulesetGlob, dataGlobs] of Object.entries(inputs.config)) {
    const base = rulesetGlob.startsWith('./') || rulesetGlob.startsWith('../') ? path.dirname(entry) : folder;
    if (!globMatches(rulesetGlob, entry, base)) continue;
    matched = true;
    for (const g of Array.isArray(dataGlobs) ? dataGlobs : [dataGlobs]) {
      const gbase = g.startsWith('./') || g.startsWith('../') ? path.dirname(entry) : folder;
      configured.push(...expandGlob(inputs.fs, g, gbase));
    }
  }
  if (matched) return { entry, files: unique(configured), source: 'config' };
  const files = conventionFiles(inputs.fs, entry);
  return { entry, files, source: files.length ? 'convention' : 'none' };
}

/** `examples/*.{json,yaml,yml}` next to the ruleset, and `<name>.data.{json,yaml,yml}` beside it. */
export function conventionFiles(fs: FileSystem, entry: string): string[] {
  const dir = path.dirname(entry);
  const out: string[] = [];
  const base = path.basename(entry, path.extname(entry));
  for (const ext of DATA_EXTENSIONS) {
    const p = path.join(dir, `${base}.data${ext}`);
    if (fs.isFile(p)) out.push(p);
  }
  const examples = path.join(dir, 'examples');
  if (fs.isDirectory(examples)) {
    for (const name of fs.readDir(examples).sort()) {
      const p = path.join(examples, name);
      if (DATA_EXTENSIONS.includes(path.extname(name).toLowerCase()) && fs.isFile(p)) out.push(p);
    }
  }
  return out;
}

function folderOf(p: string, folders: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const f of folders) {
    const rel = path.relative(f, p);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
  }
  return best;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

// ── globs ────────────────────────────────────────────────────────────────────────────────

/** A glob as a regular expression over `/`-separated paths: `**`, `*`, `?`, `{a,b}`, `[…]`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let braces = 0;
  while (i < glob.length) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more directories; a trailing `**` anything.
        if (glob[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 3;
        } else {
          re += '.*';
          i += 2;
        }
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
    i++;
  }
  return new RegExp(`^${re}$`);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Whether `file` matches `glob` (relative to `base`, or absolute). */
export function globMatches(glob: string, file: string, base: string): boolean {
  const abs = path.isAbsolute(glob) ? glob : path.join(base, glob);
  return globToRegExp(toPosix(path.normalize(abs))).test(toPosix(file));
}

/** The files a glob names (relative to `base`, or absolute); a glob without wildcards names one file. */
export function expandGlob(fs: FileSystem, glob: string, base: string, limit = 2000): string[] {
  const abs = path.normalize(path.isAbsolute(glob) ? glob : path.join(base, glob));
  const parts = toPosix(abs).split('/');
  const firstWild = parts.findIndex((s) => /[*?[{]/.test(s));
  if (firstWild < 0) return fs.isFile(abs) ? [abs] : [];
  const root = parts.slice(0, firstWild).join('/') || '/';
  const re = globToRegExp(toPosix(abs));
  const deep = parts.slice(firstWild).some((s) => s.includes('**'));
  const maxDepth = deep ? 12 : parts.length - firstWild - 1;
  return walkFiles(fs, root.split('/').join(path.sep) || path.sep, (p) => re.test(toPosix(p)), limit, maxDepth);
}
