/**
 * When things happen: a keystroke schedules the analysis of the ruleset it belongs to
 * (debounced; a newer keystroke restarts the wait) and publishes its diagnostics; a checked,
 * error-free ruleset schedules an evaluation of its bound data (debounced longer, run off the
 * server's thread, superseded by newer edits); results publish diagnostics in the ruleset and
 * the data files and refresh lenses and inlay hints. Changes to data files — in the editor or
 * on disk — re-evaluate the rulesets bound to them.
 */
import type { Diagnostic } from 'vscode-languageserver';
import { isDataFile } from './bindings';
import type { EvaluationJob, EvaluationOutcome } from './evaluation';
import { dataDiagnostics, rulesetDiagnostics } from './features/diagnostics';
import { idleGc } from './idle-gc';
import type { SuanServices } from './services';
import { hash } from './workspace';

export interface Publisher {
  diagnostics(uri: string, diagnostics: Diagnostic[], version?: number): void;
  /** Ask the client to re-request code lenses, inlay hints and semantic tokens. */
  refresh(): void;
  notify(method: string, params: unknown): void;
}

/** Sent after every evaluation (`suan/evaluated`). */
export interface EvaluatedParams {
  ruleset: string;
  ms: number;
  notRun: boolean;
  error?: string;
  files: { uri: string; counts?: Record<string, number>; loadErrors: number }[];
}

export class Scheduler {
  private readonly analysisTimers = new Map<string, NodeJS.Timeout>();
  private readonly lastAnalysis = new Map<string, number>();
  private readonly evaluationTimers = new Map<string, NodeJS.Timeout>();
  private readonly publishedRuleset = new Map<string, Set<string>>();
  private readonly publishedData = new Set<string>();
  private readonly submitted = new Map<string, string>();
  private readonly waiters = new Map<string, ((o: EvaluationOutcome | undefined) => void)[]>();
  private disposed = false;

  /** What was last sent per URI: unchanged diagnostics of an unchanged document are not sent again. */
  private readonly sent = new Map<string, { version?: number; json: string }>();

  constructor(private readonly services: SuanServices, private readonly publisher: Publisher) {
    services.evaluator.onDone((o) => this.evaluated(o));
  }

  private send(uri: string, diagnostics: Diagnostic[], version?: number): void {
    const json = JSON.stringify(diagnostics);
    const last = this.sent.get(uri);
    if (last && last.version === version && last.json === json) return;
    this.sent.set(uri, { version, json });
    this.publisher.diagnostics(uri, diagnostics, version);
  }

  private get ws() {
    return this.services.workspace;
  }

  // ── events ────────────────────────────────────────────────────────────────────────────

  opened(p: string): void {
    if (p.endsWith('.suan')) for (const e of this.ws.entriesContaining(p)) this.analyze(e, 0);
    else if (isDataFile(p)) for (const e of this.ws.entriesBoundTo(p)) this.evaluate(e, 0);
  }

  changed(p: string): void {
    const s = this.services.settings();
    if (p.endsWith('.suan')) for (const e of this.ws.entriesContaining(p)) this.analyze(e, s.diagnosticsDelay);
    else if (isDataFile(p)) for (const e of this.ws.entriesBoundTo(p)) this.evaluate(e, s.evaluationDelay);
  }

  closed(p: string): void {
    if (p.endsWith('.suan')) {
      const open = new Set(this.ws.openEntries());
      for (const e of [...this.publishedRuleset.keys()]) if (!open.has(e)) this.forget(e);
      // A closed file that is still part of an open ruleset keeps its diagnostics.
    } else if (isDataFile(p)) {
      for (const e of this.ws.entriesBoundTo(p)) this.evaluate(e, 0);
    }
  }

  diskChanged(p: string, kind: 'created' | 'changed' | 'deleted'): void {
    this.ws.diskChanged(p, kind);
    if (this.ws.document(p)) return; // the editor's text wins while the file is open
    if (p.endsWith('.suan')) {
      for (const e of this.ws.openEntries()) {
        const a = this.ws.lastAnalysis(e);
        if (!a || a.texts.has(p) || kind !== 'changed') this.analyze(e, 0);
      }
    } else if (isDataFile(p)) {
      // A new or removed file may change what is bound (examples/, globs).
      const entries = kind === 'changed' ? this.ws.entriesBoundTo(p) : this.ws.openEntries();
      for (const e of entries) this.evaluate(e, 0);
    }
  }

  /** Settings or language changed: re-check and re-publish everything. */
  reconfigured(): void {
    for (const e of this.ws.openEntries()) this.analyze(e, 0);
  }

  /** Re-run the evaluation of a ruleset now (binding changed, or asked for). Resolves with its outcome. */
  evaluateNow(entry: string): Promise<EvaluationOutcome | undefined> {
    const wait = new Promise<EvaluationOutcome | undefined>((resolve) => {
      const list = this.waiters.get(entry) ?? [];
      list.push(resolve);
      this.waiters.set(entry, list);
    });
    this.submitted.delete(entry);
    this.evaluate(entry, 0);
    return wait;
  }

  // ── analysis ──────────────────────────────────────────────────────────────────────────

  /**
   * Debounced analysis: the first change after a quiet spell is checked at once (after the
   * messages already queued, so a burst of edits is one check); changes that follow within
   * `delay` of the last check wait until `delay` after it — each newer change restarts the wait.
   */
  private analyze(entry: string, delay: number): void {
    clearTimeout(this.analysisTimers.get(entry));
    const since = performance.now() - (this.lastAnalysis.get(entry) ?? -Infinity);
    const wait = delay <= 0 || since >= delay ? 0 : delay;
    this.analysisTimers.set(entry, setTimeout(() => {
      this.analysisTimers.delete(entry);
      if (this.disposed) return;
      this.lastAnalysis.set(entry, performance.now());
      this.analyzeNow(entry);
    }, wait));
  }

  /** Checks a ruleset and publishes its diagnostics; schedules its evaluation when it is error-free. */
  analyzeNow(entry: string): void {
    try {
      if (this.ws.text(entry) === undefined) {
        this.forget(entry);
        return;
      }
      const a = this.ws.analyze(entry);
      this.publishRuleset(entry);
      idleGc();
      if (!a.hasErrors) this.evaluate(entry, this.services.settings().evaluationDelay);
      else {
        clearTimeout(this.evaluationTimers.get(entry));
        this.services.evaluator.cancel(entry);
        this.submitted.delete(entry);
        this.resolveWaiters(entry, undefined);
      }
    } catch (e) {
      this.services.log(`analysis of ${entry} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  // ── evaluation ────────────────────────────────────────────────────────────────────────

  private evaluate(entry: string, delay: number): void {
    clearTimeout(this.evaluationTimers.get(entry));
    this.evaluationTimers.set(entry, setTimeout(() => {
      this.evaluationTimers.delete(entry);
      if (!this.disposed) this.submit(entry);
    }, Math.max(0, delay)));
  }

  private submit(entry: string): void {
    try {
      if (!this.services.settings().inlineResults) return this.resolveWaiters(entry, undefined);
      const a = this.ws.analyze(entry);
      if (a.hasErrors) return this.resolveWaiters(entry, undefined);
      const binding = this.ws.binding(entry);
      if (binding.files.length === 0) {
        // Nothing bound (any more): clear old results, and only then ask the client to refresh.
        if (this.ws.results.delete(entry)) {
          this.publishAll(entry);
          this.publisher.refresh();
        }
        return this.resolveWaiters(entry, undefined);
      }
      // The data's text goes with the job (the editor's, or the disk's as this thread last read it), so the
      // evaluation sees exactly what the key names.
      const data = binding.files.map((p) => ({ path: p, text: this.ws.text(p) }));
      const dataKey = data.map((d) => `${d.path}:${d.text === undefined ? 'missing' : hash(d.text)}`).join('|');
      const key = `${a.key}#${dataKey}`;
      if (this.submitted.get(entry) === key && this.ws.results.get(entry)?.key === key) {
        this.publishRuleset(entry);
        return this.resolveWaiters(entry, this.ws.results.get(entry));
      }
      this.submitted.set(entry, key);
      const job: EvaluationJob = { entry, key, sources: [...a.texts].map(([p, text]) => ({ path: p, text })), data };
      this.services.evaluator.submit(job);
    } catch (e) {
      this.services.log(`evaluation of ${entry} failed to start: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      this.resolveWaiters(entry, undefined);
    }
  }

  private evaluated(o: EvaluationOutcome): void {
    if (this.disposed) return;
    try {
      if (!this.ws.openEntries().includes(o.entry) && !this.waiters.has(o.entry)) return;
      if (this.submitted.get(o.entry) !== o.key) return; // superseded
      if (o.error) this.services.log(`evaluation of ${o.entry}: ${o.error}`);
      this.ws.results.set(o.entry, o);
      this.publishAll(o.entry);
      this.publisher.refresh();
      const params: EvaluatedParams = {
        ruleset: this.ws.uriFor(o.entry),
        ms: o.ms,
        notRun: !!o.notRun,
        error: o.error,
        files: o.files.map((f) => ({ uri: this.ws.uriFor(f.path), counts: f.result?.counts, loadErrors: f.loadDiagnostics.filter((d) => d.severity === 'error').length })),
      };
      this.publisher.notify('suan/evaluated', params);
      this.resolveWaiters(o.entry, o);
      idleGc();
    } catch (e) {
      this.services.log(`publishing results of ${o.entry} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
  }

  private resolveWaiters(entry: string, o: EvaluationOutcome | undefined): void {
    const list = this.waiters.get(entry);
    if (!list) return;
    this.waiters.delete(entry);
    for (const r of list) r(o);
  }

  // ── publishing ────────────────────────────────────────────────────────────────────────

  private publishAll(entry: string): void {
    this.publishRuleset(entry);
    this.publishData();
  }

  publishRuleset(entry: string): void {
    const a = this.ws.lastAnalysis(entry) ?? this.ws.analyze(entry);
    const byFile = rulesetDiagnostics(this.services, a);
    const before = this.publishedRuleset.get(entry) ?? new Set<string>();
    const now = new Set<string>();
    for (const [file, ds] of byFile) {
      now.add(file);
      this.send(this.ws.uriFor(file), ds, this.ws.document(file)?.version);
    }
    for (const file of before) if (!now.has(file) && !this.ownedElsewhere(file, entry)) this.send(this.ws.uriFor(file), []);
    this.publishedRuleset.set(entry, now);
  }

  private ownedElsewhere(file: string, entry: string): boolean {
    for (const [e, files] of this.publishedRuleset) if (e !== entry && files.has(file)) return true;
    return false;
  }

  publishData(): void {
    const files = new Set<string>();
    for (const o of this.ws.results.values()) {
      for (const f of o.files) {
        files.add(f.path);
        for (const d of [...f.loadDiagnostics, ...(f.result?.diagnostics ?? [])]) files.add(d.span.file);
        for (const r of f.result?.rules ?? []) for (const fd of r.findings) for (const rd of fd.reads) if (!rd.span.file.endsWith('.suan')) files.add(rd.span.file);
      }
    }
    for (const file of files) this.send(this.ws.uriFor(file), dataDiagnostics(this.services, file), this.ws.document(file)?.version);
    for (const file of this.publishedData) if (!files.has(file)) this.send(this.ws.uriFor(file), []);
    this.publishedData.clear();
    for (const f of files) this.publishedData.add(f);
  }

  /** A ruleset no longer open: clear what was shown for it. */
  private forget(entry: string): void {
    clearTimeout(this.analysisTimers.get(entry));
    clearTimeout(this.evaluationTimers.get(entry));
    this.services.evaluator.cancel(entry);
    this.submitted.delete(entry);
    const files = this.publishedRuleset.get(entry);
    this.publishedRuleset.delete(entry);
    for (const f of files ?? []) if (!this.ws.document(f) && !this.ownedElsewhere(f, entry)) this.send(this.ws.uriFor(f), []);
    if (this.ws.results.delete(entry)) this.publishData();
    this.ws.forgetAnalysis(entry);
    this.resolveWaiters(entry, undefined);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.analysisTimers.values()) clearTimeout(t);
    for (const t of this.evaluationTimers.values()) clearTimeout(t);
    for (const e of [...this.waiters.keys()]) this.resolveWaiters(e, undefined);
    this.services.evaluator.dispose();
  }
}
