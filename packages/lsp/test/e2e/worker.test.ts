/**
 * The evaluation worker (the real bundle in a worker thread): a newer job for the same ruleset
 * supersedes an older one (only the newest result is reported), and an idle worker is stopped.
 */
import { describe, expect, it } from 'vitest';
import { WorkerEvaluator, type EvaluationJob, type EvaluationOutcome } from '../../src/evaluation';
import { useE2e } from './setup';

const env = useE2e();

function job(key: string, main: string): EvaluationJob {
  return {
    entry: env.ws.file('决算/main.suan'),
    key,
    sources: [{ path: env.ws.file('决算/main.suan'), text: main }, { path: env.ws.file('决算/tables.suan'), text: env.ws.read('决算/tables.suan') }],
    data: [{ path: env.ws.file('决算/examples/a.yaml') }],
  };
}

describe('evaluation worker', () => {
  it('reports only the newest of jobs submitted in a burst, and stops when idle', async () => {
    const ev = new WorkerEvaluator(env.server, () => {}, 200);
    const done: EvaluationOutcome[] = [];
    ev.onDone((o) => done.push(o));
    const main = env.ws.read('决算/main.suan');
    for (let i = 0; i < 5; i++) ev.submit(job(`k${i}`, `${main}\n# ${i}\n`));
    const until = async (f: () => boolean) => {
      for (let t = 0; t < 400 && !f(); t++) await new Promise((r) => setTimeout(r, 25));
    };
    await until(() => done.some((o) => o.key === 'k4'));
    await new Promise((r) => setTimeout(r, 100));
    // The first job may already be running when the others arrive; the ones queued behind it are replaced by the newest.
    expect(done.map((o) => o.key).filter((k) => k !== 'k0')).toEqual(['k4']);
    expect(done.find((o) => o.key === 'k4')!.files[0]!.result!.counts.fail).toBe(5);
    await until(() => (ev as unknown as { worker?: unknown }).worker === undefined);
    expect((ev as unknown as { worker?: unknown }).worker).toBeUndefined();
    // A new job after the idle stop starts a new worker.
    ev.submit(job('k5', main));
    await until(() => done.some((o) => o.key === 'k5'));
    expect(done.map((o) => o.key)).toContain('k5');
    ev.dispose();
  }, 30_000);
});
