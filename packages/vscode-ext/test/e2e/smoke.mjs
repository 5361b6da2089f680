#!/usr/bin/env node
// Smoke test of the e2e harness: real VS Code (code-server) + Debian chromium via playwright-core.
//   node packages/vscode-ext/test/e2e/smoke.mjs
// Runs setup if the cache is incomplete, opens hello.txt from a temp workspace via quick open,
// checks the editor shows its text, saves <artifacts>/smoke-hello.png. Exit 0 on success.
import { mkdtemp, writeFile, rm, copyFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ARTIFACTS_DIR,
  CODE_SERVER_VERSION,
  ensureSetup,
  launchBrowser,
  newPage,
  openFile,
  openWorkbench,
  screenshot,
  startCodeServer,
  waitForEditorText,
} from './code-server.mjs';

const OVERALL_TIMEOUT_MS = 15 * 60_000; // includes a first-time setup
const HELLO = 'Hello from the Suan e2e smoke test';

const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const phase = (msg) => console.log(`[smoke +${since()}] ${msg}`);

const watchdog = setTimeout(() => {
  console.error(`[smoke] FAILED: timed out after ${OVERALL_TIMEOUT_MS / 1000} s`);
  process.exit(1); // the exit handler in code-server.mjs kills code-server's process group
}, OVERALL_TIMEOUT_MS);
watchdog.unref();

let server;
let browser;
let page;
let workspace;
let failed = false;

try {
  phase('setup (skipped when cached)');
  ensureSetup();

  workspace = await mkdtemp(path.join(os.tmpdir(), 'suan-smoke-ws-'));
  await writeFile(path.join(workspace, 'hello.txt'), `${HELLO}\n`);
  phase(`workspace ${workspace}`);

  server = await startCodeServer({ workspace });
  phase(`code-server ${CODE_SERVER_VERSION} answering at ${server.url}`);

  browser = await launchBrowser();
  page = await newPage(browser);
  page.on('pageerror', (e) => console.log(`[smoke] page error: ${e.message}`));
  phase(`chromium ${browser.version()} launched`);

  await openWorkbench(page, server.url, workspace);
  phase('workbench loaded (div.monaco-workbench)');

  await openFile(page, 'hello.txt');
  phase('hello.txt opened via quick open');

  const text = await waitForEditorText(page, HELLO);
  phase(`editor shows: ${JSON.stringify(text.trim())}`);

  const shot = await screenshot(page, 'smoke-hello');
  phase(`screenshot ${shot}`);
} catch (e) {
  failed = true;
  console.error(`\n[smoke] FAILED after ${since()}: ${e?.stack ?? e}`);
  if (page) {
    const shot = await screenshot(page, 'smoke-failure').catch(() => null);
    if (shot) console.error(`[smoke] failure screenshot: ${shot}`);
  }
  if (server) {
    console.error(`--- code-server log (last lines) ---\n${server.logTail(60)}`);
    await mkdir(ARTIFACTS_DIR, { recursive: true }).catch(() => {});
    await copyFile(server.logFile, path.join(ARTIFACTS_DIR, 'smoke-code-server.log')).catch(() => {});
  }
} finally {
  await browser?.close().catch((e) => console.error(`[smoke] closing chromium: ${e.message}`));
  await server?.stop().catch((e) => console.error(`[smoke] stopping code-server: ${e.message}`));
  if (workspace) await rm(workspace, { recursive: true, force: true });
}

if (failed) {
  process.exitCode = 1;
} else {
  phase('PASSED');
}
