/**
 * `suan check` on a terminal: the progress bar shows while documents are checked, and the text
 * report written meanwhile reaches the terminal whole. Runs the built CLI in a pseudo-terminal
 * made by util-linux `script` (part of every Debian system).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO, suan } from './run-cli';

const RULESET = path.join(REPO, 'rulesets/juesuan');
const EXAMPLES = path.join(RULESET, 'examples');

/** Runs the CLI with stdout and stderr on one pseudo-terminal; returns what the terminal received. */
function onTerminal(args: string[]): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8', cwd: REPO, env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', COLUMNS: '200' },
  });
  if (r.error) throw new Error(`this test needs util-linux script(1) to make a terminal: ${r.error.message}`);
  return r.stdout;
}

/** The lines a terminal shows, without escape sequences and carriage returns. */
function shownLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/\r?\n|\r/).map((l) => l.trimEnd()).filter((l) => l.length > 0);
}

const withoutTime = (l: string) => l.replace(/\d+ ms/, 'N ms');

describe('suan check on a terminal', () => {
  for (const lang of ['en', 'zh-CN']) {
    it(`shows the whole text report, summary included, under the progress bar (${lang})`, () => {
      const args = ['check', RULESET, EXAMPLES, '--lang', lang, '--fail-on', 'never'];
      const piped = suan(args);
      expect(piped.code).toBe(0);
      const expected = shownLines(piped.stdout).map(withoutTime);
      expect(expected.length).toBeGreaterThan(20);
      const shown = new Set(shownLines(onTerminal(args)).map(withoutTime));
      const missing = expected.filter((l) => !shown.has(l));
      expect(missing).toEqual([]);
      expect([...shown].some((l) => l.startsWith(lang === 'en' ? 'Summary:' : '汇总'))).toBe(true);
    });
  }
});
