/**
 * Where a report goes: standard output or a file, written through a small buffer so reports of
 * hundreds of thousands of documents stream out with flat memory.
 */
import * as fs from 'node:fs';
import { utf8Bytes } from '../semantics/sources';

/** What reports write: text, or text already encoded as UTF-8 (rendered on a worker thread). */
export type Chunk = string | Uint8Array;

/** Bytes a sink gathers before it writes them out. */
const CAPACITY = 1 << 20;

/**
 * A report that cannot be written: its file cannot be created, the disk is full, or whoever read
 * it stopped reading (`EPIPE`: `suan check … | head`). `target` is the file, or undefined for
 * standard output; `code` the system's error code.
 */
export class ReportWriteError extends Error {
  constructor(readonly target: string | undefined, readonly code: string | undefined, readonly reason: string) {
    super(`cannot write ${target ?? 'standard output'}: ${reason}`);
  }
}

function writeError(target: string | undefined, e: unknown): ReportWriteError {
  const err = e as NodeJS.ErrnoException;
  return new ReportWriteError(target, err?.code, err?.message ?? String(e));
}

export class Sink {
  /** Text is encoded straight into this buffer (no joined copy), and written out when it is full. */
  private readonly buffer = Buffer.allocUnsafe(CAPACITY);
  private used = 0;

  private constructor(private readonly fd: number, private readonly target: string | undefined) {}

  static stdout(): Sink {
    return new Sink(1, undefined);
  }

  /** A sink writing to the file at `path` (created or emptied); throws a `ReportWriteError` when it cannot be. */
  static file(path: string): Sink {
    try {
      return new Sink(fs.openSync(path, 'w'), path);
    } catch (e) {
      throw writeError(path, e);
    }
  }

  /** A sink that keeps everything in memory (tests, the language server). */
  static memory(): MemorySink {
    return new MemorySink();
  }

  write(s: Chunk): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair: 4 bytes for 2 units).
    const most = typeof s === 'string' ? s.length * 3 : s.length;
    if (most > CAPACITY - this.used) {
      this.flush();
      if (most > CAPACITY) {
        this.writeAll(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
        return;
      }
    }
    if (typeof s === 'string') {
      // A document's report (kilobytes, a rope of pieces, Chinese among them) goes through ICU's
      // converter, faster than V8's own encoder on such text (`utf8Bytes`); short text directly.
      if (s.length < 1024) this.used += this.buffer.write(s, this.used, 'utf8');
      else {
        const bytes = utf8Bytes(s);
        this.buffer.set(bytes, this.used);
        this.used += bytes.length;
      }
    } else {
      this.buffer.set(s, this.used);
      this.used += s.length;
    }
  }

  flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  close(): void {
    this.flush();
    if (this.target !== undefined) fs.closeSync(this.fd);
  }

  private writeAll(bytes: Uint8Array): void {
    let rest = bytes;
    while (rest.length > 0) {
      try {
        rest = rest.subarray(fs.writeSync(this.fd, rest));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw writeError(this.target, e);
      }
    }
  }
}

export class MemorySink {
  private parts: string[] = [];
  private readonly decoder = new TextDecoder();
  write(s: Chunk): void {
    this.parts.push(typeof s === 'string' ? s : this.decoder.decode(s));
  }
  flush(): void {}
  close(): void {}
  text(): string {
    return this.parts.join('');
  }
}

export type Output = Pick<Sink, 'write' | 'flush' | 'close'>;
