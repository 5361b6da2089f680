/**
 * Where a report goes: standard output or a file, written through a small buffer so reports of
 * hundreds of thousands of documents stream out with flat memory.
 */
import * as fs from 'node:fs';

/** What reports write: text, or text already encoded as UTF-8 (rendered on a worker thread). */
export type Chunk = string | Uint8Array;

export class Sink {
  private buffer: Chunk[] = [];
  private size = 0;

  private constructor(private readonly fd: number, private readonly owned: boolean) {}

  static stdout(): Sink {
    return new Sink(1, false);
  }

  static file(path: string): Sink {
    return new Sink(fs.openSync(path, 'w'), true);
  }

  /** A sink that keeps everything in memory (tests, the language server). */
  static memory(): MemorySink {
    return new MemorySink();
  }

  write(s: Chunk): void {
    this.buffer.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const parts = this.buffer;
    this.buffer = [];
    this.size = 0;
    let buf = parts.every((p) => typeof p === 'string')
      ? Buffer.from(parts.join(''), 'utf8')
      : Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
    while (buf.length > 0) {
      try {
        const n = fs.writeSync(this.fd, buf);
        buf = buf.subarray(n);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw e;
      }
    }
  }

  close(): void {
    this.flush();
    if (this.owned) fs.closeSync(this.fd);
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
