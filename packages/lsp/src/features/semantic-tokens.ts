/**
 * Semantic highlighting from the checked program: a name is coloured by what it resolves to
 * (table, column, fact, hierarchy level, rule, function, row variable …), so 本年支出合计 as a
 * column and as an unknown name look different. Names inside message templates
 * (`"{r.科目编码} …"`) are highlighted inside the string.
 */
import type { Occurrence, SymbolRef } from '@suan/dsl';
import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { SuanServices } from '../services';

export const TOKEN_TYPES = ['keyword', 'type', 'property', 'variable', 'parameter', 'function', 'enum', 'enumMember', 'namespace', 'string', 'number', 'comment', 'operator', 'macro', 'struct'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'defaultLibrary'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type Modifier = (typeof TOKEN_MODIFIERS)[number];

const TYPE_KEYWORDS = new Set(['money', 'percent', 'count', 'number', 'text', 'code', 'date', 'bool']);
const OPERATOR_TOKENS = new Set(['Coalesce', 'Approx', 'NotEqual', 'LessEqual', 'GreaterEqual', 'Equal', 'Less', 'Greater', 'Plus', 'Minus', 'Times', 'Divide']);

function classify(s: SymbolRef): [TokenType, Modifier[]] {
  switch (s.kind) {
    case 'table': return ['struct', []];
    case 'column': return ['property', []];
    case 'fact': return ['variable', ['readonly']];
    case 'factgroup': return ['namespace', []];
    case 'hierarchy': return ['enum', []];
    case 'level': return ['enumMember', []];
    case 'const': return ['variable', ['readonly']];
    case 'local': return s.role === 'for' || s.role === 'each' ? ['parameter', []] : s.role === 'special' ? ['variable', ['defaultLibrary']] : ['variable', []];
    case 'function': return ['function', ['defaultLibrary']];
    case 'rule': return ['macro', []];
  }
}

interface Tok {
  start: number;
  length: number;
  type: TokenType;
  mods: Modifier[];
}

export function semanticTokens(services: SuanServices, uri: string): SemanticTokens {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return { data: [] };
  const a = ws.analysisFor(doc.path);
  const lines = ws.lines(doc.path);
  const parsed = a?.program.sources.files.find((f) => f.path === doc.path)?.parsed ?? ws.parsed(doc.path);
  if (!parsed || !lines) return { data: [] };
  const occurrences: readonly Occurrence[] = a ? a.index.inFile(doc.path) : [];
  // Occurrences by start offset (a dotted fact declaration covers several tokens: index them all).
  const byStart = new Map<number, Occurrence>();
  for (const o of occurrences) byStart.set(o.name.span.start, o);
  const toks: Tok[] = [];
  const headerId = parsed.ast.header?.id?.span;
  let oi = 0;
  for (let i = 0; i < parsed.tokens.length; i++) {
    const t = parsed.tokens[i]!;
    if (Number.isNaN(t.startOffset)) continue;
    const start = t.startOffset;
    const length = (t.endOffset ?? start) + 1 - start;
    const name = t.tokenType.name;
    // Advance to occurrences covering this token.
    while (oi < occurrences.length && occurrences[oi]!.name.span.end <= start) oi++;
    const occ = byStart.get(start) ?? (occurrences[oi] && occurrences[oi]!.name.span.start <= start && start < occurrences[oi]!.name.span.end && name !== 'Dot' ? occurrences[oi] : undefined);
    if (name === 'StringLiteral') {
      // Split around names resolved inside the string (message templates).
      let from = start;
      for (let k = oi; k < occurrences.length; k++) {
        const o = occurrences[k]!;
        if (o.name.span.start >= start + length) break;
        if (o.name.span.start < from) continue;
        if (o.name.span.start > from) toks.push({ start: from, length: o.name.span.start - from, type: 'string', mods: [] });
        const [type, mods] = classify(o.symbol);
        toks.push({ start: o.name.span.start, length: o.name.span.end - o.name.span.start, type, mods });
        from = o.name.span.end;
      }
      if (from < start + length) toks.push({ start: from, length: start + length - from, type: 'string', mods: [] });
      continue;
    }
    if (occ && (name === 'Identifier' || name === 'QuotedIdentifier' || name.startsWith('Kw_'))) {
      const [type, mods] = classify(occ.symbol);
      toks.push({ start, length, type, mods: occ.isDeclaration ? [...mods, 'declaration'] : mods });
      continue;
    }
    if (headerId && start >= headerId.start && start < headerId.end && name !== 'Dot') {
      toks.push({ start, length, type: 'namespace', mods: ['declaration'] });
      continue;
    }
    if (name.startsWith('Kw_')) {
      const word = name.slice(3);
      const afterDot = parsed.tokens[i - 1]?.tokenType.name === 'Dot';
      if (afterDot) toks.push({ start, length, type: 'property', mods: [] });
      else toks.push({ start, length, type: TYPE_KEYWORDS.has(word) ? 'type' : 'keyword', mods: [] });
    } else if (name === 'MoneyUnit') toks.push({ start, length, type: 'type', mods: [] });
    else if (name === 'NumberLiteral' || name === 'PercentLiteral') toks.push({ start, length, type: 'number', mods: [] });
    else if (OPERATOR_TOKENS.has(name)) toks.push({ start, length, type: 'operator', mods: [] });
    else if (name === 'Identifier' || name === 'QuotedIdentifier') toks.push({ start, length, type: 'variable', mods: [] });
  }
  for (const c of parsed.ast.comments) toks.push({ start: c.span.start, length: c.span.end - c.span.start, type: 'comment', mods: [] });
  // Scorecards: their soft keywords (ordinary names elsewhere) are keywords in their clauses; their ids are like rule ids.
  const soft = new Set<number>();
  for (const item of parsed.ast.items) {
    if (item.kind !== 'Scorecard') continue;
    for (const k of item.keywords) soft.add(k.start);
    if (item.id) soft.add(-1 - item.id.span.start);
  }
  if (soft.size) {
    for (const tk of toks) {
      if (soft.has(tk.start)) {
        tk.type = 'keyword';
        tk.mods = [];
      } else if (soft.has(-1 - tk.start)) {
        tk.type = 'macro';
        tk.mods = ['declaration'];
      }
    }
  }
  toks.sort((x, y) => x.start - y.start);

  // Encode: relative lines and characters, UTF-16 lengths; tokens never span lines.
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const tk of toks) {
    if (tk.length <= 0 || tk.start < lastEnd) continue;
    const pos = lines.positionAt(tk.start);
    const endPos = lines.positionAt(tk.start + tk.length);
    const length = endPos.line === pos.line ? tk.length : lines.lineText(pos.line).length - pos.character;
    if (length <= 0) continue;
    const dl = pos.line - prevLine;
    const dc = dl === 0 ? pos.character - prevChar : pos.character;
    let mods = 0;
    for (const m of tk.mods) mods |= 1 << TOKEN_MODIFIERS.indexOf(m);
    data.push(dl, dc, length, TOKEN_TYPES.indexOf(tk.type), mods);
    prevLine = pos.line;
    prevChar = pos.character;
    lastEnd = tk.start + tk.length;
  }
  return { data };
}
