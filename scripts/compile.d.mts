// Types of compile.mjs for the tests' global setup (test/support/global-setup.ts).
export function compile(options?: { quiet?: boolean; typeCheck?: boolean }): Promise<void>;
