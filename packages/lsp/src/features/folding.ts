/**
 * Folding: blocks (header, tables, rules, hierarchies, fact groups, extends), runs of comment
 * lines, and runs of imports.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { SuanServices } from '../services';

export function foldingRanges(services: SuanServices, uri: string): FoldingRange[] {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return [];
  const parsed = ws.parsed(doc.path);
  const lines = ws.lines(doc.path);
  if (!parsed || !lines) return [];
  const out: FoldingRange[] = [];
  const block = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    // Keep the closing brace visible: fold up to the line before it.
    const last = lines.lineText(endLine - 1).trim().startsWith('}') ? endLine - 2 : endLine - 1;
    if (last > startLine - 1) out.push({ startLine: startLine - 1, endLine: last, kind });
  };
  const ast = parsed.ast;
  if (ast.header && ast.header.span.endLine > ast.header.span.line) block(ast.header.span.line, ast.header.span.endLine, FoldingRangeKind.Region);
  let importRun: { start: number; end: number } | undefined;
  const flushImports = () => {
    if (importRun && importRun.end > importRun.start) out.push({ startLine: importRun.start - 1, endLine: importRun.end - 1, kind: FoldingRangeKind.Imports });
    importRun = undefined;
  };
  for (const item of ast.items) {
    if (item.kind === 'Import') {
      if (importRun && item.span.line <= importRun.end + 1) importRun.end = item.span.endLine;
      else {
        flushImports();
        importRun = { start: item.span.line, end: item.span.endLine };
      }
      continue;
    }
    flushImports();
    if (item.span.endLine > item.span.line) block(item.span.line, item.span.endLine);
    if (item.kind === 'Rule') {
      // Long message or doc texts written over several lines fold too.
      for (const text of [item.doc, item.message]) if (text && text.span.endLine > text.span.line) out.push({ startLine: text.span.line - 1, endLine: text.span.endLine - 1 });
    }
  }
  flushImports();
  // Runs of two or more comment lines.
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start) out.push({ startLine: run.start - 1, endLine: run.end - 1, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of ast.comments) {
    const ownLine = lines.lineText(c.span.line - 1).trim().startsWith(c.text.trim().slice(0, 2));
    if (!ownLine) {
      flush();
      continue;
    }
    if (run && c.span.line === run.end + 1) run.end = c.span.line;
    else {
      flush();
      run = { start: c.span.line, end: c.span.line };
    }
  }
  flush();
  return out.sort((a, b) => a.startLine - b.startLine);
}
