/**
 * The real server over stdio (dist/server.js built by build.mjs, evaluation in its worker
 * thread), driven by a JSON-RPC client: initialize, didOpen/didChange, every feature with
 * cursor-marker fixtures, inline results in the ruleset and the data file, data bindings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markers } from './lsp-client.mjs';
import { useE2e } from './setup';

const env = useE2e({ client: {} });

const MAIN = 'ruleset 测试.决算 { title "t" }\nimport "tables.suan"\nfact 收支总计: money 万元\n';

/** Opens a scratch document with `<|>` markers; returns its uri and the marker positions. */
async function openDoc(rel: string, textWithMarkers: string) {
  const m = markers(textWithMarkers);
  const uri = env.ws.uri(rel);
  await env.client.open(uri, m.text);
  return { uri, positions: m.positions, text: m.text };
}

describe('initialize', () => {
  it('advertises every feature', () => {
    const caps = env.client.initializeResult.capabilities;
    for (const k of ['completionProvider', 'hoverProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider',
      'workspaceSymbolProvider', 'foldingRangeProvider', 'documentFormattingProvider', 'semanticTokensProvider', 'signatureHelpProvider',
      'codeActionProvider', 'codeLensProvider', 'inlayHintProvider', 'executeCommandProvider']) expect(caps[k], k).toBeTruthy();
    expect(caps.completionProvider.triggerCharacters).toContain('.');
    expect(caps.semanticTokensProvider.legend.tokenTypes).toContain('property');
  });

  it('asks for the `suan` settings and registers file watching', async () => {
    await env.client.until(() => env.client.serverRequests.some((r) => r.method === 'workspace/configuration'));
    await env.client.until(() => env.client.serverRequests.some((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('workspace/didChangeWatchedFiles')));
  });
});

describe('diagnostics', () => {
  it('reports syntax and semantic errors on open and clears them when fixed, on every change', async () => {
    const uri = env.ws.uri('草稿/draft.suan');
    await env.client.open(uri, 'ruleset t { title "t" }\nfact 收入: money 万元\nrule R {\n  assert 收人 ≈\n}\n');
    const ds = await env.client.waitForDiagnostics(uri, (d) => d.length > 0);
    expect(ds.map((d) => d.code)).toEqual(expect.arrayContaining(['SUAN1001']));
    env.client.change(uri, 'ruleset t { title "t" }\nfact 收入: money 万元\nrule R {\n  assert 收人 ≈ 0\n}\n');
    const unknown = await env.client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'SUAN2001'));
    expect(unknown.find((x) => x.code === 'SUAN2001').message).toBe('Unknown name "收人". Did you mean "收入"?');
    env.client.change(uri, 'ruleset t { title "t" }\nfact 收入: money 万元\nrule R {\n  assert 收入 ≈ 0 万元\n}\n');
    await env.client.waitForDiagnostics(uri, (d) => d.length === 0);
    await env.client.close(uri);
  });
});

describe('inline failures', () => {
  it('evaluates the bound data (examples/ convention) and shows failing rules with numbers and the data cells', async () => {
    const uri = env.ws.uri('决算/main.suan');
    const from = env.client.notifications.length;
    await env.client.open(uri, env.ws.read('决算/main.suan'));
    const ev = await env.client.waitForNotification('suan/evaluated', (p) => p.ruleset === uri, 30_000, from);
    expect(ev.files).toEqual([{ uri: env.ws.uri('决算/examples/a.yaml'), counts: { pass: 11, fail: 5, coarse: 0, na: 0, error: 0 }, loadErrors: 0 }]);
    const ds = await env.client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'JS01'));
    const js01 = ds.find((d) => d.code === 'JS01');
    expect(js01.message).toContain('actual 10.00 万元; expected 10.50 万元; difference -0.50 万元');
    expect(js01.relatedInformation[0].location.uri).toBe(env.ws.uri('决算/examples/a.yaml'));
    const data = await env.client.waitForDiagnostics(env.ws.uri('决算/examples/a.yaml'), (d) => d.length > 0);
    expect(data.map((d) => d.code).sort()).toEqual(['JS01', 'JS02', 'JS02', 'JS02', 'JS03']);
    expect(data.find((d) => d.code === 'JS03').range.start).toEqual({ line: 19, character: 17 });
  });

  it('shows a code lens per rule and inlay hints with values from the data', async () => {
    const uri = env.ws.uri('决算/main.suan');
    const lenses = await env.client.request('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l: { command: { title: string } }) => l.command.title)).toEqual([
      'Data: a.yaml · convention (examples/ or *.data.*)', '✗ 1 failing · ✓ 4 passed', '✗ 3 failing · ✓ 6 passed', '✗ 1 failing', '✓ 1 passed',
    ]);
    const hints = await env.client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } });
    expect(hints.map((h: { label: string }) => h.label)).toEqual(expect.arrayContaining(['= 100.50 万元', '= 5.00 万元', '= 4.50 万元']));
    expect(env.client.serverRequests.some((r) => r.method === 'workspace/codeLens/refresh')).toBe(true);
  });

  it('hovers a rule with its results, and a fact with its value', async () => {
    const uri = env.ws.uri('决算/main.suan');
    const text = env.ws.read('决算/main.suan');
    const line = text.split('\n').findIndex((l) => l.startsWith('rule JS03'));
    const h = await env.client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 6 } });
    expect(h.contents.value).toContain('✗ 1 failing');
    expect(h.contents.value).toContain('actual 5.00 万元; expected 4.50 万元');
    const f = await env.client.request('textDocument/hover', { textDocument: { uri }, position: { line: text.split('\n').findIndex((l) => l.startsWith('fact 收支总计')), character: 7 } });
    expect(f.contents.value).toContain('value in a.yaml: 100.50 万元');
  });

  it('refreshes when the data changes in the editor', async () => {
    const dataUri = env.ws.uri('决算/examples/a.yaml');
    const text = env.ws.read('决算/examples/a.yaml');
    await env.client.open(dataUri, text, 'yaml');
    const from = env.client.notifications.length;
    env.client.change(dataUri, text.replace('合计: { value: "5.00"', '合计: { value: "4.50"'));
    await env.client.waitForNotification('suan/evaluated', (p) => p.files[0]?.counts?.fail === 4, 30_000, from);
    const ds = await env.client.waitForDiagnostics(env.ws.uri('决算/main.suan'), (d) => !d.some((x) => x.code === 'JS03'));
    expect(ds.map((d) => d.code)).toContain('JS01');
    env.client.change(dataUri, text);
    await env.client.waitForNotification('suan/evaluated', (p) => p.files[0]?.counts?.fail === 5, 30_000, env.client.notifications.length);
    await env.client.close(dataUri);
  });

  it('refreshes when the data changes on disk', async () => {
    const file = env.ws.file('决算/examples/a.yaml');
    const text = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, text.replace('"10.00", "10.00", "0.50"', '"10.50", "10.00", "0.50"'));
      const from = env.client.notifications.length;
      env.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: env.ws.uri('决算/examples/a.yaml'), type: 2 }] });
      // Row 2080506 now adds up (JS01 passes), which unbalances its parent 20805 (one more JS02 failure).
      await env.client.waitForDiagnostics(env.ws.uri('决算/main.suan'), (d) => !d.some((x) => x.code === 'JS01') && d.filter((x) => x.code === 'JS02').length === 4);
      await env.client.waitForNotification('suan/evaluated', () => true, 10_000, from);
    } finally {
      writeFileSync(file, text);
      env.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: env.ws.uri('决算/examples/a.yaml'), type: 2 }] });
    }
    await env.client.waitForDiagnostics(env.ws.uri('决算/main.suan'), (d) => d.some((x) => x.code === 'JS01'));
  });

  it('changes the binding at run time (request and command), and back', async () => {
    const uri = env.ws.uri('决算/main.suan');
    const other = env.ws.file('决算/other.yaml');
    writeFileSync(other, env.ws.read('决算/examples/a.yaml').replace('"10.00", "10.00", "0.50"', '"10.50", "10.00", "0.50"'));
    const b = await env.client.request('suan/setDataBinding', { ruleset: uri, data: [env.ws.uri('决算/other.yaml')] });
    expect(b).toEqual({ ruleset: uri, data: [env.ws.uri('决算/other.yaml')], source: 'manual' });
    await env.client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'JS03') && !d.some((x) => x.code === 'JS01'));
    expect(await env.client.request('suan/getDataBinding', { ruleset: uri })).toMatchObject({ source: 'manual' });
    const back = await env.client.request('workspace/executeCommand', { command: 'suan.bindData', arguments: [uri, null] });
    expect(back).toMatchObject({ source: 'convention', data: [env.ws.uri('决算/examples/a.yaml')] });
    await env.client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'JS01'));
  });

  it('answers suan/evaluate with the full results, and suan.showFindings opens the failing cell', async () => {
    const uri = env.ws.uri('决算/main.suan');
    const r = await env.client.request('suan/evaluate', { ruleset: uri });
    expect(r.files[0].result.rules.map((x: { id: string }) => x.id)).toEqual(['JS01', 'JS02', 'JS03', 'JS04']);
    const shown = await env.client.request('workspace/executeCommand', { command: 'suan.showFindings', arguments: [uri, 'JS03'] });
    expect(shown).toEqual({ uri: env.ws.uri('决算/examples/a.yaml'), range: { start: { line: 19, character: 17 }, end: { line: 19, character: 23 } } });
    expect(env.client.serverRequests.find((x) => x.method === 'window/showDocument')!.params).toMatchObject({ uri: env.ws.uri('决算/examples/a.yaml'), takeFocus: true });
  });
});

describe('editing features through the protocol', () => {
  it('completes, hovers, goes to definition, finds references, renames', async () => {
    const d = await openDoc('决算/edit.suan', `${MAIN}rule R1 {\n  for r in 支出决算表\n  assert r.<|>基本支出 ≈ r.项目支出\n}\nrule R2 { for q in 支出决算表  assert q.基本支<|>出 ≈ 0 }\n`);
    const comp = await env.client.request('textDocument/completion', { textDocument: { uri: d.uri }, position: d.positions[0] });
    expect(comp.items.map((i: { label: string }) => i.label)).toEqual(expect.arrayContaining(['本年支出合计', '基本支出', '项目支出']));
    const hov = await env.client.request('textDocument/hover', { textDocument: { uri: d.uri }, position: d.positions[1] });
    expect(hov.contents.value).toContain('支出决算表.基本支出');
    const def = await env.client.request('textDocument/definition', { textDocument: { uri: d.uri }, position: d.positions[1] });
    expect(def[0].uri).toBe(env.ws.uri('决算/tables.suan'));
    const refs = await env.client.request('textDocument/references', { textDocument: { uri: d.uri }, position: d.positions[1], context: { includeDeclaration: false } });
    expect(refs.filter((r: { uri: string }) => r.uri === d.uri)).toHaveLength(2);
    const prep = await env.client.request('textDocument/prepareRename', { textDocument: { uri: d.uri }, position: d.positions[1] });
    expect(prep.placeholder).toBe('基本支出');
    const edit = await env.client.request('textDocument/rename', { textDocument: { uri: d.uri }, position: d.positions[1], newName: '基本经费' });
    expect(edit.changes[env.ws.uri('决算/tables.suan')]).toHaveLength(1);
    await expect(env.client.request('textDocument/rename', { textDocument: { uri: d.uri }, position: d.positions[1], newName: '项目支出' })).rejects.toThrow('"项目支出" is already taken');
  });

  it('gives symbols, workspace symbols, folding, formatting, semantic tokens, signature help and code actions', async () => {
    const d = await openDoc('决算/edit2.suan', `${MAIN}rule R1 {\n  for r in 支出决算表\n  assert round(r.基本支出, <|>2) ≈ r.项目支出\n}\nrule   R2 {\n assert 收支总<|>计计 ≈ 0 万元\n}\n`);
    const td = { textDocument: { uri: d.uri } };
    const syms = await env.client.request('textDocument/documentSymbol', td);
    expect(syms.map((s: { name: string }) => s.name)).toEqual(['测试.决算', 'tables.suan', '收支总计', 'R1', 'R2']);
    const wsyms = await env.client.request('workspace/symbol', { query: '支出决算' });
    expect(wsyms.map((s: { name: string }) => s.name)).toContain('支出决算表');
    const folds = await env.client.request('textDocument/foldingRange', td);
    expect(folds.length).toBeGreaterThanOrEqual(2);
    const fmt = await env.client.request('textDocument/formatting', { ...td, options: { tabSize: 2, insertSpaces: true } });
    expect(fmt.map((e: { newText: string }) => e.newText).join('')).toContain('rule R2 {\n  assert 收支总计计 ≈ 0 万元\n');
    const tokens = await env.client.request('textDocument/semanticTokens/full', td);
    expect(tokens.data.length % 5).toBe(0);
    expect(tokens.data.length).toBeGreaterThan(50);
    const sig = await env.client.request('textDocument/signatureHelp', { ...td, position: d.positions[0] });
    expect(sig).toMatchObject({ activeParameter: 1, signatures: [{ label: 'round(x, n, mode?)' }] });
    const diags = await env.client.waitForDiagnostics(d.uri, (x) => x.some((y) => y.code === 'SUAN2001'));
    const actions = await env.client.request('textDocument/codeAction', { ...td, range: { start: d.positions[1], end: d.positions[1] }, context: { diagnostics: diags.filter((x) => x.code === 'SUAN2001') } });
    expect(actions.map((a: { title: string }) => a.title)).toEqual(expect.arrayContaining(['Change to "收支总计"', 'Declare fact "收支总计计"', 'Add tolerance within 0.01 万元']));
    expect(actions[0].diagnostics[0].code).toBe('SUAN2001');
  });

  it('answers requests on unknown documents and positions out of range with empty results', async () => {
    const uri = env.ws.uri('决算/nowhere.suan');
    expect(await env.client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } })).toBeNull();
    const d = await openDoc('决算/edge.suan', 'rule R {}\n');
    expect(await env.client.request('textDocument/completion', { textDocument: { uri: d.uri }, position: { line: 999, character: 999 } })).toMatchObject({ items: expect.any(Array) });
    expect(await env.client.request('textDocument/hover', { textDocument: { uri: d.uri }, position: { line: -1, character: 5 } })).toBeNull();
  });
});
