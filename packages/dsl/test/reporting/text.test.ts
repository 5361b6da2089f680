/** The text report (reporting/text.ts): what reaches a terminal. */
import { describe, expect, it } from 'vitest';
import { Sink } from '../../src/reporting/sink';
import { TextReporter, terminalSafe } from '../../src/reporting/text';
import { ROOT, ruleset, run } from '../helpers';

describe('terminalSafe', () => {
  // A document's unit, a cell's text or a file name reach the report as written: escape sequences
  // in them once went to the terminal as they were (clear the screen, move the cursor, set the title).
  it('shows control characters escaped, and keeps colour codes, tabs and newlines', () => {
    expect(terminalSafe('合成单位\u001b[2J\u001b[H\u001b]0;pwned\u0007 x')).toBe('合成单位\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07 x');
    expect(terminalSafe('a\rb\u0000c\u007fd\u009be')).toBe('a\\x0db\\x00c\\x7fd\\x9be');
    expect(terminalSafe('\u001b[31m✗\u001b[0m\tJS0101\n')).toBe('\u001b[31m✗\u001b[0m\tJS0101\n');
    // A tester's round: a cell's ESC[8m (conceal) passed as if it were a colour code of the report,
    // and hid the rest of a CI log. Only the report's own codes are kept, and none without colour.
    expect(terminalSafe('a\u001b[8mhidden\u001b[0m')).toBe('a\\x1b[8mhidden\u001b[0m');
    expect(terminalSafe('\u001b[31m✗\u001b[0m x', false)).toBe('\\x1b[31m✗\\x1b[0m x');
  });
});

describe('a line break in the data', () => {
  // A verifying tester: an indicator named "支付\n进度率" split its row of the scorecard's table,
  // and a cell's text its finding's message, into two lines of the report.
  it('is shown as a space: each line of the report stays one line', () => {
    const rules = 'ruleset t { title "t" }\ntable 表 { key 编码: text  名称: text  金额: money }\nrule R "名称" en "Names" { for r in 表 assert r.金额 >= 0 元 message "{r.名称} 为负" en "{r.名称} is negative" }\n';
    const yaml = 'suan: 1\ndocument: { currency_unit: 元 }\ntables:\n  表:\n    columns: [编码, 名称, 金额]\n    rows: [["1", "pension\\nfund\\u2028x", "-1.00"]]\n';
    const result = run(rules, yaml);
    const out = Sink.memory();
    const text = new TextReporter(out, { lang: 'en', color: false, verbose: false, cwd: ROOT });
    text.begin({ program: ruleset(rules).program, lang: 'en', cwd: ROOT, toolVersion: 'test' });
    text.document({ file: `${ROOT}/data.yaml`, result, diagnostics: result.diagnostics });
    const lines = out.text().split('\n');
    expect(lines.filter((l) => l.includes('pension'))).toEqual([expect.stringContaining('pension fund x is negative')]);
    expect(lines.some((l) => l.startsWith('fund'))).toBe(false);
  });
});
