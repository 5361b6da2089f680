/** Help text of the CLI, in both languages. */
import type { Lang } from '../diagnostics/diagnostic';

declare const __SUAN_VERSION__: string | undefined;
export const VERSION: string = typeof __SUAN_VERSION__ === 'string' ? __SUAN_VERSION__ : '0.0.0-dev';

export function usage(lang: Lang): string {
  if (lang === 'en') {
    return `suan ${VERSION} — rules for public-finance disclosures

Usage:
  suan check <ruleset> <files, directories, globs, - …> [options]
  suan test <ruleset> [--update]          run the ruleset's examples against their expected findings
  suan explain <ruleset> <rule-id>        what a rule checks, in words, with its source
  suan compile <ruleset> [-o FILE]        write the compiled ruleset (JSON with a content hash)
  suan fmt [--check] <files…>             format ruleset files
  suan init [dir]                          start a new ruleset with an example

  <ruleset> is its .suan entry file, its folder (the .suan file there with a \`ruleset\` header),
  or, for check, a .json written by suan compile.
  Documents: files; folders (searched for .json, .yaml, .yml); patterns ('data/**/*.json'); and -,
  a list of paths on standard input, one per line (folders there are searched too). A document
  named twice, or reached through a link, is checked once; the run's report files never are.

Options of check:
  --format FORMAT[=FILE] report format: text (default), json, sarif, junit, csv, html;
                         repeat for several reports in one run (html needs a file)
  -o, --output FILE      write the (single) report to FILE instead of standard output (- is standard output)
  -j, --jobs N           check documents on N threads: this one and N − 1 workers (default: number of cores;
                         at most one thread per core and per 16 documents)
  -q, --quiet            no progress bar and no summary line on standard error
  --lang zh-CN|en        language of messages (default: from the system locale)
  --fail-on error|warning|info|never
                         exit with 1 when findings at or above this severity exist (default error;
                         with warning, a warning about a document's data counts too)
  --detail all           include passing bindings in the report
  --verbose              show passing rules and notes
  --no-color             plain text even on a terminal
  --no-cache             neither read nor write the syntax cache (the ruleset's parsed files, kept
                         between runs in SUAN_CACHE_DIR, else ~/.cache/suan); compile, explain and test
                         take it too, and SUAN_NO_CACHE=1 does the same for every command

Exit codes: 0 no failures · 1 rule failures · 2 usage, ruleset or data errors, a folder not read or a report not written
            · 141 the reader of the output stopped reading (suan check … | head)
            · 130, 143 stopped by Ctrl-C (SIGINT) or SIGTERM: what was checked is written, the reports are incomplete
`;
  }
  return `suan ${VERSION} —— 财政公开数据校验规则

用法：
  suan check <规则集> <文件、目录、通配符、- …> [选项]
  suan test <规则集> [--update]           用示例数据检验规则集，与预期结果比对
  suan explain <规则集> <规则编号>        用文字说明规则检查什么，并给出源代码
  suan compile <规则集> [-o 文件]         输出编译后的规则集（带内容哈希的 JSON）
  suan fmt [--check] <文件…>              格式化规则文件
  suan init [目录]                         新建规则集及示例

  <规则集> 是规则集的 .suan 入口文件或其目录（目录中以 ruleset 头部开头的 .suan 文件）；
  check 也接受 suan compile 生成的 .json。
  要检查的文件：文件；目录（查找其中的 .json、.yaml、.yml）；匹配模式（'data/**/*.json'）；以及 -，
  即从标准输入逐行读取路径（其中的目录同样查找）。重复给出或经链接到达的文件只检查一次；
  本次运行的报告文件不作为要检查的文件。

check 的选项：
  --format 格式[=文件]   报告格式：text（默认）、json、sarif、junit、csv、html；
                         可重复，一次运行输出多种报告（html 需指定文件）
  -o, --output 文件      把（唯一的）报告写入文件，而不是标准输出（- 表示标准输出）
  -j, --jobs N           用 N 个线程并行检查：主线程和 N − 1 个工作线程（默认：CPU 核数；
                         每 16 个文件至多用一个线程）
  -q, --quiet            不显示进度条和标准错误上的汇总行
  --lang zh-CN|en        提示语言（默认按系统区域设置）
  --fail-on error|warning|info|never
                         存在该级别及以上的问题时以 1 退出（默认 error；为 warning 时，
                         关于数据的警告也算在内）
  --detail all           报告中包含通过的检查
  --verbose              显示通过的规则和提示信息
  --no-color             即使在终端中也不使用颜色
  --no-cache             不读写语法缓存（规则集文件的解析结果，在两次运行之间保存在 SUAN_CACHE_DIR，
                         默认 ~/.cache/suan）；compile、explain、test 也接受此选项，
                         设置 SUAN_NO_CACHE=1 则对所有命令关闭缓存

退出码：0 无问题 · 1 规则未通过 · 2 用法、规则集或数据错误，文件夹无法读取或报告无法写入
        · 141 输出的读取方提前停止读取（suan check … | head）
        · 130、143 被 Ctrl-C（SIGINT）或 SIGTERM 中止：已检查的结果已写出，报告不完整
`;
}

/** A usage mistake: what is wrong, then how to call suan. Returns exit code 2. */
export function usageError(lang: Lang, message: string): number {
  process.stderr.write(`${message}\n\n${usage(lang)}`);
  return 2;
}

/** A command line that `parseArgs` refused (its explanation is in English): said in the reader's language too. */
export function argumentError(lang: Lang, e: unknown): number {
  const detail = e instanceof Error ? e.message : String(e);
  const code = e && typeof e === 'object' && 'code' in e ? String(e.code) : '';
  const option = /'([^']+)'/.exec(detail)?.[1];
  const en = lang === 'en';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return usageError(lang, en
      ? `Unknown option ${option}. The options are listed below; a file whose name starts with "-" goes after --, as in -- ${option}.`
      : `未知的选项 ${option}。可用的选项见下文；以 “-” 开头的文件名请写在 -- 之后，例如 -- ${option}。`);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/ <value>$/, '');
    return usageError(lang, /does not take/.test(detail)
      ? (en ? `The option ${name} takes no value.` : `选项 ${name} 不带值。`)
      : (en ? `The option ${name} needs a value, e.g. ${name.split(', ').pop()} VALUE.` : `选项 ${name} 需要一个值，例如 ${name.split(', ').pop()} 值。`));
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && option) {
    return usageError(lang, en ? `Unexpected argument ${option}: this command takes none.` : `多余的参数 ${option}：该命令不接受参数。`);
  }
  return usageError(lang, en ? `Invalid command line: ${detail}` : `命令行参数有误：${detail}（Invalid command line）`);
}
