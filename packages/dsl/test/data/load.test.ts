/**
 * Loading disclosures (docs/data-format.md): JSON, YAML and CSV; numbers keep their written
 * text; blank is not "0.00"; array rows and object rows; `$source`; grouped facts; CSV tables
 * referenced from YAML and kept inside the data directory; and for every malformed file a
 * diagnostic with the right file, line and column. Fixture files are read from disk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateDocument, formatMessage, loadDisclosure, loadDisclosureText, nodeFileHost, type Diagnostic } from '../../src/index';
import { memHost, ruleset } from '../helpers';
import { diagnosticProblems, fsHost } from '../fixtures/support';

const FIXTURES = path.resolve(__dirname, '../fixtures/data');

/** `CODE file:line:col English message` with the file relative to the fixtures or /virtual. */
function lines(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${path.basename(d.span.file)}:${d.span.line}:${d.span.col} ${formatMessage(d, 'en')}`);
}
function loadText(name: string, text: string, files: Record<string, string> = {}) {
  return loadDisclosureText(`/virtual/${name}`, text, memHost(files));
}
const cells = (r: ReturnType<typeof loadText>, table: string) => r.disclosure!.tables.get(table)!.rows.map((x) => x.cells);

describe('JSON', () => {
  const r = loadDisclosure(path.join(FIXTURES, 'disclosure.json'), fsHost);
  const d = r.disclosure!;

  it('loads the document, with no diagnostics', () => {
    expect(r.diagnostics).toEqual([]);
    expect(d.format).toBe('json');
    expect(d.meta).toEqual({ title: '示例', unit: undefined, year: 2021, kind: '部门决算', currencyUnit: '元', source: undefined });
    const t = d.tables.get('支出决算表')!;
    expect([t.title, t.unit, t.source, t.empty, t.columns.length]).toEqual(['三、支出决算表', '万元', '公开03表', false, 5]);
  });

  it('keeps the written text of JSON numbers (41.660 keeps 3 decimals), strings as written, null as blank', () => {
    expect(d.tables.get('支出决算表')!.rows.map((x) => x.cells)).toEqual([
      ['合计', '', '2,330.12', '350.12', '1,980.00'],
      ['208', '社会保障和就业支出', '41.660', '41.66', null],
      ['21013', '医疗救助', '753.00', null, '753.00'],
    ]);
  });

  it('reads object rows by column name (missing keys blank) with their $source', () => {
    expect(d.tables.get('支出决算表')!.rows.map((x) => x.source)).toEqual([undefined, undefined, 'p.3']);
  });

  it('reads facts as strings or objects, grouped facts as dotted names, numbers as written', () => {
    expect([...d.facts.values()]).toEqual([
      { name: '收支总计', raw: '2,330.12', unit: '万元', source: '第1句' },
      { name: '增长率', raw: '83.59%' },
      { name: '人数', raw: '22' },
      { name: '三公经费.合计', raw: '1.5', unit: '万元', source: undefined },
      { name: '三公经费.公务接待费', raw: '0.3' },
    ]);
  });

  it('locates cells of array rows and object rows, and facts, at their value', () => {
    const at = (s: { line: number; col: number; endCol: number }) => `${s.line}:${s.col}-${s.endCol}`;
    expect(at(d.cellSpan('支出决算表', 0, '本年支出合计'))).toBe('11:20-30');
    expect(at(d.cellSpan('支出决算表', 1, '本年支出合计'))).toBe('12:30-36'); // 41.660, an unquoted JSON number
    expect(at(d.cellSpan('支出决算表', 2, '项目支出'))).toBe('13:72-80');
    expect(at(d.factSpan('收支总计'))).toBe('18:24-34');
    expect(at(d.factSpan('三公经费.公务接待费'))).toBe('21:64-69');
  });
});

describe('JSON errors', () => {
  it.each([
    ['a missing comma', '{\n  "suan": 1,\n  "tables": { "T": { "columns": ["a"] "rows": [] } }\n}', 'SUAN5001 a.json:3:39 Malformed data file: expected "," or "}".'],
    ['a trailing comma', '{\n  "suan": 1,\n  "facts": { "x": "1", }\n}', 'SUAN5001 a.json:3:24 Malformed data file: a comma before "}": JSON allows none after the last entry; remove it.'],
    ['a trailing comma in a list', '{\n  "suan": 1,\n  "facts": { "x": ["1", ] }\n}', 'SUAN5001 a.json:3:25 Malformed data file: a comma before "]": JSON allows none after the last item; remove it.'],
    ['an unquoted key', '{\n  "suan": 1,\n  "facts": { x: "1" }\n}', 'SUAN5001 a.json:3:14 Malformed data file: expected a quoted key (JSON writes keys in double quotes, as "suan").'],
    ['a line break in a string', '{\n  "suan": 1,\n  "facts": { "x": "1\n" }\n}', 'SUAN5001 a.json:3:21 Malformed data file: control character in string (write \\n for a newline).'],
    ['a bad escape', '{\n  "suan": 1,\n  "facts": { "x": "\\q" }\n}', 'SUAN5001 a.json:3:20 Malformed data file: invalid escape.'],
    ['a bad \\u escape', '{\n  "suan": 1,\n  "facts": { "x": "\\u12G4" }\n}', 'SUAN5001 a.json:3:20 Malformed data file: invalid \\u escape.'],
    ['an unterminated string (reported where the line ends inside it)', '{\n  "suan": 1,\n  "facts": { "x": "1 }\n}', 'SUAN5001 a.json:3:23 Malformed data file: control character in string (write \\n for a newline).'],
    ['a second value', '{\n  "suan": 1\n}\n{}', 'SUAN5001 a.json:4:1 Malformed data file: unexpected content after the JSON value.'],
    ['an early end', '{\n  "suan": 1,\n  "facts": { "x": "1" \n', 'SUAN5001 a.json:4:1 Malformed data file: the file ends before its JSON does (a } or ] is missing): it may have been cut off (an interrupted copy or export?); compare it with the original.'],
    ['an empty file', '', 'SUAN5001 a.json:1:1 Malformed data file: the file is empty: it holds no data. Check that it was written out completely (an interrupted copy or export?).'],
    ['a file of spaces', ' \n\n', 'SUAN5001 a.json:1:1 Malformed data file: the file is empty: it holds no data. Check that it was written out completely (an interrupted copy or export?).'],
    ['a leading zero', '{"suan": 1, "facts": {"x": 01}}', 'SUAN5001 a.json:1:29 Malformed data file: expected "," or "}".'],
  ])('%s', (_what, text, expected) => {
    const r = loadText('a.json', text);
    expect(r.disclosure).toBeUndefined();
    expect(lines(r.diagnostics)).toEqual([expected]);
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toMatch(/^数据文件格式错误：/);
  });

  it('refuses 300 levels of nesting at the 201st, without exhausting the stack', () => {
    const r = loadText('deep.json', `{"suan": 1, "facts": {"x": ${'['.repeat(300)}${']'.repeat(300)}}}`);
    expect(lines(r.diagnostics)).toEqual(['SUAN5001 deep.json:1:227 Malformed data file: nesting deeper than 200.']);
    expect(loadText('deep.json', `{"suan": 1, "facts": ${'{"a":'.repeat(300)}"1"${'}'.repeat(300)}}`).diagnostics[0]!.code).toBe('SUAN5001');
  });

  it('accepts a byte-order mark, and counts columns after it, as an editor shows them', () => {
    expect(loadText('a.json', '\uFEFF{"suan": 1}').diagnostics).toEqual([]);
    const [withMark, without] = ['\uFEFF', ''].map((bom) => lines(loadText('a.json', `${bom}{"suan": 1, "tables": {"T": {"rows": 5}}}`).diagnostics));
    expect(withMark!).toEqual(without);
    expect(withMark![0]).toMatch(/^SUAN5002 a\.json:1:38 /);
  });
});

describe('YAML', () => {
  const yaml = `suan: 1
document: { kind: 部门决算, year: 2021, currency_unit: 元 }
tables:
  表:
    unit: 元
    columns: [编码, 金额, 比例]
    rows:
      - ["201", 2308.50, "0.00"]
      - ["202", 2308.500, ""]
      - ["203", ~, -0.10]
      - { 编码: "204", 金额: "1,000.00", $source: 第2页 }
facts:
  x: 2308.50
  y: "12%"
  g:
    h: "5"
    i: { value: 1.50, unit: 万元 }
`;
  const r = loadText('d.yaml', yaml);

  it('keeps the written text of YAML numbers and tells blank from 0.00', () => {
    expect(r.diagnostics).toEqual([]);
    expect(cells(r, '表')).toEqual([
      ['201', '2308.50', '0.00'],
      ['202', '2308.500', ''],
      ['203', null, '-0.10'],
      ['204', '1,000.00', null],
    ]);
    expect(r.disclosure!.tables.get('表')!.rows[3]!.source).toBe('第2页');
    expect([...r.disclosure!.facts.values()].map((f) => `${f.name}=${f.raw}${f.unit ? ` ${f.unit}` : ''}`)).toEqual(['x=2308.50', 'y=12%', 'g.h=5', 'g.i=1.50 万元']);
    expect(r.disclosure!.meta.year).toBe(2021);
  });

  it('reads a year written in full-width digits or with spaces, as conversions give it, in JSON and YAML alike', () => {
    for (const [year, expected] of [['２０２１', 2021], ['２０２１年度', 2021], [' 2022 年度 ', 2022], ['2023年 度', 2023], ['2024', 2024]] as const) {
      const json = loadText('a.json', JSON.stringify({ suan: 1, document: { year } }));
      expect(json.diagnostics, year).toEqual([]);
      expect(json.disclosure!.meta.year, year).toBe(expected);
      const yaml = loadText('a.yaml', `suan: 1\ndocument:\n  year: "${year}"\n`);
      expect(yaml.disclosure!.meta.year, year).toBe(expected);
    }
    // Not a year: still refused, with the way to write one.
    expect(lines(loadText('a.json', '{"document": {"year": "２０２"}}').diagnostics)[0]).toContain('document.year should be a year in four digits');
  });

  it('locates cells and facts', () => {
    const s = r.disclosure!.cellSpan('表', 1, '金额');
    expect(`${s.line}:${s.col}`).toBe('9:17');
    const o = r.disclosure!.cellSpan('表', 3, '金额');
    expect(`${o.line}:${o.col}`).toBe('11:26');
    const f = r.disclosure!.factSpan('g.i');
    expect(`${f.line}:${f.col}`).toBe('17:17');
  });

  it.each([
    ['a duplicate key', 'suan: 1\nfacts:\n  x: "1"\n  x: "2"\n', 'SUAN5001 a.yaml:4:3 Malformed data file: Map keys must be unique.', '数据文件格式错误：键名重复：同一层中一个键只能出现一次。'],
    ['a duplicate table field', 'suan: 1\ntables:\n  表:\n    columns: [a]\n    rows:\n      - [1]\n    rows: []\n', 'SUAN5001 a.yaml:7:5 Malformed data file: Map keys must be unique.', '数据文件格式错误：键名重复：同一层中一个键只能出现一次。'],
    ['a tab as indentation', 'suan: 1\n\tfacts: 2\n', 'SUAN5001 a.yaml:2:1 Malformed data file: Tabs are not allowed as indentation.', undefined],
    ['an unclosed flow sequence', 'suan: 1\ntables:\n  T:\n    columns: [a\n', 'SUAN5001 a.yaml:5:1 Malformed data file: Flow sequence in block collection must be sufficiently indented and end with a ].', undefined],
    ['a missing item', 'suan: 1\ntables:\n  T:\n    columns: [a, b]\n    rows:\n      - [, ""]\n', 'SUAN5001 a.yaml:6:10 Malformed data file: Unexpected , in flow sequence.', undefined],
    ['bad indentation', 'suan: 1\nfacts:\n  x: 1\n   y: 2\n', 'SUAN5001 a.yaml:3:6 Malformed data file: Nested mappings are not allowed in compact mappings.', undefined],
  ])('%s', (_what, text, expected, zh) => {
    const l = loadText('a.yaml', text);
    expect(l.disclosure).toBeUndefined();
    expect(lines(l.diagnostics)).toEqual([expected]);
    if (zh) expect(formatMessage(l.diagnostics[0]!, 'zh-CN')).toBe(zh);
  });

  it('stops an alias bomb (a billion laughs) quickly with an error', () => {
    let bomb = 'suan: 1\nfacts:\n  a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    let prev = 'a';
    for (const n of 'bcdefghijklmnop') {
      bomb += `  ${n}: &${n} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
      prev = n;
    }
    const l = loadText('bomb.yaml', bomb);
    expect(l.disclosure).toBeUndefined();
    expect(l.diagnostics.map((x) => [x.code, formatMessage(x, 'en')])).toEqual([['SUAN5001', 'Malformed data file: too many alias expansions (an "alias bomb"?).']]);
  });

  // A batch tester: a 12.9 MB YAML table of 1,000,000 rows took 4.2 GB and 66 s (a node of the
  // library for every value), 300,000 rows of a table no rule reads 1.4 GB and 18 s. A verifying
  // tester: the first count (commas and line breaks) refused 225,000 values written with
  // thousands separators, and let 490,000 keys of one mapping through twice over.
  it('refuses a YAML file of more than 500,000 keys and values, counted by the lexer before it is read, and says to write JSON', () => {
    const rows = (n: number, cell: string) => `suan: 1\ntables:\n  t:\n    columns: [a, b]\n    rows: [${Array.from({ length: n }, (_, i) => `[${i},${cell}]`).join(',')}]\n`;
    const big = loadText('big.yaml', rows(260_000, '1')); // 520,000 values
    expect(big.disclosure).toBeUndefined();
    expect(lines(big.diagnostics)).toEqual(['SUAN5007 big.yaml:1:1 Cannot read the data file: the YAML data file holds more than 500000 keys and values, more than suan reads from YAML: write it as JSON, which suan reads in one pass with far less memory.']);
    expect(formatMessage(big.diagnostics[0]!, 'zh-CN')).toContain('超出从 YAML 读取的上限：请改用 JSON 格式');
    // Amounts written with thousands separators are one value each.
    expect(loadText('fine.yaml', rows(200_000, '"1,076.42"')).disclosure).toBeDefined();
    // So are the keys of one mapping, however many fit on a line.
    const keys = (n: number) => `suan: 1\nfacts: {${Array.from({ length: n }, (_, i) => `k${i}: "1"`).join(', ')}}\n`;
    expect(loadText('keys.yaml', keys(260_000)).diagnostics.map((d) => d.code)).toEqual(['SUAN5007']);
  });

  // A batch tester: unknown tags (!!js/function, !custom) were dropped without a word.
  it('says which YAML tags it does not know, reads their values as plain content and runs nothing', () => {
    const l = loadText('t.yaml', 'suan: 1\ndocument: { title: !!js/function "function () {}" }\nfacts:\n  x: !custom "1.00"\n  y: !custom "2.00"\n');
    expect(l.disclosure!.meta.title).toBe('function () {}');
    expect(lines(l.diagnostics)).toEqual([
      'SUAN5030 t.yaml:2:20 The YAML tag !!js/function is not recognised: its value is read as plain content, and nothing is run. Remove the tag.',
      'SUAN5030 t.yaml:4:6 The YAML tag !custom is not recognised: its value is read as plain content, and nothing is run. Remove the tag.',
    ]);
    expect(formatMessage(l.diagnostics[0]!, 'zh-CN')).toBe('YAML 标签 !!js/function 不被识别：其值按普通内容读取，不会执行任何代码。请删去这个标签。');
  });

  it('refuses 300 levels of nesting', () => {
    for (const text of [`suan: 1\nfacts:\n  x: ${'['.repeat(300)}${']'.repeat(300)}\n`, `suan: 1\nfacts: ${'{a: '.repeat(300)}"1"${'}'.repeat(300)}\n`]) {
      const l = loadText('deep.yaml', text);
      expect(l.disclosure).toBeUndefined();
      expect(l.diagnostics.map((x) => x.code)).toEqual(['SUAN5001']);
    }
  });

  it('refuses nesting so deep that the YAML library runs out of stack, at the same place whatever the stack (it said "Maximum call stack size exceeded", at a column that moved with the thread)', () => {
    for (const text of [`suan: 1\nfacts:\n  x: ${'['.repeat(50_000)}\n`, `suan: 1\nfacts:\n  x:\n    ${'- '.repeat(20_000)}x\n`]) {
      const l = loadText('deep.yaml', text);
      expect(l.disclosure).toBeUndefined();
      expect(l.diagnostics.map((x) => [x.code, x.span.col, formatMessage(x, 'en')])).toEqual([
        ['SUAN5001', 1, 'Malformed data file: nested too deep to read (a disclosure nests a few levels; more than 200 is refused).'],
      ]);
      expect(formatMessage(l.diagnostics[0]!, 'zh-CN')).toContain('嵌套层数过多，无法读取');
    }
  });

  it('says in Chinese too that a { … } or [ … ] does not end (it spoke only of indentation there)', () => {
    const l = loadText('a.yaml', 'suan: 1\nfacts: { a: "1"\nb: 2\n');
    const d = l.diagnostics[0]!;
    expect(formatMessage(d, 'en')).toContain('must be sufficiently indented and end with a }');
    expect(formatMessage(d, 'zh-CN')).toContain('方括号或花括号写法（[…] 或 {…}）没有结束：缺少 ] 或 }，或者下一行的缩进不够');
  });

  it('resolves ordinary aliases', () => {
    const l = loadText('a.yaml', 'suan: 1\nfacts:\n  x: &v "1.50"\n  y: *v\n');
    expect([...l.disclosure!.facts.values()].map((f) => f.raw)).toEqual(['1.50', '1.50']);
  });
});

describe('shape errors (zod), at the offending value', () => {
  it.each([
    ['an unknown top-level field', 'a.json', '{"suan": "1", "colour": 1}', 'SUAN5002 a.json:1:1 Data does not have the expected shape: (root) has unknown field(s) colour. See docs/data-format.md.'],
    ['an unknown table field', 'a.json', '{\n  "suan": 1,\n  "tables": { "T": { "columns": ["a"], "rows": [], "colour": 1 } }\n}', 'SUAN5002 a.json:3:20 Data does not have the expected shape: tables.T has unknown field(s) colour. See docs/data-format.md.'],
    ['columns not a list', 'a.json', '{"suan": 1, "tables": {"表": {"columns": "a"}}}', 'SUAN5002 a.json:1:41 Data does not have the expected shape: tables.表.columns should be a list. See docs/data-format.md.'],
    ['empty not a boolean', 'a.json', '{"suan": 1, "tables": {"表": {"columns": ["a"], "rows": [["1"]], "empty": "no"}}}', 'SUAN5002 a.json:1:74 Data does not have the expected shape: tables.表.empty should be true or false. See docs/data-format.md.'],
    ['a year that is not four digits', 'a.yaml', 'suan: 1\ndocument:\n  year: 21\n', 'SUAN5002 a.yaml:3:9 Data does not have the expected shape: document.year should be a year in four digits (2021, 2021年 or 2021年度). See docs/data-format.md.'],
    ['a root that is a list', 'a.yaml', '- a\n- b\n', 'SUAN5002 a.yaml:1:1 Data does not have the expected shape: (root) should be an object (key: value). See docs/data-format.md.'],
    ['an empty YAML file', 'a.yaml', '', 'SUAN5001 a.yaml:1:1 Malformed data file: the file is empty: it holds no data. Check that it was written out completely (an interrupted copy or export?).'],
    ['a YAML file of comments alone', 'a.yaml', '# 2021 年度部门决算\n---\n', 'SUAN5001 a.yaml:1:1 Malformed data file: the file is empty: it holds no data. Check that it was written out completely (an interrupted copy or export?).'],
  ])('%s', (_what, name, text, expected) => {
    const r = loadText(name, text);
    expect(r.disclosure).toBeUndefined();
    expect(lines(r.diagnostics)).toEqual([expected]);
  });

  it('reports a fact that is neither a string nor a fact object, and unknown fields of a fact object, and keeps the others', () => {
    const r = loadText('a.yaml', 'suan: 1\nfacts:\n  x: [1, 2]\n  y: {value: "1", colour: red}\n  t: true\n  ok: "3"\n');
    expect(lines(r.diagnostics)).toEqual([
      'SUAN5002 a.yaml:3:6 Data does not have the expected shape: facts.x a fact must be a string, null or { value, unit, source }. See docs/data-format.md.',
      'SUAN5002 a.yaml:4:6 Data does not have the expected shape: facts.y has unknown field(s) colour. See docs/data-format.md.',
      'SUAN5002 a.yaml:5:6 Data does not have the expected shape: facts.t a fact must be a string, null or { value, unit, source }. See docs/data-format.md.',
    ]);
    expect([...r.disclosure!.facts.keys()]).toEqual(['ok']);
  });

  it('reports rows with the wrong number of cells at the row, and an object row naming an unknown column at its value', () => {
    const r = loadText('a.yaml', 'suan: 1\ntables:\n  表:\n    columns: [a, b]\n    rows:\n      - [1, 2]\n      - [3]\n      - [4, 5, 6]\n      - {a: 1, c: 2}\n');
    expect(lines(r.diagnostics)).toEqual([
      'SUAN5006 a.yaml:7:9 Row 2 has a different number of cells (1) from `columns` (2), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones.',
      'SUAN5006 a.yaml:8:9 Row 3 has a different number of cells (3) from `columns` (2), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones.',
      'SUAN5002 a.yaml:9:19 Data does not have the expected shape: tables.表.rows.3.c is not listed in `columns`. See docs/data-format.md.',
    ]);
    expect(cells(r, '表')).toEqual([['1', '2'], ['3', null], ['4', '5'], ['1', null]]);
    // The rows whose cells cannot be matched with the columns say so (their numbers are not used).
    expect(r.disclosure!.tables.get('表')!.misaligned).toEqual(new Map([[1, 1], [2, 3]]));
    const j = loadText('a.json', '{\n  "suan": 1,\n  "tables": {\n    "表": { "columns": ["a"], "rows": [["1"], ["1", "2"], ["3"]] }\n  }\n}');
    expect(j.disclosure!.tables.get('表')!.misaligned).toEqual(new Map([[1, 2]]));
    expect(lines(j.diagnostics)).toEqual(['SUAN5006 a.json:4:46 Row 2 has a different number of cells (2) from `columns` (1), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones.']);
  });
});

describe('CSV tables', () => {
  const r = loadDisclosure(path.join(FIXTURES, 'csv-tables/disclosure.yaml'), fsHost);

  it('reads CSV tables referenced from YAML: byte-order mark, CRLF, quoted commas and quotes, blank cells', () => {
    expect(r.diagnostics).toEqual([]);
    const t = r.disclosure!.tables.get('收入决算表')!;
    expect(t.columns).toEqual(['科目编码', '科目名称', '本年收入合计', '财政拨款收入']);
    expect(t.rows.map((x) => x.cells)).toEqual([
      ['208', '社会保障和就业支出', '170,232.32', '170,232.32'],
      ['20805', '行政事业单位养老支出', '170232.32', ''],
      ['210', '名称含"引号"', '0.00', '-'],
    ]);
    expect(r.disclosure!.tables.get('支出决算表')!.unit).toBe('万元');
  });

  it('refuses a "CSV" file separated by tabs or semicolons (one cell per line: no column would be found), in the CSV file, in both languages', () => {
    const yaml = 'suan: 1\ndocument: { kind: 部门决算, year: "2021" }\ntables:\n  支出决算表: { csv: t.csv }\n';
    const tabs = loadText('d.yaml', yaml, { 't.csv': '科目编码\t科目名称\t本年支出合计\n208\t社会保障和就业支出\t1.00\n' });
    expect(lines(tabs.diagnostics)).toEqual([
      'SUAN5001 t.csv:1:1 Malformed data file: the first line (the column names) is a single cell with tabs in it: the file seems to be separated by tabs, not commas. Save it as comma-separated CSV, e.g. Excel\'s "CSV UTF-8 (Comma delimited)".',
    ]);
    expect(formatMessage(tabs.diagnostics[0]!, 'zh-CN')).toBe('数据文件格式错误：第一行（列名）只有一个单元格，其中有制表符：这个文件似乎以制表符而不是逗号分隔。请另存为逗号分隔的 CSV，例如 Excel 的“CSV UTF-8（逗号分隔）”。');
    // (After a byte-order mark: column 1, as an editor shows it; a tester's round found it one higher.)
    const semicolons = loadDisclosureText('/virtual/表.csv', '\uFEFF科目编码;本年支出合计\r\n208;1,00\r\n', memHost({}));
    expect(lines(semicolons.diagnostics)).toEqual([expect.stringMatching(/^SUAN5001 表\.csv:1:1 Malformed data file: the first line \(the column names\) is a single cell with semicolons in it/)]);
    // One column, no other separator in it: a table like any other.
    const one = loadText('d.yaml', yaml, { 't.csv': '科目编码\n208\n' });
    expect(one.diagnostics).toEqual([]);
    expect(cells(one, '支出决算表')).toEqual([['208']]);
  });

  it('points into the CSV file for a cell read from it', () => {
    const s = r.disclosure!.cellSpan('支出决算表', 0, '本年支出合计');
    expect([path.basename(s.file), s.line, s.col]).toEqual(['支出决算表.csv', 2, 5]);
    const q = r.disclosure!.cellSpan('收入决算表', 2, '科目名称');
    expect([path.basename(q.file), q.line, q.col]).toEqual(['收入决算表.csv', 4, 5]);
  });

  it('reports an invalid number at its CSV cell, in the CSV file', () => {
    const rs = ruleset('ruleset t { title "t" }\ntable 支出决算表 { key 科目编码: text  本年支出合计: money  基本支出: money }\nrule R { for r in 支出决算表 assert r.本年支出合计 >= r.基本支出 }');
    const res = evaluateDocument(rs.compiled!, r.disclosure!);
    expect(lines(res.diagnostics.filter((d) => d.code === 'SUAN5005')).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['SUAN5005 支出决算表.csv:2:16 "abc"']);
    expect(formatMessage(res.diagnostics.find((d) => d.code === 'SUAN5005')!, 'zh-CN')).toBe('“abc” 不是有效的金额（表 支出决算表 列 基本支出）。请按原文书写，例如 2,308.55、81.49% 或留空。');
  });

  it('refuses csv: paths outside the data file’s directory, or not .csv, at the path', () => {
    const e = loadDisclosure(path.join(FIXTURES, 'csv-tables/escape.yaml'), fsHost);
    expect(lines(e.diagnostics)).toEqual([
      'SUAN5002 escape.yaml:6:10 Data does not have the expected shape: tables.上级目录.csv can only refer to a .csv file inside the data file\'s directory. See docs/data-format.md.',
      'SUAN5002 escape.yaml:8:10 Data does not have the expected shape: tables.绝对路径.csv can only refer to a .csv file inside the data file\'s directory. See docs/data-format.md.',
      'SUAN5002 escape.yaml:10:10 Data does not have the expected shape: tables.不是CSV.csv can only refer to a .csv file inside the data file\'s directory. See docs/data-format.md.',
    ]);
    expect([...e.disclosure!.tables.keys()]).toEqual([]);
  });

  // A tester's round: `tables/zc.csv -> /etc/passwd` was read, and its first line printed in the
  // reports (SUAN5019 names the columns it found): a submitted archive can carry such links.
  it('refuses a csv: link inside the directory that leads out of it; a link that stays inside is read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-csv-link-'));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.csv'), 'root:x:0:0\n');
    fs.mkdirSync(path.join(dir, 'tables'));
    fs.writeFileSync(path.join(dir, 'tables', 'real.csv'), '项目,金额\na,1.00\n');
    fs.symlinkSync(path.join(outside, 'secret.csv'), path.join(dir, 'tables', 'out.csv'));
    fs.symlinkSync('real.csv', path.join(dir, 'tables', 'in.csv'));
    fs.writeFileSync(path.join(dir, 'd.yaml'), 'suan: 1\ntables:\n  外:\n    csv: tables/out.csv\n  内:\n    csv: tables/in.csv\n');
    const r = loadDisclosure(path.join(dir, 'd.yaml'), await nodeFileHost());
    expect(lines(r.diagnostics)).toEqual([
      `SUAN5002 d.yaml:4:10 Data does not have the expected shape: tables.外.csv can only refer to a .csv file inside the data file's directory; tables/out.csv is a link to ${fs.realpathSync(path.join(outside, 'secret.csv'))}, outside it. See docs/data-format.md.`,
    ]);
    expect(JSON.stringify(r)).not.toContain('root:x');
    expect([...r.disclosure!.tables.keys()]).toEqual(['内']);
  });

  it('reports a missing CSV file at the csv: line, and a malformed CSV file in that file', () => {
    const m = loadText('a.yaml', 'suan: 1\ntables:\n  T:\n    csv: missing.csv\n');
    expect(lines(m.diagnostics)).toEqual(['SUAN5007 a.yaml:4:10 Cannot read the data file: file /virtual/missing.csv not found.']);
    const q = loadText('a.yaml', 'suan: 1\ntables:\n  T:\n    csv: sub/t.csv\n', { 'sub/t.csv': 'a,b\n"unterminated,1\n' });
    expect(lines(q.diagnostics)).toEqual(['SUAN5001 t.csv:2:1 Malformed data file: unterminated quoted field.']);
    const g = loadText('a.yaml', 'suan: 1\ntables:\n  T:\n    csv: t.csv\n', { 't.csv': 'a,b\n"x"y,1\n' });
    expect(lines(g.diagnostics)).toEqual(['SUAN5001 t.csv:2:4 Malformed data file: expected a comma or a line break after a quoted field.']);
  });

  it('reports CSV rows with the wrong number of cells at the row, by its line', () => {
    const l = loadText('a.yaml', 'suan: 1\ntables:\n  T:\n    csv: t.csv\n', { 't.csv': '科目编码,金额\n208,"1,000.00"\n209,\n210,1,2\n211\n' });
    expect(lines(l.diagnostics)).toEqual([
      'SUAN5006 t.csv:4:1 Row 4 has a different number of cells (3) from `columns` (2), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones.',
      'SUAN5006 t.csv:5:1 Row 5 has a different number of cells (1) from `columns` (2), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones.',
    ]);
    expect(cells(l, 'T')).toEqual([['208', '1,000.00'], ['209', ''], ['210', '1'], ['211', null]]);
    expect(l.disclosure!.tables.get('T')!.misaligned).toEqual(new Map([[2, 3], [3, 1]]));
  });

  it('loads a CSV file on its own as one table named after the file', () => {
    const l = loadText('收入决算表.csv', '科目编码,金额\n208,"1,000.00"\n');
    expect(l.diagnostics).toEqual([]);
    expect(l.disclosure!.tables.get('收入决算表')!.misaligned).toBeUndefined();
    const short = loadText('收入决算表.csv', '科目编码,金额\n208,"1,000.00"\n209\n');
    expect(short.diagnostics.map((d) => d.code)).toEqual(['SUAN5006']);
    expect(short.disclosure!.tables.get('收入决算表')!.misaligned).toEqual(new Map([[1, 1]]));
    expect([...l.disclosure!.tables.keys()]).toEqual(['收入决算表']);
    expect(cells(l, '收入决算表')).toEqual([['208', '1,000.00']]);
    expect(lines(loadText('空.csv', '').diagnostics)).toEqual(['SUAN5001 空.csv:1:1 Malformed data file: the CSV file is empty; its first line must name the columns.']);
  });
});

describe('files', () => {
  it('reports an unsupported extension, a missing file and a malformed fixture with file, line and column', () => {
    expect(lines(loadText('a.txt', 'x').diagnostics)).toEqual(['SUAN5012 a.txt:1:1 Unsupported data file type .txt. Use .json, .yaml/.yml or .csv.']);
    expect(lines(loadDisclosure(path.join(FIXTURES, 'none.yaml'), fsHost).diagnostics)).toEqual([`SUAN5007 none.yaml:1:1 Cannot read the data file: file ${path.join(FIXTURES, 'none.yaml')} not found.`]);
    expect(lines(loadDisclosure(path.join(FIXTURES, 'malformed.json'), fsHost).diagnostics)).toEqual(['SUAN5001 malformed.json:3:39 Malformed data file: expected "," or "}".']);
  });

  it('reads .yml like .yaml', () => {
    expect(loadText('a.yml', 'suan: 1\nfacts:\n  x: "1"\n').disclosure!.facts.get('x')!.raw).toBe('1');
  });
});

describe('invalid numbers in typed cells (when a ruleset binds the data)', () => {
  const rs = ruleset(`ruleset t { title "t" }
table 表 { key 编码: text  金额: money  比例: percent  人数: count  分: number  是否: bool }
fact 总额: money 万元
fact 个数: count
rule R { for r in 表 assert r.金额 >= 0 元 }`);

  it('gives SUAN5005 at each invalid cell and SUAN5011 at each invalid fact, in YAML', () => {
    const yaml = `suan: 1
document: { currency_unit: 元 }
tables:
  表:
    columns: [编码, 金额, 比例, 人数, 分, 是否]
    rows:
      - ["a", "1,06.00", "12%", "3", "1", "是"]
      - ["b", "12%", "abc", "3.5", "x", "maybe"]
      - { 编码: "c", 金额: "１２３.４", 人数: "1,000" }
facts:
  总额: "abc"
  个数: "2.5"
`;
    const d = loadText('d.yaml', yaml).disclosure!;
    const res = evaluateDocument(rs.compiled!, d);
    expect(lines(res.diagnostics).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'SUAN5005 d.yaml:7:15 "1,06.00"', 'SUAN5005 d.yaml:8:15 "12%"', 'SUAN5005 d.yaml:8:22 "abc"', 'SUAN5005 d.yaml:8:29 "3.5"',
      'SUAN5005 d.yaml:8:36 "x"', 'SUAN5005 d.yaml:8:41 "maybe"', 'SUAN5011 d.yaml:11:7 "abc"', 'SUAN5011 d.yaml:12:7 "2.5"',
    ]);
    expect(formatMessage(res.diagnostics[2]!, 'zh-CN')).toBe('“abc” 不是有效的百分比（表 表 列 比例）。请按原文书写，例如 2,308.55、81.49% 或留空。');
  });

  it('gives SUAN5005 at the cell in JSON, for a JSON number that is not a plain decimal', () => {
    const d = loadText('d.json', '{"suan": 1, "document": {"currency_unit": "元"},\n "tables": {"表": {"columns": ["编码", "金额"],\n   "rows": [["a", "1,06.00"],\n            {"编码": "c", "金额": 1e5}]}}}').disclosure!;
    const res = evaluateDocument(rs.compiled!, d);
    expect(lines(res.diagnostics.filter((x) => x.code === 'SUAN5005')).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual(['SUAN5005 d.json:3:19 "1,06.00"', 'SUAN5005 d.json:4:31 "1e5"']);
  });
});

describe('every load diagnostic has a valid position in its file', () => {
  it('holds for the cases above', () => {
    const texts: Record<string, string> = {
      'a.json': '{\n  "suan": 1,\n  "tables": { "T": { "columns": ["a"] "rows": [] } }\n}',
      'b.yaml': 'suan: 1\nfacts:\n  x: "1"\n  x: "2"\n',
      'c.yaml': 'suan: 1\ntables:\n  表:\n    columns: [a, b]\n    rows:\n      - [3]\n      - {a: 1, c: 2}\n',
      'e.json': '{"suan": 1, "facts": {"x": [1]}}',
    };
    for (const [name, text] of Object.entries(texts)) {
      expect(diagnosticProblems(loadText(name, text).diagnostics, () => text), name).toEqual([]);
    }
  });
});

describe('files that cannot be read', () => {
  it('say why in both languages: not a file, too large, or the system’s own reason', async () => {
    const { NOT_A_FILE, tooLarge } = await import('../../src/diagnostics/diagnostic');
    const said = (error: string) => {
      const d = loadDisclosure('/data/a.json', { readFile: () => ({ error }) }).diagnostics;
      expect(d.map((x) => [x.code, x.span.file, x.span.line, x.span.col])).toEqual([['SUAN5007', '/data/a.json', 1, 1]]);
      return [formatMessage(d[0]!, 'zh-CN'), formatMessage(d[0]!, 'en')];
    };
    expect(said(NOT_A_FILE)).toEqual(['无法读取数据文件：不是普通文件（而是文件夹、管道或设备），不能作为文件读取。', 'Cannot read the data file: not a regular file (a folder, a pipe or a device), so it cannot be read as one.']);
    expect(said(tooLarge(200_000_000, 15_000_000))).toEqual([
      '无法读取数据文件：文件过大（200000000 字节，可读取的文件不超过 15000000 字节）。请确认文件是否选对：一个数据文件是一份公开材料，一个规则集文件是规则集的一部分。',
      'Cannot read the data file: too large (200000000 bytes; files up to 15000000 bytes are read). Check that it is the file you meant: a data file holds one disclosure, a ruleset file one part of a ruleset.',
    ]);
    // The system's errors a user can meet are said in both languages, with what to do.
    expect(said("EACCES: permission denied, open '/data/a.json'")).toEqual([
      '无法读取数据文件：没有读取权限。请让运行 suan 的用户可以读取该文件（如 chmod a+r）。',
      'Cannot read the data file: permission denied. Let the user running suan read the file (e.g. chmod a+r).',
    ]);
    expect(said("ELOOP: too many symbolic links encountered, open '/data/a.json'")[1]).toMatch(/symbolic links form a loop.*Point the link at the real file/);
    // Others as the system says them.
    expect(said('EXDEV: cross-device link not permitted')[0]).toBe('无法读取数据文件：EXDEV: cross-device link not permitted。');
  });
});

describe('one thing written twice, which no reader could settle (neither silently wins)', () => {
  it('a column named twice: a warning at the second (SUAN5022), in both languages; rules read the first', () => {
    const y = loadText('a.yaml', 'suan: 1\ntables:\n  表:\n    columns: [项目, 金额, 金额]\n    rows: [["a", "1.00", "2.00"]]\n');
    expect(lines(y.diagnostics)).toEqual([
      'SUAN5022 a.yaml:4:23 Table 表 names two columns "金额" (columns 2 and 3); rules read column 2 only. Give the two columns different names (e.g. prefixed with their group in the printed table).',
    ]);
    expect(formatMessage(y.diagnostics[0]!, 'zh-CN')).toBe('表 表 的列名 “金额” 出现了两次（第 2 列和第 3 列）；规则只读第 2 列。请给两列不同的列名（如按原表的分组加上前缀）。');
    expect(y.diagnostics[0]!.severity).toBe('warning');
    // Spaces around a name are not part of it; JSON; a CSV file, at its header cell.
    const j = loadText('a.json', '{"suan": 1, "tables": {"表": {"columns": ["金额", "项目", " 金额 "], "rows": []}}}');
    expect(lines(j.diagnostics).map((l) => l.slice(0, 22))).toEqual(['SUAN5022 a.json:1:54 T']);
    const c = loadText('表.csv', '项目,金额,金额\na,1.00,2.00\n');
    expect(lines(c.diagnostics).map((l) => l.slice(0, 22))).toEqual(['SUAN5022 表.csv:1:7 Tab']);
    const ref = loadText('d.yaml', 'suan: 1\ntables:\n  表: { csv: t.csv }\n', { 't.csv': '项目,金额,金额\n' });
    expect(lines(ref.diagnostics).map((l) => l.slice(0, 20))).toEqual(['SUAN5022 t.csv:1:7 T']);
  });

  it('an object row naming one column twice ("本年支出合计" and "本年支出合计 "): an error at the second; the first is read', () => {
    const r = loadText('a.yaml', 'suan: 1\ntables:\n  表:\n    columns: [项目, 金额]\n    rows:\n      - { 项目: a, 金额: "150.00", "金额 ": "100.00" }\n');
    expect(lines(r.diagnostics)).toEqual([
      'SUAN5002 a.yaml:6:39 Data does not have the expected shape: tables.表.rows.0.金额  names the column 金额, given already as "金额"; only the first is read. See docs/data-format.md.',
    ]);
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toContain('与 “金额” 是同一列 金额，给了两次；只读第一个');
    expect(cells(r, '表')).toEqual([['a', '150.00']]);
  });

  it('a fact written both dotted and nested (三公.合计 and 三公: { 合计 }): an error at the second; the first is read', () => {
    const r = loadText('a.yaml', 'suan: 1\nfacts:\n  三公.合计: { value: "999.00", unit: 万元 }\n  三公:\n    合计: { value: "100.00", unit: 万元 }\n');
    expect(lines(r.diagnostics)).toEqual([
      'SUAN5002 a.yaml:5:9 Data does not have the expected shape: facts.三公.合计 is the fact 三公.合计 given a second time (first as facts.三公.合计); only the first is read. See docs/data-format.md.',
    ]);
    expect(r.disclosure!.facts.get('三公.合计')!.raw).toBe('999.00');
  });
});

describe('a row split by an unquoted thousands separator (YAML [a, 1,076.42] or a CSV line)', () => {
  it('is said with how to write the number (SUAN5006 gave only the count of cells), in both languages', () => {
    const y = loadText('a.yaml', 'suan: 1\ntables:\n  表:\n    columns: [项目, 金额]\n    rows:\n      - [a, 1,076.42]\n');
    expect(lines(y.diagnostics)).toEqual([
      'SUAN5006 a.yaml:6:9 Row 1 has a different number of cells (3) from `columns` (2), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones. The thousands separator of "1,076.42" seems to have split it into two cells: quote the number, as "1,076.42".',
    ]);
    expect(formatMessage(y.diagnostics[0]!, 'zh-CN')).toContain('请补齐或删除多余的单元格。看来 “1,076.42” 的千分位逗号把它分成了两格：请给数字加引号，写成 "1,076.42"。');
    const c = loadText('表.csv', '项目,金额\na,1,076.42\n');
    expect(formatMessage(c.diagnostics[0]!, 'en')).toContain('quote the number, as "1,076.42".');
    // Otherwise the message is as it was.
    const short = loadText('a.yaml', 'suan: 1\ntables:\n  表:\n    columns: [项目, 金额]\n    rows:\n      - [a]\n');
    expect(formatMessage(short.diagnostics[0]!, 'en')).toMatch(/remove the extra ones\.$/);
  });
});
