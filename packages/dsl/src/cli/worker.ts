/**
 * A worker thread of `suan check --jobs N`: compiles the ruleset once, then checks the files it
 * is sent and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkOne } from './batch';
import { toWire } from './wire';
import { loadRulesetFile } from './ruleset-file';

const { ruleset, evaluate } = workerData as { ruleset: string; evaluate: Parameters<typeof checkOne>[2] };

async function start(): Promise<void> {
  const { compiled } = await loadRulesetFile(ruleset);
  if (!compiled) {
    parentPort!.postMessage({ kind: 'fatal', message: `ruleset ${ruleset} has errors` });
    return;
  }
  parentPort!.on('message', async (m: { kind: 'files'; batch: { index: number; file: string }[] }) => {
    for (const { index, file } of m.batch) {
      const entry = await checkOne(compiled, file, evaluate);
      parentPort!.postMessage({ kind: 'result', index, entry: toWire(entry) });
    }
    parentPort!.postMessage({ kind: 'done' });
  });
}

void start();
