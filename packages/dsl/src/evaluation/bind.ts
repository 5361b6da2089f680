/**
 * Binding a checked ruleset to one disclosure: each declared table and fact is matched with
 * the data, numeric cells are parsed once (as written, with their intervals), keys and the
 * code hierarchy are indexed. Problems with the data become diagnostics with the cell's
 * location; the cell itself then reads as an error only for the rules that use it.
 */
import { closestNames, diagnostic, didYouMean, editDistance, type Diagnostic } from '../diagnostics/diagnostic';
import type { DiagnosticCode } from '../diagnostics/catalogue';
import type { DataFact, DataTable, Disclosure } from '../data/load';
import { INVISIBLE_CHARS, isBlankText, parseWrittenNumber } from '../data/written-number';
import type { ColumnSymbol, FactSymbol, Precision, Program, TableSymbol } from '../semantics/program';
import { MONEY_UNITS, moneyUnit, type Type } from '../semantics/types';
import { halfUnit, parseDecimal } from './decimal';
import type { ValueView } from './results';
import {
  BLANK, exact, missing, reported, strictHalf, type Missing, type NumKind, type RowVal, type RowsVal, type RowSource, type Value,
} from './values';

/**
 * A cell whose text is not a value of its column's type, or, with `misaligned`, a number cell of
 * a row written with another number of cells than the table has columns (SUAN5006): which of its
 * cells belongs to which column is unknown, so none of its numbers is used.
 */
export interface InvalidCell {
  t: 'invalid';
  raw: string;
  expected: { zh: string; en: string };
  misaligned?: { cells: number; columns: number };
}

export type CellValue = Value | InvalidCell;

const EXPECTED: Record<string, { zh: string; en: string }> = {
  money: { zh: '金额', en: 'an amount' },
  percent: { zh: '百分比', en: 'a percentage' },
  count: { zh: '整数', en: 'a whole number' },
  number: { zh: '数值', en: 'a number' },
  bool: { zh: '是/否', en: 'yes/no' },
};

/** Column types whose cells are read as values (numbers, yes/no) rather than kept as text. */
const READ_AS_VALUES = new Set(['money', 'percent', 'count', 'number', 'bool']);

/** Parses one written value according to its declared type. `declaredHalf` is the strict precision. */
export function parseCell(raw: string | null, type: Type, unit: string | undefined, declaredHalf: bigint | undefined, lenient = false): CellValue {
  switch (type.k) {
    case 'money': case 'percent': case 'count': case 'number': {
      const n = parseWrittenNumber(raw, type.k === 'percent');
      if (n === null) return BLANK;
      if (n === undefined || (type.k === 'money' && n.percent) || (type.k === 'count' && n.decimals > 0 && !n.percent)) {
        return { t: 'invalid', raw: raw ?? '', expected: EXPECTED[type.k]! };
      }
      const kind: NumKind = type.k === 'money' ? 'money' : n.percent ? 'percent' : type.k;
      if (kind === 'count') return exact(n.v, 'count', undefined, 0);
      const half = lenient ? halfUnit(n.decimals) : strictHalf(n.decimals, declaredHalf);
      return reported(n.v, kind, kind === 'money' ? unit : undefined, n.decimals, half);
    }
    case 'bool': {
      if (isBlankText(raw)) return BLANK;
      const s = readText(raw!);
      if (['是', 'true', '有', 'yes'].includes(s)) return true;
      if (['否', 'false', '无', 'no'].includes(s)) return false;
      return { t: 'invalid', raw: s, expected: EXPECTED.bool! };
    }
    case 'code': {
      const s = raw === null ? '' : readText(raw);
      return s === '' ? BLANK : codeText(s);
    }
    default: {
      const s = raw === null ? '' : readText(raw);
      return s === '' ? BLANK : s;
    }
  }
}

/**
 * A text cell or a row's key as its reader means it: trimmed; invisible characters (zero-width
 * spaces and joiners, direction marks, soft hyphens, a byte-order mark) dropped; and white space
 * between two Chinese characters dropped ("收入　总计", "支 出", "预算 完成率": a PDF's text spaces
 * out short labels, and Chinese puts no space between characters). Other spaces stay ("Project A").
 * A label's colon at its end is dropped ("年度资金总额：", as a table prints it before the amount).
 * So a lookup by key and a text test find the row whatever the conversion left in it.
 */
export function readText(s: string): string {
  if (!mayNeedCleaning(s)) return s;
  return s.replace(INVISIBLE, '').trim().replace(SPACE_IN_CHINESE, '').replace(TRAILING_COLON, '');
}
/** A label's colon, as a table prints it before its amount ("年度资金总额：", "合计:"): not part of it. */
const TRAILING_COLON = /(?<=\S)\s*[:：]+$/;
/** Whether `s` holds white space or an invisible character anywhere (else `readText` keeps it as is). */
function mayNeedCleaning(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0xad || c === 0x1680 || c === 0x180e || (c >= 0x2000 && c <= 0x206f) || c === 0x3000 || c === 0xfeff) return true;
  }
  // A label's colon at its end (read within bounds: an empty cell asks for no character past it).
  if (n > 0) {
    const last = s.charCodeAt(n - 1);
    return last === 0x3a || last === 0xff1a;
  }
  return false;
}
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARS}]`, 'g');
// Chinese characters, their punctuation (、。「」) and full-width forms (（）：，１２): no space between them.
const CHINESE = '\u2E80-\u2FFF\u3001-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF01-\uFF60';
const SPACE_IN_CHINESE = new RegExp(`(?<=[${CHINESE}])\\s+(?=[${CHINESE}])`, 'g');

/**
 * A code as its digits: full-width digits and letters (２０８０５, as a PDF's text or a Chinese
 * input method may give them) read as ASCII, spaces inside it dropped ("201 01", "合 计", "合　计":
 * a PDF's text spaces out short cells), and a spreadsheet's "201.0" read as 201, so that the code
 * hierarchy, the total row and lookups by key find the row. Other text is left as written.
 */
export function codeText(s: string): string {
  if (isDigits(s)) return s; // the common case, which none of the rewrites below touch
  let t = FULL_WIDTH.test(s) ? s.normalize('NFKC') : s;
  if (SPACE.test(t)) t = t.replace(SPACES, '');
  // A spreadsheet's ways of keeping a code as text: '2080505 and ="2080505".
  const kept = SPREADSHEET_TEXT.exec(t);
  if (kept) return kept[1] ?? kept[2]!;
  return SPREADSHEET_INTEGER.test(t) ? t.slice(0, t.indexOf('.')) : t;
}
const HAS_DIGIT = /\d/;
/** A row key that reads like a table's total (合计数, 总计, 本年合计, 本年支出合计). */
const TOTAL_LIKE = /合计|总计/;
/** Keys of rows that are labels, not codes: totals and subtotals (合计, 总计, 小计, 人员经费合计), 其中. */
const LABEL = /合计|总计|小计|^其中/;
const SPREADSHEET_TEXT = /^(?:'(\d+)|="(\d+)")$/;
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const SPACE = /\s/;
const SPACES = /\s+/g;
const SPREADSHEET_INTEGER = /^\d+\.0+$/;

/**
 * What to do about a cell or fact that is not a number, by what it holds: a unit or currency sign
 * written into the amount ("217.36万元", "￥123"), a spreadsheet's scientific notation ("1.2e3"),
 * an invisible character (named: it cannot be seen in the message), or else how numbers are written.
 */
export function numberAdvice(raw: string, cell: boolean): { advice: string; advice_en: string } {
  const invisible = /[\u00A0\u00AD\u2000-\u200F\u202F\u2060\u3000\uFEFF]/.exec(raw.trim());
  if (invisible) {
    const u = `U+${invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return { advice: `其中有看不见的字符 ${u}（如不换行空格）。请删去它，按原文书写数字。`, advice_en: `It holds the invisible character ${u} (such as a no-break space). Delete it and write the number as printed.` };
  }
  if (/^[￥¥$]|(?:[千万亿]?元|万|亿)$/.test(raw.trim())) {
    return cell
      ? { advice: '金额中不要写单位或货币符号：单位写在表的 unit 中（如 unit: 万元）。', advice_en: 'Leave the unit or currency sign out of the amount: the table\'s unit goes in its unit (e.g. unit: 万元).' }
      : { advice: '金额中不要写单位或货币符号：单位写在事实的 unit 中，如 { value: "217.36", unit: 万元 }。', advice_en: 'Leave the unit or currency sign out of the amount: put the unit in the fact\'s unit, as in { value: "217.36", unit: 万元 }.' };
  }
  if (/^[△▲▼–‒―﹣]/.test(raw.trim())) {
    // △ (decrease) and dashes that are not a minus sign: refused, never read as positive.
    return { advice: '负数请写成 -10.00、−10.00 或 (10.00)；“△”“▲”和破折号不当作负号。', advice_en: 'Write a negative number as -10.00, −10.00 or (10.00); "△", "▲" and dashes are not read as a minus sign.' };
  }
  if (/^[-+]?\d+(\.\d+)?[eE][-+]?\d+$/.test(raw.trim())) {
    return { advice: '这是科学计数法（电子表格常这样显示）。请写出完整的数字，如 1,200.00。', advice_en: 'This is scientific notation (as spreadsheets show numbers). Write the number in full, e.g. 1,200.00.' };
  }
  return cell
    ? { advice: '请按原文书写，例如 2,308.55、81.49% 或留空。', advice_en: 'Write it as printed, e.g. 2,308.55, 81.49% or blank.' }
    : { advice: '请按原文书写。', advice_en: 'Write it as printed.' };
}

/** The half-width of a declared precision, in `unit` (money) or as a ratio. */
function declaredHalfOf(p: Precision | undefined, unit: string | undefined): bigint | undefined {
  if (!p) return undefined;
  let step = parseDecimal(p.step);
  if (step === undefined) return undefined;
  if (p.unit && unit && p.unit !== unit && MONEY_UNITS[p.unit] && MONEY_UNITS[unit]) {
    step = (step * MONEY_UNITS[p.unit]!) / MONEY_UNITS[unit]!;
  }
  return step / 2n;
}

/** The precision that governs a value: its own declaration, else a document-wide one for its kind. */
function precisionFor(own: Precision | undefined, docWide: Precision[], type: Type): Precision | undefined {
  if (own) return own;
  if (type.k === 'percent') return docWide.find((p) => p.percent);
  if (type.k === 'money') return docWide.find((p) => !!p.unit) ?? docWide.find((p) => !p.unit && !p.percent);
  return undefined;
}


function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** A table header as one string that no other header gives (each name after its length). */
function headerKey(columns: readonly string[]): string {
  let key = '';
  for (const c of columns) key += `${c.length}:${c}`;
  return key;
}

/**
 * What binding needs to know about a declared table, worked out once per ruleset (not per
 * document): its columns in order, which are numeric, and their declared precision per unit.
 */
export class TablePlan {
  readonly columns: ColumnSymbol[];
  readonly numeric: boolean[];
  readonly hasMoney: boolean;
  private readonly readingsByUnit = new Map<string | undefined, UnitReading>();

  constructor(readonly sym: TableSymbol, private readonly docPrecision: Precision[]) {
    this.columns = [...sym.columns.values()];
    this.numeric = this.columns.map((c) => NUMERIC.has(c.type.k));
    this.hasMoney = this.columns.some((c) => c.type.k === 'money');
  }

  /**
   * Declared columns that are close to `name` among a document's columns ("did you mean"), kept
   * for the documents that follow: documents of one kind have the same columns.
   */
  suggestions(name: string, dataColumns: readonly string[]): string[] {
    const key = `${name.length}:${name}${headerKey(dataColumns)}`;
    let s = this.suggestionCache.get(key);
    if (!s) {
      s = closestNames(name, dataColumns);
      if (this.suggestionCache.size >= 64) this.suggestionCache.clear(); // bounded, whatever the documents
      this.suggestionCache.set(key, s);
    }
    return s;
  }

  private readonly suggestionCache = new Map<string, string[]>();

  /** The declared half-width of each column's values when the table's money is in `unit`. */
  halves(unit: string | undefined): (bigint | undefined)[] {
    return this.byUnit(unit).halves;
  }

  /**
   * For each numeric column, how its cells read when the table's money is in `unit` (and the data
   * names its unit or not): cells of two columns that read alike are parsed once per document
   * (`BoundTable.parseColumn`). Other columns: ''.
   */
  readings(unit: string | undefined, dataNamesUnit: boolean): string[] {
    const u = this.byUnit(unit);
    const i = dataNamesUnit ? 1 : 0;
    return (u.readings[i] ??= this.columns.map((c, col) => {
      const k = c.type.k;
      if (!NUMERIC.has(k)) return '';
      const own = k === 'money' ? (c.type.unit && !dataNamesUnit ? c.type.unit : unit) : undefined;
      return `${k}|${own ?? ''}|${u.halves[col] ?? ''}`;
    }));
  }

  private byUnit(unit: string | undefined): UnitReading {
    let u = this.readingsByUnit.get(unit);
    if (!u) {
      const halves = this.columns.map((c) => declaredHalfOf(precisionFor(c.precision, this.docPrecision, c.type), c.type.k === 'money' ? unit : undefined));
      u = { halves, readings: [undefined, undefined] };
      if (this.readingsByUnit.size >= 64) this.readingsByUnit.clear(); // units come from the data: bounded whatever it says
      this.readingsByUnit.set(unit, u);
    }
    return u;
  }
}

/** A table's columns read with its money in one unit: declared half-widths, and reading keys without and with a unit named by the data. */
interface UnitReading {
  halves: (bigint | undefined)[];
  readings: [string[] | undefined, string[] | undefined];
}

const NUMERIC = new Set(['money', 'percent', 'count', 'number']);
// Stand-ins before a table's hierarchy is built (never written to).
const NO_LEVELS = new Int8Array(0);
const NO_PARENTS = new Int32Array(0);
const NO_KIDS: (number[] | undefined)[] = [];
const NO_ROWS: number[] = [];
/** Where a text index keeps the rows whose cell is blank. */
const BLANK_KEY: unique symbol = Symbol('blank');

/** A declared fact's precision per unit, worked out once per ruleset. */
export class FactPlan {
  private readonly halvesByUnit = new Map<string | undefined, bigint | undefined>();

  constructor(readonly sym: FactSymbol, private readonly docPrecision: Precision[]) {}

  /** The declared half-width of the fact's value when it is stated in `unit`. */
  half(unit: string | undefined): bigint | undefined {
    if (this.halvesByUnit.has(unit)) return this.halvesByUnit.get(unit);
    const h = declaredHalfOf(precisionFor(this.sym.precision, this.docPrecision, this.sym.type), unit);
    if (this.halvesByUnit.size >= 64) this.halvesByUnit.clear(); // units come from the data: bounded whatever it says
    this.halvesByUnit.set(unit, h);
    return h;
  }
}

/** What binding needs to know about a ruleset's declarations (see `TablePlan`, `FactPlan`). */
export interface BindPlan {
  tables: TablePlan[];
  facts: FactPlan[];
}

/** Prepares binding for a program (once per ruleset: `compileProgram` keeps it). */
export function planBinding(program: Program): BindPlan {
  return {
    tables: [...program.tables.values()].map((sym) => new TablePlan(sym, program.precision.tables)),
    facts: [...program.facts.values()].map((sym) => new FactPlan(sym, program.precision.facts)),
  };
}

/** Whether two names differ only in width (全角/半角) and spaces. */
function sameLetters(a: string, b: string): boolean {
  const norm = (x: string) => x.normalize('NFKC').replace(/\s+/g, '');
  return norm(a) === norm(b);
}

/** "（公开03表）" after a table's title: the number of the form it is printed on. */
const TABLE_NUMBER = /\s*[（(][^（）()]*表\s*[)）]\s*$/;

/** A column name without a unit written after it in brackets: "本年支出合计（万元）" → "本年支出合计". */
function withoutUnit(name: string): string {
  return name.replace(UNIT_AFTER_NAME, '');
}
const BRACKET = /[（(［[【]/;
const UNIT_AFTER_NAME = /\s*[（(［[【]\s*(?:(?:金额)?单位\s*[:：]?\s*)?(?:人民币)?\s*[千万亿]?元\s*[）)］\]】]\s*$/;

/** SUAN5004's hint when the data has the column with its unit in its name. */
function unitInName(column: string, name: string): { hint: string; hint_en: string } {
  return {
    hint: `数据中有列 “${column}”，列名里写了单位。请把列名写成 “${name}”，单位写在表的 unit 中（如 unit: 万元）。`,
    hint_en: `The data has a column "${column}", whose name carries a unit. Name the column "${name}" and give the unit as the table's unit (e.g. unit: 万元).`,
  };
}

/** SUAN5004's hint when the data has columns named like the missing one that the ruleset does not declare. */
function spelledOtherwise(columns: string[]): { hint: string; hint_en: string } {
  if (columns.length === 0) return { hint: '', hint_en: '' };
  return {
    hint: `数据中有列 ${columns.map((x) => `“${x}”`).join('、')}，是否就是它，只是写法不同？`,
    hint_en: `The data has a column ${columns.map((x) => `"${x}"`).join(', ')}: is it this one, spelt differently?`,
  };
}

/** What binding says about a table's keys when it first reads them (into the document's diagnostics). */
export interface KeyNotes {
  /** `key` of `row` came before, in row `first` (SUAN5009). */
  duplicate(table: TableSymbol, key: string, first: number, row: number): void;
  /** The key of `row` (undefined: blank) is no code of the table's hierarchy: roll-ups leave the row out (SUAN5021). */
  notACode(table: TableSymbol, key: string | undefined, row: number): void;
  /** No row is keyed `total`, but `row`, keyed `key`, looks like the total row (SUAN5024). */
  totalNotFound(table: TableSymbol, total: string, key: string, row: number): void;
}

export class BoundTable implements RowSource {
  readonly name: string;
  readonly unit: string | undefined;
  readonly rowCount: number;
  readonly rowVals: RowVal[];
  readonly all: RowsVal;
  readonly sym: TableSymbol;
  /** Declared column index → data column index (-1 when the data lacks it). */
  private readonly colMap: readonly number[];
  private readonly cache: (CellValue[] | undefined)[];
  private readonly halves: (bigint | undefined)[];
  private readonly readings: string[];
  /** The unit the data names for the table, when it is a known one. */
  private readonly dataUnit: string | undefined;
  private keyIndex?: Map<string, number>;
  /** Every row's key, once `keys()` has read them. */
  private keyList?: string[];
  private hierarchyBuilt = false;
  // The code hierarchy, built on first use (`buildHierarchy`).
  private levels: Int8Array = NO_LEVELS;
  private parents: Int32Array = NO_PARENTS;
  private kids: (number[] | undefined)[] = NO_KIDS; // a row's children (none: undefined)
  private top: number[] = NO_ROWS;

  constructor(
    plan: TablePlan,
    readonly data: DataTable | undefined,
    defaultUnit: string | undefined,
    private readonly notes: KeyNotes,
    private readonly memo: ParsedCells = new Map(),
  ) {
    const sym = plan.sym;
    this.sym = sym;
    this.name = sym.name;
    // The data's unit as written ("万元 ", "单位：万元") read as a known one; one that is none is said
    // (SUAN5013) and the amounts are read in the declared unit, as when the data names none.
    this.dataUnit = moneyUnit(data?.unit);
    this.unit = this.dataUnit ?? sym.unit ?? moneyUnit(defaultUnit);
    const n = data?.rows.length ?? 0;
    this.rowCount = n;
    const rowVals: RowVal[] = new Array(n);
    const idx: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      rowVals[i] = { t: 'row', table: this, i };
      idx[i] = i;
    }
    this.rowVals = rowVals;
    this.all = { t: 'rows', table: this, idx };
    const cols = plan.columns;
    this.columns = cols;
    this.colMap = cols.map((c) => (data ? data.columns.indexOf(c.name) : -1));
    this.cache = [];
    for (let k = 0; k < cols.length; k++) this.cache.push(undefined);
    this.halves = plan.halves(this.unit);
    this.readings = plan.readings(this.unit, !!this.dataUnit);
    this.keyData = sym.key ? this.colMap[cols.indexOf(sym.key)]! : -1;
    this.keyIsCode = sym.key?.type.k === 'code';
  }

  /** Data column index of the key column (-1: no key, or the data lacks it). */
  private readonly keyData: number;

  /** Whether the key is a code (read as its digits: `codeText`). */
  private readonly keyIsCode: boolean;

  /** Declared columns in order (their index is the column id used by compiled rules). */
  readonly columns: ColumnSymbol[];

  /** Whether no numeric cell of the table holds a number. */
  isEmpty(): boolean {
    for (let col = 0; col < this.columns.length; col++) {
      const k = this.columns[col]!.type.k;
      if (k !== 'money' && k !== 'percent' && k !== 'count' && k !== 'number') continue;
      for (let i = 0; i < this.rowCount; i++) {
        const v = this.get(col, i);
        if (typeof v === 'object' && (v.t === 'num' || v.t === 'invalid')) return false;
      }
    }
    return true;
  }

  /**
   * The half-width of a reported value of column `col` written with `dec` decimals: every such
   * cell reads as [v − half, v + half] (`parseCell`). Undefined for exact kinds (counts).
   */
  halfWidth(col: number, dec: number): bigint | undefined {
    const k = this.columns[col]!.type.k;
    if (k !== 'money' && k !== 'percent' && k !== 'number') return undefined;
    return strictHalf(dec, this.halves[col]);
  }

  /** Whether a declared precision can narrow this column's intervals (else strict = written reading). */
  hasDeclaredPrecision(col: number): boolean {
    return this.halves[col] !== undefined;
  }

  hasColumn(col: number): boolean {
    return this.colMap[col]! >= 0;
  }

  raw(col: number, i: number): string | null {
    const j = this.colMap[col]!;
    return j < 0 ? null : (this.data?.rows[i]?.cells[j] ?? null);
  }

  /** The value of a cell (parsed once). */
  get(col: number, i: number): CellValue {
    let values = this.cache[col];
    if (!values) values = this.parseColumn(col);
    return values[i] ?? BLANK;
  }

  /** The value of a cell read at its written precision only (ignoring declared precision). */
  getLenient(col: number, i: number): CellValue {
    const c = this.columns[col]!;
    if (this.colMap[col]! < 0) return missing('column', `${this.name}.${c.name}`);
    if (READ_AS_VALUES.has(c.type.k) && this.data!.misaligned?.has(i)) return this.misalignedCell(i);
    return parseCell(this.raw(col, i), c.type, c.type.k === 'money' ? (c.type.unit ?? this.unit) : undefined, undefined, true);
  }

  /** What a number cell of misaligned row `i` reads as (see `InvalidCell`). */
  private misalignedCell(i: number): InvalidCell {
    return { t: 'invalid', raw: '', expected: EXPECTED.number!, misaligned: { cells: this.data!.misaligned!.get(i)!, columns: this.data!.columns.length } };
  }

  parseColumn(col: number): CellValue[] {
    const c = this.columns[col]!;
    const j = this.colMap[col]!;
    let values: CellValue[];
    if (j < 0) {
      const m: Missing = missing('column', `${this.name}.${c.name}`);
      values = Array.from({ length: this.rowCount }, () => m);
    } else {
      const unit = c.type.k === 'money' ? (c.type.unit && !this.dataUnit ? c.type.unit : this.unit) : undefined;
      const rows = this.data!.rows;
      const k = c.type.k;
      if (k === 'money' || k === 'percent' || k === 'count' || k === 'number') {
        // Numbers: each text once per document and reading (a value printed in several tables).
        const half = this.halves[col];
        const reading = this.readings[col]!;
        let seen = this.memo.get(reading);
        if (!seen) this.memo.set(reading, (seen = new Map()));
        values = new Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const raw = rows[i]!.cells[j] ?? null;
          if (raw === null || raw === '') {
            values[i] = BLANK;
            continue;
          }
          let v = seen.get(raw);
          if (v === undefined) seen.set(raw, (v = parseCell(raw, c.type, unit, half)));
          values[i] = v;
        }
      } else values = rows.map((r) => parseCell(r.cells[j] ?? null, c.type, unit, this.halves[col]));
      // Numbers (and yes/no) of a misaligned row are unknown; its texts (its key, its labels) are read as written.
      const misaligned = this.data!.misaligned;
      if (misaligned && READ_AS_VALUES.has(k)) for (const i of misaligned.keys()) values[i] = this.misalignedCell(i);
    }
    this.cache[col] = values;
    return values;
  }

  rowKey(i: number): string {
    const known = this.keyList?.[i];
    if (known !== undefined) return known;
    const raw = this.keyData >= 0 ? this.data!.rows[i]?.cells[this.keyData] : undefined;
    if (this.keyIsCode && (raw == null || isBlankText(raw))) {
      // The total row printed with its code blank and 合计 in the name column (the two cells are
      // one merged cell on paper, and a conversion puts the word in either): keyed 合计.
      const total = this.totalWordIn(i);
      if (total !== undefined) return total;
    }
    if (raw == null) return `#${i + 1}`;
    const key = readText(raw);
    return this.keyIsCode ? codeText(key) : key;
  }

  /** 合计 or 总计 when row `i` has it as a whole text cell (spaces inside it aside). */
  private totalWordIn(i: number): string | undefined {
    for (let col = 0; col < this.columns.length; col++) {
      if (this.columns[col]!.type.k !== 'text') continue;
      const raw = this.raw(col, i);
      if (raw === null) continue;
      const t = readText(raw);
      if (t === '合计' || t === '总计') return t;
    }
    return undefined;
  }

  /**
   * The rows whose cell in text column `col` reads as one of `texts` (and with `blank`, those
   * whose cell is blank; every row when the data lacks the column), in order. The column is
   * indexed on first use.
   */
  rowsWithText(col: number, texts: readonly string[], blank: boolean): readonly number[] {
    if (!this.hasColumn(col)) return blank ? this.all.idx : NO_ROWS;
    const index = this.textIndexOf(col);
    if (texts.length === 1 && !blank) return index.get(texts[0]!) ?? NO_ROWS;
    const rows: number[] = [];
    if (blank) for (const i of index.get(BLANK_KEY) ?? NO_ROWS) rows.push(i);
    for (const text of texts) for (const i of index.get(text) ?? NO_ROWS) rows.push(i);
    rows.sort((a, b) => a - b);
    // A text named twice (`x.c = "a" or x.c = "a"`) gives its rows twice: keep each row once.
    let n = 0;
    for (let k = 0; k < rows.length; k++) if (k === 0 || rows[k] !== rows[k - 1]) rows[n++] = rows[k]!;
    rows.length = n;
    return rows;
  }

  /** Text column `col`: text → rows that read as it (blank cells under BLANK_KEY). */
  private textIndexOf(col: number): Map<string | typeof BLANK_KEY, number[]> {
    let index = this.textIndex[col];
    if (!index) {
      index = new Map();
      for (let i = 0; i < this.rowCount; i++) {
        const v = this.get(col, i);
        const key = typeof v === 'string' ? v : v === BLANK ? BLANK_KEY : undefined;
        if (key === undefined) continue;
        const rows = index.get(key);
        if (rows) rows.push(i);
        else index.set(key, [i]);
      }
      this.textIndex[col] = index;
    }
    return index;
  }

  private readonly textIndex: (Map<string | typeof BLANK_KEY, number[]> | undefined)[] = [];

  /** The row whose key is `key` (first one), or a missing value. */
  byKey(key: string): RowVal | Missing {
    const i = this.keys().get(readText(key));
    return i === undefined ? missing('row', `${this.name}["${key}"]`) : this.rowVals[i]!;
  }

  private keys(): Map<string, number> {
    if (!this.keyIndex) {
      this.keyIndex = new Map();
      const list = new Array<string>(this.rowCount);
      for (let i = 0; i < this.rowCount; i++) {
        const k = this.rowKey(i);
        list[i] = k;
        const first = this.keyIndex.get(k);
        if (first === undefined) this.keyIndex.set(k, i);
        else this.notes.duplicate(this.sym, k, first, i);
      }
      this.keyList = list;
    }
    return this.keyIndex;
  }

  private buildHierarchy(): void {
    if (this.hierarchyBuilt) return;
    this.hierarchyBuilt = true;
    const h = this.sym.hierarchy;
    const n = this.rowCount;
    this.levels = new Int8Array(n).fill(-1);
    this.parents = new Int32Array(n).fill(-1);
    this.kids = new Array(n);
    this.top = [];
    if (!h) return;
    const lengths = h.levels.map((l) => l.length);
    const keys = this.keys();
    // The last row placed at each level: in a table printed in order (类, its 款, their 项, …)
    // it is the parent, found without making the prefix and looking it up.
    const last = lengths.map(() => -1);
    for (let i = 0; i < n; i++) {
      const code = this.rowKey(i);
      const level = lengths.indexOf(code.length);
      if (level < 0 || !isDigits(code)) {
        // A code the conversion spoilt (20805O5, 2.080505E+06, "2080505 机关…", 208.05.05), or lost
        // (a blank code, the name in its place) would be left out of every roll-up without a word:
        // say so. Labels (合计, 人员经费合计, 其中) are not codes, and rows without amounts add nothing.
        if (this.keyData >= 0 && !LABEL.test(code)) {
          const raw = this.data!.rows[i]?.cells[this.keyData];
          if (HAS_DIGIT.test(code) ? !isBlankText(raw) : this.hasAmount(i)) this.notes.notACode(this.sym, isBlankText(raw) ? undefined : code, i);
        }
        continue;
      }
      // A row whose code came before (a row printed twice across a page break) is not in the
      // hierarchy: the first one is, as for lookups by key (SUAN5009 says so).
      if (keys.get(code) !== i) continue;
      this.levels[i] = level;
      last[level] = i;
      if (level <= 0) continue;
      for (let l = level - 1; l >= 0; l--) {
        const q = last[l]!;
        const p = q >= 0 && code.startsWith(this.rowKey(q)) ? q : keys.get(code.slice(0, lengths[l]));
        if (p !== undefined) {
          this.parents[i] = p;
          (this.kids[p] ??= []).push(i);
          break;
        }
      }
    }
    for (let i = 0; i < n; i++) if (this.levels[i]! >= 0 && this.parents[i] === -1) this.top.push(i);
  }

  /**
   * A roll-up's total row keyed `total` is not in the table: when a row looks like it (合计数, 总计,
   * 本年合计), say so once, as the total = Σ top-level check is then not made.
   */
  totalMissing(total: string): void {
    if (this.totalsSaid?.has(total)) return;
    (this.totalsSaid ??= new Set()).add(total);
    for (let i = 0; i < this.rowCount; i++) {
      const key = this.rowKey(i);
      if (TOTAL_LIKE.test(key) && !isDigits(key)) {
        this.notes.totalNotFound(this.sym, total, key, i);
        return;
      }
    }
  }

  private totalsSaid?: Set<string>;

  /** Whether row `i` has a number written in one of the table's numeric columns. */
  private hasAmount(i: number): boolean {
    for (let col = 0; col < this.columns.length; col++) {
      if (!NUMERIC.has(this.columns[col]!.type.k)) continue;
      const raw = this.raw(col, i);
      if (raw !== null && !isBlankText(raw)) return true;
    }
    return false;
  }

  level(i: number): number {
    this.buildHierarchy();
    return this.levels[i]!;
  }

  children(i: number): readonly number[] {
    this.buildHierarchy();
    return this.kids[i] ?? NO_ROWS;
  }

  parent(i: number): number {
    this.buildHierarchy();
    return this.parents[i]!;
  }

  /** Rows with a level and no parent row in the table (what a 合计 row sums). */
  topLevel(): number[] {
    this.buildHierarchy();
    return this.top;
  }
}

export class BoundFact {
  private value?: CellValue;
  readonly unit: string | undefined;
  private readonly half: bigint | undefined;

  /** Whether a declared precision can narrow this fact's interval. */
  get hasDeclaredPrecision(): boolean {
    return this.half !== undefined;
  }

  readonly sym: FactSymbol;

  constructor(plan: FactPlan, readonly data: DataFact | undefined, defaultUnit: string | undefined) {
    const sym = plan.sym;
    this.sym = sym;
    const declared = sym.type.k === 'money' ? sym.type.unit : undefined;
    this.unit = sym.type.k === 'money' ? (moneyUnit(data?.unit) ?? declared ?? moneyUnit(defaultUnit)) : undefined;
    this.half = plan.half(this.unit);
  }

  get(): CellValue {
    if (this.value === undefined) {
      if (!this.data || this.data.raw === null || isBlankText(this.data.raw)) this.value = missing('fact', this.sym.name);
      else this.value = parseCell(this.data.raw, this.sym.type, this.unit, this.half);
    }
    return this.value;
  }

  getLenient(): CellValue {
    if (!this.data || this.data.raw === null || isBlankText(this.data.raw)) return missing('fact', this.sym.name);
    return parseCell(this.data.raw, this.sym.type, this.unit, undefined, true);
  }
}

/**
 * The numeric cells of one document parsed so far, by reading (kind, unit, declared precision)
 * and written text. Cell values are never changed once made, so cells that read alike share one.
 */
export type ParsedCells = Map<string, Map<string, CellValue>>;

/** A ruleset's declarations bound to one disclosure. */
export interface BoundDoc {
  disclosure: Disclosure;
  /** Indexed like `program.tables` (in declaration order). */
  tables: BoundTable[];
  facts: BoundFact[];
  diagnostics: Diagnostic[];
  /**
   * Says a diagnostic about one row or cell of `table` (made by `make`, only when it is listed):
   * the first `MAX_LISTED_PER_TABLE` of each code and table are listed, the others counted, and
   * `closeNotes` says how many. A table of 100,000 rows printed twice says so 100 times, not
   * 100,000 (a report of 60 MB, a gigabyte of memory).
   */
  sayAboutRow(code: DiagnosticCode, table: string, make: () => Diagnostic): void;
  /** Adds one SUAN5025 per code and table that had more to say than was listed; called once, after the rules. */
  closeNotes(): void;
  /** How the document's values read in findings, made once per value (see `viewIn`). */
  views: Map<object, ValueView>;
}

/** Diagnostics of one code about the rows of one table that a document lists one by one. */
export const MAX_LISTED_PER_TABLE = 100;
/** Tables, and facts, that the ruleset does not declare which a document lists one by one. */
export const MAX_LISTED_UNDECLARED = 100;

/** Binds a program to a disclosure and validates the data against the declarations. */
export function bind(program: Program, d: Disclosure, plan: BindPlan = planBinding(program)): BoundDoc {
  const diagnostics: Diagnostic[] = [];
  const defaultUnit = d.meta.currencyUnit;
  const checkUnit = (unit: string | undefined, at: () => ReturnType<Disclosure['tableSpan']>) => {
    if (unit !== undefined && moneyUnit(unit) === undefined) diagnostics.push(diagnostic('SUAN5013', at(), { unit }));
  };
  checkUnit(defaultUnit, () => d.tableSpan(''));
  const parsed: ParsedCells = new Map();
  // What the tables say about their keys when rules first read them: one object for the document.
  const keyCell = (sym: TableSymbol, row: number) => d.cellSpan(sym.name, row, sym.key ? sym.key.name : '');
  // Per code and table: how many diagnostics about its rows were said, and their severity.
  let said: Map<string, { code: DiagnosticCode; table: string; n: number; severity: Diagnostic['severity'] }> | undefined;
  const sayAboutRow = (code: DiagnosticCode, table: string, make: () => Diagnostic): void => {
    const k = `${code}\t${table}`;
    const entry = (said ??= new Map()).get(k);
    if (entry === undefined || entry.n < MAX_LISTED_PER_TABLE) {
      const made = make();
      diagnostics.push(made);
      if (entry) entry.n++;
      else said.set(k, { code, table, n: 1, severity: made.severity });
    } else entry.n++;
  };
  const closeNotes = (): void => {
    if (!said) return;
    for (const { code, table, n, severity } of said.values()) {
      if (n <= MAX_LISTED_PER_TABLE) continue;
      diagnostics.push(diagnostic('SUAN5025', d.tableSpan(table), { table, code, count: n - MAX_LISTED_PER_TABLE, listed: MAX_LISTED_PER_TABLE, total: n }, { severity }));
    }
    said.clear();
  };
  const notes: KeyNotes = {
    duplicate: (sym, key, first, row) => sayAboutRow('SUAN5009', sym.name, () => diagnostic('SUAN5009', keyCell(sym, row), { table: sym.name, key, first: first + 1 })),
    totalNotFound: (sym, total, key, row) => diagnostics.push(diagnostic('SUAN5024', keyCell(sym, row), { table: sym.name, total, key, row: row + 1 })),
    notACode: (sym, key, row) => sayAboutRow('SUAN5021', sym.name, () => {
      const h = sym.hierarchy!;
      const lengths = h.levels.map((l) => l.length);
      return diagnostic('SUAN5021', keyCell(sym, row), {
        table: sym.name, key: key === undefined ? '（空白）' : `“${key}”`, key_en: key === undefined ? '(blank)' : `"${key}"`,
        row: row + 1, hierarchy: h.name, lengths: lengths.join('、'), lengths_en: lengths.join(', '),
      });
    }),
  };
  const tables = plan.tables.map((tp) => {
    const sym = tp.sym;
    const data = d.tables.get(sym.name);
    if (data) checkUnit(data.unit, () => d.tableSpan(sym.name));
    const bt = new BoundTable(tp, data, defaultUnit, notes, parsed);
    if (data) {
      if (tp.hasMoney && !bt.unit) diagnostics.push(diagnostic('SUAN5023', d.tableSpan(sym.name), { table: sym.name }));
      // A table with none of its declared columns (a wrong header row) is one warning, not a note per
      // column: every rule on it would be not applicable, and the document would look clean.
      const noneFound = tp.columns.length > 0 && tp.columns.every((_, ci) => !bt.hasColumn(ci));
      // A table given with neither columns nor rows (`{ empty: true, rows: [] }`, an empty table
      // published) has no header to be wrong: nothing to say about its columns.
      const bare = data.columns.length === 0 && data.rows.length === 0;
      if (noneFound && !bare) {
        const shown = data.columns.slice(0, 8);
        const more = data.columns.length > shown.length;
        diagnostics.push(diagnostic('SUAN5019', d.tableSpan(sym.name), {
          table: sym.name,
          columns: shown.length ? shown.map((c) => `“${c}”`).join('、') + (more ? '……' : '') : '无',
          columns_en: shown.length ? shown.map((c) => `"${c}"`).join(', ') + (more ? ', …' : '') : 'none',
        }));
      }
      for (let ci = 0; ci < tp.columns.length; ci++) {
        const c = tp.columns[ci]!;
        if (!bt.hasColumn(ci)) {
          if (noneFound) continue; // said once above (SUAN5019), or a bare table
          // Names of data columns the ruleset does not declare, close to this one. One that differs
          // by a single character (本年支出总计 for 本年支出合计), or by width or spaces only, is most
          // likely this very column misspelt: a warning, as the rules on it are not applicable. A
          // looser likeness (其他支出 for 基本支出) stays a note with a hint.
          // A header carrying its unit ("本年支出合计（万元）", a printed table's heading): this column.
          const withUnit = data.columns.find((x) => BRACKET.test(x) && !tp.columns.some((o) => o.name === x) && sameLetters(withoutUnit(x), c.name));
          if (withUnit !== undefined) {
            diagnostics.push(diagnostic('SUAN5004', d.tableSpan(sym.name), { table: sym.name, name: c.name, ...unitInName(withUnit, c.name) }, { suggestions: [withUnit], severity: 'warning' }));
            continue;
          }
          const s = tp.suggestions(c.name, data.columns).filter((x) => !tp.columns.some((o) => o.name === x));
          const misspelt = s.filter((x) => sameLetters(x, c.name) || (c.name.length >= 4 && editDistance(x, c.name, 1) <= 1));
          diagnostics.push(misspelt.length
            ? diagnostic('SUAN5004', d.tableSpan(sym.name), { table: sym.name, name: c.name, ...spelledOtherwise(misspelt) }, { suggestions: misspelt, severity: 'warning' })
            : diagnostic('SUAN5004', d.tableSpan(sym.name), { table: sym.name, name: c.name, ...didYouMean(s) }, { suggestions: s }));
          continue;
        }
        if (!tp.numeric[ci] && c.type.k !== 'bool') continue;
        const values = bt.parseColumn(ci);
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          if (typeof v === 'object' && v.t === 'invalid' && !v.misaligned) {
            sayAboutRow('SUAN5005', sym.name, () => diagnostic('SUAN5005', d.cellSpan(sym.name, i, c.name), { text: v.raw, expected: v.expected.zh, expected_en: v.expected.en, table: sym.name, column: c.name, ...numberAdvice(v.raw, true) }));
          }
        }
      }
    }
    return bt;
  });
  // Tables and facts the ruleset does not declare: the first MAX_LISTED_UNDECLARED of each are
  // said one by one (with "did you mean"), the others counted (SUAN5029): a document of a million
  // stray facts is one line, not a million notes (and a report past what a string can hold).
  const undeclared = (n: number, what: string, what_en: string) => {
    const count = n - MAX_LISTED_UNDECLARED;
    if (count > 0) diagnostics.push(diagnostic('SUAN5029', d.tableSpan(''), { count, listed: MAX_LISTED_UNDECLARED, total: n, what, what_en: count === 1 ? what_en.slice(0, -1) : what_en }));
  };
  let strayTables = 0;
  for (const name of d.tables.keys()) {
    if (!program.tables.has(name) && ++strayTables <= MAX_LISTED_UNDECLARED) {
      // A table named by its printed heading, which the ruleset gives as its title ("支出决算表（公开03表）").
      const titled = [...program.tables.values()].filter((t) => t.decl.title?.variants.some((v) => sameLetters(v.value, name) || sameLetters(v.value.replace(TABLE_NUMBER, ''), name))).map((t) => t.name);
      const s = titled.length ? titled : closestNames(name, program.tables.keys());
      diagnostics.push(diagnostic('SUAN5003', d.tableSpan(name), { name, ...didYouMean(s) }, { suggestions: s, severity: s.length ? 'warning' : 'info' }));
    }
  }
  const facts = plan.facts.map((fp) => {
    const sym = fp.sym;
    const data = d.facts.get(sym.name);
    if (data) checkUnit(data.unit, () => d.factSpan(sym.name));
    const bf = new BoundFact(fp, data, defaultUnit);
    const v = bf.get();
    if (typeof v === 'object' && v.t === 'invalid') {
      diagnostics.push(diagnostic('SUAN5011', d.factSpan(sym.name), { text: v.raw, expected: v.expected.zh, expected_en: v.expected.en, name: sym.name, ...numberAdvice(v.raw, false) }));
    }
    return bf;
  });
  undeclared(strayTables, '表', 'tables');
  let strayFacts = 0;
  for (const name of d.facts.keys()) {
    if (!program.facts.has(name) && ++strayFacts <= MAX_LISTED_UNDECLARED) {
      const s = closestNames(name, program.facts.keys());
      diagnostics.push(diagnostic('SUAN5010', d.factSpan(name), { name, ...didYouMean(s) }, { suggestions: s, severity: s.length ? 'warning' : 'info' }));
    }
  }
  undeclared(strayFacts, '事实', 'facts');
  const years = program.info.years;
  if (years && d.meta.year !== undefined && (d.meta.year < years.from || d.meta.year > years.to)) {
    diagnostics.push(diagnostic('SUAN5020', d.tableSpan(''), { year: d.meta.year, from: years.from, to: years.to }));
  }
  // A kind written with its year in front ("2021年度部门决算") is that kind.
  if (program.info.kinds.length && d.meta.kind && !program.info.kinds.some((k) => d.meta.kind === k || d.meta.kind!.endsWith(k))) {
    diagnostics.push(diagnostic('SUAN5014', d.tableSpan(''), { kind: d.meta.kind, expected: program.info.kinds.join('、') }));
  } else if (program.tables.size + program.facts.size > 0 && !tables.some((t) => t.data) && !facts.some((f) => f.data) && !d.unread?.size) {
    // Not one declared table or fact: every rule would be not applicable (or pass vacuously), and
    // the document would look clean. Most likely it is another kind of document, or named otherwise.
    // (Not when tables could not be read: their own diagnostics say why.)
    const kinds = program.info.kinds;
    const kind = kinds.length ? { kind: `（${kinds.join('、')}）`, kind_en: ` (${kinds.join(', ')})` } : { kind: '', kind_en: '' };
    diagnostics.push(diagnostic('SUAN5018', d.tableSpan(''), kind));
  } else if ((program.info.kinds.length && !d.meta.kind) || (years && d.meta.year === undefined)) {
    // A ruleset for some kinds or years, and a document that does not say its own (no `document:`,
    // or one without kind or year): whether the rules fit it cannot be told (docs/data-format.md).
    const noKind = program.info.kinds.length > 0 && !d.meta.kind;
    const noYear = years !== undefined && d.meta.year === undefined;
    const which = noKind && noYear ? { what: '文档类型和年度', what_en: 'its kind and year' } : noKind ? { what: '文档类型', what_en: 'its kind' } : { what: '年度', what_en: 'its year' };
    const scope = [program.info.kinds.join('、'), years ? `${years.from}–${years.to}` : ''].filter(Boolean);
    diagnostics.push(diagnostic('SUAN5027', d.tableSpan(''), { ...which, scope: scope.join('，'), scope_en: scope.join(', ') }));
  }
  return { disclosure: d, tables, facts, diagnostics, sayAboutRow, closeNotes, views: new Map() };
}

