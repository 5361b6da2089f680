/**
 * Small pieces of the language core that editor services need and `index.ts` did not export:
 * walking expressions, the comparison an assert is about, the rounding modes and money units.
 * Re-exported here (not in their own modules) so services stay additive to the core.
 */
export { forEachChild } from '../syntax/ast';
export { topComparison } from '../semantics/checker';
export { ROUNDING_MODES } from '../semantics/builtins';
export { MONEY_UNITS } from '../semantics/types';
