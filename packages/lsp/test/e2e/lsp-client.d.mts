import type { ChildProcess } from 'node:child_process';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';

export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }

export declare const CAPABILITIES: Record<string, unknown>;

export interface StartOptions {
  server: string;
  rootUri?: string;
  locale?: string;
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  capabilities?: Record<string, unknown>;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

export declare class LspClient {
  static start(o: StartOptions): Promise<LspClient>;
  child: ChildProcess;
  connection: ProtocolConnection;
  settings: Record<string, unknown>;
  initializeResult: any;
  diagnostics: Map<string, any[]>;
  diagnosticVersions: Map<string, number>;
  notifications: { method: string; params: any; at: number }[];
  serverRequests: { method: string; params: any }[];
  log: string[];
  stderr: string;
  exited: boolean;
  until<T>(check: () => T | undefined | false | null, ms?: number, what?: string): Promise<T>;
  request<R = any>(method: string, params: unknown): Promise<R>;
  notify(method: string, params: unknown): Promise<void>;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, text: string): Promise<void>;
  edit(uri: string, range: Range, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  waitForDiagnostics(uri: string, pred?: (d: any[]) => boolean, ms?: number, since?: number): Promise<any[]>;
  waitForNotification(method: string, pred?: (p: any) => boolean, ms?: number, from?: number): Promise<any>;
  rssMb(): number | undefined;
  stop(): Promise<void>;
}

export declare function markers(textWithMarkers: string): { text: string; positions: Position[]; offsets: number[] };
