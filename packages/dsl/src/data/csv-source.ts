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
  return { table: { header: head.cells.map((h) => h.trim()), headerOffsets: head.offsets, rows } };
}
