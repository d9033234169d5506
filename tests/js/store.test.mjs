// The flagged-replies store's pure parts: identity, migration, export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadShared } from './load.mjs';

const M = loadShared(['shared/sites.js', 'shared/store.js']);

const rec = (over = {}) => ({
  site: 'x', pageUrl: 'https://x.com/a/status/1', permalink: 'https://x.com/b/status/2', author: '@b', timestamp: null,
  text: 'You are a terrible mother.', label: 'shaming', shaming: 0.85, support: 0, categories: ['insult'],
  cues: [{ text: 'terrible mother', start: 10, end: 25, polarity: 'shaming', category: 'insult', rule: null }], firstSeen: '2026-01-01T00:00:00.000Z', ...over,
});

// A strict RFC 4180 parser, written here so the export is checked against the RFC, not against itself.
function parseCsv(s) {
  assert.ok(s.startsWith('\uFEFF'), 'UTF-8 BOM');
  s = s.slice(1);
  const rows = [];
  let row = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"') { assert.equal(cell, '', 'quote in the middle of a field'); quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r') { assert.equal(s[i + 1], '\n', 'CR without LF'); row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue; }
    assert.notEqual(c, '\n', 'bare LF outside quotes');
    cell += c; i++;
  }
  assert.equal(row.length, 0, 'last line ends with CRLF');
  return rows;
}

test('one id per reply: by permalink, else by text', () => {
  assert.equal(M.recordId(rec()), M.recordId(rec({ text: 'edited' })));
  assert.notEqual(M.recordId(rec({ permalink: null })), M.recordId(rec({ permalink: null, text: 'other' })));
  assert.equal(M.recordId(rec({ permalink: null })), M.recordId(rec({ permalink: null, pageUrl: 'elsewhere' })));
});

test('CSV: RFC 4180 round trip, formulas neutralised', () => {
  const hostile = ['=HYPERLINK("http://evil","click")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\tTAB', '\rCR', 'a, "quoted", and\nnew line', 'ünïcödé 🙄'];
  const records = hostile.map((text, i) => rec({ text, permalink: `p${i}`, author: i === 0 ? '=cmd' : '@handle' }));
  const rows = parseCsv(M.toCsv(records));
  assert.deepEqual(rows[0], Array.from(M.EXPORT_COLUMNS));
  const textCol = M.EXPORT_COLUMNS.indexOf('text');
  for (let i = 0; i < hostile.length; i++) {
    const cell = rows[i + 1][textCol];
    if (/^[=+\-@\t\r]/.test(hostile[i])) assert.equal(cell, `'${hostile[i]}`);
    else assert.equal(cell, hostile[i]);
    for (const c of rows[i + 1]) assert.ok(!/^[=+\-@\t\r]/.test(c), `cell ${JSON.stringify(c)} would run as a formula`);
  }
});

test('JSON export is valid for any text', () => {
  const texts = ['\u0000', '\uD800 lone', '"\\', '🙄'.repeat(100), '</script>'];
  const out = JSON.parse(M.toJson(texts.map((text, i) => rec({ text, permalink: `p${i}` }))));
  assert.equal(out.count, texts.length);
  assert.deepEqual(Array.from(out.records, (r) => r.text), texts);
});

test('an older store (schema 1: an array) migrates without losing records', () => {
  const old = { records: [{ site: 'reddit', url: 'https://www.reddit.com/r/a/', text: 'bad mom', score: 0.9, cues: ['bad mom'], seen: '2025-12-01T00:00:00Z' }, { text: 42 }] };
  const store = M.migrateStore(old);
  assert.equal(store.schema, M.STORE_SCHEMA);
  const list = JSON.parse(JSON.stringify(Object.values(store.records)));
  assert.equal(list.length, 1);
  assert.equal(list[0].pageUrl, 'https://www.reddit.com/r/a/');
  assert.equal(list[0].shaming, 0.9);
  assert.deepEqual(list[0].cues, [{ text: 'bad mom' }]);
  assert.equal(Object.keys(M.migrateStore(undefined).records).length, 0);
  const current = M.migrateStore(store);
  assert.equal(JSON.stringify(current.records), JSON.stringify(store.records));
});

// A storage area like storage.local, whose quota counts what Chromium's does:
// each key plus its value's JSON, in UTF-8 bytes.
function area(quota = Infinity) {
  const data = {};
  const size = (obj) => Object.entries(obj).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v)), 0);
  return {
    data,
    writes: 0,
    async get(key) {
      return key in data ? { [key]: JSON.parse(JSON.stringify(data[key])) } : {};
    },
    async set(obj) {
      if (size({ ...data, ...obj }) > quota) throw new Error('Resource::kQuotaBytes quota exceeded');
      this.writes++;
      Object.assign(data, JSON.parse(JSON.stringify(obj)));
    },
  };
}
const stored = (a) => Object.values(a.data[M.STORE_KEY]?.records ?? {}).map((r) => r.text).sort();

test('UTF-8 length: as Node counts it, lone surrogates as U+FFFD', () => {
  for (const s of ['', 'abc', 'ünï', '€', '🙄', 'a🙄b', '\uD800', 'x\uDFFFy', '\uD83D\uD83D\uDE44', '日本語']) {
    assert.equal(M.utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
  }
});

test('the store refuses past the reply bound, and counts every reply it refuses', async () => {
  const S = loadShared(['shared/sites.js', 'shared/store.js']);
  S.STORE_MAX_RECORDS = 3; // the real bound is checked end to end; the logic here
  const a = area();
  const store = new S.FlagStore(a);
  const res = await store.add([1, 2, 3, 4, 5].map((i) => rec({ permalink: `p${i}`, text: `t${i}` })));
  assert.deepEqual([res.added, res.refused, res.full], [3, 2, true]);
  const again = await store.add([rec({ permalink: 'p6', text: 't6' })]);
  assert.deepEqual([again.added, again.refused, again.full], [0, 3, true]);
  assert.deepEqual(stored(a), ['t1', 't2', 't3']);
  assert.equal(a.data[S.STORE_KEY].refused, 3);
  // A reply removed makes room; clearing resets the count.
  await store.remove(rec({ permalink: 'p1' }));
  assert.equal(a.data[S.STORE_KEY].full, false);
  assert.equal((await store.add([rec({ permalink: 'p6', text: 't6' })])).added, 1);
  await store.clear();
  assert.deepEqual([stored(a), a.data[S.STORE_KEY].refused, a.data[S.STORE_KEY].full], [[], 0, false]);
});

test('the store refuses past the byte bound, measured in UTF-8 as stored', async () => {
  const S = loadShared(['shared/sites.js', 'shared/store.js']);
  S.STORE_MAX_BYTES = 4000;
  const a = area();
  const store = new S.FlagStore(a);
  // Emoji count 4 bytes each in UTF-8, 2 in UTF-16: 150 of them per record.
  const records = Array.from({ length: 12 }, (_, i) => rec({ permalink: `p${i}`, text: `${i} ${'🙄'.repeat(150)}` }));
  const res = await store.add(records);
  assert.ok(res.added > 0 && res.refused > 0, JSON.stringify(res));
  assert.equal(res.added + res.refused, records.length, 'every reply is kept or counted');
  assert.ok(Buffer.byteLength(JSON.stringify(a.data[S.STORE_KEY].records)) <= S.STORE_MAX_BYTES);
  // The next one would not have fitted.
  const next = rec({ permalink: 'next', text: `${'🙄'.repeat(150)}` });
  assert.ok(Buffer.byteLength(JSON.stringify({ ...a.data[S.STORE_KEY].records, x: next })) > S.STORE_MAX_BYTES);
});

test('a write the browser refuses for its quota keeps the old store and counts every reply it carried', async () => {
  const a = area(3000);
  const store = new M.FlagStore(a);
  await store.add([rec({ permalink: 'old', text: 'stored before' })]);
  const writes = a.writes;
  const three = [1, 2, 3].map((i) => rec({ permalink: `q${i}`, text: `${i} ${'q'.repeat(900)}` }));
  const res = await store.add(three);
  assert.equal(res.added, 0);
  assert.equal(res.refused, 3);
  assert.match(res.quota, /quota/);
  assert.deepEqual(stored(a), ['stored before']);
  assert.deepEqual([a.data[M.STORE_KEY].refused, a.data[M.STORE_KEY].full], [3, true]);
  assert.equal(a.writes, writes + 1, 'only the counts were written');
  // Refused by a bound and by the quota in one batch: both counted.
  const S = loadShared(['shared/sites.js', 'shared/store.js']);
  S.STORE_MAX_RECORDS = 2;
  const b = area(1000); // room for the old record, not for one more
  const bounded = new S.FlagStore(b);
  await bounded.add([rec({ permalink: 'old', text: 'stored before' })]);
  const mixed = await bounded.add(three);
  assert.equal(mixed.refused, 3, JSON.stringify(mixed));
  assert.deepEqual(stored(b), ['stored before']);
});

test('writes racing each other all land, in order', async () => {
  const a = area();
  const store = new M.FlagStore(a);
  await Promise.all(Array.from({ length: 30 }, (_, i) => store.add([rec({ permalink: `r${i}`, text: `r${i}` })])));
  assert.equal(stored(a).length, 30);
  await Promise.all([store.clear(), store.add([rec({ permalink: 'last', text: 'after the clear' })])]);
  assert.deepEqual(stored(a), ['after the clear']);
});
