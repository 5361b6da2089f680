import { afterEach, describe, expect, it } from 'vitest';
import { codeLenses } from '../../src/features/code-lens';
import { completion } from '../../src/features/completion';
import { rulesetDiagnostics } from '../../src/features/diagnostics';
import { hover } from '../../src/features/hover';
import { semanticTokens, TOKEN_TYPES } from '../../src/features/semantic-tokens';
import { documentSymbols } from '../../src/features/symbols';
import { positionOf, workspace, type TestWorkspace } from '../helpers';

let w: TestWorkspace;
afterEach(() => w?.dispose());

const FILE = '绩效/jixiao.suan';

describe('scorecards in the editor', () => {
  it('outlines a scorecard with its score entries', () => {
    w = workspace();
    const doc = w.open(FILE);
    const sc = documentSymbols(w.services, doc.uri).find((s) => s.name === 'ZT01')!;
    expect(sc.detail).toBe('Self-evaluation · 绩效指标');
    expect(sc.children!.map((c) => c.name)).toEqual(['培训班次', 'else']);
  });

  it('shows disputed indicators at their `score` entry with the explanation trail, and totals in a lens', () => {
    w = workspace();
    const doc = w.open(FILE);
    w.evaluate(FILE);
    const ds = rulesetDiagnostics(w.services, w.services.workspace.analysisFor(w.file(FILE))!).get(w.file(FILE))!;
    const ind = ds.find((d) => (d.message as string).includes('培训班次'))!;
    expect(ind.range.start).toEqual(positionOf(doc.text, 'score 培训班次'));
    expect(ind.message).toContain('· attainment = actual 5 班次 ÷ target 10 班次 = 50%');
    const total = ds.find((d) => (d.message as string).includes('total of 75.00'))!;
    expect(total.range.start).toEqual(positionOf(doc.text, '总计.得分'));
    expect(codeLenses(w.services, doc.uri).map((l) => l.command!.title)).toContain('✗ 1 disputed · ✓ 1 agree · total 75.00 (reported 100)');
  });

  it('hovers a scorecard with its results', () => {
    w = workspace();
    const doc = w.open(FILE);
    w.evaluate(FILE);
    const h = hover(w.services, doc.uri, positionOf(doc.text, 'ZT01', 0, 2))!;
    expect((h.contents as { value: string }).value).toContain('**scorecard** `ZT01` — Self-evaluation');
    expect((h.contents as { value: string }).value).toContain('- 培训班次: 25.00 ≠ 50');
  });

  it('completes clauses, columns of its table, indicator names from the data, and scoring methods', () => {
    w = workspace();
    const base = w.open(FILE).text;
    const at = (text: string) => {
      const doc = w.open(FILE, text);
      return completion(w.services, doc.uri, doc.positions[0]!).items.map((i) => i.label);
    };
    w.evaluate(FILE);
    expect(at(base.replace('  score else: auto', '  <|>\n  score else: auto'))).toEqual(expect.arrayContaining(['indicator', 'weight', 'score', 'extra', 'grade']));
    expect(at(base.replace('  weight    分值', '  weight    <|>'))).toEqual(expect.arrayContaining(['分值', '得分', '三级指标']));
    expect(at(base.replace('  score else: auto', '  score <|>'))).toEqual(expect.arrayContaining(['培训班次', '服务对象满意度', 'else']));
    expect(at(base.replace('  score 培训班次: proportional', '  score 培训班次: <|>'))).toEqual(expect.arrayContaining(['auto', 'proportional', 'deduct', 'bands']));
  });

  it('highlights the soft keywords of a scorecard as keywords', () => {
    w = workspace();
    const doc = w.open(FILE);
    const data = semanticTokens(w.services, doc.uri).data;
    const lines = doc.text.split('\n');
    let line = 0;
    let ch = 0;
    const found: string[] = [];
    for (let i = 0; i < data.length; i += 5) {
      line += data[i]!;
      ch = data[i] === 0 ? ch + data[i + 1]! : data[i + 1]!;
      found.push(`${lines[line]!.slice(ch, ch + data[i + 2]!)}:${TOKEN_TYPES[data[i + 3]!]}`);
    }
    expect(found).toEqual(expect.arrayContaining(['scorecard:keyword', 'ZT01:macro', 'indicator:keyword', 'weight:keyword', 'score:keyword']));
  });
});
