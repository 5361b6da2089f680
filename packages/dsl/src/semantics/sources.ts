/**
 * Loads the files of a ruleset: the entry file, the files it imports (only inside its own
 * directory tree) and the ruleset it extends (recursively). Reading goes through a host so the
 * language server can supply unsaved editor contents; nothing here throws.
 *
 * A ruleset only ever reads `.suan` files: its own directory tree (`import`) and the rulesets
 * it extends (`extends`, which may live elsewhere: a city ruleset extends a province's).
 */
import { isAscii, isUtf8, transcode } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NOT_A_FILE, diagnostic, notUtf8, readErrorReason, readErrorSpan, tooLarge, type Diagnostic } from '../diagnostics/diagnostic';
import { fileStart, type Extends, type Override, type SourceFile, type Span } from '../syntax/ast';
import { parse, type ParseResult } from '../syntax/parse';

export interface SourceHost {
  /** The text of a file, or an error reason; `undefined` when it does not exist. */
  readFile(absolutePath: string): { text: string } | { error: string } | undefined;
}

/** Largest ruleset file read (bytes of UTF-16 text). */
export const MAX_RULESET_FILE = 5_000_000;

export interface LoadedFile {
  path: string;
  text: string;
  parsed: ParseResult;
  /** Depth in the extends chain: 0 = the ruleset being run, 1 = the one it extends, … */
  layer: number;
}

export interface RulesetSources {
  entry: string;
  /** Every file, most basic layer first (so declarations of an extended ruleset come first). */
  files: LoadedFile[];
  /** Overrides from every `extends` block, most basic layer first (later ones win). */
  overrides: { override: Override; layer: number; file: string }[];
  diagnostics: Diagnostic[];
}

/** What a host answers for a path: the text, an error, or undefined when there is no such file. */
export type ReadResult = ReturnType<SourceHost['readFile']>;

/** Largest file a host reads (bytes); larger ones are refused without being read. */
const MAX_HOST_FILE = MAX_RULESET_FILE * 3;

function refusal(st: { isFile(): boolean; size: number }): ReadResult {
  if (!st.isFile()) return { error: NOT_A_FILE };
  if (st.size > MAX_HOST_FILE) return { error: tooLarge(st.size, MAX_HOST_FILE) };
  return undefined;
}

/** What a failed open or read answers; `p`, when given, tells a link that leads nowhere from no file at all. */
function readError(e: unknown, p?: string): ReadResult {
  if (e && typeof e === 'object' && 'code' in e && e.code === 'ENOENT') {
    try {
      if (p !== undefined && fs.lstatSync(p, { throwIfNoEntry: false })?.isSymbolicLink()) return { error: `EDANGLING: ${p} -> ${fs.readlinkSync(p)}` };
    } catch {
      // Not a link that can be read: no such file, as said.
    }
    return undefined;
  }
  return { error: e instanceof Error ? e.message : String(e) };
}

/** The default host: the file system. */
export async function nodeFileHost(): Promise<SourceHost & { realPath(p: string): string | undefined }> {
  return { readFile: readerNow(), realPath: realPathOf };
}

/** A path with its links resolved, or undefined when it does not exist (or cannot be resolved). */
export function realPathOf(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

/**
 * The text of `length` bytes of `buffer`, or, when they are not UTF-8, a refusal that says where
 * (`notUtf8`): decoding would silently turn each such byte into U+FFFD. The check costs about a
 * microsecond for a 10 KB document.
 */
export function decodeUtf8(buffer: Buffer, length = buffer.length): ReadResult {
  const bytes = length === buffer.length ? buffer : buffer.subarray(0, length);
  if (isUtf8(bytes)) return { text: utf8Text(bytes) };
  const bad = firstNonUtf8(bytes);
  const before = bytes.toString('utf8', 0, bad);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  return { error: notUtf8({ offset: before.length, line, col: before.length - lineStart + 1 }, utf16) };
}

/**
 * The text of bytes known to be UTF-8. V8's own UTF-8 decoder (`toString('utf8')`) takes about
 * 4 ns a byte on a disclosure, half of whose bytes are Chinese; ICU's converter to UTF-16 and a
 * copy into a string take a quarter of that. Text that is all ASCII is read as it is.
 */
export function utf8Text(bytes: Buffer): string {
  if (bytes.length < 256 || isAscii(bytes)) return bytes.toString('utf8');
  try {
    const utf16 = transcode(bytes, 'utf8', 'utf16le');
    return utf16.toString('utf16le');
  } catch {
    return bytes.toString('utf8'); // a node built without ICU
  }
}

/**
 * `text` as UTF-8 bytes, in an `ArrayBuffer` of their own (so that they can be handed to another
 * thread), by ICU's converter from UTF-16: about half the time of `TextEncoder` on a report's text
 * (a rope of many pieces, half of them Chinese). Text with a lone surrogate, which ICU refuses, is
 * encoded as `TextEncoder` encodes it (U+FFFD).
 */
export function utf8Bytes(text: string): Uint8Array {
  if (text.length >= 256) {
    try {
      const bytes = transcode(Buffer.from(text, 'utf16le'), 'utf16le', 'utf8');
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
    } catch {
      // a lone surrogate, or a node built without ICU
    }
  }
  return encoder.encode(text);
}
const encoder = new TextEncoder();

/** Index of the first byte of `b` that does not begin a well-formed UTF-8 sequence (Unicode table 3-7), or `b.length`. */
export function firstNonUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let more: number; // continuation bytes
    let lo = 0x80; // the allowed range of the second byte
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) more = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      more = 2;
      if (c === 0xe0) lo = 0xa0; // overlong
      else if (c === 0xed) hi = 0x9f; // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      more = 3;
      if (c === 0xf0) lo = 0x90; // overlong
      else if (c === 0xf4) hi = 0x8f; // past U+10FFFF
    } else return i;
    if (i + more >= b.length || b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k <= more; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return i;
    i += more + 1;
  }
  return b.length;
}

/** Opened without blocking: a FIFO must not hang the open (it is then refused as not a file). */
const READ_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK;

/**
 * Reads a file on the calling thread, answering as a host does: the text, undefined when there
 * is no such file, or a refusal (`NOT_A_FILE`, `tooLarge`) or an error. Most files take three
 * system calls (open, one read that does not fill the buffer, so it reached the end, close);
 * an empty read, a full buffer or an error (a directory) ask the file's status first.
 */
function readerNow(): (p: string) => ReadResult {
  const buffer = Buffer.allocUnsafe(1 << 16);
  return (p) => {
    let fd: number;
    try {
      fd = fs.openSync(p, READ_FLAGS);
    } catch (e) {
      return readError(e, p);
    }
    try {
      let first = 0;
      try {
        first = fs.readSync(fd, buffer, 0, buffer.length, 0);
      } catch {
        first = -1;
      }
      if (first > 0 && first < buffer.length) return decodeUtf8(buffer, first);
      const st = fs.fstatSync(fd);
      const refused = refusal(st);
      if (refused) return refused;
      const into = st.size > buffer.length ? Buffer.allocUnsafe(st.size) : buffer; // a large file's buffer is not kept
      let at = 0;
      while (at < st.size) {
        const n = fs.readSync(fd, into, at, into.length - at, at);
        if (n === 0) break; // the file shrank meanwhile
        at += n;
      }
      return decodeUtf8(into, at);
    } catch (e) {
      return readError(e);
    } finally {
      fs.closeSync(fd);
    }
  };
}

/** How `nodeFileReader` reads: on the calling thread, on libuv's thread pool, or the first until files come slowly. */
export type ReadMode = 'sync' | 'pool' | 'auto';

/**
 * Read time (ms) above which a read counts as slow; when most recent reads are slow, `auto`
 * moves to the thread pool: the files come from a disk, not the page cache (about 0.05 ms here).
 */
const SLOW_READ_MS = 0.5;

/**
 * A reader for a batch run, answering as the default host does. Files that come from the page
 * cache (a warm run) are read at once on the calling thread (`sync`), as the host reads them: a
 * few system calls cost less than handing them to another thread and back. When reads start to
 * wait on the disk (`auto` watches how many recent reads were slow), they move to libuv's thread
 * pool (`pool`), so the next documents are read while the current one is checked.
 */
export async function nodeFileReader(mode: ReadMode = 'auto', slowReadMs = SLOW_READ_MS): Promise<FileReader> {
  let pooled = mode === 'pool';
  let slowShare = 0;
  const readNow = readerNow();
  const readOnPool = (p: string): Promise<ReadResult> => new Promise((resolve) => {
    fs.open(p, READ_FLAGS, (e, fd) => {
      if (e) return resolve(readError(e, p));
      const done = (r: ReadResult) => fs.close(fd, () => resolve(r));
      fs.fstat(fd, (e2, st) => {
        if (e2) return done(readError(e2));
        const refused = refusal(st);
        if (refused) return done(refused);
        const buf = Buffer.allocUnsafe(st.size);
        const readFrom = (at: number): void => {
          if (at >= buf.length) return done(decodeUtf8(buf));
          fs.read(fd, buf, at, buf.length - at, at, (e3, n) => {
            if (e3) return done(readError(e3));
            if (n === 0) return done(decodeUtf8(buf, at)); // the file shrank meanwhile
            readFrom(at + n);
          });
        };
        readFrom(0);
      });
    });
  });
  return (p) => {
    if (pooled) {
      const reading = readOnPool(p);
      return () => reading;
    }
    return () => readAtOnce(p);
  };

  function readAtOnce(p: string): Promise<ReadResult> {
    const started = performance.now();
    const r = readNow(p);
    // The share of recent reads that were slow (a moving average): a read held up by something
    // else (the collector, another process) does not decide, only reads slow one after another.
    slowShare = slowShare * 0.9 + (performance.now() - started > slowReadMs ? 0.1 : 0);
    if (mode === 'auto' && slowShare > 0.5) pooled = true;
    return Promise.resolve(r);
  }
}

/**
 * Starts reading a file and gives what takes its contents. On the thread pool the read begins at
 * once (ahead of need); read at once, it waits until its contents are taken, so that documents
 * are not held in memory between their reading and their checking.
 */
export type FileReader = (absolutePath: string) => () => Promise<ReadResult>;

/**
 * Syntax trees already made, by file path: a file whose text is the entry's `text` is not parsed
 * again. A `Map` is one (a folder's files parsed to find its entry, a bundle's trees); the CLI's
 * cache on disk is another (`cli/syntax-cache.ts`).
 */
export interface ParseCache {
  get(path: string): { text: string; parsed: ParseResult } | undefined;
  set(path: string, entry: { text: string; parsed: ParseResult }): unknown;
}

/** The syntax tree of `text` (the file `p`): the cache's when it holds that very text, else parsed (and put in it). */
export function parseCached(p: string, text: string, cache: ParseCache | undefined): ParseResult {
  const hit = cache?.get(p);
  if (hit && hit.text === text) return hit.parsed;
  const parsed = parse(text, p);
  cache?.set(p, { text, parsed });
  return parsed;
}

/** Loads the entry file and everything it imports or extends. */
export function loadSources(entry: string, host: SourceHost, parseCache?: ParseCache): RulesetSources {
  const out: RulesetSources = { entry: path.resolve(entry), files: [], overrides: [], diagnostics: [] };
  const loaded = new Map<string, LoadedFile>();
  const layers: LoadedFile[][] = [];

  const cachedParse = (p: string, text: string): ParseResult => parseCached(p, text, parseCache);

  const read = (p: string, at: Span | undefined): { text: string } | undefined => {
    const r = host.readFile(p);
    const where = at ?? fileStart(p);
    if (r === undefined) {
      // The entry file is named on a command line (relative to the working directory); an
      // imported one in a ruleset (relative to the importing file).
      out.diagnostics.push(at ? diagnostic('SUAN0001', where, { path: p }) : diagnostic('SUAN0010', where, { path: p, cwd: process.cwd() }));
      return undefined;
    }
    if ('error' in r) {
      // At the file's first byte that is not UTF-8; any other error at the import (or the file's start).
      out.diagnostics.push(diagnostic('SUAN0005', readErrorSpan(p, r.error) ?? where, { path: p, ...readErrorReason(r.error) }));
      return undefined;
    }
    if (r.text.length > MAX_RULESET_FILE) {
      out.diagnostics.push(diagnostic('SUAN0004', where, { path: p, size: r.text.length, limit: MAX_RULESET_FILE }));
      return undefined;
    }
    return r;
  };

  /** Loads one ruleset layer rooted at `file`: its imports (same tree) and, first, what it extends. */
  const loadLayer = (file: string, layer: number, chain: string[], at: Span | undefined): void => {
    const root = path.dirname(file);
    const layerFiles: LoadedFile[] = [];
    layers[layer] = layerFiles;
    const visit = (p: string, importChain: string[], at2: Span | undefined): void => {
      if (loaded.has(p)) return;
      const r = read(p, at2);
      if (!r) return;
      const lf: LoadedFile = { path: p, text: r.text, parsed: cachedParse(p, r.text), layer };
      loaded.set(p, lf);
      layerFiles.push(lf);
      out.diagnostics.push(...lf.parsed.diagnostics);
      let extendsSeen: Extends | undefined;
      for (const item of lf.parsed.ast.items) {
        if (item.kind === 'Import' && item.path) {
          const target = resolveTarget(p, item.path.value);
          if (!target.endsWith('.suan')) {
            out.diagnostics.push(diagnostic('SUAN0009', item.path.span, { path: item.path.value }));
            continue;
          }
          if (!isInside(root, target)) {
            out.diagnostics.push(diagnostic('SUAN0002', item.path.span, { path: item.path.value, root }));
            continue;
          }
          if (importChain.includes(target) || chain.includes(target)) {
            out.diagnostics.push(diagnostic('SUAN0003', item.path.span, { cycle: [...importChain, target].map((x) => path.basename(x)).join(' → ') }));
            continue;
          }
          visit(target, [...importChain, target], item.path.span);
        } else if (item.kind === 'Extends' && item.path) {
          if (extendsSeen) {
            out.diagnostics.push(diagnostic('SUAN0006', item.span));
            continue;
          }
          extendsSeen = item;
          const target = resolveTarget(p, item.path.value);
          if (!target.endsWith('.suan')) {
            out.diagnostics.push(diagnostic('SUAN0009', item.path.span, { path: item.path.value }));
            continue;
          }
          if (chain.includes(target) || importChain.includes(target)) {
            out.diagnostics.push(diagnostic('SUAN0003', item.path.span, { cycle: [...chain, target].map((x) => path.basename(x)).join(' → ') }));
            continue;
          }
          loadLayer(target, layer + 1, [...chain, target], item.path.span);
          for (const o of item.overrides) out.overrides.push({ override: o, layer, file: p });
        }
      }
    };
    visit(file, [file], at);
  };

  loadLayer(out.entry, 0, [out.entry], undefined);
  for (let i = layers.length - 1; i >= 0; i--) out.files.push(...(layers[i] ?? []));
  out.overrides.sort((a, b) => b.layer - a.layer);
  return out;
}

/** Resolves an import/extends path; `.suan` is added when the path has no extension. */
function resolveTarget(from: string, target: string): string {
  const p = path.resolve(path.dirname(from), target);
  return path.extname(p) === '' ? `${p}.suan` : p;
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Every syntax tree of the sources, most basic first. */
export function sourceFiles(s: RulesetSources): SourceFile[] {
  return s.files.map((f) => f.parsed.ast);
}
