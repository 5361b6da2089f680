/**
 * Code actions: "did you mean" fixes for unknown names, columns, rules, functions and levels;
 * declaring a missing column or fact; adding `within` to an `=` / `≈` comparison; removing an
 * unused `let`.
 */
import type { AST, Diagnostic as CoreDiagnostic, Lang, Type } from '@suan/dsl';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { LineIndex, spanToRange } from '../convert';
import { t } from '../i18n';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';
import { writeName } from './rename';

const DID_YOU_MEAN = new Set(['SUAN2001', 'SUAN2004', 'SUAN2005', 'SUAN2007', 'SUAN2008']);

export function codeActions(services: SuanServices, params: CodeActionParams): CodeAction[] {
  const ws = services.workspace;
  const doc = ws.documentByUri(params.textDocument.uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const a = ws.analysisFor(doc.path);
  const lines = ws.lines(doc.path);
  if (!a || !lines) return [];
  const lang = services.lang();
  const uri = params.textDocument.uri;
  const start = lines.offsetAt(params.range.start);
  const end = lines.offsetAt(params.range.end);
  const overlaps = (s: AST.Span) => s.file === doc.path && s.start <= end && start <= s.end;
  const clientDiag = (d: CoreDiagnostic): Diagnostic[] => {
    const r = spanToRange(d.span);
    return params.context.diagnostics.filter((x) => x.code === d.code && x.range.start.line === r.start.line && x.range.start.character === r.start.character);
  };
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const out: CodeAction[] = [];

  for (const d of a.program.diagnostics) {
    if (!overlaps(d.span)) continue;
    if (DID_YOU_MEAN.has(d.code) && wants(CodeActionKind.QuickFix)) {
      (d.suggestions ?? []).forEach((s, i) => {
        const written = writeName(s);
        if (!written) return;
        out.push({
          title: t(lang, 'fixDidYouMean', { name: s }),
          kind: CodeActionKind.QuickFix,
          diagnostics: clientDiag(d),
          isPreferred: i === 0,
          edit: { changes: { [uri]: [{ range: spanToRange(d.span), newText: written }] } },
        });
      });
    }
    if (d.code === 'SUAN2004' && wants(CodeActionKind.QuickFix)) {
      const fix = addColumn(services, a, d, lang);
      if (fix) out.push({ ...fix, diagnostics: clientDiag(d) });
    }
    if (d.code === 'SUAN2001' && wants(CodeActionKind.QuickFix)) {
      const fix = addFact(services, a, doc.path, d, lang);
      if (fix) out.push({ ...fix, diagnostics: clientDiag(d) });
    }
    if (d.code === 'SUAN2006' && d.unnecessary && wants(CodeActionKind.QuickFix)) {
      const fix = removeUnused(a, doc.path, lines, d, lang, uri);
      if (fix) out.push({ ...fix, diagnostics: clientDiag(d) });
    }
  }

  // `within` for the comparisons under the cursor (a quick fix when a failing-rule diagnostic is there).
  const failing = params.context.diagnostics.filter((x) => (x.data as { kind?: string } | undefined)?.kind === 'finding');
  const kind = failing.length ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite;
  if (wants(kind)) {
    for (const e of a.program.types.keys()) {
      if (e.kind !== 'Compare' || e.within || !e.right || (e.op !== '=' && e.op !== '≈') || !overlaps(e.span)) continue;
      const tol = toleranceFor(a.program.types.get(e.left) ?? { k: 'unknown' }, a.program.types.get(e.right) ?? { k: 'unknown' });
      const at = lines.positionAt(e.right.span.end);
      out.push({
        title: t(lang, 'fixAddWithin', { tolerance: tol }),
        kind,
        diagnostics: failing.length ? failing : undefined,
        edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: ` within ${tol}` }] } },
      });
    }
  }
  return out;
}

/** A tolerance to propose for comparing values of these types. */
export function toleranceFor(l: Type, r: Type): string {
  const t = l.k === 'unknown' || l.k === 'blank' ? r : l;
  if (t.k === 'money') return t.unit ? `0.01 ${t.unit}` : (r.k === 'money' && r.unit ? `0.01 ${r.unit}` : '0.01');
  if (t.k === 'percent') return '0.01%';
  if (t.k === 'count') return '1';
  return '0.01';
}

/** The declared type to propose for a name used where a value of type `t` is expected. */
function typeWord(t: Type | undefined): string {
  switch (t?.k) {
    case 'money': return t.unit ? `money ${t.unit}` : 'money';
    case 'percent': return 'percent';
    case 'count': return 'count';
    case 'number': return 'number';
    case 'text': return 'text';
    case 'code': return 'code';
    case 'date': return 'date';
    case 'bool': return 'bool';
    default: return 'money';
  }
}

/** The type of the other side of the comparison or arithmetic an unknown name stands in. */
function contextType(a: Analysis, span: AST.Span): Type | undefined {
  let best: { e: AST.Expr; other: AST.Expr } | undefined;
  for (const e of a.program.types.keys()) {
    if (e.span.file !== span.file || e.span.start > span.start || e.span.end < span.end) continue;
    if ((e.kind === 'Compare' || e.kind === 'Binary') && e.right) {
      const inLeft = e.left.span.start <= span.start && span.end <= e.left.span.end;
      const other = inLeft ? e.right : e.left;
      if (!best || e.span.end - e.span.start < best.e.span.end - best.e.span.start) best = { e, other };
    }
  }
  const t = best ? a.program.types.get(best.other) : undefined;
  return t && t.k !== 'unknown' ? t : undefined;
}

function addColumn(services: SuanServices, a: Analysis, d: CoreDiagnostic, lang: Lang): Omit<CodeAction, 'diagnostics'> | undefined {
  const table = a.program.tables.get(String(d.args['table'] ?? ''));
  const name = String(d.args['name'] ?? '');
  const written = writeName(name);
  if (!table || !written) return undefined;
  const decl = table.decl;
  const file = decl.span.file;
  const text = services.workspace.text(file);
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  const close = decl.span.end - 1;
  if (text[close] !== '}' && text[close] !== '｝') return undefined;
  const type = typeWord(contextType(a, d.span));
  const closePos = lines.positionAt(close);
  const lineText = lines.lineText(closePos.line);
  let edit: TextEdit;
  if (lineText.trim().startsWith('}') || lineText.trim().startsWith('｝')) {
    const prevLine = closePos.line - 1;
    const inside = prevLine > lines.positionAt(decl.span.start).line;
    const indent = (inside ? /^\s*/.exec(lines.lineText(prevLine))?.[0] : undefined) || '  ';
    const at = { line: closePos.line, character: 0 };
    edit = { range: { start: at, end: at }, newText: `${indent}${written}: ${type}\n` };
  } else {
    edit = { range: { start: closePos, end: closePos }, newText: `  ${written}: ${type} ` };
  }
  return { title: t(lang, 'fixAddColumn', { table: table.name, name }), kind: CodeActionKind.QuickFix, edit: { changes: { [services.workspace.uriFor(file)]: [edit] } } };
}

function addFact(services: SuanServices, a: Analysis, file: string, d: CoreDiagnostic, lang: Lang): Omit<CodeAction, 'diagnostics'> | undefined {
  const name = String(d.args['name'] ?? '');
  const written = writeName(name);
  if (!written || name.includes('.')) return undefined;
  const ast = a.program.sources.files.find((f) => f.path === file)?.parsed.ast;
  const text = services.workspace.text(file);
  if (!ast || text === undefined) return undefined;
  // Only where a value is expected inside a rule (not a `for … in` source or a type).
  const inRule = ast.items.some((i) => i.kind === 'Rule' && i.span.start <= d.span.start && d.span.end <= i.span.end);
  if (!inRule) return undefined;
  const lines = new LineIndex(text);
  const facts = ast.items.filter((i) => i.kind === 'Fact');
  const anchor = facts[facts.length - 1] ?? ast.items.find((i) => i.kind === 'Rule');
  if (!anchor) return undefined;
  const after = facts.length > 0;
  const pos = after ? { line: lines.positionAt(anchor.span.end).line + 1, character: 0 } : { line: lines.positionAt(anchor.span.start).line, character: 0 };
  const type = typeWord(contextType(a, d.span));
  return {
    title: t(lang, 'fixAddFact', { name }),
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [services.workspace.uriFor(file)]: [{ range: { start: pos, end: pos }, newText: `fact ${written}: ${type}\n${after ? '' : '\n'}` }] } },
  };
}

function removeUnused(a: Analysis, file: string, lines: LineIndex, d: CoreDiagnostic, lang: Lang, uri: string): Omit<CodeAction, 'diagnostics'> | undefined {
  const ast = a.program.sources.files.find((f) => f.path === file)?.parsed.ast;
  if (!ast) return undefined;
  let target: AST.Span | undefined;
  for (const item of ast.items) {
    if (item.kind === 'ConstLet' && item.name?.span.start === d.span.start) target = item.span;
    if (item.kind === 'Rule') for (const s of item.steps) if (s.kind === 'Let' && s.name?.span.start === d.span.start) target = s.span;
  }
  if (!target) return undefined;
  const startLine = lines.positionAt(target.start).line;
  const endLine = lines.positionAt(target.end).line;
  const whole = lines.lineText(startLine).trim().length === target.end - target.start && startLine === endLine;
  const range: Range = whole ? { start: { line: startLine, character: 0 }, end: { line: endLine + 1, character: 0 } } : lines.rangeOf(target.start, target.end);
  return { title: t(lang, 'fixRemoveUnused', { name: String(d.args['name'] ?? '') }), kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: [{ range, newText: '' }] } } };
}
