/**
 * The one-pass JSON reader (`readJsonDisclosure`) and the tree-less locator (`jsonLocator`)
 * against the careful path they stand in for (`parseJsonSource` + `DisclosureSchema`, `jsonRange`):
 * whenever the reader gives a disclosure, the careful path gives the same one, and every value
 * (and every path that leads nowhere) is located exactly where `jsonRange` locates it.
 * Inputs: the published example disclosures, synthetic 决算 disclosures, random disclosure-shaped
 * values written with and without indentation, and examples with characters changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readJsonDisclosure } from '../../src/data/json-disclosure';
import { jsonLocator, jsonRange, jsonToPlain, parseJsonSource } from '../../src/data/json-source';
import { DisclosureSchema, type DisclosureInput } from '../../src/data/schema';
import { parseYamlSource, yamlToPlain } from '../../src/data/yaml-source';
import { generateJuesuan } from '../../bench/gen-juesuan';
import { disclosureLike } from '../fixtures/fuzz';
import { REPO } from '../fixtures/support';

/** The published example disclosures (YAML) written as JSON, and the JSON fixtures. */
const EXAMPLES = [
  ...fs.readdirSync(path.join(REPO, 'rulesets'), { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((d) => {
    const dir = path.join(REPO, 'rulesets', d.name, 'examples');
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f, i) => {
      const plain = yamlToPlain(parseYamlSource(fs.readFileSync(path.join(dir, f), 'utf8')).source!).value;
      return JSON.stringify(plain, null, i % 2 ? 2 : undefined);
    });
  }),
  fs.readFileSync(path.resolve(__dirname, '../fixtures/data/disclosure.json'), 'utf8'),
];
const SYNTHETIC = Array.from({ length: 20 }, (_, i) => JSON.stringify(generateJuesuan(i, 7).json, null, i % 2 ? 2 : undefined));

/** What the careful path reads from `text`, or undefined when it reports a problem. */
function careful(text: string): DisclosureInput | undefined {
  const r = parseJsonSource(text);
  if (!r.root) return undefined;
  const parsed = DisclosureSchema.safeParse(jsonToPlain(r.root));
  return parsed.success ? parsed.data : undefined;
}

/** Every path in a plain value, and paths next to them that lead nowhere. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at, [...at, 'zz'], [...at, 0], [...at, 99], [...at, -1]];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** Checks the reader against the careful path on one text; returns whether the reader took it. */
function agrees(text: string): boolean {
  const read = readJsonDisclosure(text);
  if (read === undefined) return false;
  const quick = read.input;
  const slow = careful(text);
  expect(slow, 'the careful path rejects a text the reader took').toBeDefined();
  expect(quick).toEqual(slow);
  // The order of tables and facts is the order of the report: it must be the same too.
  expect(Object.keys(quick.tables ?? {})).toEqual(Object.keys(slow!.tables ?? {}));
  expect(JSON.stringify(quick.facts)).toEqual(JSON.stringify(slow!.facts));
  const root = parseJsonSource(text).root!;
  // Every path of a small text; an even sample of 300 in a large one (each scan reads the text).
  const all = paths(jsonToPlain(root));
  const step = Math.max(1, Math.floor(all.length / 300));
  // One locator for all paths (its indexes are reused), seeded with what the reader saw, and one left to find its own way.
  const seeded = jsonLocator(text, read.objects);
  const fresh = jsonLocator(text);
  for (let k = 0; k < all.length; k += step) {
    const want = jsonRange(root, all[k]!);
    expect(seeded.range(all[k]!), JSON.stringify(all[k])).toEqual(want);
    expect(fresh.range(all[k]!), JSON.stringify(all[k])).toEqual(want);
    expect(seeded.startOf(all[k]!)).toBe(want ? want.start : -1);
  }
  return true;
}

describe('the one-pass JSON reader', () => {
  it('reads every published example and synthetic disclosure as the careful path does', () => {
    expect(EXAMPLES.length).toBeGreaterThan(5);
    for (const text of [...EXAMPLES, ...SYNTHETIC]) expect(agrees(text)).toBe(true);
  });

  it('agrees with the careful path on random disclosure-shaped values', () => {
    let taken = 0;
    fc.assert(fc.property(disclosureLike, fc.constantFrom(undefined, 2, '\t'), (v, indent) => {
      if (agrees(JSON.stringify(v, null, indent))) taken++;
    }), { seed: 31, numRuns: 400 });
    expect(taken).toBeGreaterThan(20); // the fast path is exercised, not only the give-ups
  });

  it('agrees with the careful path on examples with characters changed', () => {
    const edits = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('"', ':', '-', '[', ']', '{', '}', ',', '\\', '\\"', '\\n', '\\u00e9', '1', '0.50', 'null', ' ', '\n', '\ufeff', '')), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(fc.constantFrom(...EXAMPLES, ...SYNTHETIC.slice(0, 4)), edits, (text, es) => {
      let t = text;
      for (const [f, ch] of es) {
        const at = Math.floor(t.length * f);
        t = t.slice(0, at) + ch + t.slice(at + 1);
      }
      agrees(t);
    }), { seed: 32, numRuns: 300 });
  });

  it('reads escapes and numbers as written', () => {
    const text = '{ "suan": 1, "document": {"title": "a\\"b\\\\c\\u00e9\\n", "year": 2021},\n "tables": {"208": {"columns": ["x", 7], "rows": [[1.50, null, "-"], []]}, "表": {}},\n "facts": {"a": {"value": "1", "unit": "元"}, "b": [true, false, null, -0.0]} }';
    expect(agrees(text)).toBe(true);
    const d = readJsonDisclosure(text)!.input;
    expect(d.document?.title).toBe('a"b\\cé\n');
    expect(d.tables?.['208']?.rows).toEqual([['1.50', null, '-'], []]);
    expect(d.tables?.['208']?.columns).toEqual(['x', '7']);
    expect(agrees('\ufeff{"suan": "1"}\n')).toBe(true); // a byte order mark, as the careful reader allows
  });

  it('leaves to the careful path what it does not read', () => {
    const giveUps = [
      '{"suan": 1, "suan": 1}', // a key twice
      '{"tables": {"t": {"rows": [{"a": "1", "a": "2"}]}}}', // a cell twice
      '{"tables": {"t": {"rows": [{"a": true}]}}}', // a cell that is not text
      '{"tables": {"t": {"csv": "t.csv"}}}', // a table read from CSV
      '{"suan": 1.0}', // not the version as written
      '{"document": {"year": "21"}}', // not a year
      '{"tables": {"t": {"title": null}}}', // a field of the wrong type
      '{"x": 1}', // an unknown field
      '{"facts": {"__proto__": "1"}}',
      '{"suan": 1} x', // content after the value
      '{"document": {"title": "a\u0001"}}', // a control character in a string
      '{"document": {"title": "\\x"}}', // an invalid escape
      '{"document": {"title": "open}}',
      '',
    ];
    for (const text of giveUps) expect(readJsonDisclosure(text), text).toBeUndefined();
  });
});
