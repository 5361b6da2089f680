/**
 * Bad parse cases: every file in `bad/` is a literate case. Beside it, `<name>.expected.txt`
 * holds the expected diagnostics, one per line as `CODE line:col English message`, reviewed by
 * hand (position right; the message says what is wrong and what to do). They are compared
 * exactly (in source order). A `# items:` line names the declarations that must still be in the
 * tree: parsing recovers and goes on after an error.
 *
 * Cases marked `# known-bug:` show a defect of the implementation and are skipped here (none at
 * present); their expected files hold the behaviour they should have.
 */
import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, loadRuleset, parse } from '../../src/index';
import { memHost } from '../helpers';
import { diagnosticProblems } from '../fixtures/support';
import { badCases, itemNames, sortedLines } from './cases';

const cases = badCases.filter((c) => !c.knownBug);

describe('bad parse cases', () => {
  it('every bad case has an expected file and an items line', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of badCases) {
      expect(fs.existsSync(c.file.replace(/\.suan$/, '.expected.txt')), c.name).toBe(true);
      expect(c.items, c.name).not.toBe('');
      expect(c.expected.length, c.name).toBeGreaterThan(0);
    }
  });

  describe.each(cases)('$name', ({ file, text, items, expected }) => {
    const r = parse(text, file);

    it('reports exactly the expected diagnostics', () => {
      expect(sortedLines(r.diagnostics)).toEqual(expected);
    });

    it('recovers: the declarations around the error are in the tree', () => {
      expect(itemNames(r.ast.items)).toBe(items);
    });

    it('says it in Chinese too, at a valid position', () => {
      for (const d of r.diagnostics) {
        const zh = formatMessage(d, 'zh-CN');
        expect(zh).not.toBe(formatMessage(d, 'en'));
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(diagnosticProblems(r.diagnostics, () => text)).toEqual([]);
    });

    it('reaches the user unchanged through the checker', () => {
      const rs = loadRuleset('/virtual/main.suan', memHost({ 'main.suan': text }));
      const syntax = rs.program.diagnostics.filter((d) => d.code.startsWith('SUAN1'));
      expect(sortedLines(syntax)).toEqual(expected.filter((l) => l.startsWith('SUAN1')));
      expect(rs.compiled).toBeUndefined();
    });
  });
});
