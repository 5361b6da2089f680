/**
 * The evaluation worker's side: receives `EvaluationJob`s, answers `EvaluationOutcome`s. Runs
 * in a worker thread started from the same bundle (see main.ts), so it never writes to the
 * server's stdout (the LSP channel).
 */
import { parentPort } from 'node:worker_threads';
import { runEvaluation, type EvaluationCache, type EvaluationJob, type EvaluationOutcome } from './evaluation';
import { NodeFileSystem } from './file-system';
import { idleGc } from './idle-gc';

export function runEvaluationWorker(): void {
  const port = parentPort;
  if (!port) return;
  const fs = new NodeFileSystem();
  const caches = new Map<string, EvaluationCache>();
  port.on('message', (job: EvaluationJob) => {
    let out: EvaluationOutcome;
    try {
      let cache = caches.get(job.entry);
      if (!cache) caches.set(job.entry, (cache = {}));
      out = runEvaluation(job, (p) => fs.readFile(p), cache);
    } catch (e) {
      out = { entry: job.entry, key: job.key, files: [], ms: 0, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(out);
    idleGc(1000);
  });
}
