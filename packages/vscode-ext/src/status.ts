/**
 * The status bar item: pass/fail counts of the active ruleset on its bound data, updated from
 * the server's `suan/evaluated` notifications. Clicking it shows the results view.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { t } from './i18n';
import { countsText, statusText, summarise, type Summary } from './model';
import type { DataBindingResult, EvaluatedParams } from './protocol';

export const STATUS_ID = 'suan.status';

export class StatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem(STATUS_ID, vscode.StatusBarAlignment.Left, 10);
    this.item.name = t('Suan results');
  }

  dispose(): void {
    this.item.dispose();
  }

  hide(): void {
    this.item.hide();
  }

  /**
   * Shows the state of `ruleset`: its latest evaluation if there is one, else whether data is
   * bound to it.
   */
  show(ruleset: vscode.Uri, evaluated: EvaluatedParams | undefined, binding: DataBindingResult | null | undefined, checking: boolean): void {
    const name = path.basename(ruleset.fsPath);
    this.item.name = t('Suan results');
    if (binding && binding.data.length === 0) {
      this.item.text = `$(database) ${t('Suan: no data')}`;
      this.item.tooltip = t('No data files are bound to {0}. Click to choose data files.', name);
      this.item.command = { command: 'suan.chooseData', title: t('Choose Data Files…'), arguments: [ruleset] };
    } else if (evaluated) {
      const s = summarise(evaluated);
      this.item.text = `${statusText(s)}${checking ? ' $(sync~spin)' : ''}`;
      this.item.tooltip = this.tooltip(name, s, evaluated, binding);
      this.item.command = { command: 'suan.showResults', title: t('Show Results'), arguments: [ruleset] };
    } else {
      this.item.text = `$(sync~spin) ${t('Suan: checking…')}`;
      this.item.tooltip = t('Evaluating {0} on its data…', name);
      this.item.command = { command: 'suan.showResults', title: t('Show Results'), arguments: [ruleset] };
    }
    this.item.show();
  }

  private tooltip(name: string, s: Summary, p: EvaluatedParams, binding: DataBindingResult | null | undefined): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escape(name)}** — ${escape(t('checks (rule × row) on {0} data file(s), {1} ms', s.files, Math.round(s.ms)))}\n\n`);
    if (s.notRun) md.appendMarkdown(`${escape(t('The ruleset has errors, so nothing was run. See the Problems panel.'))}\n\n`);
    for (const f of p.files) {
      const file = path.basename(vscode.Uri.parse(f.uri).fsPath);
      const counts = f.counts ? countsText({ pass: 0, fail: 0, coarse: 0, na: 0, error: 0, ...f.counts }, { na: true }) : t('could not be read');
      md.appendMarkdown(`- ${escape(file)}: ${escape(counts)}${f.loadErrors ? ` · ${escape(t('{0} data errors', f.loadErrors))}` : ''}\n`);
    }
    if (binding) md.appendMarkdown(`\n${escape(bindingSourceText(binding.source))}\n`);
    md.appendMarkdown(`\n${escape(t('Click to show the results.'))}`);
    return md;
  }
}

export function bindingSourceText(source: DataBindingResult['source']): string {
  switch (source) {
    case 'manual': return t('Data chosen with "Choose Data Files…" (this session).');
    case 'config': return t('Data bound by the suan.data setting.');
    case 'convention': return t('Data bound by convention (the examples/ folder next to the ruleset, or <name>.data.yaml beside it).');
    default: return t('No data bound.');
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
