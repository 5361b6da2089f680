/**
 * Message templates: `"{r.科目编码} 合计 {actual}，分项之和 {expected}"`. Text between braces is
 * an expression evaluated for the failing binding; `\{` and `\}` stand for literal braces.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { Expr, Name, Span, Text } from './ast';
import { AstBuilder, unescapeString } from './build-ast';
import { lineStarts, parseExpressionAt } from './parse';
import { Identifier, isKeyword } from './tokens';

export type TemplatePart = { kind: 'text'; value: string } | { kind: 'expr'; expr: Expr; source: string };

export interface ParsedTemplate {
  lang: Text['variants'][number]['lang'];
  parts: TemplatePart[];
}

/**
 * Expressions already parsed, by their text (a ruleset repeats `{actual}`, `{r.科目编码}` in
 * rule after rule), with the offset they were parsed at. Kept by the checker for one run.
 */
export type TemplateCache = Map<string, { expr: Expr; at: number }>;

/** Splits every variant of a message into literal text and expressions. */
export function parseTemplate(
  text: Text, fileText: string, starts: number[] = lineStarts(fileText), cache?: TemplateCache,
): { templates: ParsedTemplate[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let builder: AstBuilder | undefined;
  const templates = text.variants.map((v) => {
    const parts: TemplatePart[] = [];
    const raw = v.raw;
    const base = v.span.start + 1; // after the opening quote
    let literal = '';
    let i = 0;
    while (i < raw.length) {
      const ch = raw[i]!;
      if (ch === '\\' && i + 1 < raw.length) {
        literal += raw.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === '{') {
        const close = findClose(raw, i + 1);
        if (close < 0) {
          diagnostics.push(diagnostic('SUAN1005', new AstBuilder(v.span.file, fileText, starts).spanOf(base + i, base + i + 1)));
          literal += raw.slice(i);
          break;
        }
        if (literal) parts.push({ kind: 'text', value: unescapeString(literal) });
        literal = '';
        const source = raw.slice(i + 1, close);
        const at = base + i + 1;
        builder ??= new AstBuilder(v.span.file, fileText, starts);
        const simple = parseSimpleExpression(source, at, builder);
        const seen = simple ? undefined : cache?.get(source);
        if (simple) {
          parts.push({ kind: 'expr', expr: simple, source: source.trim() });
        } else if (seen) {
          // The same text parsed elsewhere: the same tree, placed here.
          parts.push({ kind: 'expr', expr: placed(seen.expr, at - seen.at, (a, b) => builder!.spanOf(a, b)) as Expr, source: source.trim() });
        } else {
          const r = parseExpressionAt(source, v.span.file, fileText, at, starts);
          diagnostics.push(...r.diagnostics);
          if (r.expr) {
            parts.push({ kind: 'expr', expr: r.expr, source: source.trim() });
            if (r.diagnostics.length === 0) cache?.set(source, { expr: r.expr, at });
          }
        }
        i = close + 1;
        continue;
      }
      literal += ch;
      i++;
    }
    if (literal) parts.push({ kind: 'text', value: unescapeString(literal) });
    return { lang: v.lang, parts };
  });
  return { templates, diagnostics };
}

/** A copy of a syntax tree with every span moved by `delta` characters (lines and columns recomputed). */
function placed(node: unknown, delta: number, spanOf: (start: number, end: number) => Span): unknown {
  if (Array.isArray(node)) return node.map((x) => placed(x, delta, spanOf));
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && typeof o.line === 'number' && typeof o.file === 'string') {
    return spanOf(o.start + delta, o.end + delta);
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = placed(o[k], delta, spanOf);
  return out;
}

/** Index of the `}` closing a `{` opened before `from` (nested braces and strings respected), or -1. */
function findClose(raw: string, from: number): number {
  let depth = 0;
  for (let i = from; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') { i++; continue; }
    if (ch === '"') {
      // A string inside the expression: its braces do not count.
      for (i++; i < raw.length && raw[i] !== '"'; i++) if (raw[i] === '\\') i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

// The simplest expressions, read without the parser: a ruleset's messages mostly hold names
// (`{actual}`, `{r.科目编码}`), and a few calls of them (`{round(x as 万元, 2)}`). Reading those
// here spares building the parser (chevrotain's analysis of the grammar, a tenth of a cold start)
// when the syntax trees come ready-made (a compiled ruleset, the CLI's syntax cache).
const SPACE = /[ \t\r\n\u3000\uFEFF]*/y;
const NAME = new RegExp((Identifier.PATTERN as RegExp).source, 'y');
const QUOTED = /`[^`\n\r]*`/y;
const NUMBER = /\d[\d_]{0,15}(?:\.\d{1,15})?/y;
const MONEY_UNITS = new Set(['元', '万元', '亿元', '千元']);
/** Keywords that are also functions (`key(row)`) or a value (`{tolerance}`): names where an operand begins. */
const CALLEE_KEYWORDS = new Set(['count', 'key', 'tolerance']);
const COMMAS = new Set([',', '，', '、']);
/** A string with nothing to unescape or to read inside: `""`, `"无"`. */
const PLAIN_STRING = /"[^"\\{}｛｝\n\r]*"/y;
const MAX_SIMPLE_DEPTH = 8;

/**
 * `source` (the text of a message's `{…}`, which starts at offset `at` of the file) read as the
 * parser would read it, when it is only names, members (`.name`), whole or decimal numbers, unit
 * conversions (`as 万元`) and calls of these, or one of these `?? "a plain string"` (or `?? another`);
 * undefined for anything else (other operators, aggregations, anything unexpected), which the
 * parser then reads. The trees are the parser's
 * to the last span (test/syntax/template.test.ts compares the two).
 */
export function parseSimpleExpression(source: string, at: number, builder: Pick<AstBuilder, 'spanOf'>): Expr | undefined {
  let i = 0;
  const skip = () => {
    SPACE.lastIndex = i;
    SPACE.exec(source);
    i = SPACE.lastIndex;
  };
  const span = (start: number, end: number) => builder.spanOf(at + start, at + end);
  /** A name or keyword at `i`, as the scanner would cut it (a keyword is never the start of a longer name). */
  const word = (): { text: string; start: number; quoted: boolean } | undefined => {
    const start = i;
    for (const [re, quoted] of [[QUOTED, true], [NAME, false]] as const) {
      re.lastIndex = i;
      const m = re.exec(source);
      if (m) {
        i += m[0].length;
        return { text: quoted ? m[0].slice(1, -1) : m[0], start, quoted };
      }
    }
    return undefined;
  };
  const nameOf = (w: { text: string; start: number }): Name => ({ kind: 'Name', text: w.text, span: span(w.start, i) });
  const expr = (depth: number): Expr | undefined => {
    if (depth > MAX_SIMPLE_DEPTH) return undefined;
    skip();
    let e = operand(depth);
    for (;;) {
      if (!e) return undefined;
      skip();
      if (source[i] === '.') {
        i++;
        skip();
        const w = word();
        if (!w || (!w.quoted && MONEY_UNITS.has(w.text))) return undefined;
        const name = nameOf(w);
        e = { kind: 'Member', object: e, name, span: builder.spanOf(Math.min(e.span.start, name.span.start), Math.max(e.span.end, name.span.end)) };
        continue;
      }
      const before = i;
      const w = word();
      if (!w) return e;
      if (w.quoted || w.text !== 'as') {
        i = before;
        return e;
      }
      skip();
      const u = word();
      if (!u || u.quoted || !MONEY_UNITS.has(u.text)) return undefined;
      e = { kind: 'Convert', operand: e, unit: u.text, span: builder.spanOf(Math.min(e.span.start, at + u.start), Math.max(e.span.end, at + i)) };
    }
  };
  const operand = (depth: number): Expr | undefined => {
    const start = i;
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(source);
    if (n) {
      i += n[0].length;
      // Only a plain number: not a percentage, an amount with its unit, or digits run on.
      if (/[\d_%％.]/.test(source[i] ?? '')) return undefined;
      const after = i;
      skip();
      if (i < source.length && source[i] !== ')' && !COMMAS.has(source[i]!)) return undefined;
      return { kind: 'Number', text: n[0].replace(/_/g, ''), span: span(start, (i = after)) };
    }
    const w = word();
    if (!w) return undefined;
    if (!w.quoted && (MONEY_UNITS.has(w.text) || (isKeyword(w.text) && !CALLEE_KEYWORDS.has(w.text)))) return undefined;
    const callee = nameOf(w);
    const end = i;
    skip();
    if (source[i] !== '(') {
      i = end;
      return { kind: 'NameRef', name: callee, span: callee.span };
    }
    i++;
    const args: Expr[] = [];
    skip();
    if (source[i] !== ')') {
      for (;;) {
        const a = expr(depth + 1);
        if (!a) return undefined;
        args.push(a);
        skip();
        if (!COMMAS.has(source[i] ?? '')) break;
        i++;
      }
    }
    if (source[i] !== ')') return undefined;
    i++;
    return { kind: 'Call', callee, args, span: span(start, i) };
  };
  let e = expr(0);
  skip();
  if (e && source.startsWith('??', i)) {
    // `r.科目名称 ?? ""`: one `??` over the whole expression.
    i += 2;
    skip();
    PLAIN_STRING.lastIndex = i;
    const str = PLAIN_STRING.exec(source);
    const start = i;
    const right: Expr | undefined = str
      ? { kind: 'String', value: str[0].slice(1, -1), span: span(start, (i += str[0].length)) }
      : expr(1);
    skip();
    e = right && { kind: 'Binary', op: '??', left: e, right, span: builder.spanOf(Math.min(e.span.start, right.span.start), Math.max(e.span.end, right.span.end)) };
  }
  return e && i === source.length ? e : undefined;
}
