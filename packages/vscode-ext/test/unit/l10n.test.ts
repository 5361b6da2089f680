/**
 * Localisation: every contribution text (%key% in package.json) exists in package.nls.json and
 * package.nls.zh-cn.json; every runtime text (t('…') in src/) has its zh-CN translation in
 * l10n/bundle.l10n.zh-cn.json, with the same {n} placeholders; no stale entries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { configureL10n, pick, resolveLang, t } from '../../src/i18n';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;
const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

/** Every `t('…')` string literal in the extension's sources. */
function runtimeKeys(): Set<string> {
  const keys = new Set<string>();
  for (const f of readdirSync(path.join(root, 'src'))) {
    if (!f.endsWith('.ts')) continue;
    const src = readFileSync(path.join(root, 'src', f), 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(m[1]!.replace(/\\'/g, "'"));
    // Only literal keys: a t( with anything else is not translatable.
    expect(src.match(/\bt\(\s*[^'\s)]/g) ?? [], `${f} calls t() without a string literal`).toEqual([]);
  }
  return keys;
}

describe('localisation', () => {
  test('package.json contribution texts exist in English and Chinese', () => {
    const pkg = readFileSync(path.join(root, 'package.json'), 'utf8');
    const used = new Set([...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    expect([...used].filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  test('every runtime text has a zh-CN translation with the same placeholders', () => {
    const keys = runtimeKeys();
    const zh = json('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;
    expect([...keys].filter((k) => !(k in zh))).toEqual([]);
    expect(Object.keys(zh).filter((k) => !keys.has(k))).toEqual([]);
    for (const [k, v] of Object.entries(zh)) expect(placeholders(v), k).toEqual(placeholders(k));
  });

  test('suan.lang picks the bundle', () => {
    expect(resolveLang('auto', 'zh-cn')).toBe('zh');
    expect(resolveLang('auto', 'en')).toBe('en');
    expect(resolveLang('zh-CN', 'en')).toBe('zh');
    expect(resolveLang('en', 'zh-cn')).toBe('en');
    configureL10n('zh', path.join(root, 'l10n'));
    expect(t('{0} failing', 3)).toBe('3 处不符');
    expect(pick({ zh: '通过', en: 'passed' })).toBe('通过');
    configureL10n('en', path.join(root, 'l10n'));
    expect(t('{0} failing', 3)).toBe('3 failing');
    expect(pick({ zh: '通过', en: 'passed' })).toBe('passed');
  });
});
