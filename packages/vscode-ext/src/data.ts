/**
 * `suan.chooseData`: pick the disclosure files a ruleset is checked against. The choice goes to
 * the server (`suan/setDataBinding`) for this session; it can be saved in the workspace's
 * `suan.data` setting to keep it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SuanServer } from './client';
import { t } from './i18n';
import type { DataBindingResult } from './protocol';
import { bindingSourceText } from './status';

const DATA_GLOB = '**/*.{json,yaml,yml}';
const EXCLUDE = '**/{node_modules,.git,.vscode,dist,.cache,test-results}/**';
const IGNORED_NAMES = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'jsconfig.json', 'settings.json', 'launch.json', 'tasks.json']);

interface DataItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
}

/** Candidate data files: the ruleset's own folder tree first, then the rest of the workspace. */
async function candidates(ruleset: vscode.Uri, bound: Set<string>): Promise<DataItem[]> {
  const found = await vscode.workspace.findFiles(DATA_GLOB, EXCLUDE, 2000);
  const dir = path.dirname(ruleset.fsPath);
  const uris = new Map<string, vscode.Uri>();
  for (const u of found) if (!IGNORED_NAMES.has(path.basename(u.fsPath))) uris.set(u.fsPath, u);
  for (const b of bound) if (!uris.has(b)) uris.set(b, vscode.Uri.file(b));
  const near = (p: string) => (p.startsWith(dir + path.sep) ? 0 : 1);
  return [...uris.values()]
    .sort((a, b) => near(a.fsPath) - near(b.fsPath) || a.fsPath.localeCompare(b.fsPath))
    .map((uri) => ({
      uri,
      label: path.basename(uri.fsPath),
      description: vscode.workspace.asRelativePath(path.dirname(uri.fsPath)),
      picked: bound.has(uri.fsPath),
    }));
}

export async function chooseData(server: SuanServer, ruleset: vscode.Uri): Promise<DataBindingResult | null | undefined> {
  const current = await server.getDataBinding(ruleset);
  const bound = new Set((current?.data ?? []).map((u) => vscode.Uri.parse(u).fsPath));
  const qp = vscode.window.createQuickPick<DataItem>();
  qp.title = t('Data files for {0}', path.basename(ruleset.fsPath));
  qp.placeholder = current ? `${bindingSourceText(current.source)} ${t('Tick the files to check; Enter to apply.')}` : t('Tick the files to check; Enter to apply.');
  qp.canSelectMany = true;
  qp.matchOnDescription = true;
  qp.busy = true;
  const browse: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('folder-opened'), tooltip: t('Browse for data files…') };
  const reset: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('discard'), tooltip: t('Use the suan.data setting and the convention again') };
  qp.buttons = [browse, reset];
  qp.show();
  const items = await candidates(ruleset, bound);
  qp.items = items;
  qp.selectedItems = items.filter((i) => i.picked);
  qp.busy = false;

  const choice = await new Promise<vscode.Uri[] | 'reset' | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems.map((i) => i.uri)));
    qp.onDidHide(() => resolve(undefined));
    qp.onDidTriggerButton(async (b) => {
      if (b === reset) return resolve('reset');
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: true,
        defaultUri: vscode.Uri.file(path.dirname(ruleset.fsPath)),
        filters: { [t('Disclosure data')]: ['json', 'yaml', 'yml'] },
        openLabel: t('Check Against These'),
      });
      resolve(picked ?? undefined);
    });
  });
  qp.dispose();
  if (choice === undefined) return undefined;
  const result = await server.setDataBinding(ruleset, choice === 'reset' ? null : choice);
  if (!result) {
    void vscode.window.showErrorMessage(t('The language server could not change the data of {0}.', path.basename(ruleset.fsPath)));
    return result;
  }
  if (choice !== 'reset' && choice.length) {
    const keep = t('Save in Workspace Settings');
    void vscode.window
      .showInformationMessage(t('{0} is now checked against {1} data file(s) (this session).', path.basename(ruleset.fsPath), choice.length), keep)
      .then(async (a) => {
        if (a === keep) await saveBinding(ruleset, choice);
      });
  }
  return result;
}

/** Writes the binding into the workspace folder's `suan.data` setting (paths relative to the folder). */
export async function saveBinding(ruleset: vscode.Uri, data: vscode.Uri[]): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(ruleset);
  const rel = (u: vscode.Uri) => (folder ? path.relative(folder.uri.fsPath, u.fsPath).split(path.sep).join('/') : u.fsPath);
  const config = vscode.workspace.getConfiguration('suan', ruleset);
  const current = { ...(config.get<Record<string, string | string[]>>('data') ?? {}) };
  current[rel(ruleset)] = data.map(rel);
  await config.update('data', current, folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace);
}
