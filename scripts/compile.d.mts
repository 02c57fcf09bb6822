// Types of compile.mjs for the tests' global setup (test/support/global-setup.ts).
export function compile(options?: { quiet?: boolean; snapshotText?: Promise<string | undefined>; typeCheck?: boolean }): Promise<void>;
