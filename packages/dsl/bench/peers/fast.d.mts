export function check(doc: unknown): string[];
