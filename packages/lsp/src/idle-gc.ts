/**
 * Memory at rest: V8 collects lazily, so after a burst of edits a server holds several times its
 * live heap (mostly garbage). Once the editor has been quiet for a moment, collect — a few
 * milliseconds nobody waits for — so the server stays small between bursts.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
let timer: NodeJS.Timeout | undefined;

/** Makes a collector available (call once, early). Harmless where the runtime refuses. */
export function enableIdleGc(): void {
  try {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  } catch {
    collect = undefined;
  }
}

/** Collect once nothing has happened for `quietMs` (each call restarts the wait). */
export function idleGc(quietMs = 2000): void {
  if (!collect) return;
  clearTimeout(timer);
  timer = setTimeout(() => {
    try {
      collect?.();
    } catch {
      // ignore
    }
  }, quietMs);
  timer.unref();
}
