import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './load.mjs';

// rangeFor needs Range.setStart, which linkedom lacks; the end-to-end tests
// check the highlighted ranges in real browsers.
test('readText keeps UTF-16 offsets over text nodes, breaks and emoji images', () => {
  const ctx = load('<html><body><div id="t"><span>😓 you are a </span><b>bad</b> mom<br>next<img alt="🙄"></div></body></html>');
  const el = ctx.document.getElementById('t');
  const { text, segments } = ctx.MamaLens.readText(el);
  assert.equal(text, '😓 you are a bad mom\nnext🙄');
  for (const seg of segments) {
    const piece = text.slice(seg.start, seg.end);
    if (seg.kind === 'text') assert.equal(piece, seg.node.data.slice(0, piece.length));
    if (seg.kind === 'element') assert.equal(piece, seg.node.getAttribute('alt'));
  }
  const emoji = text.indexOf('🙄');
  assert.equal(text.length - emoji, 2, 'an emoji counts 2 UTF-16 units, as in the scorer');
  assert.equal(ctx.MamaLens.rangeFor(segments, 0, text.length + 5), null);
});

test('readText skips MamaLens badges and scripts', () => {
  const ctx = load('<html><body><div id="t">kind words<span data-mamalens-badge>⚠ Shaming</span><script>x()</script></div></body></html>');
  assert.equal(ctx.MamaLens.readText(ctx.document.getElementById('t')).text, 'kind words');
});

test('languageOf gives the nearest lang of a reply, and no hint for a malformed one', () => {
  const ctx = load(`<html lang="en"><body>
    <div lang="pt-BR"><p id="x"><span id="pt">Que péssima mãe</span></p></div>
    <div lang="es"><span lang="fr" id="fr">bonjour</span></div>
    <p id="page">no lang of its own</p>
    <div lang="pt-BR&quot;&gt;&lt;script&gt;"><span id="hostile">texto</span></div>
    <div lang="${'a'.repeat(40)}"><span id="long">texto</span></div>
    <div lang=""><span id="empty">x</span></div>
  </body></html>`);
  const of = (id) => ctx.MamaLens.languageOf(ctx.document.getElementById(id));
  assert.equal(of('pt'), 'pt-BR');
  assert.equal(of('fr'), 'fr', 'the nearest lang wins');
  assert.equal(of('page'), 'en', 'the page language where the reply has none');
  assert.equal(of('hostile'), '');
  assert.equal(of('long'), '');
  assert.equal(of('empty'), '');
  assert.equal(ctx.MamaLens.languageOf(null), '');
});
