/**
 * Files of a ruleset (language.md §3): `import` within the ruleset's own directory tree,
 * `extends` of another ruleset with overrides, and everything that can go wrong on the way —
 * cycles, paths outside the tree, files that are not `.suan`, missing or unreadable files. Files
 * come from an in-memory host (the language server's unsaved buffers work the same way).
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readErrorReason } from '../../src/diagnostics/diagnostic';
import { evaluateDocument, formatMessage, loadDisclosure, loadDisclosureText, loadRuleset, loadSources, nodeFileHost } from '../../src/index';
import { decodeUtf8, firstNonUtf8, nodeFileReader, utf8Bytes } from '../../src/semantics/sources';
import { memHost, messages } from '../helpers';

const HDR = 'ruleset t { title "t" }\n';
const load = (entry: string, files: Record<string, string>) => loadRuleset(`/virtual/${entry}`, memHost(files));
const where = (ds: { code: string; span: { file: string; line: number; col: number } }[]) =>
  ds.map((d) => `${d.code} ${d.span.file.replace('/virtual/', '')}:${d.span.line}:${d.span.col}`);

describe('import', () => {
  it('brings the declarations and rules of other files of the ruleset, with or without ".suan"', () => {
    const rs = load('main.suan', {
      'main.suan': `${HDR}import "tables.suan"\nimport "rules/more"\nrule R { for r in 表 assert r.金额 >= 0 元 }`,
      'tables.suan': 'table 表 { key 编码: text  金额: money }',
      'rules/more.suan': 'rule S { assert 表["x"].金额 >= 0 元 }',
    });
    expect(rs.program.diagnostics).toEqual([]);
    expect(rs.program.sources.files.map((f) => f.path)).toEqual(['/virtual/main.suan', '/virtual/tables.suan', '/virtual/rules/more.suan']);
    expect(rs.program.rules.map((r) => [r.id, r.file])).toEqual([['R', '/virtual/main.suan'], ['S', '/virtual/rules/more.suan']]);
    expect(rs.compiled).toBeDefined();
  });

  it('reads a file imported twice once', () => {
    const rs = load('main.suan', { 'main.suan': `${HDR}import "t"\nimport "t.suan"\nimport "./t"\nrule R { assert 常量 = 1 }`, 't.suan': 'let 常量 = 1' });
    expect(rs.program.diagnostics).toEqual([]);
    expect(rs.program.sources.files.length).toBe(2);
  });

  it('reports an import cycle at the import that closes it, naming the files in order', () => {
    const rs = load('main.suan', {
      'main.suan': `${HDR}import "a"\nrule R { assert 1 = 1 }`,
      'a.suan': 'import "b.suan"\nrule A { assert 1 = 1 }',
      'b.suan': 'rule B { assert 1 = 1 }\nimport "a.suan"',
    });
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN0003 2:8 Import cycle: main.suan → a.suan → b.suan → a.suan. Remove one of the imports or extends.']);
    expect(rs.program.diagnostics[0]!.span.file).toBe('/virtual/b.suan');
    expect(rs.program.rules.map((r) => r.id)).toEqual(['R', 'A', 'B']);
  });

  it('reports a file that imports itself, or imports back the entry file', () => {
    expect(where(load('main.suan', { 'main.suan': `${HDR}import "main.suan"` }).program.diagnostics)).toEqual(['SUAN0003 main.suan:2:8']);
    const rs = load('main.suan', { 'main.suan': `${HDR}import "sub/t"`, 'sub/t.suan': 'import "../main.suan"' });
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN0003 1:8 Import cycle: main.suan → t.suan → main.suan. Remove one of the imports or extends.']);
  });

  it('refuses files outside the ruleset directory tree, relative or absolute, and says which directory', () => {
    const rs = load('rs/main.suan', {
      'rs/main.suan': `${HDR}import "../other.suan"\nimport "/etc/passwd.suan"\nimport "sub/../../other.suan"`,
      'other.suan': 'rule O { assert 1 = 1 }',
    });
    expect(messages(rs.program.diagnostics)).toEqual([
      'SUAN0002 2:8 Cannot import ../other.suan: it is outside the ruleset directory /virtual/rs. Move it inside that directory.',
      'SUAN0002 3:8 Cannot import /etc/passwd.suan: it is outside the ruleset directory /virtual/rs. Move it inside that directory.',
      'SUAN0002 4:8 Cannot import sub/../../other.suan: it is outside the ruleset directory /virtual/rs. Move it inside that directory.',
    ]);
    expect(rs.program.rules.map((r) => r.id)).toEqual([]);
  });

  it('keeps a file imported from a subdirectory inside the tree of the entry file', () => {
    const rs = load('rs/main.suan', { 'rs/main.suan': `${HDR}import "sub/a"`, 'rs/sub/a.suan': 'import "../b"\nimport "../../x"', 'rs/b.suan': 'rule B { assert 1 = 1 }' });
    expect(where(rs.program.diagnostics)).toEqual(['SUAN0002 rs/sub/a.suan:2:8']);
    expect(rs.program.rules.map((r) => r.id)).toEqual(['B']);
  });

  it('reads only .suan files', () => {
    const rs = load('main.suan', { 'main.suan': `${HDR}import "data.json"\nimport "notes.txt"\nextends "base.yaml"`, 'data.json': '{}', 'notes.txt': 'x', 'base.yaml': 'x' });
    expect(messages(rs.program.diagnostics)).toEqual([
      'SUAN0009 2:8 Only .suan ruleset files can be imported or extended; data.json is not one.',
      'SUAN0009 3:8 Only .suan ruleset files can be imported or extended; notes.txt is not one.',
      'SUAN0009 4:9 Only .suan ruleset files can be imported or extended; base.yaml is not one.',
    ]);
  });

  it('reports a missing file at the import, with the path it looked for', () => {
    const rs = load('main.suan', { 'main.suan': `${HDR}import "nope.suan"\nextends "../gone"` });
    expect(messages(rs.program.diagnostics)).toEqual([
      'SUAN0001 2:8 File /virtual/nope.suan not found. Check the path (it is relative to this ruleset file).',
      'SUAN0001 3:9 File /gone.suan not found. Check the path (it is relative to this ruleset file).',
    ]);
  });

  it('reports a missing entry file at line 1, and a file the host cannot read with its reason', () => {
    const s = loadSources('/virtual/none.suan', memHost({}));
    expect(where(s.diagnostics)).toEqual(['SUAN0010 none.suan:1:1']);
    // Named on a command line, the entry is relative to the working directory, not to a ruleset file.
    expect(formatMessage(s.diagnostics[0]!, 'en')).toBe(`Ruleset file /virtual/none.suan not found. Check the path (it is relative to the current directory ${process.cwd()}).`);
    const host = { readFile: (p: string) => (p.endsWith('main.suan') ? { text: `${HDR}import "locked.suan"` } : { error: 'permission denied' }) };
    const rs = loadRuleset('/virtual/main.suan', host);
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN0005 2:8 Cannot read file /virtual/locked.suan: permission denied.']);
  });

  it('carries the syntax errors of every file, each with its own file name', () => {
    const rs = load('main.suan', { 'main.suan': `${HDR}import "a"\nrule R { assert 1 = }`, 'a.suan': 'rule A { assert ( }' });
    expect(where(rs.program.diagnostics)).toEqual(['SUAN1001 main.suan:3:21', 'SUAN1001 a.suan:1:19']);
  });
});

describe('extends', () => {
  const base = {
    'prov/base.suan': `ruleset 省 { title "省" }\nimport "more.suan"\nrule B1 { assert 1 = 1 }\nrule B2 { tolerance 0.01 万元 assert 1 万元 = 1 万元 }\nrule B3 { assert 1 = 1 }`,
    'prov/more.suan': 'rule B4 { severity warning assert 1 = 1 }\nfact 总额: money 万元',
  };

  it('applies severity and tolerance overrides and disables rules of the base, in program.rules', () => {
    const rs = load('city/main.suan', {
      ...base,
      'city/main.suan': `${HDR}extends "../prov/base.suan" {\n  override B1 severity warning\n  override B2 tolerance 0.05 万元\n  override B4 severity info tolerance 1 元\n  disable B3\n}\nrule C1 { assert 总额 >= 0 万元 }`,
    });
    expect(rs.program.diagnostics).toEqual([]);
    expect(rs.program.rules.map((r) => [r.id, r.layer, r.severity, r.disabled, r.tolerance ? `${(r.tolerance as { text: string }).text}${(r.tolerance as { unit: string }).unit}` : '', r.overrides.length])).toEqual([
      ['B1', 1, 'warning', false, '', 1],
      ['B2', 1, 'error', false, '0.05万元', 1],
      ['B3', 1, 'error', true, '', 1],
      ['B4', 1, 'info', false, '1元', 1],
      ['C1', 0, 'error', false, '', 0],
    ]);
    // The base's files come first: the extended ruleset's declarations are there for the rules that build on it.
    expect(rs.program.sources.files.map((f) => [f.path.replace('/virtual/', ''), f.layer])).toEqual([['prov/base.suan', 1], ['prov/more.suan', 1], ['city/main.suan', 0]]);
  });

  it('lets the most specific ruleset win along a chain of extends', () => {
    const rs = load('town/main.suan', {
      ...base,
      'city/main.suan': `${HDR}extends "../prov/base.suan" { override B1 severity warning  override B2 severity warning }`,
      'town/main.suan': `${HDR}extends "../city/main.suan" { override B1 severity info }`,
    });
    expect(rs.program.diagnostics).toEqual([]);
    expect(rs.program.rules.filter((r) => r.id === 'B1' || r.id === 'B2').map((r) => [r.id, r.severity, r.layer])).toEqual([['B1', 'info', 2], ['B2', 'warning', 2]]);
  });

  it('runs the overridden rule with its new tolerance and severity, and does not run a disabled one', () => {
    const files = {
      'base.suan': `ruleset base { title "b" }\nfact 甲: money 万元\nfact 乙: money 万元\nrule T { tolerance 0.01 万元 assert 甲 = 乙 }\nrule D { assert 甲 = 甲 }`,
      'main.suan': `${HDR}extends "base.suan" { override T tolerance 0.05 万元 severity warning  disable D }`,
    };
    const rs = loadRuleset('/virtual/main.suan', memHost(files));
    expect(rs.program.diagnostics).toEqual([]);
    const data = 'suan: 1\nfacts:\n  甲: { value: "1.00", unit: 万元 }\n  乙: { value: "1.04", unit: 万元 }\n';
    const d = loadDisclosureText('/virtual/data.yaml', data, memHost({})).disclosure!;
    const res = evaluateDocument(rs.compiled!, d, { detail: 'all' });
    expect(res.rules.map((x) => [x.id, x.severity, x.findings.map((f) => f.outcome)])).toEqual([['T', 'warning', ['pass']]]);
    const base = loadRuleset('/virtual/base.suan', memHost(files));
    expect(evaluateDocument(base.compiled!, d).rules.map((x) => [x.id, x.counts.fail])).toEqual([['T', 1], ['D', 0]]);
  });

  it('reports an override of a rule the base does not have (its own rules included), with did you mean', () => {
    const rs = load('city/main.suan', { ...base, 'city/main.suan': `${HDR}extends "../prov/base.suan" {\n  override B9 severity info\n  disable C1\n}\nrule C1 { assert 1 = 1 }` });
    expect(messages(rs.program.diagnostics)).toEqual([
      'SUAN2005 3:12 The extended ruleset has no rule B9. Did you mean "B1", "B2", "B3"?',
      'SUAN2005 4:11 The extended ruleset has no rule C1. Did you mean "B1"?',
    ]);
    expect(rs.program.diagnostics[0]!.suggestions).toEqual(['B1', 'B2', 'B3']);
  });

  it('requires new ids for the rules the extending ruleset adds', () => {
    const rs = load('city/main.suan', { ...base, 'city/main.suan': `${HDR}extends "../prov/base.suan"\nrule B1 { assert 1 = 1 }` });
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN2003 3:6 Rule id B1 is used twice (first at /virtual/prov/base.suan:3:6). Rule ids must be unique.']);
  });

  it('may live outside the ruleset directory tree (a city extends its province)', () => {
    const rs = load('city/main.suan', { ...base, 'city/main.suan': `${HDR}extends "../prov/base.suan"` });
    expect(rs.program.diagnostics).toEqual([]);
  });

  it('extends at most one ruleset', () => {
    const rs = load('a.suan', { 'a.suan': `${HDR}extends "b.suan"\nextends "c.suan"`, 'b.suan': HDR, 'c.suan': HDR });
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN0006 3:1 A ruleset can extend only one other ruleset; remove the extra extends.']);
  });

  it('reports a cycle of extends', () => {
    const rs = load('a.suan', { 'a.suan': `${HDR}extends "b.suan"\nrule A { assert 1 = 1 }`, 'b.suan': `${HDR}extends "a.suan"\nrule B { assert 1 = 1 }` });
    expect(messages(rs.program.diagnostics)).toEqual(['SUAN0003 2:9 Import cycle: a.suan → b.suan → a.suan. Remove one of the imports or extends.']);
    expect(rs.program.diagnostics[0]!.span.file).toBe('/virtual/b.suan');
  });

  it('checks the tolerance of an override like a rule tolerance', () => {
    const rs = load('a.suan', { 'a.suan': `${HDR}extends "b.suan" { override B tolerance 总额 }`, 'b.suan': `${HDR}fact 总额: money 万元\nrule B { assert 1 = 1 }` });
    expect(messages(rs.program.diagnostics).map((m) => m.slice(0, 13))).toEqual(['SUAN3011 2:41']);
  });
});

describe('the import and extends example of good/imports.suan', () => {
  it('loads with the files it names', () => {
    const text = fs.readFileSync(path.join(__dirname, '../syntax/good/imports.suan'), 'utf8');
    const rs = loadRuleset('/virtual/rs/导入/imports.suan', memHost({
      'rs/导入/imports.suan': text,
      'rs/导入/tables.suan': 'table 表 { key 编码: text  金额: money }',
      'rs/导入/rules/narrative.suan': 'fact 收支总计: money 万元\nrule N { assert 收支总计 >= 0 万元 }',
      'rs/juesuan/juesuan.suan': 'ruleset 省 { title "省" }\nrule JS01 { assert 1 = 1 }\nrule JS20 { assert 1 = 1 }\nrule JS21 { assert 1 = 1 }\nrule JS33 { assert 1 = 1 }',
    }));
    expect(rs.program.diagnostics).toEqual([]);
    expect(rs.program.rules.map((r) => `${r.id}:${r.severity}:${r.disabled ? 'off' : 'on'}:${r.tolerance ? 'tol' : ''}`)).toEqual([
      'JS01:warning:on:', 'JS20:error:on:tol', 'JS21:info:on:tol', 'JS33:error:off:', 'N:error:on:',
    ]);
  });
});

describe('reading files from disk: UTF-8 only', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-utf8-'));
  // "支出决算表" in GB18030 (what Excel and WPS save in China), after an ASCII line.
  const gbk = Buffer.concat([Buffer.from('table: ok\nname: '), Buffer.from([0xd6, 0xa7, 0xb3, 0xf6, 0xbe, 0xf6, 0xcb, 0xe3, 0xb1, 0xed]), Buffer.from('\n')]);

  it('reads UTF-8 as it is, a byte-order mark and U+FFFD written in the file included', async () => {
    const text = '\uFEFFname: 支出决算表 \uFFFD 𝟘\n';
    fs.writeFileSync(path.join(dir, 'ok.yaml'), text);
    expect((await nodeFileHost()).readFile(path.join(dir, 'ok.yaml'))).toEqual({ text });
  });

  it('refuses GBK bytes, saying where the first one is and what to do, on the calling thread and on the thread pool', async () => {
    const file = path.join(dir, 'gbk.yaml');
    fs.writeFileSync(file, gbk);
    const now = (await nodeFileHost()).readFile(file);
    const pooled = await (await nodeFileReader('pool'))(file)();
    expect(now).toEqual(pooled);
    expect(now).toEqual({ error: 'not UTF-8 at offset 17, line 2, column 8' }); // D6 A7 reads as UTF-8 (U+05A7, the 7th character); B3 does not
    const { diagnostics } = loadDisclosure(file, await nodeFileHost());
    expect(diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col} ${formatMessage(d, 'en')}`)).toEqual([
      'SUAN5007 2:8 Cannot read the data file: the file is not UTF-8: the bytes at line 2, column 8 are not UTF-8 (perhaps GBK/GB18030, which Excel and WPS often save). Save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8 old-file > new-file.',
    ]);
    expect(formatMessage(diagnostics[0]!, 'zh-CN')).toBe('无法读取数据文件：文件不是 UTF-8 编码：第 2 行第 8 列起的字节不是 UTF-8（可能是 GBK/GB18030，Excel、WPS 常以此保存）。请把它另存为 UTF-8 编码，例如 iconv -f GB18030 -t UTF-8 原文件 > 新文件。');
  });

  it('reports a GBK CSV table file in the CSV file, at its first byte that is not UTF-8', async () => {
    const csv = path.join(dir, 'table.csv');
    fs.writeFileSync(csv, Buffer.concat([Buffer.from('科目编码,科目名称\n201,'), Buffer.from([0xd2, 0xbb, 0xb0, 0xe3]), Buffer.from('\n')]));
    const data = path.join(dir, 'with-csv.yaml');
    fs.writeFileSync(data, 'suan: 1\ndocument: { kind: 部门决算, year: "2021" }\ntables:\n  支出决算表: { csv: table.csv }\n');
    const { diagnostics } = loadDisclosure(data, await nodeFileHost());
    expect(diagnostics.map((d) => `${d.code} ${path.basename(d.span.file)}:${d.span.line}:${d.span.col}`)).toEqual(['SUAN5007 table.csv:2:6']);
  });

  it('says a UTF-16 file is UTF-16 (Excel\'s "Unicode text")', async () => {
    const file = path.join(dir, 'u16.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('科目编码,金额\n', 'utf16le')]));
    const r = (await nodeFileHost()).readFile(file);
    expect(r && 'error' in r && readErrorReason(r.error).reason_en).toBe('the file is UTF-16 (such as Excel\'s "Unicode text"), not UTF-8. Save it as UTF-8');
  });

  it('reports a GBK ruleset file at its first byte that is not UTF-8, imported or not', async () => {
    fs.writeFileSync(path.join(dir, 'main.suan'), Buffer.concat([Buffer.from('ruleset t {\n  title "'), Buffer.from([0xb2, 0xe2, 0xca, 0xd4]), Buffer.from('"\n}\n')]));
    fs.writeFileSync(path.join(dir, 'entry.suan'), 'ruleset e { title "e" }\nimport "main.suan"\n');
    const own = loadSources(path.join(dir, 'main.suan'), await nodeFileHost()).diagnostics;
    expect(own.map((d) => `${d.code} ${d.span.line}:${d.span.col}`)).toEqual(['SUAN0005 2:10']);
    expect(formatMessage(own[0]!, 'en')).toContain('the bytes at line 2, column 10 are not UTF-8');
    const imported = loadSources(path.join(dir, 'entry.suan'), await nodeFileHost()).diagnostics;
    expect(imported.map((d) => `${d.code} ${path.basename(d.span.file)}:${d.span.line}:${d.span.col}`)).toEqual(['SUAN0005 main.suan:2:10']);
  });

  it('reads UTF-8 text as node\'s own decoder does, short or long, ASCII or not, with a byte-order mark and characters past U+FFFF', () => {
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'grapheme', minLength: 200, maxLength: 900 }), // past the short-text cut-off in bytes
      fc.string({ unit: 'grapheme-ascii', minLength: 300, maxLength: 600 }),
    );
    fc.assert(fc.property(texts, fc.boolean(), (text, bom) => {
      const bytes = Buffer.from((bom ? '\uFEFF' : '') + text, 'utf8');
      expect(decodeUtf8(bytes)).toEqual({ text: bytes.toString('utf8') });
    }), { numRuns: 1000 });
    const doc = fs.readFileSync(path.join(__dirname, '../../../../rulesets/juesuan/examples/000-jinlin-yibao-2021.yaml'));
    expect(decodeUtf8(doc)).toEqual({ text: doc.toString('utf8') });
    const prefix = Buffer.byteLength(doc.toString('utf8').slice(0, 300)); // the first 300 characters
    expect(decodeUtf8(doc, prefix)).toEqual({ text: doc.toString('utf8').slice(0, 300) });
  });

  it('writes text as UTF-8 as TextEncoder does, lone surrogates too, in bytes that own their buffer (they are handed to another thread)', () => {
    const encoder = new TextEncoder();
    const texts = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'grapheme', minLength: 200, maxLength: 900 }),
      fc.string({ unit: fc.constantFrom('a', '中', '\u{1F600}', '\uD800', '\uDC00'), minLength: 250, maxLength: 400 }), // lone surrogates among them
    );
    fc.assert(fc.property(texts, (text) => {
      const bytes = utf8Bytes(text);
      expect(Buffer.from(bytes).equals(encoder.encode(text))).toBe(true);
      expect([bytes.byteOffset, bytes.byteLength]).toEqual([0, bytes.buffer.byteLength]);
    }), { numRuns: 1000 });
  });

  it('finds the first byte that is not UTF-8 exactly where node\'s own check and TextDecoder say (random bytes)', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 }), (junk, good) => {
      const bytes = Buffer.concat([Buffer.from(good), junk]);
      const at = firstNonUtf8(bytes);
      expect(at === bytes.length).toBe(isUtf8(bytes));
      expect(isUtf8(bytes.subarray(0, at))).toBe(true); // all before it is UTF-8
      if (at < bytes.length) expect(() => fatal.decode(bytes.subarray(0, at + 4))).toThrow(); // and it does not start a character
    }), { numRuns: 2000 });
    // The edges of table 3-7: overlongs, surrogates, past U+10FFFF, a sequence cut short.
    for (const [bytes, at] of [[[0xc0, 0x80], 0], [[0xe0, 0x9f, 0x80], 0], [[0xed, 0xa0, 0x80], 0], [[0xf4, 0x90, 0x80, 0x80], 0], [[0x41, 0xe4, 0xb8], 1], [[0xe4, 0xb8, 0xad], 3]] as const) {
      expect(firstNonUtf8(Uint8Array.from(bytes))).toBe(at);
    }
  });
});
