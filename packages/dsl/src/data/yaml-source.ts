/**
 * YAML disclosures, read with the `yaml` library (the maintained YAML 1.2 parser). Numbers keep
 * their written text ("2308.50" stays "2308.50"); every value keeps its offset for locations.
 * Aliases are limited (no "billion laughs"); duplicate keys are errors.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';

export interface YamlSource {
  doc: Document.Parsed;
  text: string;
}

export function parseYamlSource(text: string): { source?: YamlSource; error?: { offset: number; zh: string; en: string } } {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const err = doc.errors[0];
  if (err) {
    const zh = err.code === 'DUPLICATE_KEY' ? '键名重复' : `YAML 语法错误（${err.code}）`;
    return { error: { offset: err.pos[0], zh, en: `${err.message.split('\n')[0]}` } };
  }
  return { source: { doc, text } };
}

/**
 * The plain value; numbers become their written text. Alias expansion is budgeted (a few
 * nodes per character of the file), so a "billion laughs" file fails instead of exploding.
 */
export function yamlToPlain(src: YamlSource): { value?: unknown; error?: { offset: number; zh: string; en: string } } {
  const seen = new Set<Node>();
  let budget = src.text.length * 4 + 10_000;
  let overflow = false;
  const walk = (n: unknown, depth: number): unknown => {
    if (--budget < 0 || depth > 200) {
      overflow = true;
      return null;
    }
    if (isAlias(n)) {
      const target = n.resolve(src.doc);
      if (!target || seen.has(target)) return null;
      seen.add(target);
      const v = walk(target, depth + 1);
      seen.delete(target);
      return v;
    }
    if (isMap(n)) {
      const o: Record<string, unknown> = Object.create(null);
      for (const pair of n.items) {
        const key = isScalar(pair.key) ? scalarText(pair.key, src.text) : String(pair.key);
        o[key ?? ''] = walk(pair.value, depth + 1);
      }
      return o;
    }
    if (isSeq(n)) return n.items.map((x) => walk(x, depth + 1));
    if (isScalar(n)) {
      if (typeof n.value === 'number' || typeof n.value === 'bigint') return scalarText(n, src.text);
      return n.value;
    }
    return n ?? null;
  };
  const value = walk(src.doc.contents, 0);
  if (overflow) return { error: { offset: 0, zh: '别名展开过多或嵌套过深', en: 'too many alias expansions or nesting too deep' } };
  return { value };
}

function scalarText(n: { value: unknown; range?: [number, number, number] | null }, text: string): string | null {
  if (n.value === null || n.value === undefined) return null;
  if ((typeof n.value === 'number' || typeof n.value === 'bigint') && n.range) return text.slice(n.range[0], n.range[1]).trim();
  return String(n.value);
}

/** The offset of the value at `path`, if there is one. */
export function yamlOffset(src: YamlSource, path: readonly (string | number)[]): number | undefined {
  for (let k = path.length; k >= 0; k--) {
    const node = src.doc.getIn(path.slice(0, k), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) return node.range[0];
  }
  return undefined;
}
