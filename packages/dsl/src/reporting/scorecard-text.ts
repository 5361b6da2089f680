/**
 * A scorecard in the human report of `suan check`: one table (indicator │ 分值 │ 目标 │ 实际 │
 * 计算得分 │ 自评得分 │ 差额 │ ✓/✗), level headings, the total and the grade, then the
 * explanation trail of every disputed or not computable indicator.
 */
import type { Lang } from '../diagnostics/diagnostic';
import type { IndicatorResult, Localised, ScorecardResult } from '../evaluation/results';
import { formatFixed, parseDecimal } from '../evaluation/decimal';

export type Paint = (code: 'red' | 'yellow' | 'blue' | 'green' | 'gray' | 'bold' | 'cyan', s: string) => string;

const LABELS = {
  'zh-CN': {
    indicator: '指标', weight: '分值', target: '目标', actual: '实际', computed: '计算得分', reported: '自评得分', difference: '差额',
    total: '合计', grade: '等级', agree: '一致', disputed: '有争议', na: '无法计算', errors: '无法读取', stopped: '已停止', trails: '计算过程',
    extra: '（表外）', attained: '达成', weights: '分值合计', notes: '说明', reportedShort: '自评', none: '—',
    attainmentNote: '未印分值的指标：“计算得分”栏为完成程度（按分值 1 计算），不与自评比较',
  },
  en: {
    indicator: 'indicator', weight: 'weight', target: 'target', actual: 'actual', computed: 'computed', reported: 'reported', difference: 'diff',
    total: 'total', grade: 'grade', agree: 'agree', disputed: 'disputed', na: 'not computable', errors: 'unreadable', stopped: 'stopped', trails: 'How the scores were computed',
    extra: ' (extra)', attained: 'attained', weights: 'Σ weights', notes: 'notes', reportedShort: 'reported', none: '—',
    attainmentNote: 'indicators without a printed weight: “computed” is the attainment (weight 1), not compared',
  },
} as const;

/** Display width in a terminal: CJK and full-width characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
      || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return w;
}

function fit(s: string, width: number): string {
  if (displayWidth(s) <= width) return s + ' '.repeat(width - displayWidth(s));
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…${' '.repeat(Math.max(0, width - displayWidth(out) - 1))}`;
}

function score(exact: string | undefined, places: number): string {
  if (exact === undefined) return '';
  const v = parseDecimal(exact);
  return v === undefined ? exact : formatFixed(v, places, false);
}

function pct(exact: string, places: number): string {
  const v = parseDecimal(exact);
  return v === undefined ? exact : `${formatFixed(v * 100n, places, false)}%`;
}

/** The lines of one scorecard (indented by two spaces, like rules). */
export function renderScorecardText(sc: ScorecardResult, o: { lang: Lang; verbose: boolean }, c: Paint): string[] {
  const L = LABELS[o.lang];
  const pick = (t: Localised | undefined) => (t ? (o.lang === 'en' ? t.en : t.zh) : '');
  const places = sc.round.places;
  const lines: string[] = [];
  const n = sc.counts;
  const bad = n.fail + n.error;
  const mark = bad ? c('red', '✗') : n.na ? c('yellow', '?') : c('green', '✓');
  const parts = [`${n.pass} ${L.agree}`];
  if (n.fail) parts.push(`${n.fail} ${L.disputed}`);
  if (n.na) parts.push(`${n.na} ${L.na}`);
  if (n.error) parts.push(`${n.error} ${L.errors}`);
  // Stopped at its evaluation budget: nothing scored (the message follows).
  if (n.error && sc.indicators.length === 0) parts.splice(0, parts.length, L.stopped);
  lines.push(`  ${mark} ${c('bold', sc.id)} ${pick(sc.title)}  ${c('gray', parts.join(' · '))}`);
  for (const note of sc.notes) lines.push(`      ${c('gray', pick(note))}`);
  if (sc.indicators.length === 0) return lines;
  if (sc.indicators.some((r) => r.attainment !== undefined)) lines.push(`      ${c('gray', L.attainmentNote)}`);

  const W = { name: 30, weight: 6, target: 14, actual: 14, computed: 12, reported: 8, diff: 7 };
  const sep = c('gray', ' │ ');
  const row = (cells: string[], markText: string) => `      ${cells.join(sep)}${sep}${markText}`;
  lines.push(c('gray', row([
    fit(L.indicator, W.name), fit(L.weight, W.weight), fit(L.target, W.target), fit(L.actual, W.actual), fit(L.computed, W.computed),
    fit(L.reported, W.reported), fit(L.difference, W.diff),
  ], '')));
  let lastLevel = '';
  const markOf = (r: IndicatorResult) => (r.outcome === 'pass' ? c('green', '✓') : r.outcome === 'fail' ? c('red', '✗') : r.outcome === 'error' ? c('red', '!') : c('yellow', '?'));
  for (const r of sc.indicators) {
    const level = r.levels.filter(Boolean).join(' / ');
    if (!r.extra && level && level !== lastLevel) {
      lines.push(`      ${c('cyan', `── ${level}`)}`);
      lastLevel = level;
    }
    const computed = r.attainment !== undefined
      ? pct(r.attainment, places)
      : r.computed !== undefined ? (r.computedHigh !== undefined ? `${score(r.computed, places)}–${score(r.computedHigh, places)}` : score(r.computed, places)) : L.none;
    lines.push(row([
      fit(`${r.name}${r.extra ? L.extra : ''}`, W.name),
      fit(r.weight.written ?? '', W.weight),
      fit(r.target?.written ?? '', W.target),
      fit(r.actual?.written ?? '', W.actual),
      fit(computed, W.computed),
      fit(r.reported?.written ?? '', W.reported),
      fit(r.difference !== undefined ? score(r.difference, places) : '', W.diff),
    ], markOf(r)));
  }
  // Total and grade.
  const t = sc.total;
  const totalText = t.computed !== undefined ? (t.computedHigh !== undefined ? `${score(t.computed, places)}–${score(t.computedHigh, places)}` : score(t.computed, places)) : L.none;
  const totalMark = t.outcome === 'pass' ? c('green', '✓') : t.outcome === 'fail' ? c('red', '✗') : c('gray', '·');
  lines.push(row([
    fit(L.total, W.name), fit(sc.weights.sum ?? '', W.weight), fit('', W.target), fit('', W.actual),
    fit(totalText, W.computed), fit(t.reported?.written ?? '', W.reported), fit(t.difference !== undefined ? score(t.difference, places) : '', W.diff),
  ], totalMark));
  if (sc.grade) {
    const g = sc.grade;
    const gMark = g.outcome === 'pass' ? c('green', '✓') : g.outcome === 'fail' ? c('red', '✗') : c('gray', '·');
    lines.push(row([fit(L.grade, W.name), fit('', W.weight), fit('', W.target), fit('', W.actual), fit(g.computed.join('/') || L.none, W.computed), fit(g.reported ?? '', W.reported), fit('', W.diff)], gMark));
  }
  if (sc.weights.outcome === 'fail') lines.push(`      ${c('red', '✗')} ${pick(sc.weights.reason)}`);
  if (t.outcome === 'fail') lines.push(`      ${c('red', '✗')} ${pick(t.reason)}`);
  if (sc.grade?.outcome === 'fail') lines.push(`      ${c('red', '✗')} ${pick(sc.grade.reason)}`);

  // Trails of the rows a reviewer has to look at (all rows with --verbose).
  const shown = sc.indicators.filter((r) => o.verbose || r.outcome !== 'pass');
  if (shown.length) {
    lines.push(`      ${c('bold', L.trails)}`);
    for (const r of shown) {
      lines.push(`      ${markOf(r)} ${c('bold', r.name)}${r.method.text ? c('gray', `  ${r.method.text}`) : ''}`);
      for (const step of r.trail) lines.push(`          ${pick(step)}`);
      if (r.outcome !== 'pass' && r.reason && !r.trail.some((s) => pick(s).includes(pick(r.reason)))) lines.push(`          ${c(r.outcome === 'na' ? 'yellow' : 'red', pick(r.reason))}`);
    }
  }
  return lines;
}
