/**
 * The message catalogue (diagnostics/catalogue.ts): every diagnostic Suan can report exists in
 * zh-CN and en, with the same placeholders in both, and every code the sources emit is in it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, closestNames, formatDiagnostic, formatMessage, hasErrors, type Diagnostic, type DiagnosticCode } from '../../src/index';
import { placeholders } from '../fixtures/support';

const entries = Object.entries(CATALOGUE) as [DiagnosticCode, { severity: string; zh: string; en: string }][];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the catalogue', () => {
  it('has stable codes SUANnnnn whose first digit is the layer', () => {
    expect(entries.length).toBeGreaterThan(50);
    for (const [code] of entries) expect(code).toMatch(/^SUAN[0-5]\d{3}$/);
  });

  it.each(entries)('%s has a non-empty message in zh-CN and en, with the same placeholders', (code, e) => {
    expect(['error', 'warning', 'info', 'hint']).toContain(e.severity);
    expect(e.zh.trim()).not.toBe('');
    expect(e.en.trim()).not.toBe('');
    expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.en).toMatch(/[A-Za-z]{3}/);
    expect([...placeholders(e.zh)].sort(), code).toEqual([...placeholders(e.en)].sort());
    expect(e.en.trim()).not.toBe(e.zh.trim());
  });

  it('holds every code the sources emit', () => {
    const src = path.resolve(__dirname, '../../src');
    const used = new Set<string>();
    for (const f of sourceFiles(src)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/'(SUAN\d{4})'/g)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((c) => !(c in CATALOGUE));
    expect(missing).toEqual([]);
  });
});

describe('rendering', () => {
  const d = (code: DiagnosticCode, args: Diagnostic['args']): Diagnostic => ({
    code, args, severity: CATALOGUE[code].severity, span: { file: '/r/a.suan', start: 0, end: 1, line: 3, col: 7, endLine: 3, endCol: 8 },
  });

  it('fills placeholders, taking `name_en` arguments for English', () => {
    const x = d('SUAN2001', { name: '收入', hint: '是否想写 “收入合计”？', hint_en: 'Did you mean "收入合计"?' });
    expect(formatMessage(x, 'zh-CN')).toBe('未知的名称 “收入”。是否想写 “收入合计”？');
    expect(formatMessage(x, 'en')).toBe('Unknown name "收入". Did you mean "收入合计"?');
  });

  it('says each diagnostic with its own arguments, however often messages repeat (messages are remembered)', () => {
    for (let k = 0; k < 3; k++) {
      expect(formatMessage(d('SUAN2001', { name: '收入', hint: '' }), 'en')).toBe('Unknown name "收入".');
      expect(formatMessage(d('SUAN2001', { name: '支出', hint: '' }), 'en')).toBe('Unknown name "支出".');
      // Arguments that would run together in a naive key stay apart.
      expect(formatMessage(d('SUAN2001', { name: 'a\u0000hint\u0000b', hint: '' }), 'en')).toBe('Unknown name "a\u0000hint\u0000b".');
      expect(formatMessage(d('SUAN2001', { name: 'a', hint: 'b' }), 'en')).toBe('Unknown name "a". b');
    }
  });

  it('formats one line with file, line, column, severity and code', () => {
    expect(formatDiagnostic(d('SUAN1004', { digits: 41, limit: 40 }), 'en')).toBe('/r/a.suan:3:7 error SUAN1004: Number literal is too long (41 digits, limit 40).');
    expect(formatDiagnostic(d('SUAN1004', { digits: 41, limit: 40 }), 'zh-CN')).toBe('/r/a.suan:3:7 error SUAN1004: 数字字面量过长（41 位，上限 40）。');
  });

  it('tells errors from warnings', () => {
    expect(hasErrors([d('SUAN2006', { name: 'x' })])).toBe(false);
    expect(hasErrors([d('SUAN2006', { name: 'x' }), d('SUAN2001', { name: 'x', hint: '', hint_en: '' })])).toBe(true);
  });
});

describe('did you mean', () => {
  it('suggests names within an edit distance scaled to the length, closest first, at most three', () => {
    expect(closestNames('本年支出合', ['本年支出合计', '本年收入合计', '基本支出', '其他'])).toEqual(['本年支出合计']);
    expect(closestNames('rond', ['round', 'sum', 'abs'])).toEqual(['round']);
    expect(closestNames('a', ['b', 'c', 'd', 'e'])).toEqual(['b', 'c', 'd']);
    expect(closestNames('完全无关', ['本年支出合计'])).toEqual([]);
    expect(closestNames('同名', ['同名'])).toEqual([]);
  });
});
