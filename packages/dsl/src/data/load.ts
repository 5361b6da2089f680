/**
 * Loads one disclosure file (JSON, YAML or CSV) into a `Disclosure`. Never throws: a malformed
 * file yields diagnostics with file, line and column, and no disclosure.
 */
import * as path from 'node:path';
import { diagnostic, readErrorReason, readErrorSpan, type Diagnostic } from '../diagnostics/diagnostic';
import type { Span } from '../syntax/ast';
import { lineStarts } from '../syntax/parse';
import { parseCsvSource, type CsvTable } from './csv-source';
import { readJsonDisclosure } from './json-disclosure';
import { jsonLocator, jsonRange, jsonToPlain, parseJsonSource } from './json-source';
import { DisclosureSchema, FactObjectSchema, yearNumber, type DisclosureInput } from './schema';
import { parseYamlSource, yamlRange, yamlToPlain } from './yaml-source';

export interface DocumentMeta {
  title?: string;
  unit?: string;
  year?: number;
  kind?: string;
  currencyUnit?: string;
  source?: string;
}

export interface DataRow {
  cells: (string | null)[];
  source?: string;
}

export interface DataTable {
  name: string;
  title?: string;
  unit?: string;
  source?: string;
  empty: boolean;
  columns: string[];
  rows: DataRow[];
  /**
   * The rows written with another number of cells than there are columns (SUAN5006), by index,
   * with that number: which of their cells belongs to which column is unknown, so their numbers
   * are not used. Absent when every row lines up.
   */
  misaligned?: Map<number, number>;
}

export interface DataFact {
  name: string;
  raw: string | null;
  unit?: string;
  source?: string;
}

export interface Disclosure {
  file: string;
  format: 'json' | 'yaml' | 'csv';
  meta: DocumentMeta;
  tables: Map<string, DataTable>;
  facts: Map<string, DataFact>;
  /** Tables the document names but whose rows could not be read (their CSV file); each has a diagnostic. */
  unread?: ReadonlySet<string>;
  /** Where a cell is written (file, line, column). */
  cellSpan(table: string, row: number, column: string): Span;
  factSpan(name: string): Span;
  tableSpan(table: string): Span;
}

export interface DataHost {
  readFile(absolutePath: string): { text: string } | { error: string } | undefined;
  /**
   * The path with its symbolic links resolved; undefined when it does not exist. A host whose
   * files cannot be links (the language server's open documents) leaves it out.
   */
  realPath?(absolutePath: string): string | undefined;
}

/** Largest data file read (characters). */
export const MAX_DATA_FILE = 50_000_000;

export interface LoadResult {
  disclosure?: Disclosure;
  diagnostics: Diagnostic[];
}

/** The parts of a zod issue we turn into a message. */
interface ZodIssue {
  code: string;
  message: string;
  expected?: string;
  keys?: string[];
}

type Locate = (p: readonly (string | number)[]) => Range | undefined;

/** How a loaded file's places become spans (see `loadDisclosureText`). */
interface Spans {
  /** A diagnostic's place: the value when it is short and on one line, else its first character. */
  spanAt(at: Range | number | undefined): Span;
  /** A value's place: exactly the written value. */
  valueSpan(at: Range | undefined): Span;
  /** One character where a value starts (-1: no such value). */
  startSpan(start: number): Span;
}

interface Range {
  start: number;
  end: number;
}

/**
 * Where a data file's lines start, for its places: a byte-order mark (Excel's CSV, Notepad's
 * UTF-8) is not a column, as no editor shows it, so the first line starts after it.
 */
function dataLineStarts(text: string): number[] {
  const starts = lineStarts(text);
  if (text.charCodeAt(0) === 0xfeff) starts[0] = 1;
  return starts;
}

/** Whether `file` is inside the folder `dir` (both absolute). */
function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Loads a data file by its extension. */
export function loadDisclosure(file: string, host: DataHost): LoadResult {
  const abs = path.resolve(file);
  const ext = path.extname(abs).toLowerCase();
  const at0 = pointSpan(abs, [0], 0);
  const read = host.readFile(abs);
  if (read === undefined) return { diagnostics: [diagnostic('SUAN5007', at0, { reason: `找不到文件 ${abs}`, reason_en: `file ${abs} not found` })] };
  if ('error' in read) return { diagnostics: [diagnostic('SUAN5007', readErrorSpan(abs, read.error) ?? at0, readErrorReason(read.error))] };
  if (read.text.length > MAX_DATA_FILE) return { diagnostics: [diagnostic('SUAN5008', at0, { size: read.text.length, limit: MAX_DATA_FILE })] };
  return loadDisclosureText(abs, read.text, host, ext);
}

/** Loads a data file from its text (the language server passes unsaved editor contents). */
export function loadDisclosureText(file: string, text: string, host: DataHost, ext = path.extname(file).toLowerCase()): LoadResult {
  // Line starts are worked out when a span is first asked for (most documents need none, or few).
  let starts: number[] | undefined;
  const lines = () => (starts ??= dataLineStarts(text));
  /** A diagnostic's place: the value when it is short and on one line, else its first character. */
  const spanAt = (at: Range | number | undefined): Span => {
    if (at === undefined || typeof at === 'number') return pointSpan(file, lines(), at ?? 0, 1, text.length);
    const short = at.end - at.start <= 80 && !text.slice(at.start, at.end).includes('\n');
    return pointSpan(file, lines(), at.start, short ? at.end - at.start : 1, text.length);
  };
  /** A value's place: exactly the written value (quotes included when it is quoted). */
  const valueSpan = (at: Range | undefined): Span => (at ? pointSpan(file, lines(), at.start, at.end - at.start, text.length) : spanAt(0));
  const spans: Spans = { spanAt, valueSpan, startSpan: (start) => (start >= 0 ? pointSpan(file, lines(), start, 1, text.length) : spanAt(0)) };
  if (ext === '.csv') return loadCsvDisclosure(file, text, lines());
  // An empty file (an interrupted copy or export) is said as such, whatever its format would be.
  if (/^[\s\uFEFF]*$/.test(text)) return { diagnostics: [emptyFile(spanAt(0))] };
  let plain: unknown;
  let locate: Locate;
  let yamlTags: readonly { tag: string; start: number; end: number }[] = [];
  // Most JSON files are read in one pass, straight into the schema's shape; positions are then
  // found only when something is located (`jsonLocator`).
  const quick = ext === '.json' ? readJsonDisclosure(text) : undefined;
  if (quick) {
    const locator = jsonLocator(text, quick.objects);
    return disclosureFrom(file, ext, host, quick.input, locator.range, [], spans, locator.startOf);
  }
  if (ext === '.json') {
    const r = parseJsonSource(text);
    if (!r.root) return { diagnostics: [diagnostic('SUAN5001', spanAt(r.error!.offset), { reason: r.error!.zh, reason_en: r.error!.en })] };
    plain = jsonToPlain(r.root);
    const root = r.root;
    locate = (p) => jsonRange(root, p);
  } else if (ext === '.yaml' || ext === '.yml') {
    const r = parseYamlSource(text);
    yamlTags = r.source?.unknownTags ?? [];
    if (!r.source) return { diagnostics: [diagnostic(r.error!.tooLarge ? 'SUAN5007' : 'SUAN5001', spanAt(r.error!.offset), { reason: r.error!.zh, reason_en: r.error!.en })] };
    const src = r.source;
    const converted = yamlToPlain(src);
    if (converted.error) return { diagnostics: [diagnostic('SUAN5001', spanAt(converted.error.offset), { reason: converted.error.zh, reason_en: converted.error.en })] };
    // Nothing but comments, or a `---`: as empty as an empty file.
    if (converted.value === null || converted.value === undefined) return { diagnostics: [emptyFile(spanAt(0))] };
    plain = converted.value;
    locate = (p) => yamlRange(src, p);
  } else {
    return { diagnostics: [diagnostic('SUAN5012', spanAt(0), { ext: ext || '(none)' })] };
  }

  const diagnostics: Diagnostic[] = [];
  // A YAML tag the reader does not know (!!js/function, !!python/object…): its value is read as
  // plain content and nothing is run, which the author may not expect. Said once per tag written.
  for (const w of yamlTags) diagnostics.push(diagnostic('SUAN5030', spanAt({ start: w.start, end: w.end }), { tag: w.tag }));
  const parsed = DisclosureSchema.safeParse(plain);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      const p = issue.path.filter((x): x is string | number => typeof x !== 'symbol');
      diagnostics.push(diagnostic('SUAN5002', spanAt(locate(p)), { path: p.length ? p.join('.') : '(root)', ...issueReason(issue, p) }));
    }
    return { diagnostics };
  }
  return disclosureFrom(file, ext, host, parsed.data, locate, diagnostics, spans);
}

/** An empty data file (nothing, spaces, or YAML's comments alone), as an interrupted copy or export leaves one. */
function emptyFile(at: Span): Diagnostic {
  return diagnostic('SUAN5001', at, { reason: '文件是空的，没有任何数据：请检查它是否完整写出（复制或导出是否中断？）', reason_en: 'the file is empty: it holds no data. Check that it was written out completely (an interrupted copy or export?)' });
}

/** The disclosure from the schema's shape of the file, checking what the schema cannot. */
function disclosureFrom(
  file: string, ext: string, host: DataHost, input: DisclosureInput, locate: Locate, diagnostics: Diagnostic[], spans: Spans,
  startOf: (p: readonly (string | number)[]) => number = (p) => locate(p)?.start ?? -1,
): LoadResult {
  const { spanAt, valueSpan } = spans;
  const meta: DocumentMeta = {
    title: input.document?.title,
    unit: input.document?.unit,
    year: input.document?.year ? yearNumber(input.document.year) : undefined,
    kind: input.document?.kind?.trim(), // "部门决算 " is 部门决算
    currencyUnit: input.document?.currency_unit,
    source: input.document?.source,
  };

  const tables = new Map<string, DataTable>();
  /** Per table: the path of each row, and whether rows are objects (cells by name) or arrays. */
  const rowShapes = new Map<string, boolean[]>();
  const csvTables = new Map<string, { file: string; starts: number[]; table: CsvTable; colIndex: Map<string, number> }>();
  const unread = new Set<string>();
  for (const [name, t] of Object.entries(input.tables ?? {})) {
    // Spaces around a column name are never part of it (CSV headers are trimmed too).
    let columns = t.columns?.some((c) => c !== c.trim()) ? t.columns.map((c) => c.trim()) : (t.columns ?? []);
    const rows: DataRow[] = [];
    const shapes: boolean[] = [];
    const misaligned = new Map<number, number>();
    if (t.csv !== undefined) {
      const csvPath = path.resolve(path.dirname(file), t.csv);
      const rel = path.relative(path.dirname(file), csvPath);
      if (rel.startsWith('..') || path.isAbsolute(rel) || path.extname(csvPath).toLowerCase() !== '.csv') {
        diagnostics.push(diagnostic('SUAN5002', spanAt(locate(['tables', name, 'csv'])), { path: `tables.${name}.csv`, reason: '只能引用数据文件所在目录内的 .csv 文件', reason_en: 'can only refer to a .csv file inside the data file\'s directory' }));
        unread.add(name);
        continue;
      }
      // A link inside the folder that leads out of it (tables/zc.csv → /etc/passwd, as a submitted
      // archive may carry) is refused like a path that leads out: its lines would reach the reports.
      const real = host.realPath?.(csvPath);
      const realDir = real !== undefined ? host.realPath!(path.dirname(file)) : undefined;
      if (real !== undefined && realDir !== undefined && !isInside(realDir, real)) {
        diagnostics.push(diagnostic('SUAN5002', spanAt(locate(['tables', name, 'csv'])), { path: `tables.${name}.csv`, reason: `只能引用数据文件所在目录内的 .csv 文件；${t.csv} 是指向目录外（${real}）的链接`, reason_en: `can only refer to a .csv file inside the data file's directory; ${t.csv} is a link to ${real}, outside it` }));
        unread.add(name);
        continue;
      }
      const read = host.readFile(csvPath);
      if (!read || 'error' in read) {
        // A CSV file that is not UTF-8: at its first such byte, in the CSV file; other errors at the `csv:` line.
        const at = (read && readErrorSpan(csvPath, read.error)) ?? spanAt(locate(['tables', name, 'csv']));
        diagnostics.push(diagnostic('SUAN5007', at, read ? readErrorReason(read.error) : { reason: `找不到文件 ${csvPath}`, reason_en: `file ${csvPath} not found` }));
        unread.add(name);
        continue;
      }
      const csv = parseCsvSource(read.text);
      const csvStarts = dataLineStarts(read.text);
      if (!csv.table) {
        diagnostics.push(diagnostic('SUAN5001', pointSpan(csvPath, csvStarts, csv.error!.offset), { reason: csv.error!.zh, reason_en: csv.error!.en }));
        unread.add(name);
        continue;
      }
      columns = csv.table.header;
      for (const row of csvRows(csv.table, csvPath, csvStarts, diagnostics, misaligned)) {
        rows.push(row);
        shapes.push(false);
      }
      csvTables.set(name, { file: csvPath, starts: csvStarts, table: csv.table, colIndex: new Map(columns.map((c, j) => [c, j])) });
    } else {
      const colIndex = new Map(columns.map((c, j) => [c, j]));
      (t.rows ?? []).forEach((r, i) => {
        if (Array.isArray(r)) {
          if (r.length !== columns.length) {
            diagnostics.push(diagnostic('SUAN5006', spanAt(locate(['tables', name, 'rows', i])), { row: i + 1, actual: r.length, expected: columns.length, ...splitThousands(r) }));
            misaligned.set(i, r.length);
          }
          // The row's own list when it has a cell per column (JSON gives no holes), else padded or cut.
          rows.push({ cells: r.length === columns.length ? r : columns.map((_, j) => r[j] ?? null) });
          shapes.push(false);
        } else {
          const cells: (string | null)[] = columns.map(() => null);
          const given = new Map<number, string>();
          let source: string | undefined;
          for (const [k, v] of Object.entries(r)) {
            if (k === '$source') { source = v ?? undefined; continue; }
            const j = colIndex.get(k) ?? colIndex.get(k.trim());
            if (j === undefined) {
              diagnostics.push(diagnostic('SUAN5002', spanAt(locate(['tables', name, 'rows', i, k])), { path: `tables.${name}.rows.${i}.${k}`, reason: '不在 columns 列表中', reason_en: 'is not listed in `columns`' }));
              continue;
            }
            const before = given.get(j);
            if (before !== undefined) {
              // "本年支出合计" and "本年支出合计 " name one column: neither value silently wins.
              diagnostics.push(diagnostic('SUAN5002', spanAt(locate(['tables', name, 'rows', i, k])), { path: `tables.${name}.rows.${i}.${k}`, reason: `与 “${before}” 是同一列 ${columns[j]}，给了两次；只读第一个`, reason_en: `names the column ${columns[j]}, given already as "${before}"; only the first is read` }));
              continue;
            }
            given.set(j, k);
            cells[j] = v;
          }
          rows.push({ cells, source });
          shapes.push(true);
        }
      });
    }
    const csvTable = csvTables.get(name);
    sayColumnsNamedTwice(name, columns, diagnostics, (j) => (csvTable ? pointSpan(csvTable.file, csvTable.starts, csvTable.table.headerOffsets[j] ?? 0) : spanAt(locate(['tables', name, 'columns', j]))));
    tables.set(name, { name, title: t.title, unit: t.unit, source: t.source, empty: t.empty ?? false, columns, rows, ...(misaligned.size ? { misaligned } : {}) });
    rowShapes.set(name, shapes);
  }

  const facts = new Map<string, DataFact>();
  const factPaths = new Map<string, (string | number)[]>();
  /** Whether fact `name` was read already (`三公.合计:` beside `三公: { 合计: … }`): said, as neither may silently win. */
  const readBefore = (name: string, fp: (string | number)[]): boolean => {
    const firstPath = factPaths.get(name);
    if (!firstPath) return false;
    const first = (firstPath.at(-1) === 'value' ? firstPath.slice(0, -1) : firstPath).join('.'); // a fact object's path ends at its value
    diagnostics.push(diagnostic('SUAN5002', spanAt(locate(fp)), { path: fp.join('.'), reason: `与 ${first} 是同一个事实 ${name}，给了两次；只读第一处`, reason_en: `is the fact ${name} given a second time (first as ${first}); only the first is read` }));
    return true;
  };
  const addFacts = (obj: Record<string, unknown>, prefix: string, p: (string | number)[]): void => {
    for (const [k, v] of Object.entries(obj)) {
      const name = prefix ? `${prefix}.${k}` : k;
      const fp = [...p, k];
      if (v === null || typeof v === 'string') {
        if (readBefore(name, fp)) continue;
        facts.set(name, { name, raw: v });
        factPaths.set(name, fp);
      } else if (v && typeof v === 'object' && !Array.isArray(v) && 'value' in v) {
        if (readBefore(name, fp)) continue;
        const f = FactObjectSchema.safeParse(v);
        if (!f.success) {
          for (const issue of f.error.issues.slice(0, 5)) {
            const ip = [...fp, ...issue.path.filter((x): x is string | number => typeof x !== 'symbol')];
            diagnostics.push(diagnostic('SUAN5002', spanAt(locate(ip)), { path: ip.join('.'), ...issueReason(issue, ip) }));
          }
          continue;
        }
        facts.set(name, { name, raw: f.data.value, unit: f.data.unit, source: f.data.source });
        factPaths.set(name, [...fp, 'value']);
      } else if (v && typeof v === 'object' && !Array.isArray(v)) {
        addFacts(v as Record<string, unknown>, name, fp);
      } else {
        diagnostics.push(diagnostic('SUAN5002', spanAt(locate(fp)), { path: fp.join('.'), reason: '事实应为字符串、空白或 { value, unit, source }', reason_en: 'a fact must be a string, null or { value, unit, source }' }));
      }
    }
  };
  addFacts((input.facts ?? {}) as Record<string, unknown>, '', ['facts']);

  const disclosure: Disclosure = {
    file,
    format: ext === '.json' ? 'json' : 'yaml',
    meta,
    tables,
    facts,
    unread,
    cellSpan(table, row, column) {
      const csv = csvTables.get(table);
      if (csv) {
        const r = csv.table.rows[row];
        const j = csv.colIndex.get(column) ?? 0;
        return pointSpan(csv.file, csv.starts, r?.offsets[j] ?? r?.offsets[0] ?? 0, Math.max(1, r?.cells[j]?.length ?? 1));
      }
      const isObject = rowShapes.get(table)?.[row];
      const t = tables.get(table);
      const j = t?.columns.indexOf(column) ?? -1;
      const p = isObject ? ['tables', table, 'rows', row, column] : ['tables', table, 'rows', row, j < 0 ? 0 : j];
      return valueSpan(locate(p) ?? locate(['tables', table, 'rows', row]));
    },
    factSpan(name) {
      const p = factPaths.get(name);
      return p ? valueSpan(locate(p)) : spanAt(locate(['facts']));
    },
    tableSpan(table) {
      // Where the table starts (one character), not the whole table.
      return spans.startSpan(startOf(['tables', table]));
    },
  };
  return { disclosure, diagnostics };
}

/**
 * SUAN5006's hint when a row has more cells than columns because a number's thousands separator
 * split it ("1,076.42" unquoted in a YAML row or a CSV line gives "1" and "076.42").
 */
function splitThousands(cells: readonly (string | null)[]): { hint: string; hint_en: string } {
  for (let k = 0; k + 1 < cells.length; k++) {
    const a = cells[k];
    const b = cells[k + 1];
    if (a && b && /^-?\d{1,3}$/.test(a.trim()) && /^\d{3}(?:\.\d+)?$/.test(b.trim())) {
      const n = `${a.trim()},${b.trim()}`;
      return {
        hint: `看来 “${n}” 的千分位逗号把它分成了两格：请给数字加引号，写成 "${n}"。`,
        hint_en: ` The thousands separator of "${n}" seems to have split it into two cells: quote the number, as "${n}".`,
      };
    }
  }
  return { hint: '', hint_en: '' };
}

/**
 * A column named twice (a variant layout printing one heading over two groups): rules read the
 * first. Said (SUAN5022, at the second), so that a reader knows which numbers were checked.
 */
function sayColumnsNamedTwice(table: string, columns: readonly string[], diagnostics: Diagnostic[], at: (column: number) => Span): void {
  const firstOf = columns.length > 32 ? new Map<string, number>() : undefined; // else indexOf: fewer steps
  for (let j = 0; j < columns.length; j++) {
    let first: number | undefined;
    if (firstOf) {
      first = firstOf.get(columns[j]!);
      if (first === undefined) firstOf.set(columns[j]!, j);
    } else {
      first = columns.indexOf(columns[j]!);
      if (first === j) first = undefined;
    }
    if (first !== undefined) diagnostics.push(diagnostic('SUAN5022', at(j), { table, name: columns[j]!, first: first + 1, second: j + 1 }));
  }
}

/**
 * A CSV table's rows, each padded or cut to the header. A line with another number of cells is
 * SUAN5006 (at its line) and goes into `misaligned` (its index, and its number of cells).
 */
function csvRows(table: CsvTable, file: string, starts: number[], diagnostics: Diagnostic[], misaligned: Map<number, number>): DataRow[] {
  const width = table.header.length;
  return table.rows.map((r, i) => {
    if (r.cells.length !== width) {
      diagnostics.push(diagnostic('SUAN5006', pointSpan(file, starts, r.offsets[0]!), { row: i + 2, actual: r.cells.length, expected: width, ...splitThousands(r.cells) }));
      misaligned.set(i, r.cells.length);
    }
    return { cells: table.header.map((_, j) => r.cells[j] ?? null) };
  });
}

function loadCsvDisclosure(file: string, text: string, starts: number[]): LoadResult {
  const csv = parseCsvSource(text);
  if (!csv.table) return { diagnostics: [diagnostic('SUAN5001', pointSpan(file, starts, csv.error!.offset), { reason: csv.error!.zh, reason_en: csv.error!.en })] };
  const name = path.basename(file, path.extname(file));
  const columns = csv.table.header;
  const colIndex = new Map(columns.map((c, j) => [c, j]));
  const diagnostics: Diagnostic[] = [];
  const misaligned = new Map<number, number>();
  const rows = csvRows(csv.table, file, starts, diagnostics, misaligned);
  sayColumnsNamedTwice(name, columns, diagnostics, (j) => pointSpan(file, starts, csv.table!.headerOffsets[j] ?? 0));
  const table: DataTable = { name, empty: rows.length === 0, columns, rows, ...(misaligned.size ? { misaligned } : {}) };
  const disclosure: Disclosure = {
    file,
    format: 'csv',
    meta: {},
    tables: new Map([[name, table]]),
    facts: new Map(),
    cellSpan(_t, row, column) {
      const r = csv.table!.rows[row];
      const j = colIndex.get(column) ?? 0;
      return pointSpan(file, starts, r?.offsets[j] ?? 0, Math.max(1, r?.cells[j]?.length ?? 1));
    },
    factSpan() {
      return pointSpan(file, starts, 0);
    },
    tableSpan() {
      return pointSpan(file, starts, 0);
    },
  };
  return { disclosure, diagnostics };
}

/** A span of `length` characters at `offset`, with 1-based line and column. */
export function pointSpan(file: string, starts: number[], offset: number, length = 1, limit = Infinity): Span {
  offset = Math.max(0, Math.min(offset, limit));
  length = Math.max(0, Math.min(length, limit - offset));
  const pos = (o: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: Math.max(1, o - starts[lo]! + 1) };
  };
  const s = pos(offset);
  const e = pos(offset + length);
  return { file, start: offset, end: offset + length, line: s.line, col: s.col, endLine: e.line, endCol: e.col };
}

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['字符串', 'a string'],
  array: ['列表', 'a list'],
  object: ['对象（键: 值）', 'an object (key: value)'],
  record: ['对象（名称: 内容）', 'an object (name: content)'],
  boolean: ['true 或 false', 'true or false'],
  null: ['空白', 'null'],
};

/** A zod issue as `reason` / `reason_en` arguments. */
function issueReason(issue: ZodIssue, path?: readonly (string | number)[]): { reason: string; reason_en: string } {
  const i = issue;
  switch (i.code) {
    case 'invalid_type': {
      const [zh, en] = TYPE_NAMES[i.expected ?? ''] ?? [i.expected ?? '?', i.expected ?? '?'];
      return { reason: `应为${zh}`, reason_en: `should be ${en}` };
    }
    case 'unrecognized_keys':
      return { reason: `有未知的字段 ${(i.keys ?? []).join('、')}`, reason_en: `has unknown field(s) ${(i.keys ?? []).join(', ')}` };
    case 'invalid_union':
      if (path?.[0] === 'suan') return { reason: '应为数据格式版本 1（suan: 1）', reason_en: 'should be the data format version 1 (suan: 1)' };
      if (path?.includes('rows')) return { reason: '的类型不对（单元格应为字符串或留空）', reason_en: 'has the wrong type (a cell is a string or blank)' };
      return { reason: '的类型不对', reason_en: 'has the wrong type' };
    default:
      if (i.message === 'year') return { reason: '应为四位数字的年份（如 2021、2021年、2021年度）', reason_en: 'should be a year in four digits (2021, 2021年 or 2021年度)' };
      return { reason: `无效（${i.code}）`, reason_en: `is invalid (${i.code})` };
  }
}
