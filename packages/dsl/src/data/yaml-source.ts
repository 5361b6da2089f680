/**
 * YAML disclosures, read with the `yaml` library (the maintained YAML 1.2 parser). Numbers keep
 * their written text ("2308.50" stays "2308.50"); every value keeps its offset for locations.
 * Aliases are limited (no "billion laughs"); duplicate keys are errors.
 */
import { CST, Lexer, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLError } from 'yaml';

export interface YamlSource {
  doc: Document.Parsed;
  text: string;
  /** Tags the reader does not know, as written, where they are (each written tag once, the first 10). */
  unknownTags: { tag: string; start: number; end: number }[];
}

/**
 * The most scalars (keys and values) a YAML data file may hold. The library keeps a node of some
 * 700 bytes for each: a table of 1,000,000 rows took 4.2 GB and a minute. A disclosure holds a few
 * thousand; JSON, read in one pass, takes far more.
 */
export const MAX_YAML_VALUES = 500_000;

/**
 * Whether `text` holds more than MAX_YAML_VALUES scalars, counted by the library's lexer (no
 * document built; it stops at the first one past the limit). A value takes two characters at
 * least, so a text shorter than twice the limit is not counted.
 */
function tooManyValues(text: string): boolean {
  if (text.length <= 2 * MAX_YAML_VALUES) return false;
  let n = 0;
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if ((type === 'scalar' || type === 'single-quoted-scalar' || type === 'double-quoted-scalar' || type === 'block-scalar-header') && ++n > MAX_YAML_VALUES) return true;
  }
  return false;
}

export function parseYamlSource(text: string): { source?: YamlSource; error?: { offset: number; zh: string; en: string; tooLarge?: true } } {
  if (tooManyValues(text)) {
    return { error: { offset: 0, tooLarge: true, zh: `YAML 数据文件的键和值超过 ${MAX_YAML_VALUES} 个，超出从 YAML 读取的上限：请改用 JSON 格式，suan 可一次读完，所占内存少得多`, en: `the YAML data file holds more than ${MAX_YAML_VALUES} keys and values, more than suan reads from YAML: write it as JSON, which suan reads in one pass with far less memory` } };
  }
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, version: '1.2' });
  const err = doc.errors[0];
  if (err && (err.code as string) === 'RESOURCE_EXHAUSTION' && /call stack/.test(err.message)) {
    // The library ran out of stack on a hostile nesting; where it did depends on the thread's stack
    // size, so the error is placed at the start of that line (the same with or without workers).
    const lineStart = text.lastIndexOf('\n', Math.max(0, err.pos[0] - 1)) + 1;
    return { error: { offset: lineStart, zh: '嵌套层数过多，无法读取（公开材料的数据只有几层嵌套；超过 200 层的不予读取）', en: 'nested too deep to read (a disclosure nests a few levels; more than 200 is refused)' } };
  }
  if (err) return { error: { offset: err.pos[0], ...describeYamlError(err) } };
  const unknownTags: YamlSource['unknownTags'] = [];
  const seen = new Set<string>();
  for (const w of doc.warnings) {
    if (w.code !== 'TAG_RESOLVE_FAILED' || unknownTags.length >= 10) continue;
    const tag = text.slice(w.pos[0], w.pos[1]);
    if (seen.has(tag)) continue;
    seen.add(tag);
    unknownTags.push({ tag, start: w.pos[0], end: w.pos[1] });
  }
  return { source: { doc, text, unknownTags } };
}

/**
 * What a YAML syntax error of the library means, in both languages: English, the library's own
 * (specific) sentence, unless it talks about its programming API; Chinese, the meaning of its code.
 */
export function describeYamlError(err: Pick<YAMLError, 'code' | 'message'>): { zh: string; en: string } {
  // The library gives one code to a bad indent and to a [ … ] or { … } that does not end.
  const unended = err.code === 'BAD_INDENT' && /end with a [\]}]/.test(err.message);
  const [zh, enOverride] = unended
    ? ['方括号或花括号写法（[…] 或 {…}）没有结束：缺少 ] 或 }，或者下一行的缩进不够', undefined]
    : YAML_ERRORS[err.code] ?? ['YAML 写法有误，请检查这一行的缩进、冒号和引号', undefined];
  return { zh, en: enOverride ?? err.message.split('\n')[0]!.replace(/\.$/, '') };
}

/** The yaml library's error codes in words a data author understands. */
const YAML_ERRORS: Record<string, [string, string | undefined]> = {
  DUPLICATE_KEY: ['键名重复：同一层中一个键只能出现一次', undefined],
  BAD_INDENT: ['缩进不正确：同一层的键要对齐，下一层多缩进两个空格', undefined],
  MULTIPLE_DOCS: ['一个文件只能有一个 YAML 文档（不要用 --- 分隔多份数据）', 'the file holds several YAML documents (separated by ---); a disclosure is one document'],
  MISSING_CHAR: ['缺少配对的符号（如 ]、}、引号）', undefined],
  UNEXPECTED_TOKEN: ['此处出现了不应有的符号', undefined],
  BLOCK_AS_IMPLICIT_KEY: ['一行里不能写两层“键: 值”（如 a: b: c）；值中有“冒号加空格”时请给值加引号', undefined],
  TAB_AS_INDENT: ['缩进不能用制表符（Tab），请用空格', undefined],
  BLOCK_IN_FLOW: ['方括号或花括号（[…] 或 {…}）里不能换行写列表或映射', undefined],
  MULTILINE_IMPLICIT_KEY: ['键名不能跨行：键和冒号要写在同一行', undefined],
  BAD_DQ_ESCAPE: ['双引号文本中的反斜杠转义无效（如 \\x 后须跟两位十六进制数）', undefined],
  BAD_SCALAR_START: ['这个值的开头字符需要加引号（如以 @ 或 ` 开头）', undefined],
  ALIAS_PROPS: ['别名（*名称）不能带锚点或标签', undefined],
};

/**
 * The plain value; numbers become their written text. Alias expansion is budgeted (a few
 * nodes per character of the file), so a "billion laughs" file fails instead of exploding.
 */
export function yamlToPlain(src: YamlSource): { value?: unknown; error?: { offset: number; zh: string; en: string } } {
  const active = new Set<Node>();
  let budget = src.text.length * 4 + 10_000;
  let error: { offset: number; zh: string; en: string } | undefined;
  const fail = (n: unknown, zh: string, en: string): null => {
    error ??= { offset: (n as { range?: [number, number, number] }).range?.[0] ?? 0, zh, en };
    return null;
  };
  const walk = (n: unknown, depth: number): unknown => {
    if (error) return null;
    if (--budget < 0) return fail(n, '别名展开过多（可能是“别名炸弹”）', 'too many alias expansions (an "alias bomb"?)');
    if (depth > 200) return fail(n, '嵌套超过 200 层', 'nesting deeper than 200 levels');
    if (isAlias(n)) {
      const target = n.resolve(src.doc);
      if (!target) return fail(n, `别名 *${n.source} 没有对应的锚点 &${n.source}`, `the alias *${n.source} has no anchor &${n.source}`);
      if (active.has(target)) return fail(n, `别名 *${n.source} 指向包含它自己的节点`, `the alias *${n.source} refers to a node that contains it`);
      active.add(target);
      const v = walk(target, depth + 1);
      active.delete(target);
      return v;
    }
    if (isMap(n)) {
      active.add(n);
      const o: Record<string, unknown> = Object.create(null);
      for (const pair of n.items) {
        const key = (isScalar(pair.key) ? scalarText(pair.key, src.text) : String(pair.key)) ?? '';
        if (Object.prototype.hasOwnProperty.call(o, key)) return fail(pair.key, YAML_ERRORS.DUPLICATE_KEY![0], 'Map keys must be unique');
        o[key] = walk(pair.value, depth + 1);
      }
      active.delete(n);
      return o;
    }
    if (isSeq(n)) {
      active.add(n);
      const a = n.items.map((x) => walk(x, depth + 1));
      active.delete(n);
      return a;
    }
    if (isScalar(n)) {
      const v = n.value;
      if (typeof v === 'number' || typeof v === 'bigint') return scalarText(n, src.text);
      if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
      return fail(n, '不支持这种 YAML 值（如 !!binary、日期）；请写成带引号的文本', 'this kind of YAML value (such as !!binary or a timestamp) is not supported; write it as quoted text');
    }
    return n ?? null;
  };
  const value = walk(src.doc.contents, 0);
  return error ? { error } : { value };
}

function scalarText(n: { value: unknown; range?: [number, number, number] | null }, text: string): string | null {
  if (n.value === null || n.value === undefined) return null;
  if ((typeof n.value === 'number' || typeof n.value === 'bigint') && n.range) return text.slice(n.range[0], n.range[1]).trim();
  return String(n.value);
}

/** Where the value at `path` is written (the closest enclosing value when it is absent). */
export function yamlRange(src: YamlSource, path: readonly (string | number)[]): { start: number; end: number } | undefined {
  for (let k = path.length; k >= 0; k--) {
    const node = src.doc.getIn(path.slice(0, k), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) return { start: node.range[0], end: node.range[1] };
  }
  return undefined;
}
