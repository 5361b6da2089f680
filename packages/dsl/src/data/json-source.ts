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
const ESCAPE_OR_CONTROL = /[\u0000-\u001f\\]/;

/** A JSON number (sticky: matched where the scan is). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const LITERALS = [['true', true], ['false', false], ['null', null]] as const;

/** Deepest nesting accepted (hostile files cannot exhaust the stack). */
const MAX_DEPTH = 200;

export function parseJsonSource(text: string): { root?: JsonNode; error?: JsonError } {
  let i = 0;
  const fail = (zh: string, en: string, at = i): never => {
    throw { offset: at, zh, en } satisfies JsonError;
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
      else break;
    }
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
        if (text[i] !== '"') fail('此处应为用引号括起的键名', 'expected a quoted key');
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
        if (text[i] === ',') { i++; continue; }
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
    return fail(`无法识别的内容 “${text.slice(i, i + 10)}”`, `unexpected "${text.slice(i, i + 10)}"`);
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
