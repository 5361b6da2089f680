import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandGlob, globMatches, globToRegExp, resolveBinding } from '../src/bindings';
import { MemoryFileSystem } from '../src/file-system';

const fs = new MemoryFileSystem({
  '/ws/rulesets/juesuan/juesuan.suan': '',
  '/ws/rulesets/juesuan/examples/a.yaml': '',
  '/ws/rulesets/juesuan/examples/b.json': '',
  '/ws/rulesets/juesuan/examples/notes.md': '',
  '/ws/rulesets/city/city.suan': '',
  '/ws/rulesets/city/city.data.yml': '',
  '/ws/data/2021/x.yaml': '',
  '/ws/data/2022/y.yaml': '',
  '/ws/lonely/lonely.suan': '',
});
const inputs = (config: Record<string, string[] | string> = {}, manual = new Map<string, string[]>()) => ({ fs, folders: ['/ws'], config, manual });

describe('data bindings', () => {
  it('binds by convention: examples/ next to the ruleset, and <name>.data.* beside it', () => {
    expect(resolveBinding('/ws/rulesets/juesuan/juesuan.suan', inputs())).toEqual({
      entry: '/ws/rulesets/juesuan/juesuan.suan', files: ['/ws/rulesets/juesuan/examples/a.yaml', '/ws/rulesets/juesuan/examples/b.json'], source: 'convention',
    });
    expect(resolveBinding('/ws/rulesets/city/city.suan', inputs()).files).toEqual(['/ws/rulesets/city/city.data.yml']);
    expect(resolveBinding('/ws/lonely/lonely.suan', inputs())).toMatchObject({ files: [], source: 'none' });
  });

  it('binds by the suan.data setting, which wins over the convention', () => {
    const b = resolveBinding('/ws/rulesets/juesuan/juesuan.suan', inputs({ 'rulesets/juesuan/*.suan': ['data/**/*.yaml'] }));
    expect(b).toMatchObject({ source: 'config', files: ['/ws/data/2021/x.yaml', '/ws/data/2022/y.yaml'] });
    const rel = resolveBinding('/ws/rulesets/city/city.suan', inputs({ '**/city.suan': './examples/*.yaml' }));
    expect(rel).toMatchObject({ source: 'config', files: [] });
  });

  it('lets a binding set at run time win over both', () => {
    const manual = new Map([['/ws/rulesets/juesuan/juesuan.suan', ['/ws/data/2021/x.yaml']]]);
    expect(resolveBinding('/ws/rulesets/juesuan/juesuan.suan', inputs({ '**/*.suan': ['data/**/*.yaml'] }, manual))).toMatchObject({ source: 'manual', files: ['/ws/data/2021/x.yaml'] });
  });

  it('understands **, *, ?, {a,b} and [..] in globs', () => {
    expect(globToRegExp('a/**/*.{yaml,yml}').test('a/b/c/d.yml')).toBe(true);
    expect(globToRegExp('a/**/*.{yaml,yml}').test('a/d.yaml')).toBe(true);
    expect(globToRegExp('a/*.yaml').test('a/b/d.yaml')).toBe(false);
    expect(globToRegExp('a/20[0-9]?/x.yaml').test('a/2021/x.yaml')).toBe(true);
    expect(globMatches('rulesets/*/juesuan.suan', '/ws/rulesets/juesuan/juesuan.suan', '/ws')).toBe(true);
    expect(expandGlob(fs, 'data/*/x.yaml', '/ws')).toEqual([path.resolve('/ws/data/2021/x.yaml')]);
  });
});
