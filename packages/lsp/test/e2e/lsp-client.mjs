// A small LSP client for tests and the benchmark: starts the real server (`node server.js --stdio`)
// as a child process and talks JSON-RPC to it over its stdio (vscode-languageserver-protocol).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

/** Client capabilities of a modern editor (snippets, markdown, refresh requests, dynamic registration). */
export const CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
    symbol: {},
    executeCommand: {},
    workspaceEdit: { documentChanges: true },
  },
  window: { showDocument: { support: true }, workDoneProgress: true },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    signatureHelp: { signatureInformation: { parameterInformation: { labelOffsetSupport: true } } },
    definition: {},
    references: {},
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: {},
    formatting: {},
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } }, isPreferredSupport: true },
    codeLens: {},
    inlayHint: {},
    semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, dataSupport: true },
  },
};

export class LspClient {
  /**
   * @param {{ server: string, root?: string, rootUri?: string, locale?: string, settings?: object, initializationOptions?: object, capabilities?: object, env?: Record<string,string>, nodeArgs?: string[] }} o
   */
  static async start(o) {
    const child = spawn(process.execPath, [...(o.nodeArgs ?? []), o.server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...(o.env ?? {}) } });
    const c = new LspClient(child, o.settings ?? {});
    const folders = o.rootUri ? [{ uri: o.rootUri, name: 'root' }] : null;
    c.initializeResult = await c.connection.sendRequest('initialize', {
      processId: process.pid,
      locale: o.locale ?? 'en',
      rootUri: o.rootUri ?? null,
      workspaceFolders: folders,
      capabilities: o.capabilities ?? CAPABILITIES,
      initializationOptions: o.initializationOptions,
    });
    c.connection.sendNotification('initialized', {});
    return c;
  }

  constructor(child, settings) {
    this.child = child;
    this.settings = settings;
    /** @type {Map<string, any[]>} */
    this.diagnostics = new Map();
    this.diagnosticVersions = new Map();
    this.notifications = [];
    this.serverRequests = [];
    this.log = [];
    this.stderr = '';
    this.exited = false;
    this.listeners = new Set();
    child.stderr.on('data', (d) => { this.stderr += d.toString(); });
    child.on('exit', () => { this.exited = true; this.wake(); });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.diagnosticVersions.set(p.uri, (this.diagnosticVersions.get(p.uri) ?? 0) + 1);
      this.notifications.push({ method: 'textDocument/publishDiagnostics', params: p, at: performance.now() });
      this.wake();
    });
    this.connection.onNotification((method, params) => {
      if (method === 'window/logMessage') this.log.push(params.message);
      this.notifications.push({ method, params, at: performance.now() });
      this.wake();
    });
    this.connection.onRequest((method, params) => {
      this.serverRequests.push({ method, params });
      this.wake();
      switch (method) {
        case 'workspace/configuration':
          return (params.items ?? []).map((i) => (i.section === 'suan' ? this.settings : null));
        case 'window/showDocument':
          return { success: true };
        case 'window/showMessageRequest':
          return null;
        default:
          return null;
      }
    });
    this.connection.listen();
    this.versions = new Map();
  }

  wake() {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when `check()` returns a truthy value (checked now and after every message), or rejects after `ms`. */
  until(check, ms = 20000, what = 'condition') {
    return new Promise((resolve, reject) => {
      const tryIt = () => {
        let v;
        try {
          v = check();
        } catch (e) {
          cleanup();
          reject(e);
          return;
        }
        if (v) {
          cleanup();
          resolve(v);
        } else if (this.exited) {
          cleanup();
          reject(new Error(`server exited while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}\nlog:\n${this.log.join('\n')}\nstderr:\n${this.stderr}`));
      }, ms);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(tryIt);
      };
      this.listeners.add(tryIt);
      tryIt();
    });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  open(uri, text, languageId = 'suan') {
    this.versions.set(uri, 1);
    return this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text. */
  change(uri, text) {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    return this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  }

  /** An incremental edit. */
  edit(uri, range, text) {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    return this.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
  }

  close(uri) {
    return this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Waits until diagnostics for `uri` satisfy `pred` (counting only publications after `since`, if given). */
  waitForDiagnostics(uri, pred = () => true, ms = 20000, since = 0) {
    return this.until(() => {
      if ((this.diagnosticVersions.get(uri) ?? 0) <= since) return undefined;
      const d = this.diagnostics.get(uri);
      return d && pred(d) ? d : undefined;
    }, ms, `diagnostics of ${uri}`);
  }

  waitForNotification(method, pred = () => true, ms = 20000, from = 0) {
    return this.until(() => this.notifications.slice(from).find((n) => n.method === method && pred(n.params))?.params, ms, method);
  }

  /** Resident memory of the server process in MB (Linux). */
  rssMb() {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+) kB/.exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  async stop() {
    if (this.exited) return;
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    await Promise.race([new Promise((r) => this.child.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
    if (!this.exited) this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}

/** Text with `<|>` cursor markers → the text without them and the markers' positions (0-based line/character, UTF-16). */
export function markers(textWithMarkers) {
  const positions = [];
  const offsets = [];
  let text = '';
  let rest = textWithMarkers;
  for (;;) {
    const i = rest.indexOf('<|>');
    if (i < 0) {
      text += rest;
      break;
    }
    text += rest.slice(0, i);
    offsets.push(text.length);
    rest = rest.slice(i + 3);
  }
  for (const o of offsets) {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    positions.push({ line, character: o - (before.lastIndexOf('\n') + 1) });
  }
  return { text, positions, offsets };
}
