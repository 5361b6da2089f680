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
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { ParseCache } from '../semantics/sources';
import type { ParseResult } from '../syntax/parse';

declare const __SUAN_BUILD__: string | undefined;
/** The id of this build of the CLI (build.mjs), or undefined when running from the sources. */
const BUILD: string | undefined = typeof __SUAN_BUILD__ === 'string' ? __SUAN_BUILD__ : undefined;

const FORMAT = 'suan-syntax-cache';

/** Files longer than this (characters) are parsed each time: their trees would be large to keep. */
const MAX_CACHED_TEXT = 2_000_000;

/**
 * The folder of the syntax cache: SUAN_CACHE_DIR, else $XDG_CACHE_HOME/suan, else ~/.cache/suan;
 * undefined with SUAN_NO_CACHE=1 (no cache).
 */
export function syntaxCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SUAN_NO_CACHE === '1') return undefined;
  if (env.SUAN_CACHE_DIR) return path.resolve(env.SUAN_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'suan');
  const home = os.homedir();
  return home ? path.join(home, '.cache', 'suan') : undefined;
}

/** The bundled CLI's syntax cache in `dir` (see {@link syntaxCacheDir}); undefined without a folder, or when running from the sources. */
export function cliSyntaxCache(dir: string | undefined): ParseCache | undefined {
  return BUILD && dir ? syntaxCache(dir, BUILD) : undefined;
}

/**
 * A syntax cache in `dir` for the build `build`. `get` gives the entry of a path with the text it
 * was parsed from (the caller parses again when the text differs); `set` writes one.
 */
export function syntaxCache(dir: string, build: string): ParseCache {
  return {
    get(file) {
      try {
        const stored = readOwnEntry(entryFile(dir, file));
        if (stored === undefined) return undefined;
        const eol = stored.indexOf('\n');
        const head = JSON.parse(stored.slice(0, eol)) as { format?: unknown; build?: unknown; path?: unknown; hash?: unknown };
        if (head.format !== FORMAT || head.build !== build || head.path !== file) return undefined;
        const rest = stored.slice(eol + 1);
        if (head.hash !== hashOf(rest)) return undefined; // damaged on disk
        const body = JSON.parse(rest) as { text?: unknown } & Partial<Pick<ParseResult, 'ast' | 'diagnostics'>>;
        if (typeof body.text !== 'string' || body.ast?.kind !== 'File' || !Array.isArray(body.diagnostics)) return undefined;
        return { text: body.text, parsed: { ast: body.ast, diagnostics: body.diagnostics, tokens: [] } };
      } catch {
        return undefined;
      }
    },
    set(file, { text, parsed }) {
      if (text.length > MAX_CACHED_TEXT) return;
      const target = entryFile(dir, file);
      const temporary = `${target}.${process.pid}-${threadId}.tmp`;
      try {
        const body = JSON.stringify({ text, ast: parsed.ast, diagnostics: parsed.diagnostics });
        const head = JSON.stringify({ format: FORMAT, build, path: file, hash: hashOf(body) });
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.writeFileSync(temporary, `${head}\n${body}`, { mode: 0o600 });
        fs.renameSync(temporary, target);
      } catch {
        try {
          fs.rmSync(temporary, { force: true });
        } catch {
          // nothing more to do: the cache is only a head start
        }
      }
    },
  };
}

/**
 * An entry's text, when it is a file of this user's: in a cache folder others may write (a shared
 * SUAN_CACHE_DIR), an entry someone else wrote could stand for a ruleset that is not the one on
 * disk, so it is not used. (The folder and its entries are made readable and writable by their
 * owner only.)
 */
function readOwnEntry(entry: string): string | undefined {
  const fd = fs.openSync(entry, 'r');
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return undefined;
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The file holding the entry of the source file `file`. */
function entryFile(dir: string, file: string): string {
  return path.join(dir, `${hashOf(file).slice(0, 32)}.json`);
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
