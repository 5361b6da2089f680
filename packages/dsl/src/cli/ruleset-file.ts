/**
 * Loads the ruleset a command names: a `.suan` entry file, or a compiled bundle (`.json`,
 * produced by `suan compile`), which gives identical results.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuleset, type LoadedRuleset } from '../api';
import { diagnostic } from '../diagnostics/diagnostic';
import { check } from '../semantics/checker';
import { bundleHost, readBundle } from '../semantics/bundle';
import { nodeFileHost, type RulesetSources } from '../semantics/sources';
import { VERSION } from './usage';

export async function loadRulesetFile(file: string): Promise<LoadedRuleset> {
  const abs = path.resolve(file);
  if (abs.endsWith('.json')) {
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return failed(abs, { zh: `无法读取文件（${why}）`, en: `the file cannot be read (${why})` });
    }
    const { bundle, problem } = readBundle(text);
    if (!bundle) return failed(abs, problem!);
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

/** A program with one diagnostic saying why the compiled ruleset cannot be used. */
function failed(file: string, reason: { zh: string; en: string }): LoadedRuleset {
  const span = { file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };
  const sources: RulesetSources = { entry: file, files: [], overrides: [], diagnostics: [diagnostic('SUAN0008', span, { path: file, reason: reason.zh, reason_en: reason.en })] };
  return { program: check(sources) };
}
