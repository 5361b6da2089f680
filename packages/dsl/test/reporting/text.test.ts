/** The text report (reporting/text.ts): what reaches a terminal. */
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/reporting/text';

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
