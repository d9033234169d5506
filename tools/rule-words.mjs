// The core's names that the interface has words for, read from the core's one
// copy: each rule a verdict's cue carries (`Rule::as_str` in src/verdict.rs)
// with its English words (`Rule::describe`, which the CLI's `explain` prints),
// and each category (src/lexicon/data.rs). The popover's words are messages,
// `rule_<name>` and `category_<name>` in extension/_locales/*/messages.json;
// the build fails if a name has no message, or if the English rule words are
// not the core's (checkCoreWords below), so the badge and `explain` agree.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function arms(source, fn) {
  const start = source.indexOf(`pub fn ${fn}(self) -> &'static str {`);
  if (start === -1) throw new Error(`src/verdict.rs: no Rule::${fn}`);
  const body = source.slice(start, source.indexOf('\n    }\n', start));
  return new Map([...body.matchAll(/Rule::(\w+) => ("(?:[^"\\]|\\.)*"),/g)].map(([, variant, lit]) => [variant, JSON.parse(lit)]));
}

// { ruleName: words }, in the order of Rule's match arms.
export function ruleWords(root = ROOT) {
  const source = fs.readFileSync(path.join(root, 'src', 'verdict.rs'), 'utf8');
  const impl = source.slice(source.indexOf('impl Rule {'));
  const names = arms(impl, 'as_str');
  const words = arms(impl, 'describe');
  if (!names.size || [...names.keys()].join() !== [...words.keys()].join()) {
    throw new Error('src/verdict.rs: Rule::as_str and Rule::describe do not name the same rules (tools/rule-words.mjs)');
  }
  return Object.fromEntries([...names].map(([variant, name]) => [name, words.get(variant)]));
}

// Every category a cue or a verdict can carry: the shaming and support ones
// and the user's own words' ("custom").
export function categoryNames(root = ROOT) {
  const source = fs.readFileSync(path.join(root, 'src', 'lexicon', 'data.rs'), 'utf8');
  const list = (name) => {
    const m = source.match(new RegExp(`pub const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\];`));
    if (!m) throw new Error(`src/lexicon/data.rs: no ${name} (tools/rule-words.mjs)`);
    return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
  };
  const custom = source.match(/pub const CUSTOM_CATEGORY: &str = "([^"]+)";/);
  if (!custom) throw new Error('src/lexicon/data.rs: no CUSTOM_CATEGORY (tools/rule-words.mjs)');
  return [...list('SHAMING_CATEGORIES'), ...list('SUPPORT_CATEGORIES'), custom[1]];
}

export function localeMessages(locale, root = ROOT) {
  return JSON.parse(fs.readFileSync(path.join(root, 'extension', '_locales', locale, 'messages.json'), 'utf8'));
}

// What is wrong between the core's names and the messages: [] when nothing.
export function coreWordProblems(root = ROOT) {
  const problems = [];
  const locales = fs.readdirSync(path.join(root, 'extension', '_locales')).sort();
  const words = ruleWords(root);
  const keys = [...Object.keys(words).map((r) => `rule_${r}`), ...categoryNames(root).map((c) => `category_${c}`)];
  for (const locale of locales) {
    const messages = localeMessages(locale, root);
    for (const k of keys) if (!messages[k]) problems.push(`${locale}: no message ${k}`);
    for (const k of Object.keys(messages)) if (/^(rule|category)_/.test(k) && !keys.includes(k)) problems.push(`${locale}: ${k} names nothing the core has`);
  }
  const en = localeMessages('en', root);
  for (const [rule, text] of Object.entries(words)) {
    if (en[`rule_${rule}`] && en[`rule_${rule}`].message !== text) problems.push(`en: rule_${rule} is not Rule::describe's "${text}"`);
  }
  return problems;
}

export function checkCoreWords(root = ROOT) {
  const problems = coreWordProblems(root);
  if (problems.length) throw new Error(`extension/_locales and the core disagree (tools/rule-words.mjs):\n${problems.join('\n')}`);
}
