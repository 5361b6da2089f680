/**
 * The `suan` command itself (dist/suan.js): runs the CLI bundle (dist/cli.cjs) with V8's code
 * cache (dist/cli.cjs.cache), so that a cold start does not compile again the functions that
 * every run compiles (a sixth of `suan check` on one document, a fifth from ruleset sources).
 * `build.mjs` makes the cache from a training run of the freshly built bundle.
 *
 * A cache is only used for the bundle it was made from, and only whole: it starts with the
 * bundle's build id (the bundle's first line, new at every build) and a digest of the rest (SHA-1,
 * as a checksum: under a millisecond). V8 checks that the cache was made by this node with these
 * node flags, but not that its bytes are intact (a damaged cache crashes node), hence the digest. A cache that is missing, stale,
 * damaged or refused costs nothing but the time it would have saved: the bundle is then
 * compiled as it would be without one.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

// SIGINT and SIGTERM for `suan check`, from the start: it finds one that came while the CLI was
// loading (a tenth of a second) waiting for it, and ends its reports as the signal asks; until
// it handles them itself, the process ends as it would have (130, 143). The other commands keep
// node's own handling (they run in one go, and a handler would only be called once they ended).
if (isMainThread && process.argv[2] === 'check') {
  const untilHandled = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', untilHandled).on('SIGTERM', untilHandled);
}

const dir = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(dir, 'cli.cjs');
const cacheFile = `${file}.cache`;
const source = fs.readFileSync(file, 'utf8');
const id = source.slice(0, source.indexOf('\n')); // "// suan build <hex>"

/** The cache's first bytes: the build id and the digest of what follows (40 hex digits). */
const header = (data: Uint8Array) => `${id}${createHash('sha1').update(data).digest('hex')}`;
const HEADER_LENGTH = id.length + 40;
let cachedData: Buffer | undefined;
try {
  const cache = fs.readFileSync(cacheFile);
  const data = cache.subarray(HEADER_LENGTH);
  if (cache.subarray(0, HEADER_LENGTH).toString('latin1') === header(data)) cachedData = data;
} catch {
  // no cache: compile as usual
}
// The CommonJS wrapper node gives a module, on one line so that the bundle's line numbers stay.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
// A worker thread of a batch run (which runs this file too) neither writes the cache nor reports on it.
if (process.env.SUAN_WRITE_CODE_CACHE === '1' && isMainThread) {
  // Training (build.mjs): the cache holds every function compiled by the end of the run.
  process.on('exit', () => {
    const data = script.createCachedData();
    fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(header(data), 'latin1'), data]));
  });
}
// What became of the cache (SUAN_STATS; a worker thread tells the main thread when it is ready).
const status = !cachedData ? 'none' : script.cachedDataRejected ? 'refused' : 'used';
(globalThis as { __suanCodeCache?: string }).__suanCodeCache = status;
if (process.env.SUAN_STATS && isMainThread) process.on('exit', () => process.stderr.write(`SUAN_CODE_CACHE ${status}\n`));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
