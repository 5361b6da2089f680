import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO as REPO_ROOT, suan } from './run-cli';

const RULES = path.join(FIXTURES, 'cli/mini.suan');
const FAILING = path.join(FIXTURES, 'cli/failing.yaml');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'suan-tool-'));

describe('suan init + suan test', () => {
  it('creates a ruleset whose own example passes suan test, and suan test catches a changed rule', () => {
    const dir = path.join(tmp(), 'city');
    const init = suan(['init', dir]);
    expect(init.code).toBe(0);
    const file = path.join(dir, 'city.suan');
    expect(suan(['test', file]).stdout).toMatch(/example\.yaml: 2 findings as expected\n1\/1 examples as expected/);
    // A changed rule: the message differs from the reviewed expectation → reported, exit 1.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('基本支出 + 项目支出 = {expected}', '基本支出与项目支出之和 {expected}'));
    const r = suan(['test', file]);
    expect(r.code).toBe(1);
    // One finding whose message changed: shown as one change, with its line in the expected file and where the texts part.
    expect(r.stdout).toContain(`~ changed: R001 fail 支出决算表[20805] (${path.relative(REPO_ROOT, path.join(dir, 'expected/example.yaml'))}:`);
    expect(r.stdout).toMatch(/message expected: …[^\n]*基本支出 \+ 项目支出 = [^\n]*\n\s+found: …[^\n]*基本支出与项目支出之和 /);
    expect(r.stdout).toContain(`suan test ${file} --update brings the expected files up to date`);
    // A finding no longer found, one not expected: said as such.
    const golden = path.join(dir, 'expected/example.yaml');
    const reviewed = fs.readFileSync(golden, 'utf8');
    fs.writeFileSync(golden, reviewed.replace(/rule: R001/, 'rule: R009'));
    const r2 = suan(['test', file, '--lang', 'en']);
    expect(r2.stdout).toMatch(/- expected, not found: R009 fail\/error 支出决算表\[20805\] .* \(.*expected\/example\.yaml:\d+\)/);
    expect(r2.stdout).toContain('+ found, not expected: R001 fail/error 支出决算表[20805]');
    // An outcome or severity no finding can have is said where it is written.
    fs.writeFileSync(golden, reviewed.replace('outcome: fail', 'outcome: failed'));
    const r3 = suan(['test', file, '--lang', 'en']);
    expect(r3.code).toBe(1);
    expect(r3.stdout).toMatch(/expected\/example\.yaml:\d+:\d+ cannot be read: `outcome: failed` is not one of fail, coarse, error\./);
    fs.writeFileSync(golden, reviewed.replace('severity: error', 'severity: fatal'));
    expect(suan(['test', file, '--lang', 'en']).stdout).toContain('`severity: fatal` is not one of error, warning, info.');
    fs.writeFileSync(golden, reviewed);
    // --update rewrites the expectations; then the test passes again.
    expect(suan(['test', file, '--update']).code).toBe(0);
    expect(suan(['test', file]).code).toBe(0);
  });

  it('--update leaves a file that matches as it is, and edits one that does not in place: comments and audit notes kept', () => {
    const dir = path.join(tmp(), 'juesuan');
    fs.cpSync(path.join(REPO_ROOT, 'rulesets/juesuan'), dir, { recursive: true });
    const g0 = path.join(dir, 'expected/000-jinlin-yibao-2021.yaml');
    const g1 = path.join(dir, 'expected/001-shizhong-yibao-2021.yaml');
    const reviewed0 = fs.readFileSync(g0, 'utf8');
    const reviewed1 = fs.readFileSync(g1, 'utf8');
    // One message no longer what the ruleset says (as after a rule's message was reworded).
    fs.writeFileSync(g1, reviewed1.replace('只有 0.00 万元', '只有 0.01 万元'));
    const r = suan(['test', dir, '--update', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('18 findings as expected, ');
    expect(fs.readFileSync(g0, 'utf8')).toBe(reviewed0);
    const updated = fs.readFileSync(g1, 'utf8');
    expect(updated).toContain('只有 0.00 万元');
    expect(updated).toContain('# 整体自评涉及资金 68.06，“其中财政拨款0万元”，但本部门收入全部为财政拨款');
    expect(updated).toContain('audit: 001-A1');
    expect(updated.split('\n').slice(0, 3)).toEqual(reviewed1.split('\n').slice(0, 3)); // the reviewers' header
    expect(suan(['test', dir]).code).toBe(0);
    // An outcome mistyped by hand (the file cannot be used as it is, but is YAML): brought back in place, notes and all.
    fs.writeFileSync(g1, reviewed1.replace('outcome: fail', 'outcome: failed'));
    expect(suan(['test', dir, '--update']).code).toBe(0);
    expect(fs.readFileSync(g1, 'utf8')).toBe(reviewed1);
    // Saved with Windows line ends and a byte-order mark: written back so (else every line would differ).
    fs.writeFileSync(g1, `\uFEFF${reviewed1.replace('只有 0.00 万元', '只有 0.01 万元').replace(/\n/g, '\r\n')}`);
    expect(suan(['test', dir, '--update']).code).toBe(0);
    expect(fs.readFileSync(g1, 'utf8')).toBe(`\uFEFF${reviewed1.replace(/\n/g, '\r\n')}`);
    // `findings: []` (what --update writes for a clean example) and a bare `findings:` with its comments: block entries, comments kept.
    for (const empty of ['# 复核：无\nfindings: []\n', '# 复核：无\nfindings:\n# 末尾说明\n']) {
      fs.writeFileSync(g1, empty);
      expect(suan(['test', dir, '--update']).code).toBe(0);
      const written = fs.readFileSync(g1, 'utf8');
      expect(written.startsWith('# 复核：无\nfindings:\n')).toBe(true);
      expect(written).toContain('\n  - rule: JS1508\n    outcome: fail\n');
      if (empty.includes('末尾说明')) expect(written.trimEnd().endsWith('# 末尾说明')).toBe(true); // still after the entries
      expect(suan(['test', dir]).code).toBe(0);
    }
  });

  it('says which expected file has no example, refuses two examples sharing one, and finds examples in subfolders', () => {
    const dir = path.join(tmp(), 'city');
    expect(suan(['init', dir]).code).toBe(0);
    const examples = path.join(dir, 'examples');
    // Moved into a subfolder: found there, its expected file beside the old one's place.
    fs.mkdirSync(path.join(examples, '2021'));
    fs.renameSync(path.join(examples, 'example.yaml'), path.join(examples, '2021/example.yaml'));
    let r = suan(['test', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ ${path.relative(REPO_ROOT, path.join(dir, 'expected/example.yaml'))}: its example ${path.relative(REPO_ROOT, path.join(examples, 'example'))}.yaml (or .yml, .json) is not there.`);
    expect(r.stdout).toContain('0/1 examples as expected; 1 expected file without an example');
    fs.mkdirSync(path.join(dir, 'expected/2021'));
    fs.renameSync(path.join(dir, 'expected/example.yaml'), path.join(dir, 'expected/2021/example.yaml'));
    r = suan(['test', dir, '--lang', 'en']);
    expect(r.stdout).toContain('2021/example.yaml: 2 findings as expected');
    expect(r.code).toBe(0);
    // The same example as JSON beside it: both would be compared with expected/2021/example.yaml.
    // A compiled ruleset or a report kept among the examples is none, and that is said; its expected file says what it is.
    const bundle = path.join(examples, '2021/rules.json');
    expect(suan(['compile', path.join(dir, 'city.suan'), '-o', bundle]).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'expected/2021/rules.yaml'), 'findings: []\n');
    r = suan(['test', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`suan: 1 file in ${path.relative(REPO_ROOT, examples)} left out: reports of suan check or compiled rulesets, not example disclosures (${path.relative(REPO_ROOT, bundle)}).`);
    expect(r.stdout).toContain(`its example ${path.relative(REPO_ROOT, bundle)} is a report of suan check or a compiled ruleset, not a disclosure.`);
    fs.rmSync(bundle);
    fs.rmSync(path.join(dir, 'expected/2021/rules.yaml'));
    fs.writeFileSync(path.join(examples, '2021/example.json'), '{}');
    r = suan(['test', dir, '--update', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would share the expected findings');
  });

  it('says what to do when an expected file is a folder, and names a ruleset after a folder that is not a dotted name', () => {
    const dir = path.join(tmp(), '2024决算');
    expect(suan(['init', dir]).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, '2024决算.suan'), 'utf8')).toContain('ruleset "my.2024决算" {');
    const golden = path.join(dir, 'expected/example.yaml');
    fs.rmSync(golden);
    fs.mkdirSync(golden);
    const t = suan(['test', dir, '--lang', 'en']);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain(`is a folder, not a file. Move the folder away; then suan test ${dir} --update writes the file`);
    const u = suan(['test', dir, '--update', '--lang', 'en']);
    expect(u.code).toBe(1);
    expect(u.stdout).toContain(`: it is a folder. Move the folder away and run suan test ${dir} --update again.`);
    fs.rmdirSync(golden);
    expect(suan(['test', dir, '--update']).code).toBe(0);
    expect(JSON.parse(suan(['check', dir, path.join(dir, 'examples'), '--format', 'json', '-q']).stdout).ruleset.id).toBe('my.2024决算');
  });

  it('looks at a pipe among the examples without waiting on it: it is an example that cannot be read', () => {
    const dir = path.join(tmp(), 'city');
    expect(suan(['init', dir]).code).toBe(0);
    expect(spawnSync('mkfifo', [path.join(dir, 'examples/pipe.json')]).status).toBe(0);
    const r = suan(['test', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pipe.json:1:1 error SUAN5007: Cannot read the data file: not a regular file (a folder, a pipe or a device)');
  });

  it('refuses to overwrite an existing ruleset', () => {
    const dir = path.join(tmp(), 'x');
    expect(suan(['init', dir]).code).toBe(0);
    expect(suan(['init', dir]).code).toBe(2);
  });
});

describe('suan compile', () => {
  it('writes a bundle that suan check accepts with identical results, and rejects a tampered one', () => {
    const out = path.join(tmp(), 'mini.suan.json');
    const c = suan(['compile', RULES, '-o', out]);
    expect(c.code).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(bundle.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(bundle.rules.map((r: { id: string }) => r.id)).toEqual(['T01', 'T02', 'T03']);
    const strip = (s: string) => {
      const report = JSON.parse(s);
      return {
        rules: report.rules.map((r: { file: string; span: unknown }) => ({ ...r, file: path.basename(r.file), span: 0 })),
        documents: report.documents.map((d: { ms: number }) => ({ ...d, ms: 0 })),
      };
    };
    const fromSource = suan(['check', RULES, FAILING, '--format', 'json', '-q']);
    const fromBundle = suan(['check', out, FAILING, '--format', 'json', '-q']);
    expect(fromBundle.code).toBe(fromSource.code);
    expect(strip(fromBundle.stdout)).toEqual(strip(fromSource.stdout));
    // The syntax trees travel with the sources (so that check starts without parsing), paths relative.
    const syntax = JSON.parse(bundle.syntax);
    expect(syntax.files['mini.suan'].ast).toMatchObject({ kind: 'File', file: 'mini.suan' });
    expect(bundle.syntax).not.toContain(path.dirname(RULES));
    const tampered = { ...bundle, files: { ...bundle.files, 'mini.suan': bundle.files['mini.suan'].replace('severity warning', 'severity info') } };
    fs.writeFileSync(out, JSON.stringify(tampered));
    const bad = suan(['check', out, FAILING]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SUAN0008');
    expect(bad.stderr).toContain('does not match its hash');
    // A changed syntax tree is caught the same way.
    fs.writeFileSync(out, JSON.stringify({ ...bundle, syntax: bundle.syntax.replace('"severity"', '"severityX"') }));
    expect(suan(['check', out, FAILING]).stderr).toContain('does not match its hash');
    // A compiled ruleset that is not there is "not found", not "invalid, regenerate it".
    const gone = suan(['check', `${out}.missing.json`, FAILING, '--lang', 'en']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain(`SUAN0010: Ruleset file ${out}.missing.json not found`);
    // One saved in another encoding (GB18030 bytes in it) is refused as such.
    fs.writeFileSync(out, Buffer.concat([Buffer.from('{"format": "'), Buffer.from([0xb2, 0xe2]), Buffer.from('"}')]));
    expect(suan(['check', out, FAILING, '--lang', 'en']).stderr).toContain('is invalid: the file cannot be read: the file is not UTF-8: the bytes at line 1, column 13 are not UTF-8');
  });

  it('covers every field with its hash: a changed entry, version or rule summary is refused (an entry changed to an imported file checked with no rule)', () => {
    const dir = tmp();
    const src = path.join(REPO_ROOT, 'rulesets/juesuan');
    const out = path.join(dir, 'juesuan.json');
    expect(suan(['compile', src, '-o', out]).code).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8'));
    const examples = path.join(src, 'examples');
    expect(suan(['check', out, examples, '-q']).code).toBe(1); // the published examples' findings
    const edits = [
      { ...bundle, entry: 'tables.suan' },
      { ...bundle, ruleset: { ...bundle.ruleset, version: '9.9.9' } },
      { ...bundle, rules: bundle.rules.map((r: { disabled: boolean }, i: number) => (i === 0 ? { ...r, disabled: true } : r)) },
    ];
    for (const edited of edits) {
      fs.writeFileSync(out, JSON.stringify(edited, null, 2));
      const r = suan(['check', out, examples, '-q', '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('does not match its hash');
    }
    // Re-indented, it is the same bundle.
    fs.writeFileSync(out, JSON.stringify(bundle));
    expect(suan(['check', out, examples, '-q']).code).toBe(1);
    // Not JSON: where, and what, in the reader's language (not the JavaScript engine's words).
    fs.writeFileSync(out, JSON.stringify(bundle, null, 2).replace('"disabled": false', '"disabled": fals0'));
    const line = JSON.stringify(bundle, null, 2).split('\n').findIndex((l) => l.includes('"disabled": false')) + 1;
    const zh = suan(['check', out, examples, '-q', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain(`juesuan.json:${line}:19 error SUAN0008: 编译后的规则集 ${out} 无效：不是有效的 JSON：无法识别的内容 “fals0”。请用 suan compile 重新生成。`);
  });

  it('from a bundle whose sources are not beside it, says so: JSON names the bundle, SARIF and explain point into it', () => {
    const dir = tmp();
    const out = path.join(dir, 'mini.suan.json');
    expect(suan(['compile', RULES, '-o', out]).code).toBe(0);
    const sarifOf = (bundle: string) => JSON.parse(suan(['check', bundle, FAILING, '--format', 'sarif', '-q', '--lang', 'en']).stdout).runs[0];
    const jsonOf = (bundle: string) => JSON.parse(suan(['check', bundle, FAILING, '--format', 'json', '-q']).stdout).ruleset;
    // Alone in its folder: the rule's place is in the bundle.
    const hash = JSON.parse(fs.readFileSync(out, 'utf8')).hash;
    expect(jsonOf(out).compiled).toEqual({ file: out, hash, sourcesBeside: false, changed: [] });
    const related = sarifOf(out).results[0].relatedLocations[0];
    expect(related.physicalLocation.artifactLocation.uri).toContain('mini.suan.json');
    expect(related.physicalLocation.region).toBeUndefined();
    expect(related.message.text).toMatch(/\(mini\.suan:\d+:\d+ in the compiled ruleset\)$/);
    const explained = suan(['explain', out, 'T01', '--lang', 'en']).stdout;
    expect(explained).toContain(`inside the compiled ruleset ${path.relative(REPO_ROOT, out)}, not beside it.`);
    expect(explained).toMatch(/^Defined at: mini\.suan:\d+:\d+$/m); // as it is named inside the bundle
    // Beside its sources (the very text compiled): the places are the sources'.
    const beside = path.join(path.dirname(RULES), `mini-${process.pid}.suan.json`);
    fs.copyFileSync(out, beside);
    try {
      expect(jsonOf(beside).compiled.sourcesBeside).toBe(true);
      expect(sarifOf(beside).results[0].relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/mini\.suan$/);
      expect(suan(['explain', beside, 'T01', '--lang', 'en']).stdout).not.toContain('inside the compiled ruleset');
    } finally {
      fs.rmSync(beside, { force: true });
    }
    // Checked from the sources: no `compiled`.
    expect(jsonOf(RULES).compiled).toBeUndefined();
  });

  it('writes to standard output with -o -, and lists the scorecards among the rules, as check counts them', () => {
    const r = suan(['compile', path.join(REPO_ROOT, 'rulesets/jixiao-zhengti'), '-o', '-', '--lang', 'en']);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout);
    const scorecards = bundle.rules.filter((x: { kind?: string }) => x.kind === 'scorecard').map((x: { id: string }) => x.id);
    expect(scorecards).toEqual(['ZT01']);
    expect(r.stderr).toContain(`compiled ${bundle.rules.length} rules from`);
    expect(r.stderr).toContain('→ standard output (sha256:');
    expect(fs.existsSync(path.join(REPO_ROOT, '-'))).toBe(false);
    const out = path.join(tmp(), 'zt.json');
    fs.writeFileSync(out, r.stdout);
    const checked = suan(['check', out, path.join(REPO_ROOT, 'rulesets/jixiao-zhengti/examples'), '--format', 'json', '-q', '--fail-on', 'never']);
    expect(JSON.parse(checked.stdout).ruleset.rules).toBe(bundle.rules.length);
  });

  it('says what is wrong with a bundle of another format version or with a field it does not know, reads one with a byte-order mark, and warns of sources edited since', () => {
    const dir = tmp();
    const out = path.join(dir, 'mini.suan.json');
    expect(suan(['compile', RULES, '-o', out]).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    const bundle = JSON.parse(text);
    const run = () => suan(['check', out, FAILING, '-q', '--lang', 'en']);
    fs.writeFileSync(out, `\uFEFF${text}`);
    expect(run().code).toBe(1); // read: the findings of FAILING
    fs.writeFileSync(out, text.replace('"version": 2', '"version": 3'));
    expect(run().stderr).toContain('is invalid: it was written by a newer suan (format version 3); this suan reads format version 2');
    fs.writeFileSync(out, text.replace('"version": 2', '"version": 1'));
    const versionLine = text.split('\n').findIndex((l) => l.includes('"version": 2')) + 1;
    expect(run().stderr).toContain(`mini.suan.json:${versionLine}:14 error SUAN0008: Compiled ruleset ${out} is invalid: it was written by an older suan (format version 1); this suan reads format version 2. Regenerate it with \`suan compile\`.`);
    fs.writeFileSync(out, JSON.stringify({ ...bundle, note: 'x' }));
    expect(run().stderr).toContain('is invalid: it has field(s) suan compile does not write: note.');
    // Beside its sources, one of them edited since: the results are the bundle's, and that is said.
    const beside = path.join(dir, 'mini.suan');
    fs.writeFileSync(out, text);
    fs.writeFileSync(beside, `${bundle.files['mini.suan']}\n# edited\n`);
    const r = suan(['check', out, FAILING, '--lang', 'en', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`mini.suan:1:1 warning SUAN0017: ${beside} beside the compiled ruleset ${out} is not the text compiled into it: the results are the compiled ruleset's.`);
    expect(JSON.parse(r.stdout).ruleset.compiled).toMatchObject({ sourcesBeside: false, changed: [beside] });
    expect(suan(['explain', out, 'T01', '--lang', 'en']).stdout).toContain(`are as compiled into ${path.relative(REPO_ROOT, out)}; beside it, mini.suan changed since.`);
    // A pipe in the source's place is not read (it would wait for a writer): the sources are only not beside it.
    fs.rmSync(beside);
    expect(spawnSync('mkfifo', [beside]).status).toBe(0);
    const piped = suan(['check', out, FAILING, '--format', 'json', '-q']);
    expect(piped.code).toBe(1);
    expect(JSON.parse(piped.stdout).ruleset.compiled).toMatchObject({ sourcesBeside: false, changed: [] });
    fs.rmSync(beside);
    // A ruleset with its header and nothing to check: add a rule (not "name the entry file").
    fs.writeFileSync(beside, 'ruleset t.empty {\n  title "空"\n}\n');
    expect(suan(['check', beside, FAILING, '--lang', 'en']).stderr).toContain('error SUAN0016: The ruleset');
    // One whose every rule an override disables: nothing to check either.
    const city = path.join(dir, 'city.suan');
    fs.writeFileSync(city, `ruleset t.city {\n  title "市"\n}\nextends "${RULES}" {\n  disable T01\n  disable T02\n  disable T03\n}\n`);
    const off = suan(['check', city, FAILING, '--lang', 'en']);
    expect(off.code).toBe(2);
    expect(off.stderr).toContain(`error SUAN0018: Every rule and scorecard of the ruleset ${city} is disabled by an override: nothing would be checked.`);
  });

  it('does not write over a file that is not a compiled ruleset (an example, a report), and writes over one that is', () => {
    const dir = tmp();
    const example = path.join(dir, 'example.yaml');
    fs.copyFileSync(FAILING, example);
    const r = suan(['compile', RULES, '-o', example, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`suan: not written: ${example} exists and is not a compiled ruleset, and writing there would replace it.`);
    expect(fs.readFileSync(example, 'utf8')).toBe(fs.readFileSync(FAILING, 'utf8'));
    const out = path.join(dir, 'rules.json');
    expect(suan(['compile', RULES, '-o', out]).code).toBe(0);
    expect(suan(['compile', RULES, '-o', out]).code).toBe(0);
  });

  it('refuses a ruleset without a rule (a file the entry imports, named in its place) and a file that is not a ruleset', () => {
    const tables = path.join(REPO_ROOT, 'rulesets/juesuan/tables.suan');
    const out = path.join(tmp(), 'tables.json');
    for (const args of [['compile', tables, '-o', out], ['check', tables, FAILING], ['test', tables]]) {
      const r = suan([...args, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`tables.suan:1:1 error SUAN0014: The ruleset ${tables} has no rule and no scorecard: nothing would be checked.`);
    }
    expect(fs.existsSync(out)).toBe(false);
    const readme = path.join(REPO_ROOT, 'rulesets/juesuan/README.md');
    const r = suan(['compile', readme, '-o', out, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${path.relative(REPO_ROOT, readme)}:1:1 error SUAN0015: ${readme} is not a ruleset file. A ruleset is a .suan file, or a .json made by \`suan compile\`.`);
  });

  it('reads its syntax trees with every place made absolute, and does without trees nested past the stack', async () => {
    const { bundleHost } = await import('../../src/semantics/bundle');
    const out = path.join(tmp(), 'mini.suan.json');
    expect(suan(['compile', RULES, '-o', out]).code).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(out, 'utf8'));
    const root = path.join(tmp(), 'somewhere');
    // The built CLI's version (the trees' writer is that version and the trees' shape).
    const { parseCache } = bundleHost(bundle, root, JSON.parse(bundle.syntax).tool.replace(/ syntax \d+$/, ''));
    const tree = parseCache.get(path.join(root, 'mini.suan'))!;
    expect(tree.parsed.ast.file).toBe(path.join(root, 'mini.suan'));
    const files = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'file' ? files.add(x as string) : walk(x));
    };
    walk(tree.parsed);
    expect([...files]).toEqual([path.join(root, 'mini.suan')]);
    // A hand-made bundle whose "trees" nest deeper than the stack: no trees, no crash (the sources are parsed).
    const deep = `{"tool":"x","files":{"mini.suan":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`;
    expect(bundleHost({ ...bundle, syntax: deep }, root, 'x').parseCache.size).toBe(0);
  });

  it('moves with its directory; its syntax trees are read by the suan version that wrote them, ignored by others', async () => {
    const { bundleHash } = await import('../../src/semantics/bundle');
    const first = path.join(tmp(), 'a.suan.json');
    expect(suan(['compile', RULES, '-o', first]).code).toBe(0);
    const bundle = JSON.parse(fs.readFileSync(first, 'utf8'));
    const documents = (stdout: string) => JSON.parse(stdout).documents.map((d: { ms: number }) => ({ ...d, ms: 0 }));
    const expected = documents(suan(['check', RULES, FAILING, '--format', 'json', '-q']).stdout);
    expect(expected[0].rules).toHaveLength(3);
    // Moved elsewhere: the rules' places follow the bundle.
    const moved = path.join(tmp(), 'moved.suan.json');
    fs.writeFileSync(moved, JSON.stringify(bundle));
    const r = suan(['check', moved, FAILING, '--format', 'json', '-q']);
    expect(JSON.parse(r.stdout).rules[0].file).toBe(path.join(path.dirname(moved), 'mini.suan'));
    expect(documents(r.stdout)).toEqual(expected);
    // A tree with its first rule only (hash recomputed): this version reads it, so one rule runs…
    const syntax = JSON.parse(bundle.syntax);
    let firstRule = true;
    syntax.files['mini.suan'].ast.items = syntax.files['mini.suan'].ast.items.filter((i: { kind: string }) => i.kind !== 'Rule' || (firstRule && !(firstRule = false)));
    const write = (tool: string) => {
      const s = JSON.stringify({ ...syntax, tool });
      fs.writeFileSync(moved, JSON.stringify({ ...bundle, syntax: s, hash: bundleHash({ ...bundle, syntax: s }) }));
      return documents(suan(['check', moved, FAILING, '--format', 'json', '-q']).stdout);
    };
    expect(write(syntax.tool)[0].rules).toHaveLength(1);
    // …while another version ignores the trees and parses the sources,
    expect(write('0.0.1-another')).toEqual(expected);
    // and so does this version, for trees of an older shape (written before `execution` kept its ratio once).
    expect(syntax.tool).toMatch(/ syntax \d+$/);
    expect(write(syntax.tool.replace(/ syntax \d+$/, ''))).toEqual(expected);
    // Trees that are not syntax trees at all are set aside too.
    syntax.files['mini.suan'].ast.items = [{ kind: 'Rule' }, { kind: 'Table', columns: 7 }, null];
    expect(write(syntax.tool)).toEqual(expected);
  });
});

describe('suan fmt', () => {
  it('refuses a file that is not UTF-8 and leaves it as it is (it rewrote GBK text as U+FFFD), and formats the others', () => {
    const dir = tmp();
    // Chinese only in a comment and a string: the file parses even when its GBK bytes are misread.
    const gbk = path.join(dir, 'gbk.suan');
    const bytes = Buffer.concat([Buffer.from('# '), Buffer.from([0xd7, 0xa2, 0xca, 0xcd]), Buffer.from('\nruleset t.gbk {\n  title "t"    en "T"\n}\n')]);
    fs.writeFileSync(gbk, bytes);
    const other = path.join(dir, 'other.suan');
    fs.writeFileSync(other, 'ruleset t.other {\n  title "其他"    en "Other"\n}\n');
    const en = suan(['fmt', dir, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('gbk.suan: cannot read the file: the file is not UTF-8: the bytes at line 1, column 4 are not UTF-8 (perhaps GBK/GB18030, which Excel and WPS often save). Save it as UTF-8');
    expect(fs.readFileSync(gbk)).toEqual(bytes);
    expect(fs.readFileSync(other, 'utf8')).toBe('ruleset t.other {\n  title "其他" en "Other"\n}\n');
    const zh = suan(['fmt', gbk, '--check', '--lang', 'zh-CN']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('gbk.suan：无法读取文件：文件不是 UTF-8 编码：第 1 行第 4 列起的字节不是 UTF-8');
  });

  // A tester's round: --check said only "x.suan: not formatted", with no line and no way on.
  it('--check says where a file first differs, as it is and formatted, and how to format it', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'x.suan'), 'ruleset t.x {\n  title "其他"    en "Other"\n}\n');
    const en = suan(['fmt', 'x.suan', '--check', '--lang', 'en'], { cwd: dir });
    expect(en.code).toBe(1);
    expect(en.stdout).toBe('x.suan:2: not formatted: the line is "  title \\"其他\\"    en \\"Other\\"", formatted it is "  title \\"其他\\" en \\"Other\\"". Run suan fmt x.suan to format it.\n');
    const zh = suan(['fmt', 'x.suan', '--check', '--lang', 'zh-CN'], { cwd: dir });
    expect(zh.stdout).toContain('x.suan:2：格式不规范：此行为 ');
    expect(zh.stdout).toContain('运行 suan fmt x.suan 即可格式化。');
  });
});

describe('suan explain', () => {
  it('says what a rule checks in words, with its source, in both languages', () => {
    const en = suan(['explain', RULES, 'T02']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('every parent row equals the sum of its child rows');
    expect(en.stdout).toContain('rollup 支出决算表 columns 本年支出合计, 基本支出, 项目支出 total "合计"');
    const zh = suan(['explain', RULES, 'T01', '--lang', 'zh-CN']);
    // Chinese labels with full-width colons, and the severity in Chinese (it read "级别: error").
    expect(zh.stdout.split('\n').slice(1, 3)).toEqual([expect.stringMatching(/^定义位置：.*mini\.suan:\d+:\d+$/), '级别：错误']);
    expect(en.stdout.split('\n').slice(1, 3)).toEqual([expect.stringMatching(/^Defined at: .*mini\.suan:\d+:\d+$/), 'Severity: error']);
    expect(zh.stdout).toContain('对 支出决算表 中每一行 r');
    expect(zh.stdout).toContain('必须满足 r.本年支出合计 ≈ r.基本支出 + r.项目支出');
    const card = suan(['explain', path.join(REPO_ROOT, 'rulesets/jixiao-xiangmu/xiangmu.suan'), 'XM01']);
    expect(card.code).toBe(0);
    expect(card.stdout).toContain('one indicator per row of 绩效指标');
    expect(card.stdout).toContain('every other indicator: auto');
    // Every clause that decides a score or a dispute, in words (they were only in the quoted source).
    for (const line of [
      '  • only the rows where present(row.三级指标)',
      '  • grouped by 一级指标 › 二级指标',
      '  • the weights add up to 100 (full marks)',
      '  • 预算执行率 (not a row of the table; weight 项目资金["年度资金总额"].分值, self-reported score 项目资金["年度资金总额"].得分): execution of',
      '  • each score rounded to 2 decimals (half-up)',
      '  • the computed score of each indicator is compared with the self-reported one (within 0.05)',
      '  • the total is compared with the reported total 总计.得分',
      '  • the grade from the total: 优 >= 90, 良 >= 80, 中 >= 60, 差 else, compared with the reported grade 自评等级',
    ]) expect(card.stdout).toContain(line);
    expect(suan(['explain', path.join(REPO_ROOT, 'rulesets/jixiao-xiangmu/xiangmu.suan'), 'XM01', '--lang', 'zh-CN']).stdout).toContain('  • 每项得分保留 2 位小数（四舍五入）');
    // Comments inside a method or a clause are not part of what it says (they read as commenting the rest out).
    const commented = path.join(tmp(), 'c.suan');
    fs.writeFileSync(commented, 'table 表 {\n  key 指标: text\n  分值: number\n  得分: number\n}\nscorecard S {\n  table     表\n  indicator 指标\n  weight    分值\n  reported  得分\n  grade     优 >= 90,  # top\n    差 else\n  score E: weight ×  # half of it\n    0.5\n  score P: parts {  # two parts\n    3: full, # "#" is no comment in a text\n    1: full\n  }\n}\n');
    const ce = suan(['explain', commented, 'S', '--lang', 'en']).stdout;
    expect(ce).toContain('  • E: weight × 0.5\n');
    expect(ce).toContain('  • P: parts { 3: full, 1: full }\n');
    expect(ce).toContain('  • the grade from the total: 优 >= 90, 差 else\n');
    const unknown = suan(['explain', RULES, 'T2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Did you mean');
    // An id typed in the wrong case is the rule it can only mean.
    const lower = suan(['explain', RULES, 't02']);
    expect(lower.code).toBe(0);
    expect(lower.stdout).toBe(en.stdout);
    // Nothing close: the ruleset's ids are listed, so that the next try can succeed.
    const far = suan(['explain', path.join(REPO_ROOT, 'rulesets/jixiao-mubiao'), 'JM0101', '--lang', 'en']);
    expect(far.code).toBe(2);
    expect(far.stderr).toBe('The ruleset has no rule JM0101. Its 13 rules: MB01, MB02, MB03, MB04, MB05, MB06, MB07, MB08…\n');
  });

  it('reads its options as the other commands do: --lang anywhere, and nothing else unread', () => {
    const en = suan(['explain', RULES, 'T02', '--lang', 'en']);
    expect(suan(['explain', '--lang=en', RULES, 'T02']).stdout).toBe(en.stdout);
    // Arguments it does not take are said (they were skipped without a word).
    const extra = suan(['explain', RULES, 'T02', 'T03', '--lang', 'en']);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('suan explain takes a ruleset and one rule id; what follows them (T03) is not understood.');
    const zh = suan(['explain', RULES, 'T02', 'T03', '--lang', 'zh-CN']);
    expect(zh.stderr).toContain('suan explain 只接受一个规则集和一个规则编号；其后的 T03 无法理解。');
    const bogus = suan(['explain', RULES, 'T02', '--bogus', '--lang', 'zh-CN']);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('未知的选项 --bogus。');
  });
});

describe('a ruleset named by its folder', () => {
  const JUESUAN = path.join(REPO_ROOT, 'rulesets/juesuan');
  const EXAMPLES = path.join(JUESUAN, 'examples');

  it('is the folder\'s one .suan file, or the one with a ruleset header, in every command', () => {
    // One file (what suan init makes): test, check and compile take the folder.
    const dir = path.join(tmp(), 'city');
    expect(suan(['init', dir]).code).toBe(0);
    const byFolder = suan(['test', dir]);
    expect(byFolder.code).toBe(0);
    expect(byFolder.stdout).toBe(suan(['test', path.join(dir, 'city.suan')]).stdout);
    // Five files, one of them the entry: the same report as naming the entry, and the same bundle.
    const report = (ruleset: string) => suan(['check', ruleset, EXAMPLES, '--format', 'json', '--fail-on', 'never', '--quiet']);
    const viaFolder = report(JUESUAN);
    expect(viaFolder.code).toBe(0);
    const strip = (json: string) => JSON.parse(json, (k, v) => (k === 'ms' ? 0 : v));
    expect(strip(viaFolder.stdout)).toEqual(strip(report(path.join(JUESUAN, 'juesuan.suan')).stdout));
    expect(strip(viaFolder.stdout).ruleset.file).toBe(path.join(JUESUAN, 'juesuan.suan'));
    const out = tmp();
    expect(suan(['compile', JUESUAN, '-o', path.join(out, 'a.json')]).code).toBe(0);
    expect(suan(['compile', path.join(JUESUAN, 'juesuan.suan'), '-o', path.join(out, 'b.json')]).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'a.json'), 'utf8')).toBe(fs.readFileSync(path.join(out, 'b.json'), 'utf8'));
    expect(suan(['explain', JUESUAN, 'JS0101']).stdout).toBe(suan(['explain', path.join(JUESUAN, 'juesuan.suan'), 'JS0101']).stdout);
  });

  it('says which files it found when there is no entry, or several', () => {
    const two = tmp();
    fs.copyFileSync(path.join(JUESUAN, 'juesuan.suan'), path.join(two, 'juesuan.suan'));
    fs.copyFileSync(path.join(REPO_ROOT, 'rulesets/juesuan-city-example/city.suan'), path.join(two, 'city.suan'));
    const several = suan(['check', two, EXAMPLES, '--lang', 'en']);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain(`${two}:1:1 error SUAN0013: The folder ${two} holds several rulesets (city.suan, juesuan.suan). Name the one to use, e.g. ${path.join(two, 'city.suan')}.`);
    const parts = tmp();
    fs.copyFileSync(path.join(JUESUAN, 'tables.suan'), path.join(parts, 'tables.suan'));
    fs.copyFileSync(path.join(JUESUAN, 'rules-cross.suan'), path.join(parts, 'rules-cross.suan'));
    const none = suan(['test', parts, '--lang', 'zh-CN']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`${parts}:1:1 error SUAN0012: 目录 ${parts} 中找不到规则集：其中 2 个 .suan 文件都没有以 ruleset 头部开头。请写出规则集文件`);
    const empty = suan(['explain', tmp(), 'JS0101', '--lang', 'en']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/error SUAN0012: No ruleset found in the folder .*: it holds no \.suan file\. Name the ruleset file itself/);
  });
});
