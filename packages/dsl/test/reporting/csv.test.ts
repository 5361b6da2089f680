/** CSV fields (reporting/csv.ts): quoting, and text that a spreadsheet must not run as a formula. */
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/reporting/csv';

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('合成单位, "甲"')).toBe('"合成单位, ""甲"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain 文本')).toBe('plain 文本');
    expect(csvField(undefined)).toBe('');
    expect(csvField(12)).toBe('12');
  });

  // A data file's text reaches the report (units, item names, messages quoting cells). Before,
  // such text was only quoted, and Excel still runs a quoted =HYPERLINK(…) as a formula.
  it('keeps text that starts like a formula as text, with a leading apostrophe', () => {
    expect(csvField('=HYPERLINK("http://x","点此")')).toBe(`"'=HYPERLINK(""http://x"",""点此"")"`);
    expect(csvField('+1+2')).toBe("'+1+2");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
  });

  it('leaves numbers as numbers, negative ones included', () => {
    for (const n of ['-100.00', '+3', '12.5%', '0']) expect(csvField(n)).toBe(n);
    expect(csvField('-1,500.00')).toBe('"-1,500.00"'); // quoted for its comma, not marked as text
  });
});
