/**
 * The common JSON disclosure read in one pass, straight into the shape the zod schema gives
 * (`DisclosureInput`): no syntax tree, no plain copy, no schema walk. It reads only what a
 * well-formed disclosure holds — the four top-level fields, tables whose rows are lists or
 * objects of cells, facts of any shape — and gives up (undefined) on anything else: a syntax
 * error, a key written twice, a field of the wrong type, a table read from CSV, a `__proto__`
 * key. The careful path (`parseJsonSource` + `DisclosureSchema`) then reads the file and says
 * what is wrong, where. Whenever this reader gives a value, it is the value the careful path
 * would give (property-tested in json-disclosure.property.test.ts).
 */
import { ESCAPE_OR_CONTROL, MAX_DEPTH, NUMBER, skipSpace, stringEnd } from './json-source';
import { YEAR, type DisclosureInput, type TableInput } from './schema';

/** Thrown inside the reader to give up; never escapes it. */
const GIVE_UP: unique symbol = Symbol('give up');

/** What `readJsonDisclosure` read. */
export interface JsonDisclosure {
  input: DisclosureInput;
  /** Each object read (by where it starts): where each of its values starts. Seeds `jsonLocator`. */
  objects: Map<number, Map<string, number>>;
}

/** The disclosure written in `text`, or undefined when the careful path must read it. */
export function readJsonDisclosure(text: string): JsonDisclosure | undefined {
  let i = 0;
  const objects = new Map<number, Map<string, number>>();
  const giveUp = (): never => {
    throw GIVE_UP;
  };
  const expect = (code: number) => {
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== code) giveUp();
    i++;
  };
  /** A string value (decoded); any other value gives up. */
  const str = (): string => {
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== 34) return num();
    const end = stringEnd(text, i);
    if (end - 1 <= i || text.charCodeAt(end - 1) !== 34) giveUp(); // no closing quote
    const body = text.slice(i + 1, end - 1);
    let s = body;
    if (ESCAPE_OR_CONTROL.test(body)) {
      try {
        s = JSON.parse(text.slice(i, end)) as string;
      } catch {
        return giveUp();
      }
    }
    i = end;
    return s;
  };
  /** A number, as written (what the careful reader keeps). */
  const num = (): string => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0].length === 0) return giveUp();
    i += m[0].length;
    return m[0];
  };
  const literal = (word: string): boolean => {
    i = skipSpace(text, i);
    if (!text.startsWith(word, i)) return false;
    i += word.length;
    return true;
  };
  /** A cell: a string, a number (as written) or null. */
  const cell = (): string | null => (literal('null') ? null : str());
  /** A row: a list of cells (the hot loop: most of a disclosure's characters are cells). */
  const row = (): (string | null)[] => {
    const cells: (string | null)[] = [];
    i = skipSpace(text, i);
    if (text.charCodeAt(i++) !== 91) giveUp();
    i = skipSpace(text, i);
    if (text.charCodeAt(i) === 93) {
      i++;
      return cells;
    }
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        // A string without escapes (nearly every cell): up to the next quote, in one scan.
        let k = i + 1;
        let ch = text.charCodeAt(k);
        while (ch !== 34 && ch !== 92 && ch >= 32) ch = text.charCodeAt(++k); // NaN (the end) stops it too
        if (ch === 34) {
          cells.push(text.slice(i + 1, k));
          i = k + 1;
        } else cells.push(str()); // an escape, a control character or no closing quote
      } else cells.push(cell());
      i = skipSpace(text, i);
      const c = text.charCodeAt(i++);
      if (c === 93) return cells;
      if (c !== 44) giveUp();
      i = skipSpace(text, i);
    }
  };
  /**
   * The entries of an object, each read by `entry` (which reads the value after the colon). Keys
   * written twice and `__proto__` give up.
   */
  const object = (entry: (key: string) => void): void => {
    i = skipSpace(text, i);
    const start = i;
    if (text.charCodeAt(i++) !== 123) giveUp();
    const entries = new Map<string, number>(); // key → where its value starts (for `jsonLocator`)
    objects.set(start, entries);
    i = skipSpace(text, i);
    if (text.charCodeAt(i) === 125) {
      i++;
      return;
    }
    for (;;) {
      i = skipSpace(text, i);
      if (text.charCodeAt(i) !== 34) giveUp();
      const key = str();
      if (key === '__proto__' || entries.has(key)) giveUp();
      expect(58);
      entries.set(key, skipSpace(text, i));
      entry(key);
      i = skipSpace(text, i);
      const c = text.charCodeAt(i++);
      if (c === 125) return;
      if (c !== 44) giveUp();
    }
  };
  /** The items of an array, each read by `item`. */
  const array = (item: () => void): void => {
    expect(91);
    i = skipSpace(text, i);
    if (text.charCodeAt(i) === 93) {
      i++;
      return;
    }
    for (;;) {
      item();
      i = skipSpace(text, i);
      const c = text.charCodeAt(i++);
      if (c === 93) return;
      if (c !== 44) giveUp();
    }
  };
  /** Any value (facts), as the careful reader's plain value. */
  const plain = (depth: number): unknown => {
    if (depth > MAX_DEPTH) giveUp();
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 123) {
      const o: Record<string, unknown> = {};
      object((k) => {
        o[k] = plain(depth + 1);
      });
      return o;
    }
    if (c === 91) {
      const a: unknown[] = [];
      array(() => a.push(plain(depth + 1)));
      return a;
    }
    if (literal('null')) return null;
    if (literal('true')) return true;
    if (literal('false')) return false;
    return str();
  };
  const table = (): TableInput => {
    const t: TableInput = {};
    object((k) => {
      switch (k) {
        case 'title': case 'unit': case 'source':
          t[k] = str();
          return;
        case 'empty':
          if (literal('true')) t.empty = true;
          else if (literal('false')) t.empty = false;
          else giveUp();
          return;
        case 'columns': {
          const columns: string[] = [];
          array(() => columns.push(str()));
          t.columns = columns;
          return;
        }
        case 'rows': {
          const rows: NonNullable<TableInput['rows']> = [];
          array(() => {
            i = skipSpace(text, i);
            if (text.charCodeAt(i) === 123) {
              // A row written as an object: cells by column name (and the row's `$source`).
              const r: Record<string, string | null> = {};
              object((k) => {
                r[k] = cell();
              });
              rows.push(r);
            } else rows.push(row());
          });
          t.rows = rows;
          return;
        }
        default:
          giveUp(); // `csv` (read through the file host) and unknown fields
      }
    });
    return t;
  };

  try {
    const out: DisclosureInput = {};
    object((k) => {
      switch (k) {
        case 'suan':
          if (cell() !== '1') giveUp();
          out.suan = '1';
          return;
        case 'document': {
          const d: Record<string, string> = {};
          object((dk) => {
            d[dk] = str();
          });
          if (d.year !== undefined && !YEAR.test(d.year)) giveUp();
          out.document = d;
          return;
        }
        case 'tables': {
          const tables: Record<string, TableInput> = {};
          object((name) => {
            tables[name] = table();
          });
          out.tables = tables;
          return;
        }
        case 'facts': {
          const facts = plain(1);
          if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) giveUp();
          out.facts = facts as Record<string, unknown>;
          return;
        }
        default:
          giveUp();
      }
    });
    if (skipSpace(text, i) !== text.length) return undefined;
    return { input: out, objects };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}
