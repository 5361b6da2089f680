/**
 * A small scorecard harness: a one-table ruleset with the given `score` lines (and clauses) run
 * on rows given as [indicator, weight, target, actual, reported].
 */
import { formatMessage, type DocumentResult, type IndicatorResult, type ScorecardResult } from '../../src/index';
import { run, ruleset } from '../helpers';

export const TABLE = `
table 评分表 {
  key 指标: text
  一级: text
  分值: number
  目标: text
  实际: text
  得分: number
}
facts 合计 { 得分: number }
fact 等级: text
fact 季度达标: bool
facts 算式 { 分子: number  分母: number }
facts 资金 { 执行数: money 万元  预算数: money 万元 }
`;

export type Row = [name: string, weight: string, target: string, actual: string, reported: string, level?: string];

/** The ruleset text of a scorecard with these clauses and score lines. */
export function cardText(lines: string, clauses = ''): string {
  return `${TABLE}
scorecard SC "测试评分表" en "Test scorecard" {
  table 评分表
  indicator 指标
  levels 一级
  weight 分值
  target 目标
  actual 实际
  reported 得分
${clauses}
${lines}
}
`;
}

export function dataText(rows: Row[], facts: Record<string, string> = {}): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    'suan: 1',
    'document: { kind: 绩效自评, year: 2021, currency_unit: 元 }',
    'tables:',
    '  评分表:',
    '    columns: [指标, 一级, 分值, 目标, 实际, 得分]',
    rows.length ? '    rows:' : '    rows: []',
    ...rows.map((r) => `      - [${q(r[0])}, ${q(r[5] ?? '产出')}, ${q(r[1])}, ${q(r[2])}, ${q(r[3])}, ${q(r[4])}]`),
    ...(Object.keys(facts).length ? ['facts:', ...Object.entries(facts).map(([k, v]) => `  ${k}: ${v}`)] : []),
  ].join('\n');
}

/** Runs a scorecard; returns the document result, the scorecard result and its indicators by name. */
export function score(lines: string, rows: Row[], o: { clauses?: string; facts?: Record<string, string> } = {}): {
  doc: DocumentResult; sc: ScorecardResult; by: (name: string) => IndicatorResult;
} {
  const doc = run(cardText(lines, o.clauses), dataText(rows, o.facts));
  const sc = doc.scorecards![0]!;
  return { doc, sc, by: (name) => sc.indicators.find((i) => i.name === name)! };
}

/** The diagnostics a scorecard ruleset gets from the checker, as `CODE message (en)`. */
export function problems(text: string): string[] {
  return ruleset(text).program.diagnostics.filter((d) => d.code !== 'SUAN0007').map((d) => `${d.code} ${formatMessage(d, 'en')}`);
}

/** A trail in one language, one line per step. */
export function trail(i: IndicatorResult, lang: 'zh' | 'en' = 'zh'): string {
  return i.trail.map((s) => s[lang]).join('\n');
}
