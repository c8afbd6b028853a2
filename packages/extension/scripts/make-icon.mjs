// Draws the extension icon, images/icon.png (128×128 RGBA): a rounded square with three nodes joined along a rising
// path, the value flow from insight to north star. Node built-ins only; shapes are signed distance fields, so edges
// are anti-aliased without a graphics library. Run `npm run icon -w pom-vscode` after changing it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;

const nodes = [
    { x: 34, y: 90, r: 12, colour: [255, 255, 255] },
    { x: 64, y: 58, r: 12, colour: [255, 255, 255] },
    { x: 94, y: 34, r: 14, colour: [253, 196, 64] },
];
const LINK_HALF_WIDTH = 4.5;

/** Distance from (px, py) to a rounded square inset by `inset` with corner radius `radius`; negative inside. */
function roundedSquare(px, py, inset, radius) {
    const half = SIZE / 2 - inset;
    const qx = Math.abs(px - SIZE / 2) - half + radius;
    const qy = Math.abs(py - SIZE / 2) - half + radius;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(px, py, a, b) {
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

const coverage = (distance) => Math.max(0, Math.min(1, 0.5 - distance));
const mix = (under, over, alpha) => under.map((c, i) => c + (over[i] - c) * alpha);

function pixel(x, y) {
    const px = x + 0.5;
    const py = y + 0.5;
    // Background: indigo to sky blue along the diagonal.
    const t = (px + py) / (2 * SIZE);
    let colour = mix([67, 56, 202], [14, 165, 233], t);
    const links = Math.min(segment(px, py, nodes[0], nodes[1]), segment(px, py, nodes[1], nodes[2]));
    colour = mix(colour, [255, 255, 255], coverage(links - LINK_HALF_WIDTH) * 0.9);
    for (const node of nodes) {
        const d = Math.hypot(px - node.x, py - node.y) - node.r;
        colour = mix(colour, [30, 27, 75], coverage(d - 3) * 0.35); // a soft ring that lifts the node off the link
        colour = mix(colour, node.colour, coverage(d));
    }
    const alpha = coverage(roundedSquare(px, py, 4, 26));
    return [...colour.map(Math.round), Math.round(alpha * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});

function crc32(bytes) {
    let c = 0xffffffff;
    for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, rgbaAt) {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method variant, no interlace
    const rows = Buffer.alloc(height * (1 + width * 4));
    for (let y = 0; y < height; y++) {
        const row = y * (1 + width * 4); // each row starts with filter type 0 (none)
        for (let x = 0; x < width; x++) rows.set(rgbaAt(x, y), row + 1 + x * 4);
    }
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        chunk('IHDR', header),
        chunk('IDAT', deflateSync(rows, { level: 9 })),
        chunk('IEND', Buffer.alloc(0)),
    ]);
}

const target = new URL('../images/icon.png', import.meta.url);
mkdirSync(new URL('./', target), { recursive: true });
writeFileSync(target, encodePng(SIZE, SIZE, pixel));
