/**
 * VS Code's own TextMate engine (vscode-textmate + vscode-oniguruma, the versions VS Code 1.100
 * ships) loaded from the e2e cache's code-server, so the grammar is tested with the engine that
 * runs it — no extra dependency. ensureSetup() installs the cache when it is missing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CODE_SERVER_PKG, ensureSetup } from '../e2e/code-server.mjs';

export interface Token {
  text: string;
  scopes: string[];
}

interface TextMate {
  Registry: new (o: unknown) => { loadGrammar(scope: string): Promise<Grammar | null> };
  parseRawGrammar(text: string, file: string): unknown;
  INITIAL: unknown;
}
interface Grammar {
  tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (s: string) => unknown;
}

let loaded: Promise<(text: string) => Token[][]> | undefined;

/** A tokenizer for source.suan: lines → tokens with their scopes (without the root scope). */
export function suanTokenizer(grammarFile: string): Promise<(text: string) => Token[][]> {
  loaded ??= (async () => {
    ensureSetup();
    const req = createRequire(path.join(CODE_SERVER_PKG, 'lib', 'vscode', 'package.json'));
    const tm = req('vscode-textmate') as TextMate;
    const onig = req('vscode-oniguruma') as Oniguruma;
    const wasm = readFileSync(req.resolve('vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new onig.OnigScanner(p),
        createOnigString: (s: string) => new onig.OnigString(s),
      }),
      loadGrammar: async (scope: string) => (scope === 'source.suan' ? tm.parseRawGrammar(readFileSync(grammarFile, 'utf8'), grammarFile) : null),
    });
    const grammar = await registry.loadGrammar('source.suan');
    if (!grammar) throw new Error(`could not load ${grammarFile}`);
    return (text: string) => {
      let state = tm.INITIAL;
      return text.split('\n').map((line) => {
        const r = grammar.tokenizeLine(line, state);
        state = r.ruleStack;
        return r.tokens.map((tk) => ({ text: line.slice(tk.startIndex, tk.endIndex), scopes: tk.scopes.slice(1) }));
      });
    };
  })();
  return loaded;
}

/** The innermost scope of the first token whose text is `text` on a line. */
export function scopeOf(line: Token[], text: string): string | undefined {
  const tk = line.find((x) => x.text === text);
  return tk ? tk.scopes[tk.scopes.length - 1] : undefined;
}
