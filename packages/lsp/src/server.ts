/**
 * Wiring: LSP messages → features. Every handler is guarded (a failure is logged and answered
 * with an empty result), so no request can take the server down.
 */
import * as path from 'node:path';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  TextDocumentSyncKind, TextDocuments, type ClientCapabilities, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectLang, type Lang } from '@suan/dsl';
import { spanToRange, uriToPath } from './convert';
import { codeActions } from './features/code-actions';
import { codeLenses, SHOW_BINDING_COMMAND, SHOW_FINDINGS_COMMAND } from './features/code-lens';
import { completion } from './features/completion';
import { definition } from './features/definition';
import { foldingRanges } from './features/folding';
import { formatDocument } from './features/formatting';
import { hover } from './features/hover';
import { inlayHints } from './features/inlay-hints';
import { primaryRead } from './features/inline-results';
import { references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { LEGEND, semanticTokens } from './features/semantic-tokens';
import { signatureHelp } from './features/signature-help';
import { documentSymbols, workspaceSymbols } from './features/symbols';
import { langFrom, t } from './i18n';
import { Scheduler } from './scheduler';
import { createServices, type ServiceOptions, type SuanServices } from './services';
import type { Settings } from './workspace';

export interface ServerOptions {
  /** The script worker threads run (the server bundle); without it evaluation runs on the server's thread. */
  workerFile?: string;
  evaluator?: ServiceOptions['evaluator'];
  fs?: ServiceOptions['fs'];
}

export const BIND_DATA_COMMAND = 'suan.bindData';
export const EVALUATE_COMMAND = 'suan.evaluate';

/** Params of `suan/setDataBinding`: the data files of a ruleset, or `null` to go back to settings and convention. */
export interface SetDataBindingParams {
  ruleset: string;
  data: string[] | null;
}

export interface DataBindingResult {
  ruleset: string;
  data: string[];
  source: 'manual' | 'config' | 'convention' | 'none';
}

/** Settings a client may send (section `suan`, or `initializationOptions`). */
export interface ClientSettings {
  lang?: string;
  data?: Record<string, string[] | string>;
  inlineResults?: boolean;
  inlayHints?: boolean;
  diagnosticsDelay?: number;
  evaluationDelay?: number;
  maxFindingsPerRule?: number;
}

export function startServer(connection: Connection, options: ServerOptions = {}): { services: () => SuanServices | undefined } {
  const documents = new TextDocuments(TextDocument);
  let services: SuanServices | undefined;
  let scheduler: Scheduler | undefined;
  let caps: ClientCapabilities = {};
  let localeLang: Lang = detectLang();
  let initOptions: ClientSettings = {};
  // Diagnostics wait for the client's settings (language, bindings) so they are not sent twice;
  // a client that never answers holds them up for at most a moment.
  let settingsReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    settingsReady = resolve;
    setTimeout(resolve, 1500).unref();
  });

  const log = (m: string) => {
    try {
      connection.console.error(`[suan] ${m}`);
    } catch {
      // the connection is gone
    }
  };

  /** Runs a handler; on failure logs and returns the fallback (never throws to the client). */
  function guard<T>(name: string, fallback: T, f: () => T): T {
    try {
      if (!services) return fallback;
      const r = f();
      return r;
    } catch (e) {
      log(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  }

  const applySettings = (s: ClientSettings | undefined) => {
    if (!services) return;
    const cur: Settings = services.workspace.settings;
    const merged: ClientSettings = { ...initOptions, ...(s ?? {}) };
    const next: Settings = {
      ...cur,
      lang: merged.lang && merged.lang !== 'auto' ? langFrom(merged.lang, localeLang) : localeLang,
      data: merged.data && typeof merged.data === 'object' ? merged.data : {},
      inlineResults: merged.inlineResults ?? true,
      inlayHints: merged.inlayHints ?? true,
      diagnosticsDelay: num(merged.diagnosticsDelay, cur.diagnosticsDelay),
      evaluationDelay: num(merged.evaluationDelay, cur.evaluationDelay),
      maxFindingsPerRule: num(merged.maxFindingsPerRule, cur.maxFindingsPerRule),
    };
    services.workspace.settings = next;
  };

  const pullSettings = async () => {
    if (!services) return;
    if (caps.workspace?.configuration) {
      try {
        const s = (await connection.workspace.getConfiguration('suan')) as ClientSettings | null;
        applySettings(s ?? undefined);
      } catch (e) {
        log(`could not read settings: ${String(e)}`);
      }
    } else applySettings(undefined);
    scheduler?.reconfigured();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities ?? {};
    localeLang = langFrom(params.locale ?? undefined, detectLang());
    initOptions = (params.initializationOptions ?? {}) as ClientSettings;
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    const root = params.rootUri ? uriToPath(params.rootUri) : params.rootPath ?? undefined;
    if (folders.length === 0 && root) folders.push(path.resolve(root));
    services = createServices({ fs: options.fs, evaluator: options.evaluator, workerFile: options.workerFile, folders, log });
    applySettings(undefined);
    scheduler = new Scheduler(services, {
      diagnostics: (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }),
      refresh: () => {
        if (caps.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => {});
        if (caps.workspace?.inlayHint?.refreshSupport) void connection.sendRequest('workspace/inlayHint/refresh').catch(() => {});
      },
      notify: (method, p) => void connection.sendNotification(method, p),
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['.', '"', '{', ':', '`'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        executeCommandProvider: { commands: [SHOW_FINDINGS_COMMAND, SHOW_BINDING_COMMAND, BIND_DATA_COMMAND, EVALUATE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'suan-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (caps.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'suan' }).catch(() => {});
    }
    if (caps.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{suan,json,yaml,yml,csv}' }],
      }).catch(() => {});
    }
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => guard('workspaceFolders', undefined, () => {
        const ws = services!.workspace;
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        ws.folders = [...ws.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
        ws.diskChanged(ws.folders[0] ?? '/', 'created');
      }));
    }
    void pullSettings().finally(() => settingsReady());
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { suan?: ClientSettings } | undefined)?.suan;
    if (pushed && !caps.workspace?.configuration) {
      applySettings(pushed);
      scheduler?.reconfigured();
    } else void pullSettings();
  });

  // ── documents ─────────────────────────────────────────────────────────────────────────

  documents.onDidOpen((e) => guard('didOpen', undefined, () => {
    const d = services!.workspace.open(e.document.uri, e.document.getText(), e.document.version, e.document.languageId);
    if (d) void ready.then(() => guard('didOpen', undefined, () => scheduler!.opened(d.path)));
  }));
  documents.onDidChangeContent((e) => guard('didChange', undefined, () => {
    const ws = services!.workspace;
    const cur = ws.documentByUri(e.document.uri);
    if (cur && cur.version === e.document.version && cur.text === e.document.getText()) return;
    const d = ws.change(e.document.uri, e.document.getText(), e.document.version);
    if (d) void ready.then(() => guard('didChange', undefined, () => scheduler!.changed(d.path)));
  }));
  documents.onDidClose((e) => guard('didClose', undefined, () => {
    const p = services!.workspace.close(e.document.uri);
    if (p) scheduler!.closed(p);
  }));
  connection.onDidChangeWatchedFiles((e) => guard('watchedFiles', undefined, () => {
    for (const c of e.changes) {
      const p = uriToPath(c.uri);
      if (!p) continue;
      scheduler!.diskChanged(p, c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed');
    }
  }));

  // ── features ──────────────────────────────────────────────────────────────────────────

  const snippets = () => caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  connection.onCompletion((p) => guard('completion', { isIncomplete: false, items: [] }, () => completion(services!, p.textDocument.uri, p.position, { snippets: snippets() })));
  connection.onHover((p) => guard('hover', null, () => hover(services!, p.textDocument.uri, p.position)));
  connection.onDefinition((p) => guard('definition', [], () => definition(services!, p.textDocument.uri, p.position)));
  connection.onReferences((p) => guard('references', [], () => references(services!, p.textDocument.uri, p.position, p.context?.includeDeclaration ?? true)));
  connection.onPrepareRename((p) => guard('prepareRename', null, () => prepareRename(services!, p.textDocument.uri, p.position)));
  // Rename refusals (an invalid or taken name) are answered as errors the client shows.
  connection.onRenameRequest((p) => guard('rename', null, () => rename(services!, p.textDocument.uri, p.position, p.newName)));
  connection.onDocumentSymbol((p) => guard('documentSymbol', [], () => documentSymbols(services!, p.textDocument.uri)));
  connection.onWorkspaceSymbol((p) => guard('workspaceSymbol', [], () => workspaceSymbols(services!, p.query)));
  connection.onFoldingRanges((p) => guard('foldingRange', [], () => foldingRanges(services!, p.textDocument.uri)));
  connection.onDocumentFormatting((p) => guard('formatting', [], () => formatDocument(services!, p.textDocument.uri, p.options.tabSize)));
  connection.languages.semanticTokens.on((p) => guard('semanticTokens', { data: [] }, () => semanticTokens(services!, p.textDocument.uri)));
  connection.onSignatureHelp((p) => guard('signatureHelp', null, () => signatureHelp(services!, p.textDocument.uri, p.position)));
  connection.onCodeAction((p) => guard('codeAction', [], () => codeActions(services!, p)));
  connection.onCodeLens((p) => guard('codeLens', [], () => codeLenses(services!, p.textDocument.uri)));
  connection.languages.inlayHint.on((p) => guard('inlayHint', [], () => inlayHints(services!, p.textDocument.uri, p.range)));

  // ── data binding and evaluation ───────────────────────────────────────────────────────

  const bindingOf = (entry: string): DataBindingResult => {
    const ws = services!.workspace;
    const b = ws.binding(entry);
    return { ruleset: ws.uriFor(entry), data: b.files.map((f) => ws.uriFor(f)), source: b.source };
  };
  const entryOfUri = (uri: string): string | undefined => {
    const p = uriToPath(uri);
    return p ? services!.workspace.entryOf(p) : undefined;
  };
  const setBinding = (params: SetDataBindingParams): DataBindingResult | null => {
    const entry = entryOfUri(params.ruleset);
    if (!entry) return null;
    const ws = services!.workspace;
    if (params.data === null) ws.manualBindings.delete(entry);
    else ws.manualBindings.set(entry, params.data.map((u) => uriToPath(u)).filter((p): p is string => !!p));
    void scheduler!.evaluateNow(entry);
    return bindingOf(entry);
  };

  connection.onRequest('suan/setDataBinding', (params: SetDataBindingParams) => guard('setDataBinding', null, () => setBinding(params)));
  connection.onRequest('suan/getDataBinding', (params: { ruleset: string }) => guard('getDataBinding', null, () => {
    const entry = entryOfUri(params.ruleset);
    return entry ? bindingOf(entry) : null;
  }));
  connection.onRequest('suan/evaluate', async (params: { ruleset: string }) => {
    try {
      const entry = services ? entryOfUri(params.ruleset) : undefined;
      if (!entry) return null;
      const o = await scheduler!.evaluateNow(entry);
      return o ? resultsOf(o.entry) : null;
    } catch (e) {
      log(`evaluate failed: ${String(e)}`);
      return null;
    }
  });
  connection.onRequest('suan/results', (params: { ruleset: string }) => guard('results', null, () => {
    const entry = entryOfUri(params.ruleset);
    return entry ? resultsOf(entry) : null;
  }));

  // Memory and cache figures (for the benchmark and for bug reports).
  connection.onRequest('suan/stats', (p: { gc?: boolean } | null) => guard('stats', null, () => ({
    memory: (p?.gc && (globalThis as { gc?: () => void }).gc?.(), process.memoryUsage()),
    openDocuments: services!.workspace.openDocuments().length,
    parser: services!.workspace.parser.stats,
    pendingEvaluations: services!.evaluator.pending(),
  })));

  const resultsOf = (entry: string) => {
    const ws = services!.workspace;
    const o = ws.results.get(entry);
    if (!o) return null;
    return {
      ruleset: ws.uriFor(entry),
      ms: o.ms,
      notRun: !!o.notRun,
      files: o.files.map((f) => ({ uri: ws.uriFor(f.path), result: f.result, loadDiagnostics: f.loadDiagnostics })),
    };
  };

  connection.onExecuteCommand(async (p) => {
    try {
      if (!services) return null;
      const args = (p.arguments ?? []) as unknown[];
      const lang = services.lang();
      switch (p.command) {
        case BIND_DATA_COMMAND:
          return setBinding({ ruleset: String(args[0] ?? ''), data: Array.isArray(args[1]) ? (args[1] as string[]) : args[1] === null ? null : [] });
        case EVALUATE_COMMAND: {
          const entry = entryOfUri(String(args[0] ?? ''));
          if (!entry) return null;
          await scheduler!.evaluateNow(entry);
          return resultsOf(entry);
        }
        case SHOW_BINDING_COMMAND: {
          const entry = entryOfUri(String(args[0] ?? ''));
          if (!entry) return null;
          const b = bindingOf(entry);
          const files = b.data.map((u) => path.basename(uriToPath(u) ?? u)).join(', ');
          void connection.window.showInformationMessage(b.data.length ? `${t(lang, 'lensData', { files })} (${t(lang, `bindingSource_${b.source}`)})` : t(lang, 'lensNoData'));
          return b;
        }
        case SHOW_FINDINGS_COMMAND: {
          const entry = entryOfUri(String(args[0] ?? ''));
          const rule = String(args[1] ?? '');
          const o = entry ? services.workspace.results.get(entry) : undefined;
          for (const f of o?.files ?? []) {
            const finding = f.result?.rules.find((r) => r.id === rule)?.findings.find((x) => x.outcome === 'fail' || x.outcome === 'coarse' || x.outcome === 'error');
            const span = finding ? primaryRead(finding, f.path) ?? finding.reads[0]?.span : undefined;
            if (!span) continue;
            const uri = services.workspace.uriFor(span.file);
            if (caps.window?.showDocument?.support) await connection.window.showDocument({ uri, selection: spanToRange(span), takeFocus: true });
            return { uri, range: spanToRange(span) };
          }
          return null;
        }
        default:
          return null;
      }
    } catch (e) {
      log(`command ${p.command} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return null;
    }
  });

  connection.onShutdown(() => {
    scheduler?.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return { services: () => services };
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}
