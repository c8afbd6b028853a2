// POM against the Langium floor: a bare Langium 4.4 language (elements nested in files, about two qualified
// cross-references each, one check; kept outside this repository, so it never enters the lock file) loading and
// validating N elements, against `pom validate` of a POM model of the same shape. Whole processes, in turn (POM,
// floor, POM, floor, …), CPU (user + system) and peak RSS from GNU time; the ratios of the medians are printed.
//
// Where the floor comes from: POM_FLOOR_DIR (a built floor, with out/bench.js, or its sources), else
// ../shared/bench/floor beside the checkout. Sources are copied to a folder under the system's temporary folder and
// built there once (npm install && npm run build).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { median } from './report.js';

const root = new URL('../..', import.meta.url).pathname;
const pom = path.join(root, 'packages/cli/bin/pom.js');
const TIME = '/usr/bin/time';

const HOW_TO_GET_IT = `The Langium floor is not in this repository. To compare against it, point POM_FLOOR_DIR at a copy of
shared/bench/floor (built or not: it is built on first use with npm install && npm run build), for example
  POM_FLOOR_DIR=/path/to/shared/bench/floor npm run bench
or put it at ../shared/bench/floor beside this checkout.`;

/** A built floor (its folder, holding out/bench.js and gen-floor.mjs), or why there is none. */
export function locateFloor() {
    const candidates = process.env.POM_FLOOR_DIR
        ? [path.resolve(process.env.POM_FLOOR_DIR)]
        : [path.resolve(root, '../shared/bench/floor'), path.resolve(root, '../../shared/bench/floor')];
    const source = candidates.find((dir) => existsSync(path.join(dir, 'gen-floor.mjs')));
    if (!source) return { missing: `No Langium floor found (looked in ${candidates.join(', ')}).\n${HOW_TO_GET_IT}` };
    if (existsSync(path.join(source, 'out/bench.js'))) return { dir: source };
    const build = path.join(os.tmpdir(), `pom-langium-floor-${Buffer.from(source).toString('hex').slice(-16)}`);
    if (existsSync(path.join(build, 'out/bench.js'))) return { dir: build };
    console.log(`Building the Langium floor from ${source} in ${build} (once) …`);
    cpSync(source, build, { recursive: true, filter: (file) => !file.includes(`${path.sep}node_modules`) });
    for (const args of [
        ['install', '--no-audit', '--no-fund'],
        ['run', 'build'],
    ]) {
        const run = spawnSync('npm', args, { cwd: build, encoding: 'utf8' });
        if (run.status !== 0) return { missing: `Building the floor failed (npm ${args.join(' ')}):\n${run.stderr}\n${HOW_TO_GET_IT}` };
    }
    return { dir: build };
}

/** CPU seconds (user + system) and peak RSS in MB of one whole process. */
export function measure(command, args) {
    const run = spawnSync(TIME, ['-f', '%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const fields = (run.stderr ?? '').trim().split('\n').pop().split(' ').map(Number);
    if (run.status !== 0 || fields.length !== 3 || !fields.every(Number.isFinite)) {
        throw new Error(`${command} ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
    }
    return { cpu: fields[0] + fields[1], mb: fields[2] / 1024 };
}

/**
 * Prints, per size, the medians of `runs` alternate runs of `pom validate` and of the floor, and their ratios:
 * the budget is 1.3× for both CPU and memory (docs/architecture.md, Performance).
 */
export function floorBenchmarks(work, sizes, runs = 3) {
    if (!existsSync(TIME)) {
        console.log(`Floor ratios skipped: they need GNU time at ${TIME}.`);
        return;
    }
    const floor = locateFloor();
    if (floor.missing) {
        console.log(`Floor ratios skipped. ${floor.missing}`);
        return;
    }
    console.log(`POM validate against the Langium floor (${floor.dir}): ${runs} alternate runs each, medians`);
    console.log(`${'elements'.padStart(9)} ${'CPU ratio'.padStart(10)} ${'RSS ratio'.padStart(10)}   POM CPU / RSS      floor CPU / RSS`);
    for (const size of sizes) {
        const pomModel = path.join(work, `floor-shape-pom-${size}`);
        const floorModel = path.join(work, `floor-shape-floor-${size}`);
        const elements = generateFloorShapedModel(pomModel, size);
        const generated = spawnSync(process.execPath, [path.join(floor.dir, 'gen-floor.mjs'), floorModel, String(size)], {
            encoding: 'utf8',
        });
        if (generated.status !== 0) throw new Error(`gen-floor.mjs failed:\n${generated.stderr}`);
        const pomRuns = [];
        const floorRuns = [];
        for (let i = 0; i < runs; i++) {
            pomRuns.push(measure(process.execPath, [pom, 'validate', pomModel, '--format', 'json']));
            floorRuns.push(measure(process.execPath, ['--expose-gc', path.join(floor.dir, 'out/bench.js'), floorModel]));
        }
        const [pomCpu, pomMb] = [median(pomRuns.map((r) => r.cpu)), median(pomRuns.map((r) => r.mb))];
        const [floorCpu, floorMb] = [median(floorRuns.map((r) => r.cpu)), median(floorRuns.map((r) => r.mb))];
        const mark = (ratio) => `${ratio.toFixed(2)}×${ratio > 1.3 ? '!' : ' '}`.padStart(10);
        console.log(
            `${String(elements).padStart(9)} ${mark(pomCpu / floorCpu)} ${mark(pomMb / floorMb)}   ` +
                `${pomCpu.toFixed(2)} s / ${pomMb.toFixed(0)} MB   ${floorCpu.toFixed(2)} s / ${floorMb.toFixed(0)} MB`,
        );
    }
    console.log('  (! over the 1.3× budget)');
}

/**
 * A POM model shaped like the floor's: about `size` elements and 2 links each in size/100 files: a shared top of
 * the flow (outcome, north star, 20 drivers, 60 inputs) and units of an insight, an opportunity, an option and a
 * bet with two nested experiments. Returns the number of elements written.
 */
export function generateFloorShapedModel(dir, size) {
    const files = Math.max(1, Math.round(size / 100));
    mkdirSync(dir, { recursive: true });
    let seed = 1;
    const random = (k) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % k;
    };
    const drivers = 20;
    const inputs = 60;
    let top =
        'namespace bench\n\noutcome Revenue "Revenue" { horizon: years }\nnorthstar Star "North star" { horizon: years, leads: Revenue }\n';
    for (let d = 0; d < drivers; d++) top += `driver D${d} "Driver ${d}" { horizon: years, feeds: Star }\n`;
    for (let i = 0; i < inputs; i++) top += `input I${i} "Input ${i}" { horizon: quarters, contributesTo: D${i % drivers} }\n`;
    writeFileSync(path.join(dir, 'top.pom'), top);
    let made = 2 + drivers + inputs;
    const unitsPerFile = Math.max(1, Math.floor((size - made) / 6 / files));
    for (let f = 0; f < files; f++) {
        let text = 'namespace bench\n\n';
        for (let u = 0; u < unitsPerFile; u++) {
            const id = `${f}_${u}`;
            const previous = u > 0 ? `, Ins${f}_${u - 1}` : '';
            const loop = u > 0 ? `, learnedFrom: Bet${f}_${u - 1}.E1` : '';
            text += `insight Ins${id} "Insight ${id}" { source: research${loop} }\n`;
            text += `opportunity Opp${id} "Opportunity ${id}" {\n  horizon: years\n  informedBy: Ins${id}${previous}\n  toward: I${random(inputs)}\n}\n`;
            text += `option Opt${id} "Option ${id}" { addresses: Opp${id} }\n`;
            text += `bet Bet${id} "Bet ${id}" {\n  horizon: quarters\n  chooses: Opt${id}\n  targets: I${random(inputs)} [confidence: medium], I${random(inputs)}\n  toward: D${random(drivers)}\n  hypothesis: "If ${id} then better"\n`;
            text += '  experiment E1 "Experiment one" { horizon: months }\n  experiment E2 "Experiment two" { horizon: months }\n}\n\n';
            made += 6;
        }
        writeFileSync(path.join(dir, `unit${String(f).padStart(4, '0')}.pom`), text);
    }
    return made;
}

// `npm run bench:floor [-- 10000,50000,100000]`: the floor ratios alone.
if (import.meta.url === `file://${process.argv[1]}`) {
    const sizes = (process.argv[2] ?? '10000,50000,100000').split(',').map(Number);
    floorBenchmarks(mkdtempSync(path.join(os.tmpdir(), 'pom-floor-bench-')), sizes);
}
