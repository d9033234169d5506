// The flagged-replies store: record identity, export formats. Pure functions,
// shared by the background (which alone writes the store), the popup and the
// options page, and unit-tested in Node.
globalThis.MamaLens ??= {};

MamaLens.STORE_KEY = 'flagged';
MamaLens.STORE_SCHEMA = 2;
// Bounds: storage.local holds 10 MB in Chrome without unlimitedStorage; stay
// well inside it so settings can always still be written.
MamaLens.STORE_MAX_RECORDS = 5000;
MamaLens.STORE_MAX_BYTES = 6 * 1024 * 1024;

// 53-bit FNV-1a over UTF-16 code units: stable across browsers and sessions.
MamaLens.textHash = (text) => {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h2 & 0x1fffff).toString(16).padStart(6, '0') + h1.toString(16).padStart(8, '0');
};

// One reply, once: by site and permalink where the site gives one, else by text.
MamaLens.recordId = (r) => (r.permalink ? `${r.site}|${r.permalink}` : `${r.site}|#${MamaLens.textHash(r.text)}`);

// Older stores: schema 1 kept an array of records without ids or cue rules.
MamaLens.migrateStore = (raw) => {
  const empty = { schema: MamaLens.STORE_SCHEMA, records: {}, refused: 0 };
  if (!raw || typeof raw !== 'object') return empty;
  if (raw.schema === MamaLens.STORE_SCHEMA && raw.records && typeof raw.records === 'object') {
    return { ...empty, ...raw };
  }
  if (Array.isArray(raw.records) || Array.isArray(raw)) {
    const list = Array.isArray(raw) ? raw : raw.records;
    const out = { ...empty };
    for (const old of list) {
      if (!old || typeof old.text !== 'string') continue;
      const rec = {
        site: old.site ?? 'unknown',
        pageUrl: old.pageUrl ?? old.url ?? null,
        permalink: old.permalink ?? null,
        author: old.author ?? null,
        timestamp: old.timestamp ?? null,
        text: old.text,
        label: old.label ?? 'shaming',
        shaming: Number(old.shaming ?? old.score ?? 0),
        support: Number(old.support ?? 0),
        categories: Array.isArray(old.categories) ? old.categories : [],
        cues: Array.isArray(old.cues) ? old.cues.map((c) => (typeof c === 'string' ? { text: c } : c)) : [],
        firstSeen: old.firstSeen ?? old.seen ?? new Date(0).toISOString(),
      };
      out.records[MamaLens.recordId(rec)] = rec;
    }
    return out;
  }
  return empty;
};

MamaLens.EXPORT_COLUMNS = ['firstSeen', 'site', 'label', 'shaming', 'support', 'categories', 'cues', 'author', 'permalink', 'pageUrl', 'timestamp', 'text'];

// A spreadsheet runs a cell that starts with = + - @ (or tab or CR) as a
// formula; a leading apostrophe makes it text. Applied to every cell.
MamaLens.csvCell = (value) => {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
};

const cellValue = (r, col) => {
  if (col === 'categories') return (r.categories ?? []).join('; ');
  if (col === 'cues') return (r.cues ?? []).map((c) => c.text).join('; ');
  if (col === 'shaming' || col === 'support') return Number(r[col] ?? 0).toFixed(3);
  return r[col];
};

// RFC 4180: CRLF line ends, quoted fields; UTF-8 with a BOM for spreadsheet apps.
MamaLens.toCsv = (records) => {
  const lines = [MamaLens.EXPORT_COLUMNS.join(',')];
  for (const r of records) lines.push(MamaLens.EXPORT_COLUMNS.map((c) => MamaLens.csvCell(cellValue(r, c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};

MamaLens.toJson = (records, meta = {}) => JSON.stringify({ exportedBy: 'MamaLens', exportedAt: new Date().toISOString(), ...meta, count: records.length, records }, null, 2);

MamaLens.sortedRecords = (store) => Object.values(store.records).sort((a, b) => String(a.firstSeen).localeCompare(String(b.firstSeen)));

// Saves a file from an extension page, with no downloads permission.
MamaLens.downloadFile = (doc, name, mime, content) => {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
};

// Export as a downloaded file: format 'csv' or 'json'.
MamaLens.exportFlagged = (doc, store, format) => {
  const records = MamaLens.sortedRecords(store);
  if (format === 'csv') MamaLens.downloadFile(doc, MamaLens.exportName('csv'), 'text/csv;charset=utf-8', MamaLens.toCsv(records));
  else MamaLens.downloadFile(doc, MamaLens.exportName('json'), 'application/json', MamaLens.toJson(records));
};

MamaLens.exportName = (ext) => `mamalens-flagged-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.${ext}`;
