/** E2E setup: the real server bundle (built by the package's own build script) and a scratch workspace. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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
