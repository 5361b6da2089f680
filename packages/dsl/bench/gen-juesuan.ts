/**
 * Synthetic 部门决算 disclosures in the vocabulary of rulesets/juesuan (SCHEMA.md), of realistic
 * size (the nine tables, the narrative statements), deterministic from a seed. Amounts are made
 * in 元 cents and printed in 万元 rounded half-up, so sums of printed parts carry honest 尾数误差.
 * About 30% of documents get one injected inconsistency (a changed cell, a 元/万元 slip in the
 * narrative, a wrong stated share).
 */

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/** cents → 万元 text, 2 decimals, half-up, thousands separators. */
function wan(cents: bigint): string {
  const neg = cents < 0n;
  const c = neg ? -cents : cents;
  let q = c / 10000n;
  if ((c % 10000n) * 2n >= 10000n) q += 1n;
  const int = (q / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${int}.${(q % 100n).toString().padStart(2, '0')}`;
}

/** ratio a/b as a percentage text with 2 decimals, half-up (from exact integers). */
function pct(a: bigint, b: bigint): string {
  if (b === 0n) return '0%';
  const scaled = (a * 1000000n) / b; // ratio × 10^6
  let q = scaled / 100n;
  if ((scaled % 100n) * 2n >= 100n) q += 1n;
  return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')}%`;
}

const LEI: [string, string][] = [['201', '一般公共服务支出'], ['205', '教育支出'], ['208', '社会保障和就业支出'], ['210', '卫生健康支出'], ['213', '农林水支出'], ['221', '住房保障支出']];
const ECON_PERSONNEL: [string, string][] = [['30101', '基本工资'], ['30102', '津贴补贴'], ['30103', '奖金'], ['30108', '机关事业单位基本养老保险缴费'], ['30109', '职业年金缴费'], ['30110', '职工基本医疗保险缴费'], ['30113', '住房公积金'], ['30199', '其他工资福利支出']];
const ECON_PUBLIC: [string, string][] = [['30201', '办公费'], ['30205', '水费'], ['30206', '电费'], ['30207', '邮电费'], ['30211', '差旅费'], ['30213', '维修（护）费'], ['30228', '工会经费'], ['30239', '其他交通费用']];

type Row = (string | null)[];

export interface GeneratedDoc {
  json: Record<string, unknown>;
  injected?: string;
}

export function generateJuesuan(index: number, seed = 1): GeneratedDoc {
  const R = rng(seed * 100003 + index);
  const amt = (max: number) => BigInt(Math.floor(R() * max)) * 100n + BigInt(Math.floor(R() * 100)); // cents
  // Function classification: 类 → 款 → 项, each 项 with basic and project expenditure.
  const funcRows: { code: string; name: string; basic: bigint; project: bigint }[] = [];
  const leiCount = 2 + Math.floor(R() * 4);
  const leis = [...LEI].sort(() => R() - 0.5).slice(0, leiCount).sort((a, b) => a[0].localeCompare(b[0]));
  for (const [lc, ln] of leis) {
    const kuanCount = 1 + Math.floor(R() * 3);
    const lei = { code: lc, name: ln, basic: 0n, project: 0n };
    funcRows.push(lei);
    for (let k = 1; k <= kuanCount; k++) {
      const kc = `${lc}${String(k).padStart(2, '0')}`;
      const kuan = { code: kc, name: `${ln.replace('支出', '')}款${k}`, basic: 0n, project: 0n };
      funcRows.push(kuan);
      const xiangCount = 1 + Math.floor(R() * 3);
      for (let x = 1; x <= xiangCount; x++) {
        const basic = R() < 0.7 ? amt(3_000_000) : 0n;
        const project = R() < 0.5 ? amt(8_000_000) : 0n;
        funcRows.push({ code: `${kc}${String(x).padStart(2, '0')}`, name: `项目${x}`, basic, project });
        kuan.basic += basic;
        kuan.project += project;
      }
      lei.basic += kuan.basic;
      lei.project += kuan.project;
    }
  }
  const top = funcRows.filter((r) => r.code.length === 3);
  const basicTotal = top.reduce((a, r) => a + r.basic, 0n);
  const projectTotal = top.reduce((a, r) => a + r.project, 0n);
  const total = basicTotal + projectTotal;
  const carry = R() < 0.4 ? amt(500_000) : 0n; // 年初结转和结余
  const income = total - carry;
  const lastYear = (total * BigInt(70 + Math.floor(R() * 60))) / 100n;

  // Economic classification of 基本支出 (人员经费 ≈ 85%, 公用经费 the rest).
  const personnel = (basicTotal * 85n) / 100n;
  const publicExp = basicTotal - personnel;
  const split = (sum: bigint, items: [string, string][]) => {
    let left = sum;
    return items.map(([code, name], i) => {
      const v = i === items.length - 1 ? left : (left * BigInt(10 + Math.floor(R() * 30))) / 100n;
      left -= v;
      return { code, name, v };
    });
  };
  const pItems = split(personnel, ECON_PERSONNEL);
  const gItems = split(publicExp, ECON_PUBLIC);

  const funcTable = (cols: string[], f: (r: (typeof funcRows)[number]) => Row): Row[] => [
    ['合计', '', ...f({ code: '合计', name: '', basic: basicTotal, project: projectTotal }).slice(2)],
    ...funcRows.map(f),
  ].map((r) => r.slice(0, cols.length));

  const expCols = ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];
  const expenditure = funcTable(expCols, (r) => [r.code, r.name, wan(r.basic + r.project), r.basic ? wan(r.basic) : '', r.project ? wan(r.project) : '', '', '', '']);
  const incCols = ['科目编码', '科目名称', '本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];
  // Income by function equals expenditure minus the carried-over share, taken from the largest 项.
  const income4 = funcTable(incCols, (r) => [r.code, r.name, wan(r.basic + r.project), wan(r.basic + r.project), '', '', '', '', '']);
  const gpbCols = ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'];
  const gpb = funcTable(gpbCols, (r) => [r.code, r.name, wan(r.basic + r.project), r.basic ? wan(r.basic) : '', r.project ? wan(r.project) : '']);

  const twoSided = (extra: number): Row[] => {
    // The appropriations summary (04) splits 金额 by fund; every synthetic appropriation is general budget.
    const pad = (r: Row) => [...r, ...Array.from({ length: extra }, (_, i) => (i === 0 ? r[5]! : ''))];
    return [
      pad(['一般公共预算财政拨款收入', '收入', '1', '', '一、一般公共预算财政拨款收入', wan(total)]),
      pad(['本年收入合计', '收入', '27', '', '本年收入合计', wan(total)]),
      pad(['年初结转和结余', '收入', '29', '', '年初结转和结余', '']),
      pad(['收入总计', '收入', '31', '', '总计', wan(total)]),
      ...top.map((r, i) => pad([LEI.find((l) => l[0] === r.code)![1], '支出', String(32 + i), r.code, r.name, wan(r.basic + r.project)])),
      pad(['本年支出合计', '支出', '58', '', '本年支出合计', wan(total)]),
      pad(['年末结转和结余', '支出', '60', '', '年末结转和结余', '']),
      pad(['支出总计', '支出', '62', '', '总计', wan(total)]),
    ];
  };

  const basicRows: Row[] = [
    ['301', '工资福利支出', '人员经费', wan(personnel)],
    ...pItems.map((x) => [x.code, x.name, '人员经费', wan(x.v)]),
    ['302', '商品和服务支出', '公用经费', wan(publicExp)],
    ...gItems.map((x) => [x.code, x.name, '公用经费', wan(x.v)]),
    ['人员经费合计', '', '', wan(personnel)],
    ['公用经费合计', '', '', wan(publicExp)],
  ];

  const sg = { travel: R() < 0.3 ? amt(50_000) : 0n, car: R() < 0.6 ? amt(200_000) : 0n, reception: R() < 0.5 ? amt(30_000) : 0n };
  const sgTotal = sg.travel + sg.car + sg.reception;
  // Budgets (预算数) are the actual figures plus an unspent margin, item by item.
  const budget = { travel: sg.travel + amt(20_000), car: sg.car + amt(50_000), reception: sg.reception + amt(30_000) };
  const sanGong: Row[] = [
    ['合计', wan(budget.travel + budget.car + budget.reception), wan(sgTotal)],
    ['因公出国境费', wan(budget.travel), wan(sg.travel)],
    ['公务用车购置及运行维护费', wan(budget.car), wan(sg.car)],
    ['公务用车购置费', '0.00', '0.00'],
    ['公务用车运行维护费', wan(budget.car), wan(sg.car)],
    ['公务接待费', wan(budget.reception), wan(sg.reception)],
  ];

  const json = {
    suan: 1,
    document: { title: `合成单位${index} 2021 年度部门决算`, unit: `合成单位${String(index).padStart(5, '0')}`, year: '2021', kind: '部门决算', currency_unit: '万元', source: `synthetic seed ${seed} #${index}` },
    tables: {
      收入支出决算总表: { unit: '万元', columns: ['项目', '方向', '行次', '科目编码', '原文项目', '金额'], rows: twoSided(0) },
      收入决算表: { unit: '万元', columns: incCols, rows: income4 },
      支出决算表: { unit: '万元', columns: expCols, rows: expenditure },
      财政拨款收入支出决算总表: { unit: '万元', columns: ['项目', '方向', '行次', '科目编码', '原文项目', '金额', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'], rows: twoSided(3) },
      一般公共预算财政拨款支出决算表: { unit: '万元', columns: gpbCols, rows: gpb },
      一般公共预算财政拨款基本支出决算表: { unit: '万元', columns: ['科目编码', '科目名称', '经费类型', '金额'], rows: basicRows },
      三公经费支出决算表: { unit: '万元', columns: ['项目', '预算数', '决算数'], rows: sanGong },
      政府性基金预算财政拨款收入支出决算表: { unit: '万元', empty: true, columns: ['科目编码', '科目名称', '年初结转和结余', '本年收入合计', '本年支出合计', '基本支出', '项目支出', '年末结转和结余'], rows: [['合计', '', '', '', '', '', '', '']] },
      国有资本经营预算财政拨款支出决算表: { unit: '万元', empty: true, columns: ['科目编码', '科目名称', '本年支出合计', '基本支出', '项目支出'], rows: [['合计', '', '', '', '']] },
      收入结构说明: { unit: '万元', columns: ['项目', '金额', '占比'], rows: [['本年收入合计', wan(total), ''], ['财政拨款收入', wan(total), '100%']] },
      支出结构说明: { unit: '万元', columns: ['项目', '金额', '占比'], rows: [['本年支出合计', wan(total), ''], ['基本支出', wan(basicTotal), pct(basicTotal, total)], ['项目支出', wan(projectTotal), pct(projectTotal, total)]] },
      增减变动说明: {
        unit: '万元',
        columns: ['项目', '比较基准', '金额', '基数', '增减方向', '增减额', '增减率方向', '增减率', '原因'],
        rows: [['收支总计', '上年', wan(total), '', total >= lastYear ? '增加' : '减少', wan(total >= lastYear ? total - lastYear : lastYear - total), total >= lastYear ? '增长' : '下降', pct(total >= lastYear ? total - lastYear : lastYear - total, lastYear), '业务量变化']],
      },
      一般公共预算财政拨款支出结构说明: { unit: '万元', columns: ['科目编码', '科目名称', '金额', '占比'], rows: [['合计', '', wan(total), ''], ...top.map((r) => [r.code, r.name, wan(r.basic + r.project), pct(r.basic + r.project, total)])] },
      基本支出构成说明: { unit: '万元', columns: ['科目编码', '科目名称', '经费类型', '金额'], rows: [['合计', '基本支出', '', wan(basicTotal)], ['人员经费合计', '', '人员经费', wan(personnel)], ['公用经费合计', '', '公用经费', wan(publicExp)]] },
    },
    facts: {
      '收支总体.本年收入合计': { value: wan(total), unit: '万元' },
      '收支总体.本年支出合计': { value: wan(total), unit: '万元' },
      '收支总体.收支总计': { value: wan(total), unit: '万元' },
      '财政拨款收支.本年收入合计': { value: wan(total), unit: '万元' },
      '财政拨款收支.本年支出合计': { value: wan(total), unit: '万元' },
      '一般公共预算财政拨款收支.本年支出合计': { value: wan(total), unit: '万元' },
    },
  };
  void income;

  // Inject one inconsistency into about 30% of documents.
  let injected: string | undefined;
  const roll = R();
  if (roll < 0.1) {
    const rows = json.tables.支出决算表.rows;
    const i = 1 + Math.floor(R() * (rows.length - 1));
    rows[i]![3] = wan(amt(3_000_000) + 123456n);
    injected = `支出决算表[${rows[i]![0]}].基本支出`;
  } else if (roll < 0.2) {
    json.facts['收支总体.本年支出合计'] = { value: (Number(wan(total).replace(/,/g, '')) * 10000).toFixed(2), unit: '万元' };
    injected = 'fact 收支总体.本年支出合计 ×10000';
  } else if (roll < 0.3) {
    const rows = json.tables.支出结构说明.rows;
    rows[1]![2] = pct(basicTotal + total / 10n, total);
    injected = '支出结构说明[基本支出].占比';
  }
  return { json, injected };
}
