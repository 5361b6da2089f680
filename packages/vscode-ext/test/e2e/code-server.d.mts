// Types for code-server.mjs. playwright-core lives in the e2e cache (not a repo dependency),
// so Browser and Page are typed loosely here; cast to playwright-core's types if you add them.
export * from './paths.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Browser = any;
export type Page = any;

export declare const WORKBENCH_TIMEOUT_MS: number;
export declare const CHROMIUM_ARGS: readonly string[];

export interface StartCodeServerOptions {
  workspace: string;
  extensionsDir?: string;
  userDataDir?: string;
  settings?: Record<string, unknown>;
  timeoutMs?: number;
  extraArgs?: string[];
}

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export declare function isSetupComplete(): boolean;
export declare function isDebianPackageInstalled(name: string): boolean;
export declare function ensureSetup(opts?: { force?: boolean }): void;
export declare function freePort(): Promise<number>;
export declare function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer>;
export declare function installExtension(
  vsixPath: string,
  extensionsDir: string,
  opts?: { userDataDir?: string },
): Promise<string>;
export declare function launchBrowser(opts?: { args?: string[] }): Promise<Browser>;
export declare function newPage(browser: Browser, viewport?: { width?: number; height?: number }): Promise<Page>;
export declare function openWorkbench(page: Page, url: string, folder: string, opts?: { timeoutMs?: number }): Promise<void>;
export declare function runCommand(page: Page, title: string, opts?: { timeoutMs?: number }): Promise<void>;
export declare function openFile(page: Page, relativePath: string, opts?: { timeoutMs?: number }): Promise<void>;
export declare function editorText(page: Page): Promise<string>;
export declare function waitForEditorText(page: Page, expected: string | RegExp, opts?: { timeoutMs?: number }): Promise<string>;
export declare function screenshot(page: Page, name: string): Promise<string>;
