/**
 * A worker thread of `suan check --jobs N`: compiles the ruleset once, then checks the files it
 * is sent and posts each result back, with the document's text for every report whose text
 * can be rendered apart from the others (text, JSON, CSV, JUnit).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DISCARD, createReporter } from '../reporting/formats';
import type { RunInfo } from '../reporting/reporter';
import { checkOne, type WorkerResult, type WorkerSetup } from './batch';
import { loadRulesetFile } from './ruleset-file';
import { toWire } from './wire';

const setup = workerData as WorkerSetup;

async function start(): Promise<void> {
  const { program, compiled } = await loadRulesetFile(setup.ruleset);
  if (!compiled) {
    parentPort!.postMessage({ kind: 'fatal', message: `ruleset ${setup.ruleset} has errors` });
    return;
  }
  const renderers = setup.reports.map((o) => {
    const r = createReporter(o, DISCARD);
    if (!r.render) return undefined;
    const run: RunInfo = { program, lang: o.lang, cwd: o.cwd, toolVersion: setup.toolVersion };
    r.begin(run);
    return r;
  });
  parentPort!.on('message', async (m: { kind: 'files'; batch: { index: number; file: string }[] }) => {
    for (const { index, file } of m.batch) {
      const entry = await checkOne(compiled, file, setup.evaluate);
      const rendered = renderers.map((r) => r?.render!(entry));
      const message: WorkerResult = { kind: 'result', index, entry: toWire(entry), rendered };
      parentPort!.postMessage(message);
    }
    parentPort!.postMessage({ kind: 'done' });
  });
}

void start();
