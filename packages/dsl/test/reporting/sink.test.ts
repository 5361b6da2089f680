/** The report sink: what is written comes out byte for byte as UTF-8, whatever the mix and sizes of the pieces. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportWriteError, Sink } from '../../src/reporting/sink';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'suan-sink-'));

describe('Sink', () => {
  it('writes text and encoded pieces in order, as UTF-8, across buffer boundaries', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('一般公共预算财政拨款收入 2,308.55 万元\n', '😀', '\ud800', 'x'.repeat(400_000), '支'.repeat(300_000)),
      // A document's report: kilobytes, mostly ASCII with Chinese among it (or a lone surrogate).
      fc.constantFrom('{"id":"JS0101","zh":"一般公共预算 2,308.55 万元"},'.repeat(120), `${'x'.repeat(1500)}\ud800${'支'.repeat(700)}`),
      fc.string({ maxLength: 30 }).map((s) => new TextEncoder().encode(`«${s}»`)),
      fc.constant(new Uint8Array(1_500_000).fill(65)),
    );
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
      const file = path.join(dir, 'out.txt');
      const sink = Sink.file(file);
      for (const p of pieces) sink.write(p);
      sink.close();
      const want = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
      expect(fs.readFileSync(file).equals(want)).toBe(true);
    }), { seed: 51, numRuns: 60 });
  });

  it('fails with a ReportWriteError naming the file and the system\'s code, never a bare system error', () => {
    const caught = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const missing = path.join(dir, 'no-such-folder', 'r.json');
    expect(caught(() => Sink.file(missing))).toMatchObject({ target: missing, code: 'ENOENT' });
    expect(caught(() => Sink.file(dir))).toMatchObject({ target: dir, code: 'EISDIR' });
    const full = Sink.file('/dev/full');
    full.write('x'.repeat(10)); // buffered: nothing written yet
    const e = caught(() => full.close());
    expect(e).toBeInstanceOf(ReportWriteError);
    expect(e).toMatchObject({ target: '/dev/full', code: 'ENOSPC' });
  });
});
