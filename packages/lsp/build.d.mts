export declare function bundleServer(outfile?: string, options?: { minify?: boolean }): Promise<string>;
