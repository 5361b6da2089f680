/**
 * No request ever crashes the server: a ruleset mangled at random (cut, spliced, flooded with
 * brackets, quotes, backticks, huge numbers, Chinese punctuation) gets every kind of request at
 * random positions after every edit. Every answer must arrive, none may be an internal error,
 * no handler may fail (the server logs any that does), and the server must still be checking.
 */
import { describe, expect, it } from 'vitest';
import { useE2e } from './setup';

const env = useE2e({ client: { locale: 'zh-CN' } });

/** A deterministic random source (the failing case can be replayed). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const JUNK = [
  '{', '}', '(', ')', '[', ']', '"', '`', '.', ',', '，', '：', '≈', '=', '÷', '%', '#', '\n', '\t', ' ', '\u3000', '\r\n',
  'rule', 'table', 'for', 'in', 'assert', 'let', 'message "{', '{r.', 'sum(', 'round(', 'rollup', 'columns', 'within', 'extends "', 'import "',
  '支出决算表', '本年支出合计', 'r.', '三公经费.', '“三公”', '因公出国（境）费', '((((((((((((((((((((', '9'.repeat(60), '-'.repeat(30),
  '\u{1F600}', '\uD800', 'constructor', '__proto__', 'toString(',
];

const METHODS = [
  'textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/prepareRename',
  'textDocument/signatureHelp', 'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/formatting',
  'textDocument/semanticTokens/full', 'textDocument/codeAction', 'textDocument/codeLens', 'textDocument/inlayHint', 'textDocument/rename',
] as const;

function paramsFor(method: string, uri: string, position: { line: number; character: number }) {
  const textDocument = { uri };
  switch (method) {
    case 'textDocument/references': return { textDocument, position, context: { includeDeclaration: true } };
    case 'textDocument/formatting': return { textDocument, options: { tabSize: 2, insertSpaces: true } };
    case 'textDocument/codeAction': return { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } };
    case 'textDocument/inlayHint': return { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } } };
    case 'textDocument/rename': return { textDocument, position, newName: '新名称' };
    case 'textDocument/documentSymbol': case 'textDocument/foldingRange': case 'textDocument/semanticTokens/full': case 'textDocument/codeLens':
      return { textDocument };
    default: return { textDocument, position };
  }
}

describe('robustness', () => {
  it('answers every request on randomly mangled rulesets and keeps checking', async () => {
    const uri = env.ws.uri('决算/main.suan');
    const original = env.ws.read('决算/main.suan');
    await env.client.open(uri, original);
    await env.client.waitForNotification('suan/evaluated', () => true, 30_000);
    const random = rng(20240601);
    let text = original;
    const failures: string[] = [];
    for (let round = 0; round < 80; round++) {
      // Mangle: cut a slice, splice junk in, sometimes start again from the original.
      if (round % 20 === 19) text = original;
      const at = Math.floor(random() * (text.length + 1));
      const cut = Math.floor(random() * 12);
      const junk = Array.from({ length: 1 + Math.floor(random() * 4) }, () => JUNK[Math.floor(random() * JUNK.length)]).join('');
      text = text.slice(0, at) + junk + text.slice(at + cut);
      env.client.change(uri, text);
      const lines = text.split('\n');
      const requests = METHODS.map((method) => {
        const line = Math.floor(random() * (lines.length + 2)) - 1;
        const character = Math.floor(random() * ((lines[Math.max(0, line)]?.length ?? 0) + 3));
        return env.client.request(method, paramsFor(method, uri, { line, character })).then(
          () => undefined,
          (e: { code?: number; message?: string }) => {
            // A rename may be refused (no name there, a taken name): that is an answer, not a failure.
            if (method === 'textDocument/rename' && e.code === -32602) return;
            failures.push(`${method} round ${round}: ${e.code} ${e.message}`);
          },
        );
      });
      await Promise.all(requests);
    }
    expect(failures).toEqual([]);
    expect(env.client.exited).toBe(false);
    expect(env.client.log.filter((l) => /failed|uncaught|unhandled/.test(l))).toEqual([]);
    // Still checking: a fixed text gets clean diagnostics and results again.
    env.client.change(uri, original);
    await env.client.waitForDiagnostics(uri, (d) => d.length > 0 && d.every((x) => /^JS/.test(String(x.code))), 30_000);
  }, 120_000);

  it('survives requests for documents it never saw and malformed parameters', async () => {
    const ghost = env.ws.uri('决算/ghost.suan');
    for (const method of METHODS) {
      await env.client.request(method, paramsFor(method, ghost, { line: 0, character: 0 })).catch(() => undefined);
    }
    await env.client.request('textDocument/hover', { textDocument: { uri: 'untitled:1' }, position: { line: 0, character: 0 } });
    await env.client.request('suan/setDataBinding', { ruleset: 'untitled:1', data: ['not a uri'] });
    await env.client.request('workspace/executeCommand', { command: 'suan.showFindings', arguments: [] });
    await env.client.request('workspace/executeCommand', { command: 'suan.evaluate', arguments: [42] });
    // A request without a position makes the completion handler throw: the guard logs it and answers empty.
    expect(await env.client.request('textDocument/completion', { textDocument: { uri: env.ws.uri('决算/main.suan') } })).toEqual({ isIncomplete: false, items: [] });
    await env.client.until(() => env.client.log.some((l) => l.includes('completion failed')), 5000, 'the guard to log');
    expect(env.client.exited).toBe(false);
    const h = await env.client.request('textDocument/hover', { textDocument: { uri: env.ws.uri('决算/main.suan') }, position: { line: 0, character: 1 } });
    expect(h === null || typeof h === 'object').toBe(true);
  });
});
