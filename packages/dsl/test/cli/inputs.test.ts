/** The documents of a run (cli/inputs.ts): files, folders, patterns and a list on standard input. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentNotPaths, expandInputs, isSuanReport, type UnreadableFolder } from '../../src/cli/inputs';
import { makeTooDeepFolder } from '../fixtures/cli/deep-folder';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-inputs-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('expandInputs', () => {
  it('searches a folder for data files in name order, skipping compiled rulesets, expected findings and hidden entries', async () => {
    const root = tree({ 'b.yaml': '', 'a.json': '', 'c.YML': '', 'notes.txt': '', 'r.suan.json': '', 'expected/a.yaml': '', '.hidden/x.yaml': '', 'sub/d.yaml': '' });
    expect((await expandInputs([root], '/')).map((f) => path.relative(root, f))).toEqual(['a.json', 'b.yaml', 'c.YML', 'sub/d.yaml']);
  });

  it('counts a link to a data file as the file (once), keeps a link that leads nowhere (the run says why), and follows no link to a folder', async () => {
    const root = tree({ 'real/a.yaml': '', 'real/d.yaml': '' });
    fs.symlinkSync('real/a.yaml', path.join(root, 'b.yaml'));
    fs.symlinkSync(path.join(root, 'nowhere.yaml'), path.join(root, 'c.yaml'));
    fs.symlinkSync('self.yaml', path.join(root, 'self.yaml')); // a loop: it once ended the run with "internal error"
    fs.symlinkSync('real', path.join(root, 'z-folder-link')); // not followed: no cycles
    expect((await expandInputs([root], '/')).map((f) => path.relative(root, f))).toEqual(['b.yaml', 'c.yaml', 'real/d.yaml', 'self.yaml']);
    // Named, a loop is a document like any other (the reader says why it cannot be read).
    expect(await expandInputs([path.join(root, 'self.yaml')], '/')).toEqual([path.join(root, 'self.yaml')]);
    // A pattern goes through the links (to a file, and to the folder), and finds each document once.
    expect((await expandInputs(['**/*.yaml'], root)).map((f) => path.relative(root, f))).toEqual(['b.yaml', 'real/d.yaml']);
  });

  // A tester's round: beside inputs that match, a pattern with a typo ('submissions/2204/*.json')
  // and an empty folder were dropped without a word, and the run exited 0.
  it('says which folder or pattern holds no data file at all, and still expands the others', async () => {
    const root = tree({ 'a/1.json': '', 'empty/notes.txt': '', 'b/2.yaml': '' });
    const nothing: string[] = [];
    const files = await expandInputs(['a', 'empty', '2204/*.json', 'b/*.yaml', 'a'], root, undefined, undefined, new Set(), (arg) => nothing.push(arg));
    expect(files.map((f) => path.relative(root, f))).toEqual(['a/1.json', 'b/2.yaml']);
    // A folder named twice found its files the first time: it is no empty input.
    expect(nothing).toEqual(['empty', '2204/*.json']);
  });

  // A tester's round: a report written into the data folder under a new name each night
  // (report-2024-11-25.json) was read the next night as a document, and failed it. The batch
  // asks `isSuanReport` of each text it reads (no system call more).
  it('tells a report of a run (JSON, or SARIF such as a results.json) from a disclosure by its opening', () => {
    expect(isSuanReport('{\n  "schemaVersion": 2,\n  "tool": {\n    "name": "suan",\n    "version": "0.1.0"\n  },\n  "documents": []\n}\n')).toBe(true);
    expect(isSuanReport('\uFEFF{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}')).toBe(true);
    expect(isSuanReport('{"suan": 1, "document": {"kind": "部门决算"}}')).toBe(false);
    expect(isSuanReport('{"schemaVersion": 2, "tool": {"name": "other"}}')).toBe(false);
    expect(isSuanReport('suan: 1\n')).toBe(false);
    expect(isSuanReport('')).toBe(false);
  });

  it('reads standard input once however often - is given, searches folders it lists, and leaves out the excluded files (the run\'s reports)', async () => {
    const root = tree({ 'x/1.yaml': '', 'x/report.json': '', 'y.json': '' });
    let reads = 0;
    const stdin = async () => {
      reads++;
      return 'x\ny.json\n';
    };
    const got = await expandInputs(['-', '-'], root, stdin, undefined, new Set([path.join(root, 'x/report.json')]));
    expect(reads).toBe(1);
    expect(got.map((f) => path.relative(root, f))).toEqual(['x/1.yaml', 'y.json']);
  });

  it('checks a folder named twice, once through a link to it, once', async () => {
    const root = tree({ 'data/a.yaml': '', 'data/b.json': '' });
    fs.symlinkSync('data', path.join(root, 'data-link'));
    expect((await expandInputs(['data', 'data-link', 'data-link/a.yaml'], root)).map((f) => path.relative(root, f))).toEqual(['data/a.yaml', 'data/b.json']);
  });

  it('takes from a pattern only data files, as from a folder (\'data/*\' once made README.md a document, and the run exit 2)', async () => {
    const root = tree({ 'd/a.yaml': '', 'd/README.md': '', 'd/r.suan.json': '', 'd/t.csv': '' });
    expect((await expandInputs(['d/*'], root)).map((f) => path.relative(root, f))).toEqual(['d/a.yaml']);
  });

  it('tells a list of paths from a document piped in by mistake', () => {
    const root = tree({ 'a.yaml': '', 'b c.yaml': '' });
    expect(contentNotPaths('a.yaml\nb c.yaml\n', root)).toBeUndefined();
    expect(contentNotPaths('missing.yaml\n', root)).toBeUndefined(); // a path: reported as not found
    expect(contentNotPaths('# Suan 数据文件\nsuan: 1\n', root)).toBe('# Suan 数据文件');
    expect(contentNotPaths('\nsuan: 1\n', root)).toBe('suan: 1');
    expect(contentNotPaths('{"suan":1}', root)).toBe('{"suan":1}');
    expect(contentNotPaths('科目编码,科目名称,金额\n', root)).toBe('科目编码,科目名称,金额');
  });

  it('keeps arguments in order, patterns sorted, a named file once, and a missing one (reported later as not found)', async () => {
    const root = tree({ 'x/2.yaml': '', 'x/1.yaml': '', 'y.json': '' });
    const got = await expandInputs(['y.json', 'x/*.yaml', 'missing.yaml', 'y.json', '-'], root, async () => 'x/1.yaml\n\n  y.json  \n');
    expect(got.map((f) => path.relative(root, f))).toEqual(['y.json', 'x/1.yaml', 'x/2.yaml', 'missing.yaml']);
  });
});

describe('a folder that cannot be read', () => {
  it('is passed on with the reason, and the search goes on (it once ended the run with "internal error")', async () => {
    const root = tree({ 'a.yaml': '', 'z.yaml': '' });
    makeTooDeepFolder(root);
    const unreadable: UnreadableFolder[] = [];
    const got = await expandInputs([root], '/', undefined, (u) => unreadable.push(u));
    expect(got.map((f) => path.relative(root, f))).toEqual(['a.yaml', 'z.yaml']);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]!.folder.startsWith(root)).toBe(true);
    expect(unreadable[0]!.reason).toMatch(/ENAMETOOLONG/);
  });
});
