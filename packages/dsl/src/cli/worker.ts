/**
 * A worker thread of `suan check --jobs N`: compiles the ruleset once, then checks the files it
 * is sent and posts each result back, with the document's text for every report whose text
 * can be rendered apart from the others (text, JSON, CSV, JUnit). A worker runs the `suan`
 * command's own file (main.ts starts it here), so it starts as the command does: from the
 * bundle, with its code cache.
 */
import { parentPort } from 'node:worker_threads';
import { DISCARD, createReporter } from '../reporting/formats';
import { tallyOf, type RunInfo } from '../reporting/reporter';
import { NO_TALLY, checkRead, rulesetIdentity, type WorkerDocument, type WorkerMessage, type WorkerSetup } from './batch';
import { loadRulesetFile } from './ruleset-file';
import { cliSyntaxCache } from './syntax-cache';
import { nodeFileReader, utf8Bytes, type ReadResult } from '../semantics/sources';
import * as path from 'node:path';
import { toWire } from './wire';

/** Runs this thread as a worker of a batch run, set up by `setup` (its workerData). */
export async function runWorker(setup: WorkerSetup): Promise<void> {
  const { program, compiled } = await loadRulesetFile(setup.ruleset, cliSyntaxCache(setup.syntaxCache));
  if (!compiled) {
    parentPort!.postMessage({ kind: 'fatal', message: { zh: '工作线程读到的规则集有错误', en: 'a worker found errors in it' } });
    return;
  }
  const renderers = setup.reports.map((o) => {
    const r = createReporter(o, DISCARD);
    if (!r.render || !r.writeRendered) return undefined; // the main thread writes what was rendered here
    const run: RunInfo = { program, lang: o.lang, cwd: o.cwd, toolVersion: setup.toolVersion };
    r.begin(run);
    return r;
  });
  const renderedAll = renderers.every((r) => r !== undefined);
  // Batches are checked one after the other, in order; a batch's files start being read (on the
  // thread pool) as soon as it arrives, so the next batch is on its way while this one is checked.
  const readAhead = await nodeFileReader();
  const queue: { index: number; file: string; read: () => Promise<ReadResult> }[][] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      // One message per batch: its documents in order, their texts handed over without a copy.
      const documents: WorkerDocument[] = [];
      const transfer: ArrayBuffer[] = [];
      for (const { index, file, read } of queue.shift()!) {
        const entry = await checkRead(compiled, file, setup.evaluate, read());
        if ('earlierReport' in entry) {
          documents.push({ index, tally: NO_TALLY, rendered: [], earlierReport: entry.earlierReport });
          continue;
        }
        // Encoded here, on the worker: the main thread only writes bytes.
        const rendered = renderers.map((r) => (r ? utf8Bytes(r.render!(entry)) : undefined));
        for (const b of rendered) if (b) transfer.push(b.buffer as ArrayBuffer);
        // When every report was rendered here, the main thread needs only the summary's share.
        documents.push({ index, tally: tallyOf(entry), rendered, ...(renderedAll ? {} : { entry: toWire(entry) }) });
      }
      const message: WorkerMessage = { kind: 'results', documents };
      parentPort!.postMessage(message, transfer);
    }
    draining = false;
  };
  parentPort!.on('message', (m: { kind: 'files'; batch: { index: number; file: string }[] }) => {
    queue.push(m.batch.map(({ index, file }) => ({ index, file, read: readAhead(path.resolve(file)) })));
    if (!draining) void drain();
  });
  const codeCache = (globalThis as { __suanCodeCache?: string }).__suanCodeCache ?? 'none';
  parentPort!.postMessage({ kind: 'ready', codeCache, ruleset: rulesetIdentity(program) } satisfies WorkerMessage);
}
