/**
 * Loads the ruleset a command names: a `.suan` entry file, or a compiled bundle (`.json`,
 * produced by `suan compile`), which gives identical results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuleset, type LoadedRuleset } from '../api';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import { fileStart } from '../syntax/ast';
import { check } from '../semantics/checker';
import { bundleHost, readBundle } from '../semantics/bundle';
import { nodeFileHost, type RulesetSources } from '../semantics/sources';
import { VERSION } from './usage';

/** Loads the ruleset a command names; a data file named in its place is said to be one (SUAN0011). */
export async function loadRulesetFile(file: string): Promise<LoadedRuleset> {
  const abs = path.resolve(file);
  if (/\.(ya?ml|csv)$/i.test(abs)) return failed(diagnostic('SUAN0011', fileStart(abs), { path: abs }));
  if (abs.endsWith('.json')) {
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return failed(diagnostic('SUAN0010', fileStart(abs), { path: abs, cwd: process.cwd() }));
      const why = e instanceof Error ? e.message : String(e);
      return failed(invalid(abs, { zh: `无法读取文件（${why}）`, en: `the file cannot be read (${why})` }));
    }
    const { bundle, problem } = readBundle(text);
    if (!bundle) return failed(looksLikeData(text) ? diagnostic('SUAN0011', fileStart(abs), { path: abs }) : invalid(abs, problem!));
    const { host, entry, parseCache } = bundleHost(bundle, path.dirname(abs), VERSION);
    if (parseCache.size) {
      // The trees are only a head start: if they cannot be used (a hand-made bundle), parse the sources.
      try {
        return loadRuleset(entry, host, parseCache);
      } catch {
        return loadRuleset(entry, host);
      }
    }
    return loadRuleset(entry, host);
  }
  return loadRuleset(abs, await nodeFileHost());
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

function invalid(file: string, reason: { zh: string; en: string }): Diagnostic {
  return diagnostic('SUAN0008', fileStart(file), { path: file, reason: reason.zh, reason_en: reason.en });
}
