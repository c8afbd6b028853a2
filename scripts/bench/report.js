// Shared by the benchmark scripts: medians and one aligned line per figure, marked when over its budget.
export function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

export function report(name, value, budget) {
    const ok = budget === undefined ? '' : value <= budget ? `  (budget ${budget})` : `  OVER BUDGET (${budget})`;
    console.log(`${name.padEnd(52)} ${value.toFixed(1).padStart(9)} ms${ok}`);
}
