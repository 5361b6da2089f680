export declare function buildExtension(options?: { minify?: boolean }): Promise<number>;
