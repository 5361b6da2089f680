/**
 * SARIF 2.1.0 (`--format sarif`): code-scanning UIs show each finding at the data file's line
 * and column, with the rule's id, and link to the rule in the ruleset. Problems with the data
 * are results too (their rule id is the diagnostic code).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CATALOGUE, type DiagnosticCode } from '../diagnostics/catalogue';
import { formatMessage, type Lang } from '../diagnostics/diagnostic';
import type { Finding, RuleResult } from '../evaluation/results';
import type { Span } from '../syntax/ast';
import { findingPlace, findingWhere, isReported, omittedNote, type DocumentEntry, type Reporter, type RunInfo, type RunSummary } from './reporter';
import type { Output } from './sink';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export class SarifReporter implements Reporter {
  private run!: RunInfo;
  private first = true;
  private readonly dataCodes = new Set<string>();
  private notifications: unknown[] = [];

  constructor(private readonly out: Output) {}

  private uri(file: string): { uri: string; uriBaseId?: string } {
    const rel = path.relative(this.run.cwd, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
    return { uri: pathToFileURL(file).href };
  }

  private location(span: Span, message?: string) {
    return {
      physicalLocation: {
        artifactLocation: this.uri(span.file),
        region: { startLine: span.line, startColumn: span.col, endLine: span.endLine, endColumn: Math.max(span.endCol, span.line === span.endLine ? span.col + 1 : 1) },
      },
      ...(message ? { message: { text: message } } : {}),
    };
  }

  /**
   * Where a rule is written. Checked from a compiled bundle whose sources are not beside it, the
   * bundle itself (which is there), the source's place in the message: a link to a file the
   * deployment does not have would lead nowhere.
   */
  private ruleLocation(span: Span, message: string) {
    const bundle = this.run.bundle;
    if (!bundle || bundle.sourcesBeside) return this.location(span, message);
    const where = `${path.relative(path.dirname(bundle.file), span.file).split(path.sep).join('/')}:${span.line}:${span.col}`;
    const text = this.run.lang === 'en' ? `${message} (${where} in the compiled ruleset)` : `${message}（编译后规则集中的 ${where}）`;
    return { physicalLocation: { artifactLocation: this.uri(bundle.file) }, message: { text } };
  }

  private text(t: { zh: string; en: string }): string {
    return this.run.lang === 'en' ? t.en : t.zh;
  }

  begin(run: RunInfo): void {
    this.run = run;
    this.out.write('{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": [');
    for (const d of run.program.diagnostics) {
      this.notifications.push({ level: LEVEL[d.severity], message: { text: formatMessage(d, run.lang) }, descriptor: { id: d.code }, locations: [this.location(d.span)] });
    }
  }

  private emit(result: object): void {
    this.out.write(`${this.first ? '\n        ' : ',\n        '}${JSON.stringify(result)}`);
    this.first = false;
    this.count++;
  }

  private count = 0;

  /** How many results the report holds so far (GitHub's code scanning takes at most GITHUB_MAX_RESULTS of a run). */
  get results(): number {
    return this.count;
  }

  document(e: DocumentEntry): void {
    for (const d of e.diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      this.dataCodes.add(d.code);
      this.emit({ ruleId: d.code, level: LEVEL[d.severity], message: { text: formatMessage(d, this.run.lang) }, locations: [this.location(d.span)] });
    }
    if (!e.result) return;
    for (const rule of e.result.rules) {
      if (rule.error) this.emit(this.ruleError(e, rule));
      for (const f of rule.findings) if (isReported(rule, f)) this.emit(this.finding(e, rule, f));
      // Findings past the first 1,000 of the rule in this document: one informational result says how many.
      const omitted = omittedNote(rule, this.run.lang);
      if (omitted) {
        this.emit({
          ruleId: rule.id, kind: 'informational', level: 'none', message: { text: omitted.text },
          locations: [{ physicalLocation: { artifactLocation: this.uri(e.file) } }],
          properties: { outcome: 'omitted', omitted: omitted.count, severity: omitted.severity },
        });
      }
    }
  }

  private ruleError(e: DocumentEntry, rule: RuleResult) {
    return {
      ruleId: rule.id, level: 'error', message: { text: this.text(rule.error!.message) },
      locations: [{ physicalLocation: { artifactLocation: this.uri(e.file) } }],
      relatedLocations: [{ id: 1, ...this.ruleLocation(rule.span, this.text(rule.title)) }],
    };
  }

  private finding(e: DocumentEntry, rule: RuleResult, f: Finding) {
    const at = findingPlace(f);
    const related: object[] = [{ id: 1, ...this.ruleLocation(rule.span, `${rule.id} ${this.text(rule.title)}`) }];
    f.reads.slice(1, 20).forEach((r, i) => {
      related.push({ id: i + 2, ...this.location(r.span, `${r.kind === 'cell' ? `${r.table}[${r.row}].${r.column}` : r.fact} = ${r.written ?? ''}`) });
    });
    return {
      ruleId: rule.id,
      level: LEVEL[f.severity],
      message: { text: this.text(f.message) },
      locations: [at ? this.location(at) : { physicalLocation: { artifactLocation: this.uri(e.file) } }],
      relatedLocations: related,
      partialFingerprints: { 'suan/finding/v1': `${rule.id}|${findingWhere(f)}` },
      properties: {
        outcome: f.outcome,
        where: findingWhere(f),
        ...(f.comparison ? { actual: f.comparison.actual.exact ?? f.comparison.actual.text.en, expected: f.comparison.expected.exact ?? f.comparison.expected.text.en, difference: f.comparison.difference?.exact } : {}),
      },
    };
  }

  end(summary: RunSummary): void {
    const lang: Lang = this.run.lang;
    if (this.count > GITHUB_MAX_RESULTS) this.notifications.push({ level: 'warning', message: { text: tooManyResults(this.count, lang) }, descriptor: { id: 'too-many-results' } });
    // Rules and scorecards (a scorecard's disputes are results under its id too).
    const rules = [...this.run.program.rules, ...this.run.program.scorecards].filter((r) => !r.disabled).map((r) => {
      const title = r.decl.title;
      const zh = title?.variants.find((v) => v.lang !== 'en')?.value ?? r.id;
      const en = title?.variants.find((v) => v.lang === 'en')?.value ?? zh;
      const doc = r.decl.doc;
      const docText = doc ? (lang === 'en' ? doc.variants.find((v) => v.lang === 'en') ?? doc.variants[0] : doc.variants.find((v) => v.lang !== 'en') ?? doc.variants[0])?.value : undefined;
      return {
        id: r.id,
        name: r.id,
        shortDescription: { text: lang === 'en' ? en : zh },
        ...(docText ? { fullDescription: { text: docText } } : {}),
        defaultConfiguration: { level: LEVEL[r.severity] },
        properties: { file: path.relative(this.run.cwd, r.file), line: r.nameSpan.line },
      };
    });
    for (const code of [...this.dataCodes].sort()) {
      const entry = CATALOGUE[code as DiagnosticCode];
      rules.push({ id: code, name: code, shortDescription: { text: lang === 'en' ? entry.en.replace(/\{\w+\}/g, '…') : entry.zh.replace(/\{\w+\}/g, '…') }, defaultConfiguration: { level: LEVEL[entry.severity] }, properties: { file: '', line: 0 } });
    }
    const tail = {
      tool: { driver: { name: 'suan', version: this.run.toolVersion, semanticVersion: this.run.toolVersion, rules } },
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(this.run.cwd + path.sep).href } },
      // A run that stopped before its end (summary.incomplete) did not succeed: its results are partial.
      invocations: [{ executionSuccessful: !summary.incomplete, toolConfigurationNotifications: this.notifications }],
      properties: { summary },
    };
    const tailText = JSON.stringify(tail, null, 2).slice(1, -1).replace(/\n/g, '\n      ');
    this.out.write(`${this.first ? '' : '\n      '}],${tailText}\n    }\n  ]\n}\n`);
  }
}

/** The most results GitHub's code scanning takes in one run of an uploaded SARIF file (it refuses the file past that). */
export const GITHUB_MAX_RESULTS = 25_000;

/** What a report of more results than GitHub takes says, in the SARIF file and on standard error. */
export function tooManyResults(n: number, lang: Lang): string {
  return lang === 'en'
    ? `The SARIF report holds ${n} results; GitHub code scanning takes at most ${GITHUB_MAX_RESULTS} per run (and 10 MB compressed) and refuses the file past that. Check fewer documents per report, or upload it to a tool without that limit.`
    : `SARIF 报告共有 ${n} 条结果；GitHub 代码扫描每次运行最多接受 ${GITHUB_MAX_RESULTS} 条（压缩后不超过 10 MB），超出则拒收整个文件。请分批检查、分别生成报告，或上传到没有此限制的工具。`;
}
