// The popover's words for each rule and category are messages keyed by the
// core's names (Rule::as_str in src/verdict.rs, the categories in
// src/lexicon/data.rs); the English rule words are the core's own
// (Rule::describe, which `explain` prints); badge.js keeps no copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ruleWords, categoryNames, coreWordProblems, localeMessages } from '../../tools/rule-words.mjs';
import { ROOT } from './load.mjs';

test('every rule the core names has its words, as Rule::describe gives them', () => {
  const words = ruleWords();
  const source = fs.readFileSync(path.join(ROOT, 'src', 'verdict.rs'), 'utf8');
  const all = source.match(/pub const ALL: \[Rule; (\d+)\]/);
  assert.equal(Object.keys(words).length, Number(all[1]));
  assert.equal(words.negated, 'negated, so it reads as the opposite');
  assert.equal(words.butClause, 'weighed by its side of a "but"');
  for (const w of Object.values(words)) assert.ok(w.length > 5 && !w.includes('\\'), w);
});

test('every category the lexicon knows is read, with the user\'s own', () => {
  const names = categoryNames();
  // The ten shaming and four support categories of the issue, and "custom".
  assert.equal(names.length, 15);
  for (const c of ['feeding', 'working', 'praise', 'solidarity', 'custom']) assert.ok(names.includes(c), c);
});

test('each rule and category has a message in every locale, English rule words being the core\'s', () => {
  assert.deepEqual(coreWordProblems(), []);
  const en = localeMessages('en');
  for (const [rule, text] of Object.entries(ruleWords())) assert.equal(en[`rule_${rule}`].message, text);
});

test('the check sees a rule with no message and English words that are not the core\'s', () => {
  // A copy of the inputs it reads, changed: one rule more in the core, and
  // one English rule message edited.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamalens-rule-words-'));
  try {
    fs.mkdirSync(path.join(dir, 'src', 'lexicon'), { recursive: true });
    const verdict = fs.readFileSync(path.join(ROOT, 'src', 'verdict.rs'), 'utf8')
      .replace('Rule::Learned => "learned",', 'Rule::Learned => "learned",\n            Rule::Newer => "newer",')
      .replace(/(Rule::Learned => "not a listed cue[^\n]*\n)/, '$1            Rule::Newer => "a rule newer than the messages",\n');
    fs.writeFileSync(path.join(dir, 'src', 'verdict.rs'), verdict);
    fs.copyFileSync(path.join(ROOT, 'src', 'lexicon', 'data.rs'), path.join(dir, 'src', 'lexicon', 'data.rs'));
    fs.cpSync(path.join(ROOT, 'extension', '_locales'), path.join(dir, 'extension', '_locales'), { recursive: true });
    const enFile = path.join(dir, 'extension', '_locales', 'en', 'messages.json');
    const en = JSON.parse(fs.readFileSync(enFile, 'utf8'));
    en.rule_sarcasm.message = 'sarcasm';
    fs.writeFileSync(enFile, JSON.stringify(en));
    const problems = coreWordProblems(dir);
    for (const locale of ['en', 'es', 'pt_BR']) assert.ok(problems.includes(`${locale}: no message rule_newer`), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('en: rule_sarcasm is not')), problems.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('badge.js has no copy of the words', () => {
  const badge = fs.readFileSync(path.join(ROOT, 'extension', 'content', 'badge.js'), 'utf8');
  for (const w of Object.values(ruleWords())) assert.ok(!badge.includes(w), w);
  assert.match(badge, /MamaLens\.wordsFor\('rule', rule\)/);
});
