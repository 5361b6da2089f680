/**
 * The server's own words (code lens titles, hover headings, quick-fix titles) in zh-CN and en.
 * Diagnostics and findings carry their own two languages (the language core's catalogue).
 */
import type { Lang } from '@suan/dsl';

const MESSAGES = {
  lensFailing: { zh: '✗ {n} 处不通过', en: '✗ {n} failing' },
  lensPassed: { zh: '✓ {n} 处通过', en: '✓ {n} passed' },
  lensCoarse: { zh: '≈ {n} 处粗略取整', en: '≈ {n} coarse' },
  lensNa: { zh: '– {n} 处不适用', en: '– {n} n/a' },
  lensErrors: { zh: '⚠ {n} 处计算出错', en: '⚠ {n} errors' },
  lensNoBindings: { zh: '无适用数据', en: 'nothing to check' },
  lensStale: { zh: '（结果待更新）', en: '(updating…)' },
  lensFiles: { zh: '{n} 个数据文件', en: '{n} data files' },
  lensDisabled: { zh: '已停用', en: 'disabled' },
  lensDisputed: { zh: '✗ {n} 项得分有异议', en: '✗ {n} disputed' },
  lensAgree: { zh: '✓ {n} 项一致', en: '✓ {n} agree' },
  lensTotal: { zh: '总分 {computed}（自评 {reported}）', en: 'total {computed} (reported {reported})' },
  lensGrade: { zh: '等级 {computed}（自评 {reported}）', en: 'grade {computed} (reported {reported})' },
  hoverScorecard: { zh: '评分表', en: 'scorecard' },
  lensData: { zh: '数据：{files}', en: 'Data: {files}' },
  lensNoData: { zh: '未绑定数据文件（见 suan.data 设置，或在规则旁放 examples/ 目录）', en: 'No data bound (see the suan.data setting, or put data in examples/ next to the ruleset)' },
  lensNotRun: { zh: '规则集有错误，未运行', en: 'ruleset has errors; not run' },
  bindingSource_manual: { zh: '手动绑定', en: 'bound by command' },
  bindingSource_config: { zh: 'suan.data 设置', en: 'suan.data setting' },
  bindingSource_convention: { zh: '约定（examples/ 或 *.data.*）', en: 'convention (examples/ or *.data.*)' },
  bindingSource_none: { zh: '未绑定', en: 'not bound' },
  actual: { zh: '实际', en: 'actual' },
  expected: { zh: '期望', en: 'expected' },
  difference: { zh: '差额', en: 'difference' },
  distance: { zh: '区间最小距离', en: 'interval distance' },
  tolerance: { zh: '容差', en: 'tolerance' },
  interval: { zh: '区间', en: 'interval' },
  inFile: { zh: '数据文件 {file}', en: 'data file {file}' },
  moreFindings: { zh: '规则 {rule} 还有 {n} 处不通过（未逐一列出）', en: 'rule {rule}: {n} more failing (not listed)' },
  ruleFailedHere: { zh: '规则 {rule}（{title}）', en: 'rule {rule} ({title})' },
  readCell: { zh: '读取 {what} = {value}', en: 'read {what} = {value}' },
  boundRow: { zh: '行 {table}[{key}]', en: 'row {table}[{key}]' },
  ruleAt: { zh: '规则 {rule} 写在这里', en: 'rule {rule} is written here' },
  hoverTable: { zh: '表', en: 'table' },
  hoverColumn: { zh: '列', en: 'column' },
  hoverFact: { zh: '事实', en: 'fact' },
  hoverFactGroup: { zh: '事实组', en: 'fact group' },
  hoverHierarchy: { zh: '层级体系', en: 'hierarchy' },
  hoverLevel: { zh: '层级', en: 'level' },
  hoverConst: { zh: '常量', en: 'constant' },
  hoverLocal_for: { zh: '循环变量', en: 'row variable' },
  hoverLocal_each: { zh: '聚合变量', en: 'aggregate variable' },
  hoverLocal_let: { zh: '中间值', en: 'intermediate value' },
  hoverLocal_special: { zh: '消息模板变量', en: 'message template value' },
  hoverFunction: { zh: '函数', en: 'function' },
  hoverRule: { zh: '规则', en: 'rule' },
  hoverType: { zh: '类型', en: 'type' },
  hoverUnit: { zh: '单位', en: 'unit' },
  hoverKey: { zh: '键', en: 'key' },
  hoverColumns: { zh: '{n} 列', en: '{n} columns' },
  hoverRows: { zh: '{n} 行', en: '{n} rows' },
  hoverSeverity: { zh: '严重程度', en: 'severity' },
  hoverOverridden: { zh: '被继承规则集覆盖', en: 'overridden by the extending ruleset' },
  hoverDisabled: { zh: '已停用', en: 'disabled' },
  hoverValueIn: { zh: '{file} 中的值', en: 'value in {file}' },
  hoverResults: { zh: '结果', en: 'results' },
  hoverCodeLength: { zh: '编码长度 {n}', en: 'code length {n}' },
  hoverDeclaredIn: { zh: '声明于 {where}', en: 'declared in {where}' },
  hoverNotStated: { zh: '（文中未说明）', en: '(not stated)' },
  hoverMissingTable: { zh: '（数据中没有此表）', en: '(not in the data)' },
  fixDidYouMean: { zh: '改为 “{name}”', en: 'Change to "{name}"' },
  fixAddColumn: { zh: '在表 {table} 中声明列 “{name}”', en: 'Declare column "{name}" in table {table}' },
  fixAddFact: { zh: '声明事实 “{name}”', en: 'Declare fact "{name}"' },
  fixAddWithin: { zh: '添加容差 within {tolerance}', en: 'Add tolerance within {tolerance}' },
  fixRemoveUnused: { zh: '删除未使用的 “{name}”', en: 'Remove unused "{name}"' },
  cmdShowFindings: { zh: '定位到数据', en: 'Show in data' },
  renameInvalid: { zh: '“{name}” 不能作为名称', en: '"{name}" is not a valid name' },
  renameTaken: { zh: '“{name}” 已被使用', en: '"{name}" is already taken' },
  renameNotHere: { zh: '这里没有可以重命名的名称', en: 'There is no name to rename here' },
  snippetRule: { zh: '规则骨架', en: 'rule skeleton' },
  snippetRollup: { zh: '汇总规则骨架', en: 'roll-up rule skeleton' },
  snippetTable: { zh: '表声明骨架', en: 'table declaration skeleton' },
  snippetHeader: { zh: '规则集头部', en: 'ruleset header' },
  snippetFacts: { zh: '事实组', en: 'group of facts' },
  snippetHierarchy: { zh: '层级体系（类/款/项）', en: 'hierarchy (类/款/项)' },
  snippetExtends: { zh: '继承规则集', en: 'extend a ruleset' },
  snippetScorecard: { zh: '评分表骨架', en: 'scorecard skeleton' },
  snippetFor: { zh: '逐行检查', en: 'check every row' },
  rowKey: { zh: '行键', en: 'row key' },
  newRuleId: { zh: '新的规则编号', en: 'new rule id' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof MESSAGES;

export function t(lang: Lang, key: MessageKey, args: Record<string, string | number> = {}): string {
  const m = MESSAGES[key];
  const template = lang === 'en' ? m.en : m.zh;
  return template.replace(/\{(\w+)\}/g, (_x, k: string) => (args[k] === undefined ? '' : String(args[k])));
}

/** Picks zh-CN or en from an LSP locale or a setting (`auto` and unknown values fall back). */
export function langFrom(value: string | undefined, fallback: Lang): Lang {
  if (!value) return fallback;
  const v = value.toLowerCase();
  if (v.startsWith('zh')) return 'zh-CN';
  if (v.startsWith('en')) return 'en';
  return fallback;
}

/** A localised pair for the reader's language. */
export function pick(lang: Lang, x: { zh: string; en: string } | undefined): string {
  if (!x) return '';
  return lang === 'en' ? x.en : x.zh;
}
