/**
 * Rename a table, column, fact, hierarchy, level, constant, rule or rule-local name, in every
 * file of every ruleset that shares its declaration. The new name is written in backticks when
 * it needs them (punctuation, a keyword). Data files are not edited: their table, column and
 * fact names are the disclosure's own.
 */
import { isKeyword, type Occurrence } from '@suan/dsl';
import { ResponseError, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import { t } from '../i18n';
import type { SuanServices } from '../services';
import { allOccurrences, occurrenceAt } from './references';

const BARE_NAME = /^(?:[\p{L}_]|“[^”\s]*”)(?:[\p{L}\p{N}_]|（[^（）\s]*）|“[^”\s]*”)*$/u;

/** How a name is written: bare when it can be, else in backticks; undefined when it cannot be a name. */
export function writeName(name: string): string | undefined {
  if (name.length === 0 || /[`\r\n]/.test(name)) return undefined;
  if (BARE_NAME.test(name) && !isKeyword(name)) return name;
  return `\`${name}\``;
}

/** The part of an occurrence a rename replaces (the last segment of a dotted fact name). */
function editRange(services: SuanServices, o: Occurrence): Range {
  const span = o.name.span;
  if (o.symbol.kind === 'fact' && o.name.text.includes('.')) {
    const text = services.workspace.text(span.file) ?? '';
    const src = text.slice(span.start, span.end);
    const dot = src.lastIndexOf('.');
    if (dot >= 0) {
      const lines = services.workspace.lines(span.file)!;
      return lines.rangeOf(span.start + dot + 1, span.end);
    }
  }
  return spanToRange(span);
}

function currentName(o: Occurrence): string {
  const s = o.symbol;
  if (s.kind === 'rule') return s.id;
  if (s.kind === 'fact') return s.name.split('.').pop()!;
  return s.name;
}

function renameable(o: Occurrence): boolean {
  const s = o.symbol;
  if (s.kind === 'function' || s.kind === 'factgroup') return false;
  if (s.kind === 'local' && s.role === 'special') return false;
  return true;
}

export function prepareRename(services: SuanServices, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const found = occurrenceAt(services, uri, position);
  if (!found || !renameable(found.occ)) return null;
  return { range: editRange(services, found.occ), placeholder: currentName(found.occ) };
}

export function rename(services: SuanServices, uri: string, position: Position, newName: string): WorkspaceEdit | ResponseError<void> {
  const lang = services.lang();
  const found = occurrenceAt(services, uri, position);
  if (!found || !renameable(found.occ)) return new ResponseError(-32602, t(lang, 'renameNotHere'));
  const { a, occ } = found;
  const wanted = newName.trim().replace(/^`(.*)`$/, '$1');
  const written = writeName(wanted);
  if (!written || (occ.symbol.kind === 'fact' && wanted.includes('.'))) return new ResponseError(-32602, t(lang, 'renameInvalid', { name: newName }));
  const s = occ.symbol;
  const p = a.program;
  const taken =
    s.kind === 'column' ? s.table.columns.has(wanted) :
    s.kind === 'level' ? s.hierarchy.levels.some((l) => l.name === wanted) :
    s.kind === 'rule' ? p.rules.some((r) => r.id === wanted) :
    s.kind === 'fact' ? p.facts.has(s.name.includes('.') ? `${s.name.slice(0, s.name.lastIndexOf('.'))}.${wanted}` : wanted) :
    s.kind === 'local' ? false :
    p.tables.has(wanted) || p.facts.has(wanted) || p.consts.has(wanted) || p.hierarchies.has(wanted);
  if (taken && wanted !== currentName(occ)) return new ResponseError(-32602, t(lang, 'renameTaken', { name: wanted }));
  const changes: Record<string, TextEdit[]> = {};
  for (const o of allOccurrences(services, a, s)) {
    const u = services.workspace.uriFor(o.name.span.file);
    (changes[u] ??= []).push({ range: editRange(services, o), newText: written });
  }
  return { changes };
}
