/**
 * What the tooling commands (init, compile, fmt, test, explain) say when a user's files or paths
 * are not as they expect: what is wrong, where, and what to do, in both languages, exit 2 — never a
 * stack trace — and nothing overwritten or lost on the way.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, FIXTURES, REPO, suan } from './run-cli';

const RULES = path.join(FIXTURES, 'cli/mini.suan');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'suan-tool-'));
const zh = ['--lang', 'zh-CN'];
const en = ['--lang', 'en'];

/** No crash: nothing a user can cause ends in "internal error" or a stack trace. */
function noCrash(r: { stderr: string; stdout: string }) {
  expect(r.stderr + r.stdout).not.toMatch(/internal error|内部错误|\n\s+at /);
}

/** Every file under `dir` with its bytes, to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'base64');
    }
  };
  walk(dir);
  return out;
}

describe('suan init', () => {
  it('writes nothing into a folder where any file it would write exists, and says which (it overwrote README.md)', () => {
    const dir = path.join(tmp(), 'ne');
    fs.mkdirSync(path.join(dir, 'examples'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'README.md'), 'mine\n');
    fs.writeFileSync(path.join(dir, 'examples', 'example.yaml'), 'my data\n');
    const before = snapshot(dir);
    const e = suan(['init', ...en], { cwd: dir });
    expect(e.code).toBe(2);
    noCrash(e);
    expect(e.stderr).toBe('suan init: nothing written: these files already exist: examples/example.yaml, README.md. Run suan init in a new folder (suan init NEW-FOLDER), or move them away first.\n');
    const z = suan(['init', dir, ...zh]);
    expect(z.code).toBe(2);
    expect(z.stderr).toContain('未写入任何文件：以下文件已存在：');
    expect(z.stderr).toContain('examples/example.yaml、');
    expect(z.stderr).toContain('README.md。请在新文件夹中运行（suan init 新文件夹），或先把它们移走。');
    expect(snapshot(dir)).toEqual(before);
    expect(fs.existsSync(path.join(dir, 'ne.suan'))).toBe(false);
    // Only expected/example.yaml there: named alone, still nothing written.
    const other = path.join(tmp(), 'other');
    fs.mkdirSync(path.join(other, 'expected'), { recursive: true });
    fs.writeFileSync(path.join(other, 'expected', 'example.yaml'), 'reviewed\n');
    const one = suan(['init', ...en], { cwd: other });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('this file already exists: expected/example.yaml. Run suan init in a new folder (suan init NEW-FOLDER), or move it away first.');
    expect(snapshot(other)).toEqual({ [path.join('expected', 'example.yaml')]: Buffer.from('reviewed\n').toString('base64') });
    // A folder with other files in it is fine: init adds its own beside them.
    const busy = path.join(tmp(), 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'keep\n');
    expect(suan(['init', busy]).code).toBe(0);
    expect(fs.readFileSync(path.join(busy, 'notes.txt'), 'utf8')).toBe('keep\n');
  });

  it('says that a file is not a folder, for the folder named, a folder above it, or examples/ (it was an ENOTDIR stack trace)', () => {
    const root = tmp();
    const afile = path.join(root, 'afile');
    fs.writeFileSync(afile, 'hi\n');
    for (const named of ['afile', path.join('afile', 'sub')]) {
      const e = suan(['init', named, ...en], { cwd: root });
      expect(e.code).toBe(2);
      noCrash(e);
      expect(e.stderr).toBe('suan init: afile is a file, not a folder; nothing written. Name a new folder (suan init NEW-FOLDER) or an existing one.\n');
      const z = suan(['init', named, ...zh], { cwd: root });
      expect(z.code).toBe(2);
      expect(z.stderr).toBe('suan init：afile 是文件而不是文件夹，未写入任何文件。请指定一个新文件夹（suan init 新文件夹）或已有的文件夹。\n');
    }
    expect(fs.readFileSync(afile, 'utf8')).toBe('hi\n');
    fs.mkdirSync(path.join(root, 'f2'));
    fs.writeFileSync(path.join(root, 'f2', 'examples'), 'x\n');
    const e = suan(['init', 'f2', ...en], { cwd: root });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`suan init: ${path.join('f2', 'examples')} is a file, not a folder, and suan init needs a folder there; nothing written. Move it away`);
    expect(suan(['init', 'f2', ...zh], { cwd: root }).stderr).toContain('是文件而不是文件夹，而 suan init 需要在此建立文件夹，未写入任何文件。请先把它移走');
    expect(fs.readdirSync(path.join(root, 'f2'))).toEqual(['examples']);
  });

  it('quotes a path with spaces (or quotes) in the next command, so that it can be pasted into a shell', () => {
    const root = tmp();
    const e = suan(['init', '新 规则', ...en], { cwd: root });
    expect(e.code).toBe(0);
    expect(e.stdout).toContain("Next: suan check '新 规则/新_规则.suan' '新 规则/examples'  (ends with 1: the example has one deliberate error");
    expect(e.stdout).toContain("      suan test '新 规则/新_规则.suan'  (passes");
    const z = suan(['init', "it's", ...zh], { cwd: root });
    expect(z.stdout).toContain("下一步：suan check 'it'\\''s/it_s.suan' 'it'\\''s/examples'（以 1 结束");
    // Plain paths stay plain; and the quoted command runs as printed.
    expect(suan(['init', '城市', ...en], { cwd: root }).stdout).toContain('Next: suan check 城市/城市.suan 城市/examples  (');
    const next = /Next: (.*?)  \(/.exec(e.stdout)![1]!.replace(/^suan /, '');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" ${next} --lang en --fail-on never -q`], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('example.yaml');
  });

  it('refuses an empty folder name instead of writing into the current folder', () => {
    const root = tmp();
    const e = suan(['init', '', ...en], { cwd: root });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('suan init needs a folder name, not an empty one (give . for the current folder).');
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('says when it was given two folders (an unquoted name with a space) instead of making the first', () => {
    const root = tmp();
    const e = suan(['init', '新', '规则', ...en], { cwd: root });
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('suan init takes one folder, not 2: 新 规则. Quote a folder name with spaces in it.');
    expect(suan(['init', '新', '规则', ...zh], { cwd: root }).stderr).toContain('suan init 只接受一个文件夹，这里有 2 个：新 规则。名称中有空格时请加引号。');
    expect(fs.readdirSync(root)).toEqual([]);
    // `--lang zh` is the language, not the folder (it made a folder named zh).
    expect(suan(['init', 'x', '--lang', 'zh'], { cwd: root }).code).toBe(0);
    expect(fs.readdirSync(root)).toEqual(['x']);
  });
});

describe('suan compile -o', () => {
  it('says why the compiled ruleset cannot be written: a missing folder, a folder, a source of the ruleset (it was ENOENT / EISDIR stack traces)', () => {
    const root = tmp();
    const src = path.join(root, 'mini.suan');
    fs.copyFileSync(RULES, src);
    const missing = suan(['compile', src, '-o', path.join('out', 'missing', 'x.json'), ...en], { cwd: root });
    expect(missing.code).toBe(2);
    noCrash(missing);
    expect(missing.stderr).toBe(`suan: cannot write the compiled ruleset to ${path.join('out', 'missing', 'x.json')}: its folder does not exist. Create the folder first, or name a file in an existing folder.\n`);
    expect(suan(['compile', src, '-o', 'out/missing/x.json', ...zh], { cwd: root }).stderr).toBe('suan：无法把编译结果写入 out/missing/x.json：所在文件夹不存在。请先创建该文件夹，或指定已有文件夹中的文件。\n');
    fs.mkdirSync(path.join(root, 'out'));
    const folder = suan(['compile', src, '-o', 'out', ...en], { cwd: root });
    expect(folder.code).toBe(2);
    noCrash(folder);
    expect(folder.stderr).toBe('suan: cannot write the compiled ruleset to out: it is a folder, not a file. Name a file (e.g. one inside that folder), or move the folder away.\n');
    expect(suan(['compile', src, '-o', 'out', ...zh], { cwd: root }).stderr).toBe('suan：无法把编译结果写入 out：这是文件夹而不是文件。请指定文件（例如该文件夹中的文件），或把该文件夹移走。\n');
    // -o naming the ruleset's own source would have replaced it with JSON.
    const before = fs.readFileSync(src, 'utf8');
    const own = suan(['compile', src, '-o', 'mini.suan', ...en], { cwd: root });
    expect(own.code).toBe(2);
    expect(own.stderr).toContain('suan: not written: mini.suan is a source file of the ruleset, and writing the compiled ruleset there would replace it. Name another file with -o');
    expect(suan(['compile', src, '-o', 'mini.suan', ...zh], { cwd: root }).stderr).toContain('suan：未写入：mini.suan 是规则集的源文件，写入编译结果会覆盖它。请用 -o 指定另一个文件');
    expect(fs.readFileSync(src, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.join(root, 'out'))).toEqual([]);
    expect(suan(['compile', src, '-o', 'out/mini.json'], { cwd: root }).code).toBe(0);
  });
});

describe('suan fmt', () => {
  it('says that it formats only .suan files when another file is named (it reported .suan syntax errors in data.yaml), and formats the rest', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'data.yaml'), 'a: 1\n');
    fs.writeFileSync(path.join(dir, 'r.suan'), 'ruleset t.r {\n  title "t"    en "T"\n}\n');
    const e = suan(['fmt', 'data.yaml', 'r.suan', ...en], { cwd: dir });
    expect(e.code).toBe(2);
    expect(e.stderr).toBe('data.yaml: not formatted: suan fmt formats only ruleset files (.suan). Name .suan files, or folders that hold them.\n');
    expect(e.stdout).toBe('r.suan: formatted\n');
    const z = suan(['fmt', 'data.yaml', '--check', ...zh], { cwd: dir });
    expect(z.code).toBe(2);
    expect(z.stderr).toBe('data.yaml：未格式化：suan fmt 只格式化规则集文件（.suan）。请指定 .suan 文件或包含它们的文件夹。\n');
    expect(fs.readFileSync(path.join(dir, 'data.yaml'), 'utf8')).toBe('a: 1\n');
    // A folder's other files are passed over as before, silently.
    expect(suan(['fmt', dir]).code).toBe(0);
  });

  /**
   * A folder that cannot be read is said and the others are formatted (it was an EACCES stack
   * trace from scandir). Root reads every folder whatever its mode, so as root the CLI runs as
   * nobody (uid 65534); elsewhere as the user, who cannot read a folder of mode 000.
   */
  it('reports a folder it cannot read, formats the other folders, and exits 2', () => {
    const root = tmp();
    const tree = path.join(root, 'tree');
    for (const d of ['a', 'b']) {
      fs.mkdirSync(path.join(tree, d), { recursive: true });
      fs.writeFileSync(path.join(tree, d, `${d}.suan`), `ruleset t.${d} {\n  title "t"    en "T"\n}\n`);
    }
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      for (const p of [root, tree, path.join(tree, 'b')]) fs.chmodSync(p, 0o777);
      fs.chmodSync(path.join(tree, 'b', 'b.suan'), 0o666);
    }
    fs.chmodSync(path.join(tree, 'a'), 0o000);
    const run = (lang: string) => spawnSync(process.execPath, [CLI, 'fmt', 'tree', '--lang', lang], {
      cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    try {
      const e = run('en');
      expect(e.status).toBe(2);
      noCrash(e);
      expect(e.stderr).toBe(`${path.join('tree', 'a')}: cannot read the folder, so the .suan files in it were not formatted: permission denied. Give yourself read permission (e.g. chmod u+rx ${path.join('tree', 'a')}), or leave it out.\n`);
      expect(e.stdout).toBe(`${path.join('tree', 'b', 'b.suan')}: formatted\n`);
      expect(fs.readFileSync(path.join(tree, 'b', 'b.suan'), 'utf8')).toBe('ruleset t.b {\n  title "t" en "T"\n}\n');
      const z = run('zh-CN');
      expect(z.status).toBe(2);
      expect(z.stderr).toBe(`${path.join('tree', 'a')}：无法读取文件夹，其中的 .suan 文件未格式化：没有读取权限。请赋予读取权限（例如 chmod u+rx ${path.join('tree', 'a')}），或不包含它。\n`);
    } finally {
      fs.chmodSync(path.join(tree, 'a'), 0o755);
    }
    expect(fs.readFileSync(path.join(tree, 'a', 'a.suan'), 'utf8')).toBe('ruleset t.a {\n  title "t"    en "T"\n}\n');
  });

  it('goes on past a folder it cannot list, whatever the reason (the listing made to fail)', async () => {
    const { suanFiles } = await import('../../src/cli/fmt');
    const root = tmp();
    for (const d of ['a', 'b', 'c']) {
      fs.mkdirSync(path.join(root, d));
      fs.writeFileSync(path.join(root, d, `${d}.suan`), '');
    }
    const files: string[] = [];
    const problems: [string, unknown][] = [];
    suanFiles(root, files, (where, why) => problems.push([where, why]), (d) => {
      if (d === path.join(root, 'b')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${d}'`), { code: 'EACCES' });
      return fs.readdirSync(d, { withFileTypes: true });
    });
    expect(files).toEqual([path.join(root, 'a', 'a.suan'), path.join(root, 'c', 'c.suan')]);
    expect(problems).toEqual([[path.join(root, 'b'), expect.objectContaining({ kind: 'unreadable', folder: true })]]);
  });
});

describe('suan test with an expected-findings file that cannot be read', () => {
  function ruleset() {
    const dir = path.join(tmp(), 'city');
    expect(suan(['init', dir]).code).toBe(0);
    // A second example whose expectations are fine: it is still tested.
    fs.copyFileSync(path.join(dir, 'examples', 'example.yaml'), path.join(dir, 'examples', 'b.yaml'));
    fs.copyFileSync(path.join(dir, 'expected', 'example.yaml'), path.join(dir, 'expected', 'b.yaml'));
    return dir;
  }

  it('reports a malformed file (where, and what to do) as a failing example and tests the others (it was "internal error: YAMLParseError")', () => {
    const dir = ruleset();
    const golden = path.join(dir, 'expected', 'example.yaml');
    fs.writeFileSync(golden, ': : :\n');
    const e = suan(['test', 'city', ...en], { cwd: path.dirname(dir) });
    expect(e.code).toBe(1);
    noCrash(e);
    expect(e.stdout).toBe([
      '✓ city/examples/b.yaml: 2 findings as expected',
      '✗ city/examples/example.yaml: its expected findings city/expected/example.yaml:1:3 cannot be read: it is not valid YAML: Nested mappings are not allowed in compact mappings. Fix the file, or run suan test city --update to rewrite it from the current results (then review every entry).',
      '1/2 examples as expected',
      '',
    ].join('\n'));
    const z = suan(['test', 'city', ...zh], { cwd: path.dirname(dir) });
    expect(z.code).toBe(1);
    expect(z.stdout).toContain('✗ city/examples/example.yaml: 预期结果 city/expected/example.yaml:1:3 无法读取：不是有效的 YAML：一行里不能写两层“键: 值”（如 a: b: c）；值中有“冒号加空格”时请给值加引号。请修正该文件，或运行 suan test city --update 按当前结果重写（并逐条复核）。');
    expect(z.stdout).toContain('1/2 个示例符合预期');
    // Well-formed YAML of another shape is said the same way, with its place.
    fs.writeFileSync(golden, 'findings:\n  - rule: R001\n    outcome: fail\n    severity: error\n    where: [1]\n');
    const shape = suan(['test', 'city', ...en], { cwd: path.dirname(dir) });
    expect(shape.code).toBe(1);
    expect(shape.stdout).toContain('its expected findings city/expected/example.yaml:5:12 cannot be read: `where` should be a text, not a list or mapping. Fix the file');
    expect(suan(['test', 'city', ...zh], { cwd: path.dirname(dir) }).stdout).toContain('预期结果 city/expected/example.yaml:5:12 无法读取：`where` 应为文本，而不是列表或映射。');
    // Nothing was rewritten without --update.
    expect(fs.readFileSync(golden, 'utf8')).toBe('findings:\n  - rule: R001\n    outcome: fail\n    severity: error\n    where: [1]\n');
  });

  it('rewrites it with --update from the current results, and says that it replaced an unreadable file', () => {
    const dir = ruleset();
    const golden = path.join(dir, 'expected', 'example.yaml');
    const good = fs.readFileSync(golden, 'utf8');
    fs.writeFileSync(golden, ': : :\n');
    const e = suan(['test', dir, '--update', ...en], { cwd: path.dirname(dir) });
    expect(e.code).toBe(0);
    noCrash(e);
    expect(e.stdout).toContain('↻ city/examples/example.yaml: 2 findings written to city/expected/example.yaml\n    it replaced the previous city/expected/example.yaml, which could not be read (line 1, column 3: it is not valid YAML: Nested mappings are not allowed in compact mappings); any audit notes in it were not kept. Review every entry.\n');
    expect(e.stdout).not.toContain('it replaced the previous city/expected/b.yaml');
    expect(fs.readFileSync(golden, 'utf8')).toBe(good);
    expect(suan(['test', dir], { cwd: path.dirname(dir) }).code).toBe(0);
    fs.writeFileSync(golden, ': : :\n');
    const z = suan(['test', dir, '--update', ...zh], { cwd: path.dirname(dir) });
    expect(z.code).toBe(0);
    expect(z.stdout).toContain('    已替换原有的 city/expected/example.yaml：原文件无法读取（第 1 行第 3 列：不是有效的 YAML：一行里不能写两层“键: 值”（如 a: b: c）；值中有“冒号加空格”时请给值加引号），其中的复核备注未能保留。请逐条复核。\n');
    expect(fs.readFileSync(golden, 'utf8')).toBe(good);
  });

  it('keeps the audit notes of a readable file on --update, as before', () => {
    const dir = ruleset();
    const golden = path.join(dir, 'expected', 'example.yaml');
    fs.writeFileSync(golden, fs.readFileSync(golden, 'utf8').replace(/(- rule: R001\n)/, '$1    audit: checked by hand\n'));
    expect(fs.readFileSync(golden, 'utf8')).toContain('audit: checked by hand');
    const e = suan(['test', dir, '--update', ...en]);
    expect(e.code).toBe(0);
    expect(e.stdout).not.toContain('it replaced');
    expect(fs.readFileSync(golden, 'utf8')).toContain('audit: checked by hand');
  });
});

describe('suan explain', () => {
  const CITY = path.join(REPO, 'rulesets/juesuan-city-example');

  it('quotes an overridden tolerance from the file of the override, and says where that is (it read "Tolerance: ror")', () => {
    const e = suan(['explain', CITY, 'JS1302', ...en], { cwd: CITY });
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('\nTolerance: 0.1% (overridden at city.suan:22)\n');
    const z = suan(['explain', CITY, 'JS1302', ...zh], { cwd: CITY });
    expect(z.stdout).toContain('\n容差：0.1%（覆盖设置于 city.suan:22）\n');
    // A tolerance written in the rule's own file is quoted from there, with no note.
    const own = suan(['explain', path.join(REPO, 'rulesets/juesuan'), 'JS1302', ...en]);
    expect(own.stdout).not.toContain('overridden at');
  });

  it('does the same for a scorecard, and lists its overrides', () => {
    const dir = tmp();
    const file = path.join(dir, 'local.suan');
    const base = path.relative(dir, path.join(REPO, 'rulesets/jixiao-xiangmu/xiangmu.suan'));
    fs.writeFileSync(file, `ruleset local.xm {\n  title "t" en "T"\n  version "0.1.0"\n  issuer "i"\n  kind 绩效自评\n  years 2021 to 2030\n  licence "CC-BY-4.0"\n}\n\nextends "${base}" {\n  override XM01 tolerance 0.5\n}\n`);
    const e = suan(['explain', file, 'XM01', ...en], { cwd: dir });
    expect(e.stderr).toBe('');
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('\nTolerance: 0.5 (overridden at local.suan:11)\n');
    expect(e.stdout).toContain('\nOverridden at local.suan:11: override XM01 tolerance 0.5\n');
    expect(suan(['explain', file, 'XM01', ...zh], { cwd: dir }).stdout).toContain('\n容差：0.5（覆盖设置于 local.suan:11）\n');
  });
});

// A third tester's round: `suan test … | head -1` ended with node's "Unhandled 'error' event … EPIPE" and its stack.
describe('a reader of standard output that goes away', () => {
  it('ends test, explain and help quietly with 141, as check does', async () => {
    const dir = path.join(tmp(), 'city');
    expect(suan(['init', dir]).code).toBe(0);
    for (const args of [['test', dir], ['explain', path.join(dir, 'city.suan'), 'R001'], ['--help']]) {
      const child = spawn(process.execPath, [CLI, ...args, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first line is written
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr, args.join(' ')).not.toContain('Error');
      expect(code, args.join(' ')).toBe(141);
    }
  });
});
