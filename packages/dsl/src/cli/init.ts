/**
 * `suan init [dir]`: a new ruleset skeleton with an example disclosure and its expected findings,
 * ready for `suan check` and `suan test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { Lang } from '../diagnostics/diagnostic';
import { checkOne } from './batch';
import { goldenOf, writeGolden } from './golden';
import { shellQuote, writeFailure } from './write-failure';
import { loadRulesetFile } from './ruleset-file';
import { argumentError, usageError } from './usage';

const RULESET = (id: string) => `# ${id} —— 新规则集（由 suan init 生成）。语言参考：docs/language.md
ruleset ${id} {
  title   "新规则集" en "New ruleset"
  version "0.1.0"
  issuer  "（发布单位）" en "(issuer)"
  kind    部门决算
  years   2021 to 2030
  licence "CC-BY-4.0"
}

hierarchy 功能分类 { 类 3  款 5  项 7 }

table 支出决算表 {
  title "支出决算表"
  key 科目编码: code 功能分类
  科目名称: text
  本年支出合计: money
  基本支出: money
  项目支出: money
}

fact 本年支出: money 万元 doc "说明中“本年支出 X 万元”" en "The narrative's stated expenditure"

rule R001 "本年支出合计 = 基本支出 + 项目支出" en "Total = basic + project" {
  doc "每一行的合计等于其组成部分之和（尾数误差以内）。" en "Every row's total equals the sum of its parts (within rounding)."
  for r in 支出决算表
  assert r.本年支出合计 ≈ r.基本支出 + r.项目支出
  message "{r.科目编码} {r.科目名称}：本年支出合计 {actual}，基本支出 + 项目支出 = {expected}，差额 {difference}"
       en "{r.科目编码}: total {actual}, basic + project = {expected}, difference {difference}"
}

rule R002 "逐级汇总" en "Hierarchy rolls up" {
  rollup 支出决算表 columns 本年支出合计, 基本支出, 项目支出 total "合计"
}

rule R003 "说明与表一致" en "Narrative matches the table" {
  severity warning
  assert 本年支出 ≈ 支出决算表["合计"].本年支出合计 as 万元
  message "说明中的本年支出 {actual} 与表中合计 {expected} 不一致" en "Stated expenditure {actual} differs from the table's total {expected}"
}
`;

const EXAMPLE = `# 示例数据：故意在 20805 行留了一处差错，供 suan test 验证规则。
suan: 1
document: { unit: 示例单位, year: "2021", kind: 部门决算, currency_unit: 元 }
tables:
  支出决算表:
    unit: 元
    columns: [科目编码, 科目名称, 本年支出合计, 基本支出, 项目支出]
    rows:
      - ["合计", "", "1,500,000.00", "1,000,000.00", "500,000.00"]
      - ["208", "社会保障和就业支出", "1,500,000.00", "1,000,000.00", "500,000.00"]
      - ["20805", "行政事业单位养老支出", "1,500,100.00", "1,000,000.00", "500,000.00"]
facts:
  本年支出: { value: "150", unit: 万元, source: "第三部分 一、“本年支出 150 万元”" }
`;

export async function runInit(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const [named = '.', ...more] = parsed.positionals;
  if (named.trim() === '') return usageError(lang, en ? 'suan init needs a folder name, not an empty one (give . for the current folder).' : 'suan init 需要文件夹名称，不能为空（当前文件夹请写 .）。');
  if (more.length) {
    return usageError(lang, en ? `suan init takes one folder, not ${more.length + 1}: ${parsed.positionals.join(' ')}. Quote a folder name with spaces in it.` : `suan init 只接受一个文件夹，这里有 ${more.length + 1} 个：${parsed.positionals.join(' ')}。名称中有空格时请加引号。`);
  }
  const dir = path.resolve(named);
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  const name = path.basename(dir).replace(/[^\p{L}\p{N}_.]/gu, '_') || 'ruleset';
  const file = path.join(dir, `${name}.suan`);
  const example = path.join(dir, 'examples', 'example.yaml');
  const expected = path.join(dir, 'expected', 'example.yaml');
  const readme = path.join(dir, 'README.md');

  // The folders init makes must be folders (or not exist yet) …
  for (const folder of [dir, path.join(dir, 'examples'), path.join(dir, 'expected')]) {
    const d = fileInTheWay(folder);
    if (d === undefined) continue;
    process.stderr.write(folder === dir
      ? (en
        ? `suan init: ${rel(d)} is a file, not a folder; nothing written. Name a new folder (suan init NEW-FOLDER) or an existing one.\n`
        : `suan init：${rel(d)} 是文件而不是文件夹，未写入任何文件。请指定一个新文件夹（suan init 新文件夹）或已有的文件夹。\n`)
      : (en
        ? `suan init: ${rel(d)} is a file, not a folder, and suan init needs a folder there; nothing written. Move it away, or run suan init in a new folder.\n`
        : `suan init：${rel(d)} 是文件而不是文件夹，而 suan init 需要在此建立文件夹，未写入任何文件。请先把它移走，或在新文件夹中运行 suan init。\n`));
    return 2;
  }
  // … and none of the files it writes may exist: it writes all of them or none.
  const existing = [file, example, expected, readme].filter(exists);
  if (existing.length) {
    const list = existing.map(rel).join(en ? ', ' : '、');
    process.stderr.write(en
      ? `suan init: nothing written: ${existing.length === 1 ? 'this file already exists' : 'these files already exist'}: ${list}. Run suan init in a new folder (suan init NEW-FOLDER), or move ${existing.length === 1 ? 'it' : 'them'} away first.\n`
      : `suan init：未写入任何文件：以下文件已存在：${list}。请在新文件夹中运行（suan init 新文件夹），或先把它们移走。\n`);
    return 2;
  }

  // The folder's name in the ruleset's id: as a dotted name when it is one, else written as a text (`"my.2024决算"`).
  const id = /^[A-Za-z_\p{L}][\p{L}\p{N}_]*(?:\.[A-Za-z_\p{L}][\p{L}\p{N}_]*)*$/u.test(name) ? `my.${name}` : JSON.stringify(`my.${name}`);
  const written: string[] = [];
  // `wx`: a file that appeared meanwhile is not overwritten (the write fails and says so).
  const write = (f: string, text: string) => {
    fs.writeFileSync(f, text, { flag: 'wx' });
    written.push(f);
  };
  try {
    fs.mkdirSync(path.join(dir, 'examples'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'expected'), { recursive: true });
    write(file, RULESET(id));
    write(example, EXAMPLE);
    const { compiled } = await loadRulesetFile(file);
    if (compiled) {
      const r = await checkOne(compiled, example, {});
      if (r.result) write(expected, writeGolden(goldenOf(r.result), '# Expected findings for examples/example.yaml — review every entry before committing.'));
    }
    write(readme, `# ${name}\n\n${en ? 'A Suan ruleset.' : 'Suan 规则集。'}\n\n\`\`\`sh\nsuan check ${name}.suan examples/\nsuan test ${name}.suan\n\`\`\`\n`);
  } catch (e) {
    const where = e && typeof e === 'object' && 'path' in e && typeof e.path === 'string' ? rel(e.path) : rel(dir);
    const appeared = e && typeof e === 'object' && 'code' in e && e.code === 'EEXIST';
    const [whyEn, whyZh] = appeared
      ? ['it appeared while suan init was writing, and was left as it is. Move it away and run again.', '它在 suan init 写入期间出现，已保持原样。请移走后重新运行。']
      : writeFailure(e, ['Run suan init in a folder where you may write files.', '请在有写入权限的文件夹中运行 suan init。']);
    const done = written.map(rel).join(en ? ', ' : '、');
    process.stderr.write(en
      ? `suan init: cannot write ${where}: ${whyEn}${done ? ` Written so far: ${done}.` : ''}\n`
      : `suan init：无法写入 ${where}：${whyZh}${done ? `已写入：${done}。` : ''}\n`);
    return 2;
  }
  const next = `suan check ${shellQuote(rel(file))} ${shellQuote(rel(path.join(dir, 'examples')))}`;
  const test = `suan test ${shellQuote(rel(file))}`;
  // The example has one deliberate error (to show a finding): `check` ends with 1 on it, `test` with 0.
  process.stdout.write(en
    ? `Created ${[file, example, expected].map(rel).join(', ')}.\nNext: ${next}  (ends with 1: the example has one deliberate error, to show what a finding looks like)\n      ${test}  (passes: the example's findings are the expected ones)\n`
    : `已创建 ${[file, example, expected].map(rel).join('、')}。\n下一步：${next}（以 1 结束：示例中有一处故意的错误，用来展示检查结果）\n        ${test}（通过：示例的检查结果与预期一致）\n`);
  return 0;
}

/** Something is at `p` (a link that leads nowhere too: writing there would write through it). */
function exists(p: string): boolean {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false; // a path that cannot be looked at: writing there fails, and says why
  }
}

/** The file (not a folder, nor a link to one) at `p` or at the nearest of its parents that exists, if any: a folder cannot be made there. */
function fileInTheWay(p: string): string | undefined {
  for (let q = p; ; q = path.dirname(q)) {
    try {
      const st = fs.statSync(q, { throwIfNoEntry: false }) ?? fs.lstatSync(q, { throwIfNoEntry: false });
      if (st) return st.isDirectory() ? undefined : q;
    } catch (e) {
      // ENOTDIR: a file above it, found on the way up; anything else: making the folder fails, and says why.
      if (!(e && typeof e === 'object' && 'code' in e && e.code === 'ENOTDIR')) return undefined;
    }
    if (path.dirname(q) === q) return undefined;
  }
}

