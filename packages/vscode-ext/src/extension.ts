/**
 * The Suan extension: the language client (bundled server), the results view, the status bar
 * item and the commands `suan.run`, `suan.chooseData`, `suan.showResults`, `suan.exportReport`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createClient, SuanServer } from './client';
import { chooseData } from './data';
import { configureL10n, resolveLang, t } from './i18n';
import type { ResultNode } from './model';
import type { DataBindingResult, EvaluatedParams } from './protocol';
import { exportReport } from './report';
import { openResult, OPEN_RESULT_COMMAND, ResultsView, VIEW_ID } from './results-view';
import { StatusBar } from './status';

const key = (u: vscode.Uri | string) => (typeof u === 'string' ? vscode.Uri.parse(u) : u).fsPath;

class Controller implements vscode.Disposable {
  private client: LanguageClient | undefined;
  readonly server = new SuanServer(() => this.client);
  readonly results = new ResultsView();
  readonly status = new StatusBar();
  private readonly output = vscode.window.createOutputChannel('Suan Language Server', { log: true });
  /** Latest `suan/evaluated` per ruleset (by file path). */
  private readonly evaluated = new Map<string, EvaluatedParams>();
  /** Data binding per ruleset (by file path), as the server last answered. */
  private readonly bindings = new Map<string, DataBindingResult | null>();
  private readonly checking = new Set<string>();
  /** The ruleset the status bar and the results view follow (its entry file). */
  private active: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {}

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.results.dispose();
    this.status.dispose();
    this.output.dispose();
  }

  async start(): Promise<void> {
    this.client = createClient(this.context, this.output);
    this.disposables.push(this.server.onEvaluated(this.client, (p) => this.onEvaluated(p)));
    this.disposables.push(
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Running) void this.followActiveEditor();
      }),
    );
    await this.client.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.stop().catch(() => undefined);
  }

  async restart(): Promise<void> {
    await this.stop();
    this.evaluated.clear();
    this.bindings.clear();
    await this.start();
  }

  // ── which ruleset ────────────────────────────────────────────────────────────────────

  /** The ruleset (entry file) a document belongs to, by asking the server; undefined if none. */
  private async rulesetOf(doc: vscode.TextDocument): Promise<vscode.Uri | undefined> {
    if (doc.languageId === 'suan') {
      const b = await this.server.getDataBinding(doc.uri).catch(() => null);
      const entry = b ? vscode.Uri.parse(b.ruleset) : doc.uri;
      this.bindings.set(key(entry), b);
      return entry;
    }
    // A data file: the ruleset it is bound to, among those we know.
    for (const [entry, b] of this.bindings) if (b?.data.some((u) => key(u) === doc.uri.fsPath)) return vscode.Uri.file(entry);
    return undefined;
  }

  /** The ruleset a command is about: its argument, the active editor's, or the one last shown. */
  private async commandRuleset(arg: unknown): Promise<vscode.Uri | undefined> {
    if (arg instanceof vscode.Uri) {
      if (arg.fsPath.endsWith('.suan')) {
        const b = await this.server.getDataBinding(arg).catch(() => null);
        return b ? vscode.Uri.parse(b.ruleset) : arg;
      }
    }
    const ed = vscode.window.activeTextEditor;
    if (ed) {
      const r = await this.rulesetOf(ed.document);
      if (r) return r;
    }
    if (this.active) return this.active;
    // Ask: every ruleset in the workspace.
    const files = await vscode.workspace.findFiles('**/*.suan', '**/node_modules/**', 500);
    if (!files.length) {
      void vscode.window.showWarningMessage(t('Open a Suan ruleset (.suan) first.'));
      return undefined;
    }
    const pickIt = await vscode.window.showQuickPick(
      files.map((u) => ({ label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(path.dirname(u.fsPath)), uri: u })),
      { placeHolder: t('Which ruleset?') },
    );
    return pickIt?.uri;
  }

  async followActiveEditor(): Promise<void> {
    const ed = vscode.window.activeTextEditor;
    if (!ed || !this.client?.isRunning()) return;
    const r = await this.rulesetOf(ed.document);
    if (!r) {
      if (ed.document.languageId !== 'suan' && !this.isBoundData(ed.document.uri)) this.status.hide();
      return;
    }
    const changed = !this.active || key(this.active) !== key(r);
    this.active = r;
    this.renderStatus();
    if (changed || !this.results.shown) await this.refreshResults(r);
  }

  private isBoundData(u: vscode.Uri): boolean {
    for (const b of this.bindings.values()) if (b?.data.some((d) => key(d) === u.fsPath)) return true;
    return false;
  }

  private renderStatus(): void {
    const r = this.active;
    if (!r) return this.status.hide();
    this.status.show(r, this.evaluated.get(key(r)), this.bindings.get(key(r)), this.checking.has(key(r)));
  }

  // ── results ──────────────────────────────────────────────────────────────────────────

  private onEvaluated(p: EvaluatedParams): void {
    const k = key(p.ruleset);
    this.evaluated.set(k, p);
    this.checking.delete(k);
    if (this.active && key(this.active) === k) {
      this.renderStatus();
      // The binding may have changed (settings, files added to examples/): ask again.
      void this.server.getDataBinding(vscode.Uri.file(k)).then(
        (b) => {
          this.bindings.set(k, b);
          if (this.active && key(this.active) === k) this.renderStatus();
        },
        () => undefined,
      );
    }
    if (this.results.shown && key(this.results.shown.ruleset) === k) void this.refreshResults(this.results.shown.ruleset);
  }

  private async refreshResults(ruleset: vscode.Uri): Promise<void> {
    const res = await this.server.results(ruleset).catch(() => null);
    this.results.show(ruleset, res);
  }

  async run(arg?: unknown): Promise<void> {
    const ruleset = await this.commandRuleset(arg);
    if (!ruleset) return;
    this.active = ruleset;
    const k = key(ruleset);
    this.checking.add(k);
    this.renderStatus();
    const res = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: t('Suan: checking {0}…', path.basename(ruleset.fsPath)), cancellable: false },
      () => this.server.evaluate(ruleset).catch((e: unknown) => {
        this.output.appendLine(`[suan] evaluate failed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      }),
    );
    this.checking.delete(k);
    const b = await this.server.getDataBinding(ruleset).catch(() => null);
    this.bindings.set(k, b);
    this.results.show(ruleset, res);
    this.renderStatus();
    await this.reveal();
    if (!res) {
      if (vscode.workspace.getConfiguration('suan').get<boolean>('inlineResults') === false) {
        // The server evaluates nothing while inline results are off (also not on request).
        const enable = t('Turn On Inline Results');
        const a = await vscode.window.showWarningMessage(t('The language server evaluates data only while suan.inlineResults is on.'), enable);
        if (a === enable) await vscode.workspace.getConfiguration('suan').update('inlineResults', true, vscode.ConfigurationTarget.Global);
      } else if (!b || b.data.length === 0) {
        const choose = t('Choose Data Files…');
        const a = await vscode.window.showWarningMessage(t('No data files are bound to {0}.', path.basename(ruleset.fsPath)), choose);
        if (a === choose) await this.chooseData(ruleset);
      } else {
        const problems = t('Show Problems');
        const a = await vscode.window.showWarningMessage(t('{0} has errors, so it was not run. Fix them first.', path.basename(ruleset.fsPath)), problems);
        if (a === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
      }
    }
  }

  async chooseData(arg?: unknown): Promise<void> {
    const ruleset = await this.commandRuleset(arg);
    if (!ruleset) return;
    const b = await chooseData(this.server, ruleset);
    if (b === undefined) return;
    this.bindings.set(key(ruleset), b);
    this.active = ruleset;
    if (b && b.data.length) this.checking.add(key(ruleset));
    this.renderStatus();
  }

  async showResults(arg?: unknown): Promise<void> {
    const ruleset = arg instanceof vscode.Uri ? await this.commandRuleset(arg) : this.active ?? (await this.commandRuleset(arg));
    if (ruleset && (!this.results.shown || key(this.results.shown.ruleset) !== key(ruleset))) await this.refreshResults(ruleset);
    await this.reveal();
  }

  private async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  async exportReport(arg?: unknown): Promise<void> {
    const ruleset = arg instanceof vscode.Uri ? await this.commandRuleset(arg) : this.results.shown?.ruleset ?? (await this.commandRuleset(arg));
    if (!ruleset) return;
    const b = await this.server.getDataBinding(ruleset).catch(() => null);
    await exportReport(this.context, ruleset, (b?.data ?? []).map((u) => vscode.Uri.parse(u)));
  }

  /** The language changed: the extension's own texts follow `suan.lang`. */
  relocalise(): void {
    configureL10n(resolveLang(vscode.workspace.getConfiguration('suan').get<string>('lang'), vscode.env.language), this.context.asAbsolutePath('l10n'));
    this.results.rebuild();
    this.renderStatus();
  }
}

let controller: Controller | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  configureL10n(resolveLang(vscode.workspace.getConfiguration('suan').get<string>('lang'), vscode.env.language), context.asAbsolutePath('l10n'));
  const c = new Controller(context);
  controller = c;
  context.subscriptions.push(
    c,
    vscode.commands.registerCommand('suan.run', (arg?: unknown) => c.run(arg)),
    vscode.commands.registerCommand('suan.chooseData', (arg?: unknown) => c.chooseData(arg)),
    vscode.commands.registerCommand('suan.showResults', (arg?: unknown) => c.showResults(arg)),
    vscode.commands.registerCommand('suan.exportReport', (arg?: unknown) => c.exportReport(arg)),
    vscode.commands.registerCommand('suan.restartServer', () => c.restart()),
    vscode.commands.registerCommand(OPEN_RESULT_COMMAND, (n?: ResultNode) => openResult(n)),
    vscode.window.onDidChangeActiveTextEditor(() => void c.followActiveEditor()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('suan.lang')) c.relocalise();
    }),
  );
  await c.start();
  await c.followActiveEditor();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
