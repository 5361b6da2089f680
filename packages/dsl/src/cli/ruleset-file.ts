/**
 * Loads the ruleset a command names: a `.suan` entry file, a compiled bundle (`.json`,
 * produced by `suan compile`), which gives identical results, or the folder of a ruleset
 * (`rulesetEntry` finds its entry file).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuleset, type LoadedRuleset } from '../api';
import { diagnostic, readErrorReason, readErrorSpan, type Diagnostic } from '../diagnostics/diagnostic';
import { pointSpan } from '../data/load';
import { fileStart } from '../syntax/ast';
import { lineStarts } from '../syntax/parse';
import { check } from '../semantics/checker';
import { activeRuleCount } from '../semantics/program';
import { bundleHost, readBundle, type BundleOrigin } from '../semantics/bundle';
import { nodeFileHost, parseCached, type ParseCache, type RulesetSources, type SourceHost } from '../semantics/sources';
import type { ParseResult } from '../syntax/parse';
import { VERSION } from './usage';

/**
 * A loaded ruleset and the file it was loaded from (a folder's entry file, when a folder was
 * named); `bundle` when that file is a compiled bundle.
 */
export type NamedRuleset = LoadedRuleset & { entry: string; bundle?: BundleOrigin };

/**
 * Loads the ruleset a command names; a data file named in its place is said to be one (SUAN0011).
 * `entry` is the file loaded: the one named, or a folder's entry file. `cache` holds syntax trees
 * made before (the CLI's cache on disk, `syntax-cache.ts`): a source file whose text it holds is
 * not parsed again, and one that is parsed goes into it.
 */
export async function loadRulesetFile(file: string, cache?: ParseCache): Promise<NamedRuleset> {
  const found = rulesetEntry(path.resolve(file), cache);
  if ('problem' in found) return { ...failed(found.problem), entry: path.resolve(file) };
  return { ...withRules(await loadEntry(found.entry, found.parsed, cache), found.entry), entry: found.entry };
}

/**
 * A ruleset without a rule or a scorecard to run passes every document: an error (SUAN0014, 0016, 0018) for the
 * commands, which most likely were given a file the entry imports. (The checker alone does not
 * say so: such a file is fine in an editor.)
 */
function withRules(loaded: LoadedRuleset, entry: string): LoadedRuleset {
  const { program } = loaded;
  if (!loaded.compiled || activeRuleCount(program) > 0) return loaded;
  // All disabled by overrides (SUAN0018); with a header it is the entry, only empty (SUAN0016);
  // without one, most likely a file the entry imports (SUAN0014).
  const code = program.rules.length + program.scorecards.length > 0 ? 'SUAN0018' : program.info.span ? 'SUAN0016' : 'SUAN0014';
  return { program: { ...program, diagnostics: [...program.diagnostics, diagnostic(code, fileStart(entry), { path: entry })] } };
}

type ParseMap = Map<string, { text: string; parsed: ParseResult }>;

/**
 * The entry file of the ruleset `abs` names. A file is its own entry. In a folder, the entry is
 * its one `.suan` file, or else the one that opens with a `ruleset` header (`suan init` writes
 * one per folder; the files it imports have none). A folder with no such file, or several, is a
 * diagnostic that names them. The folder's files are parsed once: `parsed` hands them on.
 */
export function rulesetEntry(abs: string, cache?: ParseCache): { entry: string; parsed?: ParseMap } | { problem: Diagnostic } {
  let names: string[];
  try {
    if (!fs.statSync(abs).isDirectory()) return { entry: abs };
    names = fs.readdirSync(abs).filter((n) => n.endsWith('.suan')).sort();
  } catch {
    return { entry: abs }; // missing or unreadable: loading the file says which, as for any file
  }
  const files = names.map((n) => path.join(abs, n));
  if (files.length === 1) return { entry: files[0]! };
  const parsed: ParseMap = new Map();
  const entries = files.filter((f) => {
    let text: string;
    try {
      if (!fs.statSync(f).isFile()) return false;
      text = fs.readFileSync(f, 'utf8');
    } catch {
      return false;
    }
    const result = parseCached(f, text, cache);
    parsed.set(f, { text, parsed: result });
    return result.ast.header !== undefined;
  });
  if (entries.length === 1) return { entry: entries[0]!, parsed };
  if (entries.length === 0) {
    const reason = files.length === 0
      ? { reason: '其中没有 .suan 文件', reason_en: 'it holds no .suan file' }
      : { reason: `其中 ${files.length} 个 .suan 文件都没有以 ruleset 头部开头`, reason_en: `none of its ${files.length} .suan files opens with a \`ruleset\` header` };
    return { problem: diagnostic('SUAN0012', fileStart(abs), { path: abs, ...reason }) };
  }
  const shown = entries.map((f) => path.basename(f));
  return { problem: diagnostic('SUAN0013', fileStart(abs), { path: abs, files: shown.join(', '), first: entries[0]! }) };
}

async function loadEntry(abs: string, parsed: ParseMap | undefined, cache: ParseCache | undefined): Promise<LoadedRuleset & { bundle?: BundleOrigin }> {
  if (/\.(ya?ml|csv)$/i.test(abs)) return failed(diagnostic('SUAN0011', fileStart(abs), { path: abs }));
  if (!abs.endsWith('.suan') && !abs.endsWith('.json') && fs.existsSync(abs)) return failed(diagnostic('SUAN0015', fileStart(abs), { path: abs }));
  if (abs.endsWith('.json')) {
    const files = await nodeFileHost();
    const read = files.readFile(abs);
    if (read === undefined) return failed(diagnostic('SUAN0010', fileStart(abs), { path: abs, cwd: process.cwd() }));
    if ('error' in read) {
      const why = readErrorReason(read.error);
      return failed(invalid(abs, { zh: `无法读取文件：${why.reason}`, en: `the file cannot be read: ${why.reason_en}` }, readErrorSpan(abs, read.error)));
    }
    const text = read.text;
    const { bundle, problem } = readBundle(text);
    if (!bundle) return failed(looksLikeData(text) ? diagnostic('SUAN0011', fileStart(abs), { path: abs }) : invalid(abs, problem!, problem?.offset === undefined ? undefined : pointSpan(abs, lineStarts(text), problem.offset)));
    const { host, entry, parseCache } = bundleHost(bundle, path.dirname(abs), VERSION);
    const origin = { file: abs, hash: bundle.hash, ...besideBundle(bundle.files, path.dirname(abs), files) };
    let loaded: LoadedRuleset;
    if (parseCache.size) {
      // The trees are only a head start: if they cannot be used (a hand-made bundle), parse the sources.
      try {
        loaded = loadRuleset(entry, host, parseCache);
      } catch {
        loaded = loadRuleset(entry, host);
      }
    } else loaded = loadRuleset(entry, host);
    // A source edited since it was compiled: said, since the results are not the edited file's.
    const changed = origin.changed.map((f) => diagnostic('SUAN0017', fileStart(f), { path: f, bundle: abs }));
    return { ...loaded, program: { ...loaded.program, diagnostics: [...loaded.program.diagnostics, ...changed] }, bundle: origin };
  }
  const host = await nodeFileHost();
  if (!cache) return loadRuleset(abs, host, parsed);
  // Trees from the cache are only a head start: if they cannot be used (an entry changed by hand
  // to a tree the parser never makes), the sources are parsed, all of them (a folder's too).
  try {
    return loadRuleset(abs, host, parsed ? both(parsed, cache) : cache);
  } catch {
    return loadRuleset(abs, host);
  }
}

/**
 * Whether every source of a bundle is on disk where its rules' places say, with the very text
 * compiled (`sourcesBeside`), and which are there with another text (`changed`).
 */
function besideBundle(files: Record<string, string>, root: string, host: SourceHost): { sourcesBeside: boolean; changed: string[] } {
  let sourcesBeside = true;
  const changed: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const file = path.resolve(root, rel);
    // Read as every source is (a pipe or a device in its place is refused, never waited on).
    const read = host.readFile(file);
    if (!read || !('text' in read)) {
      sourcesBeside = false;
      continue;
    }
    const there = read.text;
    if (there !== text) {
      sourcesBeside = false;
      changed.push(file);
    }
  }
  return { sourcesBeside, changed };
}

/** The trees of `first` (this run's), then of `second`; what is parsed goes into both. */
function both(first: ParseCache, second: ParseCache): ParseCache {
  return {
    get: (p) => first.get(p) ?? second.get(p),
    set: (p, entry) => {
      first.set(p, entry);
      second.set(p, entry);
    },
  };
}

/** A program with one diagnostic saying why the named ruleset cannot be used. */
function failed(d: Diagnostic): LoadedRuleset {
  const sources: RulesetSources = { entry: d.span.file, files: [], overrides: [], diagnostics: [d] };
  return { program: check(sources) };
}

/** A JSON disclosure (docs/data-format.md) rather than a compiled ruleset: it opens with one of a disclosure's fields. */
function looksLikeData(text: string): boolean {
  return /^\s*\{\s*"(suan|document|tables|facts)"\s*:/.test(text);
}

function invalid(file: string, reason: { zh: string; en: string }, at = fileStart(file)): Diagnostic {
  return diagnostic('SUAN0008', at, { path: file, reason: reason.zh, reason_en: reason.en });
}
