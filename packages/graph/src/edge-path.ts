// The path of an edge between two cards: from the side of the source that faces the target to the facing side of the
// target, as a horizontal S-curve (links read left to right and arrive level); between cards of one column, a bow
// out to the right. Straight, centre to centre, in the force layout.

export interface Box {
    x: number;
    y: number;
    width: number;
    height: number;
}

const n = (v: number) => Math.round(v * 10) / 10;

export function edgeCurve(s: Box, t: Box, curved = true): string {
    if (!curved) return `M${n(s.x)},${n(s.y)}L${n(t.x)},${n(t.y)}`;
    const gap = t.x - s.x;
    if (Math.abs(gap) < (s.width + t.width) / 2) {
        // Same column: leave and enter on the right.
        const x0 = s.x + s.width / 2;
        const x1 = t.x + t.width / 2;
        const bow = 30 + Math.min(60, Math.abs(t.y - s.y) / 8);
        return `M${n(x0)},${n(s.y)}C${n(x0 + bow)},${n(s.y)} ${n(x1 + bow)},${n(t.y)} ${n(x1)},${n(t.y)}`;
    }
    const forward = gap > 0;
    const x0 = forward ? s.x + s.width / 2 : s.x - s.width / 2;
    const x1 = forward ? t.x - t.width / 2 : t.x + t.width / 2;
    const c = Math.max(30, Math.abs(x1 - x0) / 2) * (forward ? 1 : -1);
    return `M${n(x0)},${n(s.y)}C${n(x0 + c)},${n(s.y)} ${n(x1 - c)},${n(t.y)} ${n(x1)},${n(t.y)}`;
}
