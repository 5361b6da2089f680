/**
 * Regression tests: each states a behaviour that was once wrong (found by the test suite) and
 * is now fixed. The comment above a test says what the defect was.
 */
import { describe, expect, it } from 'vitest';
import { evaluateDocument, formatMessage, loadDisclosureText } from '../../src/index';
import { parseWrittenNumber } from '../../src/data/written-number';
import { memHost, ruleset } from '../helpers';

const load = (name: string, text: string) => loadDisclosureText(`/virtual/${name}`, text, memHost({}));
const at = (d: { code: string; span: { line: number; col: number } }) => `${d.code} ${d.span.line}:${d.span.col}`;

describe('JSON', () => {
  // json-source.ts parseJsonSource() keeps every entry and jsonToPlain() lets the last win, so a
  // table or fact written twice silently loses the first; YAML reports the same as an error.
  it('a key written twice in one object is an error at the second', () => {
    const r = load('a.json', '{\n  "suan": 1,\n  "facts": {\n    "收支总计": "1.00",\n    "收支总计": "2.00"\n  }\n}');
    expect(r.diagnostics.map(at)).toEqual(['SUAN5001 5:5']);
  });

  // load.ts disclosure.cellSpan()/factSpan() make every span `raw.length + 2` characters long
  // (for the quotes of a string); an unquoted value (a JSON number, a plain YAML scalar) has none,
  // so the span runs 2 characters past it — past the end of the file for the last value.
  it('the span of an unquoted value covers the value only', () => {
    const text = '{"suan": 1, "tables": {"表": {"columns": ["a"], "rows": [[41.660]]}}}';
    const s = load('a.json', text).disclosure!.cellSpan('表', 0, 'a');
    expect(text.slice(s.start, s.end)).toBe('41.660');
    const yaml = 'suan: 1\nfacts:\n  收支总计: 2308.50\n  增长率: 83.59%\n';
    const d = load('a.yaml', yaml).disclosure!;
    for (const [name, written] of [['收支总计', '2308.50'], ['增长率', '83.59%']]) {
      const f = d.factSpan(name!);
      expect(yaml.slice(f.start, f.end)).toBe(written);
    }
  });
});

describe('YAML', () => {
  // yaml-source.ts yamlToPlain() returns offset 0 when the alias budget or the depth limit is
  // exceeded, so the error is reported at line 1, column 1 instead of where it happens.
  it('an alias bomb is reported where the expansion explodes, not at 1:1', () => {
    let bomb = 'suan: 1\nfacts:\n  a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    let prev = 'a';
    for (const n of 'bcdefghijklmnop') {
      bomb += `  ${n}: &${n} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
      prev = n;
    }
    const [d] = load('bomb.yaml', bomb).diagnostics;
    expect(d!.code).toBe('SUAN5001');
    expect(d!.span.line).toBeGreaterThanOrEqual(3);
  });

  it('300 levels of nesting are reported at the nesting, not at 1:1', () => {
    const [d] = load('deep.yaml', `suan: 1\nfacts:\n  x: ${'['.repeat(300)}${']'.repeat(300)}\n`).diagnostics;
    expect(d!.code).toBe('SUAN5001');
    expect(d!.span.line).toBe(3);
  });

  // yaml-source.ts yamlToPlain() turns an alias it cannot resolve (an undefined anchor, or an
  // anchor of one of its own ancestors) into null, so the fact silently becomes "not stated".
  it('an alias to an undefined or enclosing anchor is an error', () => {
    expect(load('a.yaml', 'suan: 1\nfacts:\n  x: &a "1"\n  y: *b\n').diagnostics.map(at)).toEqual(['SUAN5001 4:6']);
    expect(load('a.yaml', 'suan: 1\nfacts: &f\n  x: *f\n').diagnostics.map((d) => d.code)).toEqual(['SUAN5001']);
  });

  // yaml-source.ts parseYamlSource() gives zh-CN readers only the library's error code
  // ("YAML 语法错误（BAD_INDENT）") while English readers get the explanation.
  it('a YAML syntax error is explained in Chinese too', () => {
    const [d] = load('a.yaml', 'suan: 1\ntables:\n  T:\n    columns: [a\n').diagnostics;
    expect(formatMessage(d!, 'zh-CN')).not.toMatch(/[A-Z]{3,}_[A-Z]+/);
  });

  // parseYamlSource() passes the yaml library's message on: for two documents in one file it
  // tells the user to "use YAML.parseAllDocuments()", a programming API.
  it('two documents in one file are explained in the user’s terms', () => {
    const [d] = load('a.yaml', 'suan: 1\n---\nsuan: 1\n').diagnostics;
    expect(formatMessage(d!, 'en')).not.toMatch(/parseAllDocuments|YAML\./);
  });

  // yamlToPlain() expands a `!!binary` value into a byte array, and each byte is reported as a
  // fact of the wrong shape: five errors for one value.
  it('one wrong value, one error', () => {
    expect(load('a.yaml', 'suan: 1\nfacts:\n  x: !!binary aGVsbG8=\n').diagnostics.length).toBe(1);
  });
});

describe('shape messages', () => {
  // load.ts issueReason() says "has the wrong type (a cell is a string or blank)" for every
  // zod invalid_union, also for `suan: 2`; and TYPE_NAMES has no "record", so "tables: []"
  // reads "should be record" / "应为record".
  it('a wrong version says which versions exist, not what a cell is', () => {
    const [d] = load('a.json', '{"suan": 2}').diagnostics;
    expect(formatMessage(d!, 'en')).not.toMatch(/cell/);
  });

  it('tables and facts that are not objects say so in words', () => {
    const [d] = load('a.json', '{"suan": 1, "tables": []}').diagnostics;
    expect(formatMessage(d!, 'en')).not.toMatch(/record/);
    expect(formatMessage(d!, 'zh-CN')).not.toMatch(/record/);
  });

  // load.ts pointSpan() gives every data diagnostic a length of 1; at the end of the file (an
  // empty file, a file that ends early) the span runs past the text.
  it('a diagnostic at the end of a data file stays inside the file', () => {
    for (const [name, text] of [['e.json', ''], ['f.json', '{"suan": 1,'], ['g.yaml', '']] as const) {
      const [d] = load(name, text).diagnostics;
      expect(d!.span.end, name).toBeLessThanOrEqual(text.length);
    }
  });
});

describe('written numbers', () => {
  // written-number.ts parseWrittenNumber() flips the sign for the parentheses and again for the
  // minus, so "(-5)" — negative in either notation — reads as +5.
  it('"(-5)" is negative (or refused), never +5', () => {
    const n = parseWrittenNumber('(-5)');
    expect(n === undefined || (n !== null && n.v < 0n)).toBe(true);
  });

  // catalogue.ts SUAN5005/SUAN5011 en: "is not a valid {expected}" with expected "an amount",
  // "a percentage", … reads "is not a valid an amount".
  it('SUAN5005 and SUAN5011 read as English', () => {
    const rs = ruleset('ruleset t { title "t" }\ntable 表 { key k: text  金额: money }\nfact 总额: money 万元\nrule R { for r in 表 assert r.金额 >= 0 元 }');
    const d = load('d.yaml', 'suan: 1\ndocument: { currency_unit: 元 }\ntables:\n  表:\n    columns: [k, 金额]\n    rows:\n      - [a, x]\nfacts:\n  总额: y\n').disclosure!;
    const ds = evaluateDocument(rs.compiled!, d).diagnostics.filter((x) => x.code === 'SUAN5005' || x.code === 'SUAN5011');
    expect(ds.length).toBe(2);
    for (const x of ds) expect(formatMessage(x, 'en')).not.toMatch(/valid (an|a) /);
  });
});
