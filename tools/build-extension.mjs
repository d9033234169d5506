// Assembles the extension for each browser from extension/ and pkg/:
// dist/chrome/, dist/firefox/ and their zips. One manifest base, one small
// patch per browser (extension/manifest.<browser>.json). Icons are drawn here,
// so no binary file is committed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'extension');
const dist = path.join(root, 'dist');
const version = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const BROWSERS = ['chrome', 'firefox'];
// pkg/ files the extension needs (wasm-pack also writes .d.ts and package.json).
const PKG_FILES = ['mamalens.js', 'mamalens_bg.wasm'];

function merge(base, patch) {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' ? merge(base[k], v) : v;
  }
  return out;
}

function copyDir(from, to, skip) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(e.name)) continue;
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b, skip);
    else fs.copyFileSync(a, b);
  }
}

// --- icons: a magnifying lens with a heart, as PNG ------------------------------
function png(size) {
  const px = Buffer.alloc(size * size * 4);
  const c = size * 0.42;
  const r = size * 0.3;
  const ring = Math.max(1.2, size * 0.08);
  const set = (x, y, rgba, a) => {
    const i = (y * size + x) * 4;
    const k = Math.max(0, Math.min(1, a));
    for (let j = 0; j < 3; j++) px[i + j] = Math.round(px[i + j] * (1 - k) + rgba[j] * k);
    px[i + 3] = Math.max(px[i + 3], Math.round(255 * k));
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x + 0.5 - c;
      const dy = y + 0.5 - c;
      const d = Math.hypot(dx, dy);
      if (d < r) set(x, y, [255, 255, 255], 1);
      const hx = (x + 0.5 - c) / (r * 0.55);
      const hy = (y + 0.5 - c) / (r * 0.55) + 0.25;
      const heart = (hx * hx + hy * hy - 1) ** 3 - hx * hx * hy ** 3;
      if (heart < 0) set(x, y, [46, 125, 50], 1);
      set(x, y, [194, 24, 91], ring / 2 + 0.5 - Math.abs(d - r));
      // handle
      const t = ((x + 0.5 - c) + (y + 0.5 - c)) / 2;
      const off = Math.abs((x + 0.5 - c) - (y + 0.5 - c)) / Math.SQRT2;
      if (t > r * 0.75 && t < size * 0.56) set(x, y, [194, 24, 91], ring * 0.8 + 0.5 - off);
    }
  }
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// --- zip (stored + deflate), enough for an extension package -------------------
function zipDir(dir, out) {
  const files = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else files.push([r, fs.readFileSync(p)]);
    }
  };
  walk(dir, '');
  const parts = [];
  const central = [];
  let offset = 0;
  const DOS_DATE = (2026 - 1980) << 9 | 1 << 5 | 1; // fixed date: reproducible zips
  for (const [name, data] of files) {
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    parts.push(local, nameBuf, deflated);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt16LE(0, 12);
    cen.writeUInt16LE(DOS_DATE, 14);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(deflated.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, nameBuf);
    offset += 30 + nameBuf.length + deflated.length;
  }
  const cenBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cenBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(out, Buffer.concat([...parts, cenBuf, end]));
}

for (const f of PKG_FILES) {
  if (!fs.existsSync(path.join(root, 'pkg', f))) throw new Error(`pkg/${f} is missing: run wasm-pack first (scripts/build.sh)`);
}
const base = JSON.parse(fs.readFileSync(path.join(src, 'manifest.base.json'), 'utf8'));
for (const browser of BROWSERS) {
  const out = path.join(dist, browser);
  fs.rmSync(out, { recursive: true, force: true });
  copyDir(src, out, (name) => name.startsWith('manifest.'));
  const manifest = merge(base, JSON.parse(fs.readFileSync(path.join(src, `manifest.${browser}.json`), 'utf8')));
  manifest.version = version;
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.mkdirSync(path.join(out, 'pkg'), { recursive: true });
  for (const f of PKG_FILES) fs.copyFileSync(path.join(root, 'pkg', f), path.join(out, 'pkg', f));
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  for (const s of [16, 32, 48, 128]) fs.writeFileSync(path.join(out, 'icons', `${s}.png`), png(s));
  const zip = path.join(dist, `mamalens-${browser}-${version}.zip`);
  zipDir(out, zip);
  console.log(`built ${path.relative(root, out)} and ${path.relative(root, zip)}`);
}
