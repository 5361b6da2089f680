/**
 * Expected findings ("golden files") of a ruleset's example disclosures:
 * `expected/<example-basename>.yaml` next to the ruleset, a list of findings (rule, outcome,
 * severity, where, message) reviewed by a person. `suan test` compares a run against them.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type YAMLMap, type YAMLSeq } from 'yaml';
import { describeYamlError } from '../data/yaml-source';
import type { DocumentResult } from '../evaluation/results';
import { findingWhere, isProblem } from '../reporting/reporter';

export interface GoldenFinding {
  rule: string;
  outcome: string;
  severity: string;
  where: string;
  message: string;
  /** Free reviewer notes (e.g. the audit item); not compared. */
  audit?: string;
  /** The line of the entry in its file, when read from one; not compared. */
  line?: number;
}

/** What an expected finding may say: the outcomes and severities of problems (`goldenOf`). */
const OUTCOMES = ['fail', 'coarse', 'error'];
const SEVERITIES = ['error', 'warning', 'info'];

/** The findings of a result in golden form (problems only: fail, coarse, error), in report order. */
export function goldenOf(r: DocumentResult): GoldenFinding[] {
  const out: GoldenFinding[] = [];
  for (const rule of r.rules) {
    if (rule.error) out.push({ rule: rule.id, outcome: 'error', severity: 'error', where: '', message: rule.error.message.zh });
    for (const f of rule.findings) {
      if (!isProblem(f.outcome)) continue;
      out.push({ rule: rule.id, outcome: f.outcome, severity: f.severity, where: findingWhere(f), message: f.message.zh });
    }
  }
  return out;
}

/** Why an expected-findings file cannot be used, and where (1-based line and column). */
export interface GoldenProblem {
  line: number;
  col: number;
  reason: string;
  reason_en: string;
}

/**
 * The findings of an expected-findings file, or what is wrong with it and where: YAML that does
 * not parse, or a shape other than `findings:` followed by a list of findings.
 */
export function parseGolden(text: string): { findings: GoldenFinding[] } | { problem: GoldenProblem } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number, reason_en: string, reason: string) => {
    const { line, col } = lines.linePos(offset);
    return { problem: { line, col, reason, reason_en } };
  };
  const error = doc.errors[0];
  if (error) {
    const what = describeYamlError({ code: error.code, message: error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '') });
    return at(error.pos[0], `it is not valid YAML: ${what.en}`, `不是有效的 YAML：${what.zh}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { findings: [] };
  const SHAPE = ['it should hold `findings:` followed by a list of findings (rule, outcome, severity, where, message)', '文件应为 `findings:` 加一列结果（rule、outcome、severity、where、message）'] as const;
  if (!isMap(root)) return at(root.range?.[0] ?? 0, SHAPE[0], SHAPE[1]);
  const list = root.get('findings', true);
  if (list === undefined || (isScalar(list) && (list.value === null || list.value === undefined))) return { findings: [] };
  if (!isSeq(list)) return at((list as { range?: number[] }).range?.[0] ?? 0, `\`findings\` should be a list, each entry starting with "- rule:"`, '`findings` 应为列表，每项以 “- rule:” 开头');
  const findings: GoldenFinding[] = [];
  for (const item of list.items) {
    const start = (item as { range?: number[] } | null)?.range?.[0] ?? list.range?.[0] ?? 0;
    if (!isMap(item)) return at(start, `each finding should have rule, outcome, severity, where and message (as "- rule: R001" with the others below it)`, '每条结果应包含 rule、outcome、severity、where 和 message（形如 “- rule: R001”，其余各项列在其下）');
    const f: Record<string, string> = {};
    for (const key of ['rule', 'outcome', 'severity', 'where', 'message', 'audit']) {
      const v = item.get(key, true);
      if (v === undefined || v === null) continue;
      if (!isScalar(v)) return at((v as { range?: number[] }).range?.[0] ?? start, `\`${key}\` should be a text, not a list or mapping`, `\`${key}\` 应为文本，而不是列表或映射`);
      if (v.value !== null && v.value !== undefined) f[key] = String(v.value);
    }
    for (const key of ['rule', 'outcome', 'severity']) {
      if (f[key] === undefined) return at(start, `this finding has no \`${key}\``, `该条结果缺少 \`${key}\``);
    }
    for (const [key, allowed] of [['outcome', OUTCOMES], ['severity', SEVERITIES]] as const) {
      if (allowed.includes(f[key]!)) continue;
      const v = item.get(key, true) as { range?: number[] };
      const list = allowed.join(', ');
      return at(v.range?.[0] ?? start, `\`${key}: ${f[key]}\` is not one of ${list}`, `\`${key}: ${f[key]}\` 不是 ${list} 之一`);
    }
    findings.push({ rule: f.rule!, outcome: f.outcome!, severity: f.severity!, where: f.where ?? '', message: f.message ?? '', ...(f.audit !== undefined ? { audit: f.audit } : {}), line: lines.linePos(start).line });
  }
  return { findings };
}

/** The findings of an expected-findings file; throws, saying where, when it cannot be used (`parseGolden` does not). */
export function readGolden(text: string): GoldenFinding[] {
  const r = parseGolden(text);
  if ('problem' in r) throw new Error(`expected findings, line ${r.problem.line}, column ${r.problem.col}: ${r.problem.reason_en}`);
  return r.findings;
}

export function writeGolden(findings: GoldenFinding[], header: string): string {
  return `${header}\n${stringify({ findings }, { lineWidth: 0 })}`;
}

/**
 * The text of an expected-findings file brought up to `actual`, as an edit of the file as it is:
 * an entry still found stays as written, with its comments and audit note; an entry of the same
 * rule and place whose outcome, severity or message changed is changed in place (its comments
 * and note kept); entries no longer found go, new ones are added (block style, also into
 * `findings: []`); the file's own header stays. The entries follow `actual`'s order. Undefined
 * when the text is not YAML of that shape (the caller then writes a new file).
 */
export function updateGolden(text: string, actual: GoldenFinding[]): string | undefined {
  // Written back as it was saved: a byte-order mark and Windows line ends stay (else every line differs).
  const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const crlf = text.includes('\r\n');
  const doc = parseDocument(bom ? text.slice(1) : text, { uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  // A file of comments only, or `findings:` with nothing (or `[]`) after it: a list is made, and
  // what was said about it kept.
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === undefined))) {
    const old = doc.contents;
    doc.contents = doc.createNode({ findings: [] }) as never;
    if (old) (doc.contents as YAMLMap).commentBefore = old.commentBefore ?? old.comment;
  }
  if (!isMap(doc.contents)) return undefined;
  let list = doc.contents.get('findings', true) as unknown;
  if (list === undefined || list === null || (isScalar(list) && (list.value === null || list.value === undefined))) {
    const fresh = doc.createNode([]) as YAMLSeq;
    // What was said before the empty list stays before the entries, what was said after it after them.
    if (isScalar(list)) {
      fresh.commentBefore = list.commentBefore;
      fresh.comment = list.comment;
    }
    (doc.contents as YAMLMap<unknown, unknown>).set('findings', fresh);
    list = fresh;
  }
  if (!isSeq(list)) return undefined;
  const seq = list;
  seq.flow = false; // entries one under the other, as a reviewer reads them (`findings: []` was written inline)
  const items = seq.items.filter((i): i is YAMLMap => isMap(i));
  const entryOf = (item: YAMLMap): GoldenFinding => {
    const get = (k: string) => {
      const v = item.get(k);
      return v === undefined || v === null ? '' : String(v);
    };
    return { rule: get('rule'), outcome: get('outcome'), severity: get('severity'), where: get('where'), message: get('message') };
  };
  const spot = (f: GoldenFinding) => `${f.rule}\u0000${f.where}`;
  const unused = items.map((item) => ({ item, entry: entryOf(item) }));
  const take = (same: (e: GoldenFinding) => boolean) => {
    const i = unused.findIndex((u) => same(u.entry));
    return i < 0 ? undefined : unused.splice(i, 1)[0]!.item;
  };
  // Unchanged entries first, so that a changed one never takes the place of one still found; then
  // the same rule, place and outcome; then the same rule and place (an outcome mistyped by hand).
  const kept = actual.map((f) => take((e) => key(e) === key(f)));
  const same = actual.map((f, i) => (kept[i] ? undefined : take((e) => place(e) === place(f))));
  const near = actual.map((f, i) => (kept[i] || same[i] ? undefined : take((e) => spot(e) === spot(f))));
  seq.items = actual.map((f, i) => {
    const item = kept[i] ?? same[i] ?? near[i];
    if (!item) return doc.createNode({ rule: f.rule, outcome: f.outcome, severity: f.severity, where: f.where, message: f.message }) as YAMLMap;
    item.flow = false;
    if (!kept[i]) for (const k of ['outcome', 'severity', 'message'] as const) if (String(item.get(k) ?? '') !== f[k]) item.set(k, f[k]);
    return item;
  });
  const out = doc.toString({ lineWidth: 0 });
  return bom + (crlf ? out.replace(/\r?\n/g, '\r\n') : out);
}

const key = (f: GoldenFinding) => `${f.rule}\u0000${f.outcome}\u0000${f.severity}\u0000${f.where}\u0000${f.message}`;
/** One finding whatever its message or severity says: its rule, place and outcome. */
const place = (f: GoldenFinding) => `${f.rule}\u0000${f.where}\u0000${f.outcome}`;

/**
 * Missing and unexpected findings paired where they are one finding changed: the same rule,
 * place and outcome (its message or severity differs); the rest as they are.
 */
export function pairChanges(missing: GoldenFinding[], unexpected: GoldenFinding[]): { changed: { expected: GoldenFinding; found: GoldenFinding }[]; missing: GoldenFinding[]; unexpected: GoldenFinding[] } {
  const rest = [...unexpected];
  const changed: { expected: GoldenFinding; found: GoldenFinding }[] = [];
  const stillMissing: GoldenFinding[] = [];
  for (const e of missing) {
    const i = rest.findIndex((u) => place(u) === place(e));
    if (i < 0) stillMissing.push(e);
    else changed.push({ expected: e, found: rest.splice(i, 1)[0]! });
  }
  return { changed, missing: stillMissing, unexpected: rest };
}

/** Where two texts part: each from a few characters before their first difference (`…` for what is left out). */
export function whereTheyDiffer(a: string, b: string, context = 12): [string, string] {
  const ca = [...a];
  const cb = [...b];
  let i = 0;
  while (i < ca.length && i < cb.length && ca[i] === cb[i]) i++;
  const from = Math.max(0, i - context);
  const cut = (cs: string[]) => (from > 0 ? '…' : '') + cs.slice(from).join('');
  return [cut(ca), cut(cb)];
}

/** Missing (expected, not found) and unexpected (found, not expected) findings. */
export function compareGolden(expected: GoldenFinding[], actual: GoldenFinding[]): { missing: GoldenFinding[]; unexpected: GoldenFinding[] } {
  const count = new Map<string, number>();
  for (const f of actual) count.set(key(f), (count.get(key(f)) ?? 0) + 1);
  const missing: GoldenFinding[] = [];
  for (const f of expected) {
    const n = count.get(key(f)) ?? 0;
    if (n > 0) count.set(key(f), n - 1);
    else missing.push(f);
  }
  const exp = new Map<string, number>();
  for (const f of expected) exp.set(key(f), (exp.get(key(f)) ?? 0) + 1);
  const unexpected: GoldenFinding[] = [];
  for (const f of actual) {
    const n = exp.get(key(f)) ?? 0;
    if (n > 0) exp.set(key(f), n - 1);
    else unexpected.push(f);
  }
  return { missing, unexpected };
}
