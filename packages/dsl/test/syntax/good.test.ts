/**
 * Good parse cases: every file in `good/` parses with zero diagnostics, and the syntax tree has
 * the shape the language reference promises for the interesting parts (names, clauses,
 * precedence, literals, spans). The files are literate: each says what it covers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, type AST } from '../../src/index';
import { parseExpressionAt } from '../../src/syntax/parse';
import { suanFiles } from '../fixtures/support';

const GOOD = path.join(__dirname, 'good');
const files = suanFiles(GOOD);
const text = (name: string) => fs.readFileSync(path.join(GOOD, name), 'utf8');
const parsed = (name: string) => parse(text(name), path.join(GOOD, name));

type Node = { kind?: string; span?: AST.Span } & Record<string, unknown>;

/** Every node of a kind under `root`, in source order. */
function all<K extends string>(root: unknown, kind: K): Extract<AST.Expr | AST.Item, { kind: K }>[] {
  const out: Node[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown) => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) { x.forEach(visit); return; }
    const n = x as Node;
    if (n.kind === kind) out.push(n);
    for (const [k, v] of Object.entries(n)) if (k !== 'span') visit(v);
  };
  visit(root);
  return out.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0)) as never;
}

/** A compact rendering of an expression, to assert shape and precedence at a glance. */
function show(e: AST.Expr | undefined): string {
  if (!e) return '∅';
  switch (e.kind) {
    case 'Number': return e.text;
    case 'Percent': return `${e.text}%`;
    case 'Money': return `${e.text}${e.unit}`;
    case 'String': return JSON.stringify(e.value);
    case 'Bool': return String(e.value);
    case 'Blank': return 'blank';
    case 'NameRef': return e.name.text;
    case 'Member': return `${show(e.object)}.${e.name?.text ?? '∅'}`;
    case 'Index': return `${show(e.object)}[${show(e.index)}]`;
    case 'Call': return `${e.callee.text}(${e.args.map(show).join(', ')})`;
    case 'Aggregate': return `${e.fn.text}(${show(e.element)} for ${e.variable?.text ?? '∅'} in ${show(e.source)}${e.filter ? ` where ${show(e.filter)}` : ''})`;
    case 'Unary': return `(${e.op} ${show(e.operand)})`;
    case 'Binary': return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'Compare': return `(${show(e.left)} ${e.op} ${show(e.right)}${e.within ? ` within ${show(e.within)}` : ''})`;
    case 'If': return `(if ${show(e.cond)} then ${show(e.then)} else ${show(e.else)})`;
    case 'Convert': return `(${show(e.operand)} as ${e.unit ?? '∅'})`;
    case 'ErrorExpr': return '<error>';
  }
}

function rule(file: AST.SourceFile, id: string): AST.Rule {
  const r = file.items.find((i): i is AST.Rule => i.kind === 'Rule' && i.id?.text === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

const at = (s: AST.Span | undefined) => (s ? `${s.line}:${s.col}-${s.endLine}:${s.endCol}` : '∅');

describe('good cases parse with zero diagnostics', () => {
  it('has the good cases on disk', () => {
    expect(files.map(([n]) => n)).toEqual(expect.arrayContaining([
      'comments.suan', 'constants.suan', 'expressions.suan', 'facts.suan', 'fullwidth.suan', 'header.suan', 'header-string-id.suan',
      'hierarchies.suan', 'imports.suan', 'language-reference.suan', 'names.suan', 'rollups.suan', 'rules.suan', 'tables.suan',
    ]));
  });

  it.each(files)('%s', (_name, file) => {
    const r = parse(fs.readFileSync(file, 'utf8'), file);
    expect(r.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.col}`)).toEqual([]);
    expect(r.ast.items.every((i) => i.span.file === file)).toBe(true);
    expect(all(r.ast, 'ErrorExpr')).toEqual([]);
  });

  it.each(files)('%s: the same tree, line for line and column for column, with CRLF line ends', (_name, file) => {
    const lf = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const strip = (k: string, v: unknown) => (k === 'start' || k === 'end' ? undefined : v);
    const a = parse(lf, file);
    const b = parse(crlf, file);
    expect(b.diagnostics).toEqual([]);
    expect(JSON.stringify(b.ast.items, strip)).toBe(JSON.stringify(a.ast.items, strip));
  });
});

describe('ruleset header', () => {
  it('reads a dotted id and every field, in both languages', () => {
    const h = parsed('header.suan').ast.header!;
    expect(h.id?.text).toBe('某省.决算公开');
    expect(at(h.id?.span)).toBe('5:9-5:16');
    expect(h.fields.map((f) => f.key)).toEqual(['title', 'version', 'issuer', 'kind', 'years', 'licence', 'description']);
    const title = h.fields.find((f) => f.key === 'title') as Extract<AST.HeaderField, { key: 'title' | 'issuer' | 'description' }>;
    expect(title.text!.variants.map((v) => [v.lang, v.value])).toEqual([['default', '决算公开校验规则 2024'], ['en', 'Final-accounts disclosure rules 2024']]);
    const kind = h.fields.find((f) => f.key === 'kind') as Extract<AST.HeaderField, { key: 'kind' }>;
    expect(kind.names.map((n) => n.text)).toEqual(['部门决算', '单位决算', '绩效自评', '部门预算']);
    const years = h.fields.find((f) => f.key === 'years') as Extract<AST.HeaderField, { key: 'years' }>;
    expect([years.from?.text, years.to?.text]).toEqual(['2021', '2025']);
    const version = h.fields.find((f) => f.key === 'version') as Extract<AST.HeaderField, { key: 'version' | 'licence' }>;
    expect(version.value?.value).toBe('1.2.0');
  });

  it('takes a string id verbatim and a single year', () => {
    const r = parsed('header-string-id.suan');
    expect(r.ast.header?.id?.text).toBe('某市 决算公开（市级补充）');
    const years = r.ast.header!.fields.find((f) => f.key === 'years') as Extract<AST.HeaderField, { key: 'years' }>;
    expect([years.from?.text, years.to]).toEqual(['2024', undefined]);
    expect(r.ast.items).toEqual([]);
  });
});

describe('declarations', () => {
  it('hierarchies: levels by code length, with or without colons and commas, and a doc', () => {
    const hs = all(parsed('hierarchies.suan').ast, 'Hierarchy');
    expect(hs.map((h) => [h.name?.text, h.levels.map((l) => `${l.name.text}${l.length?.text}`)])).toEqual([
      ['功能分类', ['类3', '款5', '项7']],
      ['经济分类', ['类3', '款5']],
    ]);
    expect(hs[1]!.doc?.variants.map((v) => v.lang)).toEqual(['default', 'en']);
  });

  it('tables: key, every column type, units, precision, backtick and keyword-spelled names', () => {
    const [t, plain, codes] = all(parsed('tables.suan').ast, 'Table');
    expect(t!.name?.text).toBe('收入决算表');
    expect(t!.unit?.value).toBe('万元');
    expect(t!.title?.variants.map((v) => v.value)).toEqual(['收入决算表（公开02表）', 'Income (table 02)']);
    expect(t!.doc?.variants[0]?.value).toBe('每行按功能分类科目编码。');
    const cols = t!.columns.map((c) => [
      c.name.text, c.isKey, c.type?.base, c.type?.unit?.value ?? '', c.type?.hierarchy?.text ?? '',
      c.type?.precision ? `${c.type.precision.text}${c.type.precision.kind === 'Percent' ? '%' : ''}` : '',
    ].join('|'));
    expect(cols).toEqual([
      '科目编码|true|code||功能分类|', '科目名称|false|text|||', '本年收入合计|false|money|||', '财政拨款收入|false|money|||0.01',
      '其中：教育收费|false|money|万元||', '占比|false|percent|||0.01%', '人数|false|count|||', '分值|false|number|||',
      '日期|false|date|||', '是否公开|false|bool|||', 'total|false|money|||', 'count|false|count|||',
    ]);
    expect(at(t!.columns[4]!.name.span)).toBe('16:3-16:12');
    expect(plain!.columns.map((c) => `${c.name.text}:${c.type?.base}${c.type?.unit?.value ?? ''}`)).toEqual(['金额:money元', '备注:text']);
    expect(codes!.columns.map((c) => `${c.name.text}:${c.type?.base}:${c.type?.hierarchy?.text ?? ''}:${c.isKey}`)).toEqual(['编码:code::true', '名称:text::false', '上级编码:code::false']);
  });

  it('facts: single, grouped (dotted full names), with doc and precision, Chinese-quoted names', () => {
    const facts = all(parsed('facts.suan').ast, 'Fact');
    expect(facts.map((f) => `${f.name.text}:${f.type?.base}${f.type?.unit?.value ?? ''}${f.type?.precision ? `±${f.type.precision.text}` : ''}`)).toEqual([
      '收支总计:money万元', '收支总计增长率:percent', '年末实有人数:count±1', '因公出国（境）费:money万元±0.01', '“三公”经费:money万元',
      '三公经费.合计:money万元', '三公经费.公务接待费:money万元', '三公经费.公务用车.购置费:money万元', '项目.绩效.得分:number',
    ]);
    expect(facts[1]!.doc?.variants.map((v) => v.value)).toEqual(['“与上年相比……增长 83.59%”', '"up 83.59% on last year"']);
    // A grouped fact's name points at its own part, not at the group.
    expect(at(facts[5]!.name.span)).toBe('12:3-12:5');
  });

  it('constants and document-wide precision', () => {
    const r = parsed('constants.suan').ast;
    expect(all(r, 'ConstLet').map((c) => `${c.name?.text}=${show(c.value)}`)).toEqual([
      '尾差=0.01万元', '两倍尾差=(尾差 * 2)', '及格线=60%', '满分=100',
    ]);
    expect(all(r, 'DocPrecision').map((p) => `${p.target}:${p.amount?.kind}:${p.amount?.text}${p.amount?.kind === 'Money' ? p.amount.unit : ''}`)).toEqual([
      'facts:Money:0.01万元', 'facts:Percent:0.01', 'tables:Number:0.01',
    ]);
  });
});

describe('rules', () => {
  it('reads every clause of a rule', () => {
    const r = rule(parsed('rules.suan').ast, 'JS10');
    expect(r.title?.variants.map((v) => `${v.lang}:${v.value}`)).toEqual(['default:类 = Σ 款', 'en:类 equals the sum of its 款']);
    expect(r.severity?.value).toBe('warning');
    expect(r.doc?.variants.length).toBe(2);
    expect(show(r.tolerance)).toBe('0.01万元');
    expect(r.steps.map((s) => s.kind === 'For' ? `for ${s.variable?.text} in ${show(s.source)} where ${show(s.filter)}` : `let ${s.name?.text} = ${show(s.value)}`)).toEqual([
      'for r in 支出决算表 where (level(r) = 类)',
      'let 下级 = sum(x.本年支出合计 for x in children(r))',
    ]);
    expect(show(r.when)).toBe('公开');
    expect(show(r.assert)).toBe('(r.本年支出合计 ≈ 下级)');
    expect(r.message?.variants.map((v) => v.lang)).toEqual(['default', 'en']);
    expect(r.message?.variants[0]?.raw).toBe('{r.科目编码} {r.科目名称}：{actual}，下级之和 {expected}，差额 {difference}');
    expect(r.rollup).toBeUndefined();
    expect(r.repeated).toEqual([]);
    expect(at(r.id?.span)).toBe('16:6-16:10');
    expect(at(r.steps[1]!.span)).toBe('21:3-21:46');
  });

  it('accepts clauses in any order, keeping the order of for steps', () => {
    const r = rule(parsed('rules.suan').ast, 'JS11');
    expect(r.steps.map((s) => (s.kind === 'For' ? s.variable?.text : ''))).toEqual(['a', 'b']);
    expect(r.title?.variants[0]?.value).toBe('下级不超过上级');
    expect(r.severity?.value).toBe('info');
    expect(show(r.assert)).toBe('(a.本年支出合计 >= b.本年支出合计)');
    expect(rule(parsed('rules.suan').ast, 'JS12').severity?.value).toBe('error');
  });

  it('reads roll-ups: columns, hierarchy, total row and tolerance', () => {
    const f = parsed('rollups.suan').ast;
    const view = (id: string) => {
      const u = rule(f, id).rollup!;
      return { table: u.table?.text, by: u.hierarchy?.text, columns: u.columns.map((c) => c.text), total: u.total?.value, within: u.within && show(u.within) };
    };
    expect(view('JS02')).toEqual({ table: '支出决算表', by: undefined, columns: ['本年支出合计', '基本支出', '项目支出'], total: '合计', within: undefined });
    expect(view('JS03')).toEqual({ table: '支出决算表', by: '两级', columns: ['本年支出合计', '其中：教育收费'], total: undefined, within: '0.01万元' });
    expect(view('JS04').columns).toEqual(['基本支出']);
  });
});

describe('expressions', () => {
  const f = parsed('expressions.suan').ast;
  const assert = (id: string) => show(rule(f, id).assert);

  it('arithmetic is left-associative, × ÷ bind tighter than + −, and the mathematical signs mean the ASCII operators', () => {
    const a = all(rule(f, '算术'), 'Compare').map((c) => show(c));
    expect(a).toEqual([
      '(((收支总计 + 1万元) - 0.5万元) = (收支总计 + 0.5万元))',
      '((- 收支总计) = (0万元 - 收支总计))',
      '((收支总计 * 2) = (收支总计 * 2))',
      '((收支总计 / 2) = (收支总计 / 2))',
      '(((收支总计 - 1万元) * 2) = ((收支总计 * 2) - 2万元))',
    ]);
  });

  it('every comparison operator in ASCII and as a sign, with within on = and ≈', () => {
    const ops = all(rule(f, '比较'), 'Compare').map((c) => `${c.op}${c.within ? ` within ${show(c.within)}` : ''}`);
    expect(ops).toEqual(['=', '=', '=', '!=', '!=', '<', '<=', '<=', '<=', '>', '>=', '>=', '>=', '≈', '≈ within 0.01万元', '= within 0.005万元']);
  });

  it('and binds tighter than or; not applies to its operand; calls are primaries', () => {
    expect(assert('逻辑')).toBe('(((得分 > 0) and (not (得分 > 100))) or (isblank(得分) and present(收支总计)))');
  });

  it('a parenthesised expression\'s span is its text with the parentheses (what suan explain quotes)', () => {
    const src = text('expressions.suan');
    const r = rule(f, '逻辑');
    expect(src.slice(r.assert!.span.start, r.assert!.span.end)).toBe('(得分 > 0 and not (得分 > 100)) or isblank(得分) and present(收支总计)');
    const group = (r.assert as Extract<AST.Expr, { kind: 'Binary' }>).left;
    expect(src.slice(group.span.start, group.span.end)).toBe('(得分 > 0 and not (得分 > 100))');
    const choose = rule(f, '选择').assert as Extract<AST.Expr, { kind: 'Binary' }>;
    expect(src.slice(choose.span.start, choose.span.end)).toBe('(if 得分 >= 90 then 100 else 得分) >= 0 and (得分 ?? 0) >= 0');
    // Every expression of the file: its span's text parses back to the same expression.
    for (const e of [...all(f, 'Binary'), ...all(f, 'Compare')]) {
      const again = parseExpressionAt(src.slice(e.span.start, e.span.end), 'x.suan', src.slice(e.span.start, e.span.end), 0).expr;
      expect(show(again)).toBe(show(e));
    }
  });

  it('if-then-else and ??', () => {
    expect(assert('选择')).toBe('(((if (得分 >= 90) then 100 else 得分) >= 0) and ((得分 ?? 0) >= 0))');
  });

  it('unit conversion with as', () => {
    expect(assert('换算')).toBe('(((收支总计 as 元) = 收支总计) and ((100元 as 万元) = 0.01万元))');
  });

  it('hierarchy levels: a bare level name and a qualified one; parent and key', () => {
    const r = rule(f, '层级');
    expect(show((r.steps[0] as AST.ForStep).filter)).toBe('((level(r) = 项) or (level(r) = 功能分类.款))');
    expect(show((r.steps[1] as AST.LetStep).value)).toBe('parent(r)');
    expect(assert('层级')).toBe('((r.本年支出合计 <= 上级.本年支出合计) and (key(上级) = key(parent(r))))');
  });

  it('rows by key across tables', () => {
    expect(assert('取行')).toBe('(支出决算表["合计"].本年支出合计 = 收入支出决算总表["本年收入合计"].金额)');
  });

  it('aggregates with for/where, over children, and min/max with several arguments', () => {
    expect(all(rule(f, '聚合'), 'Aggregate').map(show)).toEqual([
      'sum(x.本年支出合计 for x in 支出决算表 where (level(x) = 类))',
      'count(x for x in 支出决算表 where (level(x) = 项))',
      'min(x.基本支出 for x in children(r))',
    ]);
    expect(all(rule(f, '聚合'), 'Call').map(show)).toEqual([
      'startswith(r.科目编码, "210")', 'contains(r.科目名称, "医疗")', 'level(x)', 'sum(children(r).基本支出)', 'children(r)', 'level(x)',
      'count(children(r))', 'children(r)', 'children(r)', 'max(children(r).基本支出)', 'children(r)', 'max(r.基本支出, r.项目支出)',
      'min(r.基本支出, r.项目支出, 0元)',
    ]);
  });

  it('round with a mode, abs', () => {
    expect(all(rule(f, '函数'), 'Call').map(show)).toEqual([
      'abs(收支总计)', 'round(得分, 2)', 'round(得分, 2, "half-up")', 'round(增长率, 4, "half-even")', 'round(增长率, 4, "floor")',
      'round((收支总计 as 万元), 2)', 'round(收支总计, 2, "ceil")',
    ]);
  });

  it('literals: digit groups, percentages with either sign, money in every unit, string escapes, blank, booleans', () => {
    const rights = all(rule(f, '字面量'), 'Compare').map((c) => show(c.right));
    expect(rights).toEqual(['1000000', '83.59%', '83.59%', '0.01万元', '300000元', '1亿元', '5千元', '"x"', 'blank']);
    const s = all(rule(f, '字面量'), 'String')[0]!;
    expect(s.value).toBe('引号"反斜杠\\换行\n制表\t');
    expect(show(rule(f, '字面量').assert).endsWith('and true) and (not false))')).toBe(true);
  });
});

describe('names', () => {
  const f = parsed('names.suan').ast;

  it('keeps full-width parentheses and Chinese quotes inside names, and drops the backticks of quoted names', () => {
    const t = all(f, 'Table')[0]!;
    expect(t.name?.text).toBe('“三公”经费支出决算表');
    expect(t.columns.map((c) => c.name.text)).toEqual(['项目', '因公出国（境）费', '公务用车购置及运行费', '其中：公务用车购置费', '合计 (含结转)', 'R001_金额']);
    // The span of a quoted name covers the backticks.
    expect(at(t.columns[3]!.name.span)).toBe('11:3-11:15');
  });

  it('reads names that start like a keyword or a money unit as names', () => {
    expect(all(f, 'Fact').map((x) => x.name.text)).toEqual(['total', 'counting', '万元户', '元数据', 'intable', 'R_2021年']);
    expect(f.items.filter((i): i is AST.Rule => i.kind === 'Rule').map((r) => r.id?.text)).toEqual(['R001', '规则 2']);
    expect(all(f, 'Member').map((m) => m.name?.text)).toEqual(['合计 (含结转)', '因公出国（境）费', '其中：公务用车购置费', 'R001_金额']);
  });
});

describe('full-width punctuation', () => {
  it('reads ｛｝ ： ， 、 ％ ＝ and the ideographic space like their ASCII counterparts', () => {
    const f = parsed('fullwidth.suan').ast;
    expect(f.header?.fields.map((x) => x.key)).toEqual(['title']);
    expect(all(f, 'Hierarchy')[0]!.levels.map((l) => `${l.name.text}${l.length?.text}`)).toEqual(['类3', '款5', '项7']);
    expect(all(f, 'Table')[0]!.columns.map((c) => `${c.name.text}:${c.type?.base}${c.isKey ? '*' : ''}`)).toEqual(['编码:code*', '合计:money', '甲:money', '乙:money']);
    expect(show(rule(f, '全角').assert)).toBe(
      '(((((r.合计 = (r.甲 + r.乙)) and (r.合计 >= (r.甲 * 1))) and (r.合计 <= ((r.甲 / 1) + r.乙))) and ((r.甲 - r.乙) != r.合计)) and (率 ≈ 50%))',
    );
  });
});

describe('import and extends', () => {
  it('reads import paths and the overrides of an extends block', () => {
    const f = parsed('imports.suan').ast;
    expect(all(f, 'Import').map((i) => i.path?.value)).toEqual(['tables.suan', 'rules/narrative']);
    const [e] = all(f, 'Extends');
    expect(e!.path?.value).toBe('../juesuan/juesuan.suan');
    expect(e!.overrides.map((o) => [o.rule?.text, o.disable, o.severity?.value, o.tolerance && show(o.tolerance)])).toEqual([
      ['JS01', false, 'warning', undefined],
      ['JS20', false, undefined, '0.05万元'],
      ['JS21', false, 'info', '1元'],
      ['JS33', true, undefined, undefined],
    ]);
  });
});

describe('comments', () => {
  it('collects # and // comments with their positions; # and // inside strings are text', () => {
    const r = parsed('comments.suan');
    const src = text('comments.suan');
    expect(r.ast.comments.length).toBe(12);
    expect(r.ast.comments.map((c) => c.text.slice(0, 2))).toEqual(['# ', '//', '# ', '//', '# ', '//', '# ', '# ', '# ', '# ', '//', '//']);
    for (const c of r.ast.comments) expect(src.slice(c.span.start, c.span.end)).toBe(c.text);
    const last = r.ast.comments[r.ast.comments.length - 1]!;
    expect(last.text).toBe('// 文件末尾的注释，没有换行');
    expect(last.span.line).toBe(src.split('\n').length);
    expect(rule(r.ast, 'R').message?.variants.map((v) => v.value)).toEqual(['#不是注释 //也不是', '# not a comment // nor this']);
    expect(show(rule(r.ast, 'R').assert)).toBe('((r.金额 >= 0) and (r.金额 <= 100元))');
  });
});

describe('the opening example of the language reference', () => {
  it('parses into header, hierarchy, table, fact and two rules', () => {
    const f = parsed('language-reference.suan').ast;
    expect(f.header?.id?.text).toBe('示例.决算');
    expect(f.items.map((i) => i.kind)).toEqual(['Hierarchy', 'Table', 'Fact', 'Rule', 'Rule']);
    expect(show(rule(f, 'JS01').assert)).toBe('(r.本年支出合计 ≈ (r.基本支出 + r.项目支出))');
    expect(rule(f, 'JS02').rollup?.total?.value).toBe('合计');
  });
});
