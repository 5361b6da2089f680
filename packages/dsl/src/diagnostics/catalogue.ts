/**
 * The message catalogue: every diagnostic Suan reports, with a stable code and its message in
 * zh-CN and en. Messages say what is wrong and what to do; the place comes from the span.
 * Placeholders `{name}` are filled from the diagnostic's arguments.
 *
 * Codes never change meaning once published; add new ones instead.
 *   SUAN0xxx  loading rulesets (files, imports)      SUAN1xxx  syntax
 *   SUAN2xxx  names and declarations                 SUAN3xxx  types and units
 *   SUAN4xxx  evaluation                             SUAN5xxx  disclosure data
 */

export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface CatalogueEntry {
  severity: DiagnosticSeverity;
  zh: string;
  en: string;
}

export const CATALOGUE = {
  // ── loading ──────────────────────────────────────────────────────────────────────────
  SUAN0001: { severity: 'error', zh: '找不到文件 {path}。请检查路径是否正确（相对于当前规则文件）。', en: 'File {path} not found. Check the path (it is relative to this ruleset file).' },
  SUAN0002: { severity: 'error', zh: '不能导入规则集目录之外的文件 {path}。请把它放进规则集目录 {root} 之内。', en: 'Cannot import {path}: it is outside the ruleset directory {root}. Move it inside that directory.' },
  SUAN0003: { severity: 'error', zh: '循环导入：{cycle}。请去掉其中一个 import 或 extends。', en: 'Import cycle: {cycle}. Remove one of the imports or extends.' },
  SUAN0004: { severity: 'error', zh: '文件 {path} 过大（{size} 字节，上限 {limit}）。请拆分规则集。', en: 'File {path} is too large ({size} bytes, limit {limit}). Split the ruleset.' },
  SUAN0005: { severity: 'error', zh: '无法读取文件 {path}：{reason}。', en: 'Cannot read file {path}: {reason}.' },
  SUAN0006: { severity: 'error', zh: '只能 extends 一个规则集；请删除多余的 extends。', en: 'A ruleset can extend only one other ruleset; remove the extra extends.' },
  SUAN0007: { severity: 'warning', zh: '规则集缺少 ruleset 头部（id、标题、版本）。请在文件开头添加 ruleset 声明。', en: 'The ruleset has no header (id, title, version). Add a `ruleset` block at the top of the file.' },
  SUAN0009: { severity: 'error', zh: '只能导入或继承 .suan 规则文件，{path} 不是。', en: 'Only .suan ruleset files can be imported or extended; {path} is not one.' },
  SUAN0010: { severity: 'error', zh: '找不到规则集文件 {path}。请检查路径是否正确（相对于当前目录 {cwd}）。', en: 'Ruleset file {path} not found. Check the path (it is relative to the current directory {cwd}).' },
  SUAN0011: { severity: 'error', zh: '{path} 看起来是数据文件，不是规则集。规则集（.suan 文件或 suan compile 生成的 .json）写在前面：suan check <规则集> <数据文件…>。', en: '{path} looks like a data file, not a ruleset. The ruleset (a .suan file, or a .json made by `suan compile`) comes first: suan check <ruleset> <data files…>.' },
  SUAN0012: { severity: 'error', zh: '目录 {path} 中找不到规则集：{reason}。请写出规则集文件（.suan 文件，或 suan compile 生成的 .json）。', en: 'No ruleset found in the folder {path}: {reason}. Name the ruleset file itself (a .suan file, or a .json made by `suan compile`).' },
  SUAN0013: { severity: 'error', zh: '目录 {path} 中有多个规则集（{files}）。请写明用哪一个，例如 {first}。', en: 'The folder {path} holds several rulesets ({files}). Name the one to use, e.g. {first}.' },
  SUAN0014: { severity: 'error', zh: '规则集 {path} 中没有任何规则或评分表，什么也不会检查。它可能是被别的文件导入的文件，而不是规则集的入口：请写出以 ruleset 头部开头的那个文件。', en: 'The ruleset {path} has no rule and no scorecard: nothing would be checked. It may be a file that another one imports rather than the ruleset\'s entry: name the file that opens with the `ruleset` header.' },
  SUAN0015: { severity: 'error', zh: '{path} 不是规则集文件。规则集是 .suan 文件，或 suan compile 生成的 .json。', en: '{path} is not a ruleset file. A ruleset is a .suan file, or a .json made by `suan compile`.' },
  SUAN0016: { severity: 'error', zh: '规则集 {path} 中没有任何规则或评分表，什么也不会检查。请添加规则（rule，suan init 生成的规则集中有示例）或评分表（scorecard）。', en: 'The ruleset {path} has no rule and no scorecard: nothing would be checked. Add a rule (the ruleset `suan init` makes has one) or a scorecard.' },
  SUAN0017: { severity: 'warning', zh: '编译后的规则集 {bundle} 旁的 {path} 与编译进去的文本不同：结果按编译后的规则集得出。如要检查修改后的规则，请重新运行 suan compile。', en: '{path} beside the compiled ruleset {bundle} is not the text compiled into it: the results are the compiled ruleset\'s. Run suan compile again to check the changed rules.' },
  SUAN0018: { severity: 'error', zh: '规则集 {path} 的规则和评分表都被覆盖设置（disable）停用了，什么也不会检查。请至少保留一条规则，或添加自己的规则。', en: 'Every rule and scorecard of the ruleset {path} is disabled by an override: nothing would be checked. Keep at least one, or add rules of its own.' },
  SUAN0008: { severity: 'error', zh: '编译后的规则集 {path} 无效：{reason}。请用 suan compile 重新生成。', en: 'Compiled ruleset {path} is invalid: {reason}. Regenerate it with `suan compile`.' },

  // ── syntax ───────────────────────────────────────────────────────────────────────────
  SUAN1001: { severity: 'error', zh: '语法错误：此处应为 {expected}，实际是 {found}。{hint}', en: 'Syntax error: expected {expected} here, found {found}. {hint}' },
  SUAN1002: { severity: 'error', zh: '无法识别的字符 “{text}”。名称中含标点时请用反引号括起，例如 `其中：教育收费`。', en: 'Unrecognised character "{text}". Names with punctuation must be written in backticks, e.g. `其中：教育收费`.' },
  SUAN1003: { severity: 'error', zh: '嵌套过深（超过 {limit} 层）。请用 let 拆分表达式。', en: 'Nesting is too deep (more than {limit} levels). Split the expression with `let`.' },
  SUAN1004: { severity: 'error', zh: '数字字面量过长（{digits} 位，上限 {limit}）。', en: 'Number literal is too long ({digits} digits, limit {limit}).' },
  SUAN1005: { severity: 'error', zh: '消息模板中的 “{” 没有对应的 “}”。要写字面的大括号，请用 \\{。', en: 'A "{" in the message template has no matching "}". Write \\{ for a literal brace.' },
  SUAN1006: { severity: 'error', zh: '规则集过长（{tokens} 个记号，上限 {limit}）。请拆分为多个文件。', en: 'The ruleset is too long ({tokens} tokens, limit {limit}). Split it into several files.' },
  SUAN1009: { severity: 'error', zh: '“{name}” 是关键字，不能直接用作名称。请写在反引号中：`{name}`。', en: '"{name}" is a keyword and cannot be used as a name as it is. Write it in backticks: `{name}`.' },
  SUAN1008: { severity: 'error', zh: '表达式过长（超过 {limit} 个运算符）。请用 let 拆分，或用 sum(…) 汇总多行。', en: 'The expression is too long (more than {limit} operators). Split it with `let`, or sum rows with sum(…).' },
  SUAN1007: { severity: 'error', zh: '字符串没有结束的引号。请在行尾前补上 "。', en: 'String has no closing quote. Add " before the end of the line.' },

  // ── names and declarations ───────────────────────────────────────────────────────────
  SUAN2001: { severity: 'error', zh: '未知的名称 “{name}”。{hint}', en: 'Unknown name "{name}". {hint}' },
  SUAN2002: { severity: 'error', zh: '“{name}” 重复声明（第一次声明在 {first}）。请改名或删除其一。', en: '"{name}" is declared twice (first at {first}). Rename or remove one.' },
  SUAN2003: { severity: 'error', zh: '规则编号 {id} 重复（第一次在 {first}）。规则编号必须唯一。', en: 'Rule id {id} is used twice (first at {first}). Rule ids must be unique.' },
  SUAN2004: { severity: 'error', zh: '表 {table} 没有列 “{name}”。{hint}', en: 'Table {table} has no column "{name}". {hint}' },
  SUAN2005: { severity: 'error', zh: '被继承的规则集中没有规则 {id}。{hint}', en: 'The extended ruleset has no rule {id}. {hint}' },
  SUAN2006: { severity: 'warning', zh: '“{name}” 已定义但未使用。请使用它或删除它。', en: '"{name}" is defined but never used. Use it or remove it.' },
  SUAN2007: { severity: 'error', zh: '未知的函数 “{name}”。{hint}', en: 'Unknown function "{name}". {hint}' },
  SUAN2008: { severity: 'error', zh: '层级体系 {hierarchy} 没有层级 “{name}”。{hint}', en: 'Hierarchy {hierarchy} has no level "{name}". {hint}' },
  SUAN2009: { severity: 'error', zh: '规则 {id} 缺少 assert 或 rollup：请写明要检查什么。', en: 'Rule {id} has no `assert` or `rollup`: say what it checks.' },
  SUAN2010: { severity: 'error', zh: '规则 {id} 同时有 assert 和 rollup。一条规则只检查一件事，请拆成两条。', en: 'Rule {id} has both `assert` and `rollup`. A rule checks one thing: split it in two.' },
  SUAN2011: { severity: 'error', zh: '表 {table} 没有声明 key 列，不能按键取行。请在表声明中加 key。', en: 'Table {table} declares no key column, so rows cannot be looked up by key. Add `key` to its declaration.' },
  SUAN2012: { severity: 'error', zh: '表 {table} 的 key 列不是层级编码，不能做层级汇总。请把 key 列声明为 code <层级体系>，或用 by 指定层级体系。', en: 'The key of table {table} is not a hierarchy code, so it cannot roll up. Declare the key as `code <hierarchy>`, or name the hierarchy with `by`.' },
  SUAN2013: { severity: 'error', zh: '层级体系 {name} 的层级长度必须递增（{detail}）。', en: 'Levels of hierarchy {name} must have increasing code lengths ({detail}).' },
  SUAN2014: { severity: 'error', zh: '表 {table} 有 {count} 个 key 列；只能有一个。', en: 'Table {table} has {count} key columns; it can have only one.' },
  SUAN2015: { severity: 'warning', zh: '规则 {id} 没有 message；失败时将显示默认说明。建议写明涉及的数值。', en: 'Rule {id} has no message; failures will show a default text. Consider a message that shows the values involved.' },
  SUAN2016: { severity: 'error', zh: '“{name}” 是 {what}，不能在这里使用。{hint}', en: '"{name}" is {what} and cannot be used here. {hint}' },
  SUAN2017: { severity: 'error', zh: '规则中 {clause} 只能写一次。{hint}', en: '`{clause}` can appear only once in a rule. {hint}' },
  SUAN2040: { severity: 'error', zh: '表 {table} 的 key 列不是层级编码，不能使用 {name}()。请把 key 列声明为 code <层级体系>，例如 key 科目编码: code 功能分类。', en: 'The key of table {table} is not a hierarchy code, so {name}() cannot be used on its rows. Declare the key as `code <hierarchy>`, e.g. key 科目编码: code 功能分类.' },
  SUAN2018: { severity: 'error', zh: '评分表 {id} 缺少 {clause}：{hint}', en: 'Scorecard {id} has no `{clause}`: {hint}' },
  SUAN2019: { severity: 'error', zh: '评分表 {id} 为指标 “{name}” 写了两个评分方法（第一个在 {first}）。每个指标只能有一个评分方法。', en: 'Scorecard {id} gives indicator "{name}" two scoring methods (the first at {first}). An indicator has one method.' },
  SUAN2020: { severity: 'error', zh: '区间 “{band}” 的下限不小于上限。a to b 表示 [a, b)，请把较小的数写在前面。', en: 'The range "{band}" has a lower bound that is not below its upper bound. `a to b` means [a, b): write the smaller number first.' },
  SUAN2021: { severity: 'warning', zh: '{what}没有覆盖 {range}：落在这里的值得不到{result}。请补一档，或用 else 兜底。', en: '{what} do not cover {range}: a value there gets no {result}. Add a band, or an `else`.' },
  SUAN2022: { severity: 'warning', zh: '“{band}” 与前面的 “{other}” 在 {range} 重叠；按书写顺序取先匹配的一档。请调整区间。', en: '"{band}" overlaps the earlier "{other}" on {range}; the first band that matches (in the order written) is used. Adjust the ranges.' },
  SUAN2023: { severity: 'warning', zh: '“{band}” 永远不会被用到：前面的档已覆盖它的全部取值。请删除或调整。', en: '"{band}" can never be used: the bands before it cover all its values. Remove or adjust it.' },
  SUAN2024: { severity: 'error', zh: 'execution of 后面应写 执行数 / 预算数（一个除法），这里是 {actual}。', en: '`execution of` takes 执行数 / 预算数 (a division); this is {actual}.' },
  SUAN2025: { severity: 'warning', zh: '评分表 {id} 没有任何 score 条目，所有指标都将无法计算。可加 score else: auto（按目标自动计分）。', en: 'Scorecard {id} has no `score` entries, so no indicator can be scored. Add `score else: auto` (scores by the parsed target).' },
  SUAN2026: { severity: 'error', zh: '评分表中 {clause} 只能写一次。', en: '`{clause}` can appear only once in a scorecard.' },
  SUAN2027: { severity: 'error', zh: '评分表 {id} 的 qualitative 中 “{text}” 写了两次（第一次在 {first}）。', en: 'In scorecard {id}, `qualitative` lists "{text}" twice (first at {first}).' },

  // ── types and units ──────────────────────────────────────────────────────────────────
  SUAN3001: { severity: 'error', zh: '运算 {op} 不能用于 {left} 和 {right}。{hint}', en: 'Operator {op} cannot be applied to {left} and {right}. {hint}' },
  SUAN3002: { severity: 'error', zh: '不能比较 {left} 与 {right}。{hint}', en: 'Cannot compare {left} with {right}. {hint}' },
  SUAN3003: { severity: 'error', zh: 'assert 需要一个真假判断（比较），这里是 {type}。', en: '`assert` needs a true/false condition (a comparison); this is {type}.' },
  SUAN3004: { severity: 'error', zh: '函数 {name} 需要 {expected} 个参数，这里有 {actual} 个。用法：{usage}', en: 'Function {name} takes {expected} argument(s), got {actual}. Usage: {usage}' },
  SUAN3005: { severity: 'error', zh: '这里需要一组行（表名、children(行) 等），实际是 {type}。', en: 'Expected a set of rows here (a table, children(row), …), found {type}.' },
  SUAN3006: { severity: 'error', zh: '只有行才有列；这里是 {type}。', en: 'Only a row has columns; this is {type}.' },
  SUAN3007: { severity: 'error', zh: '参数 {index} 应为 {expected}，实际是 {actual}。用法：{usage}', en: 'Argument {index} should be {expected}, found {actual}. Usage: {usage}' },
  SUAN3008: { severity: 'error', zh: 'within 只能用于 = 或 ≈ 比较。', en: '`within` can only follow an = or ≈ comparison.' },
  SUAN3009: { severity: 'error', zh: '{what} 应为 {expected}，实际是 {actual}。', en: '{what} should be {expected}, found {actual}.' },
  SUAN3010: { severity: 'warning', zh: '≈ 两边都是精确值（没有书写精度），等同于 =。如需容差请写 within。', en: '≈ compares two exact values (no written precision), so it is the same as =. Add `within` for a tolerance.' },
  SUAN3011: { severity: 'error', zh: '容差必须是不小于 0 的常数，这里是 {actual}。', en: 'A tolerance must be a constant ≥ 0; found {actual}.' },
  SUAN3013: { severity: 'error', zh: 'round 后应为 0 到 18 的整数小数位数，可再写取舍方式（{modes}）；这里是 {actual}。', en: '`round` takes a number of decimals from 0 to 18, optionally a rounding mode ({modes}); found {actual}.' },
  SUAN3014: { severity: 'warning', zh: '{what}的界限应为常数（如 90% 或 80），才能在运行前检查各档是否有空缺或重叠；这里是依赖数据的表达式。', en: 'The bounds of {what} should be constants (such as 90% or 80) so that gaps and overlaps can be checked before anything runs; this depends on the data.' },
  SUAN3012: { severity: 'error', zh: '精度必须是 10 的负整数次幂，例如 0.01 或 0.1%；这里是 {actual}。', en: 'A precision must be a power of ten such as 0.01 or 0.1%; found {actual}.' },

  // ── evaluation ───────────────────────────────────────────────────────────────────────
  SUAN4001: { severity: 'error', zh: '规则 {id} 超出计算步数上限（{limit} 步），已停止。请缩小循环范围（加 where 条件）。', en: 'Rule {id} exceeded the evaluation budget ({limit} steps) and was stopped. Narrow its loops (add `where`).' },
  SUAN4002: { severity: 'error', zh: '规则集计算超时（{limit} 毫秒），已停止。其余规则未执行。', en: 'Evaluation exceeded the time budget ({limit} ms) and was stopped. Remaining rules were not run.' },
  SUAN4003: { severity: 'error', zh: '除数为 0：{expr}。可用 when 条件排除这种情况。', en: 'Division by zero: {expr}. Exclude this case with a `when` condition.' },
  SUAN4004: { severity: 'error', zh: '{what} {where} 的内容 “{text}” 不是{expected}。请修正数据。', en: '{what} {where} holds "{text}", which is not {expected}. Correct the data.' },
  SUAN4005: { severity: 'error', zh: '计算出错：{reason}', en: 'Evaluation error: {reason}' },
  SUAN4006: { severity: 'error', zh: '单元格 {where} 无法读取：该行单元格数（{cells}）与列数（{columns}）不符，不知道哪个单元格属于哪一列（SUAN5006）。请修正数据。', en: 'Cell {where} cannot be read: its row has {cells} for {columns} columns, so which is which is unknown (SUAN5006). Correct the data.' },

  // ── data ─────────────────────────────────────────────────────────────────────────────
  SUAN5001: { severity: 'error', zh: '数据文件格式错误：{reason}。', en: 'Malformed data file: {reason}.' },
  SUAN5002: { severity: 'error', zh: '数据结构不符合要求：{path} {reason}。参见 docs/data-format.md。', en: 'Data does not have the expected shape: {path} {reason}. See docs/data-format.md.' },
  SUAN5003: { severity: 'warning', zh: '规则集没有声明表 “{name}”，已忽略。{hint}', en: 'The ruleset declares no table "{name}"; it is ignored. {hint}' },
  SUAN5004: { severity: 'info', zh: '表 {table} 缺少列 “{name}”，相关规则将不适用。{hint}', en: 'Table {table} has no column "{name}"; rules that need it are not applicable. {hint}' },
  SUAN5005: { severity: 'error', zh: '“{text}” 不是有效的{expected}（表 {table} 列 {column}）。{advice}', en: '"{text}" is not {expected} (table {table}, column {column}). {advice}' },
  SUAN5006: { severity: 'error', zh: '第 {row} 行有 {actual} 个单元格，而 columns 有 {expected} 列，无法确定各单元格属于哪一列，该行的数值不参与检查。请补齐或删除多余的单元格。{hint}', en: 'Row {row} has a different number of cells ({actual}) from `columns` ({expected}), so which cell belongs to which column is unknown and the row\'s numbers are not checked. Add the missing cells or remove the extra ones.{hint}' },
  SUAN5007: { severity: 'error', zh: '无法读取数据文件：{reason}。', en: 'Cannot read the data file: {reason}.' },
  SUAN5008: { severity: 'error', zh: '数据文件过大（{size} 字节，上限 {limit}）。', en: 'Data file is too large ({size} bytes, limit {limit}).' },
  SUAN5009: { severity: 'warning', zh: '表 {table} 中键 “{key}” 出现了多次（第一次在第 {first} 行）；按键取行和逐级汇总时只用第一行。', en: 'Key "{key}" occurs more than once in table {table} (first in row {first}); lookups by key and roll-ups use the first only.' },
  SUAN5010: { severity: 'warning', zh: '规则集没有声明事实 “{name}”，已忽略。{hint}', en: 'The ruleset declares no fact "{name}"; it is ignored. {hint}' },
  SUAN5011: { severity: 'error', zh: '“{text}” 不是有效的{expected}（事实 {name}）。{advice}', en: '"{text}" is not {expected} (fact {name}). {advice}' },
  SUAN5012: { severity: 'error', zh: '不支持的数据文件类型 {ext}。请使用 .json、.yaml/.yml 或 .csv。', en: 'Unsupported data file type {ext}. Use .json, .yaml/.yml or .csv.' },
  SUAN5013: { severity: 'error', zh: '未知的货币单位 “{unit}”：金额按规则集声明的单位读取（未声明时按 document.currency_unit）。请写 元、千元、万元 或 亿元。', en: 'Unknown money unit "{unit}": the amounts are read in the unit the ruleset declares (else in document.currency_unit). Write 元, 千元, 万元 or 亿元.' },
  SUAN5015: { severity: 'warning', zh: '表 {table} 指标 “{indicator}” 的{what} “{text}” 无法解析：{reason}。请按原文写成 ≥95%、=4个、≤180万元、80%-90%、2025年11月30日前，或写文字目标（如 明显提高）。', en: 'The {what} "{text}" of indicator "{indicator}" (table {table}) cannot be read: {reason}. Write it as printed, e.g. ≥95%, =4个, ≤180万元, 80%-90%, 2025年11月30日前, or as words (明显提高).' },
  SUAN5016: { severity: 'info', zh: '评分表 {id} 为指标 “{name}” 写了评分方法，但表 {table} 中没有这个指标。{hint}', en: 'Scorecard {id} has a method for indicator "{name}", but table {table} has no such indicator. {hint}' },
  SUAN5017: { severity: 'warning', zh: '表 {table} 指标 “{indicator}” 的{what} “{text}” 不是数值，按空白处理。请写成 5、16.2 或 10分。', en: 'The {what} "{text}" of indicator "{indicator}" (table {table}) is not a number; it is read as blank. Write it as 5, 16.2 or 10分.' },
  SUAN5018: { severity: 'warning', zh: '数据中没有规则集声明的任何表或事实，规则都无从检查。请检查数据是否属于规则集适用的类型{kind}，表名和事实名是否与规则集的声明一致。', en: 'The document holds none of the tables and facts the ruleset declares, so no rule has anything to check. Check that it is of a kind the ruleset is for{kind}, and that its tables and facts are named as the ruleset declares them.' },
  SUAN5019: { severity: 'warning', zh: '表 {table} 没有规则集为它声明的任何一列（数据中的列：{columns}），涉及它的规则都无从检查。请检查表头（列名）是否与规则集的声明一致。', en: 'Table {table} has none of the columns the ruleset declares for it (its columns: {columns}), so no rule has anything to check in it. Check that its header names the columns as the ruleset declares them.' },
  SUAN5020: { severity: 'warning', zh: '数据的年度 {year} 不在规则集适用的年度（{from}–{to}）内：规则可能不适用于该年度的报表。请确认选对了规则集。', en: 'The document\'s year {year} is not one this ruleset applies to ({from}–{to}): its rules may not fit that year\'s forms. Check that this is the right ruleset.' },
  SUAN5021: { severity: 'warning', zh: '表 {table} 第 {row} 行的键 {key} 不是 {hierarchy} 的编码（{lengths} 位数字），逐级汇总不含这一行。请按原文写出编码（如 2080505），科目名称写在另一列。', en: 'The key {key} in row {row} of table {table} is not a code of {hierarchy} ({lengths} digits), so roll-ups leave this row out. Write the code as printed (e.g. 2080505), with the name in a column of its own.' },
  SUAN5022: { severity: 'warning', zh: '表 {table} 的列名 “{name}” 出现了两次（第 {first} 列和第 {second} 列）；规则只读第 {first} 列。请给两列不同的列名（如按原表的分组加上前缀）。', en: 'Table {table} names two columns "{name}" (columns {first} and {second}); rules read column {first} only. Give the two columns different names (e.g. prefixed with their group in the printed table).' },
  SUAN5023: { severity: 'error', zh: '表 {table} 没有注明金额单位，规则集也没有为它声明单位：它的金额按所写的数比较，不换算单位。请在表的 unit 中写明（如 unit: 万元），或写 document.currency_unit。', en: 'Table {table} does not say its money unit, and the ruleset declares none for it: its amounts are compared as written, without converting units. Give the table\'s unit (e.g. unit: 万元), or document.currency_unit.' },
  SUAN5024: { severity: 'warning', zh: '表 {table} 没有键为 “{total}” 的合计行，第 {row} 行的 “{key}” 像是合计行：逐级汇总没有核对合计 = Σ 最上一级。若它就是合计行，请把键写成 “{total}”。', en: 'Table {table} has no total row keyed "{total}", but row {row}, "{key}", looks like one: the roll-up did not check the total against the sum of the top-level rows. If it is the total row, key it "{total}".' },
  SUAN5025: { severity: 'warning', zh: '表 {table} 另有 {count} 处 {code} 未逐一列出（同一问题每表只列前 {listed} 处，共 {total} 处）。请先改正上面列出的几处：多半是同一原因（如整表重复粘贴、编码列错位）。', en: 'Table {table} has {count} more {code} problems not listed one by one (only the first {listed} of a kind are listed per table; {total} in all). Fix those listed first: they most likely share one cause (the table pasted twice, the code column shifted).' },
  SUAN5026: { severity: 'warning', zh: '表 {table} 的指标 “{written}” 按 “{name}” 的评分方法计分：名称中带有表格印出的编号或分值。请写成 “{name}”：按名称取这一行的规则找不到 “{written}”，会不适用。', en: 'Indicator "{written}" of table {table} is scored with the method for "{name}": its name carries the numbering or the weight the table prints. Write it "{name}": rules that look the row up by its name do not find "{written}" and are not applicable.' },
  SUAN5027: { severity: 'warning', zh: '数据没有写明{what}：无法确认规则集（{scope}）适用于它。请在 document 中写明，例如 kind: 部门决算、year: 2021。', en: 'The document does not say {what}: whether this ruleset ({scope}) fits it cannot be told. Say it under document, e.g. kind: 部门决算 and year: 2021.' },
  SUAN5028: { severity: 'warning', zh: '表 {table} 的指标 “{written}” 名称中印有 {printed} 分，分值列却是 {weight}：两者必有一错，请按原表核对。', en: 'Indicator "{written}" of table {table} prints {printed} points in its name, but its weight column says {weight}: one of them is wrong; check them against the printed table.' },
  SUAN5029: { severity: 'info', zh: '文档另有 {count} 个规则集没有声明的{what}未逐一列出（只列前 {listed} 个，共 {total} 个），均已忽略。若其中有应当检查的，请核对名称；其余可从数据中删去。', en: 'The document has {count} more {what} that the ruleset does not declare, not listed one by one (only the first {listed}; {total} in all); all are ignored. If some should be checked, check their names; the others can be removed from the data.' },
  SUAN5030: { severity: 'warning', zh: 'YAML 标签 {tag} 不被识别：其值按普通内容读取，不会执行任何代码。请删去这个标签。', en: 'The YAML tag {tag} is not recognised: its value is read as plain content, and nothing is run. Remove the tag.' },
  SUAN5014: { severity: 'warning', zh: '数据的文档类型 {kind} 不在规则集适用范围（{expected}）内。', en: 'The document kind {kind} is not one this ruleset applies to ({expected}).' },
} satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
