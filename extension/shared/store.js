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

// UTF-8 bytes of a string, as the browser's storage quota counts them,
// without making a copy of it.
MamaLens.utf8Length = (s) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

// The store's only writer, over a storage area (`storage.local`). Every
// change runs in one chain, so replies flagged at the same moment in several
// tabs never overwrite each other. Nothing is dropped silently: a record not
// kept, for a bound or for the browser's quota, is counted in `refused`, and
// `full` is set until the user clears the store or a record is removed.
MamaLens.FlagStore = class FlagStore {
  constructor(area) {
    this.area = area;
    this.chain = Promise.resolve();
  }

  async get() {
    return MamaLens.migrateStore((await this.area.get(MamaLens.STORE_KEY))[MamaLens.STORE_KEY]);
  }

  // fn(store) changes the store in place and returns {write, ...}; if the
  // browser refuses the write (its quota), the stored value stays as it was,
  // with the records fn would have kept (`kept`) counted as refused.
  update(fn) {
    const run = this.chain.then(async () => {
      const raw = (await this.area.get(MamaLens.STORE_KEY))[MamaLens.STORE_KEY];
      const store = MamaLens.migrateStore(raw);
      const result = fn(store) ?? {};
      if (result.write === false) return result;
      try {
        await this.area.set({ [MamaLens.STORE_KEY]: store });
        return result;
      } catch (e) {
        const before = MamaLens.migrateStore(raw);
        before.refused = store.refused + (result.kept ?? 0);
        before.full = true;
        // What was stored before with its counters changed, so it fits where
        // that did; if even this fails, the error goes to the caller.
        await this.area.set({ [MamaLens.STORE_KEY]: before });
        return { ...result, added: 0, kept: 0, full: true, refused: before.refused, quota: String(e?.message ?? e) };
      }
    });
    this.chain = run.catch(() => {});
    return run;
  }

  // Adds records not stored yet, within both bounds.
  add(records, now = new Date().toISOString()) {
    return this.update((store) => {
      let added = 0;
      let bytes = MamaLens.utf8Length(JSON.stringify(store.records));
      for (const r of records) {
        if (!r || typeof r.text !== 'string' || typeof r.site !== 'string') continue;
        const id = MamaLens.recordId(r);
        if (store.records[id]) continue;
        const rec = { ...r, firstSeen: now };
        // A record costs its JSON, its id (quoted) and a colon and a comma.
        const size = MamaLens.utf8Length(JSON.stringify(rec)) + MamaLens.utf8Length(JSON.stringify(id)) + 2;
        if (Object.keys(store.records).length >= MamaLens.STORE_MAX_RECORDS || bytes + size > MamaLens.STORE_MAX_BYTES) {
          store.refused += 1;
          store.full = true;
          continue;
        }
        store.records[id] = rec;
        bytes += size;
        added++;
      }
      return { added, kept: added, full: !!store.full, refused: store.refused, write: added > 0 || !!store.full };
    });
  }

  remove(record) {
    return this.update((store) => {
      const id = MamaLens.recordId(record);
      if (!store.records[id]) return { write: false };
      delete store.records[id];
      store.full = false; // there is room again
      return {};
    });
  }

  clear() {
    return this.update((store) => {
      store.records = {};
      store.refused = 0;
      store.full = false;
      return {};
    });
  }
};

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
  const empty = { schema: MamaLens.STORE_SCHEMA, records: {}, refused: 0, full: false };
  if (!raw || typeof raw !== 'object') return empty;
  if (raw.schema === MamaLens.STORE_SCHEMA && raw.records && typeof raw.records === 'object') {
    // A copy down to the record map, which callers change in place.
    return { ...empty, ...raw, records: { ...raw.records } };
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

// The CSV's header row is these field names, the JSON's keys, in every
// interface language: files exported in different languages merge, and
// scripts read them by name (README, "The interface in English, Spanish and
// Portuguese"). The report is the localised view.
MamaLens.EXPORT_COLUMNS = ['firstSeen', 'site', 'label', 'stage', 'firstLabel', 'shaming', 'support', 'categories', 'cues', 'author', 'permalink', 'pageUrl', 'timestamp', 'text'];

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
MamaLens.exportFlagged = (doc, store, format) => MamaLens.exportRecords(doc, MamaLens.sortedRecords(store), format);

MamaLens.exportRecords = (doc, records, format) => {
  if (format === 'csv') MamaLens.downloadFile(doc, MamaLens.exportName(records, 'csv'), 'text/csv;charset=utf-8', MamaLens.toCsv(records));
  else MamaLens.downloadFile(doc, MamaLens.exportName(records, 'json'), 'application/json', MamaLens.toJson(records));
};

// The domain a record was flagged on: its site's (x.com for every X host),
// else its page's host without "www.".
MamaLens.recordDomain = (r) => {
  const site = MamaLens.siteById?.(r.site);
  const host = site?.hosts.length ? site.hosts[0] : (() => {
    try {
      return new URL(r.pageUrl).hostname;
    } catch {
      return r.site || 'unknown';
    }
  })();
  return host.replace(/^www\./, '');
};

// A file named for what it holds: the sites and the days the replies were
// first seen, e.g. mamalens-flagged-x.com-2026-12-01.csv,
// mamalens-flagged-x.com+reddit.com-2026-11-28-to-2026-12-01.json,
// mamalens-flagged-4-sites-....csv; an empty export is named for today.
MamaLens.EXPORT_NAME_MAX_SITES = 3; // more would make names too long to read
MamaLens.exportName = (records, ext, now = new Date()) => {
  const domains = [...new Set(records.map(MamaLens.recordDomain))].sort();
  const days = records.map((r) => String(r.firstSeen ?? '').slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const what = domains.length === 0 ? 'none' : domains.length > MamaLens.EXPORT_NAME_MAX_SITES ? `${domains.length}-sites` : domains.join('+');
  const first = days[0] ?? now.toISOString().slice(0, 10);
  const last = days[days.length - 1] ?? first;
  const when = first === last ? first : `${first}-to-${last}`;
  return `mamalens-flagged-${what}-${when}.${ext}`.replace(/[^A-Za-z0-9.+-]/g, '_');
};
