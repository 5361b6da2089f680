/** Where every report places a finding (reporting/reporter.ts `findingPlace`). */
import { describe, expect, it } from 'vitest';
import { findingPlace } from '../../src/reporting/reporter';
import { run } from '../helpers';

describe('findingPlace', () => {
  const rules = `ruleset t { title "t" }
table 总表 { key 项目: text  金额: money 万元 }
fact 说明支出: money 万元
rule R { for t in 总表  when t.项目 = "本年支出合计"  assert 说明支出 ≈ t.金额 }
`;
  const data = `suan: 1
document: { kind: 部门决算, currency_unit: 万元 }
tables:
  总表:
    columns: [项目, 金额]
    rows:
      - [本年收入合计, "1,076.42"]
      - [本年支出合计, "1,076.42"]
facts:
  说明支出: "1,176.42"
`;

  // The rule first reads the label it finds its row by; SARIF, CSV, JUnit and HTML once placed the
  // finding there, on the label cell "本年支出合计", not on the narrative's figure that is wrong.
  it('is the value read that is the comparison\'s actual side, not the first cell read', () => {
    const f = run(rules, data).rules[0]!.findings[0]!;
    expect(f.reads[0]!.span.line).toBe(8); // the label, read first
    expect(findingPlace(f)).toMatchObject({ line: 10, col: 9 }); // 说明支出
    expect(findingPlace(f, f.reads[0]!.span.file)).toMatchObject({ line: 10 });
  });

  it('is the first value read when none is the actual side, and the binding\'s row when none was read', () => {
    const f = run(rules, data).rules[0]!.findings[0]!;
    expect(findingPlace({ ...f, comparison: undefined })).toEqual(f.reads[0]!.span);
    expect(findingPlace({ ...f, comparison: undefined, reads: [] })).toEqual(f.bindings[0]!.span);
    expect(findingPlace(f, '/elsewhere.yaml')).toBeUndefined();
  });
});
