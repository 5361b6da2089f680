/**
 * `suan.exportReport`: saves the HTML or JSON report of a ruleset on its bound data. The report
 * is made by the Suan CLI bundled in the extension (dist/cli/suan.js, the same code as
 * `suan check --format html|json`), run with the extension host's Node on the files as saved on
 * disk — so it is exactly what a pipeline would publish (docs/report-format.md).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentLang, t } from './i18n';

export type ReportFormat = 'html' | 'json';

export interface ReportRun {
  ruleset: string;
  data: string[];
  format: ReportFormat;
  output: string;
  lang: 'zh' | 'en';
}

/** Arguments of the CLI for a report (exported for tests). */
export function cliArgs(r: ReportRun): string[] {
  return [
    'check', r.ruleset, ...r.data,
    '--format', `${r.format}=${r.output}`,
    '--lang', r.lang === 'zh' ? 'zh-CN' : 'en',
    '--fail-on', 'never',
    '--jobs', '1',
    '--quiet',
    '--no-color',
  ];
}

/** Runs the bundled CLI; resolves with its exit code and output. */
export function runCli(cli: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // In desktop VS Code the extension host's execPath is Electron: ELECTRON_RUN_AS_NODE makes it Node.
    const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    execFile(process.execPath, [cli, ...args], { cwd, env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 2) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

export async function exportReport(context: vscode.ExtensionContext, ruleset: vscode.Uri, data: vscode.Uri[]): Promise<vscode.Uri | undefined> {
  const name = path.basename(ruleset.fsPath, '.suan');
  if (!data.length) {
    void vscode.window.showWarningMessage(t('No data files are bound to {0}.', path.basename(ruleset.fsPath)));
    return undefined;
  }
  // The report is made from the files on disk: offer to save unsaved rulesets and data first.
  const dataPaths = new Set(data.map((u) => u.fsPath));
  const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && (d.languageId === 'suan' || dataPaths.has(d.uri.fsPath)));
  if (dirty.length) {
    const save = t('Save and Export');
    const asSaved = t('Export Saved Versions');
    const pickIt = await vscode.window.showWarningMessage(
      t('{0} file(s) have unsaved changes. The report is made from the files as saved.', dirty.length),
      { modal: true },
      save,
      asSaved,
    );
    if (!pickIt) return undefined;
    if (pickIt === save) for (const d of dirty) await d.save();
  }
  const folder = vscode.workspace.getWorkspaceFolder(ruleset)?.uri ?? vscode.Uri.file(path.dirname(ruleset.fsPath));
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${name}-report.html`),
    filters: { [t('HTML report')]: ['html'], [t('JSON report')]: ['json'] },
    saveLabel: t('Export Report'),
    title: t('Export the report of {0}', path.basename(ruleset.fsPath)),
  });
  if (!target) return undefined;
  const format: ReportFormat = target.fsPath.toLowerCase().endsWith('.json') ? 'json' : 'html';
  const cli = context.asAbsolutePath(path.join('dist', 'cli', 'suan.js'));
  const args = cliArgs({ ruleset: ruleset.fsPath, data: data.map((u) => u.fsPath), format, output: target.fsPath, lang: currentLang() });
  const started = Date.now();
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Suan: writing the {0} report…', format.toUpperCase()) },
    () => runCli(cli, args, path.dirname(ruleset.fsPath)),
  );
  // Exit 2 also means "some data could not be read": the report is still written for the rest.
  const written = await vscode.workspace.fs.stat(target).then((st) => st.mtime >= started - 2000, () => false);
  if (!written || (run.code !== 0 && run.code !== 1 && run.code !== 2)) {
    void vscode.window.showErrorMessage(t('The report could not be made: {0}', (run.stderr || run.stdout).trim().split('\n').slice(0, 6).join(' ')));
    return undefined;
  }
  const open = t('Open');
  const preview = t('Open Preview');
  const actions = format === 'html' ? [preview, open] : [open];
  void vscode.window.showInformationMessage(t('Report saved: {0}', vscode.workspace.asRelativePath(target)), ...actions).then(async (a) => {
    if (a === open) await vscode.window.showTextDocument(target);
    if (a === preview) await previewHtml(target);
  });
  return target;
}

/** Shows an HTML report (self-contained: no scripts, no external resources) in a webview. */
async function previewHtml(file: vscode.Uri): Promise<void> {
  const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const panel = vscode.window.createWebviewPanel('suan.report', path.basename(file.fsPath), vscode.ViewColumn.Active, { enableScripts: false });
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`;
  panel.webview.html = html.includes('<head>') ? html.replace('<head>', `<head>${csp}`) : `${csp}${html}`;
}
