/**
 * Binding a ruleset to a document (evaluation/bind.ts): what it says about the document as a
 * whole, beside its cells.
 */
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { formatMessage, loadDisclosureText } from '../../src/index';
import { bind } from '../../src/evaluation/bind';
import { evaluateDocument } from '../../src/evaluation/interpreter';
import { toPlainString } from '../../src/evaluation/decimal';
import { ROOT, memHost, messages, ruleset, run } from '../helpers';

const RULES = `ruleset t { title "t"  kind 部门决算 }
table 支出表 { key 项目: text  金额: money }
fact 总额: money 万元
rule R { assert (sum(x.金额 for x in 支出表) ≈ 总额) ?? true }
`;

const doc = (body: string, kind = '部门决算') => `suan: 1\ndocument: { kind: ${kind}, currency_unit: 万元 }\n${body}`;

describe('a document without any of the declared data', () => {
  it('is told so (SUAN5018), in both languages, and not taken for a clean document', () => {
    // Tables named otherwise: the only rule passes vacuously (`?? true`), so only the warning tells.
    const r = run(RULES, doc('tables:\n  支出决算表:\n    columns: [项目, 金额]\n    rows: [["a", "1.00"]]\n'));
    expect(r.counts).toMatchObject({ pass: 1, fail: 0 });
    const w = r.diagnostics.find((d) => d.code === 'SUAN5018')!;
    expect(w.severity).toBe('warning');
    // At the document's tables (here the one named otherwise).
    expect(messages([w])).toEqual([
      'SUAN5018 4:3 The document holds none of the tables and facts the ruleset declares, so no rule has anything to check. Check that it is of a kind the ruleset is for (部门决算), and that its tables and facts are named as the ruleset declares them.',
    ]);
    expect(formatMessage(w, 'zh-CN')).toBe('数据中没有规则集声明的任何表或事实，规则都无从检查。请检查数据是否属于规则集适用的类型（部门决算），表名和事实名是否与规则集的声明一致。');
  });

  it('is not said when one declared table or fact is there, or when the document says it is of another kind', () => {
    const codes = (yaml: string) => run(RULES, yaml).diagnostics.map((d) => d.code);
    expect(codes(doc('tables:\n  支出表:\n    columns: [项目, 金额]\n    rows: []\n'))).not.toContain('SUAN5018');
    expect(codes(doc('facts:\n  总额: "1.00"\n'))).not.toContain('SUAN5018');
    expect(codes(doc('facts:\n  其他: "1.00"\n', '部门预算'))).toEqual(['SUAN5010', 'SUAN5014']);
    // Spaces around the kind are not part of it (it was "not one this ruleset applies to (部门决算)").
    expect(codes(doc('facts:\n  总额: "1.00"\n', '"部门决算 "'))).toEqual([]);
  });
});

describe('a table named by its printed heading, the title the ruleset gives it', () => {
  // It was a hidden note ("the ruleset declares no table …; it is ignored"), and "all passed".
  it('is a warning naming the table it is, in both languages', () => {
    const rules = `ruleset t { title "t" }
table 支出决算表 { title "支出决算表（公开03表）"  key 项目: text  金额: money }
table 收入决算表 { title "收入决算表（公开02表）"  key 项目: text  金额: money }
rule R { assert 支出决算表["合计"].金额 ≈ 1.00 万元 }
`;
    for (const name of ['支出决算表（公开03表）', '支出决算表(公开03表)', '支出决算表（公开03表） ']) {
      const r = run(rules, doc(`tables:\n  ${JSON.stringify(name)}:\n    unit: 万元\n    columns: [项目, 金额]\n    rows: [["合计", "2.00"]]\n`));
      // (and SUAN5018: none of the declared tables is there)
      expect(r.diagnostics.filter((d) => d.code !== 'SUAN5018').map((d) => `${d.code} ${d.severity} ${formatMessage(d, 'en')}`), name).toEqual([`SUAN5003 warning The ruleset declares no table "${name}"; it is ignored. Did you mean "支出决算表"?`]);
      expect(r.diagnostics.find((d) => d.code === 'SUAN5003')!.suggestions).toEqual(['支出决算表']);
    }
  });
});

describe('a table with none of its declared columns', () => {
  it('is told so once (SUAN5019, a warning naming its columns), not with a note per column, in both languages', () => {
    // A header in English: the rule passes vacuously (`?? true`), so only the warning tells.
    const r = run(RULES, doc('tables:\n  支出表:\n    columns: [item, amount]\n    rows: [["a", "1.00"]]\nfacts:\n  总额: "1.00"\n'));
    expect(r.counts).toMatchObject({ pass: 1, fail: 0 });
    expect(messages(r.diagnostics)).toEqual([
      'SUAN5019 5:5 Table 支出表 has none of the columns the ruleset declares for it (its columns: "item", "amount"), so no rule has anything to check in it. Check that its header names the columns as the ruleset declares them.',
    ]);
    expect(r.diagnostics[0]!.severity).toBe('warning');
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toBe('表 支出表 没有规则集为它声明的任何一列（数据中的列：“item”、“amount”），涉及它的规则都无从检查。请检查表头（列名）是否与规则集的声明一致。');
  });

  it('is not said of a table published empty with neither columns nor rows (nothing to check, no header to be wrong)', () => {
    const r = run(RULES, doc('tables:\n  支出表: { empty: true, rows: [] }\nfacts:\n  总额: "1.00"\n'));
    expect(r.diagnostics).toEqual([]);
  });

  it('is not said when one declared column is there: the missing ones are notes (SUAN5004), as before', () => {
    const r = run(RULES, doc('tables:\n  支出表:\n    columns: [项目, amount]\n    rows: [["a", "1.00"]]\n'));
    expect(r.diagnostics.map((d) => `${d.code} ${d.severity}`)).toEqual(['SUAN5004 info']);
  });
});

describe('a declared column the table lacks', () => {
  const RULES2 = `ruleset t { title "t"  kind 部门决算 }
table 支出表 { key 项目: text  本年支出合计: money  基本支出: money  项目支出: money }
rule R { for x in 支出表  assert x.本年支出合计 ≈ x.基本支出 + x.项目支出 }
`;
  const table = (columns: string) => doc(`tables:\n  支出表:\n    unit: 万元\n    columns: [${columns}]\n    rows: [["a", "9.00", "1.00", "2.00"]]\n`);

  it('is a warning when the data has a column one character off, which the ruleset does not declare (a misspelt header), in both languages', () => {
    const r = run(RULES2, table('项目, 本年支出总计, 基本支出, 项目支出'));
    expect(r.counts).toMatchObject({ pass: 0, fail: 0, na: 1 }); // the rule cannot check anything: only the warning tells
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    expect(messages(r.diagnostics)).toEqual(['SUAN5004 5:5 Table 支出表 has no column "本年支出合计"; rules that need it are not applicable. The data has a column "本年支出总计": is it this one, spelt differently?']);
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toBe('表 支出表 缺少列 “本年支出合计”，相关规则将不适用。数据中有列 “本年支出总计”，是否就是它，只是写法不同？');
  });

  it('is found when its name is written with spaces around it (trimmed, as in CSV), full-width ones too', () => {
    const r = run(RULES2, table('项目, "本年支出合计　", " 基本支出", 项目支出'));
    expect(r.diagnostics).toEqual([]);
    expect(r.counts).toMatchObject({ fail: 1 }); // 9.00 ≠ 1.00 + 2.00, now checked
    const objects = run(RULES2, doc('tables:\n  支出表:\n    unit: 万元\n    columns: [项目, "本年支出合计 ", 基本支出, 项目支出]\n    rows: [{ 项目: a, "本年支出合计 ": "9.00", 基本支出: "1.00", 项目支出: "2.00" }]\n'));
    expect(objects.diagnostics).toEqual([]);
    expect(objects.counts).toMatchObject({ fail: 1 });
  });

  // A printed table's heading often carries the unit. It was a hidden note, and "all passed".
  it('is a warning saying how to write it when the data has the column with its unit in its name ("本年支出合计（万元）"), in both languages', () => {
    for (const header of ['本年支出合计（万元）', '"本年支出合计\\n（万元）"', '本年支出合计(元)', '本年支出合计（单位：万元）']) {
      const r = run(RULES2, table(`项目, ${header}, 基本支出, 项目支出`));
      expect(r.diagnostics.map((d) => `${d.code} ${d.severity}`), header).toEqual(['SUAN5004 warning']);
    }
    const r = run(RULES2, table('项目, 本年支出合计（万元）, 基本支出, 项目支出'));
    expect(messages(r.diagnostics)).toEqual(['SUAN5004 5:5 Table 支出表 has no column "本年支出合计"; rules that need it are not applicable. The data has a column "本年支出合计（万元）", whose name carries a unit. Name the column "本年支出合计" and give the unit as the table\'s unit (e.g. unit: 万元).']);
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toBe('表 支出表 缺少列 “本年支出合计”，相关规则将不适用。数据中有列 “本年支出合计（万元）”，列名里写了单位。请把列名写成 “本年支出合计”，单位写在表的 unit 中（如 unit: 万元）。');
    expect(r.diagnostics[0]!.suggestions).toEqual(['本年支出合计（万元）']);
  });

  it('stays a note, with a hint, for a looser likeness, and never suggests a column the ruleset declares', () => {
    const r = run(RULES2, table('项目, 本年支出合计, 其他支出, 项目支出'));
    expect(r.diagnostics.map((d) => `${d.severity} ${formatMessage(d, 'en')}`)).toEqual(['info Table 支出表 has no column "基本支出"; rules that need it are not applicable. Did you mean "其他支出"?']);
    const declared = run(RULES2, table('项目, 本年支出合计, 项目支出, x'));
    expect(declared.diagnostics.map((d) => `${d.severity} ${formatMessage(d, 'en')}`)).toEqual(['info Table 支出表 has no column "基本支出"; rules that need it are not applicable.']); // not "Did you mean 项目支出": that one is declared, and there
  });
});

describe('codes written with full-width digits (２０８０５)', () => {
  const RULES3 = `ruleset t { title "t"  kind 部门决算 }
hierarchy 功能分类 { 类 3  款 5 }
table 支出表 { key 科目编码: code 功能分类  科目名称: text  金额: money }
rule R1 { rollup 支出表 columns 金额 total "合计" }
rule R2 { assert 支出表["20805"].金额 ≈ 40.00 万元 }
rule R3 { for x in 支出表 where startswith(x.科目编码, "208") and x.科目名称 = "Ｘ"  assert false }
`;
  it('read as their digits: the hierarchy, lookups by key and text tests find the rows, and findings show the digits', () => {
    const yaml = doc('tables:\n  支出表:\n    unit: 万元\n    columns: [科目编码, 科目名称, 金额]\n    rows:\n      - [合计, "", "100.00"]\n      - ["２０８", "Ｘ", "100.00"]\n      - [" ２０８０５ ", "Ｘ", "60.00"]\n      - ["20806", "Ｘ", "40.00"]\n');
    const r = run(RULES3, yaml);
    const by = (id: string) => r.rules.find((x) => x.id === id)!;
    expect(by('R1').counts).toMatchObject({ pass: 2, fail: 0 }); // 合计 = 208, 208 = 20805 + 20806
    expect(by('R2').findings.map((f) => f.outcome)).toEqual(['fail']); // 60.00, found by its key
    // Text is left as written: "Ｘ" is not "X", but the code is read as digits.
    expect(by('R3').findings.map((f) => f.bindings[0]!.key)).toEqual(['208', '20805', '20806']);
    expect(r.diagnostics).toEqual([]);
  });
});

describe('codes spaced out or written by a spreadsheet ("合 计", "201 01", "208.0")', () => {
  const RULES4 = `ruleset t { title "t"  kind 部门决算 }
hierarchy 功能分类 { 类 3  款 5 }
table 支出表 { key 科目编码: code 功能分类  金额: money }
rule R1 { rollup 支出表 columns 金额 total "合计" }
rule R2 { assert 支出表["合计"].金额 ≈ 100.00 万元 }
`;
  // A PDF's text spaces out short cells; the total row was then a data row, counted in its own
  // roll-up (doubled amounts), and the 合计 = Σ类 check was silently dropped.
  it('read as the code: the total row, the hierarchy and lookups find the rows', () => {
    for (const total of ['合 计', '合\u3000计', ' 合计 ']) {
      const yaml = doc(`tables:\n  支出表:\n    unit: 万元\n    columns: [科目编码, 金额]\n    rows:\n      - [${JSON.stringify(total)}, "100.00"]\n      - ["208.0", "100.00"]\n      - ["208 05", "60.00"]\n      - ["20806", "41.00"]\n`);
      const r = run(RULES4, yaml);
      const by = (id: string) => r.rules.find((x) => x.id === id)!;
      // 合计 = 208 passes; 208 ≠ 20805 + 20806 (101.00) is found, at 208.
      expect(by('R1').counts, total).toMatchObject({ pass: 1, fail: 1 });
      expect(by('R1').findings.map((f) => f.bindings[0]!.key), total).toEqual(['208']);
      expect(by('R2').counts, total).toMatchObject({ pass: 1 });
    }
  });
});


describe('documents of one ruleset with different headers, one after another', () => {
  // What a ruleset keeps between documents (TablePlan: readings, suggestions) must not carry one
  // document's header to the next: columns reordered, missing, or named so that joining the names
  // would make two headers look alike.
  it('are each read by their own header', () => {
    const rs = ruleset(`ruleset t { title "t" }
table 表 { key 项目: text  金额: money  人数: count }
rule R { for x in 表  assert x.金额 ≈ 1.00 万元 }
`);
    const outcome = (columns: string[], row: string[]) => {
      const json = JSON.stringify({ suan: 1, document: { currency_unit: '万元' }, tables: { 表: { columns, rows: [row] } } });
      const load = loadDisclosureText(path.resolve(ROOT, 'data.json'), json, memHost({}));
      const r = evaluateDocument(rs.compiled!, load.disclosure!);
      return { counts: r.rules[0]!.counts, codes: r.diagnostics.map((d) => d.code) };
    };
    for (let round = 0; round < 2; round++) {
      expect(outcome(['项目', '金额', '人数'], ['a', '1.00', '3'])).toMatchObject({ counts: { pass: 1, fail: 0 } });
      expect(outcome(['金额', '项目'], ['2.00', 'a'])).toMatchObject({ counts: { fail: 1 } });
      expect(outcome(['项目', '金额'], ['a', '1.00'])).toMatchObject({ counts: { pass: 1 }, codes: ['SUAN5004'] });
      expect(outcome(['项目\u0000金额'], ['a\u00001.00'])).toMatchObject({ counts: { pass: 0, fail: 0, na: 1 }, codes: ['SUAN5019'] });
      expect(outcome(['项目', '人数'], ['a', '3'])).toMatchObject({ counts: { pass: 0, fail: 0 }, codes: ['SUAN5004'] });
    }
  });
});

describe('text as a PDF conversion leaves it: spaced out ("收入　总计", "支 出"), invisible characters ("合计\u200B")', () => {
  const RULES6 = `ruleset t { title "t"  kind 部门决算 }
hierarchy 功能分类 { 类 3  款 5 }
table 总表 { key 项目: text  方向: text  金额: money }
table 支出表 { key 科目编码: code 功能分类  金额: money }
rule R1 { assert 总表["收入总计"].金额 ≈ 100.00 万元 }
rule R2 { for x in 总表 where x.方向 = "支出"  assert x.金额 ≈ 100.00 万元 }
rule R3 { rollup 支出表 columns 金额 total "合计" }
`;
  // A row label spaced out hid the row from both rules (one spaced label turned a document with
  // real contradictions into "all passed"); a zero-width space in a code hid the total row.
  it('is read as the reader means it: lookups by key, text tests and the total row find the rows', () => {
    const cases: [string, string, string][] = [
      ['收入总计', '支出', '合计'],
      ['收入　总计', '支　出', '合计\u200B'],
      ['收入 总计', '支 出', '合\u2060计'],
      ['收入总计\u200B', '\u200E支出', '\uFEFF合计'],
      ['\u00A0收入\u3000总计\u3000', '支\t出', ' 合 计 '],
    ];
    for (const [label, side, total] of cases) {
      const tag = JSON.stringify([label, side, total]);
      const yaml = doc(`tables:\n  总表:\n    unit: 万元\n    columns: [项目, 方向, 金额]\n    rows:\n      - [${JSON.stringify(label)}, ${JSON.stringify(side)}, "90.00"]\n  支出表:\n    unit: 万元\n    columns: [科目编码, 金额]\n    rows:\n      - [${JSON.stringify(total)}, "150.00"]\n      - ["208", "100.00"]\n`);
      const r = run(RULES6, yaml);
      const by = (id: string) => r.rules.find((x) => x.id === id)!;
      expect(by('R1').counts, tag).toMatchObject({ fail: 1, na: 0 });
      expect(by('R1').findings[0]!.message.en, tag).toContain('90.00');
      expect(by('R2').counts, tag).toMatchObject({ fail: 1, na: 0 });
      expect(by('R3').counts, tag).toMatchObject({ fail: 1 });
      expect(by('R3').findings[0]!.bindings[0]!.key, tag).toBe('合计');
    }
  });

  it('keeps the spaces of other text ("Project A" is not "ProjectA")', () => {
    const rules = `ruleset t { title "t" }
table 表 { key 名称: text  金额: money }
rule R { assert 表["ProjectA"].金额 ≈ 1.00 万元 }
`;
    const r = run(rules, doc('tables:\n  表:\n    unit: 万元\n    columns: [名称, 金额]\n    rows:\n      - ["Project A", "2.00"]\n'));
    expect(r.rules[0]!.counts).toMatchObject({ fail: 0, na: 1 });
  });
});

describe('a blank cell padded with white space ("     ", "　　—　　")', () => {
  it('is blank, as a lone space or dash is (it was "not an amount")', () => {
    for (const blank of ['     ', '\u3000\u3000\u3000\u3000\u3000', '\u00A0\u00A0\u00A0\u00A0\u00A0\u00A0', '   -   ', '\u3000\u3000—\u3000\u3000', '\u200B\u200B\u200B\u200B\u200B']) {
      const r = run(RULES, doc(`tables:\n  支出表:\n    columns: [项目, 金额]\n    rows: [["a", ${JSON.stringify(blank)}], ["b", "1.00"]]\nfacts:\n  总额: "1.00"\n`));
      expect(r.diagnostics.map((d) => d.code), JSON.stringify(blank)).toEqual([]);
      expect(r.counts, JSON.stringify(blank)).toMatchObject({ pass: 1, fail: 0 });
    }
    // Text that is not blank is still refused where an amount is expected.
    const r = run(RULES, doc('tables:\n  支出表:\n    columns: [项目, 金额]\n    rows: [["a", "   x   "]]\n'));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SUAN5005']);
  });
});

describe('text keys with white space around them, as a PDF conversion leaves it ("合计\u3000", "\u00A0合计")', () => {
  const RULES5 = `ruleset t { title "t"  kind 部门决算 }
table 总表 { key 项目: text  金额: money }
rule R1 { assert 总表["合计"].金额 ≈ 100.00 万元 }
rule R2 { for x in 总表 where x.项目 = "合计"  assert x.金额 ≈ 100.00 万元 }
`;
  // A key lookup kept an ideographic space at the end of the key (it trimmed only ASCII white
  // space), so 总表["合计"] found nothing and R1 was silently not applicable, while R2 found the row.
  it('are found by a lookup by key as by a text test, and the finding shows the key trimmed', () => {
    for (const key of ['合计\u3000', '\u3000合计', '合计\u00A0', '\u00A0合计', ' 合计 ', '合计']) {
      const yaml = doc(`tables:\n  总表:\n    unit: 万元\n    columns: [项目, 金额]\n    rows:\n      - [${JSON.stringify(key)}, "90.00"]\n`);
      const r = run(RULES5, yaml);
      const by = (id: string) => r.rules.find((x) => x.id === id)!;
      expect(by('R1').counts, JSON.stringify(key)).toMatchObject({ fail: 1, na: 0 });
      expect(by('R2').counts, JSON.stringify(key)).toMatchObject({ fail: 1, na: 0 });
      expect(by('R2').findings[0]!.bindings[0]!.key, JSON.stringify(key)).toBe('合计');
    }
  });
});
describe('a key in a hierarchy table that is no code of it ("20805O5", "2.080505E+06", "2080505 机关…")', () => {
  const RULES7 = `ruleset t { title "t"  kind 部门决算 }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 支出表 { key 科目编码: code 功能分类  金额: money }
rule R { rollup 支出表 columns 金额 total "合计" }
`;
  const table = (code: string) => doc(`tables:\n  支出表:\n    unit: 万元\n    columns: [科目编码, 金额]\n    rows:\n      - ["合计", "30.00"]\n      - ["208", "30.00"]\n      - ["20805", "30.00"]\n      - [${JSON.stringify(code)}, "70.00"]\n      - ["2080506", "30.00"]\n`);
  // 20805 = 30.00 while its children are 70.00 + 30.00. With the first child's code spoilt by a
  // conversion, the roll-up left it out and found 20805 balanced: "all passed", without a word.
  it('is said (a warning at the cell, in both languages): roll-ups leave its row out', () => {
    for (const code of ['20805O5', '2.080505E+06', '2080505 机关事业单位基本养老保险缴费支出', '208055', '208.05.05', '[2080505]', '2080505l']) {
      const r = run(RULES7, table(code));
      expect(r.diagnostics.map((d) => `${d.code} ${d.severity}`), code).toEqual(['SUAN5021 warning']);
      const d = r.diagnostics[0]!;
      expect(d.span.line, code).toBe(11);
      expect(formatMessage(d, 'en')).toBe(`The key "${code.replace(/\s+/g, '')}" in row 4 of table 支出表 is not a code of 功能分类 (3, 5, 7 digits), so roll-ups leave this row out. Write the code as printed (e.g. 2080505), with the name in a column of its own.`);
      expect(formatMessage(d, 'zh-CN')).toBe(`表 支出表 第 4 行的键 “${code.replace(/\s+/g, '')}” 不是 功能分类 的编码（3、5、7 位数字），逐级汇总不含这一行。请按原文写出编码（如 2080505），科目名称写在另一列。`);
    }
  });

  it('is said for a row with amounts whose code is blank or holds its name, or a page\'s 栏次 row; not for labels or rows without amounts', () => {
    const said = (code: string) => run(RULES7, table(code)).diagnostics.map((d) => formatMessage(d, 'en').split(' is not a code of 功能分类')[0]);
    expect(said('')).toEqual(['The key (blank) in row 4 of table 支出表']);
    expect(said('机关事业单位基本养老保险缴费支出')).toEqual(['The key "机关事业单位基本养老保险缴费支出" in row 4 of table 支出表']);
    expect(said('栏次')).toEqual(['The key "栏次" in row 4 of table 支出表']);
    expect(formatMessage(run(RULES7, table('')).diagnostics[0]!, 'zh-CN')).toContain('第 4 行的键 （空白） 不是 功能分类 的编码');
    for (const label of ['小计', '合计数', '本年支出合计', '人员经费合计', '其中：养老']) expect(said(label), label).toEqual([]);
    const noAmount = doc(`tables:\n  支出表:\n    unit: 万元\n    columns: [科目编码, 金额]\n    rows:\n      - ["合计", "30.00"]\n      - ["续表", ""]\n      - ["208", "30.00"]\n`);
    expect(run(RULES7, noAmount).diagnostics).toEqual([]);
  });

  // A conversion may put the 合计 of the merged code-and-name cell in the name column: the total
  // row had no key, the 合计 = Σ类 check was dropped and 表["合计"] found nothing.
  it('takes a row with a blank code and 合计 in its name column as the 合计 row', () => {
    const rules = `ruleset t { title "t"  kind 部门决算 }
hierarchy 功能分类 { 类 3  款 5  项 7 }
table 支出表 { key 科目编码: code 功能分类  科目名称: text  金额: money }
rule R { rollup 支出表 columns 金额 total "合计" }
rule T { assert 支出表["合计"].金额 ≈ 100.00 万元 }
`;
    for (const [code, name] of [['', '合计'], ['', '合　计'], ['', ' 合计 ']] as const) {
      const yaml = doc(`tables:\n  支出表:\n    unit: 万元\n    columns: [科目编码, 科目名称, 金额]\n    rows:\n      - [${JSON.stringify(code)}, ${JSON.stringify(name)}, "150.00"]\n      - ["208", "社会保障和就业支出", "100.00"]\n`);
      const r = run(rules, yaml);
      const by = (id: string) => r.rules.find((x) => x.id === id)!;
      expect(r.diagnostics, name).toEqual([]);
      expect(by('R').findings.map((f) => f.bindings[0]!.key), name).toEqual(['合计']); // 150.00 ≠ Σ类 100.00
      expect(by('T').counts, name).toMatchObject({ fail: 1 });
    }
  });

  it('reads a spreadsheet\'s text forms of a code (\'2080505, ="2080505") as the code, and says nothing of labels', () => {
    for (const code of ["'2080505", '="2080505"', '2080505']) {
      const r = run(RULES7, table(code));
      expect(r.diagnostics, code).toEqual([]);
      expect(r.rules[0]!.findings.map((f) => f.bindings[0]!.key), code).toEqual(['20805']);
    }

  });
});

describe('a row printed twice (a page break)', () => {
  it('counts once in roll-ups, as in lookups by key, and is said (it was summed twice: 852.19 against 1,058.22)', () => {
    const rules = `ruleset t { title "t"  kind 部门决算 }
hierarchy 功能分类 { 类 3  款 5 }
table 支出表 { key 科目编码: code 功能分类  金额: money }
rule R1 { rollup 支出表 columns 金额 }
`;
    const yaml = doc('tables:\n  支出表:\n    unit: 万元\n    columns: [科目编码, 金额]\n    rows:\n      - ["208", "100.00"]\n      - ["20805", "60.00"]\n      - ["20805", "60.00"]\n      - ["20806", "40.00"]\n');
    const r = run(rules, yaml);
    expect(r.rules[0]!.counts).toMatchObject({ pass: 1, fail: 0 });
    expect(messages(r.diagnostics)).toEqual([
      'SUAN5009 10:10 Key "20805" occurs more than once in table 支出表 (first in row 2); lookups by key and roll-ups use the first only.',
    ]);
  });
});

describe('cells written alike', () => {
  // One text, "12.50", in columns that read it differently: each cell gets its own column's
  // reading although the document parses each text once per reading (bind.ts, `ParsedCells`).
  const rules = `ruleset t { title "t" }
table 甲表 { key 项目: text  金额: money  占比: percent  人数: count  数值: number }
table 乙表 { key 项目: text  金额: money 元 }
table 丙表 { key 项目: text  金额: money  precision 0.01 万元 }
`;
  const data = doc(`tables:
  甲表:
    columns: [项目, 金额, 占比, 人数, 数值]
    rows: [["a", "12.50", "12.50", "12.50", "12.50"], ["b", "12.50", "12.50%", "12", "12.50"], ["c", "12.5", "12.50", "12.50", ""]]
  乙表:
    columns: [项目, 金额]
    rows: [["a", "12.50"]]
  丙表:
    columns: [项目, 金额]
    rows: [["a", "12.5"]]
`);
  const bound = () => {
    const rs = ruleset(rules);
    const load = loadDisclosureText(path.resolve(ROOT, 'data.yaml'), data, memHost({}));
    return bind(rs.program, load.disclosure!);
  };
  const cell = (d: ReturnType<typeof bound>, t: number, col: number, row: number) => {
    const v = d.tables[t]!.get(col, row);
    return typeof v === 'object' && v.t === 'num' ? `${v.kind} ${v.unit ?? '-'} ${toPlainString(v.v)} [${toPlainString(v.lo)}, ${toPlainString(v.hi)}]` : typeof v === 'object' ? v.t : String(v);
  };

  it('read each as its own column says (kind, unit, declared precision)', () => {
    const d = bound();
    expect(cell(d, 0, 1, 0)).toBe('money 万元 12.5 [12.495, 12.505]');
    expect(cell(d, 0, 1, 1)).toBe('money 万元 12.5 [12.495, 12.505]');
    expect(cell(d, 0, 2, 0)).toBe('percent - 0.125 [0.12495, 0.12505]'); // percentage points
    expect(cell(d, 0, 2, 1)).toBe('percent - 0.125 [0.12495, 0.12505]');
    expect(cell(d, 0, 3, 1)).toBe('count - 12 [12, 12]');
    expect(cell(d, 0, 4, 0)).toBe('number - 12.5 [12.495, 12.505]');
    expect(cell(d, 0, 1, 2)).toBe('money 万元 12.5 [12.45, 12.55]');
    expect(cell(d, 0, 4, 2)).toBe('blank');
    expect(cell(d, 1, 1, 0)).toBe('money 元 12.5 [12.495, 12.505]');
    expect(cell(d, 2, 1, 0)).toBe('money 万元 12.5 [12.495, 12.505]'); // "12.5" in a table declared to 0.01 万元
  });

  it('each invalid cell is reported at its own place, though they are written alike', () => {
    const d = bound();
    // Rows a and c of 人数 (a count: "12.50" is not a whole number); row b's "12" is one.
    expect(messages(d.diagnostics.filter((x) => x.code === 'SUAN5005'))).toEqual([
      'SUAN5005 6:36 "12.50" is not a whole number (table 甲表, column 人数). Write it as printed, e.g. 2,308.55, 81.49% or blank.',
      'SUAN5005 6:119 "12.50" is not a whole number (table 甲表, column 人数). Write it as printed, e.g. 2,308.55, 81.49% or blank.',
    ]);
  });
});

describe('money units as documents write them', () => {
  const rules = `ruleset t { title "t" }
table 表 { key 项目: text  金额: money 万元 }
fact 总额: money 万元
rule R { assert sum(x.金额 for x in 表) ≈ 总额 }
`;
  const withUnit = (unit: string) => doc(`tables:\n  表:\n    unit: ${JSON.stringify(unit)}\n    columns: [项目, 金额]\n    rows: [["a", "12,345.67"]]\nfacts:\n  总额: { value: "123456700", unit: 元 }\n`);

  it('reads "万元 ", "单位：万元", "（万元）", "人民币万元" and "萬元" as 万元', () => {
    for (const unit of ['万元 ', '\u3000万元', '万 元', '单位：万元', '单位:万元', '（万元）', '人民币万元', '萬元', '万元（人民币）', '万元(人民币)']) {
      const r = run(rules, withUnit(unit));
      expect(r.diagnostics.filter((d) => d.code === 'SUAN5013'), unit).toEqual([]);
      expect(r.counts, unit).toMatchObject({ pass: 1, fail: 0, error: 0 });
    }
  });

  it('says so for a unit it does not know, and reads the amounts in the declared unit (it failed every rule with "Cannot mix BigInt and other types")', () => {
    const r = run(rules, withUnit('百万元'));
    expect(messages(r.diagnostics.filter((d) => d.code === 'SUAN5013'))).toEqual([
      'SUAN5013 5:5 Unknown money unit "百万元": the amounts are read in the unit the ruleset declares (else in document.currency_unit). Write 元, 千元, 万元 or 亿元.',
    ]);
    expect(formatMessage(r.diagnostics.find((d) => d.code === 'SUAN5013')!, 'zh-CN')).toBe('未知的货币单位 “百万元”：金额按规则集声明的单位读取（未声明时按 document.currency_unit）。请写 元、千元、万元 或 亿元。');
    expect(r.counts).toMatchObject({ pass: 1, error: 0 });
    expect(r.rules.flatMap((x) => x.findings).map((f) => f.code)).not.toContain('SUAN4005');
  });
});

describe('a table whose money unit nobody says', () => {
  // It was "Unknown money unit \"(未注明 / not given)\"": a unit nobody wrote, half in each language.
  it('is an error saying so and what to write, in both languages', () => {
    const rules = `ruleset t { title "t" }
table 表 { key 项目: text  金额: money }
rule R { assert 表["a"].金额 ≈ 表["b"].金额 }
`;
    const r = run(rules, 'suan: 1\ntables:\n  表:\n    columns: [项目, 金额]\n    rows: [["a", "1.00"], ["b", "1.00"]]\n');
    expect(messages(r.diagnostics)).toEqual(['SUAN5023 4:5 Table 表 does not say its money unit, and the ruleset declares none for it: its amounts are compared as written, without converting units. Give the table\'s unit (e.g. unit: 万元), or document.currency_unit.']);
    expect(formatMessage(r.diagnostics[0]!, 'zh-CN')).toBe('表 表 没有注明金额单位，规则集也没有为它声明单位：它的金额按所写的数比较，不换算单位。请在表的 unit 中写明（如 unit: 万元），或写 document.currency_unit。');
    expect(r.diagnostics[0]!.severity).toBe('error');
    expect(r.counts).toMatchObject({ pass: 1 });
  });
});

describe('the document\'s year', () => {
  const rules = `ruleset t { title "t"  years 2021 to 2025 }
fact 总额: money 万元
rule R { assert 总额 > 0 }
`;
  const withYear = (year: string) => `suan: 1\ndocument: { kind: 部门决算, year: ${JSON.stringify(year)}, currency_unit: 万元 }\nfacts:\n  总额: "1.00"\n`;

  it('reads 2021年 and 2021年度 as 2021', () => {
    for (const year of ['2021', '2021年', '2021年度']) {
      const r = run(rules, withYear(year));
      expect(r.year, year).toBe(2021);
      expect(r.diagnostics, year).toEqual([]);
    }
  });

  it('says so, in both languages, when the ruleset is not for that year (it said nothing)', () => {
    const r = run(rules, withYear('2019'));
    const w = r.diagnostics.find((d) => d.code === 'SUAN5020')!;
    expect(w.severity).toBe('warning');
    expect(formatMessage(w, 'en')).toBe('The document\'s year 2019 is not one this ruleset applies to (2021–2025): its rules may not fit that year\'s forms. Check that this is the right ruleset.');
    expect(formatMessage(w, 'zh-CN')).toBe('数据的年度 2019 不在规则集适用的年度（2021–2025）内：规则可能不适用于该年度的报表。请确认选对了规则集。');
    expect(r.counts).toMatchObject({ pass: 1 });
  });
});

describe('what to do about a cell that is not a number', () => {
  const rules = `ruleset t { title "t" }
table 表 { key 项目: text  金额: money 万元 }
fact 总额: money 万元
`;
  const said = (cell: string, fact: string) => {
    const r = run(rules, doc(`tables:\n  表:\n    columns: [项目, 金额]\n    rows: [["a", ${JSON.stringify(cell)}]]\nfacts:\n  总额: ${JSON.stringify(fact)}\n`));
    return r.diagnostics.filter((d) => d.code === 'SUAN5005' || d.code === 'SUAN5011').map((d) => [formatMessage(d, 'en'), formatMessage(d, 'zh-CN')]);
  };

  it('says to leave a unit out of the amount, and where it goes (it said "Write it as printed", which it was)', () => {
    const [cell, fact] = said('217.36万元', '￥123');
    expect(cell![0]).toBe('"217.36万元" is not an amount (table 表, column 金额). Leave the unit or currency sign out of the amount: the table\'s unit goes in its unit (e.g. unit: 万元).');
    expect(fact![0]).toContain('put the unit in the fact\'s unit, as in { value: "217.36", unit: 万元 }.');
    expect(fact![1]).toContain('金额中不要写单位或货币符号：单位写在事实的 unit 中');
  });

  it('names an invisible character, and says what scientific notation is', () => {
    const [cell, fact] = said('1\u00A0234.56', '1.2e3');
    expect(cell![0]).toContain('It holds the invisible character U+00A0 (such as a no-break space). Delete it and write the number as printed.');
    expect(cell![1]).toContain('其中有看不见的字符 U+00A0');
    expect(fact![0]).toContain('This is scientific notation (as spreadsheets show numbers). Write the number in full, e.g. 1,200.00.');
  });

  it('says how to write a negative number when a △ or a dash stands for the sign (it said "Write it as printed", which it was)', () => {
    for (const raw of ['△10.00', '▲10.00', '–10.00', '―10.00']) {
      const [cell] = said(raw, '1.00');
      expect(cell![0], raw).toContain('Write a negative number as -10.00, −10.00 or (10.00); "△", "▲" and dashes are not read as a minus sign.');
      expect(cell![1], raw).toContain('负数请写成 -10.00、−10.00 或 (10.00)');
    }
  });
});

describe('a table with the same problem on many rows', () => {
  // A table of 150,000 rows pasted twice said SUAN5009 140,300 times: a 63 MB report and 1.3 GB
  // of memory for an 11 MB document, and the one cause buried. Now the first 100 of a kind per
  // table are listed, and one SUAN5025 at the table counts the rest, at their severity.
  // Keys are read (and repeats said) when a rule looks a row up by its key.
  const KEYED = `${RULES}rule K { assert (支出表["a"].金额 >= 0 万元) ?? true }\n`;
  const rows = (n: number, key: (i: number) => string, amount: (i: number) => string) => Array.from({ length: n }, (_, i) => `["${key(i)}", "${amount(i)}"]`).join(', ');
  const table = (body: string) => doc(`tables:\n  支出表:\n    columns: [项目, 金额]\n    rows: [${body}]\n`);

  it('lists the first 100 of each code and table, and counts the rest in one diagnostic at the table, in both languages', () => {
    // 129 repeats of key "a" (SUAN5009, warnings); 130 amounts "x" (SUAN5005, errors).
    const r = run(KEYED, table(rows(131, (i) => (i < 130 ? 'a' : 'b'), (i) => (i === 0 ? '1.00' : 'x'))));
    const count = (code: string) => r.diagnostics.filter((d) => d.code === code).length;
    expect(count('SUAN5009')).toBe(100);
    expect(count('SUAN5005')).toBe(100);
    const more = r.diagnostics.filter((d) => d.code === 'SUAN5025');
    expect(more.map((d) => [d.severity, d.args.code, d.args.count, d.args.total])).toEqual([
      ['error', 'SUAN5005', 30, 130],
      ['warning', 'SUAN5009', 29, 129],
    ]);
    expect(messages([more[0]!])).toEqual([
      'SUAN5025 5:5 Table 支出表 has 30 more SUAN5005 problems not listed one by one (only the first 100 of a kind are listed per table; 130 in all). Fix those listed first: they most likely share one cause (the table pasted twice, the code column shifted).',
    ]);
    expect(formatMessage(more[1]!, 'zh-CN')).toBe('表 支出表 另有 29 处 SUAN5009 未逐一列出（同一问题每表只列前 100 处，共 129 处）。请先改正上面列出的几处：多半是同一原因（如整表重复粘贴、编码列错位）。');
    // The listed ones are the first rows (rows 2 to 101, where "a" repeats), in order.
    const cols = r.diagnostics.filter((d) => d.code === 'SUAN5009').map((d) => d.span.col);
    const rowCols = [...table(rows(131, (i) => (i < 130 ? 'a' : 'b'), (i) => (i === 0 ? '1.00' : 'x'))).split('\n')[5]!.matchAll(/\["a"/g)].map((m) => m.index! + 2);
    expect(cols).toEqual(rowCols.slice(1, 101));
  });

  it('says nothing more when a table has no more than 100 of a kind', () => {
    const r = run(KEYED, table(rows(101, () => 'a', () => '1.00')));
    expect(r.diagnostics.filter((d) => d.code === 'SUAN5009')).toHaveLength(100);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('SUAN5025');
  });
});

describe('readText', () => {
  it('drops a label\'s colon at its end, and keeps one inside or alone', async () => {
    const { readText } = await import('../../src/evaluation/bind');
    expect(['年度资金总额：', '合计:', '合计 ：', '其中：', '比例：1:2', '：', 'a:b'].map(readText)).toEqual(['年度资金总额', '合计', '合计', '其中', '比例：1:2', '：', 'a:b']);
  });
});

describe('a document that does not say its kind or year', () => {
  // A tester's round: a document without `document:` was checked with no word, though the ruleset
  // is for 部门决算 of 2020–2025 and data-format.md calls kind and year required.
  const SCOPED = `ruleset t { title "t"  kind 部门决算  years 2020 to 2025 }
table 支出表 { key 项目: text  金额: money }
rule R { for x in 支出表 assert x.金额 >= 0 元 }
`;
  const body = 'tables:\n  支出表:\n    unit: 元\n    columns: [项目, 金额]\n    rows: [["a", "1.00"]]\n';
  it('is warned (SUAN5027), saying what is missing and what the ruleset is for, in both languages', () => {
    const r = run(SCOPED, `suan: 1\n${body}`);
    const w = r.diagnostics.filter((d) => d.code === 'SUAN5027');
    expect(w.map((d) => d.severity)).toEqual(['warning']);
    expect(formatMessage(w[0]!, 'en')).toBe('The document does not say its kind and year: whether this ruleset (部门决算, 2020–2025) fits it cannot be told. Say it under document, e.g. kind: 部门决算 and year: 2021.');
    expect(formatMessage(w[0]!, 'zh-CN')).toBe('数据没有写明文档类型和年度：无法确认规则集（部门决算，2020–2025）适用于它。请在 document 中写明，例如 kind: 部门决算、year: 2021。');
    expect(formatMessage(run(SCOPED, `suan: 1\ndocument: { kind: 部门决算 }\n${body}`).diagnostics.find((d) => d.code === 'SUAN5027')!, 'en')).toContain('does not say its year:');
  });
  it('is not said when the document says both, or the ruleset is for no kind or year', () => {
    expect(run(SCOPED, `suan: 1\ndocument: { kind: 部门决算, year: 2021 }\n${body}`).diagnostics.map((d) => d.code)).not.toContain('SUAN5027');
    expect(run(SCOPED.replace('  kind 部门决算  years 2020 to 2025', ''), `suan: 1\n${body}`).diagnostics.map((d) => d.code)).not.toContain('SUAN5027');
  });
});

describe('a document of another kind', () => {
  // The verifying round: a 部门预算 checked by a 部门决算 ruleset was only a note, hidden by the
  // text report and passing --fail-on warning, while a missing kind was a warning.
  const KINDED = 'ruleset t { title "t"  kind 部门决算 }\ntable 支出表 { key 项目: text  金额: money }\nrule R { for x in 支出表 assert x.金额 >= 0 元 }\n';
  const body = 'tables:\n  支出表:\n    unit: 元\n    columns: [项目, 金额]\n    rows: [["a", "1.00"]]\n';
  it('is a warning (SUAN5014); a kind written with its year in front is that kind', () => {
    const other = run(KINDED, `suan: 1\ndocument: { kind: 部门预算, year: 2021 }\n${body}`).diagnostics.filter((d) => d.code === 'SUAN5014');
    expect(other.map((d) => d.severity)).toEqual(['warning']);
    expect(run(KINDED, `suan: 1\ndocument: { kind: 2021年度部门决算, year: 2021 }\n${body}`).diagnostics.map((d) => d.code)).toEqual([]);
  });
});

describe('a document with many tables and facts the ruleset does not declare', () => {
  // A 13.8 MB document of 1,150,000 stray facts got a note each: a report past the longest string
  // node can make, which stopped the batch. Now the first 100 of each are said, the rest counted.
  it('lists the first 100 stray tables and the first 100 stray facts, and counts the rest, in both languages', () => {
    const facts = Array.from({ length: 250 }, (_, i) => `  f${i}: "1"`).join('\n');
    const tables = Array.from({ length: 120 }, (_, i) => `  t${i}: { columns: [a], rows: [] }`).join('\n');
    const r = run(RULES, doc(`tables:\n  支出表: { columns: [项目, 金额], rows: [] }\n${tables}\nfacts:\n  总额: "1.00"\n${facts}\n`));
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'SUAN5003')).toHaveLength(100);
    expect(codes.filter((c) => c === 'SUAN5010')).toHaveLength(100);
    const more = r.diagnostics.filter((d) => d.code === 'SUAN5029');
    expect(more.map((d) => formatMessage(d, 'en'))).toEqual([
      'The document has 20 more tables that the ruleset does not declare, not listed one by one (only the first 100; 120 in all); all are ignored. If some should be checked, check their names; the others can be removed from the data.',
      'The document has 150 more facts that the ruleset does not declare, not listed one by one (only the first 100; 250 in all); all are ignored. If some should be checked, check their names; the others can be removed from the data.',
    ]);
    expect(formatMessage(more[1]!, 'zh-CN')).toBe('文档另有 150 个规则集没有声明的事实未逐一列出（只列前 100 个，共 250 个），均已忽略。若其中有应当检查的，请核对名称；其余可从数据中删去。');
    // The listed ones are the first in the document.
    expect(r.diagnostics.filter((d) => d.code === 'SUAN5010').map((d) => d.args.name).slice(0, 2)).toEqual(['f0', 'f1']);
  });

  it('says "1 more fact", not "1 more facts"', () => {
    const facts = Array.from({ length: 101 }, (_, i) => `  f${i}: "1"`).join('\n');
    const r = run(RULES, doc(`facts:\n  总额: "1.00"\n${facts}\n`));
    expect(formatMessage(r.diagnostics.find((d) => d.code === 'SUAN5029')!, 'en')).toMatch(/^The document has 1 more fact that the ruleset does not declare/);
  });

  it('says nothing more when there are 100 or fewer', () => {
    const facts = Array.from({ length: 100 }, (_, i) => `  f${i}: "1"`).join('\n');
    const r = run(RULES, doc(`facts:\n  总额: "1.00"\n${facts}\n`));
    expect(r.diagnostics.map((d) => d.code)).not.toContain('SUAN5029');
  });
});
