/**
 * Robustness of the checker, compiler and interpreter (property-based, fast-check, fixed seeds):
 * mutated and random rulesets are loaded, checked and — when error-free — compiled and run on a
 * real example disclosure. Nothing throws; every diagnostic has a known code, both languages and
 * a valid span in the file it names. Valid rulesets check without errors, and checking is
 * deterministic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDocument, loadDisclosure, loadRuleset, type LoadedRuleset } from '../../src/index';
import { memHost } from '../helpers';
import { REPO, diagnosticProblems, fsHost, suanFiles } from '../fixtures/support';
import { SAMPLES, TOKENS, mutatedSamples } from '../fixtures/fuzz';

const EXAMPLE = loadDisclosure(path.join(REPO, 'rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml'), fsHost).disclosure!;
const GOOD = path.join(__dirname, '../syntax/good');

/** Loads a one-file ruleset from text, runs it when it compiles, and returns the problems found. */
function checkProblems(text: string): string[] {
  const files = { 'main.suan': text };
  let rs: LoadedRuleset;
  try {
    rs = loadRuleset('/virtual/main.suan', memHost(files));
  } catch (e) {
    return [`check threw: ${e instanceof Error ? e.message : String(e)}`];
  }
  const problems = diagnosticProblems(rs.program.diagnostics, (f) => (f === '/virtual/main.suan' ? text : undefined));
  if (rs.compiled) {
    try {
      const result = evaluateDocument(rs.compiled, EXAMPLE, { detail: 'all', maxSteps: 200_000 });
      for (const r of result.rules) for (const f of r.findings) if (!f.message.zh || !f.message.en) problems.push(`rule ${r.id}: empty message`);
    } catch (e) {
      problems.push(`evaluation threw: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return problems;
}

describe('valid rulesets', () => {
  const standalone = suanFiles(GOOD).filter(([n]) => n !== 'imports.suan');

  it.each(standalone)('%s checks without errors or warnings, twice the same', (_n, file) => {
    const a = loadRuleset(file, fsHost);
    expect(a.program.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}`)).toEqual([]);
    expect(a.compiled).toBeDefined();
    const b = loadRuleset(file, fsHost, new Map());
    expect(b.program.rules.map((r) => [r.id, r.severity, r.slots])).toEqual(a.program.rules.map((r) => [r.id, r.severity, r.slots]));
  });

  it('the published example ruleset checks without errors and runs on its examples', () => {
    const rs = loadRuleset(path.join(REPO, 'rulesets/juesuan/juesuan.suan'), fsHost);
    expect(rs.program.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(() => evaluateDocument(rs.compiled!, EXAMPLE)).not.toThrow();
  });

  it('reuses a parse cache without changing the result', () => {
    const cache = new Map();
    const file = path.join(REPO, 'rulesets/juesuan/juesuan.suan');
    const a = loadRuleset(file, fsHost, cache);
    const b = loadRuleset(file, fsHost, cache);
    expect(b.program.rules.map((r) => r.id)).toEqual(a.program.rules.map((r) => r.id));
    expect(b.program.diagnostics.length).toBe(a.program.diagnostics.length);
  });
});

describe('the checker never throws and reports valid diagnostics', () => {
  it('on the examples with tokens shuffled, dropped or duplicated (run when they compile)', () => {
    const mutated = mutatedSamples(6);
    fc.assert(fc.property(mutated, (s) => {
      expect(checkProblems(s)).toEqual([]);
    }), { seed: 11, numRuns: 250 });
  });

  it('on truncations of the examples', () => {
    fc.assert(fc.property(fc.constantFrom(...SAMPLES), fc.double({ min: 0, max: 1, noNaN: true }), ({ text }, f) => {
      expect(checkProblems(text.slice(0, Math.floor(text.length * f)))).toEqual([]);
    }), { seed: 12, numRuns: 250 });
  });

  it('on soups of tokens inside a rule of the example ruleset', () => {
    const juesuan = SAMPLES[0]!.text;
    const soup = fc.array(fc.constantFrom(...TOKENS.filter((t) => !['\n', '\r\n', '"', '"未闭合', '`未闭合', '`'].includes(t))), { maxLength: 40 }).map((ts) => ts.join(' '));
    fc.assert(fc.property(soup, fc.constantFrom('assert', 'let 值 =', 'when', 'for r in', 'tolerance', 'message'), (body, clause) => {
      expect(checkProblems(`${juesuan}\nrule 模糊 { for r in 收入决算表 ${clause} ${body} }`)).toEqual([]);
    }), { seed: 13, numRuns: 400 });
  });

  it('on generated well-formed rules over the example declarations (type and unit combinations)', () => {
    const juesuan = SAMPLES[0]!.text;
    const operand = fc.constantFrom('r.本年收入合计', 'r.财政拨款收入', 'r.科目名称', 'r.科目编码', '0', '1.5', '100 元', '0.01 万元', '15.03%', '"210"', 'true', 'blank',
      'sum(x.本年收入合计 for x in 收入决算表)', 'sum(children(r).本年收入合计)', 'count(children(r))', 'parent(r).本年收入合计', 'level(r)', '类',
      '收入决算表["合计"].本年收入合计', 'round(r.本年收入合计, 2)', 'abs(r.其他收入)', 'r.事业收入 as 万元', 'key(r)');
    const op = fc.constantFrom('+', '-', '×', '÷', '=', '≈', '<', '>=', '!=', 'and', 'or', '??');
    const expr = fc.tuple(operand, fc.array(fc.tuple(op, operand), { maxLength: 4 })).map(([a, rest]) => [a, ...rest.flat()].join(' '));
    fc.assert(fc.property(expr, fc.boolean(), (e, withWhen) => {
      const rule = `rule 生成 { for r in 收入决算表 ${withWhen ? 'where present(r.本年收入合计)' : ''} assert ${e} message "{actual} {expected} {difference}" }`;
      expect(checkProblems(`${juesuan}\n${rule}`)).toEqual([]);
    }), { seed: 14, numRuns: 400 });
  });
});

describe('imports under mutation', () => {
  it('checks a ruleset whose imported files are mutated, reporting each file’s problems in that file', () => {
    const tables = fs.readFileSync(path.join(GOOD, 'tables.suan'), 'utf8');
    const rules = fs.readFileSync(path.join(GOOD, 'rules.suan'), 'utf8');
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (f, g) => {
      const files = {
        'main.suan': 'ruleset t { title "t" }\nimport "a.suan"\nimport "b.suan"\n',
        'a.suan': tables.slice(0, Math.floor(tables.length * f)),
        'b.suan': rules.slice(Math.floor(rules.length * g)),
      };
      const rs = loadRuleset('/virtual/main.suan', memHost(files));
      const texts: Record<string, string> = Object.fromEntries(Object.entries(files).map(([k, v]) => [`/virtual/${k}`, v]));
      expect(diagnosticProblems(rs.program.diagnostics, (file) => texts[file])).toEqual([]);
    }), { seed: 15, numRuns: 150 });
  });
});
