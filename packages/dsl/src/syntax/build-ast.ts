/**
 * CST → AST. Tolerates every shape error recovery can leave behind: a missing child becomes
 * `undefined` (or an `ErrorExpr` where an expression is required), tokens inserted by recovery
 * get the span of the place they were expected.
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';

type Children = Record<string, CstElement[] | undefined>;

export class AstBuilder {
  /** Problems found while building (keywords used as names). */
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly fileName: string,
    private readonly source: string,
    private readonly lineStarts: number[],
  ) {}

  // ── spans ──────────────────────────────────────────────────────────────────────────────

  /** Span from offsets, computing line/column from the line table (robust for recovered tokens). */
  spanOf(start: number, end: number): A.Span {
    const s = this.position(start);
    const e = this.position(end);
    return { file: this.fileName, start, end, line: s.line, col: s.col, endLine: e.line, endCol: e.col };
  }

  private position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  tokenSpan(t: IToken): A.Span {
    if (Number.isNaN(t.startOffset)) return this.spanOf(this.source.length, this.source.length);
    return this.spanOf(t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  nodeSpan(n: CstNode): A.Span {
    const loc = n.location;
    if (!loc || Number.isNaN(loc.startOffset)) return this.spanOf(this.source.length, this.source.length);
    const end = loc.endOffset === undefined || Number.isNaN(loc.endOffset) ? loc.startOffset : loc.endOffset + 1;
    return this.spanOf(loc.startOffset, Math.max(end, loc.startOffset));
  }

  private join(a: A.Span, b: A.Span): A.Span {
    return this.spanOf(Math.min(a.start, b.start), Math.max(a.end, b.end));
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────

  private tok(c: Children, key: string, i = 0): IToken | undefined {
    const t = c[key]?.[i] as IToken | undefined;
    return t && !t.isInsertedInRecovery ? t : undefined;
  }

  private node(c: Children, key: string, i = 0): CstNode | undefined {
    return c[key]?.[i] as CstNode | undefined;
  }

  private nodes(c: Children, key: string): CstNode[] {
    return (c[key] ?? []) as CstNode[];
  }

  private has(c: Children, key: string): boolean {
    return (c[key]?.length ?? 0) > 0;
  }

  // ── file level ─────────────────────────────────────────────────────────────────────────

  file(cst: CstNode, comments: IToken[]): A.SourceFile {
    const c = cst.children;
    const headerNode = this.node(c, 'header');
    const items: A.Item[] = [];
    for (const it of this.nodes(c, 'item')) items.push(...this.item(it));
    return {
      kind: 'File',
      file: this.fileName,
      header: headerNode ? this.header(headerNode) : undefined,
      items,
      comments: comments.map((t) => ({ text: t.image, span: this.tokenSpan(t) })),
      span: this.spanOf(0, this.source.length),
    };
  }

  name(n: CstNode | undefined): A.Name | undefined {
    if (!n) return undefined;
    const t = this.tok(n.children, 'Identifier') ?? this.tok(n.children, 'QuotedIdentifier') ?? this.tok(n.children, 'AnyKeyword');
    if (!t) return undefined;
    const text = t.tokenType.name === 'QuotedIdentifier' ? t.image.slice(1, -1) : t.image;
    return { kind: 'Name', text, span: this.tokenSpan(t) };
  }

  /** A declared name; a keyword there is reported (it has to be written in backticks to be referred to). */
  declName(n: CstNode | undefined): A.Name | undefined {
    const name = this.name(n);
    const t = n ? this.tok(n.children, 'AnyKeyword') : undefined;
    if (name && t) this.diagnostics.push(diagnostic('SUAN1009', name.span, { name: name.text }));
    return name;
  }

  dottedName(n: CstNode | undefined): A.Name | undefined {
    if (!n) return undefined;
    const parts = this.nodes(n.children, 'memberName').map((p) => this.name(p)).filter((p): p is A.Name => !!p);
    if (parts.length === 0) return undefined;
    return { kind: 'Name', text: parts.map((p) => p.text).join('.'), span: this.join(parts[0]!.span, parts[parts.length - 1]!.span) };
  }

  text(n: CstNode | undefined): A.Text | undefined {
    if (!n) return undefined;
    const strings = (n.children['StringLiteral'] ?? []) as IToken[];
    const tags = [...((n.children['Kw_en'] ?? []) as IToken[]), ...((n.children['Kw_zh'] ?? []) as IToken[])].sort(
      (a, b) => a.startOffset - b.startOffset,
    );
    const variants: A.Text['variants'] = [];
    strings.forEach((s, i) => {
      if (s.isInsertedInRecovery) return;
      const tag = i === 0 ? undefined : tags[i - 1];
      const lang = tag ? (tag.image === 'en' ? 'en' : 'zh') : 'default';
      variants.push({ lang, value: unescapeString(s.image), raw: s.image.length > 1 && s.image.endsWith('"') ? s.image.slice(1, -1) : s.image.slice(1), span: this.tokenSpan(s) });
    });
    if (variants.length === 0) return undefined;
    return { kind: 'Text', variants, span: this.nodeSpan(n) };
  }

  stringLit(t: IToken | undefined): A.StringLit | undefined {
    if (!t) return undefined;
    return { kind: 'String', value: unescapeString(t.image), span: this.tokenSpan(t) };
  }

  numberLit(t: IToken | undefined): A.NumberLit | undefined {
    if (!t) return undefined;
    return { kind: 'Number', text: t.image.replace(/_/g, ''), span: this.tokenSpan(t) };
  }

  percentLit(t: IToken | undefined): A.PercentLit | undefined {
    if (!t) return undefined;
    return { kind: 'Percent', text: t.image.slice(0, -1).replace(/_/g, ''), span: this.tokenSpan(t) };
  }

  header(n: CstNode): A.RulesetHeader {
    const c = n.children;
    const idTok = this.tok(c, 'StringLiteral');
    const id = this.dottedName(this.node(c, 'dottedName')) ??
      (idTok ? { kind: 'Name' as const, text: unescapeString(idTok.image), span: this.tokenSpan(idTok) } : undefined);
    const fields: A.HeaderField[] = [];
    for (const f of this.nodes(c, 'headerField')) {
      const fc = f.children;
      const span = this.nodeSpan(f);
      if (this.has(fc, 'Kw_title')) fields.push({ kind: 'HeaderField', key: 'title', text: this.text(this.node(fc, 'text')), span });
      else if (this.has(fc, 'Kw_issuer')) fields.push({ kind: 'HeaderField', key: 'issuer', text: this.text(this.node(fc, 'text')), span });
      else if (this.has(fc, 'Kw_description')) fields.push({ kind: 'HeaderField', key: 'description', text: this.text(this.node(fc, 'text')), span });
      else if (this.has(fc, 'Kw_version')) fields.push({ kind: 'HeaderField', key: 'version', value: this.stringLit(this.tok(fc, 'StringLiteral')), span });
      else if (this.has(fc, 'Kw_licence')) fields.push({ kind: 'HeaderField', key: 'licence', value: this.stringLit(this.tok(fc, 'StringLiteral')), span });
      else if (this.has(fc, 'Kw_kind')) {
        fields.push({ kind: 'HeaderField', key: 'kind', names: this.nodes(fc, 'name').map((x) => this.name(x)).filter((x): x is A.Name => !!x), span });
      } else if (this.has(fc, 'Kw_years')) {
        fields.push({ kind: 'HeaderField', key: 'years', from: this.numberLit(this.tok(fc, 'NumberLiteral', 0)), to: this.numberLit(this.tok(fc, 'NumberLiteral', 1)), span });
      }
    }
    return { kind: 'RulesetHeader', id, fields, span: this.nodeSpan(n) };
  }

  item(n: CstNode): A.Item[] {
    const c = n.children;
    const key = Object.keys(c).find((k) => (c[k]?.length ?? 0) > 0);
    const child = key ? this.node(c, key) : undefined;
    if (!child) return [];
    switch (child.name) {
      case 'importDecl':
        return [{ kind: 'Import', path: this.stringLit(this.tok(child.children, 'StringLiteral')), span: this.nodeSpan(child) }];
      case 'extendsDecl':
        return [{
          kind: 'Extends',
          path: this.stringLit(this.tok(child.children, 'StringLiteral')),
          overrides: this.nodes(child.children, 'override').map((o) => this.override(o)),
          span: this.nodeSpan(child),
        }];
      case 'hierarchyDecl': return [this.hierarchy(child)];
      case 'tableDecl': return [this.table(child)];
      case 'factDecl': return [this.fact(this.node(child.children, 'factBody'), undefined, child)].filter((f): f is A.Fact => !!f);
      case 'factsDecl': {
        const group = this.dottedName(this.node(child.children, 'dottedName'));
        return this.nodes(child.children, 'factBody').map((b) => this.fact(b, group, b)).filter((f): f is A.Fact => !!f);
      }
      case 'ruleDecl': return [this.rule(child)];
      case 'constLet':
        return [{ kind: 'ConstLet', name: this.declName(this.node(child.children, 'declName')), value: this.exprOpt(this.node(child.children, 'expression')), span: this.nodeSpan(child) }];
      case 'precisionDecl': return [this.precision(child)];
      case 'scorecardDecl': return [this.scorecard(child)];
      default: return [];
    }
  }

  override(n: CstNode): A.Override {
    const c = n.children;
    const sev = this.node(c, 'severityValue');
    return {
      kind: 'Override',
      rule: this.name(this.node(c, 'name')),
      disable: this.has(c, 'Kw_disable'),
      severity: sev ? this.severity(sev) : undefined,
      tolerance: this.exprOpt(this.node(c, 'expression')),
      span: this.nodeSpan(n),
    };
  }

  severity(n: CstNode): A.SeverityRef | undefined {
    const t = this.tok(n.children, 'Kw_error') ?? this.tok(n.children, 'Kw_warning') ?? this.tok(n.children, 'Kw_info');
    return t ? { value: t.image as A.Severity, span: this.tokenSpan(t) } : undefined;
  }

  hierarchy(n: CstNode): A.Hierarchy {
    const c = n.children;
    const levels: A.Hierarchy['levels'] = [];
    for (const l of this.nodes(c, 'levelDecl')) {
      const name = this.declName(this.node(l.children, 'declName'));
      if (name) levels.push({ name, length: this.numberLit(this.tok(l.children, 'NumberLiteral')), span: this.nodeSpan(l) });
    }
    return { kind: 'Hierarchy', name: this.declName(this.node(c, 'declName')), levels, doc: this.text(this.node(c, 'text')), span: this.nodeSpan(n) };
  }

  table(n: CstNode): A.Table {
    const c = n.children;
    const unitTok = this.tok(c, 'MoneyUnit');
    // `key X: …` and plain columns are both labelled `columnDecl`: a column is the key when a `key` token precedes it directly.
    const cols = this.nodes(c, 'columnDecl').map((x) => this.column(x));
    for (const keyTok of (c['Kw_key'] ?? []) as IToken[]) {
      const col = firstAfter(cols, keyTok.startOffset, (x) => x.span.start);
      if (col) col.isKey = true;
    }
    const texts = this.nodes(c, 'text');
    const titleTok = this.tok(c, 'Kw_title');
    const docTok = this.tok(c, 'Kw_doc');
    const textAfter = (t: IToken | undefined) => (t ? this.text(firstAfter(texts, t.startOffset, startOf)) : undefined);
    return {
      kind: 'Table',
      name: this.declName(this.node(c, 'declName')),
      title: textAfter(titleTok),
      doc: textAfter(docTok),
      unit: unitTok ? { value: unitTok.image, span: this.tokenSpan(unitTok) } : undefined,
      columns: cols.sort((a, b) => a.span.start - b.span.start),
      span: this.nodeSpan(n),
    };
  }

  column(n: CstNode): A.ColumnDecl {
    const c = n.children;
    const name = this.name(this.node(c, 'memberName')) ?? { kind: 'Name' as const, text: '', span: this.nodeSpan(n) };
    const t = this.node(c, 'typeRef');
    return { kind: 'Column', name, type: t ? this.typeRef(t) : undefined, isKey: false, span: this.nodeSpan(n) };
  }

  typeRef(n: CstNode): A.TypeRef | undefined {
    const c = n.children;
    const bases: A.BaseType[] = ['money', 'percent', 'count', 'number', 'text', 'code', 'date', 'bool'];
    const base = bases.find((b) => this.has(c, `Kw_${b}`));
    if (!base) return undefined;
    const unitTok = this.tok(c, 'MoneyUnit');
    const precTok = this.tok(c, 'NumberLiteral') ?? this.tok(c, 'PercentLiteral');
    let precision: A.NumberLit | A.PercentLit | undefined;
    if (precTok) precision = precTok.tokenType.name === 'PercentLiteral' ? this.percentLit(precTok) : this.numberLit(precTok);
    return {
      kind: 'TypeRef',
      base,
      unit: unitTok ? { value: unitTok.image, span: this.tokenSpan(unitTok) } : undefined,
      hierarchy: this.name(this.node(c, 'name')),
      precision,
      span: this.nodeSpan(n),
    };
  }

  fact(body: CstNode | undefined, group: A.Name | undefined, whole: CstNode): A.Fact | undefined {
    if (!body) return undefined;
    const c = body.children;
    const own = this.dottedName(this.node(c, 'dottedName'));
    if (!own) return undefined;
    const name = group ? { kind: 'Name' as const, text: `${group.text}.${own.text}`, span: own.span } : own;
    const t = this.node(c, 'typeRef');
    return { kind: 'Fact', name, type: t ? this.typeRef(t) : undefined, doc: this.text(this.node(c, 'text')), span: this.nodeSpan(whole) };
  }

  precision(n: CstNode): A.DocPrecision {
    const c = n.children;
    const num = this.tok(c, 'NumberLiteral');
    const pct = this.tok(c, 'PercentLiteral');
    const unit = this.tok(c, 'MoneyUnit');
    let amount: A.DocPrecision['amount'];
    if (pct) amount = this.percentLit(pct);
    else if (num && unit) amount = { kind: 'Money', text: num.image.replace(/_/g, ''), unit: unit.image, span: this.join(this.tokenSpan(num), this.tokenSpan(unit)) };
    else if (num) amount = this.numberLit(num);
    return { kind: 'DocPrecision', target: this.has(c, 'Kw_table') ? 'tables' : 'facts', amount, span: this.nodeSpan(n) };
  }

  rule(n: CstNode): A.Rule {
    const c = n.children;
    const rule: A.Rule = { kind: 'Rule', id: this.declName(this.node(c, 'declName')), title: this.text(this.node(c, 'text')), steps: [], repeated: [], span: this.nodeSpan(n) };
    const seen = new Set<string>();
    for (const clause of this.nodes(c, 'ruleClause')) {
      const cc = clause.children;
      const kwName = ['severity', 'tolerance', 'doc', 'title', 'when', 'message', 'assert', 'rollup'].find((k) => this.has(cc, `Kw_${k}`) || (k === 'rollup' && this.has(cc, 'rollup')));
      if (kwName) {
        if (seen.has(kwName)) rule.repeated.push({ clause: kwName, span: this.nodeSpan(clause) });
        seen.add(kwName);
      }
      if (this.has(cc, 'Kw_severity')) rule.severity = this.severity(this.node(cc, 'severityValue')!) ?? rule.severity;
      else if (this.has(cc, 'Kw_tolerance')) rule.tolerance = this.exprOpt(this.node(cc, 'expression'));
      else if (this.has(cc, 'Kw_doc')) rule.doc = this.text(this.node(cc, 'text'));
      else if (this.has(cc, 'Kw_title')) rule.title = this.text(this.node(cc, 'text'));
      else if (this.has(cc, 'Kw_when')) rule.when = this.exprOpt(this.node(cc, 'expression'));
      else if (this.has(cc, 'Kw_message')) rule.message = this.text(this.node(cc, 'text'));
      else if (this.has(cc, 'Kw_assert')) rule.assert = this.expr(this.node(cc, 'expression'), clause);
      else if (this.has(cc, 'forStep')) {
        const f = this.node(cc, 'forStep')!;
        const fc = f.children;
        rule.steps.push({
          kind: 'For',
          variable: this.name(this.node(fc, 'name')),
          source: this.exprOpt(this.node(fc, 'expression', 0)),
          filter: this.exprOpt(this.node(fc, 'expression', 1)),
          span: this.nodeSpan(f),
        });
      } else if (this.has(cc, 'letStep')) {
        const l = this.node(cc, 'letStep')!;
        rule.steps.push({ kind: 'Let', name: this.declName(this.node(l.children, 'declName')), value: this.exprOpt(this.node(l.children, 'expression')), span: this.nodeSpan(l) });
      } else if (this.has(cc, 'rollup')) {
        const r = this.node(cc, 'rollup')!;
        const rc = r.children;
        const names = this.nodes(rc, 'name').map((x) => this.name(x)).filter((x): x is A.Name => !!x);
        const byTok = this.tok(rc, 'Kw_by');
        const table = names.find((x) => !byTok || x.span.start < byTok.startOffset);
        const hierarchy = byTok ? names.find((x) => x.span.start > byTok.startOffset) : undefined;
        const columns = this.nodes(rc, 'memberName').map((x) => this.name(x)).filter((x): x is A.Name => !!x);
        rule.rollup = {
          kind: 'Rollup',
          table,
          hierarchy,
          columns,
          total: this.stringLit(this.tok(rc, 'StringLiteral')),
          within: this.exprOpt(this.node(rc, 'expression')),
          span: this.nodeSpan(r),
        };
      }
    }
    return rule;
  }

  // ── scorecards ─────────────────────────────────────────────────────────────────────────

  /** Spans of the soft-keyword tokens (`kw` labels) directly under a node. */
  private keywordSpans(c: Children, out: A.Span[]): void {
    for (const t of (c['kw'] ?? []) as IToken[]) if (!t.isInsertedInRecovery) out.push(this.tokenSpan(t));
  }

  scorecard(n: CstNode): A.Scorecard {
    const c = n.children;
    const sc: A.Scorecard = {
      kind: 'Scorecard', id: this.name(this.node(c, 'name')), title: this.text(this.node(c, 'text')), levels: [], scores: [], extras: [],
      keywords: [], repeated: [], span: this.nodeSpan(n),
    };
    this.keywordSpans(c, sc.keywords);
    const seen = new Set<string>();
    const once = (clause: string, span: A.Span) => {
      if (seen.has(clause)) sc.repeated.push({ clause, span });
      seen.add(clause);
    };
    for (const clause of this.nodes(c, 'scorecardClause')) {
      const cc = clause.children;
      const span = this.nodeSpan(clause);
      this.keywordSpans(cc, sc.keywords);
      const kwTok = this.tok(cc, 'kw');
      const word = kwTok?.image;
      if (this.has(cc, 'Kw_doc')) { once('doc', span); sc.doc = this.text(this.node(cc, 'text')); }
      else if (this.has(cc, 'Kw_title')) { once('title', span); sc.title = this.text(this.node(cc, 'text')); }
      else if (this.has(cc, 'Kw_severity')) { once('severity', span); sc.severity = this.severity(this.node(cc, 'severityValue')!) ?? sc.severity; }
      else if (this.has(cc, 'Kw_tolerance')) { once('tolerance', span); sc.tolerance = this.exprOpt(this.node(cc, 'tolerance')); }
      else if (this.has(cc, 'Kw_table')) { once('table', span); sc.table = this.name(this.node(cc, 'name')); }
      else if (this.has(cc, 'Kw_where')) { once('where', span); sc.where = this.exprOpt(this.node(cc, 'where')); }
      else if (this.has(cc, 'Kw_total')) { once('total', span); sc.total = this.exprOpt(this.node(cc, 'total')); }
      else if (word === 'indicator') { once('indicator', span); sc.indicator = this.name(this.node(cc, 'indicator')); }
      else if (word === 'levels') { once('levels', span); sc.levels = this.nodes(cc, 'levels').map((x) => this.name(x)).filter((x): x is A.Name => !!x); }
      else if (word === 'weight') { once('weight', span); sc.weight = this.name(this.node(cc, 'weight')); }
      else if (word === 'target') { once('target', span); sc.target = this.name(this.node(cc, 'target')); }
      else if (word === 'actual') { once('actual', span); sc.actual = this.name(this.node(cc, 'actual')); }
      else if (this.has(cc, 'reportedClause')) {
        const r = this.node(cc, 'reportedClause')!;
        const rc = r.children;
        this.keywordSpans(rc, sc.keywords);
        if (this.has(rc, 'Kw_total')) { once('reported total', span); sc.reportedTotal = this.exprOpt(this.node(rc, 'total')); }
        else if (this.has(rc, 'grade')) { once('reported grade', span); sc.reportedGrade = this.exprOpt(this.node(rc, 'grade')); }
        else { once('reported', span); sc.reported = this.name(this.node(rc, 'memberName')); }
      } else if (this.has(cc, 'roundSpec')) { once('round', span); sc.round = this.roundSpec(this.node(cc, 'roundSpec')!, sc.keywords); }
      else if (this.has(cc, 'gradeClause')) { once('grade', span); sc.grade = this.gradeClause(this.node(cc, 'gradeClause')!, sc.keywords); }
      else if (this.has(cc, 'scoreEntry')) sc.scores.push(this.scoreEntry(this.node(cc, 'scoreEntry')!, sc.keywords));
      else if (this.has(cc, 'extraEntry')) sc.extras.push(this.extraEntry(this.node(cc, 'extraEntry')!, sc.keywords));
    }
    return sc;
  }

  private roundSpec(n: CstNode, kws: A.Span[]): A.RoundSpec {
    const c = n.children;
    this.keywordSpans(c, kws);
    return { places: this.numberLit(this.tok(c, 'NumberLiteral')), mode: this.stringLit(this.tok(c, 'StringLiteral')), span: this.nodeSpan(n) };
  }

  private labelText(c: Children): { text: string; span: A.Span } | undefined {
    const nm = this.name(this.node(c, 'name'));
    if (nm) return { text: nm.text, span: nm.span };
    const s = this.stringLit(this.tok(c, 'StringLiteral'));
    return s ? { text: s.value, span: s.span } : undefined;
  }

  private gradeClause(n: CstNode, kws: A.Span[]): A.GradeClause {
    this.keywordSpans(n.children, kws);
    const entries = this.nodes(n.children, 'gradeEntry').map((e) => ({
      label: this.labelText(e.children),
      cond: this.bandCondition(this.node(e.children, 'bandCondition'), e),
      span: this.nodeSpan(e),
    }));
    return { entries, span: this.nodeSpan(n) };
  }

  private bandCondition(n: CstNode | undefined, around: CstNode): A.BandCondition {
    if (!n) return { op: 'else', span: this.nodeSpan(around) };
    const c = n.children;
    const a = this.exprOpt(this.node(c, 'a'));
    const b = this.exprOpt(this.node(c, 'b'));
    const span = this.nodeSpan(n);
    if (this.has(c, 'GreaterEqual')) return { op: '>=', a, span };
    if (this.has(c, 'Greater')) return { op: '>', a, span };
    if (this.has(c, 'LessEqual')) return { op: '<=', b, span };
    if (this.has(c, 'Less')) return { op: '<', b, span };
    if (this.has(c, 'Kw_else')) return { op: 'else', span };
    return { op: 'range', a, b, span };
  }

  private bandValue(n: CstNode | undefined): A.BandValue | undefined {
    if (!n) return undefined;
    return { lo: this.exprOpt(this.node(n.children, 'lo')), hi: this.exprOpt(this.node(n.children, 'hi')), span: this.nodeSpan(n) };
  }

  private scoreEntry(n: CstNode, kws: A.Span[]): A.ScoreEntry {
    const c = n.children;
    this.keywordSpans(c, kws);
    const isElse = this.has(c, 'Kw_else');
    const m = this.node(c, 'method');
    return { kind: 'Score', indicator: isElse ? undefined : this.labelText(c), isElse, method: m ? this.method(m, kws) : undefined, span: this.nodeSpan(n) };
  }

  private extraEntry(n: CstNode, kws: A.Span[]): A.ExtraEntry {
    const c = n.children;
    this.keywordSpans(c, kws);
    const m = this.node(c, 'method');
    return {
      kind: 'Extra',
      name: this.labelText(c),
      weight: this.exprOpt(this.node(c, 'weight')),
      reported: this.exprOpt(this.node(c, 'reported')),
      target: this.exprOpt(this.node(c, 'target')),
      actual: this.exprOpt(this.node(c, 'actual')),
      method: m ? this.method(m, kws) : undefined,
      span: this.nodeSpan(n),
    };
  }

  private method(n: CstNode, kws: A.Span[]): A.Method {
    const c = n.children;
    const span = this.nodeSpan(n);
    const r = this.node(c, 'roundSpec');
    const round = r ? this.roundSpec(r, kws) : undefined;
    const sub = (name: string) => this.node(c, name);
    let m: A.Method;
    const full = sub('fullMethod');
    const prop = sub('proportionalMethod');
    const thr = sub('thresholdMethod');
    const exe = sub('executionMethod');
    const ded = sub('deductMethod');
    const bands = sub('bandsMethod');
    const qual = sub('qualitativeMethod');
    const parts = sub('partsMethod');
    const auto = this.tok(c, 'auto');
    for (const x of [full, prop, thr, exe, ded, bands, qual, parts]) if (x) this.keywordSpans(x.children, kws);
    if (full) m = { kind: 'Full', cond: this.exprOpt(this.node(full.children, 'cond')), span };
    else if (prop) m = { kind: 'Proportional', of: this.exprOpt(this.node(prop.children, 'of')), to: this.exprOpt(this.node(prop.children, 'to')), span };
    else if (thr) m = { kind: 'Threshold', of: this.exprOpt(this.node(thr.children, 'of')), span };
    else if (exe) {
      // The ratio is kept once, in `of` (its sides: `executionRatio`): no node in two places.
      m = { kind: 'Execution', of: this.exprOpt(this.node(exe.children, 'of')), span };
    } else if (ded) {
      const dc = ded.children;
      const modeTok = this.tok(dc, 'stepMode');
      const steps = modeTok?.image === 'ceil' ? 'ceil' : modeTok?.image === 'exact' ? 'exact' : 'floor';
      const dir = this.tok(dc, 'below') ? 'below' : this.tok(dc, 'above') ? 'above' : undefined;
      const dirTok = this.tok(dc, 'below') ?? this.tok(dc, 'above');
      if (dirTok) kws.push(this.tokenSpan(dirTok));
      if (modeTok) kws.push(this.tokenSpan(modeTok));
      m = {
        kind: 'Deduct',
        points: this.exprOpt(this.node(dc, 'points')),
        step: this.exprOpt(this.node(dc, 'step')),
        direction: dir,
        threshold: this.exprOpt(this.node(dc, 'threshold')),
        of: this.exprOpt(this.node(dc, 'of')),
        steps,
        stepsSpan: modeTok ? this.tokenSpan(modeTok) : undefined,
        span,
      };
    } else if (bands) {
      const bc = bands.children;
      const conds = this.nodes(bc, 'bandCondition');
      const values = this.nodes(bc, 'bandValue');
      const entries: A.BandEntry[] = conds.map((cond, i) => {
        const v = values[i];
        const end = v ? this.nodeSpan(v).end : this.nodeSpan(cond).end;
        return { cond: this.bandCondition(cond, bands), value: this.bandValue(v), span: this.spanOf(this.nodeSpan(cond).start, end) };
      });
      m = { kind: 'Bands', of: this.exprOpt(this.node(bc, 'of')), entries, span };
    } else if (qual) {
      const qc = qual.children;
      const entries: A.QualitativeEntry[] = this.nodes(qc, 'qualitativeEntry').map((e) => {
        const ec = e.children;
        return { text: this.stringLit(this.tok(ec, 'StringLiteral')), isElse: this.has(ec, 'Kw_else'), value: this.bandValue(this.node(ec, 'bandValue')), span: this.nodeSpan(e) };
      });
      m = { kind: 'Qualitative', of: this.exprOpt(this.node(qc, 'of')), entries, span };
    } else if (parts) {
      const list = this.nodes(parts.children, 'partEntry').map((e) => {
        const pm = this.node(e.children, 'method');
        return { points: this.exprOpt(this.node(e.children, 'points')), method: pm ? this.method(pm, kws) : undefined, span: this.nodeSpan(e) };
      });
      m = { kind: 'Parts', parts: list, span };
    } else if (auto) {
      kws.push(this.tokenSpan(auto));
      m = { kind: 'Auto', span };
    } else m = { kind: 'Custom', expr: this.expr(this.node(c, 'expression'), n), span };
    if (round) m.round = round;
    return m;
  }

  // ── expressions ────────────────────────────────────────────────────────────────────────

  exprOpt(n: CstNode | undefined): A.Expr | undefined {
    return n ? this.expression(n) : undefined;
  }

  /** A required expression: an `ErrorExpr` stands in when it is missing. */
  expr(n: CstNode | undefined, around: CstNode): A.Expr {
    return n ? this.expression(n) : { kind: 'ErrorExpr', span: this.nodeSpan(around) };
  }

  expression(n: CstNode): A.Expr {
    const c = n.children;
    const ifNode = this.node(c, 'ifExpr');
    if (ifNode) {
      const ic = ifNode.children;
      return {
        kind: 'If',
        cond: this.exprOpt(this.node(ic, 'expression', 0)),
        then: this.exprOpt(this.node(ic, 'expression', 1)),
        else: this.exprOpt(this.node(ic, 'expression', 2)),
        span: this.nodeSpan(ifNode),
      };
    }
    const bin = this.node(c, 'binaryExpr');
    return bin ? this.binaryExpr(bin) : { kind: 'ErrorExpr', span: this.nodeSpan(n) };
  }

  /**
   * Applies precedence to the flat `operand (operator operand)*` sequence (a Pratt parser).
   * Loosest to tightest: or, and, not, comparisons (with `within`), + −, × ÷, ??, unary −.
   */
  private binaryExpr(n: CstNode): A.Expr {
    const operands = this.nodes(n.children, 'operand');
    const ops = this.nodes(n.children, 'binaryOperator').map((o) => firstToken(o)).filter((t): t is IToken => !!t);
    let oi = 0;
    let pi = 0;
    const parse = (minBp: number): A.Expr => climb(operand(), minBp);
    const operand = (): A.Expr => {
      const o = operands[oi++];
      if (!o) return { kind: 'ErrorExpr', span: this.spanOf(this.source.length, this.source.length) };
      const prefixes = [...((o.children['Minus'] ?? []) as IToken[]), ...((o.children['Kw_not'] ?? []) as IToken[])].sort((a, b) => a.startOffset - b.startOffset);
      const post = this.node(o.children, 'postfix');
      const apply = (k: number): A.Expr => {
        if (k === prefixes.length) return post ? this.postfix(post) : { kind: 'ErrorExpr', span: this.nodeSpan(o) };
        const t = prefixes[k]!;
        if (t.tokenType.name === 'Minus') {
          const inner = apply(k + 1);
          return { kind: 'Unary', op: '-', operand: inner, span: this.join(this.tokenSpan(t), inner.span) };
        }
        // `not` binds looser than comparisons and arithmetic: `not a = b` is `not (a = b)`.
        const inner = climb(apply(k + 1), BP.not + 1);
        return { kind: 'Unary', op: 'not', operand: inner, span: this.join(this.tokenSpan(t), inner.span) };
      };
      return apply(0);
    };
    const climb = (first: A.Expr, minBp: number): A.Expr => {
      let left = first;
      while (pi < ops.length) {
        const t = ops[pi]!;
        const bp = bindingPower(t);
        if (bp < minBp) break;
        pi++;
        const right = oi < operands.length ? parse(bp + 1) : undefined;
        const span = right ? this.join(left.span, right.span) : this.join(left.span, this.tokenSpan(t));
        if (t.tokenType.name === 'Kw_within') {
          if (left.kind === 'Compare' && !left.within) left = { ...left, within: right, span };
          else left = { kind: 'Compare', op: '=', left, right: undefined, within: right, span };
          continue;
        }
        const cmp = compareOpOf(t.tokenType.name);
        left = cmp ? { kind: 'Compare', op: cmp, left, right, span } : { kind: 'Binary', op: binaryOp(t.image), left, right, span };
      }
      return left;
    };
    return parse(0);
  }

  private postfix(n: CstNode): A.Expr {
    const c = n.children;
    const prim = this.node(c, 'primary');
    let e: A.Expr = prim ? this.primary(prim) : { kind: 'ErrorExpr', span: this.nodeSpan(n) };
    // Postfix operations in source order: `.name`, `[expr]`, `as unit`.
    type Op = { at: number; apply: (x: A.Expr) => A.Expr };
    const ops: Op[] = [];
    const names = this.nodes(c, 'memberName');
    for (const d of (c['Dot'] ?? []) as IToken[]) {
      const name = this.name(firstAfter(names, d.startOffset, startOf));
      ops.push({ at: d.startOffset, apply: (x) => ({ kind: 'Member', object: x, name, span: this.join(x.span, name?.span ?? this.tokenSpan(d)) }) });
    }
    const indexes = this.nodes(c, 'expression');
    const rbs = (c['RBracket'] ?? []) as IToken[];
    for (const lb of (c['LBracket'] ?? []) as IToken[]) {
      const inner = firstAfter(indexes, lb.startOffset, startOf);
      const rb = firstAfter(rbs, lb.startOffset, (t) => t.startOffset);
      ops.push({
        at: lb.startOffset,
        apply: (x) => ({
          kind: 'Index',
          object: x,
          index: inner ? this.expression(inner) : undefined,
          span: this.join(x.span, rb && !rb.isInsertedInRecovery ? this.tokenSpan(rb) : this.tokenSpan(lb)),
        }),
      });
    }
    const ases = (c['Kw_as'] ?? []) as IToken[];
    const units = (c['MoneyUnit'] ?? []) as IToken[];
    for (const a of ases) {
      const u = firstAfter(units.filter((x) => !x.isInsertedInRecovery), a.startOffset, (t) => t.startOffset);
      ops.push({ at: a.startOffset, apply: (x) => ({ kind: 'Convert', operand: x, unit: u?.image, span: this.join(x.span, u ? this.tokenSpan(u) : this.tokenSpan(a)) }) });
    }
    ops.sort((a, b) => a.at - b.at);
    for (const op of ops) e = op.apply(e);
    return e;
  }

  private primary(n: CstNode): A.Expr {
    const c = n.children;
    const span = this.nodeSpan(n);
    const num = this.tok(c, 'NumberLiteral');
    if (num) {
      const unit = this.tok(c, 'MoneyUnit');
      if (unit) return { kind: 'Money', text: num.image.replace(/_/g, ''), unit: unit.image, span };
      return this.numberLit(num)!;
    }
    const pct = this.tok(c, 'PercentLiteral');
    if (pct) return this.percentLit(pct)!;
    const str = this.tok(c, 'StringLiteral');
    if (str) return this.stringLit(str)!;
    if (this.tok(c, 'Kw_true')) return { kind: 'Bool', value: true, span };
    if (this.tok(c, 'Kw_false')) return { kind: 'Bool', value: false, span };
    if (this.tok(c, 'Kw_blank')) return { kind: 'Blank', span };
    const inner = this.node(c, 'expression');
    // A parenthesised expression keeps its parentheses in its span: the span's text is what was written.
    if (this.has(c, 'LParen')) return inner ? { ...this.expression(inner), span } : { kind: 'ErrorExpr', span };
    const call = this.node(c, 'callOrName');
    if (call) return this.callOrName(call);
    return { kind: 'ErrorExpr', span };
  }

  private callOrName(n: CstNode): A.Expr {
    const c = n.children;
    const names = this.nodes(c, 'name');
    const countTok = this.tok(c, 'Kw_count') ?? this.tok(c, 'Kw_key') ?? this.tok(c, 'Kw_tolerance');
    const callee: A.Name | undefined = countTok ? { kind: 'Name', text: countTok.image, span: this.tokenSpan(countTok) } : this.name(names[0]);
    const span = this.nodeSpan(n);
    if (!callee) return { kind: 'ErrorExpr', span };
    if (!this.has(c, 'LParen')) return { kind: 'NameRef', name: callee, span: callee.span };
    const exprs = this.nodes(c, 'expression');
    if (this.has(c, 'Kw_for')) {
      const variable = this.name(countTok ? names[0] : names[1]);
      const inTok = this.tok(c, 'Kw_in');
      const whereTok = this.tok(c, 'Kw_where');
      const element = exprs.find((x) => !inTok || (x.location?.startOffset ?? 0) < inTok.startOffset);
      const source = inTok ? exprs.find((x) => (x.location?.startOffset ?? 0) > inTok.startOffset && (!whereTok || (x.location?.startOffset ?? 0) < whereTok.startOffset)) : undefined;
      const filter = whereTok ? exprs.find((x) => (x.location?.startOffset ?? 0) > whereTok.startOffset) : undefined;
      return {
        kind: 'Aggregate',
        fn: callee,
        element: this.exprOpt(element),
        variable,
        source: this.exprOpt(source),
        filter: this.exprOpt(filter),
        span,
      };
    }
    return { kind: 'Call', callee, args: exprs.map((x) => this.expression(x)), span };
  }
}

const startOf = (n: CstNode) => n.location?.startOffset ?? -1;

/** The element that starts first after `offset`. */
function firstAfter<T>(items: T[], offset: number, start: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of items) {
    const s = start(x);
    if (s > offset && (best === undefined || s < start(best))) best = x;
  }
  return best;
}

function binaryOp(image: string): A.BinaryOp {
  switch (image) {
    case '+': return '+';
    case '-': case '−': return '-';
    case '*': case '×': return '*';
    case '/': case '÷': return '/';
    case 'and': return 'and';
    case 'or': return 'or';
    case '??': return '??';
    default: return '+';
  }
}

/** Binding powers of the binary operators (higher binds tighter). */
const BP = { or: 1, and: 2, not: 3, compare: 4, within: 4, add: 5, mul: 6, coalesce: 7 } as const;

function bindingPower(t: IToken): number {
  switch (t.tokenType.name) {
    case 'Kw_or': return BP.or;
    case 'Kw_and': return BP.and;
    case 'Kw_within': return BP.within;
    case 'Plus': case 'Minus': return BP.add;
    case 'Times': case 'Divide': return BP.mul;
    case 'Coalesce': return BP.coalesce;
    default: return BP.compare;
  }
}

function compareOpOf(tokenName: string): A.CompareOp | undefined {
  switch (tokenName) {
    case 'Approx': return '≈';
    case 'NotEqual': return '!=';
    case 'LessEqual': return '<=';
    case 'GreaterEqual': return '>=';
    case 'Less': return '<';
    case 'Greater': return '>';
    case 'Equal': return '=';
    default: return undefined;
  }
}

function firstToken(n: CstNode): IToken | undefined {
  for (const v of Object.values(n.children)) {
    const t = v?.[0] as IToken | undefined;
    if (t && 'image' in t && !t.isInsertedInRecovery) return t;
  }
  return undefined;
}

/** The value of a string literal token (with quotes): `\n`, `\t`, `\"`, `\\`, `\{`, `\}` escapes. */
export function unescapeString(image: string): string {
  const body = image.startsWith('"') ? image.slice(1, image.endsWith('"') && image.length > 1 ? -1 : undefined) : image;
  return body.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch));
}
