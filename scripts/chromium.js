// The Chromium that the graph's browser tests and benchmark drive. By default it is the headless build shipped as an
// npm package (@sparticuz/chromium, unpacked under the temp folder on first use), so `npm ci` is all a machine needs;
// POM_CHROMIUM names another Chromium or Chrome executable to use instead (a system browser, say).
import packagedChromium from '@sparticuz/chromium';

/** Flags every launch gets: headless, and no background traffic that a machine without internet would refuse. */
const COMMON_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

/**
 * The packaged build's own flags, less those that weaken what the tests check: the same-origin policy and mixed
 * content must stay as a real browser has them, or the CSP and offline tests would prove less.
 */
const WEAKENING_ARGS = new Set([
    '--disable-web-security',
    '--allow-running-insecure-content',
    '--disable-site-isolation-trials',
    '--single-process',
]);

/** The executable to launch: POM_CHROMIUM when set, else the packaged build (unpacked once, then reused). */
export async function chromiumExecutable() {
    const chosen = process.env.POM_CHROMIUM?.trim();
    return chosen ? chosen : await packagedChromium.executablePath();
}

/** Launch options for playwright-core's `chromium.launch`. */
export async function chromiumLaunchOptions() {
    const executablePath = await chromiumExecutable();
    const packaged = process.env.POM_CHROMIUM?.trim()
        ? ['--headless']
        : packagedChromium.args.filter((arg) => !WEAKENING_ARGS.has(arg) && !arg.startsWith('--headless'));
    return { executablePath, headless: true, args: [...new Set([...packaged, ...COMMON_ARGS])] };
}
