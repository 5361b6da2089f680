/**
 * The server's entry point (bundled to dist/server.js): `node server.js --stdio`. The same file
 * runs the evaluation worker thread.
 */
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { enableIdleGc } from './idle-gc';
import { startServer } from './server';
import { runEvaluationWorker } from './worker';

declare const __filename: string | undefined;

enableIdleGc();
if (!isMainThread && (workerData as { role?: string } | undefined)?.role === 'suan-evaluator') {
  runEvaluationWorker();
} else {
  // A small young generation: the server allocates in short bursts (a parse, a check) and should stay small between them.
  try {
    setFlagsFromString('--max-semi-space-size=4');
  } catch {
    // not supported: keep the default
  }
  const explicitTransport = process.argv.some((a) => a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'));
  const connection = explicitTransport
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  // Nothing may reach stdout except protocol messages; keep running whatever happens.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  process.on('uncaughtException', (e) => connection.console.error(`[suan] uncaught: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  process.on('unhandledRejection', (e) => connection.console.error(`[suan] unhandled rejection: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  const workerFile = typeof __filename === 'string' && __filename.endsWith('.js') ? __filename : undefined;
  startServer(connection, { workerFile, evaluator: process.env['SUAN_LSP_EVALUATOR'] === 'inline' ? 'inline' : undefined });
}
