/**
 * `suan init [dir]`: a new ruleset skeleton with an example disclosure and its expected findings,
 * ready for `suan check` and `suan test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../diagnostics/diagnostic';
import { checkOne } from './batch';
import { goldenOf, writeGolden } from './golden';
import { loadRulesetFile } from './ruleset-file';

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
  const dir = path.resolve(args.find((a) => !a.startsWith('--') && a !== lang) ?? '.');
  const name = path.basename(dir).replace(/[^\p{L}\p{N}_.]/gu, '_') || 'ruleset';
  const file = path.join(dir, `${name}.suan`);
  if (fs.existsSync(file)) {
    process.stderr.write(en ? `${file} already exists; nothing written.\n` : `${file} 已存在，未写入任何文件。\n`);
    return 2;
  }
  fs.mkdirSync(path.join(dir, 'examples'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'expected'), { recursive: true });
  const id = `my.${/^[A-Za-z_\p{L}][\p{L}\p{N}_]*$/u.test(name) ? name : 'ruleset'}`;
  fs.writeFileSync(file, RULESET(id));
  const example = path.join(dir, 'examples', 'example.yaml');
  fs.writeFileSync(example, EXAMPLE);
  const { compiled } = await loadRulesetFile(file);
  if (compiled) {
    const r = await checkOne(compiled, example, {});
    if (r.result) fs.writeFileSync(path.join(dir, 'expected', 'example.yaml'), writeGolden(goldenOf(r.result), '# Expected findings for examples/example.yaml — review every entry before committing.'));
  }
  fs.writeFileSync(path.join(dir, 'README.md'), `# ${name}\n\n${en ? 'A Suan ruleset.' : 'Suan 规则集。'}\n\n\`\`\`sh\nsuan check ${name}.suan examples/\nsuan test ${name}.suan\n\`\`\`\n`);
  process.stdout.write(en
    ? `Created ${path.relative(process.cwd(), file) || file}, examples/example.yaml and expected/example.yaml.\nNext: suan check ${path.relative(process.cwd(), file)} ${path.relative(process.cwd(), path.join(dir, 'examples'))}\n`
    : `已创建 ${path.relative(process.cwd(), file) || file}、examples/example.yaml 和 expected/example.yaml。\n下一步：suan check ${path.relative(process.cwd(), file)} ${path.relative(process.cwd(), path.join(dir, 'examples'))}\n`);
  return 0;
}
