/**
 * Checks many documents, with `jobs` checkers (the main thread and `jobs − 1` worker threads),
 * and hands each result to `onResult` in input order whatever the number of checkers. At most a
 * few documents per checker are in flight, so memory stays flat as the number of documents
 * grows. Workers also render each document's text for the reports that allow it (see
 * `Reporter.render`), so that the main thread, which writes every report, is not what limits
 * the speed.
 */
import * as path from 'node:path';
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { checkDisclosure } from '../api';
import type { CompiledProgram } from '../evaluation/compile';
import { hashSources } from '../semantics/bundle';
import type { Program } from '../semantics/program';
import type { EvaluateOptions } from '../evaluation/interpreter';
import { fromWire, type WireEntry } from './wire';
import type { ReportOptions } from '../reporting/formats';
import { tallyOf, type DocumentEntry, type DocumentTally } from '../reporting/reporter';
import { isSuanReport } from './inputs';
import { nodeFileHost, nodeFileReader, type FileReader, type ReadResult } from '../semantics/sources';
import type { DataHost } from '../data/load';

export interface BatchOptions {
  /** The ruleset file (each worker loads and compiles it once). */
  ruleset: string;
  jobs: number;
  evaluate: EvaluateOptions;
  /** The run's reports, in order: workers render documents for those that can be rendered apart. */
  reports?: ReportOptions[];
  toolVersion?: string;
  /**
   * Called in input order with the document's tally; `rendered[i]` is report i's text for the
   * document when a worker rendered it. `entry` is there unless a worker rendered every report.
   */
  onResult: (r: CheckedDocument, rendered?: readonly (Uint8Array | undefined)[]) => void;
  /**
   * With workers, the main thread only merges and writes (`SUAN_WORKERS_ONLY=1`): for tests of the
   * workers' path, which a run of a few small documents would otherwise finish without.
   */
  workersOnly?: boolean;
  /** Worker threads started ahead (`startWorkers`, `batchThreads` − 1 of them); else the batch starts its own. */
  workers?: StartedWorker[];
}

/** What marks a thread as a worker of a batch run (its workerData's `role`). */
export const WORKER_ROLE = 'suan-check-worker';

/** This thread's set-up when it is a worker of a batch run, else undefined (the main thread). */
export function batchWorkerSetup(): WorkerSetup | undefined {
  return !isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.role === WORKER_ROLE ? (workerData as WorkerSetup) : undefined;
}

/**
 * Documents checked by the main thread and by worker threads in this process, and for each worker
 * how long it took to be ready (ms from its start) and what became of its code cache (SUAN_STATS).
 */
export const checkedBy = { main: 0, workers: 0, workersReady: [] as { ms: number; codeCache: string }[] };

/** What the main thread tells each worker. */
export interface WorkerSetup {
  role: typeof WORKER_ROLE;
  ruleset: string;
  evaluate: EvaluateOptions;
  reports: ReportOptions[];
  toolVersion: string;
  /** The folder of the syntax cache (`syntax-cache.ts`), or none. */
  syntaxCache?: string;
}

/**
 * A checked document as the batch hands it on: its tally, and the entry when a report still needs
 * it; or, with `earlierReport`, a file that is a report of an earlier run (`isSuanReport`), not a
 * document: no report lists it and the summary does not count it.
 */
export interface CheckedDocument {
  tally: DocumentTally;
  entry?: DocumentEntry;
  earlierReport?: string;
}

/** A file that is a report of an earlier run: what `checkOne` gives for it instead of an entry. */
export interface EarlierReport {
  earlierReport: string;
}

/** What the summary counts of a file that is no document: nothing. */
export const NO_TALLY: DocumentTally = Object.freeze({
  loaded: true, dataError: false, dataWarning: false,
  counts: Object.freeze({ pass: 0, fail: 0, coarse: 0, na: 0, error: 0 }), findings: Object.freeze({ error: 0, warning: 0, info: 0 }),
}) as DocumentTally;

/** What `checkOne` gave, as the batch hands it on. */
function checked(entry: DocumentEntry | EarlierReport): CheckedDocument {
  return 'earlierReport' in entry ? { earlierReport: entry.earlierReport, tally: NO_TALLY } : { entry, tally: tallyOf(entry) };
}

/** What a worker tells the main thread: a batch checked (its documents in order), or that it cannot start. */
export type WorkerMessage =
  | { kind: 'ready'; codeCache: string; ruleset: string }
  | { kind: 'results'; documents: WorkerDocument[] }
  | { kind: 'fatal'; message: { zh: string; en: string } };

/**
 * Which ruleset a thread loaded: the content hash of its sources (`hashSources`). A worker loads
 * the ruleset itself while the main thread does; a file changed or removed in between (a
 * deployment during the nightly run) would have the threads check with different rules.
 */
export function rulesetIdentity(program: Program): string {
  return hashSources(Object.fromEntries(program.sources.files.map((f) => [f.path, f.text])));
}

/** The ruleset changed (or went) between the main thread's loading it and a worker's: the run stops. */
export class RulesetChangedError extends Error {
  constructor(readonly ruleset: string, readonly detail?: { zh: string; en: string }) {
    super(`the ruleset ${ruleset} changed while the run started`);
  }
}

/** A worker's result for one document. */
export interface WorkerDocument {
  index: number;
  /** The file is a report of an earlier run (then nothing else is said of it). */
  earlierReport?: string;
  tally: DocumentTally;
  /** Absent when the worker rendered every report: the main thread only writes their text. */
  entry?: WireEntry;
  /** Each report's text for the document as UTF-8 (transferred, not copied, to the main thread). */
  rendered: (Uint8Array | undefined)[];
}

let fileHost: Awaited<ReturnType<typeof nodeFileHost>> | undefined;

/**
 * Checks one file with an already compiled ruleset. `read`: the file's contents when they were
 * read ahead (`nodeFileReader`); files it refers to (CSV tables) are read through the file host.
 */
export async function checkOne(compiled: CompiledProgram, file: string, options: EvaluateOptions, read?: Promise<ReadResult>): Promise<DocumentEntry> {
  const files = (fileHost ??= await nodeFileHost());
  const abs = path.resolve(file);
  const ahead = read ? await read : undefined;
  const host: DataHost = read ? { readFile: (p) => (p === abs ? ahead : files.readFile(p)), realPath: files.realPath } : files;
  const { load, result } = checkDisclosure(compiled, file, host, options);
  return { file, result, diagnostics: result ? result.diagnostics : load.diagnostics };
}

/**
 * A file of a batch run, read ahead: checked (`checkOne`), or, when its text is a report of an
 * earlier run (`isSuanReport`: yesterday's report in the data folder), said to be one.
 */
export async function checkRead(compiled: CompiledProgram, file: string, options: EvaluateOptions, read: Promise<ReadResult>): Promise<DocumentEntry | EarlierReport> {
  const text = await read;
  if (text && 'text' in text && isSuanReport(text.text)) return { earlierReport: path.resolve(file) };
  return checkOne(compiled, file, options, Promise.resolve(text));
}

/** Documents read ahead of the one being checked (one thread of a batch run). */
export const READ_AHEAD = 16;

/**
 * Waits for the event loop to go through its poll phase, where a signal, a worker's message and a
 * finished read come in. One setImmediate is not enough: scheduled from the poll phase (where a
 * read's callback started the run), it runs in the same turn's check phase, after that poll.
 */
function nextTurn(): Promise<void> {
  return new Promise((r) => setImmediate(() => setImmediate(r)));
}

/** Documents a lone thread checks between two turns of the event loop. */
const YIELD_EVERY = 16;
/** …or once this long (ms) has passed since the last time, so that a slow document does not hold a signal up. */
const YIELD_AFTER_MS = 100;

/**
 * How many threads check `documents` documents when `jobs` may: a checker for each full queue of
 * documents at most, so that a run the main thread's first batches cover (a few documents, the
 * usual interactive run) starts no worker.
 */
export function batchThreads(documents: number, jobs: number): number {
  return Math.max(1, Math.min(jobs, Math.ceil(documents / (CHUNK * QUEUED_BATCHES))));
}

/** A worker thread of a batch run, started (it loads the ruleset) before the batch needs it. */
export interface StartedWorker {
  worker: Worker;
  /** When it was started (performance.now()). */
  started: number;
  /** Hands its events, those from before the call included, to `on`. */
  listen(on: (e: WorkerEvent) => void): void;
}

/** What a worker thread does: says something, throws, or ends. */
export type WorkerEvent = { kind: 'message'; message: WorkerMessage } | { kind: 'error'; error: Error } | { kind: 'exit'; code: number };

/**
 * Starts `count` worker threads for a batch run. `suan check` starts them before it loads the
 * ruleset, so that they load theirs meanwhile; the batch then takes them (`BatchOptions.workers`).
 */
export function startWorkers(count: number, setup: Omit<WorkerSetup, 'role'>): StartedWorker[] {
  // A worker runs the command's own file (the `suan` command, with its code cache), which sees
  // its workerData and works as a worker (main.ts).
  const file = process.argv[1]!;
  const workerData: WorkerSetup = { role: WORKER_ROLE, ...setup };
  return Array.from({ length: count }, () => {
    const started = performance.now();
    // The young generation the `suan` command gives the main thread (--max-semi-space-size=16, build.mjs).
    const worker = new Worker(file, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    let on: ((e: WorkerEvent) => void) | undefined;
    const early: WorkerEvent[] = [];
    const emit = (e: WorkerEvent) => (on ? on(e) : early.push(e));
    worker.on('message', (message: WorkerMessage) => emit({ kind: 'message', message }));
    worker.on('error', (error: Error) => emit({ kind: 'error', error }));
    worker.on('exit', (code: number) => emit({ kind: 'exit', code }));
    return {
      worker,
      started,
      listen(f) {
        on = f;
        for (const e of early.splice(0)) f(e);
      },
    };
  });
}

/** Runs the batch. `compiled` is used in-process when there is one job. */
export async function runBatch(files: readonly string[], compiled: CompiledProgram, o: BatchOptions): Promise<void> {
  const jobs = batchThreads(files.length, o.jobs);
  const readAhead = await nodeFileReader();
  if (jobs <= 1) {
    for (const w of o.workers ?? []) void w.worker.terminate();
    // File k's read waits in slot k % READ_AHEAD: a ring allocated once, not an array as long as the run (see ReorderBuffer).
    const reads = new Array<(() => Promise<ReadResult>) | undefined>(READ_AHEAD).fill(undefined);
    let queued = 0;
    let yielded = performance.now();
    for (let i = 0; i < files.length; i++) {
      for (; queued < Math.min(files.length, i + READ_AHEAD); queued++) reads[queued % READ_AHEAD] = readAhead(path.resolve(files[queued]!));
      const read = reads[i % READ_AHEAD]!;
      reads[i % READ_AHEAD] = undefined; // the text is not kept past its document
      const entry = await checkRead(compiled, files[i]!, o.evaluate, read());
      checkedBy.main++;
      o.onResult(checked(entry));
      // Now and then, let the event loop run: a signal (Ctrl-C) is handled there (check.ts). Every
      // few documents, and after a slow one (a signal must not wait for 16 of them).
      const now = performance.now();
      if (i % YIELD_EVERY === YIELD_EVERY - 1 || now - yielded > YIELD_AFTER_MS) {
        await nextTurn();
        yielded = performance.now();
      }
    }
    return;
  }
  await runOnWorkers(files, jobs, compiled, o, readAhead);
}

/** Young generation of a worker thread (MB): three semi-spaces of 16 MB, as the main thread has (build.mjs). */
const YOUNG_GENERATION_MB = 48;

/** Files per message to a worker; each worker has up to two such batches queued, so it never waits for the main thread. */
const CHUNK = 8;
const QUEUED_BATCHES = 2;

/**
 * Results waiting for their turn (input order), by document index, in a ring of fixed size: the
 * run never has more than `capacity` documents out past the next one to emit.
 *
 * Not a Map, for the memory of long runs. A Map that grows and shrinks replaces its hash table;
 * a replaced table that had reached V8's old generation is garbage, but V8's young collections
 * take whatever the old generation points to as alive until the next full collection, dead
 * tables included. So the results that waited in it (and all they hold) were copied into the
 * old generation too, where only full collections free them. With two threads on 10,000
 * documents, the main thread's old generation grew by about 25 MB between full collections and
 * the run peaked at 212–225 MB (8 runs), against 191–195 MB with this ring (6 runs), which is
 * allocated once and whose emptied slots point to nothing.
 */
export class ReorderBuffer<T> {
  private readonly slots: (T | undefined)[];

  constructor(readonly capacity: number) {
    this.slots = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Keeps document `index`'s result until its turn; its slot must be free (a document `capacity` or more ahead is a bug). */
  put(index: number, value: T): void {
    const k = index % this.capacity;
    if (this.slots[k] !== undefined) throw new Error(`internal error: document ${index} is more than ${this.capacity} documents ahead of the next to emit`);
    this.slots[k] = value;
  }

  /** Document `index`'s result, if it is there (its slot is then free again). */
  take(index: number): T | undefined {
    const k = index % this.capacity;
    const value = this.slots[k];
    if (value !== undefined) this.slots[k] = undefined;
    return value;
  }
}

/** A batch of files on its way to one checker (a worker thread, or the main thread). */
type Batch = { index: number; file: string }[];

/**
 * `jobs` checkers: `jobs − 1` worker threads and the main thread itself, which checks documents
 * between merging the workers' results (merging and writing take it a fraction of a core, so a
 * worker of its own would leave it mostly idle and compete with the others for the cores).
 * The main thread starts at once; a worker is given documents only once it has loaded the
 * ruleset (it says `ready`), so a run that is over before then never waits for a worker.
 */
function runOnWorkers(files: readonly string[], jobs: number, compiled: CompiledProgram, o: BatchOptions, readAhead: FileReader): Promise<void> {
  return new Promise((resolve, reject) => {
    // Documents are handed out at most AHEAD past the next one to emit (`feed`), plus a batch.
    const AHEAD = jobs * CHUNK * QUEUED_BATCHES * 4;
    const pending = new ReorderBuffer<{ done: CheckedDocument; rendered?: (Uint8Array | undefined)[] }>(AHEAD + CHUNK);
    let next = 0; // next file index to hand out
    let emitted = 0; // next index to emit
    let failed = false;
    let mainRuleset: string | undefined;
    const workers: Worker[] = [];
    const flush = () => {
      for (let waiting = pending.take(emitted); waiting; waiting = pending.take(emitted)) {
        o.onResult(waiting.done, waiting.rendered);
        emitted++;
      }
      if (emitted === files.length) {
        for (const w of workers) void w.terminate();
        resolve();
      }
    };
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      for (const x of workers) void x.terminate();
      reject(e instanceof Error ? e : new Error(String(e)));
    };

    // Each checker is a lane with up to QUEUED_BATCHES batches queued.
    interface Lane { queued: number; send(batch: Batch): void }
    const feed = (lane: Lane) => {
      // Keep the reorder buffer bounded: do not run ahead of the slowest document by too much.
      if (next >= files.length || next - emitted > AHEAD) return false;
      const batch: Batch = [];
      while (batch.length < CHUNK && next < files.length) batch.push({ index: next, file: files[next++]! });
      lane.queued++;
      lane.send(batch);
      return true;
    };
    const fill = (lane: Lane) => {
      while (lane.queued < QUEUED_BATCHES) if (!feed(lane)) return false;
      return true;
    };
    const idle: Lane[] = [];
    /** Gives a lane what it can take now; one left short waits among the idle ones. */
    const offer = (lane: Lane) => {
      if (!fill(lane) && !idle.includes(lane)) idle.push(lane);
    };
    const batchDone = (lane: Lane) => {
      lane.queued--;
      offer(lane);
      // A lane that was idle because the buffer was full can resume now.
      while (idle.length && fill(idle[0]!)) idle.shift();
    };

    // The main thread's lane: its files are read ahead as soon as the batch is queued.
    const local: { index: number; file: string; read: () => Promise<ReadResult> }[][] = [];
    let checking = false;
    const main: Lane = {
      queued: 0,
      send(batch) {
        local.push(batch.map(({ index, file }) => ({ index, file, read: readAhead(path.resolve(file)) })));
        if (!checking) void checkLocal();
      },
    };
    const checkLocal = async () => {
      checking = true;
      try {
        let yielded = performance.now();
        while (local.length > 0 && !failed) {
          for (const { index, file, read } of local.shift()!) {
            const entry = await checkRead(compiled, file, o.evaluate, read());
            checkedBy.main++;
            pending.put(index, { done: checked(entry) });
            flush();
            // After a slow document, let a signal, a worker's `ready` and its results in at once.
            if (performance.now() - yielded > YIELD_AFTER_MS) {
              await nextTurn();
              yielded = performance.now();
              if (failed) return;
            }
          }
          batchDone(main);
          // Let the workers' results and requests in before the next batch.
          await nextTurn();
          yielded = performance.now();
        }
      } catch (e) {
        fail(e);
      } finally {
        checking = false;
      }
    };

    if (!o.workersOnly) fill(main);
    const started = o.workers ?? startWorkers(jobs - 1, { ruleset: o.ruleset, evaluate: o.evaluate, reports: o.reports ?? [], toolVersion: o.toolVersion ?? '' });
    for (const { worker: w, started: at, listen } of started) {
      workers.push(w);
      const lane: Lane = { queued: 0, send: (batch) => w.postMessage({ kind: 'files', batch }) };
      listen((e) => {
        if (failed) return;
        if (e.kind === 'error') return fail(e.error);
        // A worker that dies without an error (out of memory, killed) must not leave the run waiting forever.
        if (e.kind === 'exit') {
          if (emitted < files.length) fail(new Error(`a worker thread stopped (exit code ${e.code}) before the run was complete`));
          return;
        }
        const m = e.message;
        try {
          if (m.kind === 'ready') {
            checkedBy.workersReady.push({ ms: Math.round(performance.now() - at), codeCache: m.codeCache });
            if (m.ruleset !== (mainRuleset ??= rulesetIdentity(compiled.program))) return fail(new RulesetChangedError(o.ruleset ?? ''));
            offer(lane);
          } else if (m.kind === 'results') {
            for (const d of m.documents) pending.put(d.index, { done: d.earlierReport !== undefined ? { earlierReport: d.earlierReport, tally: NO_TALLY } : { tally: d.tally, entry: d.entry && fromWire(d.entry, compiled) }, rendered: d.rendered });
            checkedBy.workers += m.documents.length;
            flush();
            batchDone(lane);
          } else if (m.kind === 'fatal') fail(new RulesetChangedError(o.ruleset ?? '', m.message)); // the main thread loaded it
        } catch (err) {
          fail(err); // a report that cannot be written (onResult)
        }
      });
    }
  });
}
