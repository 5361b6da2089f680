/**
 * The benchmarks' corpus: `n` synthetic 部门决算 disclosures (bench/gen-juesuan.ts) written as
 * JSON files under .cache/bench-batch/docs-<n>, made once and reused (a `.complete` marker says
 * the directory is whole).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateJuesuan } from './gen-juesuan';

export const CACHE = path.join(process.cwd(), '.cache/bench-batch');

/** The corpus directory of `n` documents, generated when missing. */
export function corpus(n: number): string {
  const dir = path.join(CACHE, `docs-${n}`);
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let injected = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const { json, injected: inj } = generateJuesuan(i, 2024);
    if (inj) injected++;
    const text = JSON.stringify(json);
    bytes += text.length;
    fs.writeFileSync(path.join(dir, `dept-${String(i).padStart(6, '0')}.json`), text);
  }
  fs.writeFileSync(marker, JSON.stringify({ n, injected, bytes }));
  return dir;
}

/** The document files of a corpus directory, in order. */
export function corpusFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}
