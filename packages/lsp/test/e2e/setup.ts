/** E2E setup: the real server bundle (built by the package's own build script) and a scratch workspace. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { bundleServer } from '../../build.mjs';
import { FIXTURES } from '../helpers';
import { LspClient, type StartOptions } from './lsp-client.mjs';

/** Builds dist/server.js into a temporary directory (tests never race on the package's own dist/). */
export async function buildServer(): Promise<{ server: string; dispose(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'suan-lsp-bundle-'));
  const server = await bundleServer(path.join(dir, 'server.js'));
  return { server, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Scratch {
  root: string;
  rootUri: string;
  file(rel: string): string;
  uri(rel: string): string;
  read(rel: string): string;
  dispose(): void;
}

/** A copy of the fixture workspace in a temporary directory. */
export function scratch(): Scratch {
  const root = mkdtempSync(path.join(tmpdir(), 'suan-lsp-ws-'));
  cpSync(FIXTURES, root, { recursive: true });
  const file = (rel: string) => path.join(root, rel);
  return {
    root,
    rootUri: pathToFileURL(root).href,
    file,
    uri: (rel) => pathToFileURL(file(rel)).href,
    read: (rel) => readFileSync(file(rel), 'utf8'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function startClient(server: string, ws: Scratch, o: Partial<StartOptions> = {}): Promise<LspClient> {
  return LspClient.start({ server, rootUri: ws.rootUri, locale: 'en', ...o });
}

/** What the tests of one file share: the server bundle, a scratch workspace and, when asked, a started client. */
export interface E2e {
  server: string;
  ws: Scratch;
  client: LspClient;
}

/**
 * Registers the hooks that build the server and a scratch workspace before the file's tests
 * (and start a client with the given options, when `client` is given), and dispose of them after.
 * The returned object is filled in by the time the tests run.
 */
export function useE2e(o: { client?: Partial<StartOptions> } = {}): E2e {
  const env = {} as E2e;
  let bundle: { server: string; dispose(): void } | undefined;
  beforeAll(async () => {
    bundle = await buildServer();
    env.server = bundle.server;
    env.ws = scratch();
    if (o.client) env.client = await startClient(env.server, env.ws, o.client);
  }, 60_000);
  afterAll(async () => {
    await env.client?.stop();
    env.ws?.dispose();
    bundle?.dispose();
  });
  return env;
}
