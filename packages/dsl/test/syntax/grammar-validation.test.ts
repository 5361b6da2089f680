import { describe, expect, it } from 'vitest';
import { SuanGrammar } from '../../src/syntax/grammar';
import { buildLexer } from '../../src/syntax/tokens';

// At start-up the CLI and the server skip chevrotain's grammar validation (it costs ~70 ms of
// cold start). This test runs it, so an ambiguous or unreachable grammar change still fails CI.
describe('grammar definition', () => {
  it('passes chevrotain\'s validation of the token definitions', () => {
    expect(() => buildLexer(true)).not.toThrow();
    expect(buildLexer(true).lexerDefinitionErrors).toEqual([]);
  });

  it('passes chevrotain\'s grammar validation (no ambiguities, no left recursion)', () => {
    expect(() => new SuanGrammar(true)).not.toThrow();
    expect((new SuanGrammar(true) as unknown as { definitionErrors: unknown[] }).definitionErrors).toEqual([]);
  });
});
