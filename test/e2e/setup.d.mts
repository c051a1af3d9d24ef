// Types for setup.mjs, which runs as a plain script too.
export declare const CODE_SERVER_VERSION: string;
export declare function cacheRoot(): string;
export declare function codeServerDir(): string;
export declare function codeServerEntry(dir?: string): string;
export declare function isReady(dir?: string): boolean;
export declare function ensureCodeServer(options?: { force?: boolean; log?: (line: string) => void }): string;
