/**
 * `suan check <ruleset> <files, directories, globs, -…>`: checks disclosures against a ruleset,
 * on worker threads, and writes one or more reports as the documents are checked.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { MultiBar, Presets } from 'cli-progress';
import { formatDiagnostic, hasErrors, type Lang } from '../diagnostics/diagnostic';
import { counted } from '../diagnostics/locale';
import { FORMATS, createReporter, type Format, type ReportOptions } from '../reporting/formats';
import { SummaryCounter, type Reporter, type RunInfo, type RunSummary } from '../reporting/reporter';
import { ReportWriteError, Sink, type Output } from '../reporting/sink';
import { GITHUB_MAX_RESULTS, SarifReporter, tooManyResults } from '../reporting/sarif';
import { RulesetChangedError, batchThreads, runBatch, startWorkers, type CheckedDocument } from './batch';
import { DATA_EXTENSIONS, contentNotPaths, expandInputs, readStdin } from './inputs';
import { loadRulesetFile } from './ruleset-file';
import { cliSyntaxCache, syntaxCacheDir } from './syntax-cache';
import { writeFailure } from './write-failure';
import { argumentError, usageError, VERSION } from './usage';
import { activeRuleCount } from '../semantics/program';
import { realPathOf } from '../semantics/sources';

export { FORMATS };

const SEVERITY_RANK = { info: 1, warning: 2, error: 3 } as const;

export async function runCheck(args: string[], lang: Lang): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', multiple: true },
        output: { type: 'string', short: 'o', multiple: true },
        lang: { type: 'string' },
        'fail-on': { type: 'string', default: 'error' },
        detail: { type: 'string', default: 'failures' },
        jobs: { type: 'string', short: 'j' },
        quiet: { type: 'boolean', short: 'q', default: false },
        verbose: { type: 'boolean', default: false },
        'no-color': { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return argumentError(lang, e);
  }
  const o = parsed.values;
  const en = lang === 'en';
  const [rulesetPath, ...inputs] = parsed.positionals;
  if (!rulesetPath || inputs.length === 0) {
    return usageError(lang, en ? 'suan check needs a ruleset and at least one data file, directory or glob (or - to read paths from standard input).' : 'suan check 需要一个规则集和至少一个数据文件、目录或通配符（或用 - 从标准输入读取路径）。');
  }
  if (!['error', 'warning', 'info', 'never'].includes(o['fail-on']!)) return usageError(lang, en ? '--fail-on must be error, warning, info or never.' : '--fail-on 只能是 error、warning、info 或 never。');
  if (!['failures', 'all'].includes(o.detail!)) return usageError(lang, en ? '--detail must be failures or all.' : '--detail 只能是 failures 或 all。');
  const asked = o.jobs === undefined ? os.availableParallelism() : Number(o.jobs);
  if (!Number.isInteger(asked) || asked < 1 || asked > 256) return usageError(lang, en ? '--jobs must be a whole number from 1 to 256.' : '--jobs 必须是 1 到 256 之间的整数。');
  // More threads than cores only compete for them, each with its own copy of the ruleset (a batch
  // tester: --jobs 8 on 2 cores took twice the CPU and 4.7 times the memory of --jobs 1).
  // SUAN_WORKERS_ONLY (tests of the workers' path) takes what it is given.
  const cores = os.availableParallelism();
  const jobs = process.env.SUAN_WORKERS_ONLY === '1' ? asked : Math.min(asked, cores);
  if (jobs < asked && !o.quiet) {
    process.stderr.write(en ? `suan: --jobs ${asked}: this machine has ${counted(cores, 'core')}; checking on ${counted(jobs, 'thread')}.\n` : `suan：--jobs ${asked}：本机只有 ${cores} 个处理器核心，按 ${jobs} 个线程检查。\n`);
  }

  // Formats: `--format json`, `--format sarif=out.sarif`, repeated; `--output` names the file of a lone format.
  const specs: { format: Format; file?: string; stdout?: true }[] = [];
  for (const f of o.format ?? ['text']) {
    const [name, file] = f.includes('=') ? [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] : [f, undefined];
    if (!(FORMATS as readonly string[]).includes(name!)) return usageError(lang, en ? `Unknown format "${name}". Formats: ${FORMATS.join(', ')}.` : `未知的格式 “${name}”。可用格式：${FORMATS.join('、')}。`);
    // `json=-`, `json=/dev/stdout`: standard output, as `-o -` is (not a file named "-"; and two
    // reports there would write over each other).
    specs.push(file !== undefined && STANDARD_OUTPUT.has(file) ? { format: name as Format, stdout: true } : { format: name as Format, file });
  }
  if (o.output && o.output.length > 1) {
    // Two files for one report: which one was meant cannot be told (the last used to win, silently).
    return usageError(lang, en
      ? `--output names the one file of the report; it was given ${o.output.length} times (${o.output.join(', ')}). For several reports, write --format name=file for each.`
      : `--output 只能指定一个报告文件，这里给了 ${o.output.length} 次（${o.output.join('、')}）。需要多份报告时，请为每种格式写 --format 格式=文件。`);
  }
  if (o.output?.[0] === '') {
    // `-o "$REPORT"` with the variable unset: said, not a report on standard output instead.
    return usageError(lang, en ? '--output needs a file name (or - for standard output).' : '--output 需要文件名（或用 - 表示标准输出）。');
  }
  // `-o -`: standard output, as `-` is standard input among the documents (not a file named "-").
  const output = o.output?.[0] === '-' ? undefined : o.output?.[0];
  if (output) {
    const lone = specs.filter((s) => !s.file && !s.stdout); // not one that names standard output itself
    if (lone.length !== 1) return usageError(lang, en ? '--output needs exactly one --format without its own file (write --format name=file for the others).' : '--output 只能用于一个未指定文件的 --format（其他格式请写 --format 格式=文件）。');
    lone[0]!.file = output;
  }
  const onStdout = specs.filter((s) => !s.file).map((s) => s.format);
  if (onStdout.length > 1) {
    const second = onStdout[1]!;
    const example = `--format ${second}=report.${({ text: 'txt', junit: 'xml' } as Record<string, string>)[second] ?? second}`;
    return usageError(lang, en
      ? `Only one format can go to standard output (${onStdout.join(' and ')} would); give the others a file: ${example}.`
      : `只有一种格式可以输出到标准输出（这里是 ${onStdout.join(' 和 ')}）；其他格式请指定文件：${example}。`);
  }
  if (specs.some((s) => s.format === 'html' && !s.file)) return usageError(lang, en ? 'The HTML report needs a file: --format html=report.html.' : 'HTML 报告需要指定文件：--format html=report.html。');

  const cwd = process.cwd();
  // A report never overwrites a document of the run: one named as a document is refused, and
  // one inside a folder or pattern of documents (last night's report) is not a document.
  const reportFiles = new Map<string, string>();
  /** The reports' files by the names given and by where they end up: never documents of the run. */
  const reportNames = new Set<string>();
  const inodes = new Map<string, string>();
  const rulesetTarget = writtenTarget(path.resolve(cwd, rulesetPath));
  for (const s of specs) {
    if (s.file === undefined) continue;
    const abs = path.resolve(cwd, s.file);
    if (s.file === '') return usageError(lang, en ? `--format ${s.format}= needs a file name after "=", e.g. --format ${s.format}=report.${s.format}.` : `--format ${s.format}= 的 “=” 后面需要文件名，例如 --format ${s.format}=report.${s.format}。`);
    // Two names of one file (a link to it, a linked folder) are one file: two reports would mix in it.
    const target = writtenTarget(abs);
    const inode = fileIdentity(target); // a hard link is another name of the file too
    const other = reportFiles.get(target) ?? (inode === undefined ? undefined : inodes.get(inode));
    if (inode !== undefined) inodes.set(inode, s.format);
    if (other) return usageError(lang, en ? `The ${other} and ${s.format} reports would both be written to ${s.file}. Give each report its own file.` : `${other} 和 ${s.format} 两种报告都要写入 ${s.file}。请为每种报告指定不同的文件。`);
    reportFiles.set(target, s.format);
    reportNames.add(abs).add(target);
    // Nor does it overwrite the ruleset: its entry file (or a compiled one), or any ruleset file.
    if (path.extname(target).toLowerCase() === '.suan' || target === rulesetTarget) {
      return usageError(lang, en ? `${s.file} is a ruleset file; writing the ${s.format} report there would overwrite it. Write the report to another file.` : `${s.file} 是规则集文件，把 ${s.format} 报告写到那里会覆盖它。请把报告写到其他文件。`);
    }
  }
  // A run that ends before its reports begin (stopped while it reads the list on standard input or
  // loads the ruleset, a ruleset with errors, no documents) writes none: the files named for them
  // are emptied, so that none is taken for this run's (a pipeline archiving last night's report).
  const noReports = () => {
    for (const target of reportFiles.keys()) {
      try {
        if (fs.statSync(target).isFile()) fs.truncateSync(target, 0);
      } catch {
        // not there: nothing to empty
      }
    }
  };
  const stoppedEarly = (signal: NodeJS.Signals) => {
    noReports();
    process.stderr.write(en
      ? `suan: stopped by ${signal} before any document was checked; no report was written${reportFiles.size ? ' (the files named for the reports are left empty)' : ''}.\n`
      : `suan：收到 ${signal}，尚未检查任何文件就停止；没有写出报告${reportFiles.size ? '（为报告指定的文件留空）' : ''}。\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  // One handler for the whole run, which acts as the run stands (`onSignal`: before the reports
  // begin, then while documents are checked). Never removed: removing a signal's last handler
  // drops a signal that has come and not yet been handled (a batch tester's SIGTERM at 0.2 s was
  // lost that way, and the run went on to its end).
  let onSignal: (signal: NodeJS.Signals) => void = stoppedEarly;
  process.on('SIGINT', (signal) => onSignal(signal)).on('SIGTERM', (signal) => onSignal(signal));
  let stdinText: string | undefined;
  if (inputs.includes('-')) {
    stdinText = await readStdin();
    const first = contentNotPaths(stdinText, cwd);
    if (first !== undefined) {
      const shown = first.length > 60 ? `${first.slice(0, 60)}…` : first;
      return usageError(lang, en
        ? `With -, standard input lists the documents' paths, one per line, but it looks like the content of a data file (its first line: ${shown}). Name the file instead (suan check RULESET file.yaml), or pipe a list of paths: find data -name '*.json' | suan check RULESET -`
        : `使用 - 时，标准输入应逐行列出要检查的文件路径，但它看起来是数据文件的内容（第一行：${shown}）。请直接给出文件（suan check 规则集 文件.yaml），或通过管道传入路径列表：find data -name '*.json' | suan check 规则集 -`);
    }
  }

  const started = performance.now();
  // The documents first: a run that will need worker threads starts them now, and they load the
  // ruleset while this thread does. What the inputs' folders say waits for the ruleset's errors.
  const unreadFolders: string[] = [];
  const emptyInputs: string[] = [];
  const clashes: string[] = [];
  const earlierReports: string[] = [];
  /** With several inputs, the folder or pattern each document found came from (one input: `noDocuments` below says it). */
  const searchedBy = new Map<string, string>();
  const files = await expandInputs(inputs, cwd, async () => stdinText ?? '', ({ folder, reason }) => {
    unreadFolders.push(en
      ? `suan: cannot read the folder ${folder} (${reason}); its documents are not checked. Check its permissions, or name its files some other way.\n`
      : `suan：无法读取文件夹 ${folder}（${reason}），其中的文件未被检查。请检查其权限，或以其他方式给出其中的文件。\n`);
  }, reportNames, (arg) => emptyInputs.push(arg), inputs.length > 1 ? searchedBy : undefined, (file) => clashes.push(file), (file) => {
    const inode = inodes.size > 0 ? fileIdentity(file) : undefined;
    return inode !== undefined && inodes.has(inode);
  });
  // A document (named, listed, or found holding data) that a report would be written over.
  const clashing = clashes[0];
  if (clashing !== undefined) {
    // Named on the command line under the report's own name: said as such.
    const same = inputs.some((a) => a !== '-' && path.resolve(cwd, a) === clashing)
      ? specs.find((s) => s.file !== undefined && path.resolve(cwd, s.file) === clashing) : undefined;
    if (same) {
      return usageError(lang, en ? `${same.file} is named both as a document to check and as the file of the ${same.format} report, which would overwrite it. Write the report to another file.` : `${same.file} 既是要检查的文件，又是 ${same.format} 报告的输出文件，写报告会覆盖它。请把报告写到其他文件。`);
    }
    const format = reportFiles.get(writtenTarget(clashing)) ?? inodes.get(fileIdentity(clashing) ?? '') ?? '';
    return usageError(lang, en
      ? `${clashing} is a document to check and, by this name, another or a link, the file of the ${format} report, which would overwrite it. Write the report to another file.`
      : `${clashing} 既是要检查的文件，又（以同一名字、另一个名字或链接）是 ${format} 报告的输出文件，写报告会覆盖它。请把报告写到其他文件。`);
  }
  const color = !o['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR;
  const reportOptions: ReportOptions[] = specs.map((s) => ({ format: s.format, lang, color: color && !s.file, verbose: o.verbose!, cwd, file: s.file }));
  const evaluate = { detail: o.detail as 'failures' | 'all' };
  const workersOnly = process.env.SUAN_WORKERS_ONLY === '1';
  // The syntax cache's folder (syntax-cache.ts), for this thread and the workers.
  const syntaxCache = o['no-cache'] ? undefined : syntaxCacheDir();
  const workers = startWorkers(batchThreads(files.length, jobs) - 1, { ruleset: rulesetPath, evaluate, reports: reportOptions, toolVersion: VERSION, syntaxCache });
  try {
    return await checkWith(rulesetPath);
  } finally {
    // However the run ends (the ruleset's errors, a report that cannot be written), no worker outlives it.
    for (const w of workers) void w.worker.terminate();
  }

  /** The rest of the run, once its workers (if any) are loading: the ruleset, then the documents. */
  async function checkWith(ruleset: string): Promise<number> {
    const { program, compiled, entry: rulesetFile, bundle } = await loadRulesetFile(ruleset, cliSyntaxCache(syntaxCache));
    // A signal that came while the ruleset was loaded (seconds for a large one, in one go) is
    // handled now, before any document is checked, not after the first few.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    const failed = !compiled || hasErrors(program.diagnostics);
    // The ruleset's errors end the run here; its warnings (an unused name, …) are said here too
    // unless the text report on standard output lists them (or --quiet).
    if (failed || (program.diagnostics.length > 0 && !o.quiet && !specs.some((s) => s.format === 'text' && !s.file))) {
      process.stderr.write(`${program.diagnostics.map((d) => formatDiagnostic(d, lang, process.cwd())).join('\n')}\n`);
    }
    if (failed) {
      noReports();
      return 2;
    }
    // A folder that cannot be read leaves its documents unchecked: said, and the run ends with 2.
    for (const message of unreadFolders) process.stderr.write(message);
    // So does a folder or a pattern beside others that holds no data file (a typo in a year, an
    // empty upload): the documents found are checked, and the run ends with 2.
    if (files.length > 0) {
      for (const arg of emptyInputs) {
        process.stderr.write(en
          ? `suan: no data files in ${arg}; the other inputs are checked. Check the folder or the pattern (a typo in a name or a year?).\n`
          : `suan：${arg} 中没有数据文件；其他输入照常检查。请检查该文件夹或匹配模式（名称或年份是否写错？）。\n`);
      }
    }
    if (files.length === 0) {
      // Not a usage mistake: the arguments were read; they named no data file.
      const named = inputs.map((a) => (a === '-' ? (en ? '(the list on standard input)' : '（标准输入中的列表）') : a)).join(' ');
      const kinds = [...DATA_EXTENSIONS];
      process.stderr.write(en
        ? `suan: no data files in ${named}. Name data files (${kinds.join(', ')}), folders holding them, or patterns such as 'data/*.json'.\n`
        : `suan：${named} 中没有数据文件。请给出数据文件（${kinds.join('、')}）、包含数据文件的文件夹，或 'data/*.json' 这样的匹配模式。\n`);
      noReports();
      return 2;
    }

    // Progress bar on a terminal; report lines printed meanwhile go above it.
    const showProgress = !o.quiet && process.stderr.isTTY === true && files.length > 1;
    const bars = showProgress ? new MultiBar({ format: `{bar} {value}/{total} ${en ? 'documents' : '个文件'} · {eta_formatted}`, hideCursor: true, clearOnComplete: true, stream: process.stderr }, Presets.shades_classic) : undefined;
    const bar = bars?.create(files.length, 0);
    const stdout: Output = bars && process.stdout.isTTY
      ? { write: (s) => bars.log(typeof s === 'string' ? s : Buffer.from(s).toString('utf8')), flush: () => undefined, close: () => undefined }
      : Sink.stdout();

    const run: RunInfo = { program, lang, cwd, toolVersion: VERSION, bundle };
    const outputs: Output[] = [];
    let reporters: Reporter[];
    try {
      reporters = reportOptions.map((ro) => {
        const out = ro.file ? Sink.file(ro.file) : stdout;
        outputs.push(out);
        return createReporter(ro, out);
      });
    } catch (e) {
      stopProgress(bars);
      if (e instanceof ReportWriteError) return cannotWrite(e, en);
      throw e;
    }
    const counter = new SummaryCounter(activeRuleCount(program));
    let checked = 0;
    const onResult = ({ entry, tally, earlierReport }: CheckedDocument, rendered?: readonly (Uint8Array | undefined)[]) => {
      checked++;
      if (earlierReport !== undefined) {
        // A report of an earlier run under another name (report-2024-11-25.json in the data folder): no document.
        earlierReports.push(earlierReport);
        bar?.increment();
        return;
      }
      counter.add(tally);
      reporters.forEach((r, i) => {
        const text = rendered?.[i];
        if (text !== undefined && r.writeRendered) r.writeRendered(text);
        else r.document(entry!); // the batch keeps the entry while a report has not been rendered
      });
      bar?.increment();
    };
    // Stopped (Ctrl-C, a pipeline's time-out): the terminal gets its cursor back, what was checked
    // is written out, and the run says that its reports are incomplete.
    let over = false;
    let ended = false;
    /**
     * A run that stops before its end: each report is ended with the summary of what was checked,
     * marked incomplete (JSON, SARIF, JUnit and HTML stay whole files that say so), and written out.
     */
    const endIncomplete = () => {
      stopProgress(bars);
      if (!ended) {
        ended = true;
        const partial = counter.summary(performance.now() - started, { checked, documents: files.length });
        for (const r of reporters) {
          try {
            r.end(partial);
          } catch {
            // a report that cannot be written: said by the caller
          }
        }
      }
      for (const out of new Set(outputs)) {
        try {
          out.flush();
        } catch {
          // a report that cannot be written: said by the caller
        }
      }
    };
    const stop = (signal: NodeJS.Signals) => {
      // A signal handled after the last document (it waited for a slow one): the reports are
      // whole, and the run still ends as stopped.
      if (over) process.exit(signal === 'SIGINT' ? 130 : 143);
      endIncomplete();
      process.stderr.write(en
        ? `suan: stopped by ${signal} after ${checked} of ${files.length} documents; the reports are incomplete.\n`
        : `suan：收到 ${signal}，检查了 ${files.length} 个文件中的 ${checked} 个后停止；报告不完整。\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    let summary: RunSummary;
    try {
      for (const r of reporters) r.begin(run);
      onSignal = stop;
      await runBatch(files, compiled, { ruleset: rulesetFile, jobs, evaluate, reports: reportOptions, toolVersion: VERSION, onResult, workersOnly, workers });
      summary = counter.summary(performance.now() - started);
      ended = true;
      for (const r of reporters) r.end(summary);
      for (const out of new Set(outputs)) out.close();
      // A SARIF report GitHub would refuse is said where the pipeline's log shows it.
      for (const r of reporters) if (r instanceof SarifReporter && r.results > GITHUB_MAX_RESULTS) process.stderr.write(`${en ? 'suan: ' : 'suan：'}${tooManyResults(r.results, lang)}\n`);
    } catch (e) {
      // Whatever stopped the run, what was checked is written out to the reports that can take it,
      // and the run says that they are incomplete.
      endIncomplete();
      const incomplete = en
        ? `suan: the run stopped after ${checked} of ${files.length} documents; the reports are incomplete.\n`
        : `suan：检查了 ${files.length} 个文件中的 ${checked} 个后停止；报告不完整。\n`;
      if (e instanceof ReportWriteError) {
        const code = cannotWrite(e, en);
        // The reader of standard output went away (… | head): quiet, unless reports went to files too.
        if (code !== EXIT_READER_GONE || specs.some((x) => x.file)) process.stderr.write(incomplete);
        return code;
      }
      if (e instanceof RulesetChangedError) {
        process.stderr.write(en
          ? `suan: the ruleset ${e.ruleset} changed (or was removed) while the run was starting, so its threads would check with different rules${e.detail ? ` (${e.detail.en})` : ''}. Run again once it no longer changes; a pipeline can check with a compiled ruleset (suan compile), which is read once.\n`
          : `suan：规则集 ${e.ruleset} 在运行开始时被修改（或删除），各线程会用不同的规则检查${e.detail ? `（${e.detail.zh}）` : ''}。请在它不再变动后重新运行；流水线可使用编译后的规则集（suan compile），它只读取一次。\n`);
        process.stderr.write(incomplete);
        return 2;
      }
      process.stderr.write(incomplete);
      throw e;
    } finally {
      // The handlers stay: a signal that came while the last document was checked is handled
      // now, not dropped with them (the run went on as if it had not come).
      over = true;
      stopProgress(bars);
    }
    if (earlierReports.length > 0) {
      // Said even with --quiet: without it, files named on the command line would go unchecked without a word.
      const shown = earlierReports.slice(0, 3).map((f) => path.relative(cwd, f) || f).join(', ') + (earlierReports.length > 3 ? ', …' : '');
      process.stderr.write(en
        ? `suan: ${counted(earlierReports.length, 'file')} left out: reports of suan check (JSON or SARIF) or compiled rulesets, not data files (${shown}).\n`
        : `suan：${earlierReports.length} 个文件未作为数据检查：它们是 suan check 的报告（JSON 或 SARIF）或编译后的规则集，不是数据文件（${shown}）。\n`);
    }
    if (!o.quiet && !specs.some((s) => s.format === 'text' && !s.file)) {
      const f = summary.findings;
      process.stderr.write(en
        ? `suan: ${counted(summary.documents, 'document')}, ${counted(f.error, 'error')}, ${counted(f.warning, 'warning')}, ${counted(f.info, 'note')}, ${summary.documentsWithErrors} with data errors${summary.documentsWithWarnings ? `, ${summary.documentsWithWarnings} with data warnings` : ''}, ${summary.ms} ms\n`
        : `suan：${summary.documents} 个文件，错误 ${f.error}，警告 ${f.warning}，提示 ${f.info}，数据有错误 ${summary.documentsWithErrors} 个${summary.documentsWithWarnings ? `，数据有警告 ${summary.documentsWithWarnings} 个` : ''}，用时 ${summary.ms} ms\n`);
    }

    // Every file found was a report or a compiled ruleset: nothing was checked, which must not pass a pipeline.
    const noDocuments = summary.documents === 0 && earlierReports.length > 0 && !summary.incomplete;
    // So, beside other inputs, does a folder or a pattern whose files all were (as one with no file at all).
    const onlyReports = summary.incomplete || noDocuments ? [] : searchedOnlyReports(searchedBy, earlierReports);
    for (const arg of onlyReports) {
      process.stderr.write(en
        ? `suan: no data files in ${arg}: the files there are reports of suan check or compiled rulesets; the other inputs are checked. Check the folder or the pattern.\n`
        : `suan：${arg} 中没有数据文件：其中的文件都是 suan check 的报告或编译后的规则集；其他输入照常检查。请检查该文件夹或匹配模式。\n`);
    }
    if (noDocuments) {
      process.stderr.write(en
        ? `suan: no data files were checked: every file found is a report of suan check or a compiled ruleset. Name the data files, or the folders or patterns that hold them.\n`
        : `suan：没有检查任何数据文件：找到的文件都是 suan check 的报告或编译后的规则集。请给出数据文件，或包含数据文件的文件夹、匹配模式。\n`);
    }
    if (summary.documentsWithErrors > 0 || unreadFolders.length > 0 || emptyInputs.length > 0 || noDocuments || onlyReports.length > 0) return 2;
    const failOn = o['fail-on']!;
    if (failOn === 'never') return 0;
    const rank = SEVERITY_RANK[failOn as keyof typeof SEVERITY_RANK];
    const f = summary.findings;
    // A warning about a document's data (rules that may have had nothing to check) counts as a warning.
    const warnings = f.warning + summary.documentsWithWarnings;
    return (f.error > 0 && rank <= 3) || (warnings > 0 && rank <= 2) || (f.info > 0 && rank <= 1) ? 1 : 0;
  }
}

/** The folders and patterns searched whose every file found turned out to be a report or a compiled ruleset. */
function searchedOnlyReports(searchedBy: ReadonlyMap<string, string>, reports: readonly string[]): string[] {
  if (reports.length === 0) return [];
  const left = new Set(reports);
  const documents = new Map<string, number>();
  for (const [file, arg] of searchedBy) documents.set(arg, (documents.get(arg) ?? 0) + (left.has(file) ? 0 : 1));
  return [...documents].filter(([, n]) => n === 0).map(([arg]) => arg);
}


/**
 * Stops the progress bar. Report lines written while it runs are held by the bar (`MultiBar.log`)
 * until its next redraw, and `stop` does not write them: they are written out first.
 */
function stopProgress(bars: MultiBar | undefined): void {
  if (!bars?.isActive) return; // none, or stopped already
  bars.update();
  bars.stop();
}

/** Exit code of a run whose reader stopped reading (`suan check … | head`): that of a command stopped by SIGPIPE. */
const EXIT_READER_GONE = 141;

/** Where to write a report instead, when its place cannot be written at all. */
const REPORT_ELSEWHERE = ['Write the report where you may write files.', '请把报告写到有写入权限的位置。'] as const;

/**
 * Says why a report could not be written, and returns the exit code: 2, or quietly
 * `EXIT_READER_GONE` when standard output was closed by its reader (nothing is wrong).
 */
function cannotWrite(e: ReportWriteError, en: boolean): number {
  if (e.target === undefined && e.code === 'EPIPE') return EXIT_READER_GONE;
  const where = e.target ?? (en ? 'standard output' : '标准输出');
  const [whyEn, whyZh] = writeFailure({ code: e.code, message: e.reason }, REPORT_ELSEWHERE);
  process.stderr.write(en ? `suan: cannot write the report to ${where}: ${whyEn}\n` : `suan：无法写入报告 ${where}：${whyZh}\n`);
  return 2;
}

/** The file a report written to `abs` ends up in: links resolved, for the file or else its folder. */
function writtenTarget(abs: string): string {
  const real = realPathOf(abs);
  if (real !== undefined) return real;
  const folder = realPathOf(path.dirname(abs));
  return folder === undefined ? abs : path.join(folder, path.basename(abs));
}

/** A file that is there, as the system knows it whatever its names (device and inode); undefined when it is not there. */
function fileIdentity(p: string): string | undefined {
  try {
    const st = fs.statSync(p, { throwIfNoEntry: false, bigint: true });
    return st ? `${st.dev}:${st.ino}` : undefined;
  } catch {
    return undefined; // cannot be looked at: writing it will say why
  }
}

/** Names of standard output as a report's file. */
const STANDARD_OUTPUT = new Set(['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);
