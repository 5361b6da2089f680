/**
 * `suan explain <ruleset> <rule-id>`: what a rule checks, in words, with its source, severity,
 * tolerance and the overrides an extending ruleset applied.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDiagnostic, closestNames, hasErrors, type Lang } from '../diagnostics/diagnostic';
import { codeOf, type Expr, type Rule, type Text } from '../syntax/ast';
import type { Program, RuleSymbol, ScorecardSymbol } from '../semantics/program';
import { loadRulesetFile } from './ruleset-file';
import { commandSyntaxCache } from './syntax-cache';
import { counted } from '../diagnostics/locale';
import { argumentError, usage } from './usage';

export async function runExplain(args: string[], lang: Lang): Promise<number> {
  const en = lang === 'en';
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' }, 'no-cache': { type: 'boolean', default: false } } });
  } catch (e) {
    return argumentError(lang, e);
  }
  const [rulesetPath, id] = parsed.positionals;
  if (parsed.positionals.length > 2) {
    const rest = parsed.positionals.slice(2).join(' ');
    process.stderr.write(`${en ? `suan explain takes a ruleset and one rule id; what follows them (${rest}) is not understood.` : `suan explain 只接受一个规则集和一个规则编号；其后的 ${rest} 无法理解。`}\n\n${usage(lang)}`);
    return 2;
  }
  if (!rulesetPath || !id) {
    process.stderr.write(`${en ? 'suan explain needs a ruleset and a rule id.' : 'suan explain 需要一个规则集和一个规则编号。'}\n\n${usage(lang)}`);
    return 2;
  }
  const { program, bundle } = await loadRulesetFile(rulesetPath, commandSyntaxCache(parsed.values['no-cache']));
  // From a compiled bundle whose sources are not beside it: the places below are inside the bundle.
  const bundleName = bundle && path.relative(process.cwd(), bundle.file);
  // A source that is only inside the bundle is named as it is there (relative to the bundle's folder).
  const shown = bundle && !bundle.sourcesBeside ? (file: string) => path.relative(path.dirname(bundle.file), file).split(path.sep).join('/') : relativeToCwd;
  const inBundle = !bundle || bundle.sourcesBeside ? '' : bundle.changed.length > 0
    ? `${en ? `(The source files named above are as compiled into ${bundleName}; beside it, ${bundle.changed.map(shown).join(', ')} changed since.)` : `（以上所列源文件是编译进 ${bundleName} 的文本；其旁的 ${bundle.changed.map(shown).join('、')} 此后有改动。）`}\n`
    : `${en ? `(The source files named above are inside the compiled ruleset ${bundleName}, not beside it.)` : `（以上所列源文件在编译后的规则集 ${bundleName} 之中，不在其旁。）`}\n`;
  if (hasErrors(program.diagnostics)) {
    for (const d of program.diagnostics) if (d.severity === 'error') process.stderr.write(`${formatDiagnostic(d, lang, process.cwd())}\n`);
    return 2;
  }
  // Exactly as written, else the one id that differs only in case (`js0202` for JS0202).
  const ids = [...program.rules, ...program.scorecards].map((r) => r.id);
  const folded = ids.filter((x) => x.toLowerCase() === id.toLowerCase());
  const wanted = ids.includes(id) ? id : folded.length === 1 ? folded[0]! : id;
  const rule = program.rules.find((r) => r.id === wanted);
  const card = program.scorecards.find((r) => r.id === wanted);
  if (card) {
    process.stdout.write(explainScorecard(card, lang, (file) => program.sources.files.find((f) => f.path === file)?.text, shown) + inBundle);
    return 0;
  }
  if (!rule) {
    const s = closestNames(id, ids);
    // No id is close: say which ids there are (the first few), so that the next try can succeed.
    const some = ids.slice(0, 8).join(en ? ', ' : '、') + (ids.length > 8 ? '…' : '');
    process.stderr.write(en
      ? `The ruleset has no rule ${id}.${s.length ? ` Did you mean ${s.join(', ')}?` : ids.length ? ` Its ${counted(ids.length, 'rule')}: ${some}` : ''}\n`
      : `规则集中没有规则 ${id}。${s.length ? `是否想写 ${s.join('、')}？` : ids.length ? `其中的 ${ids.length} 条规则：${some}` : ''}\n`);
    return 2;
  }
  process.stdout.write(explainRule(program, rule, lang, shown) + inBundle);
  return 0;
}

function pick(t: Text | undefined, lang: Lang): string | undefined {
  if (!t) return undefined;
  const v = lang === 'en' ? t.variants.find((x) => x.lang === 'en') ?? t.variants[0] : t.variants.find((x) => x.lang !== 'en') ?? t.variants[0];
  return v?.value;
}

/** The rule in words. Expressions are quoted from the source. */
export function explainRule(program: Program, rule: RuleSymbol, lang: Lang, shown: (file: string) => string = relativeToCwd): string {
  const en = lang === 'en';
  const textOf = (file: string) => program.sources.files.find((f) => f.path === file)?.text ?? '';
  const text = textOf(rule.file);
  // Quoted from the file each expression was written in: an override's tolerance is in another file.
  const src = (e: Expr | undefined) => (e ? textOf(e.span.file).slice(e.span.start, e.span.end) : '?');
  const r: Rule = rule.decl;
  const out: string[] = [];
  const where = `${shown(rule.file)}:${rule.nameSpan.line}:${rule.nameSpan.col}`;
  out.push(`${rule.id}  ${pick(r.title, lang) ?? ''}`);
  out.push(`${en ? 'Defined at: ' : '定义位置：'}${where}${rule.layer > 0 ? (en ? ` (in the extended ruleset, layer ${rule.layer})` : `（位于被继承的规则集，第 ${rule.layer} 层）`) : ''}`);
  out.push(`${en ? 'Severity: ' : '级别：'}${severityWord(rule.severity, en)}${rule.disabled ? (en ? ' — DISABLED by an override' : ' —— 已被覆盖设置停用') : ''}`);
  if (rule.tolerance) out.push(`${en ? 'Tolerance: ' : '容差：'}${src(rule.tolerance)}${overriddenAt(rule.tolerance.span, rule.file, en, shown)}`);
  for (const o of rule.overrides) {
    const oText = textOf(o.span.file);
    out.push(`${en ? 'Overridden at' : '覆盖设置'} ${shown(o.span.file)}:${o.span.line}: ${oText.slice(o.span.start, o.span.end).replace(/\s+/g, ' ')}`);
  }
  const doc = pick(r.doc, lang);
  if (doc) out.push('', `${en ? 'Why: ' : '依据：'}${doc}`);
  out.push('', en ? 'What it checks:' : '检查内容：');
  for (const s of r.steps) {
    if (s.kind === 'For') {
      out.push(en
        ? `  • for every row ${s.variable?.text ?? '?'} of ${src(s.source)}${s.filter ? ` where ${src(s.filter)}` : ''}`
        : `  • 对 ${src(s.source)} 中${s.filter ? `满足 ${src(s.filter)} 的` : ''}每一行 ${s.variable?.text ?? '?'}`);
    } else out.push(en ? `  • let ${s.name?.text ?? '?'} = ${src(s.value)}` : `  • 记 ${s.name?.text ?? '?'} = ${src(s.value)}`);
  }
  if (r.when) out.push(en ? `  • only when ${src(r.when)} (otherwise not applicable)` : `  • 仅当 ${src(r.when)} 时适用（否则不适用）`);
  if (r.assert) {
    const approx = text.slice(r.assert.span.start, r.assert.span.end).includes('≈') || text.slice(r.assert.span.start, r.assert.span.end).includes('~=');
    out.push(en ? `  • it must hold that ${src(r.assert)}` : `  • 必须满足 ${src(r.assert)}`);
    if (approx) {
      out.push(en
        ? '    (≈ is rounding-aware: each reported number stands for the interval its written decimals allow; the two sides must overlap)'
        : '    （≈ 按书写精度比较：每个填报数代表其小数位允许的区间，两边区间重叠即一致）');
    }
  }
  if (r.rollup) {
    const ro = r.rollup;
    const cols = ro.columns.map((c) => c.text).join(en ? ', ' : '、');
    out.push(en
      ? `  • in ${ro.table?.text ?? '?'}, every parent row equals the sum of its child rows (by code hierarchy${ro.hierarchy ? ` ${ro.hierarchy.text}` : ''}), for ${cols}`
      : `  • 在 ${ro.table?.text ?? '?'} 中，按${ro.hierarchy ? ` ${ro.hierarchy.text} ` : '编码'}层级，每个上级行的 ${cols} 等于其下级行之和`);
    if (ro.total) out.push(en ? `  • and the "${ro.total.value}" row equals the sum of the top-level rows` : `  • 并且“${ro.total.value}”行等于最上级各行之和`);
    out.push(ro.within
      ? (en ? `    (exact, within ${src(ro.within)})` : `    （精确比较，容差 ${src(ro.within)}）`)
      : (en ? '    (rounding-aware: honest rounding of each printed figure is accepted)' : '    （按书写精度比较：接受各数四舍五入造成的尾数误差）'));
  }
  const msg = pick(r.message, lang);
  if (msg) out.push('', `${en ? 'Message when it fails: ' : '不通过时的提示：'}${msg}`);
  out.push('', en ? 'Source:' : '源代码：', indent(text.slice(r.span.start, r.span.end)));
  return `${out.join('\n')}\n`;
}

function indent(s: string): string {
  return s.split('\n').map((l) => `  ${l}`).join('\n');
}

/** A scorecard in words: its table, where the numbers come from, each indicator's method, and its source. */
export function explainScorecard(card: ScorecardSymbol, lang: Lang, sources?: (file: string) => string | undefined, shown: (file: string) => string = relativeToCwd): string {
  const en = lang === 'en';
  const d = card.decl;
  const src = (span: { start: number; end: number } | undefined) => (span ? card.source.slice(span.start, span.end) : '?');
  // An override's tolerance is written in another file than the scorecard: quoted from there.
  const tolerance = card.tolerance && (card.tolerance.span.file === card.file ? src(card.tolerance.span) : sources?.(card.tolerance.span.file)?.slice(card.tolerance.span.start, card.tolerance.span.end) ?? '?');
  const out: string[] = [];
  out.push(`${card.id}  ${pick(d.title, lang) ?? ''}`);
  out.push(`${en ? 'Defined at: ' : '定义位置：'}${shown(card.file)}:${card.nameSpan.line}:${card.nameSpan.col}`);
  out.push(`${en ? 'Severity of a disputed score: ' : '自评得分有争议时的级别：'}${severityWord(card.severity, en)}${card.disabled ? (en ? ' — DISABLED by an override' : ' —— 已被覆盖设置停用') : ''}`);
  if (card.tolerance) out.push(`${en ? 'Tolerance: ' : '容差：'}${tolerance}${overriddenAt(card.tolerance.span, card.file, en, shown)}`);
  for (const o of card.overrides) {
    const oText = sources?.(o.span.file) ?? '';
    out.push(`${en ? 'Overridden at' : '覆盖设置'} ${shown(o.span.file)}:${o.span.line}: ${oText.slice(o.span.start, o.span.end).replace(/\s+/g, ' ')}`);
  }
  const doc = pick(d.doc, lang);
  if (doc) out.push('', `${en ? 'Why: ' : '依据：'}${doc}`);
  const c = card.columns;
  out.push('', en ? 'What it scores:' : '评分内容：');
  out.push(en
    ? `  • one indicator per row of ${card.table?.name ?? '?'} (named by ${c.indicator?.name ?? '?'}), weight ${c.weight?.name ?? '?'}, target ${c.target?.name ?? '—'}, actual ${c.actual?.name ?? '—'}, self-reported score ${c.reported?.name ?? '—'}`
    : `  • ${card.table?.name ?? '?'} 每行一个指标（名称列 ${c.indicator?.name ?? '?'}），分值 ${c.weight?.name ?? '?'}，目标 ${c.target?.name ?? '—'}，实际 ${c.actual?.name ?? '—'}，自评得分 ${c.reported?.name ?? '—'}`);
  const code = (e: { span: { start: number; end: number } } | undefined) => (e ? codeOf(card.source, e.span) : '?');
  if (d.where) out.push(en ? `  • only the rows where ${code(d.where)}` : `  • 只计 ${code(d.where)} 的行`);
  if (d.levels.length) out.push(en ? `  • grouped by ${d.levels.map((l) => l.text).join(' › ')}` : `  • 按 ${d.levels.map((l) => l.text).join(' › ')} 分组`);
  if (d.total) out.push(en ? `  • the weights add up to ${code(d.total)} (full marks)` : `  • 分值合计应为 ${code(d.total)}（满分）`);
  for (const e of d.scores) {
    const name = e.isElse ? (en ? 'every other indicator' : '其余指标') : e.indicator?.text ?? '?';
    out.push(`  • ${name}: ${e.method ? card.methodText.get(e.method) ?? src(e.method.span) : '?'}`);
  }
  for (const e of d.extras) {
    // An indicator that is not a row of the table: its weight, reported score and method in words.
    const parts = [e.weight && (en ? `weight ${code(e.weight)}` : `分值 ${code(e.weight)}`), e.reported && (en ? `self-reported score ${code(e.reported)}` : `自评得分 ${code(e.reported)}`), e.target && (en ? `target ${code(e.target)}` : `目标 ${code(e.target)}`), e.actual && (en ? `actual ${code(e.actual)}` : `实际 ${code(e.actual)}`)].filter(Boolean);
    const method = e.method ? card.methodText.get(e.method) ?? code(e.method) : '?';
    out.push(en ? `  • ${e.name?.text ?? '?'} (not a row of the table; ${parts.join(', ')}): ${method}` : `  • ${e.name?.text ?? '?'}（不是表中的行；${parts.join('，')}）：${method}`);
  }
  if (d.round) {
    const places = d.round.places ? src(d.round.places.span) : '?';
    const mode = d.round.mode ? src(d.round.mode.span) : en ? 'half-up' : '四舍五入';
    out.push(en ? `  • each score rounded to ${places} decimals (${mode})` : `  • 每项得分保留 ${places} 位小数（${mode}）`);
  }
  out.push(en
    ? `  • the computed score of each indicator is compared with the self-reported one${card.tolerance ? ` (within ${tolerance})` : ''}`
    : `  • 逐项比较计算得分与自评得分${card.tolerance ? `（相差 ${tolerance} 以内视为一致）` : ''}`);
  if (d.reportedTotal) out.push(en ? `  • the total is compared with the reported total ${code(d.reportedTotal)}` : `  • 总分与自评总分 ${code(d.reportedTotal)} 比较`);
  if (d.grade) out.push(en ? `  • the grade from the total: ${code(d.grade).replace(/^grade\s+/, '')}${d.reportedGrade ? `, compared with the reported grade ${code(d.reportedGrade)}` : ''}` : `  • 按总分定等级：${code(d.grade).replace(/^grade\s+/, '')}${d.reportedGrade ? `，与自评等级 ${code(d.reportedGrade)} 比较` : ''}`);
  out.push('', en ? 'Source:' : '源代码：', indent(src(d.span)));
  return `${out.join('\n')}\n`;
}

/** Where a setting comes from when an override in another file set it: " (overridden at city.suan:22)". */
function overriddenAt(span: { file: string; line: number }, file: string, en: boolean, shown: (file: string) => string): string {
  if (span.file === file) return '';
  const at = `${shown(span.file)}:${span.line}`;
  return en ? ` (overridden at ${at})` : `（覆盖设置于 ${at}）`;
}

/** A severity as the reader says it: error / 错误. */
function severityWord(severity: string, en: boolean): string {
  if (en) return severity;
  return ({ error: '错误', warning: '警告', info: '提示', hint: '提示' } as Record<string, string>)[severity] ?? severity;
}

/** A file as the reader finds it from where suan runs. */
function relativeToCwd(file: string): string {
  return path.relative(process.cwd(), file);
}
