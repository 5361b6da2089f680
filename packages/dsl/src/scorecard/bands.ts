/**
 * Bands (`bands { >= 90%: 5, 80% to 90%: 3, < 70%: 0 }`) and grade scales (`grade 优 >= 90, …`):
 * which band a value falls in (first match, in the order written), and the static check a
 * ruleset gets before anything runs — reversed ranges, gaps (values no band covers), overlaps
 * (two bands claiming the same values) and bands that can never be reached.
 *
 * Conditions: `>= a` [a, ∞), `> a` (a, ∞), `<= b` (−∞, b], `< b` (−∞, b), `a to b` [a, b)
 * ("a 含—b"), `else` everything not matched before. A run of one-sided bounds in the same
 * direction (`优 >= 90, 良 >= 80, …`) is the usual way of writing descending bands and is not an
 * overlap: each one takes what the ones before it left. Coverage is checked from 0 upwards
 * (scores, rates and counts are not negative) unless a bound is negative.
 */
import { formatFixed } from '../evaluation/decimal';

export type BandOp = '>=' | '>' | '<=' | '<' | 'range' | 'else';

/** A band condition with constant bounds (fixed-point); a bound that is not a constant is undefined. */
export interface StaticBand {
  op: BandOp;
  a?: bigint;
  b?: bigint;
  /** Label for messages: the band as written (`>= 90%`, `良`). */
  label: string;
}

export type BandProblem =
  | { kind: 'reversed'; index: number }
  | { kind: 'gap'; range: string }
  | { kind: 'overlap'; index: number; other: number; range: string }
  | { kind: 'unreachable'; index: number };

/** Whether a value falls in a band (bounds as fixed-point). `else` matches everything. */
export function inBand(op: BandOp, x: bigint, a?: bigint, b?: bigint): boolean {
  switch (op) {
    case '>=': return a !== undefined && x >= a;
    case '>': return a !== undefined && x > a;
    case '<=': return b !== undefined && x <= b;
    case '<': return b !== undefined && x < b;
    case 'range': return a !== undefined && b !== undefined && x >= a && x < b;
    case 'else': return true;
  }
}

interface Piece {
  /** A representative value inside the piece. */
  x: bigint;
  /** A single point (a bound) or the open interval between two bounds. */
  point: boolean;
  lo?: bigint;
  hi?: bigint;
}

/**
 * The static check of a list of bands. `percent` formats bounds as percentages in messages.
 * Bands whose bounds are not all constants are left out of the coverage analysis.
 */
export function checkBands(bands: readonly StaticBand[], percent: boolean): BandProblem[] {
  const problems: BandProblem[] = [];
  const usable: number[] = [];
  bands.forEach((b, i) => {
    if (b.op === 'range' && b.a !== undefined && b.b !== undefined && b.a >= b.b) {
      problems.push({ kind: 'reversed', index: i });
      return;
    }
    const complete = b.op === 'else' || (b.op === 'range' ? b.a !== undefined && b.b !== undefined : b.op === '>=' || b.op === '>' ? b.a !== undefined : b.b !== undefined);
    if (complete) usable.push(i);
  });
  if (usable.length === 0) return problems;
  const bounds = new Set<bigint>();
  for (const i of usable) {
    const b = bands[i]!;
    if (b.a !== undefined) bounds.add(b.a);
    if (b.b !== undefined) bounds.add(b.b);
  }
  const negative = [...bounds].some((x) => x < 0n);
  if (!negative) bounds.add(0n);
  const sorted = [...bounds].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  const pieces: Piece[] = [];
  const one = 10n ** 18n;
  if (negative) pieces.push({ x: sorted[0]! - one, point: false, hi: sorted[0]! });
  sorted.forEach((v, k) => {
    pieces.push({ x: v, point: true, lo: v, hi: v });
    const next = sorted[k + 1];
    if (next !== undefined) pieces.push({ x: (v + next) / 2n, point: false, lo: v, hi: next });
    else pieces.push({ x: v + one, point: false, lo: v });
  });
  const covers = (i: number, p: Piece) => {
    const b = bands[i]!;
    return b.op !== 'else' && inBand(b.op, p.x, b.a, b.b);
  };
  const taken = new Array<boolean>(pieces.length).fill(false);
  const owner = new Array<number>(pieces.length).fill(-1);
  let elseSeen = false;
  for (const j of usable) {
    const b = bands[j]!;
    if (elseSeen) {
      problems.push({ kind: 'unreachable', index: j });
      continue;
    }
    if (b.op === 'else') {
      elseSeen = true;
      if (taken.every(Boolean)) problems.push({ kind: 'unreachable', index: j });
      continue;
    }
    const mine = pieces.map((p, k) => (covers(j, p) ? k : -1)).filter((k) => k >= 0);
    if (mine.length > 0 && mine.every((k) => taken[k])) {
      problems.push({ kind: 'unreachable', index: j });
      continue;
    }
    const overlapWith = new Map<number, number[]>();
    for (const k of mine) {
      if (!taken[k]) continue;
      const i = owner[k]!;
      if (cumulative(bands[i]!, b)) continue;
      if (!overlapWith.has(i)) overlapWith.set(i, []);
      overlapWith.get(i)!.push(k);
    }
    for (const [i, ks] of overlapWith) problems.push({ kind: 'overlap', index: j, other: i, range: rangeText(ks.map((k) => pieces[k]!), percent) });
    for (const k of mine) {
      if (!taken[k]) {
        taken[k] = true;
        owner[k] = j;
      }
    }
  }
  if (!elseSeen) {
    // Uncovered pieces, merged into runs.
    let run: Piece[] = [];
    const flush = () => {
      if (run.length) problems.push({ kind: 'gap', range: rangeText(run, percent) });
      run = [];
    };
    pieces.forEach((p, k) => {
      if (!taken[k]) run.push(p);
      else flush();
    });
    flush();
  }
  return problems;
}

/** Two one-sided bands in the same direction: the later one takes what the earlier left (not an overlap). */
function cumulative(earlier: StaticBand, later: StaticBand): boolean {
  const up = (b: StaticBand) => b.op === '>=' || b.op === '>';
  const down = (b: StaticBand) => b.op === '<=' || b.op === '<';
  return (up(earlier) && up(later)) || (down(earlier) && down(later));
}

/** A run of consecutive pieces as an interval: `[70%, 80%)`, `(90, ∞)`. */
function rangeText(run: Piece[], percent: boolean): string {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const show = (v: bigint) => showBound(v, percent);
  const left = first.point ? `[${show(first.x)}` : first.lo === undefined ? '(−∞' : `(${show(first.lo)}`;
  const right = last.point ? `${show(last.x)}]` : last.hi === undefined ? '∞)' : `${show(last.hi)})`;
  if (run.length === 1 && first.point) return show(first.x);
  return `${left}, ${right}`;
}

/** A bound for messages: `90%` or `86.2`. */
export function showBound(v: bigint, percent: boolean): string {
  const s = formatFixed(percent ? v * 100n : v, 6, false).replace(/\.?0+$/, '');
  return percent ? `${s}%` : s;
}
