// Helpers to drive a real VS Code (code-server) with Debian's chromium through playwright-core.
//
// Everything comes from the cache that setup-code-server.sh fills (paths in paths.mjs);
// call ensureSetup() first (a no-op when the cache is complete).
import { spawn, spawnSync, execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, createWriteStream } from 'node:fs';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  ARTIFACTS_DIR,
  CHROMIUM_PATH,
  CJK_FONT_PACKAGE,
  CODE_SERVER_ENTRY,
  CODE_SERVER_MARKER,
  PLAYWRIGHT_DIR,
  PLAYWRIGHT_MARKER,
  SETUP_SCRIPT,
} from './paths.mjs';

export * from './paths.mjs';

/** Generous default: the workbench takes a while to boot on a 2-core machine. */
export const WORKBENCH_TIMEOUT_MS = 90_000;

const log = (...a) => console.log('[e2e]', ...a);

// ------------------------------------------------------------------ setup

export function isSetupComplete() {
  return (
    existsSync(CODE_SERVER_MARKER) &&
    existsSync(CODE_SERVER_ENTRY) &&
    existsSync(PLAYWRIGHT_MARKER) &&
    existsSync(CHROMIUM_PATH) &&
    isDebianPackageInstalled(CJK_FONT_PACKAGE)
  );
}

/** Whether a Debian package is installed (dpkg-query; false where there is no dpkg). */
export function isDebianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() === 'install ok installed';
}

/** Runs setup-code-server.sh unless the cache is already complete (or always with force). */
export function ensureSetup({ force = false } = {}) {
  if (!force && isSetupComplete()) return;
  log(`running ${SETUP_SCRIPT}`);
  const r = spawnSync('bash', [SETUP_SCRIPT], { stdio: 'inherit' });
  if (r.error) throw new Error(`could not run ${SETUP_SCRIPT}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${SETUP_SCRIPT} failed with exit code ${r.status ?? r.signal}`);
}

function requireFromCache(name) {
  if (!existsSync(PLAYWRIGHT_MARKER)) {
    throw new Error(`${name} is not installed in ${PLAYWRIGHT_DIR}: run bash ${SETUP_SCRIPT}`);
  }
  return createRequire(path.join(PLAYWRIGHT_DIR, 'package.json'))(name);
}

function assertCodeServer() {
  if (!existsSync(CODE_SERVER_MARKER) || !existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server is not installed at ${CODE_SERVER_ENTRY}: run bash ${SETUP_SCRIPT}`);
  }
}

/** Environment for code-server: no VS Code variables inherited from a host editor
 * (VSCODE_IPC_HOOK_CLI would turn code-server into a client of that editor), and its
 * own config/data dirs so nothing is written to ~/.config or ~/.local/share. */
function codeServerEnv(baseDir) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('VSCODE_') && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
  }
  env.XDG_CONFIG_HOME = path.join(baseDir, 'xdg-config');
  env.XDG_DATA_HOME = path.join(baseDir, 'xdg-data');
  return env;
}

// ------------------------------------------------------------------ code-server

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const liveGroups = new Set();
process.on('exit', () => {
  // Last resort if the test process ends without stop(): don't leave code-server behind.
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});

/**
 * Starts code-server on a free 127.0.0.1 port with auth, telemetry and update checks off.
 * @param {{ workspace: string, extensionsDir?: string, userDataDir?: string,
 *           settings?: Record<string, unknown>, timeoutMs?: number, extraArgs?: string[] }} opts
 * @returns {Promise<{ url: string, port: number, pid: number, userDataDir: string,
 *           extensionsDir: string, logFile: string, logTail: (n?: number) => string,
 *           stop: () => Promise<void> }>}
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  userDataDir,
  settings = {},
  timeoutMs = 60_000,
  extraArgs = [],
}) {
  assertCodeServer();
  if (!workspace || !existsSync(workspace)) throw new Error(`workspace ${workspace} does not exist`);
  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'suan-code-server-'));
  userDataDir ??= path.join(baseDir, 'user-data');
  extensionsDir ??= path.join(baseDir, 'extensions');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  await writeFile(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        ...settings,
      },
      null,
      2,
    ),
  );

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(baseDir, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const tail = [];
  const args = [
    CODE_SERVER_ENTRY,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...extraArgs,
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    env: codeServerEnv(baseDir),
    detached: true, // own process group, so stop() reaches the extension host and pty host too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveGroups.add(child.pid);
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });
  for (const s of [child.stdout, child.stderr]) {
    s.on('data', (buf) => {
      logStream.write(buf);
      for (const line of buf.toString().split('\n')) if (line.trim()) tail.push(line);
      if (tail.length > 200) tail.splice(0, tail.length - 200);
    });
  }
  const logTail = (n = 40) => tail.slice(-n).join('\n');

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const killGroup = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {}
    };
    if (!exited) {
      killGroup('SIGTERM');
      let timer;
      const done = await Promise.race([
        exitPromise,
        new Promise((r) => (timer = setTimeout(() => r(null), 10_000))),
      ]);
      clearTimeout(timer);
      if (!done) log(`code-server (pid ${child.pid}) ignored SIGTERM for 10 s; SIGKILL`);
    }
    killGroup('SIGKILL'); // whatever is left in the group (extension host, pty host)
    liveGroups.delete(child.pid);
    await exitPromise;
    await new Promise((r) => logStream.end(r));
    if (!process.env.SUAN_E2E_KEEP) await rm(baseDir, { recursive: true, force: true });
  };

  // Wait until the HTTP endpoint answers: /healthz, then the workbench page itself (the first
  // request loads VS Code's server, which takes a few seconds).
  const deadline = Date.now() + timeoutMs;
  const folderUrl = `${url}/?folder=${encodeURIComponent(workspace)}`;
  let lastError = 'no answer yet';
  try {
    for (const target of [`${url}/healthz`, folderUrl]) {
      for (;;) {
        if (exited) {
          throw new Error(`code-server exited early (code ${exited.code}, signal ${exited.signal})`);
        }
        if (Date.now() > deadline) throw new Error(`code-server did not answer ${target} within ${timeoutMs} ms (${lastError})`);
        try {
          const res = await fetch(target, { signal: AbortSignal.timeout(30_000) });
          await res.arrayBuffer();
          if (res.ok) break;
          lastError = `HTTP ${res.status}`;
        } catch (e) {
          lastError = e.cause?.code ?? e.message;
        }
        await sleep(250);
      }
    }
  } catch (e) {
    await stop().catch(() => {});
    throw new Error(`${e.message}\n--- code-server log (last lines) ---\n${logTail()}`);
  }
  log(`code-server ${url} ready (pid ${child.pid}, workspace ${workspace})`);
  return { url, port, pid: child.pid, userDataDir, extensionsDir, logFile, logTail, stop };
}

/**
 * Installs a .vsix with `code-server --install-extension` into extensionsDir.
 * Pass the same userDataDir as startCodeServer if the test sets one.
 */
export async function installExtension(vsixPath, extensionsDir, { userDataDir } = {}) {
  assertCodeServer();
  if (!existsSync(vsixPath)) throw new Error(`no such .vsix: ${vsixPath}`);
  await mkdir(extensionsDir, { recursive: true });
  const baseDir = await mkdtemp(path.join(os.tmpdir(), 'suan-code-server-install-'));
  const args = [
    CODE_SERVER_ENTRY,
    '--install-extension', path.resolve(vsixPath),
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir ?? path.join(baseDir, 'user-data'),
    '--force',
  ];
  try {
    return await new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        args,
        { env: codeServerEnv(baseDir), timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
        (err, stdout, stderr) => {
          const out = `${stdout}${stderr}`;
          if (err) reject(new Error(`code-server --install-extension ${vsixPath} failed: ${err.message}\n${out}`));
          else resolve(out);
        },
      );
    });
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}

// ------------------------------------------------------------------ browser

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Debian's chromium through playwright-core. playwright's launch() gives the browser a
 * fresh temporary profile (its own --user-data-dir, deleted on close; passing one in args is
 * refused by playwright).
 */
export async function launchBrowser({ args = [] } = {}) {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: run bash ${SETUP_SCRIPT}`);
  const { chromium } = requireFromCache('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    timeout: 60_000,
  });
}

/** A page with a fixed viewport, so screenshots are comparable between runs. */
export async function newPage(browser, { width = 1400, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  return context.newPage();
}

// ------------------------------------------------------------------ workbench

export async function openWorkbench(page, url, folder, { timeoutMs = WORKBENCH_TIMEOUT_MS } = {}) {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { timeout: timeoutMs });
  await page.waitForSelector('div.monaco-workbench', { timeout: timeoutMs });
  await page.waitForSelector('div.monaco-workbench .part.statusbar', { timeout: timeoutMs });
}

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} .quick-input-box input`;

async function openQuickInput(page, keys, timeoutMs) {
  for (const key of keys) {
    await page.keyboard.press(key);
    try {
      await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'visible', timeout: Math.min(timeoutMs, 10_000) });
      return;
    } catch {}
  }
  throw new Error(`quick input did not open with ${keys.join(' or ')}`);
}

/** Picks the row of the open quick input whose label is `label` (Enter if it is focused). */
async function acceptQuickPick(page, label, timeoutMs) {
  const row = page
    .locator(`${QUICK_INPUT} .monaco-list-row`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  const focused = await row.evaluate((el) => el.classList.contains('focused'));
  if (focused) await page.keyboard.press('Enter');
  else await row.click();
  await page.locator(QUICK_INPUT_BOX).waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => {});
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Runs a command by its title from the command palette (F1, or Ctrl+Shift+P). */
export async function runCommand(page, title, { timeoutMs = 30_000 } = {}) {
  await openQuickInput(page, ['F1', 'Control+Shift+P'], timeoutMs);
  await page.keyboard.type(title);
  await acceptQuickPick(page, title, timeoutMs);
}

/** Opens a workspace file with quick open (Ctrl+P) and waits for its editor tab to be active. */
export async function openFile(page, relativePath, { timeoutMs = 30_000 } = {}) {
  const base = path.posix.basename(relativePath);
  await openQuickInput(page, ['Control+P'], timeoutMs);
  await page.keyboard.type(relativePath);
  await acceptQuickPick(page, base, timeoutMs);
  await page
    .locator('.editor-group-container.active .tabs-container .tab.active')
    .filter({ hasText: base })
    .waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor({ timeout: timeoutMs });
}

/** Text of the active editor's visible lines (monaco renders spaces as U+00A0). */
export async function editorText(page) {
  const text = await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Waits until the active editor shows `expected` (string: substring; RegExp: match). */
export async function waitForEditorText(page, expected, { timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = await editorText(page).catch(() => '');
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`editor did not show ${JSON.stringify(String(expected))} within ${timeoutMs} ms; it shows:\n${last}`);
    }
    await sleep(200);
  }
}

/** Saves a PNG of the page as <artifacts>/<name>.png and returns its path. */
export async function screenshot(page, name) {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}
