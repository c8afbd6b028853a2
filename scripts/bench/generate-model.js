// Generates a synthetic, valid operating model of a given size for benchmarks: `elements` elements spread over
// `files` files and namespaces, about 2.5 links per element, every flow stage represented.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes the model into `folder` and returns the number of elements written. With `metrics`, every input is measured
 * by a metric of its own (`bench.unitF.InputMetricB`), within the same element count.
 */
export function generateModel(folder, { elements = 10_000, files = 100, metrics = false } = {}) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    const perFile = Math.ceil(elements / files);
    let written = 0;
    for (let f = 0; f < files; f++) {
        const ns = `bench.unit${f}`;
        const lines = [`namespace ${ns}`, ''];
        // One block of 9 elements (the experiment nested in the bet among them) wires every flow stage; blocks repeat until
        // the file is full. Owners add the context links that real models carry: about 2.5 links per element.
        lines.push(`team Team${f} "Team ${f}" { type: stream-aligned }`);
        lines.push(`funding Fund${f} "Fund ${f}" { model: capacity, capacity: 1000 weeks, owner: Team${f} }`);
        lines.push(`northstar Star${f} "North star ${f}" { leads: Outcome${f}, owner: Team${f} }`);
        lines.push(`outcome Outcome${f} "Outcome ${f}" { horizon: years }`);
        written += 4;
        for (let b = 0; written < (f + 1) * perFile && written < elements; b++) {
            const p = `${b}`;
            const prev = b > 0 ? `, Insight${b - 1}` : '';
            lines.push(
                `insight Insight${p} "Insight ${p}" { source: research, observed: 2026-01-15, evidence: "interviews", owner: Team${f} }`,
                `opportunity Opp${p} "Opportunity ${p}" { horizon: years, informedBy: Insight${p}${prev}, toward: Driver${p}, owner: Team${f} }`,
                `option Option${p} "Option ${p}" { addresses: Opp${p}, owner: Team${f} }`,
                `bet Bet${p} "Bet ${p}" {`,
                `  horizon: quarters, owner: Team${f}, funding: Fund${f}, appetite: 2 weeks`,
                `  chooses: Option${p}`,
                `  targets: Input${p} [confidence: medium]`,
                `  toward: Driver${p}`,
                `  hypothesis: "If we do ${p}, input ${p} rises"`,
                `  experiment Exp${p} "Experiment ${p}" { horizon: months }`,
                `}`,
                `release Release${p} "Release ${p}" { ships: Bet${p}.Exp${p}, date: 2026-06-01, owner: Team${f} }`,
                `impact Impact${p} "Impact ${p}" { from: Release${p}, moves: Input${p} [by: "+2pts"], owner: Team${f} }`,
                metrics
                    ? `input Input${p} "Input ${p}" { horizon: quarters, contributesTo: Driver${p}, metric: InputMetric${p}, owner: Team${f} }\nmetric InputMetric${p} "Input ${p} metric" {}`
                    : `input Input${p} "Input ${p}" { horizon: quarters, contributesTo: Driver${p}, owner: Team${f} }`,
                `driver Driver${p} "Driver ${p}" { horizon: years, feeds: Star${f}, owner: Team${f} }`,
                '',
            );
            written += metrics ? 10 : 9;
        }
        writeFileSync(path.join(folder, `unit${String(f).padStart(3, '0')}.pom`), `${lines.join('\n')}\n`);
    }
    return written;
}
