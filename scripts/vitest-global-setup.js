// Runs once before the test workers start: unpacks the npm-packaged Chromium (a few seconds, the first time on a
// machine) so that parallel browser suites never race to unpack it.
import { chromiumExecutable } from './chromium.js';

export default async function setup() {
    await chromiumExecutable();
}
