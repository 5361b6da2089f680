export function generate(n: number, seed?: number, errorRate?: number): { docs: unknown[]; injected: { id: string; at: string }[] };
export function rng(seed: number): () => number;
