// Reads a reply's text the way the scorer sees it, and maps the scorer's
// offsets (UTF-16, like JavaScript strings) back to DOM ranges so cue words
// can be highlighted without rewriting the site's DOM.
globalThis.MamaLens ??= {};

// Markup whose content is never reply text.
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON']);
const BLOCK = new Set(['P', 'DIV', 'LI', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
// Replies longer than this are read up to it; the scorer reads at most 64 KiB anyway.
MamaLens.MAX_READ_CHARS = 70000;

// Returns {text, segments}: segments map [start, end) of text to a text node
// (offsets within it) or to an element standing for its alt text (emoji images).
// The language the page gives a reply in, as a BCP 47 tag ("pt-BR"), or ''.
// X marks each post with its own `lang`; elsewhere the nearest `lang` is the
// page's. Only a hint: the core reads the reply itself and weighs this in
// for short or unsure replies. A malformed or overlong value is no hint.
MamaLens.languageOf = (el) => {
  const tag = el?.closest?.('[lang]')?.getAttribute('lang')?.trim() ?? '';
  return MamaLens.LANGUAGE_TAG.test(tag) ? tag : '';
};

MamaLens.readText = (root) => {
  let text = '';
  const segments = [];
  const push = (s, node, kind) => {
    if (!s || text.length >= MamaLens.MAX_READ_CHARS) return;
    segments.push({ start: text.length, end: text.length + s.length, node, kind });
    text += s;
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        push(child.data, child, 'text');
      } else if (child.nodeType === 1) {
        const tag = child.tagName.toUpperCase();
        if (SKIP.has(tag) || child.hasAttribute('data-mamalens-badge')) continue;
        if (tag === 'BR') {
          push('\n', child, 'break');
        } else if (tag === 'IMG') {
          push(child.getAttribute('alt') ?? '', child, 'element');
        } else {
          if (BLOCK.has(tag) && text && !text.endsWith('\n')) push('\n', child, 'break');
          walk(child);
        }
      }
    }
  };
  walk(root);
  return { text: text.replace(/\s+$/, ''), segments };
};

// A range for [start, end) of text read by readText, or null: a StaticRange
// where there is one (a live Range is updated on every change to the page, and
// a page of replies holds thousands of them), else a Range.
MamaLens.rangeFor = (segments, start, end) => {
  const at = (offset, isEnd) => {
    for (const seg of segments) {
      if (offset < seg.start || offset > seg.end) continue;
      if (offset === seg.end && !isEnd) continue;
      if (seg.kind === 'text') return { node: seg.node, offset: offset - seg.start };
      return { node: seg.node, before: offset === seg.start };
    }
    return null;
  };
  const a = at(start, false);
  const b = at(end, true);
  if (!a || !b) return null;
  if (MamaLens.can.staticRange()) {
    // An element stands for its alt text: a boundary before or after it.
    const point = (p, after) => {
      if ('offset' in p) return [p.node, p.offset];
      const parent = p.node.parentNode;
      if (!parent) return null;
      const i = Array.prototype.indexOf.call(parent.childNodes, p.node);
      return [parent, after ? i + 1 : i];
    };
    const s = point(a, !a.before);
    const e = point(b, true);
    if (!s || !e) return null;
    try {
      return new StaticRange({ startContainer: s[0], startOffset: s[1], endContainer: e[0], endOffset: e[1] });
    } catch {
      return null;
    }
  }
  const doc = (a.node.ownerDocument ?? document);
  const range = doc.createRange();
  try {
    if ('offset' in a) range.setStart(a.node, a.offset);
    else if (a.before) range.setStartBefore(a.node);
    else range.setStartAfter(a.node);
    if ('offset' in b) range.setEnd(b.node, b.offset);
    else range.setEndAfter(b.node);
  } catch {
    return null;
  }
  return range;
};
