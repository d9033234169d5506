// The benchmark corpus: 10,000 replies, reproducible from a fixed seed, 20 to
// 500 characters, with emoji, mixing shaming, supportive and neutral texts,
// and including every reply of shared/corpus/dev.jsonl.
import fs from 'node:fs';
import path from 'node:path';

export const SEED = 20260711;

// mulberry32: small, fast, and the same on every machine.
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAMING = [
  'You are a terrible mother.', 'Must be nice to have a nanny raise your kids.', 'She really let herself go after the baby.',
  'Formula? Really? Breast is best.', 'Flying at eight months pregnant is so irresponsible.', 'Who is watching the baby while you party?',
  'Why even have kids if you are never around?', 'No car seat in that photo, someone call CPS.', 'An iPad at dinner, no wonder kids cannot focus.',
  'Some women are not cut out to be moms.', 'Dressed like a teenager with two kids at home. Act your age.', 'C-section is not a real birth.',
  'That is a lot of sugar for a toddler, just saying.', 'Leaving a two week old baby to go clubbing. Unbelievable.',
];
const SUPPORT = [
  'You are doing a great job, mama.', 'Don\'t beat yourself up, it happens to all of us.', 'So proud of you, working moms rock!',
  'Fed is best. Mind your own business.', 'Sending love, motherhood is hard.', 'Leave her alone, she just had a baby.',
  'We have all been there. You\'ve got this!', 'There will be so many more firsts, don\'t worry.',
];
const NEUTRAL = [
  'What time does the match start?', 'Her backhand looks better this season.', 'Is the final on TV in Canada?', 'My mom took me to my first game.',
  'Which stroller folds the smallest?', 'Great weather for tennis today.', 'Does anyone know where to buy tickets?', 'Traffic near the stadium is awful.',
  'The new album drops on Friday.', 'I made pancakes this morning and burned the first one.',
];
const FILLER = ['honestly', 'like', 'I mean', 'anyway', 'lol', 'tbh', 'for real', 'seriously', 'just', 'ok'];
const EMOJI = ['🙄', '❤️', '😂', '💪', '🙏', '😭', '👏', '🤡', '🔥', '✨', '😍', '🥺'];

export function generate(devPath, count = 10000) {
  const dev = fs.existsSync(devPath) ? fs.readFileSync(devPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l).text) : [];
  const next = rng(SEED);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const out = [...dev];
  while (out.length < count) {
    const target = 20 + Math.floor(next() * 481);
    const kind = next();
    const bank = kind < 0.35 ? SHAMING : kind < 0.65 ? SUPPORT : NEUTRAL;
    let s = pick(bank);
    while (s.length < target) {
      const r = next();
      s += r < 0.15 ? ` ${pick(EMOJI)}` : r < 0.4 ? ` ${pick(FILLER)}` : ` ${pick(r < 0.7 ? NEUTRAL : bank)}`;
    }
    if (s.length > 500) s = s.slice(0, 500).replace(/[\uD800-\uDBFF]$/, '');
    out.push(s.length < 20 ? `${s} ${pick(NEUTRAL)}`.slice(0, 500) : s);
  }
  return out.slice(0, count);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [devPath, outPath] = process.argv.slice(2);
  const replies = generate(devPath);
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, replies.map((text) => JSON.stringify({ text })).join('\n') + '\n');
  console.log(`${replies.length} replies, ${replies.reduce((n, t) => n + Buffer.byteLength(t), 0)} bytes -> ${outPath}`);
}
