/**
 * A compiled ruleset (`suan compile`) gives the results its sources give: for every published
 * ruleset, every example disclosure is checked from the sources and from the bundle, read back
 * from disk the way `suan check` reads it (with its syntax trees, not re-parsed), and the two
 * results must be the same in every outcome, count, finding, message, value, trail and score.
 *
 * The only fields set aside: `ms` (wall time), and the `file` of a place in the ruleset, which
 * for a bundle is the source's path relative to the bundle's folder (the sources are served as
 * if they sat beside it) instead of relative to the entry's folder; each such path is compared
 * relative to its root, and every span's position is compared as it is.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDisclosure, type LoadedRuleset } from '../../src/api';
import { loadRulesetFile } from '../../src/cli/ruleset-file';
import { VERSION } from '../../src/cli/usage';
import { formatMessage } from '../../src/diagnostics/diagnostic';
import type { EvaluateOptions } from '../../src/evaluation/interpreter';
import { bundleHost, bundleProgram } from '../../src/semantics/bundle';
import { nodeFileHost } from '../../src/semantics/sources';
import { REPO } from './run-cli';

const RULESETS = path.join(REPO, 'rulesets');
const published = fs.readdirSync(RULESETS).filter((d) => fs.existsSync(path.join(RULESETS, d, 'examples'))).sort();

/** A copy of `v` with every ruleset file relative to `root`, and no wall time. */
function placed(v: unknown, root: string): unknown {
  if (Array.isArray(v)) return v.map((x) => placed(x, root));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'ms') continue;
    // A place in the ruleset (a `.suan` file); places in the data are the same files either way.
    out[k] = k === 'file' && typeof x === 'string' && x.endsWith('.suan') ? path.relative(root, x).split(path.sep).join('/') : placed(x, root);
  }
  return out;
}

describe('a compiled ruleset gives the results of its sources', () => {
  it('has published rulesets with examples to compare', () => {
    expect(published.length).toBeGreaterThanOrEqual(5);
  });

  for (const id of published) {
    it(`${id}: every example, from the sources and from the bundle`, async () => {
      const fromSources = await loadRulesetFile(path.join(RULESETS, id));
      expect(fromSources.compiled, `${id} has errors`).toBeDefined();
      const srcRoot = path.dirname(fromSources.entry);

      // Compiled and written as `suan compile` writes it, then read back as `suan check` reads it.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-parity-'));
      const file = path.join(dir, `${id}.json`);
      const bundle = bundleProgram(fromSources.program, VERSION);
      fs.writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
      // The bundle's syntax trees are used (this is the path that lost the checker's resolutions), not re-parsed.
      expect(bundleHost(bundle, dir, VERSION).parseCache.size).toBe(fromSources.program.sources.files.length);
      const fromBundle: LoadedRuleset = await loadRulesetFile(file);
      expect(fromBundle.compiled, `${id} from its bundle has errors`).toBeDefined();

      // The ruleset's own diagnostics (warnings, hints) are the same too.
      const diagnostics = (rs: LoadedRuleset, root: string) => rs.program.diagnostics.map((d) => ({ ...(placed(d, root) as object), en: formatMessage(d, 'en'), zh: formatMessage(d, 'zh-CN') }));
      expect(diagnostics(fromBundle, dir)).toEqual(diagnostics(fromSources, srcRoot));

      const host = await nodeFileHost();
      const examples = fs.readdirSync(path.join(RULESETS, id, 'examples')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
      expect(examples.length).toBeGreaterThan(0);
      for (const ex of examples) {
        const data = path.join(RULESETS, id, 'examples', ex);
        for (const options of [{}, { detail: 'all' }] satisfies EvaluateOptions[]) {
          const a = checkDisclosure(fromSources.compiled!, data, host, options).result;
          const b = checkDisclosure(fromBundle.compiled!, data, host, options).result;
          expect(a, `${id}/${ex}`).toBeDefined();
          // Counts first: the clearest message when they differ.
          expect(b!.counts, `${id}/${ex} ${JSON.stringify(options)}: counts`).toEqual(a!.counts);
          expect(placed(b, dir), `${id}/${ex} ${JSON.stringify(options)}`).toEqual(placed(a, srcRoot));
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});
