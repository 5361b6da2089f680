/**
 * The disk as the server sees it: reads with a small cache (checked against the file's mtime and
 * size), directory listings for bindings and workspace symbols. Tests pass an in-memory one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8, type ReadResult } from '@suan/dsl';

export interface FileSystem {
  /**
   * The text of a file; undefined when there is none (or it is not a file, or too large); a
   * refusal when it is not UTF-8 (`decodeUtf8`: where, and what to do).
   */
  readFile(p: string): ReadResult;
  isFile(p: string): boolean;
  isDirectory(p: string): boolean;
  /** Entry names of a directory (empty when it cannot be read). */
  readDir(p: string): string[];
}

const MAX_READ = 50_000_000;

export class NodeFileSystem implements FileSystem {
  private readonly cache = new Map<string, { mtime: number; size: number; read: ReadResult }>();

  readFile(p: string): ReadResult {
    try {
      const st = fs.statSync(p, { throwIfNoEntry: false });
      if (!st || !st.isFile() || st.size > MAX_READ) return undefined;
      const hit = this.cache.get(p);
      if (hit && hit.mtime === st.mtimeMs && hit.size === st.size) return hit.read;
      const read = decodeUtf8(fs.readFileSync(p));
      this.cache.set(p, { mtime: st.mtimeMs, size: st.size, read });
      return read;
    } catch {
      return undefined;
    }
  }

  isFile(p: string): boolean {
    try {
      return fs.statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
    } catch {
      return false;
    }
  }

  isDirectory(p: string): boolean {
    try {
      return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  }

  readDir(p: string): string[] {
    try {
      return fs.readdirSync(p);
    } catch {
      return [];
    }
  }

  /** Drops what is cached about a file (after the client reports a change on disk). */
  invalidate(p: string): void {
    this.cache.delete(p);
  }
}

/** An in-memory file system (absolute paths → text). */
export class MemoryFileSystem implements FileSystem {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(path.resolve(k), v);
  }

  readFile(p: string): ReadResult {
    const text = this.files.get(p);
    return text === undefined ? undefined : { text };
  }

  isFile(p: string): boolean {
    return this.files.has(p);
  }

  isDirectory(p: string): boolean {
    const prefix = p.endsWith(path.sep) ? p : p + path.sep;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true;
    return false;
  }

  readDir(p: string): string[] {
    const prefix = p.endsWith(path.sep) ? p : p + path.sep;
    const out = new Set<string>();
    for (const k of this.files.keys()) if (k.startsWith(prefix)) out.add(k.slice(prefix.length).split(path.sep)[0]!);
    return [...out].sort();
  }
}

/** Directories a workspace walk never enters. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.cache', '.vscode-test', 'coverage']);

/** Files under `root` (depth-first, sorted), at most `limit` of them, skipping build and VCS directories. */
export function walkFiles(fsys: FileSystem, root: string, accept: (p: string) => boolean, limit = 5000, maxDepth = 12): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    if (out.length >= limit || depth > maxDepth) return;
    for (const name of fsys.readDir(dir).sort()) {
      if (out.length >= limit) return;
      if (name.startsWith('.') && name !== '.') continue;
      const p = path.join(dir, name);
      if (fsys.isDirectory(p)) {
        if (!SKIP_DIRS.has(name)) visit(p, depth + 1);
      } else if (accept(p)) out.push(p);
    }
  };
  visit(root, 0);
  return out;
}
