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
