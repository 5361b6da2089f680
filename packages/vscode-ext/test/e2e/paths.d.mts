// Types for paths.mjs (plain JS, so that bash and node share one source of truth).
export declare const CODE_SERVER_VERSION: string;
export declare const PLAYWRIGHT_CORE_VERSION: string;
export declare const E2E_DIR: string;
export declare const REPO_ROOT: string;
export declare const CACHE_DIR: string;
export declare const ARTIFACTS_DIR: string;
export declare const NODE_ABI: string;
export declare const CODE_SERVER_DIR: string;
export declare const CODE_SERVER_PKG: string;
export declare const CODE_SERVER_ENTRY: string;
export declare const CODE_SERVER_MARKER: string;
export declare const PLAYWRIGHT_DIR: string;
export declare const PLAYWRIGHT_MARKER: string;
export declare const CHROMIUM_PATH: string;
export declare const CJK_FONT_PACKAGE: string;
export declare const SETUP_SCRIPT: string;
