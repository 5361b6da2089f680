/**
 * The JSON report writes rules with nothing to explain from a template (reporting/json.ts
 * `documentJson`); the text must be exactly `JSON.stringify` of the report's document, for
 * every published ruleset and its example disclosures (findings, scorecards, not-applicable
 * reasons, data diagnostics), a synthetic batch, and a file that could not be loaded.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDisclosure, loadRuleset } from '../../src/index';
import { documentJson, reportDocument } from '../../src/reporting/json';
import { nodeFileHost } from '../../src/semantics/sources';
import { generateJuesuan } from '../../bench/gen-juesuan';

const RULESETS = path.resolve(__dirname, '../../../../rulesets');

describe('JSON report documents', () => {
  it('are JSON.stringify of the report document, for every published ruleset and example', async () => {
    const host = await nodeFileHost();
    let checked = 0;
    for (const id of fs.readdirSync(RULESETS)) {
      const dir = path.join(RULESETS, id);
      const entry = fs.readdirSync(dir).find((f) => f.endsWith('.suan') && fs.readFileSync(path.join(dir, f), 'utf8').includes('ruleset '));
      if (!entry || !fs.existsSync(path.join(dir, 'examples'))) continue;
      const rs = loadRuleset(path.join(dir, entry), host);
      expect(rs.compiled, id).toBeDefined();
      for (const f of fs.readdirSync(path.join(dir, 'examples'))) {
        const file = path.join(dir, 'examples', f);
        const { load, result } = checkDisclosure(rs.compiled!, file, host);
        const e = { file, result, diagnostics: result ? result.diagnostics : load.diagnostics };
        expect(documentJson(e)).toBe(JSON.stringify(reportDocument(e)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('are the same for synthetic documents with and without inconsistencies, and for an unreadable file', async () => {
    const host = await nodeFileHost();
    const rs = loadRuleset(path.join(RULESETS, 'juesuan/juesuan.suan'), host);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-json-'));
    for (let i = 0; i < 20; i++) {
      const file = path.join(dir, `d${i}.json`);
      fs.writeFileSync(file, JSON.stringify(generateJuesuan(i, 7).json));
      const { result } = checkDisclosure(rs.compiled!, file, host);
      const e = { file, result, diagnostics: result!.diagnostics };
      expect(documentJson(e)).toBe(JSON.stringify(reportDocument(e)));
    }
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "suan": 1, ');
    const { load } = checkDisclosure(rs.compiled!, broken, host);
    const e = { file: broken, diagnostics: load.diagnostics };
    expect(documentJson(e)).toBe(JSON.stringify(reportDocument(e)));
  });
});
