/** The documents of a run (cli/inputs.ts): files, folders, patterns and a list on standard input. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, type UnreadableFolder } from '../../src/cli/inputs';
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

  it('counts a link to a data file as the file, and skips a dangling link (it once skipped every link)', async () => {
    const root = tree({ 'real/a.yaml': '' });
    fs.symlinkSync('real/a.yaml', path.join(root, 'b.yaml'));
    fs.symlinkSync(path.join(root, 'nowhere.yaml'), path.join(root, 'c.yaml'));
    fs.symlinkSync('real', path.join(root, 'z-folder-link')); // not followed: no cycles
    expect((await expandInputs([root], '/')).map((f) => path.relative(root, f))).toEqual(['b.yaml', 'real/a.yaml']);
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
