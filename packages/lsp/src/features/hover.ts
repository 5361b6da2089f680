/**
 * Hover: what a name is (kind, type, unit, the declaration's doc; a function's usage), and with
 * bound data its current value (a fact, a table's rows, a cell) or a rule's results.
 */
import * as path from 'node:path';
import { BUILTINS, typeName, typeText, type AST, type Lang, type ScorecardSymbol, type SymbolRef } from '@suan/dsl';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { spanToRange } from '../convert';
import { pick, t } from '../i18n';
import type { SuanServices } from '../services';
import type { Analysis } from '../workspace';
import { cellReference, cellText, dataViews, factText, own, rowIndex, withPlaces } from './data-values';
import { findingText } from './inline-results';

/** Short explanations of the keywords people ask about. */
const KEYWORD_DOCS: Record<string, { zh: string; en: string }> = {
  '≈': { zh: '按书写精度比较：两边的取值区间相交即一致（尾数误差以内），`within t` 允许差距 t。', en: 'Rounding-aware equality: consistent when the intervals the written numbers stand for overlap; `within t` allows a gap up to t.' },
  within: { zh: '本次比较的容差：差额（≈ 时为区间距离）不超过它即通过。', en: 'Tolerance of this comparison: passes when the difference (for ≈ the interval distance) is at most this.' },
  tolerance: { zh: '规则中所有未写 within 的 = 和 ≈ 比较的容差；可被继承的规则集覆盖。', en: 'Tolerance of every = and ≈ in the rule that has no `within`; an extending ruleset may override it.' },
  rollup: { zh: '逐级汇总：上级行等于其下级行之和（按表的层级编码），每个不平衡的上级行×列是一条结果。', en: 'Roll-up: every parent row equals the sum of its children (by the table\'s hierarchy code); each unbalanced parent × column is one finding.' },
  precision: { zh: '声明的精度：书写位数更少的数按此精度理解。', en: 'Declared precision: numbers written with fewer decimals are read at this precision.' },
  '??': { zh: '左边为空白或缺失时取右边。', en: 'The left side, or the right one when the left is blank or missing.' },
  blank: { zh: '空白（不等于 0）。', en: 'Blank (not the same as 0).' },
  for: { zh: '逐行检查：每一行是一次绑定。', en: 'Checks every row: one binding per row.' },
  when: { zh: '条件不成立时本绑定不适用。', en: 'The binding is not applicable when this does not hold.' },
  assert: { zh: '必须成立的条件。', en: 'What must hold.' },
};

export function hover(services: SuanServices, uri: string, position: Position): Hover | null {
  const ws = services.workspace;
  const doc = ws.documentByUri(uri);
  if (!doc || !doc.path.endsWith('.suan')) return null;
  const a = ws.analysisFor(doc.path);
  const lines = ws.lines(doc.path);
  if (!a || !lines) return null;
  const lang = services.lang();
  const offset = lines.offsetAt(position);
  const occ = a.index.at(doc.path, offset);
  if (occ) {
    const md = describe(services, a, occ.symbol, occ.name, lang);
    if (md) return { contents: { kind: MarkupKind.Markdown, value: md }, range: spanToRange(occ.name.span) };
  }
  // A scorecard's id: what it scores, and its results.
  const sc = (a.program.scorecards ?? []).find((x) => x.nameSpan.file === doc.path && x.nameSpan.start <= offset && offset <= x.nameSpan.end);
  if (sc) return { contents: { kind: MarkupKind.Markdown, value: scorecardHover(services, a, sc, lang) }, range: spanToRange(sc.nameSpan) };
  // A row key in `表["合计"]`: the row in the data.
  const e = a.index.exprAt(doc.path, offset);
  if (e && e.kind === 'String') {
    const md = rowKeyHover(services, a, e, lang);
    if (md) return { contents: { kind: MarkupKind.Markdown, value: md }, range: spanToRange(e.span) };
  }
  // A keyword or operator with a short explanation.
  const token = a.program.sources.files.find((f) => f.path === doc.path)?.parsed.tokens.find((tk) => tk.startOffset <= offset && offset <= (tk.endOffset ?? tk.startOffset) + 1);
  const kd = token ? own(KEYWORD_DOCS, token.tokenType.name === 'Approx' ? '≈' : token.image) : undefined;
  if (token && kd) return { contents: { kind: MarkupKind.Markdown, value: `\`${token.image}\` — ${pick(lang, kd)}` }, range: lines.rangeOf(token.startOffset, (token.endOffset ?? token.startOffset) + 1) };
  return null;
}

function code(s: string): string {
  return `\`${s.replace(/`/g, 'ˋ')}\``;
}

function docText(text: AST.Text | undefined, lang: Lang): string | undefined {
  if (!text) return undefined;
  const v = lang === 'en' ? text.variants.find((x) => x.lang === 'en') ?? text.variants[0] : text.variants.find((x) => x.lang !== 'en') ?? text.variants[0];
  return v?.value;
}

function describe(services: SuanServices, a: Analysis, s: SymbolRef, name: AST.Name, lang: Lang): string | undefined {
  const views = dataViews(services, a.entry);
  const lines: string[] = [];
  const where = (span: AST.Span) => `${path.basename(span.file)}:${span.line}`;
  switch (s.kind) {
    case 'table': {
      const d = s.decl;
      lines.push(`**${t(lang, 'hoverTable')}** ${code(s.name)}${docText(d.title, lang) ? ` — ${docText(d.title, lang)}` : ''}`);
      const facts = [t(lang, 'hoverColumns', { n: s.columns.size })];
      if (s.key) facts.push(`${t(lang, 'hoverKey')} ${code(s.key.name)}${s.hierarchy ? ` (${s.hierarchy.name})` : ''}`);
      if (s.unit) facts.push(`${t(lang, 'hoverUnit')} ${s.unit}`);
      lines.push(facts.join(' · '));
      const dd = docText(d.doc, lang);
      if (dd) lines.push('', dd);
      if (views.length) {
        lines.push('');
        for (const v of views) {
          const tb = own(v.snapshot.tables, s.name);
          lines.push(`- ${v.name}: ${tb ? `${t(lang, 'hoverRows', { n: tb.rowCount })}${tb.unit ? ` · ${tb.unit}` : ''}` : t(lang, 'hoverMissingTable')}`);
        }
      }
      break;
    }
    case 'column': {
      lines.push(`**${t(lang, 'hoverColumn')}** ${code(`${s.table.name}.${s.name}`)}: ${code(typeText(s.decl.type))}${s.isKey ? ` · ${t(lang, 'hoverKey')}` : ''}`);
      lines.push(`${t(lang, 'hoverType')}: ${typeName(s.type, lang)}${s.precision ? ` · precision ${s.precision.step}` : ''}`);
      // A cell reference (`表["合计"].列`): its value in the data.
      const cell = findCellAt(a, name);
      if (cell && views.length) {
        lines.push('');
        for (const v of views) lines.push(`- ${v.name}: ${cellText(v.snapshot, cell.table, cell.key, cell.column, lang) ?? t(lang, 'hoverNotStated')}`);
      }
      break;
    }
    case 'fact': {
      lines.push(`**${t(lang, 'hoverFact')}** ${code(s.name)}: ${code(typeText(s.decl.type))}`);
      lines.push(`${t(lang, 'hoverType')}: ${typeName(s.type, lang)}${s.precision ? ` · precision ${s.precision.step}` : ''}`);
      const dd = docText(s.decl.doc, lang);
      if (dd) lines.push('', dd);
      if (views.length) {
        lines.push('');
        for (const v of views) lines.push(`- ${t(lang, 'hoverValueIn', { file: v.name })}: ${factText(v.snapshot, s.name) ?? t(lang, 'hoverNotStated')}`);
      }
      break;
    }
    case 'factgroup': {
      lines.push(`**${t(lang, 'hoverFactGroup')}** ${code(s.name)}`);
      const members = [...a.program.facts.keys()].filter((f) => f.startsWith(`${s.name}.`));
      for (const m of members.slice(0, 20)) lines.push(`- ${code(m)}${views[0] ? ` = ${factText(views[0].snapshot, m) ?? '—'}` : ''}`);
      break;
    }
    case 'hierarchy':
      lines.push(`**${t(lang, 'hoverHierarchy')}** ${code(s.name)}: ${s.levels.map((l) => `${l.name} ${l.length}`).join(' · ')}`);
      if (docText(s.decl.doc, lang)) lines.push('', docText(s.decl.doc, lang)!);
      break;
    case 'level':
      lines.push(`**${t(lang, 'hoverLevel')}** ${code(`${s.hierarchy.name}.${s.name}`)} — ${t(lang, 'hoverCodeLength', { n: s.length })}`);
      break;
    case 'const': {
      const text = services.workspace.text(s.nameSpan.file);
      const src = text?.slice(s.decl.span.start, s.decl.span.end);
      lines.push(`**${t(lang, 'hoverConst')}** ${code(s.name)}: ${typeName(s.type, lang)}`);
      if (src) lines.push('', '```suan', src, '```');
      break;
    }
    case 'local':
      lines.push(`**${t(lang, `hoverLocal_${s.role}`)}** ${code(s.name)}: ${typeName(s.type, lang)}`);
      break;
    case 'function': {
      const b = Object.prototype.hasOwnProperty.call(BUILTINS, s.name) ? BUILTINS[s.name] : undefined;
      if (!b) return undefined;
      lines.push(`**${t(lang, 'hoverFunction')}** ${code(b.usage)}`, '', lang === 'en' ? b.en : b.zh);
      if (b.params.length) lines.push('', ...b.params.map((p) => `- ${code(p.name)}: ${lang === 'en' ? p.en : p.zh}`));
      break;
    }
    case 'rule': {
      const title = docText(s.decl.title, lang);
      lines.push(`**${t(lang, 'hoverRule')}** ${code(s.id)}${title ? ` — ${title}` : ''}`);
      const facts = [`${t(lang, 'hoverSeverity')} ${s.severity}`];
      if (s.disabled) facts.push(t(lang, 'hoverDisabled'));
      if (s.overrides.length) facts.push(t(lang, 'hoverOverridden'));
      if (s.layer > 0) facts.push(t(lang, 'hoverDeclaredIn', { where: where(s.nameSpan) }));
      lines.push(facts.join(' · '));
      const dd = docText(s.decl.doc, lang);
      if (dd) lines.push('', dd);
      const outcome = services.workspace.results.get(a.entry);
      for (const f of outcome?.files ?? []) {
        const rr = f.result?.rules.find((x) => x.id === s.id);
        if (!rr) continue;
        const c = rr.counts;
        lines.push('', `**${path.basename(f.path)}** — ${t(lang, 'lensFailing', { n: c.fail })} · ${t(lang, 'lensPassed', { n: c.pass })}${c.coarse ? ` · ${t(lang, 'lensCoarse', { n: c.coarse })}` : ''}${c.na ? ` · ${t(lang, 'lensNa', { n: c.na })}` : ''}${c.error ? ` · ${t(lang, 'lensErrors', { n: c.error })}` : ''}`);
        for (const fd of rr.findings.filter((x) => x.outcome !== 'na').slice(0, 3)) lines.push(`- ${findingText(fd, lang).replace(/\n/g, '  \n  ')}`);
        if (rr.error) lines.push(`- ${pick(lang, rr.error.message)}`);
      }
      break;
    }
  }
  return lines.join('\n');
}

function scorecardHover(services: SuanServices, a: Analysis, sc: ScorecardSymbol, lang: Lang): string {
  const title = docText(sc.decl.title, lang);
  const lines = [`**${t(lang, 'hoverScorecard')}** ${code(sc.id)}${title ? ` — ${title}` : ''}`];
  const facts = [`${t(lang, 'hoverSeverity')} ${sc.severity}`];
  if (sc.table) facts.push(`${t(lang, 'hoverTable')} ${code(sc.table.name)}`);
  if (sc.disabled) facts.push(t(lang, 'hoverDisabled'));
  lines.push(facts.join(' · '));
  const dd = docText(sc.decl.doc, lang);
  if (dd) lines.push('', dd);
  for (const f of services.workspace.results.get(a.entry)?.files ?? []) {
    const r = f.result?.scorecards?.find((x) => x.id === sc.id);
    if (!r) continue;
    lines.push('', `**${path.basename(f.path)}** — ${t(lang, 'lensDisputed', { n: r.counts.fail })} · ${t(lang, 'lensAgree', { n: r.counts.pass })}`);
    if (r.total.computed !== undefined) lines.push(`- ${t(lang, 'lensTotal', { computed: withPlaces(r.total.computed, r.round.places)!, reported: r.total.reported?.written ?? r.total.reportedSum ?? '—' })}`);
    if (r.grade) lines.push(`- ${t(lang, 'lensGrade', { computed: r.grade.computed.join('/'), reported: r.grade.reported ?? '—' })}`);
    for (const ind of r.indicators.filter((x) => x.outcome === 'fail').slice(0, 5)) {
      lines.push(`- ${ind.name}: ${withPlaces(ind.computed, r.round.places) ?? '?'} ≠ ${ind.reported?.written ?? '—'}`);
    }
  }
  return lines.join('\n');
}

/** The cell reference whose column name is `name` (`表["合计"].列`). */
function findCellAt(a: Analysis, name: AST.Name): { table: string; key: string; column: string } | undefined {
  for (const e of a.program.types.keys()) {
    if (e.kind === 'Member' && e.name === name) return cellReference(e);
  }
  return undefined;
}

function rowKeyHover(services: SuanServices, a: Analysis, e: AST.StringLit, lang: Lang): string | undefined {
  for (const x of a.program.types.keys()) {
    if (x.kind !== 'Index' || x.index !== e || x.object.kind !== 'NameRef') continue;
    const table = x.object.name.text;
    const views = dataViews(services, a.entry);
    if (!views.length) return undefined;
    const lines = [`**${t(lang, 'rowKey')}** ${code(`${table}["${e.value}"]`)}`, ''];
    for (const v of views) {
      const tb = own(v.snapshot.tables, table);
      const i = tb ? rowIndex(tb, e.value) : -1;
      if (!tb || i < 0) {
        lines.push(`- ${v.name}: ${t(lang, 'hoverNotStated')}`);
        continue;
      }
      const row = tb.rows[i]!;
      lines.push(`- ${v.name}: ${tb.columns.map((c, j) => `${c} ${row[j] ?? ''}`).slice(0, 8).join(' · ')}`);
    }
    return lines.join('\n');
  }
  return undefined;
}
