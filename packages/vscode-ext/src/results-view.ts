/**
 * The results view (`suan.results`, in the Suan view container): data files → rules → failing
 * rows with their values → the cells and facts read; scorecards → total, grade, disputed
 * indicators with computed vs reported scores and the explanation trail. Clicking a result opens
 * the rule in the ruleset and the data cell beside it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildTree, failing, summariseResults, type NodeIcon, type ResultNode } from './model';
import { t } from './i18n';
import type { RulesetResults } from './protocol';

export const VIEW_ID = 'suan.results';
export const OPEN_RESULT_COMMAND = 'suan.openResult';

const ICONS: Record<NodeIcon, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  na: new vscode.ThemeIcon('circle-slash'),
  file: new vscode.ThemeIcon('file'),
  fileError: new vscode.ThemeIcon('file', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  cell: new vscode.ThemeIcon('symbol-field'),
  fact: new vscode.ThemeIcon('symbol-constant'),
  value: new vscode.ThemeIcon('symbol-variable'),
  trail: new vscode.ThemeIcon('debug-stackframe-dot'),
  scorecard: new vscode.ThemeIcon('graph'),
  group: new vscode.ThemeIcon('list-tree'),
  dataError: new vscode.ThemeIcon('database', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  more: new vscode.ThemeIcon('ellipsis'),
};

export interface ShownResults {
  ruleset: vscode.Uri;
  results: RulesetResults | null;
}

export class ResultsView implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ResultNode[] = [];
  private readonly parents = new Map<string, ResultNode | undefined>();
  readonly view: vscode.TreeView<ResultNode>;
  shown: ShownResults | undefined;

  constructor() {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }

  /** Shows a ruleset's results (null: not evaluated, e.g. no data bound). */
  show(ruleset: vscode.Uri, results: RulesetResults | null): void {
    this.shown = { ruleset, results };
    this.rebuild();
  }

  clear(): void {
    this.shown = undefined;
    this.rebuild();
  }

  /** Rebuilds the nodes (also after the language changed). */
  rebuild(): void {
    const s = this.shown;
    this.parents.clear();
    if (!s) {
      this.roots = [];
      this.view.description = undefined;
      this.view.message = undefined;
      this.view.badge = undefined;
    } else {
      const name = path.basename(s.ruleset.fsPath);
      this.view.description = name;
      if (!s.results) {
        this.roots = [];
        this.view.message = t('{0} has not been evaluated: no data files are bound to it, or it has errors.', name);
        this.view.badge = undefined;
      } else {
        this.roots = buildTree(s.results, { relative: (f) => vscode.workspace.asRelativePath(f) });
        const sum = summariseResults(s.results);
        const n = failing(sum);
        this.view.message = undefined;
        this.view.badge = n ? { value: n, tooltip: t('{0} failing', n) } : undefined;
      }
    }
    const index = (nodes: ResultNode[] | undefined, parent: ResultNode | undefined) => {
      for (const c of nodes ?? []) {
        this.parents.set(c.id, parent);
        index(c.children, c);
      }
    };
    index(this.roots, undefined);
    this.changed.fire(undefined);
  }

  getChildren(element?: ResultNode): ResultNode[] {
    return element ? element.children ?? [] : this.roots;
  }

  getParent(element: ResultNode): ResultNode | undefined {
    return this.parents.get(element.id);
  }

  getTreeItem(n: ResultNode): vscode.TreeItem {
    const state = n.children?.length
      ? n.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    if (n.tooltip) item.tooltip = new vscode.MarkdownString(n.tooltip);
    if (n.icon) item.iconPath = ICONS[n.icon];
    item.contextValue = n.kind;
    if (n.rule || n.cell) {
      item.command = { command: OPEN_RESULT_COMMAND, title: t('Open'), arguments: [n] };
    }
    return item;
  }
}

function rangeOf(s: { line: number; col: number; endLine: number; endCol: number }): vscode.Range {
  const start = new vscode.Position(Math.max(0, s.line - 1), Math.max(0, s.col - 1));
  const end = new vscode.Position(Math.max(0, s.endLine - 1), Math.max(0, s.endCol - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

async function reveal(span: NonNullable<ResultNode['cell']>, column: vscode.ViewColumn, preserveFocus: boolean): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(span.file));
  const range = rangeOf(span);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus, preview: true, selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

/**
 * Opens a result: the rule (or scorecard) where it is written, and the data cell beside it.
 * A node with only one of the two opens that one in the active column.
 */
export async function openResult(n: ResultNode | undefined): Promise<void> {
  if (!n) return;
  if (n.rule && n.cell && n.rule.file !== n.cell.file) {
    await reveal(n.rule, vscode.ViewColumn.One, true);
    await reveal(n.cell, vscode.ViewColumn.Two, false);
  } else if (n.cell) {
    await reveal(n.cell, vscode.ViewColumn.One, false);
  } else if (n.rule) {
    await reveal(n.rule, vscode.ViewColumn.One, false);
  }
}
