/**
 * The outline of a ruleset file: its header, declarations and rules as a tree, with the span of
 * each and of its name. Editor outlines, `suan explain` and workspace symbol search use it.
 * Works on the syntax tree alone, so a file with errors still has an outline.
 */
import type * as A from '../syntax/ast';

export type OutlineKind =
  | 'ruleset' | 'import' | 'extends' | 'override' | 'hierarchy' | 'level' | 'table' | 'column' | 'fact' | 'const'
  | 'precision' | 'rule' | 'scorecard' | 'indicator';

export interface OutlineNode {
  kind: OutlineKind;
  /** What the node is called: a table's name, a rule's id, an import's path. */
  name: string;
  /** A short description: a rule's title, a column's type, a fact's type and unit. */
  detail?: { zh: string; en: string };
  /** The whole construct. */
  span: A.Span;
  /** The name (what an editor selects and reveals). */
  selectionSpan: A.Span;
  children: OutlineNode[];
}

/** The outline of one file, in source order. */
export function outline(file: A.SourceFile): OutlineNode[] {
  const out: OutlineNode[] = [];
  const h = file.header;
  if (h) {
    const title = h.fields.find((f) => f.key === 'title');
    const version = h.fields.find((f) => f.key === 'version');
    const t = title && title.key === 'title' ? title.text : undefined;
    const v = version && version.key === 'version' ? version.value?.value : undefined;
    out.push(node('ruleset', h.id?.text ?? '(ruleset)', h.span, h.id?.span ?? h.span, detailOf(t, v ? `v${v}` : undefined)));
  }
  for (const item of file.items) {
    const n = itemOutline(item);
    if (n) out.push(n);
  }
  return out;
}

function itemOutline(item: A.Item): OutlineNode | undefined {
  switch (item.kind) {
    case 'Import':
      return node('import', item.path?.value ?? 'import', item.span, item.path?.span ?? item.span);
    case 'Extends': {
      const n = node('extends', item.path?.value ?? 'extends', item.span, item.path?.span ?? item.span);
      for (const o of item.overrides) {
        if (!o.rule) continue;
        const what = o.disable ? { zh: '停用', en: 'disabled' } : {
          zh: [o.severity ? `严重程度 ${o.severity.value}` : '', o.tolerance ? '容差' : ''].filter(Boolean).join('，'),
          en: [o.severity ? `severity ${o.severity.value}` : '', o.tolerance ? 'tolerance' : ''].filter(Boolean).join(', '),
        };
        n.children.push(node('override', o.rule.text, o.span, o.rule.span, what));
      }
      return n;
    }
    case 'Hierarchy': {
      if (!item.name) return undefined;
      const n = node('hierarchy', item.name.text, item.span, item.name.span, {
        zh: item.levels.map((l) => `${l.name.text} ${l.length?.text ?? '?'}`).join(' '),
        en: item.levels.map((l) => `${l.name.text} ${l.length?.text ?? '?'}`).join(' '),
      });
      for (const l of item.levels) n.children.push(node('level', l.name.text, l.span, l.name.span, { zh: `编码长度 ${l.length?.text ?? '?'}`, en: `code length ${l.length?.text ?? '?'}` }));
      return n;
    }
    case 'Table': {
      if (!item.name) return undefined;
      const n = node('table', item.name.text, item.span, item.name.span, detailOf(item.title, item.unit?.value));
      for (const c of item.columns) {
        if (!c.name.text) continue;
        const t = typeText(c.type);
        n.children.push(node('column', c.name.text, c.span, c.name.span, { zh: `${c.isKey ? '键 ' : ''}${t}`, en: `${c.isKey ? 'key ' : ''}${t}` }));
      }
      return n;
    }
    case 'Fact':
      return node('fact', item.name.text, item.span, item.name.span, { zh: typeText(item.type), en: typeText(item.type) });
    case 'ConstLet':
      return item.name ? node('const', item.name.text, item.span, item.name.span) : undefined;
    case 'DocPrecision': {
      const amount = item.amount ? (item.amount.kind === 'Percent' ? `${item.amount.text}%` : item.amount.kind === 'Money' ? `${item.amount.text} ${item.amount.unit}` : item.amount.text) : '?';
      return node('precision', `precision ${item.target === 'tables' ? 'table' : 'facts'}`, item.span, item.span, { zh: amount, en: amount });
    }
    case 'Rule': {
      if (!item.id) return undefined;
      const sev = item.severity?.value;
      return node('rule', item.id.text, item.span, item.id.span, detailOf(item.title, sev && sev !== 'error' ? sev : undefined));
    }
    case 'Scorecard': {
      if (!item.id) return undefined;
      const n = node('scorecard', item.id.text, item.span, item.id.span, detailOf(item.title, item.table ? item.table.text : undefined));
      for (const sc of item.scores) {
        const name = sc.isElse ? 'else' : sc.indicator?.text;
        if (name) n.children.push(node('indicator', name, sc.span, sc.indicator?.span ?? sc.span));
      }
      for (const x of item.extras) if (x.name) n.children.push(node('indicator', x.name.text, x.span, x.name.span, { zh: 'extra', en: 'extra' }));
      return n;
    }
    default:
      return undefined;
  }
}

function node(kind: OutlineKind, name: string, span: A.Span, selectionSpan: A.Span, detail?: { zh: string; en: string }): OutlineNode {
  return { kind, name, span, selectionSpan, detail: detail && (detail.zh || detail.en) ? detail : undefined, children: [] };
}

/** A text's zh and en variants, plus an optional suffix. */
function detailOf(text: A.Text | undefined, suffix?: string): { zh: string; en: string } | undefined {
  const zh = text?.variants.find((v) => v.lang !== 'en')?.value;
  const en = text?.variants.find((v) => v.lang === 'en')?.value ?? zh;
  const add = (s: string | undefined) => [s, suffix].filter(Boolean).join(' · ');
  if (!zh && !en && !suffix) return undefined;
  return { zh: add(zh), en: add(en) };
}

/** A declared type as written: `money 万元`, `code 功能分类`, `percent precision 0.1%`. */
export function typeText(t: A.TypeRef | undefined): string {
  if (!t) return '?';
  const parts: string[] = [t.base];
  if (t.unit) parts.push(t.unit.value);
  if (t.hierarchy) parts.push(t.hierarchy.text);
  if (t.precision) parts.push('precision', t.precision.kind === 'Percent' ? `${t.precision.text}%` : t.precision.text);
  return parts.join(' ');
}

/** Every node of an outline, depth first. */
export function flattenOutline(nodes: readonly OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  const visit = (n: OutlineNode) => {
    out.push(n);
    n.children.forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}
