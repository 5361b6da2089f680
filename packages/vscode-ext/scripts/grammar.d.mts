// Types for grammar.mjs (the TextMate grammar generator).
export declare const KEYWORD_GROUPS: Record<'declaration' | 'control' | 'other' | 'logical' | 'constant' | 'severity' | 'type', string[]>;
export declare const SCORECARD_CLAUSES: string[];
export declare const SCORECARD_METHODS: string[];
export declare const SCORECARD_VALUES: string[];
export declare const BUILTIN_FUNCTIONS: string[];
export declare const TEMPLATE_SPECIALS: string[];
export declare const GRAMMAR_FILE: string;
export declare const MARKDOWN_GRAMMAR_FILE: string;
export declare function grammar(): Record<string, unknown>;
export declare function markdownGrammar(): Record<string, unknown>;
export declare function render(obj: unknown): string;
