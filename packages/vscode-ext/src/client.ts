/**
 * The language client: starts the bundled server (dist/server.js, the same file as
 * packages/lsp/dist/server.js) over Node IPC in a separate process, and wraps the server's
 * protocol extensions.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Notifications, Requests, type DataBindingResult, type EvaluatedParams, type RulesetResults } from './protocol';

export const CLIENT_ID = 'suan';

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Rulesets, and the data files they are checked against (so the server sees unsaved data and
    // can put diagnostics at the offending cell).
    documentSelector: [
      { scheme: 'file', language: 'suan' },
      { scheme: 'untitled', language: 'suan' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/*.csv' },
    ],
    diagnosticCollectionName: 'suan',
    outputChannel: output,
    initializationOptions: () => {
      const c = vscode.workspace.getConfiguration('suan');
      return {
        lang: c.get('lang'),
        data: c.get('data'),
        inlineResults: c.get('inlineResults'),
        inlayHints: c.get('inlayHints'),
        diagnosticsDelay: c.get('diagnosticsDelay'),
        evaluationDelay: c.get('evaluationDelay'),
        maxFindingsPerRule: c.get('maxFindingsPerRule'),
      };
    },
    markdown: { isTrusted: false, supportHtml: false },
  };
  // The client id `suan` makes vscode-languageclient honour the `suan.trace.server` setting.
  return new LanguageClient(CLIENT_ID, 'Suan Language Server', serverOptions, clientOptions);
}

/** Typed calls of the server's protocol extensions. */
export class SuanServer {
  constructor(private readonly client: () => LanguageClient | undefined) {}

  private async ready(): Promise<LanguageClient | undefined> {
    const c = this.client();
    if (!c) return undefined;
    if (!c.isRunning()) {
      try {
        await c.start();
      } catch {
        return undefined;
      }
    }
    return c;
  }

  async getDataBinding(ruleset: vscode.Uri): Promise<DataBindingResult | null> {
    const c = await this.ready();
    return c ? c.sendRequest<DataBindingResult | null>(Requests.getDataBinding, { ruleset: ruleset.toString() }) : null;
  }

  async setDataBinding(ruleset: vscode.Uri, data: vscode.Uri[] | null): Promise<DataBindingResult | null> {
    const c = await this.ready();
    return c
      ? c.sendRequest<DataBindingResult | null>(Requests.setDataBinding, { ruleset: ruleset.toString(), data: data ? data.map((u) => u.toString()) : null })
      : null;
  }

  async evaluate(ruleset: vscode.Uri, token?: vscode.CancellationToken): Promise<RulesetResults | null> {
    const c = await this.ready();
    return c ? c.sendRequest<RulesetResults | null>(Requests.evaluate, { ruleset: ruleset.toString() }, token) : null;
  }

  async results(ruleset: vscode.Uri): Promise<RulesetResults | null> {
    const c = await this.ready();
    return c ? c.sendRequest<RulesetResults | null>(Requests.results, { ruleset: ruleset.toString() }) : null;
  }

  onEvaluated(client: LanguageClient, handler: (p: EvaluatedParams) => void): vscode.Disposable {
    return client.onNotification(Notifications.evaluated, handler);
  }
}
