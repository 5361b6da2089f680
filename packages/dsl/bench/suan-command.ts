/** How the benchmarks run the built CLI: as the `suan` command does, with its `#!` line's node flags. */
import * as fs from 'node:fs';

/** Node's flags from the `#!` line of `cli` (dist/suan.js). */
export function nodeFlagsOf(cli: string): string[] {
  return /^#!.*\bnode\b(.*)$/m.exec(fs.readFileSync(cli, 'utf8').slice(0, 200))?.[1]!.trim().split(/\s+/).filter(Boolean) ?? [];
}
