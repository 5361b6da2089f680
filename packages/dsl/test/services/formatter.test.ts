import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/index';
import { formatSource, stripPositions } from '../../src/services/formatter';

const REPO = path.resolve(__dirname, '../../../..');

/** Every `.suan` file of the published rulesets and the benchmarks, and the examples of the language reference. */
function exampleRulesets(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.suan')) out.push({ name: path.relative(REPO, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(REPO, 'rulesets'));
  walk(path.join(REPO, 'packages/dsl/bench'));
  const doc = readFileSync(path.join(REPO, 'docs/language.md'), 'utf8');
  let i = 0;
  for (const m of doc.matchAll(/```suan\n([\s\S]*?)```/g)) out.push({ name: `docs/language.md#${i++}`, text: m[1]! });
  return out.filter((x) => !parse(x.text, '/t.suan').diagnostics.some((d) => d.severity === 'error'));
}

const EXAMPLES = exampleRulesets();

function comments(text: string): string[] {
  return parse(text, '/t.suan').ast.comments.map((c) => c.text.trim());
}

function tree(text: string): unknown {
  const p = parse(text, '/t.suan');
  expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return stripPositions(p.ast);
}

/** The three promises of the formatter, for one input. */
function checkFormat(input: string): string {
  const once = formatSource(input, '/t.suan');
  expect(once.skipped, `formatter refused:\n${input}`).toBeUndefined();
  const twice = formatSource(once.text, '/t.suan');
  expect(twice.text).toBe(once.text); // idempotent
  expect(comments(once.text)).toEqual(comments(input)); // every comment kept, in order
  expect(tree(once.text)).toEqual(tree(input)); // same syntax tree modulo positions
  return once.text;
}

// ── generators ───────────────────────────────────────────────────────────────────────────

const names = fc.constantFrom('收入', '本年支出合计', '基本支出', 'a', 'b_1', '`其中：教育收费`', '因公出国（境）费', '“三公”经费', 'x2');
const literals = fc.constantFrom('0', '12', '0.005', '1_000', '83.59%', '0.01 万元', '300000 元', '"文本"', 'true', 'false', 'blank');
const compareOps = fc.constantFrom('=', '≈', '~=', '!=', '<', '<=', '≥', '>', '==');
const arithOps = fc.constantFrom('+', '-', '×', '*', '/', '÷', '??');

const { expr, cond } = fc.letrec<{ expr: string; cond: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    names,
    literals,
    names.map((n) => `r.${n}`),
    names.map((n) => `表["合计"].${n}`),
    fc.tuple(tie('expr'), arithOps, tie('expr')).map(([a, o, b]) => `${a} ${o} ${b}`),
    tie('expr').map((e) => `(${e})`),
    names.map((n) => `-${n}`),
    tie('expr').map((e) => `round(${e}, 2)`),
    fc.tuple(names, tie('cond')).map(([n, c]) => `sum(x.${n} for x in 表 where ${c})`),
    names.map((n) => `count(children(r).${n})`),
    tie('expr').map((e) => `${e} as 万元`),
    fc.tuple(tie('cond'), tie('expr'), tie('expr')).map(([c, a, b]) => `(if ${c} then ${a} else ${b})`),
  ),
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(tie('expr'), compareOps, tie('expr')).map(([a, o, b]) => `${a} ${o} ${b}`),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} ≈ ${b} within 0.01 万元`),
    fc.tuple(tie('cond'), fc.constantFrom('and', 'or'), tie('cond')).map(([a, o, b]) => `${a} ${o} ${b}`),
    tie('cond').map((c) => `not ${c}`),
    names.map((n) => `isblank(r.${n})`),
  ),
})) as { expr: fc.Arbitrary<string>; cond: fc.Arbitrary<string> };

const ruleArb = fc.tuple(
  fc.integer({ min: 1, max: 999 }),
  fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(),
  cond, expr, cond, fc.boolean(),
).map(([id, sev, forStep, letStep, when, msg, c, e, w, rollup]) => {
  const lines = [`rule R${id} "规则 ${id}" en "rule ${id}" {`];
  if (sev) lines.push('  severity warning');
  if (rollup) {
    lines.push('  rollup 表 columns 本年支出合计, 基本支出 total "合计"');
  } else {
    if (forStep) lines.push(`  for r in 表 where ${w}`);
    if (letStep) lines.push(`  let v = ${e}`);
    if (when) lines.push(`  when ${w}`);
    lines.push(`  assert ${c}`);
  }
  if (msg) lines.push('  message "{r.科目编码}：{actual}，{expected}，差额 {difference}" en "{r.科目编码}: {actual} vs {expected}"');
  lines.push('}');
  return lines.join('\n');
});

const declArb = fc.constantFrom(
  'hierarchy 功能分类 { 类 3  款 5  项 7 }',
  'table 表 {\n  title "支出决算表"\n  unit 万元\n  key 科目编码: code 功能分类\n  科目名称: text\n  本年支出合计: money precision 0.01\n  基本支出: money\n}',
  'fact 收支总计: money 万元 doc "“收、支总计……”"',
  'facts 三公经费 {\n  合计: money 万元\n  公务接待费: money 万元\n}',
  'let 尾差 = 0.01 万元',
  'precision facts 0.01 万元',
  'precision table 0.01',
  'import "tables.suan"',
  'extends "../base/base.suan" {\n  override JS01 severity warning tolerance 0.05 万元\n  disable JS02\n}',
);

const headerArb = fc.constant('ruleset 某省.决算 {\n  title "决算" en "Final accounts"\n  version "1.0.0"\n  kind 部门决算, 单位决算\n  years 2021 to 2025\n}');

const rulesetArb = fc.tuple(headerArb, fc.array(declArb, { maxLength: 6 }), fc.array(ruleArb, { minLength: 1, maxLength: 4 }))
  .map(([h, ds, rs]) => [h, ...ds, ...rs].join('\n\n'));

/**
 * Rewrites a file's whitespace at random (spaces, tabs, newlines, blank lines between any two
 * tokens) and inserts comments: same tokens, same meaning, messy layout.
 */
function perturb(text: string, seeds: number[]): string {
  const p = parse(text, '/t.suan');
  const pieces = [
    ...p.tokens.map((t) => ({ start: t.startOffset, text: t.image, comment: false })),
    ...p.ast.comments.map((c) => ({ start: c.span.start, text: c.text, comment: true })),
  ].sort((a, b) => a.start - b.start);
  const gaps = [' ', '  ', '\t', '\n', '\n\n', '\n\n\n', ' \n    ', '\u3000'];
  let out = '';
  pieces.forEach((piece, i) => {
    const s = seeds[i % seeds.length]!;
    out += piece.text;
    if (piece.comment) out += '\n';
    else if (s % 11 === 0) out += `  # 注释 ${i}\n`;
    out += gaps[s % gaps.length];
  });
  return out;
}

// ── properties ───────────────────────────────────────────────────────────────────────────

describe('formatSource: properties', () => {
  it('found the example rulesets to test on', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(EXAMPLES.map((e) => [e.name, e.text]))('is idempotent, keeps comments and the syntax tree on %s', (_name, text) => {
    checkFormat(text);
  });

  // What `suan fmt --check rulesets` asks before a ruleset is published: its files as the formatter writes them.
  it.each(EXAMPLES.filter((e) => e.name.startsWith('rulesets/')).map((e) => [e.name, e.text]))('leaves the published %s as it is', (name, text) => {
    const out = formatSource(text, `/${name}`);
    expect(out.skipped).toBeUndefined();
    expect(out.text).toBe(text);
  });

  it('keeps the syntax tree and comments of example rulesets whose layout was scrambled', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES), fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (ex, seeds) => {
        const messy = perturb(ex.text, seeds);
        const out = checkFormat(messy);
        const withoutComments = (t: unknown) => ({ ...(t as object), comments: [] });
        expect(withoutComments(tree(out))).toEqual(withoutComments(tree(ex.text)));
      }),
      { numRuns: 60 },
    );
  });

  it('holds for generated rulesets, also after scrambling their layout', () => {
    fc.assert(
      fc.property(rulesetArb, fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }), (text, seeds) => {
        checkFormat(text);
        checkFormat(perturb(text, seeds));
      }),
      { numRuns: 150 },
    );
  });

  it('converges: a scrambled file and its original format to layouts that format identically again', () => {
    fc.assert(
      fc.property(rulesetArb, fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }), (text, seeds) => {
        const a = formatSource(perturb(text, seeds), '/t.suan').text;
        expect(formatSource(a, '/t.suan').text).toBe(a);
      }),
      { numRuns: 50 },
    );
  });
});

// ── layout ───────────────────────────────────────────────────────────────────────────────

describe('formatSource: layout', () => {
  const fmt = (s: string) => formatSource(s, '/t.suan').text;

  it('indents blocks by two spaces and continuation lines once more', () => {
    expect(fmt('rule R {\nfor r in 表\n      assert r.a ≈\nr.b + r.c\n}\n')).toBe('rule R {\n  for r in 表\n  assert r.a ≈\n    r.b + r.c\n}\n');
  });

  it('indents inside brackets by bracket depth', () => {
    expect(fmt('rule R {\nlet s = sum(\nx.a for x in 表\n)\nassert s ≈ 0\n}')).toBe('rule R {\n  let s = sum(\n    x.a for x in 表\n  )\n  assert s ≈ 0\n}\n');
  });

  it('normalises spacing inside a line without touching tokens', () => {
    expect(fmt('let   a=round( x ,2 )+-b ×表 [ "合计" ] . 金额')).toBe('let a = round(x, 2) + -b × 表["合计"].金额\n');
    expect(fmt('table T{key 编码 :code 功能分类}')).toBe('table T { key 编码: code 功能分类 }\n');
    expect(fmt('let a = 0.01万元')).toBe('let a = 0.01 万元\n');
  });

  it('tells a minus sign from a subtraction, also after a keyword used as a column name', () => {
    expect(fmt('let a = r.total -1')).toBe('let a = r.total - 1\n');
    expect(fmt('let a = (1) -  - 1')).toBe('let a = (1) - -1\n');
    expect(fmt('let a = max( -1, 2)')).toBe('let a = max(-1, 2)\n');
  });

  it('pads the fields of a multi-line ruleset header to one column', () => {
    expect(fmt('ruleset a.b {\n title "标题"\n version "1.0"\n  kind 部门决算\n}\n')).toBe(
      'ruleset a.b {\n  title   "标题"\n  version "1.0"\n  kind    部门决算\n}\n',
    );
  });

  it('aligns an `en` translation on its own line under the text it translates', () => {
    expect(fmt('rule R {\n  assert 1 = 1\nmessage "中文"\n en "English"\n}')).toBe('rule R {\n  assert 1 = 1\n  message "中文"\n       en "English"\n}\n');
  });

  it('sets statements written on one line apart by two spaces', () => {
    expect(fmt('hierarchy 功能分类 { 类 3 款 5 项 7 }')).toBe('hierarchy 功能分类 { 类 3  款 5  项 7 }\n');
    expect(fmt('rule R { for r in T assert r.a = 1 }')).toBe('rule R { for r in T  assert r.a = 1 }\n');
  });

  it('keeps comments: own-line ones at the indentation of their block, trailing ones aligned', () => {
    const out = fmt('# 头\nrule R {\n# 说明\nfor r in T # 每行\nassert r.金额合计 ≈ r.a # 比较\n}\n');
    expect(out).toBe('# 头\nrule R {\n  # 说明\n  for r in T               # 每行\n  assert r.金额合计 ≈ r.a  # 比较\n}\n');
  });

  it('keeps at most one blank line, none at the start of a block or before its end', () => {
    expect(fmt('\n\nlet a = 1\n\n\n\nlet b = 2\nrule R {\n\n  assert a = b\n\n}\n\n\n')).toBe('let a = 1\n\nlet b = 2\nrule R {\n  assert a = b\n}\n');
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    expect(fmt('\uFEFFlet a = 1\r\nlet  b = 2\r\n')).toBe('\uFEFFlet a = 1\r\nlet b = 2\r\n');
  });

  it('leaves a file with syntax errors alone and says why', () => {
    const r = formatSource('rule R {\n  assert = \n', '/t.suan');
    expect(r.changed).toBe(false);
    expect(r.skipped).toBe('syntax-errors');
    expect(r.text).toBe('rule R {\n  assert = \n');
    expect(r.diagnostics.map((d) => d.code)).toContain('SUAN1001');
  });

  it('lays out a scorecard: clauses one level in, their values in one column, an extra\'s parts under it, a method\'s entries one level deeper', () => {
    const input = [
      'scorecard S1 "评分" {',
      'doc "说明"',
      '  en "Notes"',
      'table 表 # 表',
      '        indicator 指标',
      'levels 一级, 二级',
      'weight 分值',
      'reported 得分',
      'reported total 合计.得分',
      'tolerance 0.05',
      'grade 优 >= 90, 差 else',
      'extra 执行率',
      'weight 10',
      '      reported 资金.得分',
      ': execution of 资金.执行数 / 资金.预算数',
      'score a: bands of actual { # b0',
      '>= 90%: 5, # b1',
      '    # b2',
      '< 90%: 0',
      '}',
      'score c: parts {',
      '3: full,',
      '      1: full',
      '}',
      'score else: auto',
      '}',
      '',
    ].join('\n');
    expect(checkFormat(input)).toBe([
      'scorecard S1 "评分" {',
      '  doc "说明"',
      '   en "Notes"',
      '  table     表  # 表',
      '  indicator 指标',
      '  levels    一级, 二级',
      '  weight    分值',
      '  reported  得分',
      '  reported total 合计.得分',
      '  tolerance 0.05',
      '  grade     优 >= 90, 差 else',
      '  extra 执行率',
      '    weight   10',
      '    reported 资金.得分',
      '    : execution of 资金.执行数 / 资金.预算数',
      '  score a: bands of actual {  # b0',
      '    >= 90%: 5,                # b1',
      '    # b2',
      '    < 90%: 0',
      '  }',
      '  score c: parts {',
      '    3: full,',
      '    1: full',
      '  }',
      '  score else: auto',
      '}',
      '',
    ].join('\n'));
    // An extra written on one line keeps its words one space apart (they are names, not clauses there).
    expect(fmt('scorecard S {\ntable T\nextra x weight 10 reported r: full\nweight w\n}\n')).toBe('scorecard S {\n  table  T\n  extra x weight 10 reported r: full\n  weight w\n}\n');
  });

  it('keeps a score\'s expression going on the next line as part of it, even when that line opens with a clause word', () => {
    const input = 'scorecard S {\ntable T\nweight 分值\ntarget 目标\nscore A: 2 ×\ntarget\nscore C: 100 ×\nweight\n× 0.01\nlevels 一级,\n二级\ngrade 优 >= 90,\n差 else\nreported grade 合计.等级\nscore else: auto\n}\n';
    expect(checkFormat(input)).toBe('scorecard S {\n  table  T\n  weight 分值\n  target 目标\n  score A: 2 ×\n    target\n  score C: 100 ×\n    weight\n    × 0.01\n  levels 一级,\n    二级\n  grade  优 >= 90,\n    差 else\n  reported grade 合计.等级\n  score else: auto\n}\n');
  });

  it('indents a comment inside a statement that goes on below it as the line it comes before', () => {
    expect(checkFormat('scorecard S {\ntable T\nextra x\nweight 10\n# 见资金表\nreported r\n: full\nscore X:\n# 方法\nfull\n}\nrule R {\nassert 1 ≈\n# 右边\n1\n}\n')).toBe(
      'scorecard S {\n  table T\n  extra x\n    weight   10\n    # 见资金表\n    reported r\n    : full\n  score X:\n    # 方法\n    full\n}\nrule R {\n  assert 1 ≈\n    # 右边\n    1\n}\n',
    );
  });

  it('gives back every published ruleset from its lines with their indentation taken away', () => {
    const published = EXAMPLES.filter((e) => e.name.startsWith('rulesets/'));
    expect(published.length).toBeGreaterThanOrEqual(9);
    for (const e of published) {
      const flat = e.text.split('\n').map((l) => l.replace(/^[ \t]+/, '')).join('\n');
      expect(fmt(flat), e.name).toBe(e.text);
    }
  });

  it('formats an empty or comment-only file', () => {
    expect(fmt('')).toBe('');
    expect(fmt('  # 只有注释  \n\n')).toBe('# 只有注释\n');
  });
});
