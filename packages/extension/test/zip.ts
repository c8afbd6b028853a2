// A minimal reader for .zip files (a .vsix is one): lists the central directory and inflates single entries, with
// node:zlib only. Handles what vsce writes (stored or deflated entries, no ZIP64, no encryption).
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
    name: string;
    method: number;
    compressedSize: number;
    size: number;
    localHeaderOffset: number;
}

export class ZipFile {
    readonly entries: ReadonlyMap<string, ZipEntry>;

    constructor(private readonly bytes: Buffer) {
        this.entries = readCentralDirectory(bytes);
    }

    static open(path: string): ZipFile {
        return new ZipFile(readFileSync(path));
    }

    has(name: string): boolean {
        return this.entries.has(name);
    }

    read(name: string): Buffer {
        const entry = this.entries.get(name);
        if (!entry) throw new Error(`${name} is not in the archive`);
        const at = entry.localHeaderOffset;
        if (this.bytes.readUInt32LE(at) !== 0x04034b50) throw new Error(`${name}: bad local header`);
        const start = at + 30 + this.bytes.readUInt16LE(at + 26) + this.bytes.readUInt16LE(at + 28);
        const raw = this.bytes.subarray(start, start + entry.compressedSize);
        const data = entry.method === 0 ? Buffer.from(raw) : entry.method === 8 ? inflateRawSync(raw) : undefined;
        if (!data) throw new Error(`${name}: unsupported compression method ${entry.method}`);
        if (data.length !== entry.size) throw new Error(`${name}: expected ${entry.size} bytes, inflated ${data.length}`);
        return data;
    }

    text(name: string): string {
        return this.read(name).toString('utf8');
    }
}

function readCentralDirectory(bytes: Buffer): Map<string, ZipEntry> {
    // The end-of-central-directory record is the last 22 bytes, unless an archive comment (≤ 64 KiB) follows it.
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
        if (bytes.readUInt32LE(at) === 0x06054b50) {
            end = at;
            break;
        }
    }
    if (end < 0) throw new Error('not a zip file: no end-of-central-directory record');
    const count = bytes.readUInt16LE(end + 10);
    let at = bytes.readUInt32LE(end + 16);
    const entries = new Map<string, ZipEntry>();
    for (let i = 0; i < count; i++) {
        if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
        const nameLength = bytes.readUInt16LE(at + 28);
        const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
        entries.set(name, {
            name,
            method: bytes.readUInt16LE(at + 10),
            compressedSize: bytes.readUInt32LE(at + 20),
            size: bytes.readUInt32LE(at + 24),
            localHeaderOffset: bytes.readUInt32LE(at + 42),
        });
        at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return entries;
}
