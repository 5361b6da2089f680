/**
 * CSV tables (RFC 4180: comma separated, double-quote quoting, UTF-8, optional BOM). A small
 * reader of our own because every cell must keep its offset for file:line:column locations,
 * which the CSV libraries we looked at report per record only.
 */

export interface CsvTable {
  header: string[];
  rows: { cells: string[]; offsets: number[] }[];
  headerOffsets: number[];
}

/** Separators other than the comma that a spreadsheet may have saved a "CSV" file with. */
const SEPARATORS: [string, string, string][] = [['\t', '制表符', 'tabs'], [';', '分号', 'semicolons']];

export function parseCsvSource(text: string): { table?: CsvTable; error?: { offset: number; zh: string; en: string } } {
  const records: { cells: string[]; offsets: number[] }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let cells: string[] = [];
  let offsets: number[] = [];
  while (i <= text.length) {
    const start = i;
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return { error: { offset: start, zh: '引号没有闭合', en: 'unterminated quoted field' } };
        if (text[i] === '"') {
          if (text[i + 1] === '"') { value += '"'; i += 2; continue; }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        return { error: { offset: i, zh: '引号字段之后应为逗号或换行', en: 'expected a comma or a line break after a quoted field' } };
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
      value = text.slice(start, i);
    }
    cells.push(value);
    offsets.push(start);
    if (text[i] === ',') { i++; continue; }
    // End of record.
    if (!(cells.length === 1 && cells[0] === '' && (i >= text.length || text[i] === '\n' || text[i] === '\r'))) records.push({ cells, offsets });
    cells = [];
    offsets = [];
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i++;
  }
  const [head, ...rows] = records;
  if (!head) return { error: { offset: 0, zh: 'CSV 文件为空，第一行应为列名', en: 'the CSV file is empty; its first line must name the columns' } };
  // Saved with another separator ("Text (Tab delimited)", or a locale's semicolons), every line
  // is one cell: no column would be found, and every rule would be not applicable, silently.
  if (head.cells.length === 1) {
    for (const [sep, zh, en] of SEPARATORS) {
      if (head.cells[0]!.includes(sep)) {
        return {
          error: {
            offset: head.offsets[0]!,
            zh: `第一行（列名）只有一个单元格，其中有${zh}：这个文件似乎以${zh}而不是逗号分隔。请另存为逗号分隔的 CSV，例如 Excel 的“CSV UTF-8（逗号分隔）”`,
            en: `the first line (the column names) is a single cell with ${en} in it: the file seems to be separated by ${en}, not commas. Save it as comma-separated CSV, e.g. Excel's "CSV UTF-8 (Comma delimited)"`,
          },
        };
      }
    }
  }
  return { table: { header: head.cells.map((h) => h.trim()), headerOffsets: head.offsets, rows } };
}
