import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { Scheduler, type EvaluatedParams } from '../src/scheduler';
import { workspace, type TestWorkspace } from './helpers';

let w: TestWorkspace;
let s: Scheduler;
afterEach(() => {
  s?.dispose();
  w?.dispose();
});

/** A scheduler whose publications are recorded (the language server sends them to the client). */
function setup(settings = {}) {
  w = workspace({ diagnosticsDelay: 5, evaluationDelay: 20, ...settings });
  const published = new Map<string, Diagnostic[]>();
  const evaluated: EvaluatedParams[] = [];
  let refreshes = 0;
  s = new Scheduler(w.services, {
    diagnostics: (uri, ds) => published.set(uri, ds),
    refresh: () => refreshes++,
    notify: (method, p) => method === 'suan/evaluated' && evaluated.push(p as EvaluatedParams),
  });
  const until = async (f: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!f()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { published, evaluated, refreshes: () => refreshes, until };
}

describe('scheduler', () => {
  it('finds the ruleset a header-less imported file belongs to', () => {
    w = workspace();
    expect(w.services.workspace.entryOf(w.file('决算/tables.suan'))).toBe(w.file('决算/main.suan'));
  });

  it('publishes diagnostics on open, then evaluates the bound data and publishes inline results in ruleset and data', async () => {
    const t = setup();
    const doc = w.open('决算/main.suan');
    s.opened(w.file('决算/main.suan'));
    await t.until(() => t.published.has(doc.uri));
    expect(t.published.get(doc.uri)).toEqual([]);
    await t.until(() => t.evaluated.length > 0);
    expect(t.evaluated[0]).toMatchObject({ ruleset: doc.uri, notRun: false, files: [{ uri: w.uri('决算/examples/a.yaml'), counts: { fail: 5, pass: 11 }, loadErrors: 0 }] });
    expect(t.published.get(doc.uri)!.map((d) => d.code)).toEqual(['JS01', 'JS02', 'JS02', 'JS02', 'JS03']);
    expect(t.published.get(w.uri('决算/examples/a.yaml'))!.map((d) => d.code).sort()).toEqual(['JS01', 'JS02', 'JS02', 'JS02', 'JS03']);
    expect(t.refreshes()).toBeGreaterThan(0);
  });

  it('re-checks on every change (debounced) and does not evaluate a ruleset with errors', async () => {
    const t = setup();
    const doc = w.open('决算/main.suan');
    s.opened(w.file('决算/main.suan'));
    await t.until(() => t.evaluated.length > 0);
    w.services.workspace.change(doc.uri, doc.text.replace('assert 三公经费.合计 ≈ 分项', 'assert 三公经费.合计 ≈ 分项项'), 2);
    s.changed(w.file('决算/main.suan'));
    await t.until(() => (t.published.get(doc.uri) ?? []).some((d) => d.code === 'SUAN2001'));
    const n = t.evaluated.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(t.evaluated.length).toBe(n);
  });

  it('lets the newest edit win: only the result of the latest text is published', async () => {
    const t = setup({ evaluationDelay: 0 });
    const doc = w.open('决算/main.suan');
    s.opened(w.file('决算/main.suan'));
    for (let i = 0; i < 5; i++) {
      w.services.workspace.change(doc.uri, `${doc.text}\n# 第 ${i} 次修改\n`, 2 + i);
      s.changed(w.file('决算/main.suan'));
    }
    await t.until(() => t.evaluated.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    const a = w.services.workspace.analyze(w.file('决算/main.suan'));
    expect(w.services.workspace.results.get(w.file('决算/main.suan'))!.key.startsWith(`${a.key}#`)).toBe(true);
    expect(t.evaluated.length).toBe(1);
  });

  it('re-evaluates when the data changes in the editor, and when it changes on disk', async () => {
    const t = setup();
    w.open('决算/main.suan');
    s.opened(w.file('决算/main.suan'));
    await t.until(() => t.evaluated.length === 1);
    const dataUri = w.uri('决算/examples/a.yaml');
    const data = readFileSync(w.file('决算/examples/a.yaml'), 'utf8');
    // In the editor: fix 三公经费.合计 → JS03 passes.
    w.services.workspace.open(dataUri, data.replace('合计: { value: "5.00"', '合计: { value: "4.50"'), 1, 'yaml');
    s.changed(w.file('决算/examples/a.yaml'));
    await t.until(() => t.evaluated.length === 2);
    expect(t.published.get(dataUri)!.map((d) => d.code)).not.toContain('JS03');
    // Closed again, then changed on disk: fix row 2080506 → JS01 passes.
    w.services.workspace.close(dataUri);
    writeFileSync(w.file('决算/examples/a.yaml'), data.replace('"10.00", "10.00", "0.50"', '"10.50", "10.00", "0.50"'));
    s.diskChanged(w.file('决算/examples/a.yaml'), 'changed');
    await t.until(() => t.evaluated.length >= 3 && !(t.published.get(dataUri) ?? []).some((d) => d.code === 'JS01'));
    expect(t.published.get(dataUri)!.map((d) => d.code)).toContain('JS03');
  });

  it('reports a malformed data file at its line and column', async () => {
    const t = setup();
    w.open('决算/main.suan');
    w.services.workspace.open(w.uri('决算/examples/a.yaml'), 'suan: 1\ntables: [oops\n', 1, 'yaml');
    s.opened(w.file('决算/main.suan'));
    await t.until(() => t.evaluated.length > 0);
    const ds = t.published.get(w.uri('决算/examples/a.yaml'))!;
    expect(ds[0]).toMatchObject({ code: 'SUAN5001', severity: 1 });
    expect(t.evaluated[0]!.files[0]!.loadErrors).toBe(1);
  });

  it('clears what it showed when the ruleset is closed', async () => {
    const t = setup();
    const doc = w.open('决算/main.suan');
    s.opened(w.file('决算/main.suan'));
    await t.until(() => t.evaluated.length > 0);
    w.services.workspace.close(doc.uri);
    s.closed(w.file('决算/main.suan'));
    expect(t.published.get(doc.uri)).toEqual([]);
    expect(t.published.get(w.uri('决算/examples/a.yaml'))).toEqual([]);
  });
});
