/**
 * The built-in functions: their signatures and documentation. The checker types calls with
 * them, the interpreter implements them (evaluation/functions.ts), the language server shows
 * them in completion, hover and signature help.
 */

export interface BuiltinDoc {
  name: string;
  /** Usage line, e.g. `round(x, n)`. */
  usage: string;
  zh: string;
  en: string;
  /** Accepts the `f(x for v in rows where …)` form. */
  aggregate: boolean;
  minArgs: number;
  maxArgs: number;
  params: { name: string; zh: string; en: string }[];
}

const b = (d: Omit<BuiltinDoc, 'aggregate' | 'params'> & Partial<Pick<BuiltinDoc, 'aggregate' | 'params'>>): BuiltinDoc => ({ aggregate: false, params: [], ...d });

export const BUILTINS: Record<string, BuiltinDoc> = {
  sum: b({ name: 'sum', usage: 'sum(x.列 for x in 表 where 条件) | sum(行集.列)', minArgs: 1, maxArgs: 1, aggregate: true,
    zh: '求和。空白单元格不计入；全部为空白时结果为空白。', en: 'Sum. Blank cells are skipped; the sum of only blanks is blank.' }),
  count: b({ name: 'count', usage: 'count(x for x in 表 where 条件) | count(行集)', minArgs: 1, maxArgs: 1, aggregate: true,
    zh: '计数：行数或非空白值的个数（精确整数）。', en: 'Count: the number of rows, or of non-blank values (an exact integer).' }),
  min: b({ name: 'min', usage: 'min(a, b, …) | min(x.列 for x in 表)', minArgs: 1, maxArgs: 100, aggregate: true,
    zh: '最小值（忽略空白）。', en: 'Smallest value (blanks ignored).' }),
  max: b({ name: 'max', usage: 'max(a, b, …) | max(x.列 for x in 表)', minArgs: 1, maxArgs: 100, aggregate: true,
    zh: '最大值（忽略空白）。', en: 'Largest value (blanks ignored).' }),
  abs: b({ name: 'abs', usage: 'abs(x)', minArgs: 1, maxArgs: 1, zh: '绝对值。', en: 'Absolute value.',
    params: [{ name: 'x', zh: '数值', en: 'a number' }] }),
  round: b({ name: 'round', usage: 'round(x, n) | round(x, n, "half-even")', minArgs: 2, maxArgs: 3,
    zh: '四舍五入到 n 位小数（默认 half-up，即四舍五入；可选 "half-even"、"down"、"up"、"floor"、"ceil"）。金额按其当前单位取舍：round(x as 万元, 2)。',
    en: 'Round to n decimals (half-up by default; or "half-even", "down", "up", "floor", "ceil"). Money rounds in its current unit: round(x as 万元, 2).',
    params: [{ name: 'x', zh: '要取舍的数值', en: 'the value to round' }, { name: 'n', zh: '小数位数', en: 'number of decimals' }, { name: 'mode', zh: '取舍方式', en: 'rounding mode' }] }),
  isblank: b({ name: 'isblank', usage: 'isblank(x)', minArgs: 1, maxArgs: 1, zh: '单元格或事实是否为空白（空白不等于 0）。', en: 'Whether a cell or fact is blank (blank is not 0).',
    params: [{ name: 'x', zh: '单元格或事实', en: 'a cell or fact' }] }),
  present: b({ name: 'present', usage: 'present(x)', minArgs: 1, maxArgs: 1, zh: '是否有值（不为空白、不缺失）。', en: 'Whether a value is present (not blank, not missing).',
    params: [{ name: 'x', zh: '单元格或事实', en: 'a cell or fact' }] }),
  level: b({ name: 'level', usage: 'level(行) = 项', minArgs: 1, maxArgs: 1, zh: '行的编码所在层级（按编码长度）。合计行没有层级。', en: 'The hierarchy level of a row\'s code (by code length). A total row has no level.',
    params: [{ name: 'row', zh: '行', en: 'a row' }] }),
  children: b({ name: 'children', usage: 'children(行)', minArgs: 1, maxArgs: 1, zh: '同一表中该行的直接下级行（下一层级、编码以其开头）。', en: 'The rows directly below a row in the same table (next level, code starting with its code).',
    params: [{ name: 'row', zh: '行', en: 'a row' }] }),
  parent: b({ name: 'parent', usage: 'parent(行)', minArgs: 1, maxArgs: 1, zh: '该行的上级行；没有时为空白。', en: 'The row above a row; blank when there is none.',
    params: [{ name: 'row', zh: '行', en: 'a row' }] }),
  key: b({ name: 'key', usage: 'key(行)', minArgs: 1, maxArgs: 1, zh: '行的键（如科目编码）。', en: 'A row\'s key (e.g. its code).',
    params: [{ name: 'row', zh: '行', en: 'a row' }] }),
  startswith: b({ name: 'startswith', usage: 'startswith(x.科目编码, "210")', minArgs: 2, maxArgs: 2, zh: '文本或编码是否以给定前缀开头。', en: 'Whether a text or code starts with a prefix.',
    params: [{ name: 'text', zh: '文本或编码', en: 'text or code' }, { name: 'prefix', zh: '前缀', en: 'prefix' }] }),
  contains: b({ name: 'contains', usage: 'contains(x.科目名称, "医疗")', minArgs: 2, maxArgs: 2, zh: '文本是否包含给定片段。', en: 'Whether a text contains a fragment.',
    params: [{ name: 'text', zh: '文本', en: 'text' }, { name: 'fragment', zh: '片段', en: 'fragment' }] }),
  isempty: b({ name: 'isempty', usage: 'isempty(政府性基金预算财政拨款收入支出决算表)', minArgs: 1, maxArgs: 1,
    zh: '表中是否没有任何数值（所有数值单元格为空白）。数据中没有这张表时为“缺失”（规则不适用）。',
    en: 'Whether a table holds no numbers (every numeric cell is blank). Missing (not applicable) when the data has no such table.',
    params: [{ name: 'table', zh: '表', en: 'a table' }] }),
  declaredempty: b({ name: 'declaredempty', usage: 'declaredempty(政府性基金预算财政拨款收入支出决算表)', minArgs: 1, maxArgs: 1,
    zh: '数据是否声明该表“本表无数据”（empty: true）。', en: 'Whether the data declares the table empty (`empty: true`).',
    params: [{ name: 'table', zh: '表', en: 'a table' }] }),
  targetkind: b({ name: 'targetkind', usage: 'targetkind(x.指标值)', minArgs: 1, maxArgs: 1,
    zh: '书面目标（或实际完成值）的类别："numeric"（数值，如 ≥95%、=4个）、"range"（区间，如 80%-90%）、"deadline"（期限，如 2025年11月30日前、=12月）、"qualitative"（文字，如 明显提高）、"none"（空白、—、无）、"invalid"（像数值但无法解析）。',
    en: 'The kind of a written target (or actual value): "numeric" (≥95%, =4个), "range" (80%-90%), "deadline" (2025年11月30日前, =12月), "qualitative" (明显提高), "none" (blank, —, 无), "invalid" (looks numeric but cannot be read).',
    params: [{ name: 'text', zh: '书面目标', en: 'the written target' }] }),
  targetop: b({ name: 'targetop', usage: 'targetop(x.指标值)', minArgs: 1, maxArgs: 1,
    zh: '书面目标的比较符：">="、"<="、">"、"<"、"="（≧、不低于、以上 等写法都归一；只写数值时为 "="；期限为 "<="）；没有时为空白。',
    en: 'The comparison of a written target: ">=", "<=", ">", "<", "=" (≧, 不低于, 以上 … normalised; a bare number is "="; a deadline "<="); blank when there is none.',
    params: [{ name: 'text', zh: '书面目标', en: 'the written target' }] }),
  targetvalue: b({ name: 'targetvalue', usage: 'targetvalue(x.指标值)', minArgs: 1, maxArgs: 1,
    zh: '书面目标中的数值（数量级已换算：46万 → 460000；货币折成元；百分数为百分比）；区间取下限；文字中只含一个数时取该数；否则为空白。',
    en: 'The number in a written target (magnitude applied: 46万 → 460000; money in 元; a percentage stays a percentage); a range gives its lower bound; words with exactly one number give it; blank otherwise.',
    params: [{ name: 'text', zh: '书面目标', en: 'the written target' }] }),
  targetunit: b({ name: 'targetunit', usage: 'targetunit(x.指标值)', minArgs: 1, maxArgs: 1,
    zh: '书面目标的单位（含数量级字，如 "%"、"人"、"万"、"万人"、"万元"、"元/人"、"/人次"）；没有单位时为空白。',
    en: 'The unit of a written target, magnitude word included ("%", "人", "万", "万人", "万元", "元/人", "/人次"); blank when there is none.',
    params: [{ name: 'text', zh: '书面目标', en: 'the written target' }] }),
  targetbaseunit: b({ name: 'targetbaseunit', usage: 'targetbaseunit(x.指标值)', minArgs: 1, maxArgs: 1,
    zh: '书面目标的单位，去掉数量级字（"万人" → "人"，"3万人次" → "人次"；货币单位不变："万元"；只写 "万" 时为空白）；用来判断两个目标量的是否同一种东西（人与元/人次不是）。',
    en: 'The unit of a written target without its magnitude word ("万人" → "人", "3万人次" → "人次"; money units stay: "万元"; blank for a bare "万"): whether two targets measure the same kind of thing (人 and 元/人次 do not).',
    params: [{ name: 'text', zh: '书面目标', en: 'the written target' }] }),
  targetmoney: b({ name: 'targetmoney', usage: 'targetmoney(x.指标值)', minArgs: 1, maxArgs: 1,
    zh: '书面目标表示的金额：带货币单位（180 万元），或只写数量级的金额（20 万 按 20 万元计，成本指标常这样写）；按人、按次的单价（600 元/人）和其他数值为空白。',
    en: 'The amount of money a written target states: with a money unit (180 万元), or a bare magnitude (20 万 read as 20 万元, as cost targets are often written); per-unit prices (600 元/人) and other values are blank.',
    params: [{ name: 'text', zh: '书面目标', en: 'the written target' }] }),
};

/** Functions reading written targets (`scorecard/targets.ts`). */
export const TARGET_FUNCTIONS = ['targetkind', 'targetop', 'targetvalue', 'targetunit', 'targetbaseunit', 'targetmoney'] as const;

export function isBuiltin(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name);
}

export const ROUNDING_MODES = ['half-up', 'half-even', 'half-down', 'down', 'up', 'floor', 'ceil'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
