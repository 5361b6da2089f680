/**
 * The CLI's syntax cache: the syntax trees of ruleset files, kept on disk between runs, so that a
 * command on a ruleset it has seen before starts without building the parser and parsing (more
 * than a third of a cold start from the sources).
 *
 * One entry per source file, named by a hash of the file's absolute path, in SUAN_CACHE_DIR, else
 * $XDG_CACHE_HOME/suan, else ~/.cache/suan. An entry is used only by the build that wrote it and
 * only for the very text it was parsed from (kept with it): a changed file, or another build of
 * suan, parses again and overwrites the entry. The cache changes nothing but the time: the tree is
 * the one `parse` gave for that text, and the checker runs on it as on a fresh one. An entry
 * carries the SHA-256 of its contents: a damaged one is not used.
 *
 * Every failure to read or write (no home folder, a read-only disk, a damaged entry) is a miss:
 * the sources are parsed, as without a cache. Entries are written whole (a temporary file, then a
 * rename), so runs at once never read half an entry; only entries of the user running suan are
 * used (the folder and its entries are the user's alone). `suan check --no-cache` or SUAN_NO_CACHE=1
 * neither reads nor writes it. Only the bundled CLI has a build id; run from
 * the sources (tests, the language server) there is no cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ParseCache } from '../semantics/sources';
import type { ParseResult } from '../syntax/parse';

declare const __SUAN_BUILD__: string | undefined;
/** The id of this build of the CLI (build.mjs), or undefined when running from the sources. */
const BUILD: string | undefined = typeof __SUAN_BUILD__ === 'string' ? __SUAN_BUILD__ : undefined;

const FORMAT = 'suan-syntax-cache';

/** How large the cache may grow; tests make them small. */
export interface SyntaxCacheLimits {
  /** Files longer than this (characters) are parsed each time: their trees would be large to keep. */
  maxText: number;
  /**
   * Nor is a tree kept whose entry would be longer than this (characters): a file of little but
   * comments, or of a table's 100,000 columns. The entry then only says so, for that text.
   */
  maxEntry: number;
  /** At most this many entries are kept: the most recently written. */
  maxEntries: number;
  /** The cache's size in all (bytes): the oldest entries beyond it are removed. */
  maxTotalBytes: number;
}

const LIMITS: SyntaxCacheLimits = { maxText: 500_000, maxEntry: 32_000_000, maxEntries: 2_000, maxTotalBytes: 256 * 1024 * 1024 };

/** An entry not written for this long is removed (a file renamed or deleted, another build). */
const MAX_AGE_MS = 30 * 24 * 3_600_000;
/**
 * Entries and temporary files are named so that no search for documents takes them for data
 * (a cache folder inside a folder of documents).
 */
const ENTRY = '.syntax';
const TEMPORARY = '.syntax-tmp';

/**
 * The folder of the syntax cache: SUAN_CACHE_DIR, else $XDG_CACHE_HOME/suan, else ~/.cache/suan;
 * undefined with SUAN_NO_CACHE set to anything but empty, 0, false, no or off (no cache: a
 * pipeline's `SUAN_NO_CACHE=true` means what it says).
 */
export function syntaxCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SUAN_NO_CACHE !== undefined && !/^\s*(?:0|false|no|off)?\s*$/i.test(env.SUAN_NO_CACHE)) return undefined;
  if (env.SUAN_CACHE_DIR) return path.resolve(env.SUAN_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'suan');
  const home = os.homedir();
  return home ? path.join(home, '.cache', 'suan') : undefined;
}

/** The bundled CLI's syntax cache in `dir` (see {@link syntaxCacheDir}); undefined without a folder, or when running from the sources. */
export function cliSyntaxCache(dir: string | undefined): ParseCache | undefined {
  return BUILD && dir ? syntaxCache(dir, BUILD) : undefined;
}

/** The syntax cache of a command (compile, explain, test): none with its `--no-cache`, else {@link cliSyntaxCache} where {@link syntaxCacheDir} says. */
export function commandSyntaxCache(noCache: boolean | undefined): ParseCache | undefined {
  return noCache ? undefined : cliSyntaxCache(syntaxCacheDir());
}

/**
 * A syntax cache in `dir` for the build `build`. `get` gives the entry of a path with the text it
 * was parsed from (the caller parses again when the text differs); `set` writes one.
 */
export function syntaxCache(dir: string, build: string, limits: SyntaxCacheLimits = LIMITS): ParseCache {
  let pruned = false;
  return {
    get(file) {
      try {
        const stored = readOwnEntry(entryFile(dir, file));
        if (stored === undefined) return undefined;
        const eol = stored.indexOf(NEWLINE);
        const head = JSON.parse(stored.toString('utf8', 0, eol)) as { format?: unknown; build?: unknown; path?: unknown; hash?: unknown };
        if (head.format !== FORMAT || head.build !== build || head.path !== file) return undefined;
        const rest = stored.subarray(eol + 1);
        if (head.hash !== hashOf(rest)) return undefined; // damaged on disk
        const body = JSON.parse(rest.toString('utf8')) as { text?: unknown } & Partial<Pick<ParseResult, 'ast' | 'diagnostics'>>;
        if (typeof body.text !== 'string' || body.ast?.kind !== 'File' || !Array.isArray(body.diagnostics)) return undefined;
        withFile(body, file);
        return { text: body.text, parsed: { ast: body.ast, diagnostics: body.diagnostics, tokens: [] } };
      } catch {
        return undefined;
      }
    },
    set(file, { text, parsed }) {
      if (text.length > limits.maxText) return;
      const target = entryFile(dir, file);
      // A tree found too large to keep, for this very text: not made into JSON again on every run.
      const textHash = hashOf(text);
      if (tooLargeBefore(target, build, file, textHash)) return;
      // A name no one can foresee, created only if nothing (not even a link) is there already.
      const temporary = path.join(dir, `${randomBytes(12).toString('hex')}${TEMPORARY}`);
      try {
        // Every span of the tree names `file`: stored once, in the head (`"file":0` in the tree).
        // A replacer function would do the same, but costs a call per key of the tree; the text
        // `"file":"…"` with its quotes unescaped is only ever a key and its value (inside a JSON
        // string a quote is written \").
        const body = JSON.stringify({ text, ast: parsed.ast, diagnostics: parsed.diagnostics }).replaceAll(`"file":${JSON.stringify(file)}`, '"file":0');
        const bytes = body.length > limits.maxEntry ? undefined : Buffer.from(body);
        const head = JSON.stringify(bytes ? { format: FORMAT, build, path: file, hash: hashOf(bytes) } : { format: FORMAT, build, path: file, tooLarge: textHash });
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (!pruned) {
          pruned = true;
          prune(dir, limits);
        }
        fs.writeFileSync(temporary, bytes ? Buffer.concat([Buffer.from(`${head}\n`), bytes]) : `${head}\n`, { mode: 0o600, flag: 'wx' });
        fs.renameSync(temporary, target);
      } catch {
        try {
          fs.rmSync(temporary, { force: true }); // a link in its place is removed, not followed
        } catch {
          // nothing more to do: the cache is only a head start
        }
      }
    },
  };
}

/** Whether the entry at `target` says that the tree of this text (`textHash`) was too large to keep. */
function tooLargeBefore(target: string, build: string, file: string, textHash: string): boolean {
  try {
    const stored = readOwnEntry(target, 4096);
    if (stored === undefined) return false;
    const head = JSON.parse(stored.toString('utf8', 0, stored.indexOf(NEWLINE))) as { format?: unknown; build?: unknown; path?: unknown; tooLarge?: unknown };
    return head.format === FORMAT && head.build === build && head.path === file && head.tooLarge === textHash;
  } catch {
    return false;
  }
}

/** Puts the file's path back into every span of a tree read from an entry (see `set`). */
function withFile(v: unknown, file: string): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) withFile(x, file);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (k === 'file' && x === 0) o[k] = file;
    else if (typeof x === 'object' && x !== null) withFile(x, file);
  }
}

/**
 * Removes entries not written for `MAX_AGE_MS` (files renamed or deleted since, other builds),
 * temporary files a stopped run left, and the oldest entries beyond `maxEntries` or beyond
 * `maxTotalBytes` in all. Once per run, when it writes.
 */
function prune(dir: string, limits: SyntaxCacheLimits): void {
  const now = Date.now();
  const entries: { file: string; mtime: number; size: number }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const temporary = name.endsWith(TEMPORARY);
    if (!temporary && !name.endsWith(ENTRY)) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      if (now - st.mtimeMs > (temporary ? 3_600_000 : MAX_AGE_MS)) fs.rmSync(file, { force: true });
      else if (!temporary) entries.push({ file, mtime: st.mtimeMs, size: st.size });
    } catch {
      // another run removed it meanwhile
    }
  }
  entries.sort((a, b) => b.mtime - a.mtime);
  let total = 0;
  entries.forEach((e, i) => {
    total += e.size;
    if (i >= limits.maxEntries || total > limits.maxTotalBytes) fs.rmSync(e.file, { force: true });
  });
}

/**
 * An entry's text, when it is a file of this user's: in a cache folder others may write (a shared
 * SUAN_CACHE_DIR), an entry someone else wrote could stand for a ruleset that is not the one on
 * disk, so it is not used. (The folder and its entries are made readable and writable by their
 * owner only.) A link is not followed, and a named pipe in its place does not wait for a writer;
 * a file over `maxBytes` is not read.
 */
function readOwnEntry(entry: string, maxBytes = LIMITS.maxEntry * 3): Buffer | undefined {
  const { O_RDONLY, O_NOFOLLOW = 0, O_NONBLOCK = 0 } = fs.constants;
  const fd = fs.openSync(entry, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return undefined;
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file holding the entry of the source file `file`. */
function entryFile(dir: string, file: string): string {
  return path.join(dir, `${hashOf(file).slice(0, 32)}${ENTRY}`);
}

/** SHA-256, hex. An entry's body is hashed as the bytes written: hashing the string would encode it to UTF-8 again, a few times slower. */
function hashOf(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const NEWLINE = 0x0a;
