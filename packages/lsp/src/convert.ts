/**
 * Between the language core and LSP: dsl spans (1-based lines and columns, UTF-16 code units,
 * end exclusive) ↔ LSP ranges (0-based), file paths ↔ URIs, severities.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Span } from '@suan/dsl';
import { DiagnosticSeverity, type Position, type Range } from 'vscode-languageserver';

export function spanToRange(s: Span): Range {
  return {
    start: { line: Math.max(0, s.line - 1), character: Math.max(0, s.col - 1) },
    end: { line: Math.max(0, s.endLine - 1), character: Math.max(0, s.endCol - 1) },
  };
}

/** The start of a span as an LSP position. */
export function spanStart(s: Span): Position {
  return { line: Math.max(0, s.line - 1), character: Math.max(0, s.col - 1) };
}

/** A file path for a `file:` URI; undefined for other schemes (untitled:, git:, …). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Offsets ↔ positions over a text (UTF-16, LF or CRLF line ends). */
export class LineIndex {
  private readonly starts: number[];
  constructor(private readonly text: string) {
    this.starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[p.line]!;
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1]! : this.text.length;
    let end = next;
    // Do not step past the line break.
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(start + Math.max(0, p.character), end);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    const start = this.starts[line]!;
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

export function toLspSeverity(s: 'error' | 'warning' | 'info' | 'hint'): DiagnosticSeverity {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'info': return DiagnosticSeverity.Information;
    default: return DiagnosticSeverity.Hint;
  }
}

/** Whether a position lies inside a range (end inclusive, for a cursor after the last character). */
export function rangeContains(r: Range, p: Position): boolean {
  const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(p, r.start) && after(r.end, p);
}
