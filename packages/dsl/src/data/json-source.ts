/**
 * A JSON reader that keeps what `JSON.parse` loses: the written text of every number (so
 * "2308.50" keeps its 2 decimals) and the offset of every value (so errors and findings can
 * point at file, line and column). Never throws: syntax errors come back as a message + offset.
 */

export type JsonNode =
  | { type: 'object'; start: number; end: number; entries: { key: string; keyStart: number; value: JsonNode }[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number'; start: number; end: number; raw: string }
  | { type: 'literal'; start: number; end: number; value: boolean | null };

export interface JsonError {
  offset: number;
  zh: string;
  en: string;
}

/** A backslash or a control character: a string that needs the careful scan. */
export const ESCAPE_OR_CONTROL = /[\u0000-\u001f\\]/;

/** A JSON number (sticky: matched where the scan is). */
export const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const LITERALS = [['true', true], ['false', false], ['null', null]] as const;

/** Deepest nesting accepted (hostile files cannot exhaust the stack). */
export const MAX_DEPTH = 200;

export function parseJsonSource(text: string): { root?: JsonNode; error?: JsonError } {
  let i = 0;
  const fail = (zh: string, en: string, at = i): never => {
    // Whatever was expected, a text that ends first was most likely cut off.
    if (at >= text.length) {
      zh = '文件在 JSON 结束之前就结束了（缺少 } 或 ]）：文件可能不完整（复制或导出是否中断？），请与原文件核对';
      en = 'the file ends before its JSON does (a } or ] is missing): it may have been cut off (an interrupted copy or export?); compare it with the original';
    }
    throw { offset: at, zh, en } satisfies JsonError;
  };
  const ws = () => {
    i = skipSpace(text, i);
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    // Most strings have no escapes: find the closing quote and take the text between at once.
    const close = text.indexOf('"', i);
    if (close >= 0) {
      const plain = text.slice(i, close);
      if (!ESCAPE_OR_CONTROL.test(plain)) {
        i = close + 1;
        return plain;
      }
    }
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail('字符串没有结束的引号', 'unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('无效的 \\u 转义', 'invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && map[e] !== undefined) {
          out += map[e];
          i += 2;
        } else fail('无效的转义字符', 'invalid escape');
        chunk = i;
        continue;
      }
      if (c < 32) fail('字符串中有控制字符（换行请写 \\n）', 'control character in string (write \\n for a newline)');
      i++;
    }
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(`嵌套超过 ${MAX_DEPTH} 层`, `nesting deeper than ${MAX_DEPTH}`);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; keyStart: number; value: JsonNode }[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { type: 'object', start, end: i, entries };
      }
      for (;;) {
        ws();
        if (text[i] === '}' && entries.length > 0) fail('最后一项后面不能有逗号：请删去 } 前的逗号', 'a comma before "}": JSON allows none after the last entry; remove it');
        if (text[i] !== '"') fail('此处应为用双引号括起的键名（JSON 的键名要写在双引号中，如 "suan"）', 'expected a quoted key (JSON writes keys in double quotes, as "suan")');
        const keyStart = i;
        const key = str();
        ws();
        if (text[i] !== ':') fail('键名后应为冒号 :', 'expected ":" after the key');
        i++;
        if (entries.some((e) => e.key === key)) fail(`键名 “${key}” 重复`, `the key "${key}" occurs twice in this object`, keyStart);
        entries.push({ key, keyStart, value: value(depth + 1) });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { type: 'object', start, end: i, entries }; }
        fail('此处应为 , 或 }', 'expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { type: 'array', start, end: i, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('最后一项后面不能有逗号：请删去 ] 前的逗号', 'a comma before "]": JSON allows none after the last item; remove it');
          continue;
        }
        if (text[i] === ']') { i++; return { type: 'array', start, end: i, items }; }
        fail('此处应为 , 或 ]', 'expected "," or "]"');
      }
    }
    if (c === '"') {
      const v = str();
      return { type: 'string', start, end: i, value: v };
    }
    const m = NUMBER;
    m.lastIndex = i;
    const num = m.exec(text);
    if (num && num[0].length > 0) {
      i += num[0].length;
      return { type: 'number', start, end: i, raw: num[0] };
    }
    for (const [word, v] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { type: 'literal', start, end: i, value: v };
      }
    }
    if (i >= text.length) fail('文件意外结束', 'unexpected end of file');
    const found = /^[^\s,\]}]{1,10}/.exec(text.slice(i, i + 10))?.[0] ?? text.slice(i, i + 1);
    return fail(`无法识别的内容 “${found}”`, `unexpected "${found}"`);
  };
  try {
    const root = value(0);
    ws();
    if (i < text.length) fail('JSON 值之后还有多余内容', 'unexpected content after the JSON value');
    return { root };
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return { error: e as JsonError };
    return { error: { offset: i, zh: String(e), en: String(e) } };
  }
}

/** The plain value of a node; numbers become their written text. */
export function jsonToPlain(n: JsonNode): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = Object.create(null);
      for (const e of n.entries) o[e.key] = jsonToPlain(e.value);
      return o;
    }
    case 'array': return n.items.map(jsonToPlain);
    case 'string': return n.value;
    case 'number': return n.raw;
    case 'literal': return n.value;
  }
}

/** Where the value at `path` (object keys and array indexes) is written, if there is one. */
export function jsonRange(root: JsonNode, path: readonly (string | number)[]): { start: number; end: number } | undefined {
  let n: JsonNode | undefined = root;
  for (const p of path) {
    if (!n) return undefined;
    if (n.type === 'object') n = n.entries.find((e) => e.key === p)?.value;
    else if (n.type === 'array' && typeof p === 'number') n = n.items[p];
    else return { start: n.start, end: n.end };
  }
  return n ? { start: n.start, end: n.end } : undefined;
}

/**
 * `jsonRange` without a tree, for a valid JSON text in which no object has a key twice: finds
 * where the value at a path is written by scanning the text. Each object or array on the way is
 * indexed (where its entries start) the first time a path crosses it, so that locating many
 * cells of one document reads its text about once. Gives what
 * `jsonRange(parseJsonSource(text).root, path)` gives (property-tested).
 */
export function jsonLocator(text: string, known?: Map<number, Map<string, number>>): JsonLocator {
  const objects = known ?? new Map<number, Map<string, number>>(); // object start → key → where its value starts
  const arrays = new Map<number, number[]>(); // array start → where each item starts
  const entriesOf = (start: number): Map<string, number> => {
    let entries = objects.get(start);
    if (entries) return entries;
    entries = new Map();
    let i = skipSpace(text, start + 1);
    while (text.charCodeAt(i) === 34 /* " */) {
      const keyEnd = stringEnd(text, i);
      const raw = text.slice(i + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(i, keyEnd)) as string) : raw;
      i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
      if (!entries.has(key)) entries.set(key, i);
      i = skipSpace(text, valueEnd(text, i));
      if (text.charCodeAt(i) === 44 /* , */) i = skipSpace(text, i + 1);
    }
    objects.set(start, entries);
    return entries;
  };
  const itemsOf = (start: number): number[] => {
    let items = arrays.get(start);
    if (items) return items;
    items = [];
    let i = skipSpace(text, start + 1);
    while (i < text.length && text.charCodeAt(i) !== 93 /* ] */) {
      items.push(i);
      i = skipSpace(text, valueEnd(text, i));
      if (text.charCodeAt(i) === 44 /* , */) i = skipSpace(text, i + 1);
      else break;
    }
    arrays.set(start, items);
    return items;
  };
  /** Where the value at `path` starts; -1 when there is none. */
  const startOf = (path: readonly (string | number)[]): number => {
    let i = skipSpace(text, 0);
    for (const p of path) {
      const c = text.charCodeAt(i);
      if (c === 123 /* { */) {
        if (typeof p !== 'string') return -1;
        const at = entriesOf(i).get(p);
        if (at === undefined) return -1;
        i = at;
      } else if (c === 91 /* [ */ && typeof p === 'number') {
        const items = itemsOf(i);
        if (!Number.isInteger(p) || p < 0 || p >= items.length) return -1;
        i = items[p]!;
      } else return i; // the path goes on past a string, number or literal: that value
    }
    return i;
  };
  return {
    startOf,
    range(path) {
      const start = startOf(path);
      return start < 0 ? undefined : { start, end: valueEnd(text, start) };
    },
  };
}

/** Where values are written in a JSON text (see `jsonLocator`). */
export interface JsonLocator {
  /** The value at `path`, as `jsonRange` gives it. */
  range(path: readonly (string | number)[]): { start: number; end: number } | undefined;
  /** Where that value starts (-1: nowhere), without finding where it ends. */
  startOf(path: readonly (string | number)[]): number;
}

/** The first character at or after `i` that is not JSON whitespace (a byte order mark counts as one). */
export function skipSpace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff; c = text.charCodeAt(++i));
  return i;
}

/** Just past the closing quote of the string whose opening quote is at `i` (text.length when there is none). */
export function stringEnd(text: string, i: number): number {
  let e = text.indexOf('"', i + 1);
  for (;;) {
    if (e < 0) return text.length;
    let b = e - 1;
    while (text.charCodeAt(b) === 92) b--;
    if ((e - 1 - b) % 2 === 0) return e + 1;
    e = text.indexOf('"', e + 1);
  }
}

/** Just past the value that starts at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return stringEnd(text, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (d === 34) j = stringEnd(text, j) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  for (let d = text.charCodeAt(j); j < text.length && d !== 44 && d !== 125 && d !== 93 && d !== 32 && d !== 9 && d !== 10 && d !== 13 && d !== 0xfeff; d = text.charCodeAt(++j));
  return j;
}
