/**
 * The compiled interchange form of a ruleset (`suan compile`): every source file of the ruleset
 * (entry, imports, extended rulesets) with its text, a summary of its rules, and a SHA-256
 * content hash over the sources. `suan check` accepts it in place of the `.suan` entry and, since
 * it is the very same sources, gives identical results; a changed bundle no longer matches its hash.
 * It also carries the syntax trees of the sources, written by the same version of suan that reads
 * them, so that `suan check` starts without parsing (a pipeline's start-up time); another version
 * ignores them and parses the sources.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { jsonLocator, parseJsonSource } from '../data/json-source';
import type { ParseResult } from '../syntax/parse';
import type { Program } from './program';
import type { SourceHost } from './sources';

export const BUNDLE_FORMAT = 'suan-compiled-ruleset';
/** How a bundle's text opens (a byte-order mark allowed), as `suan compile` writes it: what tells one from data or a report without reading it whole. */
export const BUNDLE_OPENING = /^\uFEFF?\{\s*"format":\s*"suan-compiled-ruleset"/;
/** 2: the hash covers the entry and the manifest too (version 1 covered only the sources and trees). */
export const BUNDLE_VERSION = 2;

export interface RulesetBundle {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** `sha256:` + hex digest of everything else in the bundle (see `bundleHash`). */
  hash: string;
  /** Entry file, relative to the bundle's root. */
  entry: string;
  ruleset: { id?: string; version?: string; title?: string; kinds: string[]; years?: { from: number; to: number }; licence?: string };
  /** The rules, then the scorecards (`kind: 'scorecard'`). */
  rules: { id: string; title?: string; severity: string; file: string; line: number; disabled: boolean; kind?: 'scorecard' }[];
  /** Source texts by path relative to the bundle's root (the entry's directory; `../` for extended rulesets). */
  files: Record<string, string>;
  /** The parsed sources (see {@link BundledSyntax}) as JSON text; covered by the hash. */
  syntax?: string;
}

/**
 * Where a ruleset checked from a compiled bundle came from: the bundle's file and hash, and
 * whether its sources are beside it, each with the very text compiled (else the places of its
 * rules name files a deployment may not have).
 */
export interface BundleOrigin {
  file: string;
  hash: string;
  sourcesBeside: boolean;
  /** Sources beside it with another text than the one compiled (absolute paths). */
  changed: string[];
}

/** What `syntax` holds: per file (as in `files`), its syntax tree and parse diagnostics, with paths relative to the root. */
export interface BundledSyntax {
  /** The suan version that wrote it: the only version that reads it. */
  tool: string;
  files: Record<string, Pick<ParseResult, 'ast' | 'diagnostics'>>;
}

/** The content hash: SHA-256 over the sorted (path, text) pairs, then the syntax trees when present. */
export function hashSources(files: Record<string, string>, syntax?: string): string {
  const h = createHash('sha256');
  for (const p of Object.keys(files).sort()) {
    h.update(p);
    h.update('\u0000');
    h.update(files[p]!);
    h.update('\u0000');
  }
  if (syntax !== undefined) {
    h.update('\u0001syntax\u0000');
    h.update(syntax);
  }
  return `sha256:${h.digest('hex')}`;
}

/**
 * A bundle's hash: {@link hashSources} continued over its entry and its manifest (format,
 * version, ruleset, rules), so that no field can be changed without the bundle being refused: an
 * entry changed to an imported file would otherwise check with no rule at all.
 */
export function bundleHash(b: Pick<RulesetBundle, 'format' | 'version' | 'entry' | 'ruleset' | 'rules' | 'files' | 'syntax'>): string {
  const manifest = JSON.stringify([b.format, b.version, b.entry, b.ruleset, b.rules]);
  return hashSources({ ...b.files, '\u0001manifest': manifest }, b.syntax);
}

/**
 * The shape of the syntax trees a bundle carries, raised whenever that shape changes: trees
 * written before are not used (the sources are parsed instead), even by a build with the same
 * version number. 2: `execution` keeps its ratio once, in `of`.
 */
const SYNTAX_SHAPE = 2;

/** Who wrote a bundle's syntax trees: the suan version and the trees' shape. */
function treesBy(tool: string): string {
  return `${tool} syntax ${SYNTAX_SHAPE}`;
}

/** Bundles a checked program; `tool` is the version of suan writing it. */
export function bundleProgram(program: Program, tool: string): RulesetBundle {
  const root = path.dirname(program.entry);
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const files: Record<string, string> = {};
  const trees: BundledSyntax['files'] = {};
  for (const f of program.sources.files) {
    files[rel(f.path)] = f.text;
    trees[rel(f.path)] = { ast: f.parsed.ast, diagnostics: f.parsed.diagnostics };
  }
  // Every `file` in a syntax tree (spans, the file node) is the source's path: stored relative to the root.
  const syntax = JSON.stringify({ tool: treesBy(tool), files: trees } satisfies BundledSyntax, (k, v) => (k === 'file' && typeof v === 'string' ? rel(v) : v));
  const info = program.info;
  const bundle: RulesetBundle = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    hash: '',
    entry: rel(program.entry),
    ruleset: {
      id: info.id, version: info.version, title: info.title?.variants[0]?.value, kinds: info.kinds, years: info.years, licence: info.licence,
    },
    // Rules, then scorecards (which reports count as rules too), each as `suan check` lists them.
    rules: [...program.rules, ...program.scorecards].map((r) => ({
      id: r.id, title: r.decl.title?.variants[0]?.value, severity: r.severity, file: rel(r.file), line: r.nameSpan.line, disabled: r.disabled,
      ...(r.kind === 'scorecard' ? { kind: 'scorecard' as const } : {}),
    })),
    files,
    syntax,
  };
  bundle.hash = bundleHash(bundle);
  return bundle;
}

/** The fields of a bundle: any other is refused (the hash does not cover what it does not know). */
const BUNDLE_FIELDS = new Set(['format', 'version', 'hash', 'entry', 'ruleset', 'rules', 'files', 'syntax']);

/** Reads a bundle's JSON; returns the problem when it is not a valid, untampered bundle. */
export function readBundle(text: string): { bundle?: RulesetBundle; problem?: { zh: string; en: string; offset?: number } } {
  let data: unknown;
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (bomLength) text = text.slice(1); // saved by an editor that writes a byte-order mark
  try {
    data = JSON.parse(text);
  } catch {
    // Said by the data layer's careful reader: where (an offset) and what, in both languages.
    const error = parseJsonSource(text).error;
    return { problem: { zh: `不是有效的 JSON：${error?.zh ?? '无法解析'}`, en: `not valid JSON: ${error?.en ?? 'it cannot be parsed'}`, offset: error && error.offset + bomLength } };
  }
  const b = data as Partial<RulesetBundle>;
  if (!b || b.format !== BUNDLE_FORMAT || typeof b.files !== 'object' || typeof b.entry !== 'string') {
    return { problem: { zh: '不是 suan compile 生成的规则集', en: 'not a ruleset produced by `suan compile`' } };
  }
  // Where a field's value is written, for a problem with that field (the bundle's text after its mark).
  const at = (key: string) => {
    const start = jsonLocator(text).startOf([key]);
    return start < 0 ? undefined : start + bomLength;
  };
  if (b.version !== BUNDLE_VERSION) {
    const newer = typeof b.version === 'number' && b.version > BUNDLE_VERSION;
    const problem = newer
      ? { zh: `它是较新版本的 suan 写的（格式版本 ${b.version}），这个 suan 读格式版本 ${BUNDLE_VERSION}（升级 suan 即可读取）`, en: `it was written by a newer suan (format version ${b.version}); this suan reads format version ${BUNDLE_VERSION} (a newer suan reads it)` }
      : { zh: `它是较早版本的 suan 写的（格式版本 ${b.version}），这个 suan 读格式版本 ${BUNDLE_VERSION}`, en: `it was written by an older suan (format version ${b.version}); this suan reads format version ${BUNDLE_VERSION}` };
    return { problem: { ...problem, offset: at('version') } };
  }
  const unknown = Object.keys(b).filter((k) => !BUNDLE_FIELDS.has(k));
  if (unknown.length > 0) return { problem: { zh: `有 suan compile 不写的字段 ${unknown.join('、')}`, en: `it has field(s) suan compile does not write: ${unknown.join(', ')}`, offset: at(unknown[0]!) } };
  for (const [k, v] of Object.entries(b.files!)) {
    if (typeof v !== 'string' || !k.endsWith('.suan')) return { problem: { zh: `文件 ${k} 无效`, en: `file ${k} is invalid` } };
  }
  if (b.syntax !== undefined && typeof b.syntax !== 'string') return { problem: { zh: 'syntax 字段无效', en: 'the syntax field is invalid' } };
  if (typeof b.ruleset !== 'object' || !Array.isArray(b.rules)) return { problem: { zh: '不是 suan compile 生成的规则集', en: 'not a ruleset produced by `suan compile`' } };
  if (bundleHash(b as RulesetBundle) !== b.hash) return { problem: { zh: '内容与其哈希不符（文件被修改过）', en: 'the content does not match its hash (the file was modified)' } };
  return { bundle: b as RulesetBundle };
}

/**
 * A host serving a bundle's files as if they were on disk at `root`, and — when the bundle's
 * syntax trees were written by this version (`tool`) — a parse cache holding them.
 */
export function bundleHost(bundle: RulesetBundle, root: string, tool: string): { host: SourceHost; entry: string; parseCache: Map<string, { text: string; parsed: ParseResult }> } {
  const byPath = new Map(Object.entries(bundle.files).map(([k, v]) => [path.resolve(root, k), v]));
  const parseCache = new Map<string, { text: string; parsed: ParseResult }>();
  const syntax = readSyntax(bundle.syntax, root);
  if (syntax?.tool === treesBy(tool)) {
    for (const [rel, tree] of Object.entries(syntax.files)) {
      const text = bundle.files[rel];
      if (text !== undefined && tree?.ast?.kind === 'File') parseCache.set(path.resolve(root, rel), { text, parsed: { ...tree, tokens: [] } });
    }
  }
  return {
    entry: path.resolve(root, bundle.entry),
    host: { readFile: (p) => (byPath.has(p) ? { text: byPath.get(p)! } : undefined) },
    parseCache,
  };
}

/** The bundle's syntax trees with their paths made absolute again; undefined when absent or unreadable. */
function readSyntax(text: string | undefined, root: string): BundledSyntax | undefined {
  if (text === undefined) return undefined;
  let syntax: BundledSyntax;
  try {
    syntax = JSON.parse(text) as BundledSyntax;
  } catch {
    return undefined;
  }
  // Every span names its file: made absolute in one walk over the trees (a JSON.parse reviver,
  // called for every value, took several times as long at start-up), each path resolved once.
  const absolute = new Map<string, string>();
  const visit = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) {
      const x = o[k];
      if (k === 'file' && typeof x === 'string') {
        let abs = absolute.get(x);
        if (abs === undefined) absolute.set(x, (abs = path.resolve(root, x)));
        o[k] = abs;
      } else if (typeof x === 'object' && x !== null) visit(x);
    }
  };
  try {
    visit(syntax);
  } catch {
    return undefined; // nested past the stack (not a tree `suan compile` wrote): the sources are parsed instead
  }
  return syntax;
}
