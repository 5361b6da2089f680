/**
 * The server's picture of the workspace: open documents (over the disk), the ruleset each
 * `.suan` file belongs to and its checked program (analysed on demand, cached while no file of
 * it changes), the data files each ruleset is bound to, and the latest evaluation results.
 */
import * as path from 'node:path';
import {
  buildSymbolIndex, check, loadSources, type Lang, type ParseResult, type Program, type SourceHost, type SymbolIndex,
} from '@suan/dsl';
import { resolveBinding, type DataBinding } from './bindings';
import { LineIndex, pathToUri, uriToPath } from './convert';
import type { EvaluationOutcome } from './evaluation';
import { walkFiles, type FileSystem } from './file-system';
import { IncrementalParser } from './parse-cache';

export interface OpenDocument {
  uri: string;
  path: string;
  version: number;
  text: string;
  languageId: string;
}

export interface Analysis {
  entry: string;
  program: Program;
  index: SymbolIndex;
  /** The text of every file the program was built from. */
  texts: Map<string, string>;
  /** The program has errors (then it is not evaluated). */
  hasErrors: boolean;
  /** Identity of the sources (for evaluation jobs). */
  key: string;
  /** Disk generation the analysis saw (files that were missing may exist now). */
  diskGeneration: number;
}

export interface Settings {
  lang: Lang;
  /** `suan.data`: ruleset glob → data globs. */
  data: Record<string, string[] | string>;
  /** Milliseconds after the last keystroke before diagnostics are computed. */
  diagnosticsDelay: number;
  /** Milliseconds after the last change before the bound data is evaluated. */
  evaluationDelay: number;
  /** Inline results (diagnostics from failing rules, lenses, inlay hints) on or off. */
  inlineResults: boolean;
  /** At most this many failure diagnostics per rule (the rest are summarised). */
  maxFindingsPerRule: number;
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  lang: 'en',
  data: {},
  diagnosticsDelay: 30,
  evaluationDelay: 250,
  inlineResults: true,
  maxFindingsPerRule: 20,
  inlayHints: true,
};

export class Workspace {
  readonly parser = new IncrementalParser();
  folders: string[] = [];
  private readonly docs = new Map<string, OpenDocument>();
  private readonly uris = new Map<string, string>();
  private readonly analyses = new Map<string, Analysis>();
  private readonly entryCache = new Map<string, string>();
  private readonly parseCache = new Map<string, { text: string; parsed: ParseResult }>();
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();
  private rulesetFilesCache: string[] | undefined;
  private diskGeneration = 0;
  /** Bindings set at run time (entry → data files). */
  readonly manualBindings = new Map<string, string[]>();
  /** Latest evaluation per ruleset entry. */
  readonly results = new Map<string, EvaluationOutcome>();

  constructor(readonly fs: FileSystem, public settings: Settings = { ...DEFAULT_SETTINGS }) {}

  // ── documents ──────────────────────────────────────────────────────────────────────────

  open(uri: string, text: string, version = 0, languageId = ''): OpenDocument | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    const doc: OpenDocument = { uri, path: p, version, text, languageId };
    this.docs.set(p, doc);
    this.uris.set(p, uri);
    if (p.endsWith('.suan')) this.entryCache.delete(p);
    return doc;
  }

  change(uri: string, text: string, version: number): OpenDocument | undefined {
    const p = uriToPath(uri);
    const doc = p ? this.docs.get(p) : undefined;
    if (!doc) return this.open(uri, text, version);
    doc.text = text;
    doc.version = version;
    return doc;
  }

  close(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    this.docs.delete(p);
    return p;
  }

  document(p: string): OpenDocument | undefined {
    return this.docs.get(p);
  }

  documentByUri(uri: string): OpenDocument | undefined {
    const p = uriToPath(uri);
    return p ? this.docs.get(p) : undefined;
  }

  openDocuments(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /** The current text of a file: the editor's when open, else the disk's (undefined when it cannot be read). */
  text(p: string): string | undefined {
    return this.read(p)?.text;
  }

  /** What a read of a file gives: the editor's text when open, else the disk's answer (a refusal, for a file that is not UTF-8). */
  private read(p: string): { text: string; error?: undefined } | { text?: undefined; error: string } | undefined {
    const open = this.docs.get(p);
    return open ? { text: open.text } : this.fs.readFile(p);
  }

  lines(p: string): LineIndex | undefined {
    const text = this.text(p);
    if (text === undefined) return undefined;
    const hit = this.lineIndexes.get(p);
    if (hit && hit.text === text) return hit.index;
    const index = new LineIndex(text);
    this.lineIndexes.set(p, { text, index });
    return index;
  }

  /** The URI the client uses for a file (as it sent it), else a `file:` URI. */
  uriFor(p: string): string {
    return this.uris.get(p) ?? pathToUri(p);
  }

  /** A file changed, appeared or disappeared on disk. */
  diskChanged(p: string, kind: 'created' | 'changed' | 'deleted'): void {
    (this.fs as { invalidate?: (p: string) => void }).invalidate?.(p);
    this.diskGeneration++;
    if (kind !== 'changed' && p.endsWith('.suan')) {
      this.rulesetFilesCache = undefined;
      this.entryCache.clear();
    }
  }

  // ── rulesets ───────────────────────────────────────────────────────────────────────────

  /** Reads through open documents and keeps the incremental parser's results where `loadSources` finds them. */
  readonly host: SourceHost = {
    readFile: (p) => {
      const read = this.read(p);
      if (read?.text === undefined) return read;
      const text = read.text;
      const hit = this.parseCache.get(p);
      if (!hit || hit.text !== text) this.parseCache.set(p, { text, parsed: this.parser.parse(p, text) });
      return { text };
    },
  };

  parsed(p: string): ParseResult | undefined {
    const text = this.text(p);
    if (text === undefined) return undefined;
    this.host.readFile(p);
    return this.parseCache.get(p)?.parsed;
  }

  /**
   * The entry file of the ruleset a `.suan` file belongs to: the file itself when it has a
   * `ruleset` header, else a ruleset nearby that imports it.
   */
  entryOf(p: string): string {
    if (!p.endsWith('.suan')) return p;
    const parsed = this.parsed(p);
    if (!parsed || parsed.ast.header) return p;
    const cached = this.entryCache.get(p);
    if (cached && this.analyses.get(cached)?.texts.has(p)) return cached;
    for (const a of this.analyses.values()) if (a.entry !== p && a.texts.has(p)) return this.remember(p, a.entry);
    // Look in this directory and up to three above it (inside the workspace) for a ruleset that imports the file.
    let dir = path.dirname(p);
    for (let level = 0; level < 4; level++) {
      for (const name of this.fs.readDir(dir).sort()) {
        const candidate = path.join(dir, name);
        if (!name.endsWith('.suan') || candidate === p) continue;
        if (!this.parsed(candidate)?.ast.header) continue;
        const sources = loadSources(candidate, this.host, this.parseCache);
        if (sources.files.some((f) => f.path === p)) return this.remember(p, candidate);
      }
      const up = path.dirname(dir);
      if (up === dir || (this.folders.length > 0 && !this.folders.some((f) => isInside(f, up)))) break;
      dir = up;
    }
    return this.remember(p, p);
  }

  private remember(p: string, entry: string): string {
    this.entryCache.set(p, entry);
    return entry;
  }

  /** The checked program of a ruleset entry (re-checked only when one of its files changed). */
  analyze(entry: string): Analysis {
    const prev = this.analyses.get(entry);
    if (prev && this.isCurrent(prev)) return prev;
    const program = check(loadSources(entry, this.host, this.parseCache));
    const texts = new Map(program.sources.files.map((f) => [f.path, f.text]));
    let index: SymbolIndex | undefined;
    const a: Analysis = {
      entry,
      program,
      // Built when a feature first asks (not on the keystroke path).
      get index() {
        index ??= buildSymbolIndex(program);
        return index;
      },
      texts,
      hasErrors: program.diagnostics.some((d) => d.severity === 'error'),
      key: [...texts].map(([p, t]) => `${p}:${t.length}:${hash(t)}`).join('|'),
      diskGeneration: this.diskGeneration,
    };
    this.analyses.set(entry, a);
    return a;
  }

  /** The analysis of the ruleset a file belongs to (for a `.suan` file). */
  analysisFor(p: string): Analysis | undefined {
    if (!p.endsWith('.suan')) return undefined;
    if (this.text(p) === undefined) return undefined;
    return this.analyze(this.entryOf(p));
  }

  /** The last analysis of an entry, without re-checking. */
  lastAnalysis(entry: string): Analysis | undefined {
    return this.analyses.get(entry);
  }

  isCurrent(a: Analysis): boolean {
    for (const [p, t] of a.texts) if (this.text(p) !== t) return false;
    if (a.diskGeneration !== this.diskGeneration) {
      // Something changed on disk: a file that was missing (import, extends) may exist now.
      if (a.program.diagnostics.some((d) => d.code === 'SUAN0001' || d.code === 'SUAN0010' || d.code === 'SUAN0005')) return false;
      a.diskGeneration = this.diskGeneration;
    }
    return true;
  }

  /** Drops a ruleset's analysis and the caches of its files that no open ruleset still uses. */
  forgetAnalysis(entry: string): void {
    const a = this.analyses.get(entry);
    this.analyses.delete(entry);
    if (!a) return;
    const stillUsed = new Set<string>();
    for (const other of this.analyses.values()) for (const p of other.texts.keys()) stillUsed.add(p);
    for (const d of this.docs.values()) stillUsed.add(d.path);
    for (const p of a.texts.keys()) {
      if (stillUsed.has(p)) continue;
      this.parser.forget(p);
      this.parseCache.delete(p);
      this.lineIndexes.delete(p);
    }
  }

  /** Entries whose program includes a file (the file's own entry first). */
  entriesContaining(p: string): string[] {
    const out = new Set<string>();
    if (p.endsWith('.suan')) out.add(this.entryOf(p));
    for (const a of this.analyses.values()) if (a.texts.has(p)) out.add(a.entry);
    return [...out];
  }

  /** Entries with at least one file open in the editor. */
  openEntries(): string[] {
    const out = new Set<string>();
    for (const d of this.docs.values()) if (d.path.endsWith('.suan')) out.add(this.entryOf(d.path));
    return [...out];
  }

  /** Every `.suan` file under the workspace folders (cached until files are created or deleted). */
  rulesetFiles(): string[] {
    if (!this.rulesetFilesCache) {
      const found = new Set<string>();
      for (const f of this.folders) for (const p of walkFiles(this.fs, f, (x) => x.endsWith('.suan'), 2000)) found.add(p);
      for (const d of this.docs.values()) if (d.path.endsWith('.suan')) found.add(d.path);
      this.rulesetFilesCache = [...found].sort();
    }
    const open = [...this.docs.values()].filter((d) => d.path.endsWith('.suan')).map((d) => d.path);
    return [...new Set([...this.rulesetFilesCache, ...open])];
  }

  /** Analyses of every ruleset in the workspace (for workspace symbols, references and renames across rulesets). */
  allAnalyses(): Analysis[] {
    const entries = new Set<string>(this.openEntries());
    for (const p of this.rulesetFiles()) {
      const parsed = this.parsed(p);
      if (parsed?.ast.header) entries.add(p);
    }
    const out: Analysis[] = [];
    for (const e of entries) out.push(this.analyze(e));
    return out;
  }

  // ── data ───────────────────────────────────────────────────────────────────────────────

  binding(entry: string): DataBinding {
    return resolveBinding(entry, { fs: this.fs, folders: this.folders, config: this.settings.data, manual: this.manualBindings });
  }

  /** Ruleset entries (with open files) bound to a data file. */
  entriesBoundTo(dataPath: string): string[] {
    return this.openEntries().filter((e) => this.binding(e).files.includes(dataPath));
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A fast 32-bit hash of a string (FNV-1a), for cache keys. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
