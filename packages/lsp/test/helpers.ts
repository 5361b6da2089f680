/**
 * Test helpers: a workspace over the fixture files (copied into a temp directory so tests may
 * change them), documents opened with `<|>` cursor markers, evaluation run in-process.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServices, type SuanServices } from '../src/services';
import { runEvaluation } from '../src/evaluation';
import type { Settings } from '../src/workspace';
import { markers } from './e2e/lsp-client.mjs';

export { markers };

export const FIXTURES = path.resolve(__dirname, 'fixtures/ws');

export interface TestWorkspace {
  root: string;
  services: SuanServices;
  uri(rel: string): string;
  file(rel: string): string;
  /** Opens a file (its text on disk, or the given text with `<|>` markers) and returns the markers' positions. */
  open(rel: string, textWithMarkers?: string): { uri: string; positions: { line: number; character: number }[]; text: string };
  /** Evaluates a ruleset on its bound data, in-process, and stores the results as the server would. */
  evaluate(rel: string): void;
  dispose(): void;
}

/** Workspaces made by a test, removed after it (a test may make several). */
const live: TestWorkspace[] = [];
afterEach(() => {
  for (const w of live.splice(0)) w.dispose();
});

export function workspace(settings: Partial<Settings> = {}): TestWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), 'suan-lsp-'));
  cpSync(FIXTURES, root, { recursive: true });
  const services = createServices({ folders: [root], evaluator: 'inline', settings: { lang: 'en', ...settings } });
  const file = (rel: string) => path.join(root, rel);
  const uri = (rel: string) => pathToFileURL(file(rel)).href;
  let disposed = false;
  const w: TestWorkspace = {
    root,
    services,
    uri,
    file,
    open(rel, textWithMarkers) {
      const m = markers(textWithMarkers ?? readFileSync(file(rel), 'utf8'));
      services.workspace.open(uri(rel), m.text, 1, 'suan');
      return { uri: uri(rel), positions: m.positions, text: m.text };
    },
    evaluate(rel) {
      const ws = services.workspace;
      const entry = ws.entryOf(file(rel));
      const a = ws.analyze(entry);
      const binding = ws.binding(entry);
      const job = { entry, key: `${a.key}#test`, sources: [...a.texts].map(([p, text]) => ({ path: p, text })), data: binding.files.map((p) => ({ path: p, text: ws.document(p)?.text })) };
      ws.results.set(entry, runEvaluation(job, (p) => ws.fs.readFile(p)));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      services.evaluator.dispose();
      rmSync(root, { recursive: true, force: true });
    },
  };
  live.push(w);
  return w;
}

/** The position of the n-th occurrence of `needle` in `text`, moved `delta` characters. */
export function positionOf(text: string, needle: string, n = 0, delta = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`not found: ${needle} (#${k})`);
  }
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
