/**
 * Message templates: `"{r.科目编码} 合计 {actual}，分项之和 {expected}"`. Text between braces is
 * an expression evaluated for the failing binding; `\{` and `\}` stand for literal braces.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { Expr, Span, Text } from './ast';
import { AstBuilder, unescapeString } from './build-ast';
import { lineStarts, parseExpressionAt } from './parse';

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
        const seen = cache?.get(source);
        if (seen) {
          // The same text parsed elsewhere: the same tree, placed here.
          const builder = new AstBuilder(v.span.file, fileText, starts);
          parts.push({ kind: 'expr', expr: placed(seen.expr, at - seen.at, (a, b) => builder.spanOf(a, b)) as Expr, source: source.trim() });
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
