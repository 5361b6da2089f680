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
};

export function isBuiltin(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILTINS, name);
}

export const ROUNDING_MODES = ['half-up', 'half-even', 'half-down', 'down', 'up', 'floor', 'ceil'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];
