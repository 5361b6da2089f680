/**
 * Signature help inside a call of a built-in function: its usage, documentation and the
 * parameter the cursor is on. Works from the tokens before the cursor, so a half-typed call
 * (`round(x.金额, `) is understood.
 */
import { BUILTINS, type BuiltinDoc } from '@suan/dsl';
import { MarkupKind, type ParameterInformation, type Position, type SignatureHelp, type SignatureInformation } from 'vscode-languageserver';
import type { SuanServices } from '../services';

/** Tokens that cannot stand inside a call: walking back past one means the cursor is not in a call. */
const STOP = new Set(['Kw_assert', 'Kw_let', 'Kw_when', 'Kw_message', 'Kw_severity', 'Kw_tolerance', 'Kw_rule', 'Kw_table', 'Kw_fact', 'Kw_facts', 'Kw_hierarchy', 'Kw_rollup', 'Kw_doc', 'Kw_title', 'Kw_import', 'Kw_extends']);

export function signatureHelp(services: SuanServices, uri: string, position: Position): SignatureHelp | null {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return null;
  const parsed = ws.parsed(doc.path);
  const lines = ws.lines(doc.path);
  if (!parsed || !lines) return null;
  const offset = lines.offsetAt(position);
  const tokens = parsed.tokens.filter((t) => !Number.isNaN(t.startOffset) && (t.endOffset ?? t.startOffset) < offset);
  // Walk back to the innermost unclosed `(`, counting commas at its level.
  let depth = 0;
  let commas = 0;
  let aggregate = false;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    const type = t.tokenType.name;
    if (type === 'RParen' || type === 'RBracket') depth++;
    else if (type === 'LParen' || type === 'LBracket') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (type === 'LBracket') return null;
      const callee = tokens[i - 1];
      const doc = callee && Object.prototype.hasOwnProperty.call(BUILTINS, callee.image) ? BUILTINS[callee.image] : undefined;
      if (!doc) return null;
      return help(doc, commas, aggregate, services.lang() === 'en');
    } else if (depth === 0 && type === 'Comma') commas++;
    else if (depth === 0 && type === 'Kw_for') aggregate = true;
    else if (depth === 0 && (type === 'LBrace' || type === 'RBrace' || STOP.has(type))) return null;
  }
  return null;
}

function help(doc: BuiltinDoc, commas: number, aggregate: boolean, en: boolean): SignatureHelp {
  const text = en ? doc.en : doc.zh;
  const signatures: SignatureInformation[] = [];
  if (doc.params.length > 0) {
    let label = `${doc.name}(`;
    const parameters: ParameterInformation[] = [];
    doc.params.forEach((p, i) => {
      if (i > 0) label += ', ';
      const optional = i >= doc.minArgs;
      const shown = optional ? `${p.name}?` : p.name;
      parameters.push({ label: [label.length, label.length + shown.length], documentation: en ? p.en : p.zh });
      label += shown;
    });
    label += ')';
    signatures.push({ label, documentation: { kind: MarkupKind.Markdown, value: `${text}\n\n\`${doc.usage}\`` }, parameters });
  } else {
    // Aggregates and variadic functions: show their usage forms.
    for (const form of doc.usage.split(' | ')) {
      const open = form.indexOf('(');
      const close = form.lastIndexOf(')');
      const inner = open >= 0 && close > open ? [open + 1, close] as [number, number] : undefined;
      signatures.push({ label: form, documentation: { kind: MarkupKind.Markdown, value: text }, parameters: inner ? [{ label: inner }] : [] });
    }
  }
  const activeSignature = doc.params.length > 0 ? 0 : aggregate ? 0 : Math.min(signatures.length - 1, doc.aggregate && signatures.length > 1 ? 1 : 0);
  const activeParameter = doc.params.length > 0 ? Math.min(commas, doc.params.length - 1) : 0;
  return { signatures, activeSignature, activeParameter };
}
