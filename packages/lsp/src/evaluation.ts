/**
 * Inline evaluation, off the keystroke path: a ruleset (its files' texts) and its bound data
 * files go to a worker thread, which loads, checks, compiles and evaluates them and sends back
 * plain results (findings with spans, and a snapshot of the data for hover, inlay hints and
 * completion of row keys). A newer job for the same ruleset supersedes an older one: a queued
 * job is replaced, a running one's result is dropped, and a long-running one is stopped by
 * restarting the worker.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  evaluateDocument, fileStart, loadDisclosureText, loadRuleset, readErrorReason, readErrorSpan, type CompiledProgram, type Diagnostic, type DocumentResult, type LoadResult,
  type ParseResult, type ReadResult, type SourceHost, type Span,
} from '@suan/dsl';
import { IncrementalParser } from './parse-cache';

export interface EvaluationJob {
  entry: string;
  /** Identity of the inputs (ruleset texts and data texts): equal keys give equal results. */
  key: string;
  sources: { path: string; text: string }[];
  /** Data files; `text` when the editor has the file open (unsaved contents), else read from disk. */
  data: { path: string; text?: string }[];
}

export interface TableSnapshot {
  title?: string;
  unit?: string;
  columns: string[];
  /** Cells as written (rows beyond the snapshot limit are left out; `rowCount` has the true number). */
  rows: (string | null)[][];
  rowCount: number;
  /** The key column (from the ruleset), and where each row's key cell is written. */
  keyColumn?: string;
  keySpans: (Span | undefined)[];
}

export interface DataSnapshot {
  title?: string;
  kind?: string;
  year?: number;
  currencyUnit?: string;
  tables: Record<string, TableSnapshot>;
  facts: Record<string, { raw: string | null; unit?: string; span?: Span }>;
}

export interface DataFileResult {
  path: string;
  /** Problems reading the file (malformed JSON/YAML, wrong shape): file, line, column. */
  loadDiagnostics: Diagnostic[];
  result?: DocumentResult;
  snapshot?: DataSnapshot;
}

export interface EvaluationOutcome {
  entry: string;
  key: string;
  files: DataFileResult[];
  /** Wall time in the evaluator (load, check, compile, evaluate). */
  ms: number;
  /** The ruleset has errors, so nothing ran. */
  notRun?: boolean;
  /** An unexpected failure (reported, never thrown). */
  error?: string;
}

/** Rows of a table kept in a snapshot (hover and completion need the beginning of big tables only). */
const SNAPSHOT_ROWS = 5000;

/**
 * What an evaluator keeps between jobs of one ruleset: the compiled program (while the sources
 * do not change), the incremental parser (an edit re-parses one rule), the loaded data files
 * (while their text does not change).
 */
export interface EvaluationCache {
  key?: string;
  compiled?: CompiledProgram;
  parser?: IncrementalParser;
  parses?: Map<string, { text: string; parsed: ParseResult }>;
  disclosures?: Map<string, { text: string; load: LoadResult }>;
}

/** Runs one job. Pure apart from reading data files that are not open (`readDisk`). */
export function runEvaluation(job: EvaluationJob, readDisk: (p: string) => ReadResult, cache: EvaluationCache = {}): EvaluationOutcome {
  const started = performance.now();
  const texts = new Map(job.sources.map((s) => [s.path, s.text]));
  const parser = (cache.parser ??= new IncrementalParser());
  const parses = (cache.parses ??= new Map<string, { text: string; parsed: ParseResult }>());
  const host: SourceHost = {
    readFile: (p) => {
      const read = texts.has(p) ? { text: texts.get(p)! } : readDisk(p);
      if (!read || 'error' in read) return read;
      const t = read.text;
      const hit = parses.get(p);
      if (!hit || hit.text !== t) parses.set(p, { text: t, parsed: parser.parse(p, t) });
      return { text: t };
    },
  };
  const sourcesKey = job.sources.map((s) => `${s.path}\u0000${s.text}`).join('\u0001');
  let compiled = cache.key === sourcesKey ? cache.compiled : undefined;
  if (!compiled) {
    const loaded = loadRuleset(job.entry, host, parses);
    compiled = loaded.compiled;
    cache.key = sourcesKey;
    cache.compiled = compiled;
  }
  if (!compiled) return { entry: job.entry, key: job.key, files: [], ms: performance.now() - started, notRun: true };
  const disclosures = (cache.disclosures ??= new Map<string, { text: string; load: LoadResult }>());
  const files: DataFileResult[] = [];
  for (const d of job.data) {
    const read = d.text !== undefined ? { text: d.text } : readDisk(d.path);
    if (!read || 'error' in read) {
      files.push({ path: d.path, loadDiagnostics: [read ? unreadableFile(d.path, read.error) : missingFile(d.path)] });
      continue;
    }
    const text = read.text;
    let load = disclosures.get(d.path)?.text === text ? disclosures.get(d.path)!.load : undefined;
    if (!load) {
      const dataHost = { readFile: (p: string) => (p === d.path ? { text } : readDisk(p)) };
      load = loadDisclosureText(d.path, text, dataHost);
      disclosures.set(d.path, { text, load });
    }
    if (!load.disclosure) {
      files.push({ path: d.path, loadDiagnostics: load.diagnostics });
      continue;
    }
    const result = evaluateDocument(compiled, load.disclosure, { detail: 'failures' });
    const disclosure = load.disclosure;
    const tables: Record<string, TableSnapshot> = {};
    for (const [name, t] of disclosure.tables) {
      const keyColumn = compiled.program.tables.get(name)?.key?.name ?? undefined;
      const rows = t.rows.slice(0, SNAPSHOT_ROWS).map((r) => r.cells);
      const keyCol = keyColumn && t.columns.includes(keyColumn) ? keyColumn : t.columns[0];
      tables[name] = {
        title: t.title, unit: t.unit, columns: t.columns, rows, rowCount: t.rows.length, keyColumn,
        keySpans: keyCol ? rows.map((_, i) => safe(() => disclosure.cellSpan(name, i, keyCol))) : [],
      };
    }
    const facts: DataSnapshot['facts'] = {};
    for (const [name, f] of disclosure.facts) facts[name] = { raw: f.raw, unit: f.unit, span: safe(() => disclosure.factSpan(name)) };
    files.push({
      path: d.path,
      loadDiagnostics: load.diagnostics,
      result,
      snapshot: { title: disclosure.meta.title, kind: disclosure.meta.kind, year: disclosure.meta.year, currencyUnit: disclosure.meta.currencyUnit, tables, facts },
    });
  }
  return { entry: job.entry, key: job.key, files, ms: performance.now() - started };
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** A data file that cannot be read (one that is not UTF-8: at its first such byte). */
function unreadableFile(p: string, error: string): Diagnostic {
  return { code: 'SUAN5007', severity: 'error', span: readErrorSpan(p, error) ?? fileStart(p), args: readErrorReason(error) };
}

function missingFile(p: string): Diagnostic {
  return { code: 'SUAN5007', severity: 'error', span: fileStart(p), args: { reason: `找不到文件 ${path.basename(p)}`, reason_en: `file ${path.basename(p)} not found` } };
}

// ── evaluators ───────────────────────────────────────────────────────────────────────────

export interface Evaluator {
  /** Queues a job; a queued or running job for the same ruleset is superseded. */
  submit(job: EvaluationJob): void;
  /** Drops queued and running work for a ruleset. */
  cancel(entry: string): void;
  onDone(listener: (o: EvaluationOutcome) => void): void;
  /** Jobs queued or running. */
  pending(): number;
  dispose(): void;
}

/** Runs jobs on the server's own thread (tests, and clients that cannot start workers). */
export class InlineEvaluator implements Evaluator {
  private readonly queue = new Map<string, EvaluationJob>();
  private listeners: ((o: EvaluationOutcome) => void)[] = [];
  private scheduled = false;
  private readonly caches = new Map<string, EvaluationCache>();

  constructor(private readonly readDisk: (p: string) => ReadResult) {}

  submit(job: EvaluationJob): void {
    this.queue.set(job.entry, job);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    const jobs = [...this.queue.values()];
    this.queue.clear();
    for (const job of jobs) {
      let cache = this.caches.get(job.entry);
      if (!cache) this.caches.set(job.entry, (cache = {}));
      let out: EvaluationOutcome;
      try {
        out = runEvaluation(job, this.readDisk, cache);
      } catch (e) {
        out = { entry: job.entry, key: job.key, files: [], ms: 0, error: e instanceof Error ? e.message : String(e) };
      }
      for (const l of this.listeners) l(out);
    }
  }

  cancel(entry: string): void {
    this.queue.delete(entry);
  }

  onDone(listener: (o: EvaluationOutcome) => void): void {
    this.listeners.push(listener);
  }

  pending(): number {
    return this.queue.size;
  }

  dispose(): void {
    this.queue.clear();
    this.listeners = [];
  }
}

/** How long a superseded job may keep running before the worker is restarted to stop it. */
const CANCEL_AFTER_MS = 300;

/** Runs jobs in a worker thread: the server keeps answering completion and hover meanwhile. */
export class WorkerEvaluator implements Evaluator {
  private worker: Worker | undefined;
  private readonly queue = new Map<string, EvaluationJob>();
  private running: { job: EvaluationJob; started: number; superseded: boolean } | undefined;
  private listeners: ((o: EvaluationOutcome) => void)[] = [];
  private disposed = false;
  private killTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  /**
   * @param idleMs after this long without work the worker is stopped (its memory returned); the
   *   next evaluation starts a new one.
   */
  constructor(private readonly workerFile: string, private readonly log: (msg: string) => void = () => {}, private readonly idleMs = 60_000) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    // A small young generation keeps the worker's memory down; big data files still fit in the old one.
    const w = new Worker(this.workerFile, { workerData: { role: 'suan-evaluator' }, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 } });
    w.on('message', (out: EvaluationOutcome) => this.finished(out));
    w.on('error', (e) => {
      this.log(`evaluation worker failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      this.restart(true);
    });
    w.on('exit', () => {
      if (this.worker === w) this.worker = undefined;
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private restart(reportRunning: boolean): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
    const r = this.running;
    this.running = undefined;
    if (r && reportRunning && !r.superseded) {
      const out: EvaluationOutcome = { entry: r.job.entry, key: r.job.key, files: [], ms: performance.now() - r.started, error: 'evaluation worker stopped' };
      for (const l of this.listeners) l(out);
    }
    this.next();
  }

  submit(job: EvaluationJob): void {
    if (this.disposed) return;
    this.queue.set(job.entry, job);
    if (this.running && this.running.job.entry === job.entry) this.supersede();
    this.next();
  }

  private supersede(): void {
    const r = this.running!;
    r.superseded = true;
    const age = performance.now() - r.started;
    clearTimeout(this.killTimer);
    // Let a nearly finished job end; stop one that keeps running.
    this.killTimer = setTimeout(() => {
      if (this.running === r) this.restart(false);
    }, Math.max(0, CANCEL_AFTER_MS - age));
    this.killTimer.unref();
  }

  cancel(entry: string): void {
    this.queue.delete(entry);
    if (this.running && this.running.job.entry === entry) this.supersede();
  }

  private next(): void {
    if (this.running || this.disposed) return;
    const [entry, job] = this.queue.entries().next().value ?? [];
    if (!entry || !job) {
      this.idleSoon();
      return;
    }
    clearTimeout(this.idleTimer);
    this.queue.delete(entry);
    this.running = { job, started: performance.now(), superseded: false };
    try {
      this.ensureWorker().postMessage(job);
    } catch (e) {
      this.log(`cannot start the evaluation worker: ${String(e)}`);
      this.running = undefined;
    }
  }

  private finished(out: EvaluationOutcome): void {
    const r = this.running;
    this.running = undefined;
    clearTimeout(this.killTimer);
    if (r && !r.superseded && r.job.key === out.key) for (const l of this.listeners) l(out);
    this.next();
  }

  private idleSoon(): void {
    clearTimeout(this.idleTimer);
    if (!this.worker) return;
    this.idleTimer = setTimeout(() => {
      if (this.running || this.queue.size > 0) return;
      const w = this.worker;
      this.worker = undefined;
      if (w) void w.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  onDone(listener: (o: EvaluationOutcome) => void): void {
    this.listeners.push(listener);
  }

  pending(): number {
    return this.queue.size + (this.running ? 1 : 0);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.killTimer);
    clearTimeout(this.idleTimer);
    this.queue.clear();
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }
}
