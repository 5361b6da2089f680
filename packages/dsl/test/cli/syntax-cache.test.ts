/**
 * The CLI's syntax cache (src/cli/syntax-cache.ts): trees kept on disk between runs, used only for
 * the same text and the same build, and never a reason for a run to fail.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkDisclosure } from '../../src/api';
import { loadRulesetFile } from '../../src/cli/ruleset-file';
import { syntaxCache, syntaxCacheDir } from '../../src/cli/syntax-cache';
import type { ParseCache } from '../../src/semantics/sources';
import { parse } from '../../src/syntax/parse';
import { REPO, suan } from './run-cli';

const temporary: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-syntax-cache-test-'));
  temporary.push(d);
  return d;
}
afterEach(() => {
  for (const d of temporary.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const JUESUAN = path.join(REPO, 'rulesets/juesuan');
const EXAMPLES = path.join(JUESUAN, 'examples');

/** A copy of the juesuan ruleset (sources only) in a new folder. */
function juesuanCopy(): string {
  const d = tempDir();
  for (const f of fs.readdirSync(JUESUAN).filter((n) => n.endsWith('.suan'))) fs.copyFileSync(path.join(JUESUAN, f), path.join(d, f));
  return d;
}

/** A cache that counts the entries it found (`hits`) and did not find, and the entries written. */
function counting(inner: ParseCache) {
  const counts = { hits: 0, misses: 0, writes: 0 };
  const cache: ParseCache = {
    get(p) {
      const e = inner.get(p);
      if (e) counts.hits++;
      else counts.misses++;
      return e;
    },
    set(p, e) {
      counts.writes++;
      return inner.set(p, e);
    },
  };
  return { cache, counts };
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('syntaxCache', () => {
  const file = '/rules/a.suan';
  const text = 'rule R1 "总计" {\n  assert 1 = 1\n}\n';
  const broken = 'rule R1 "总计" {\n  assert 1 = \n';

  it('gives back, for the text it was parsed from, the tree and diagnostics parse gave', () => {
    const dir = tempDir();
    const cache = syntaxCache(dir, 'build-1');
    expect(cache.get(file)).toBeUndefined();
    for (const t of [text, broken]) {
      const parsed = parse(t, file);
      cache.set(file, { text: t, parsed });
      const hit = syntaxCache(dir, 'build-1').get(file)!;
      expect(hit.text).toBe(t);
      expect(hit.parsed.ast).toEqual(plain(parsed.ast));
      expect(hit.parsed.diagnostics).toEqual(plain(parsed.diagnostics));
    }
    expect(parse(broken, file).diagnostics.length).toBeGreaterThan(0);
    expect(fs.readdirSync(dir)).toHaveLength(1); // one entry per source file, overwritten
  });

  it('is not used by another build, for another path, or when the entry is damaged', () => {
    const dir = tempDir();
    syntaxCache(dir, 'build-1').set(file, { text, parsed: parse(text, file) });
    expect(syntaxCache(dir, 'build-2').get(file)).toBeUndefined();
    expect(syntaxCache(dir, 'build-1').get('/rules/b.suan')).toBeUndefined();
    const [entry] = fs.readdirSync(dir);
    const stored = fs.readFileSync(path.join(dir, entry!), 'utf8');
    // The same entry under the name of another path's entry: its head names the path it is for.
    syntaxCache(dir, 'build-1').set('/rules/b.suan', { text, parsed: parse(text, '/rules/b.suan') });
    const other = fs.readdirSync(dir).find((n) => n !== entry)!;
    fs.writeFileSync(path.join(dir, other), stored);
    expect(syntaxCache(dir, 'build-1').get('/rules/b.suan')).toBeUndefined();
    // One character of the tree changed ("R1" → "R2"): the entry's hash no longer matches.
    fs.writeFileSync(path.join(dir, entry!), stored.replace('"R1"', '"R2"'));
    expect(stored).toContain('"R1"');
    expect(syntaxCache(dir, 'build-1').get(file)).toBeUndefined();
    fs.writeFileSync(path.join(dir, entry!), stored.slice(0, stored.length / 2));
    expect(syntaxCache(dir, 'build-1').get(file)).toBeUndefined();
    fs.writeFileSync(path.join(dir, entry!), stored);
    expect(syntaxCache(dir, 'build-1').get(file)?.text).toBe(text);
  });

  it('is its user\'s alone: made readable by its owner only, and an entry another user wrote is not used', () => {
    const dir = path.join(tempDir(), 'cache');
    syntaxCache(dir, 'build-1').set(file, { text, parsed: parse(text, file) });
    const [entry] = fs.readdirSync(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, entry!)).mode & 0o777).toBe(0o600);
    expect(syntaxCache(dir, 'build-1').get(file)?.text).toBe(text);
    // In a shared cache folder, someone else's entry could stand for another ruleset than the one on disk.
    const getuid = vi.spyOn(process, 'getuid').mockReturnValue(process.getuid!() + 1);
    try {
      expect(syntaxCache(dir, 'build-1').get(file)).toBeUndefined();
    } finally {
      getuid.mockRestore();
    }
  });

  it('writes nothing through a link, and reads no link, no pipe and no other kind of file as an entry', () => {
    const dir = path.join(tempDir(), 'cache');
    const cache = syntaxCache(dir, 'build-1');
    cache.set(file, { text, parsed: parse(text, file) });
    const [entry] = fs.readdirSync(dir);
    const at = path.join(dir, entry!);
    // A link where the entry goes: replaced by the entry, the file it led to untouched.
    const victim = path.join(tempDir(), 'victim.txt');
    fs.writeFileSync(victim, 'precious');
    fs.rmSync(at);
    fs.symlinkSync(victim, at);
    expect(cache.get(file)).toBeUndefined(); // a link is not read
    cache.set(file, { text, parsed: parse(text, file) });
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.lstatSync(at).isFile()).toBe(true);
    // A named pipe in its place: a miss at once (opening it used to wait for a writer, for ever).
    fs.rmSync(at);
    execFileSync('mkfifo', [at]);
    expect(cache.get(file)).toBeUndefined();
    fs.rmSync(at);
    fs.mkdirSync(at);
    expect(cache.get(file)).toBeUndefined();
    expect(fs.readdirSync(dir).filter((n) => !n.endsWith('.syntax'))).toEqual([]); // no temporary file left
  });

  it('keeps a file\'s path once per entry, not once per span: a long path does not make a large entry', () => {
    const dir = tempDir();
    const cache = syntaxCache(dir, 'build-1');
    const source = fs.readFileSync(path.join(JUESUAN, 'rules-tables.suan'), 'utf8');
    const short = '/r/a.suan';
    const long = `/${'数据'.repeat(100)}/${'规则'.repeat(100)}/a.suan`;
    for (const p of [short, long]) cache.set(p, { text: source, parsed: parse(source, p) });
    const size = (p: string) => fs.statSync(path.join(dir, fs.readdirSync(dir).find((n) => fs.readFileSync(path.join(dir, n), 'utf8').includes(p))!)).size;
    expect(size(long) - size(short)).toBeLessThan(4 * Buffer.byteLength(long));
    expect(size(short)).toBeLessThan(12 * Buffer.byteLength(source));
    // Every span gets its path back.
    const hit = cache.get(long)!;
    expect(hit.parsed.ast).toEqual(plain(parse(source, long).ast));
    expect(JSON.stringify(hit.parsed.ast)).not.toContain('"file":0');
  });

  it('gives every span its path back whatever the path holds (quotes, backslashes), and leaves a text that spells the path alone', () => {
    const dir = tempDir();
    const cache = syntaxCache(dir, 'build-1');
    for (const p of ['/r/"引号" \\ a.suan', '/r/a.suan']) {
      // A message whose text is `"file":"<the path>"` as the entry writes a span's path.
      const source = `rule R1 "总计" {\n  assert 1 = 1\n  message ${JSON.stringify(`"file":${JSON.stringify(p)}`)}\n}\n`;
      const parsed = parse(source, p);
      expect(parsed.diagnostics).toEqual([]);
      cache.set(p, { text: source, parsed });
      const hit = cache.get(p)!;
      expect(hit.parsed.ast).toEqual(plain(parsed.ast));
    }
  });

  it('removes entries not written for 30 days and temporary files a stopped run left, and keeps at most 2,000', () => {
    const dir = tempDir();
    const cache = syntaxCache(dir, 'build-1');
    const old = Date.now() / 1000 - 31 * 24 * 3600;
    for (let i = 0; i < 2_010; i++) fs.writeFileSync(path.join(dir, `${String(i).padStart(32, '0')}.syntax`), '');
    fs.utimesSync(path.join(dir, `${'0'.repeat(32)}.syntax`), old, old);
    fs.writeFileSync(path.join(dir, 'left-by-a-stopped-run.syntax-tmp'), '');
    fs.utimesSync(path.join(dir, 'left-by-a-stopped-run.syntax-tmp'), old, old);
    fs.writeFileSync(path.join(dir, 'somebody-elses.json'), '{}');
    cache.set(file, { text, parsed: parse(text, file) });
    const names = fs.readdirSync(dir);
    expect(names).toContain('somebody-elses.json'); // not the cache's: left alone
    expect(names).not.toContain(`${'0'.repeat(32)}.syntax`);
    expect(names).not.toContain('left-by-a-stopped-run.syntax-tmp');
    expect(names.filter((n) => n.endsWith('.syntax'))).toHaveLength(2_001); // 2,000 kept, then the new entry
    expect(cache.get(file)?.text).toBe(text);
  });

  it('makes a tree too large to keep into JSON once per text, not on every run', () => {
    const dir = tempDir();
    const limits = { maxText: 500_000, maxEntry: 2_000, maxEntries: 2_000, maxTotalBytes: 1 << 30 };
    const big = `rule R1 "总计" {\n${'  assert 1 = 1\n'.repeat(20)}}\n`;
    const stringify = vi.spyOn(JSON, 'stringify');
    const bodies = () => stringify.mock.calls.filter(([v]) => typeof v === 'object' && v !== null && 'ast' in v).length;
    try {
      syntaxCache(dir, 'build-1', limits).set(file, { text: big, parsed: parse(big, file) });
      expect(bodies()).toBe(1);
      expect(syntaxCache(dir, 'build-1', limits).get(file)).toBeUndefined(); // not kept: it only says so
      syntaxCache(dir, 'build-1', limits).set(file, { text: big, parsed: parse(big, file) });
      expect(bodies()).toBe(1); // the next run knows, without making the JSON again
      const other = big.replace('R1', 'R2');
      syntaxCache(dir, 'build-1', limits).set(file, { text: other, parsed: parse(other, file) });
      expect(bodies()).toBe(2); // another text is tried again
      syntaxCache(dir, 'build-1').set(file, { text: big, parsed: parse(big, file) });
      expect(syntaxCache(dir, 'build-1').get(file)?.text).toBe(big); // under the usual limits it is kept
    } finally {
      stringify.mockRestore();
    }
  });

  it('keeps the most recent entries within its size in all', () => {
    const dir = tempDir();
    const limits = { maxText: 500_000, maxEntry: 32_000_000, maxEntries: 2_000, maxTotalBytes: 100_000 };
    const old = Date.now() / 1000 - 3600;
    for (let i = 0; i < 5; i++) {
      const at = path.join(dir, `${String(i).padStart(32, '0')}.syntax`);
      fs.writeFileSync(at, 'x'.repeat(30_000));
      fs.utimesSync(at, old + i, old + i); // 4 is the newest
    }
    syntaxCache(dir, 'build-1', limits).set(file, { text, parsed: parse(text, file) });
    const kept = fs.readdirSync(dir).sort();
    expect(kept.filter((n) => n.startsWith('0000'))).toEqual([`${'4'.padStart(32, '0')}.syntax`, `${'3'.padStart(32, '0')}.syntax`, `${'2'.padStart(32, '0')}.syntax`].sort());
    expect(kept).toHaveLength(4); // three of 30,000 bytes, and the new entry
  });

  it('never throws: a folder that cannot be made or written is no cache', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    const cache = syntaxCache(path.join(blocker, 'cache'), 'build-1');
    expect(() => cache.set(file, { text, parsed: parse(text, file) })).not.toThrow();
    expect(cache.get(file)).toBeUndefined();
  });

  it('loads a ruleset from its cached trees as from its sources: same diagnostics, same results', async () => {
    const dir = tempDir();
    const rules = juesuanCopy();
    const first = counting(syntaxCache(dir, 'build-1'));
    const fresh = await loadRulesetFile(rules, first.cache);
    const files = fresh.program.sources.files.length;
    expect(files).toBeGreaterThanOrEqual(4);
    expect(first.counts).toEqual({ hits: 0, misses: files, writes: files });

    const second = counting(syntaxCache(dir, 'build-1'));
    const cached = await loadRulesetFile(rules, second.cache);
    expect(second.counts).toEqual({ hits: files, misses: 0, writes: 0 });
    expect(cached.program.diagnostics).toEqual(fresh.program.diagnostics);
    const host = { readFile: (p: string) => ({ text: fs.readFileSync(p, 'utf8') }) };
    for (const example of fs.readdirSync(EXAMPLES)) {
      const a = checkDisclosure(fresh.compiled!, path.join(EXAMPLES, example), host).result!;
      const b = checkDisclosure(cached.compiled!, path.join(EXAMPLES, example), host).result!;
      expect(plain({ ...b, ms: 0 })).toEqual(plain({ ...a, ms: 0 }));
      expect(a.counts.fail).toBeGreaterThan(0);
    }

    // A file changed since: its entry is found but holds another text, so the file is parsed again
    // and its entry rewritten; the others still come from the cache.
    const changed = path.join(rules, 'rules-cross.suan');
    fs.appendFileSync(changed, '\n# changed\n');
    const third = counting(syntaxCache(dir, 'build-1'));
    const after = await loadRulesetFile(rules, third.cache);
    expect(third.counts).toEqual({ hits: files, misses: 0, writes: 1 });
    expect(after.program.sources.files.find((f) => f.path === changed)!.text).toContain('# changed');
  });

  it('parses the sources when a cached tree cannot be used (an entry changed by hand, its hash made again)', async () => {
    const dir = tempDir();
    const rules = juesuanCopy();
    const fresh = await loadRulesetFile(rules, syntaxCache(dir, 'build-1'));
    for (const name of fs.readdirSync(dir)) {
      const at = path.join(dir, name);
      const stored = fs.readFileSync(at, 'utf8');
      const eol = stored.indexOf('\n');
      const body = JSON.parse(stored.slice(eol + 1));
      body.ast.items = null;
      const text = JSON.stringify(body);
      const head = { ...JSON.parse(stored.slice(0, eol)), hash: createHash('sha256').update(text).digest('hex') };
      fs.writeFileSync(at, `${JSON.stringify(head)}\n${text}`);
    }
    const again = await loadRulesetFile(rules, syntaxCache(dir, 'build-1'));
    expect(again.program.diagnostics).toEqual(fresh.program.diagnostics);
    expect(again.program.rules.map((r) => r.id)).toEqual(fresh.program.rules.map((r) => r.id));
    expect(again.compiled).toBeDefined();
  });

  it('lives in SUAN_CACHE_DIR, else $XDG_CACHE_HOME/suan, else ~/.cache/suan; SUAN_NO_CACHE=1 turns it off', () => {
    expect(syntaxCacheDir({ SUAN_CACHE_DIR: '/srv/cache', XDG_CACHE_HOME: '/x' })).toBe('/srv/cache');
    expect(syntaxCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/suan');
    expect(syntaxCacheDir({ XDG_CACHE_HOME: 'relative' })).toBe(path.join(os.homedir(), '.cache', 'suan'));
    expect(syntaxCacheDir({})).toBe(path.join(os.homedir(), '.cache', 'suan'));
    expect(syntaxCacheDir({ SUAN_NO_CACHE: '1', SUAN_CACHE_DIR: '/srv/cache' })).toBeUndefined();
    // A pipeline's other ways of saying yes turn it off too; its ways of saying no leave it on.
    for (const yes of ['true', 'TRUE', 'yes', 'on', '2']) expect(syntaxCacheDir({ SUAN_NO_CACHE: yes, SUAN_CACHE_DIR: '/srv/cache' }), yes).toBeUndefined();
    for (const no of ['', '0', 'false', 'No', 'off']) expect(syntaxCacheDir({ SUAN_NO_CACHE: no, SUAN_CACHE_DIR: '/srv/cache' }), no).toBe('/srv/cache');
  });
});

describe('suan check with the syntax cache (the built CLI)', () => {
  const check = (rules: string, cache: string, extra: string[] = [], env: Record<string, string> = {}) =>
    suan(['check', rules, EXAMPLES, '--format', 'json', '--quiet', '--jobs', '1', ...extra], { env: { SUAN_CACHE_DIR: cache, ...env } });
  /** The JSON report without its timings. */
  const report = (stdout: string) => stdout.replace(/"(ms|durationMs)":\s*[\d.]+/g, '"$1":0');

  it('writes one entry per source file, then gives the same report from them, and follows an edit', () => {
    const rules = juesuanCopy();
    const cache = tempDir();
    const first = check(rules, cache);
    expect(first.code).toBe(1);
    const entries = fs.readdirSync(cache);
    expect(entries).toHaveLength(fs.readdirSync(rules).length);
    const written = new Map(entries.map((e) => [e, fs.readFileSync(path.join(cache, e), 'utf8')]));

    const second = check(rules, cache);
    expect(report(second.stdout)).toBe(report(first.stdout));
    expect(second.stderr).toBe(first.stderr);
    for (const [e, content] of written) expect(fs.readFileSync(path.join(cache, e), 'utf8')).toBe(content); // read, not rewritten

    // An edit that changes the findings: the run sees it (the entry of that file is not used).
    const tables = path.join(rules, 'rules-tables.suan');
    const text = fs.readFileSync(tables, 'utf8');
    expect(text).toMatch(/rule JS0101 /);
    fs.writeFileSync(tables, text.replace(/rule JS0101 /, 'rule JS0101X '));
    const edited = check(rules, cache);
    expect(edited.stdout).toContain('"JS0101X"');
    expect(report(edited.stdout)).not.toBe(report(first.stdout));
  });

  it('is never taken for documents, even inside the folder of documents', () => {
    const rules = juesuanCopy();
    const data = tempDir();
    for (const f of fs.readdirSync(EXAMPLES)) fs.copyFileSync(path.join(EXAMPLES, f), path.join(data, f));
    const cache = path.join(data, 'cache');
    const run = () => suan(['check', rules, data, '--format', 'json', '--quiet', '--jobs', '1'], { env: { SUAN_CACHE_DIR: cache } });
    const first = run();
    expect(fs.readdirSync(cache).length).toBeGreaterThan(0);
    const second = run();
    expect(JSON.parse(second.stdout).summary.documents).toBe(fs.readdirSync(EXAMPLES).length);
    expect(report(second.stdout)).toBe(report(first.stdout));
  });

  it('compile, explain and test take --no-cache too', () => {
    const rules = tempDir();
    fs.cpSync(JUESUAN, rules, { recursive: true }); // with its examples and their expected findings
    const cache = tempDir();
    const env = { SUAN_CACHE_DIR: cache };
    expect(suan(['explain', rules, 'JS0101', '--no-cache'], { env }).code).toBe(0);
    expect(suan(['compile', rules, '-o', path.join(tempDir(), 'r.json'), '--no-cache'], { env }).code).toBe(0);
    expect(suan(['test', rules, '--no-cache'], { env }).code).toBe(0);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(suan(['explain', rules, 'JS0101'], { env }).code).toBe(0);
    expect(fs.readdirSync(cache).length).toBeGreaterThan(0);
    // explain now reads its options as the other commands do: an unknown one is said, not ignored.
    const bogus = suan(['explain', rules, 'JS0101', '--bogus', '--lang', 'en'], { env });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('Unknown option --bogus.');
  });

  it('--no-cache and SUAN_NO_CACHE=1 neither read nor write it; a cache that cannot be written changes nothing', () => {
    const rules = juesuanCopy();
    const cache = tempDir();
    const baseline = check(rules, cache, ['--no-cache']);
    expect(fs.readdirSync(cache)).toEqual([]);
    expect(report(check(rules, cache, [], { SUAN_NO_CACHE: '1' }).stdout)).toBe(report(baseline.stdout));
    expect(fs.readdirSync(cache)).toEqual([]);

    const blocker = path.join(cache, 'a-file');
    fs.writeFileSync(blocker, '');
    const blocked = check(rules, path.join(blocker, 'cache'));
    expect(blocked.code).toBe(baseline.code);
    expect(blocked.stderr).toBe(baseline.stderr);
    expect(report(blocked.stdout)).toBe(report(baseline.stdout));
  });
});
