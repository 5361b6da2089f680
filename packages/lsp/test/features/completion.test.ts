import { afterEach, describe, expect, it } from 'vitest';
import { completion } from '../../src/features/completion';
import { workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

const HEAD = `ruleset 测试.决算 { title "t" }
import "tables.suan"
fact 收支总计: money 万元
facts 三公经费 { 合计: money 万元  公务接待费: money 万元 }
let 尾差 = 0.01 万元
`;

/** Labels offered at the (first) cursor of a ruleset written into 决算/main.suan. */
function labels(text: string, opts = { snippets: true }): string[] {
  w ??= workspace();
  const doc = w.open('决算/main.suan', text);
  return completion(w.services, doc.uri, doc.positions[0]!, opts).items.map((i) => i.label);
}

function items(text: string) {
  w ??= workspace();
  const doc = w.open('决算/main.suan', text);
  return completion(w.services, doc.uri, doc.positions[0]!);
}

describe('completion', () => {
  it('offers top-level keywords and skeleton snippets at the start of a line', () => {
    w = workspace();
    const l = labels(`${HEAD}\n<|>`);
    expect(l).toEqual(expect.arrayContaining(['rule', 'table', 'fact', 'facts', 'hierarchy', 'import', 'extends', 'let', 'precision', 'rule …', 'table …', 'rule … rollup']));
    expect(l).not.toContain('ruleset'); // the file has its header already
    expect(l).not.toContain('收支总计');
  });

  it('offers rule clauses and clause snippets inside a rule', () => {
    w = workspace();
    const l = labels(`${HEAD}\nrule R1 {\n  <|>\n}`);
    expect(l).toEqual(expect.arrayContaining(['for', 'let', 'when', 'assert', 'message', 'severity', 'tolerance', 'rollup', 'for … in …']));
    expect(l).not.toContain('table');
  });

  it('offers the columns of a row variable after `r.`, from the checked program, on half-typed text', () => {
    w = workspace();
    const l = labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.<|>\n`);
    expect(l).toEqual(['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出']);
  });

  it('matches Chinese names by prefix and by plain substring, prefix hits first', () => {
    w = workspace();
    const list = items(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.支出<|>\n}`);
    // 支出 is inside 本年支出合计 (substring) and 基本支出/项目支出 (suffix): all found, no pinyin involved.
    expect(list.items.map((i) => i.label).sort()).toEqual(['基本支出', '本年支出合计', '项目支出'].sort());
    expect(list.isIncomplete).toBe(true);
    const total = list.items.find((i) => i.label === '本年支出合计')!;
    expect(total.filterText).toBe('支出本年支出合计'); // any client's prefix filter keeps it
    expect(total.textEdit).toMatchObject({ newText: '本年支出合计' });
    const prefix = items(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.本年<|>\n}`);
    expect(prefix.items.map((i) => i.label)).toEqual(['本年支出合计']);
  });

  it('offers tables after `for x in`, and `where` after the table', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  for r in <|>\n}`)).toEqual(expect.arrayContaining(['支出决算表', 'children']));
    expect(labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表 <|>\n}`)).toEqual(['where']);
  });

  it('offers names in scope in an expression: row variables, lets, facts, groups, constants, functions', () => {
    w = workspace();
    const l = labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  let 下级 = sum(children(r).基本支出)\n  assert <|>\n}\nrule R2 { for q in 支出决算表  assert q.基本支出 ≈ 0 }`);
    expect(l).toEqual(expect.arrayContaining(['r', '下级', '收支总计', '三公经费', '尾差', '支出决算表', 'sum', 'round', 'abs', 'isblank']));
    expect(l).not.toContain('q'); // another rule's variable
    expect(l).not.toContain('assert');
  });

  it('offers the facts of a group after `三公经费.`', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  assert 三公经费.<|>\n}`).sort()).toEqual(['公务接待费', '合计'].sort());
  });

  it('offers hierarchy levels after `level(r) =` and after `功能分类.`', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表 where level(r) = <|>\n  assert r.基本支出 ≈ 0\n}`)).toEqual(expect.arrayContaining(['类', '款', '项']));
    w.dispose();
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表 where level(r) = 功能分类.<|>\n}`)).toEqual(['类', '款', '项']);
  });

  it('offers infix words after a complete operand', () => {
    w = workspace();
    const l = labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.基本支出 ≈ r.项目支出 <|>\n}`);
    expect(l).toEqual(expect.arrayContaining(['and', 'or', 'within']));
    expect(l).not.toContain('支出决算表');
  });

  it('offers severities after `severity`, types after `:`, units after `money`, hierarchies after `code`', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  severity <|>\n}`)).toEqual(['error', 'warning', 'info']);
    expect(labels(`${HEAD}\ntable 新表 {\n  金额: <|>\n}`)).toEqual(expect.arrayContaining(['money', 'percent', 'count', 'text', 'code']));
    expect(labels(`${HEAD}\ntable 新表 {\n  金额: money <|>\n}`)).toEqual(expect.arrayContaining(['万元', '元', 'precision']));
    expect(labels(`${HEAD}\ntable 新表 {\n  key 编码: code <|>\n}`)).toEqual(['功能分类']);
    expect(labels(`${HEAD}\ntable 新表 {\n  <|>\n}`)).toEqual(expect.arrayContaining(['key', 'title', 'unit', 'doc']));
  });

  it('offers columns of the rolled-up table after `columns` and after each comma', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  rollup 支出决算表 columns 本年支出合计, <|>\n}`)).toEqual(['本年支出合计', '基本支出', '项目支出']);
    expect(labels(`${HEAD}\nrule R1 {\n  rollup <|>\n}`)).toEqual(['支出决算表']);
  });

  it('offers a fresh rule id in the style of the ids before it', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule JS0302 { assert 收支总计 ≈ 0 }\nrule JS0303 { assert 收支总计 ≈ 0 }\nrule <|>`)).toEqual(['JS0304']);
  });

  it('offers the rules of the extended ruleset in `override` and `disable`', () => {
    w = workspace();
    const doc = w.open('市级/city.suan', 'ruleset 测试.市级 { title "c" }\nextends "../决算/main.suan" {\n  override <|>\n}\n');
    const l = completion(w.services, doc.uri, doc.positions[0]!).items.map((i) => i.label);
    expect(l).toEqual(['JS01', 'JS02', 'JS03', 'JS04']);
  });

  it('offers template values and names inside `{…}` of a message', () => {
    w = workspace();
    const l = labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.基本支出 ≈ 0\n  message "合计 {<|>"\n}`);
    expect(l).toEqual(expect.arrayContaining(['actual', 'expected', 'difference', 'r', '收支总计']));
    const cols = labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.基本支出 ≈ 0\n  message "合计 {r.<|>}"\n}`);
    expect(cols).toContain('科目名称');
  });

  it('offers row keys (hierarchy codes) from the bound data inside `表["…"]`', () => {
    w = workspace();
    w.evaluate('决算/main.suan');
    const list = items(`${HEAD}\nrule R1 {\n  assert 支出决算表["<|>"].基本支出 ≈ 0\n}`);
    expect(list.items.map((i) => i.label)).toEqual(['合计', '208', '20805', '2080505', '2080506']);
    expect(list.items.find((i) => i.label === '20805')!.detail).toBe('行政事业单位养老支出');
    const typed = items(`${HEAD}\nrule R1 {\n  assert 支出决算表["2080<|>"].基本支出 ≈ 0\n}`);
    expect(typed.items.map((i) => i.label)).toEqual(['20805', '2080505', '2080506']);
  });

  it('writes names that need them in backticks', () => {
    w = workspace();
    w.services.workspace.open(w.uri('决算/tables.suan'), 'hierarchy 功能分类 { 类 3 }\ntable 表 { key 编码: code 功能分类  `其中：教育收费`: money }\n', 1);
    const list = items(`${HEAD}\nrule R1 {\n  for r in 表\n  assert r.其中<|>\n}`);
    expect(list.items[0]!.textEdit).toMatchObject({ newText: '`其中：教育收费`' });
  });

  it('gives plain text to clients without snippets', () => {
    w = workspace();
    const doc = w.open('决算/main.suan', `${HEAD}\nrule R1 {\n  assert rou<|>\n}`);
    const item = completion(w.services, doc.uri, doc.positions[0]!, { snippets: false }).items.find((i) => i.label === 'round')!;
    expect(item.insertTextFormat).toBeUndefined();
    expect(item.textEdit).toMatchObject({ newText: 'round(x, n)' });
  });

  it('stays quiet inside comments', () => {
    w = workspace();
    expect(labels(`${HEAD}\n# 注释 <|>\n`)).toEqual([]);
  });

  it('completes in broken files: an unclosed rule, a dangling operator', () => {
    w = workspace();
    expect(labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.本年支出合计 ≈ r.<|>\nrule R2 {\n  assert 1 = 1\n}`)).toContain('基本支出');
    expect(labels(`${HEAD}\nrule R1 {\n  for r in 支出决算表\n  assert r.本年支出合计 ≈ + <|>`)).toContain('r');
  });
});
