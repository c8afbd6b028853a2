// Types of scripts/chromium.js, for the TypeScript test suites that import it.
export function chromiumExecutable(): Promise<string>;
export function chromiumLaunchOptions(): Promise<{ executablePath: string; headless: boolean; args: string[] }>;
