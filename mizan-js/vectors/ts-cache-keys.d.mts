/** Types of ts-cache-keys.mjs, for the test that checks the committed vectors file. */
export declare const CASES: ReadonlyArray<readonly [secret: string, name: string, scope: string, paramTypes: Record<string, string>, params: Record<string, unknown>]>;
export declare function vectorsText(): Promise<string>;
