/**
 * `suan` — the command-line entry point. Parses the command and dispatches to one file per
 * command. Exit codes (usage.ts): 0 no failures, 1 rule failures at or above --fail-on, 2 usage,
 * ruleset or data errors, a folder not read or a report not written, 141 when the reader of the
 * output stopped reading.
 */
import type { Lang } from '../diagnostics/diagnostic';
import { detectLang } from '../diagnostics/locale';
import { runCheck } from './check';
import { runCompile } from './compile';
import { runExplain } from './explain';
import { runFmt } from './fmt';
import { runInit } from './init';
import { runTest } from './test-command';
import { usage, VERSION } from './usage';
import { batchWorkerSetup, checkedBy } from './batch';
import { runWorker } from './worker';

export async function main(argv: string[]): Promise<number> {
  // Whoever read standard output stopped (`suan test … | head`): every command ends quietly with
  // 141, as one stopped by SIGPIPE (check writes through its own sink, which says so itself).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141);
    throw e;
  });
  const [command, ...rest] = argv;
  const langs = langOptions(argv);
  const langArg = langs[0];
  const lang = detectLang(langArg);
  const other = langs.find((l) => l !== langArg);
  if (other !== undefined) {
    // Two languages asked for (a wrapper's and the user's): neither is chosen silently. Both languages.
    process.stderr.write(`suan：--lang 给了两次（${langArg}、${other}），请只给一次。\nsuan: --lang is given twice (${langArg}, ${other}); give it once.\n`);
    return 2;
  }
  if (langArg !== undefined && !/^(zh|en)/i.test(langArg)) {
    // An unknown language is not silently replaced by the system's.
    // The reader's language is not known: both.
    process.stderr.write(`suan：--lang ${langArg} 不是可选的语言，请用 --lang zh-CN 或 --lang en。\nsuan: --lang ${langArg} is not a language suan speaks; use --lang zh-CN or --lang en.\n`);
    return 2;
  }
  const run = command === undefined ? undefined : COMMANDS.get(command);
  if (run) {
    if (!asksForHelp(rest)) return run(rest, lang);
    process.stdout.write(usage(lang));
    return 0;
  }
  switch (command) {
    case '--version':
    case '-v':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage(lang));
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`${lang === 'en' ? `Unknown command "${command}".` : `未知的命令 “${command}”。`}\n\n${usage(lang)}`);
      return 2;
  }
}

/** The values of `--lang X` and `--lang=X`, in order, before a `--` (after which arguments name files). */
function langOptions(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang' && i + 1 < argv.length) out.push(argv[++i]!);
    else if (a.startsWith('--lang=')) out.push(a.slice(7));
  }
  return out;
}

/** Each command and the file that runs it. */
const COMMANDS = new Map<string, (args: string[], lang: Lang) => Promise<number>>([
  ['check', runCheck], ['compile', runCompile], ['explain', runExplain], ['fmt', runFmt], ['init', runInit], ['test', runTest],
]);

/** `suan check --help`: `--help` or `-h` among a command's options (not after `--`, where it names a file). */
function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

// A worker thread of `suan check --jobs N` runs this same file (batch.ts).
const workerSetup = batchWorkerSetup();
if (workerSetup) void runWorker(workerSetup);
else main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // For the batch benchmark: peak memory of the whole process (worker threads included).
    if (process.env.SUAN_STATS) {
      const u = process.resourceUsage(); // the whole process: every thread
      process.stderr.write(`SUAN_STATS ${JSON.stringify({ maxRssKB: u.maxRSS, cpuMs: Math.round((u.userCPUTime + u.systemCPUTime) / 1000), nodeFlags: process.execArgv, checkedBy })}\n`);
    }
  },
  (err: unknown) => {
    process.stderr.write(`suan: internal error / 内部错误: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
