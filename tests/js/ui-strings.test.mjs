// Every word the extension shows is a message. A small static check, not a
// proof: in the HTML files, every text node and every title, aria-label,
// placeholder and alt attribute; in the JavaScript, every string literal (or
// template text) in what is given to textContent, innerText, title,
// placeholder, setAttribute('aria-label' | 'title' | ...), alert, confirm,
// prompt, createTextNode, append, the report's el() and item() helpers, and
// the values of tables named *_WORDS. Letters there
// fail the check unless allow-listed below, each entry with its reason. Keys
// passed to MamaLens.t / tn, and literals compared or tested, are not words.
// Also: every key the HTML and JavaScript name is a message, and every
// message is used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import { parseHTML } from 'linkedom';
import { localeMessages } from '../../tools/rule-words.mjs';
import { ROOT } from './load.mjs';

const EXT = path.join(ROOT, 'extension');
const files = (dir, ext) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (['pkg', '_locales'].includes(e.name) ? [] : files(path.join(dir, e.name), ext)) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : []);
const rel = (f) => path.relative(EXT, f);
const LETTER = /\p{L}/u;

// Not user-visible, or not words: [file, text, reason]. None is needed
// today: the checked places hold keys, numbers, symbols and punctuation only.
const ALLOW = [];
const allowed = (file, text) => ALLOW.some(([f, t]) => f === file && t === text);

// --- HTML ----------------------------------------------------------------------
const SHOWN_ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'alt', 'aria-description', 'value'];

function htmlProblems(file, html) {
  const { document } = parseHTML(html);
  const out = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3 && LETTER.test(child.textContent) && !allowed(file, child.textContent.trim())) {
        out.push(`${file}: text "${child.textContent.trim()}"`);
      }
      if (child.nodeType !== 1 || ['SCRIPT', 'STYLE'].includes(child.tagName)) continue;
      for (const a of SHOWN_ATTRIBUTES) {
        const v = child.getAttribute(a);
        // An <input>'s or <option>'s value is data unless it is a button's label.
        if (a === 'value' && !(child.tagName === 'INPUT' && /^(button|submit|reset)$/i.test(child.getAttribute('type') ?? ''))) continue;
        if (v && LETTER.test(v) && !allowed(file, v)) out.push(`${file}: ${child.tagName.toLowerCase()} ${a}="${v}"`);
      }
      walk(child);
    }
  };
  walk(document);
  return out;
}

// --- JavaScript ----------------------------------------------------------------
const TEXT_PROPERTIES = new Set(['textContent', 'innerText', 'title', 'placeholder', 'alt', 'ariaLabel', 'innerHTML', 'outerHTML']);
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-valuetext']);
const DIALOGS = new Set(['alert', 'confirm', 'prompt']);
const DOM_TEXT_METHODS = new Set(['createTextNode', 'append', 'prepend', 'before', 'after', 'replaceChildren', 'insertAdjacentText']);
// Helpers of the extension's own that put their arguments into the page:
// name -> the indexes of the arguments that become text.
const TEXT_HELPERS = { el: [2], item: [0, 1] };
// Tables of words, by the name the code gives them (READER_WORDS = {...}):
// each value is shown.
const WORD_TABLE = /_WORDS$/;
const KEY_FUNCTIONS = new Set(['t', 'tn', 'wordsFor']);

const calleeName = (callee) => (callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null);

// The literal words in an expression that would reach the screen.
function words(node, out = []) {
  if (!node || typeof node !== 'object') return out;
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') out.push(node);
      return out;
    case 'TemplateLiteral':
      out.push(...node.quasis);
      for (const e of node.expressions) words(e, out);
      return out;
    case 'ConditionalExpression':
      return words(node.alternate, words(node.consequent, out)); // the test is not shown
    case 'LogicalExpression':
      return words(node.right, words(node.left, out));
    case 'BinaryExpression':
      return node.operator === '+' ? words(node.right, words(node.left, out)) : out; // comparisons are not shown
    case 'CallExpression': {
      const name = calleeName(node.callee);
      if (KEY_FUNCTIONS.has(name)) return out.concat(node.arguments.slice(1).flatMap((a) => words(a))); // the key is not shown; its substitutions are
      // A method on a value (`.join(', ')`, `.replace(a, b)`): the value and
      // the arguments that end up in the result.
      if (node.callee.type === 'MemberExpression') {
        words(node.callee.object, out);
        if (['join', 'concat'].includes(name)) for (const a of node.arguments) words(a, out);
        if (name === 'replace' || name === 'replaceAll') words(node.arguments[1], out);
        return out;
      }
      return out; // another function's result: checked where it is made
    }
    case 'ArrayExpression':
      for (const e of node.elements) words(e, out);
      return out;
    case 'ArrowFunctionExpression':
      return node.expression ? words(node.body, out) : out;
    default:
      return out;
  }
}

function jsProblems(file, code) {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: file === 'background.js' || file === 'commands.js' ? 'module' : 'script', allowAwaitOutsideFunction: true, locations: true });
  const sinks = [];
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && !node.left.computed && TEXT_PROPERTIES.has(node.left.property.name)) sinks.push(node.right);
    const table = node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && WORD_TABLE.test(node.id.name) ? node.init
      : node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && WORD_TABLE.test(node.left.property?.name ?? '') ? node.right : null;
    if (table?.type === 'ObjectExpression') sinks.push(...table.properties.map((p) => p.value));
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      const name = calleeName(node.callee);
      const args = node.arguments;
      if (name === 'setAttribute' && args[0]?.type === 'Literal' && TEXT_ATTRIBUTES.has(args[0].value)) sinks.push(args[1]);
      if (DIALOGS.has(name) && (node.callee.type === 'Identifier' || ['window', 'globalThis'].includes(node.callee.object?.name))) sinks.push(...args);
      if (DOM_TEXT_METHODS.has(name) && node.callee.type === 'MemberExpression') sinks.push(...args);
      if (node.type === 'NewExpression' && name === 'Option') sinks.push(args[0]);
      if (node.callee.type === 'Identifier' && TEXT_HELPERS[name]) for (const i of TEXT_HELPERS[name]) sinks.push(args[i]);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'type' && v && typeof v === 'object') visit(v);
  };
  visit(ast);
  const out = [];
  for (const sink of sinks) {
    for (const lit of words(sink)) {
      const text = lit.type === 'TemplateElement' ? lit.value.cooked : lit.value;
      if (LETTER.test(text) && !allowed(file, text.trim())) out.push(`${file}:${lit.loc.start.line}: "${text}"`);
    }
  }
  return out;
}

test('no HTML text or shown attribute is anything but a message', () => {
  const problems = files(EXT, '.html').flatMap((f) => htmlProblems(rel(f), fs.readFileSync(f, 'utf8')));
  assert.deepEqual(problems, []);
});

test('no string the JavaScript shows is anything but a message', () => {
  const problems = files(EXT, '.js').flatMap((f) => jsProblems(rel(f), fs.readFileSync(f, 'utf8')));
  assert.deepEqual(problems, []);
});

test('the check finds words in each kind of place it looks', () => {
  const html = '<title>Options</title><p>Hello <b>you</b></p><button aria-label="Close"></button><input placeholder="Search"><span data-i18n="x"></span><p>…</p>';
  assert.deepEqual(htmlProblems('t.html', html), ['t.html: text "Options"', 't.html: text "Hello"', 't.html: text "you"', 't.html: button aria-label="Close"', 't.html: input placeholder="Search"']);
  const js = [
    "a.textContent = 'Saved.';",
    'b.title = `Made ${n} of them`;',
    "c.setAttribute('aria-label', on ? 'On' : MamaLens.t('k'));",
    "confirm('Delete?');",
    "d.appendChild(doc.createTextNode(' shaming cue'));",
    "e.append(el('span', 'cls', 'Author'), 'more');",
    "f.textContent = MamaLens.t('popup_x', ['Sub']);",
    // Not words on screen: keys, tests, class names, separators.
    "g.textContent = MamaLens.t(x === 'shaming' ? 'badge_a' : 'badge_b');",
    "h.textContent = [a, b].join(', ');",
    "i.className = 'badge shaming';",
    "const READER_WORDS = { idle: () => 'Loads later.', ready: (r) => MamaLens.tn('reader_ready', r.read) };",
    "item('Posted', x);",
  ].join('\n');
  assert.deepEqual(jsProblems('t.js', js).map((p) => p.replace(/^t\.js:\d+: /, '')).sort(), ['"Saved."', '"Made "', '" of them"', '"On"', '"Delete?"', '" shaming cue"', '"Author"', '"more"', '"Sub"', '"Loads later."', '"Posted"'].sort());
});

// --- Keys ----------------------------------------------------------------------
const en = localeMessages('en');

// Keys named in the HTML (data-i18n, data-i18n-code, data-i18n-attr) and in
// the JavaScript (t('key'), tn('key', ...), and "prefix" + name for names
// the core or the settings give: rule_, category_, label_, language_).
function namedKeys() {
  const keys = new Set();
  for (const f of files(EXT, '.html')) {
    const html = fs.readFileSync(f, 'utf8');
    for (const m of html.matchAll(/data-i18n(?:-code)?="([^"]+)"/g)) keys.add(m[1]);
    for (const m of html.matchAll(/data-i18n-attr="([^"]+)"/g)) for (const pair of m[1].split(';')) keys.add(pair.split(':')[1].trim());
  }
  for (const f of files(EXT, '.js')) {
    const code = fs.readFileSync(f, 'utf8');
    for (const m of code.matchAll(/\bMamaLens\.t\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]);
    for (const m of code.matchAll(/\bMamaLens\.t\(\s*[^'()]*\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]).add(m[2]);
    for (const m of code.matchAll(/\bMamaLens\.tn\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(`${m[1]}_other`);
    for (const m of code.matchAll(/'([a-z]+_[A-Za-z]+)'/g)) if (m[1] in en) keys.add(m[1]); // keys in tables (STAGE_KEYS)
  }
  return keys;
}

test('every key the pages and scripts name is a message, and every message is used', () => {
  const named = namedKeys();
  assert.deepEqual([...named].filter((k) => !(k in en)).sort(), [], 'keys with no message');
  const manifest = fs.readFileSync(path.join(EXT, 'manifest.base.json'), 'utf8');
  const dynamic = /^(rule|category|label|language|site)_|^locale_tag$/; // by the core's names, the settings', the sites', and i18n.js itself
  const unused = Object.keys(en).filter((k) => !named.has(k) && !named.has(k.replace(/_(one|other)$/, '_other')) && !manifest.includes(`__MSG_${k}__`) && !dynamic.test(k));
  assert.deepEqual(unused, [], 'messages nothing uses');
});
