//! Matching the lexicon's phrase patterns on words, not on bytes.
//!
//! # Why not a regex per pattern
//!
//! The first engine compiled every pattern to a `regex` and ran the handful a
//! prefilter picked. That was correct, but a reply paid for several regex
//! scans over its bytes, the first use of each regex paid for its
//! compilation, and `regex-automata` was most of the `.wasm`. Every pattern
//! is a sequence of *words* though, so this module matches on the reply's
//! words instead:
//!
//! * the normalised reply is cut into [`Token`]s once; each token's word is
//!   looked up once in the [`Vocab`] (every word the lexicon and the rules
//!   know, as a dense id), so an element such as `{kid}` is one bit test;
//! * each pattern is indexed under its *anchor*: the rarest element every
//!   match must contain. A reply's tokens pull out the few patterns whose
//!   anchor they hold, and each is tried only at the starts from which a
//!   match could reach that anchor;
//! * a pattern is matched by backtracking over its elements in the order a
//!   regex would prefer (optional parts taken first, gaps longest first), so
//!   the first match found is the one `regex` would report. Gaps are bounded
//!   (`~8` at most) and every attempt has a step budget
//!   ([`MAX_MATCH_STEPS`](crate::tuning::MAX_MATCH_STEPS)), so a user's own
//!   pattern cannot make a reply slow.
//!
//! The regex each pattern stands for is still produced
//! ([`crate::pattern::Compiled::regex`]): the test suite checks the two
//! agree, and the benchmark's plain-JavaScript peer runs it.

pub(crate) use crate::normalize::WordMap;
use crate::normalize::{pack8, word_hash, WordSink};
use crate::pattern::{Atom, Elem};
use crate::tuning::MAX_MATCH_STEPS;
use std::cell::Cell;

/// The word id of a token no pattern or rule knows.
pub const NO_WORD: u32 = u32::MAX;
const NO_ENDER: u32 = u32::MAX;

/// Every word the lexicon and the rules know, as a dense id, with the rule
/// flags of each (see [`crate::rules::flag`]).
///
/// Every word of every reply is looked up here, so it is its own hash table:
/// open addressing, at most half full. A slot holds the word's first 8 bytes
/// as an integer and its length, so a word of up to 8 bytes (nearly all) is
/// hashed and compared without a loop or a call. Measured with callgrind on
/// the benchmark corpus: 112 instructions per lookup with a `HashMap`, about
/// 74 with this (the call included).
#[derive(Default)]
pub struct Vocab {
    words: Vec<Box<str>>,
    flags: Vec<u16>,
    slots: Vec<Slot>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// The word's first 8 bytes, as [`pack8`] reads them.
    head: u64,
    len: u32,
    /// The id plus one; 0 is an empty slot.
    id: u32,
}

impl Vocab {
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(id) = self.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.flags.push(0);
        if self.words.len() * 2 > self.slots.len() {
            let size = (self.words.len() * 4).next_power_of_two().max(64);
            self.slots = vec![Slot::default(); size];
            for id in 0..self.words.len() {
                self.place(id as u32);
            }
        } else {
            self.place(id);
        }
        id
    }

    fn place(&mut self, id: u32) {
        let word = self.words[id as usize].as_bytes();
        let head = pack8(word);
        let len = word.len() as u32;
        let mut i = self.home(word, head);
        let mask = self.slots.len() - 1;
        while self.slots[i].id != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            head,
            len,
            id: id + 1,
        };
    }

    /// The slot a word's probe starts at: the hash's top bits, which the
    /// multiply mixes best.
    #[inline(always)]
    fn home(&self, word: &[u8], head: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (word_hash(word, head) >> (64 - bits)) as usize
    }

    #[cfg(test)]
    pub(crate) fn from_words<'w>(words: impl IntoIterator<Item = &'w str>) -> Vocab {
        let mut vocab = Vocab::default();
        for w in words {
            vocab.add_flags(w, 1);
        }
        vocab
    }

    pub fn add_flags(&mut self, word: &str, flags: u16) {
        let id = self.intern(word);
        self.flags[id as usize] |= flags;
    }

    pub fn get(&self, word: &str) -> Option<u32> {
        self.get_bytes(word.as_bytes())
    }

    #[inline]
    pub fn get_bytes(&self, word: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let head = pack8(word);
        let len = word.len() as u32;
        let mut i = self.home(word, head);
        let mask = self.slots.len() - 1;
        loop {
            let slot = self.slots[i];
            if slot.id == 0 {
                return None;
            }
            if slot.head == head
                && slot.len == len
                && (len <= 8 || self.words[slot.id as usize - 1].as_bytes() == word)
            {
                return Some(slot.id - 1);
            }
            i = (i + 1) & mask;
        }
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// One word of the normalised reply.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    /// Byte range in the normalised text.
    pub start: u32,
    pub end: u32,
    /// [`NO_WORD`] if neither the lexicon nor the rules know it.
    pub word: u32,
    pub flags: u16,
    /// Sentence number: clause enders (`. ! ? ;`) start a new one.
    pub sentence: u32,
    /// Where the last clause ender between the previous token and this one
    /// is, if any: a pattern may step over it only by matching it.
    ender: u32,
}

/// Letters, digits, `'` and `_`, as a table: tested for every byte.
static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'_';
        b += 1;
    }
    t
};

#[inline]
pub fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[b as usize]
}

pub fn is_ender(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b';')
}

/// Cuts normalised `text` into tokens (runs of letters, digits, `'` and `_`,
/// without leading or trailing `'`), appending to `out`. Returns the union of
/// the tokens' flags. The fast path of normalisation makes the same tokens as
/// it folds ([`crate::normalize::normalize_fast`] with a [`TokenWriter`]);
/// this is for the text of the full path.
pub fn tokenize(text: &str, vocab: &Vocab, out: &mut Vec<Token>) -> u16 {
    let mut writer = TokenWriter::new(vocab, out);
    crate::normalize::cut_words(text.as_bytes(), 0, text.len(), &mut writer);
    writer.flags
}

/// Turns words into [`Token`]s: looks each up in the vocabulary and numbers
/// sentences. A possessive the vocabulary does not hold counts as its stem:
/// `woman's` is `woman`.
pub struct TokenWriter<'a> {
    vocab: &'a Vocab,
    out: &'a mut Vec<Token>,
    /// The union of the tokens' flags.
    pub flags: u16,
    sentence: u32,
    last_ender: u32,
}

impl<'a> TokenWriter<'a> {
    pub fn new(vocab: &'a Vocab, out: &'a mut Vec<Token>) -> TokenWriter<'a> {
        TokenWriter {
            vocab,
            out,
            flags: 0,
            sentence: 0,
            last_ender: NO_ENDER,
        }
    }
}

impl WordSink for TokenWriter<'_> {
    #[inline]
    fn word(&mut self, text: &[u8], start: usize, end: usize) {
        let word = &text[start..end];
        let stem = |word: &[u8]| {
            let apostrophe = word.iter().position(|&b| b == b'\'')?;
            self.vocab.get_bytes(&word[..apostrophe])
        };
        let (word, flags) = match self.vocab.get_bytes(word) {
            // A possessive the lexicon names ("baby's") has its stem's rule
            // flags: it is as much about a child.
            Some(id) => (
                id,
                self.vocab.flags[id as usize]
                    | stem(word).map_or(0, |s| self.vocab.flags[s as usize]),
            ),
            None => match stem(word) {
                Some(id) => (id, self.vocab.flags[id as usize]),
                None => (NO_WORD, 0),
            },
        };
        self.flags |= flags;
        self.out.push(Token {
            start: start as u32,
            end: end as u32,
            word,
            flags,
            sentence: self.sentence,
            ender: self.last_ender,
        });
        self.last_ender = NO_ENDER;
    }

    #[inline]
    fn ender(&mut self, at: usize) {
        self.sentence += 1;
        self.last_ender = at as u32;
    }
}

/// A compiled pattern element.
#[derive(Clone)]
enum Node {
    Word(u32),
    /// Any word of a set (a slot, or a group of single words).
    Set(u32),
    /// A word starting with one of the program's prefixes.
    Prefix(u32),
    Punct(u8),
    Gap(u8),
    /// Shared (`Rc`): a slot's choice is met in hundreds of patterns.
    Choice(std::rc::Rc<Choice>),
}

/// A group with multi-word alternatives: single words first, then sequences,
/// each with the words it can start with.
#[derive(Clone)]
struct Choice {
    words: Option<u32>,
    prefixes: Vec<u32>,
    seqs: Vec<(Option<First>, Vec<MElem>)>,
}

/// The words a sequence can start with: a set, plus prefixes. `None` where
/// that is not known (a sequence starting with punctuation).
#[derive(Clone)]
struct First {
    words: u32,
    prefixes: Vec<u32>,
}

#[derive(Clone)]
struct MElem {
    node: Node,
    optional: bool,
}

struct Pattern {
    elems: Vec<MElem>,
    first: Option<First>,
    /// At most this many tokens of a match come before its anchor's token.
    before_anchor: u32,
    /// Word sets besides the anchor a reply must hold a word of (the rarest
    /// other required elements): a cheap test before trying to match.
    requires: Vec<u32>,
}

/// How good an anchor a set of literals is: not a common word, then longer
/// (up to 6 bytes), then fewer alternatives.
type Rarity = (bool, usize, std::cmp::Reverse<usize>);

/// Something every match of an element holds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Lit {
    Word(u32),
    Prefix(u32),
}

/// One pattern match: `entry` matched tokens `first..=last`, bytes
/// `start..end` of the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    pub first: u32,
    pub last: u32,
    pub start: u32,
    pub end: u32,
}

/// All patterns of a lexicon, compiled, with their anchor index.
pub struct Program {
    patterns: Vec<Pattern>,
    /// Each set's non-zero bitset words, (index, bits), CSR by set: a set of
    /// a few words is tested against a reply in a few steps.
    sparse_start: Vec<u32>,
    sparse: Vec<(u32, u64)>,
    /// Word sets as bitsets over word ids, `set_words` u64s each.
    sets: Vec<u64>,
    set_words: usize,
    prefixes: Vec<Box<[u8]>>,
    /// Anchor index, by word id (CSR: `word_start[id]..word_start[id + 1]`).
    word_start: Vec<u32>,
    word_entries: Vec<u32>,
    /// Anchor index, by prefix id.
    prefix_entries: Vec<Vec<u32>>,
    /// Prefix ids by first byte, and a filter on the first two bytes.
    prefix_by_first: Vec<Vec<u32>>,
    prefix_filter: Vec<u64>,
}

type SharedGroup = std::rc::Rc<Vec<crate::pattern::Seq>>;

/// Collects patterns, interning their words; [`ProgramBuilder::finish`]
/// then lays out the sets and the index once the vocabulary is complete.
#[derive(Default)]
pub struct ProgramBuilder {
    patterns: Vec<Pattern>,
    anchors: Vec<Vec<Lit>>,
    set_lists: Vec<Vec<u32>>,
    set_index: WordMap<Vec<u32>, u32>,
    prefixes: Vec<Box<[u8]>>,
    prefix_index: WordMap<Box<[u8]>, u32>,
    /// Shared groups (slots, used by many patterns) compiled so far, by
    /// address, each kept alive here so no address is reused.
    groups: WordMap<usize, (SharedGroup, Node)>,
    /// Ids of [`crate::pattern::COMMON_WORDS`], sorted.
    common: Vec<u32>,
    /// The words the patterns name, as a bitset over ids and in the order
    /// first named (the vocabulary also holds the rules' words).
    named: Vec<u64>,
    named_order: Vec<u32>,
    /// Reused for the word lists that become sets (most are sets already
    /// made: a slot's first words, one word).
    scratch: Vec<u32>,
}

impl ProgramBuilder {
    /// Adds a parsed pattern as the next entry. The parser guarantees it has
    /// a required word and does not start or end with a gap.
    pub fn add(&mut self, elems: &[Elem], vocab: &mut Vocab) {
        if self.common.is_empty() {
            self.common = crate::pattern::COMMON_WORDS
                .iter()
                .map(|w| vocab.intern(w))
                .collect();
            self.common.sort_unstable();
        }
        let elems: Vec<MElem> = elems.iter().map(|e| self.elem(e, vocab)).collect();
        // A choice's literals, listed once: they serve its rarity, the
        // anchor index and the required sets.
        let mut choice_lits: Vec<Option<Vec<Lit>>> = elems
            .iter()
            .map(|e| match &e.node {
                Node::Choice(_) if !e.optional => self.literals(&e.node, vocab),
                _ => None,
            })
            .collect();
        // Rarity of each required element, without listing a set's words.
        let (anchor_at, _) = elems
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.optional)
            .filter_map(|(i, e)| {
                let rarity = match &choice_lits[i] {
                    Some(lits) => self.rarity(lits, vocab),
                    None => self.node_rarity(&e.node, vocab)?,
                };
                Some((i, rarity))
            })
            .max_by_key(|&(i, rarity)| (rarity, std::cmp::Reverse(i)))
            .expect("the parser requires a required word");
        let anchor = match choice_lits[anchor_at].take() {
            Some(lits) => lits,
            None => self
                .literals(&elems[anchor_at].node, vocab)
                .expect("a required word"),
        };
        let before: usize = elems[..anchor_at].iter().map(|e| max_len(&e.node)).sum();
        let before_anchor = (before + max_len(&elems[anchor_at].node)).saturating_sub(1) as u32;
        let first = self.first(&elems);
        // The other required elements that are words only, as sets, rarest
        // first (a set stays the set it is; only a choice is listed out).
        let mut others: Vec<(Rarity, u32)> = Vec::new();
        for (i, e) in elems.iter().enumerate() {
            if i == anchor_at || e.optional {
                continue;
            }
            let set = match &e.node {
                Node::Word(w) => {
                    let mut one = std::mem::take(&mut self.scratch);
                    one.clear();
                    one.push(*w);
                    let set = self.set(&mut one);
                    self.scratch = one;
                    set
                }
                Node::Set(s) => *s,
                Node::Choice(_) => {
                    let Some(mut words) = choice_lits[i].as_ref().and_then(|lits| {
                        lits.iter()
                            .map(|l| match l {
                                Lit::Word(w) => Some(*w),
                                Lit::Prefix(_) => None,
                            })
                            .collect::<Option<Vec<u32>>>()
                    }) else {
                        continue;
                    };
                    self.set(&mut words)
                }
                Node::Prefix(_) | Node::Punct(_) | Node::Gap(_) => continue,
            };
            let rarity = self.node_rarity(&Node::Set(set), vocab).expect("a set");
            others.push((rarity, set));
        }
        others.sort_by_key(|&(rarity, _)| std::cmp::Reverse(rarity));
        let requires = others
            .into_iter()
            .take(MAX_REQUIRED_SETS)
            .map(|(_, set)| set)
            .collect();
        self.push(
            Pattern {
                elems,
                first,
                before_anchor,
                requires,
            },
            anchor,
        );
    }

    /// The next entry's compiled pattern and the literals it is indexed by.
    fn push(&mut self, pattern: Pattern, anchor: Vec<Lit>) {
        self.patterns.push(pattern);
        self.anchors.push(anchor);
    }

    fn elem(&mut self, e: &Elem, vocab: &mut Vocab) -> MElem {
        MElem {
            node: self.node(&e.atom, vocab),
            optional: e.optional,
        }
    }

    fn node(&mut self, atom: &Atom, vocab: &mut Vocab) -> Node {
        match atom {
            Atom::Word(w) => Node::Word(self.word(w, vocab)),
            Atom::Prefix(p) => Node::Prefix(self.prefix(p)),
            Atom::Punct(c) => Node::Punct(*c as u8),
            Atom::Gap(n) => Node::Gap(*n as u8),
            Atom::Group(alts) => {
                let key = std::rc::Rc::as_ptr(alts) as usize;
                if let Some((_, node)) = self.groups.get(&key) {
                    return node.clone();
                }
                let mut words = Vec::with_capacity(alts.len());
                let mut prefixes = Vec::new();
                let mut seqs = Vec::new();
                for alt in alts.iter() {
                    match &alt[..] {
                        [Elem {
                            atom: Atom::Word(w),
                            optional: false,
                        }] => words.push(self.word(w, vocab)),
                        [Elem {
                            atom: Atom::Prefix(p),
                            optional: false,
                        }] => prefixes.push(self.prefix(p)),
                        _ => {
                            let seq: Vec<MElem> = alt.iter().map(|e| self.elem(e, vocab)).collect();
                            seqs.push((self.first(&seq), seq));
                        }
                    }
                }
                let words = (!words.is_empty()).then(|| self.set(&mut words));
                let node = match (words, prefixes.as_slice(), seqs.is_empty()) {
                    (Some(set), [], true) => Node::Set(set),
                    (None, [p], true) => Node::Prefix(*p),
                    _ => Node::Choice(std::rc::Rc::new(Choice {
                        words,
                        prefixes,
                        seqs,
                    })),
                };
                // Only a shared group (a slot) is met again; one written in
                // a single pattern is not kept, nor deep-copied.
                if std::rc::Rc::strong_count(alts) > 1 {
                    self.groups.insert(key, (alts.clone(), node.clone()));
                }
                node
            }
        }
    }

    /// Interns a word a pattern names.
    fn word(&mut self, w: &str, vocab: &mut Vocab) -> u32 {
        let id = vocab.intern(w);
        let (k, bit) = (id as usize / 64, 1 << (id % 64));
        if self.named.len() <= k {
            self.named.resize(k + 1, 0);
        }
        if self.named[k] & bit == 0 {
            self.named[k] |= bit;
            self.named_order.push(id);
        }
        id
    }

    /// How many patterns have been added.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every word the patterns added so far name, in the order first named.
    pub fn named_words(&self) -> &[u32] {
        &self.named_order
    }

    /// The set of `words` (sorted and deduplicated in place), made if new.
    fn set(&mut self, words: &mut Vec<u32>) -> u32 {
        words.sort_unstable();
        words.dedup();
        if let Some(&id) = self.set_index.get(words.as_slice()) {
            return id;
        }
        let id = self.set_lists.len() as u32;
        self.set_lists.push(words.clone());
        self.set_index.insert(words.clone(), id);
        id
    }

    fn prefix(&mut self, p: &str) -> u32 {
        let next = self.prefixes.len() as u32;
        *self
            .prefix_index
            .entry(p.as_bytes().into())
            .or_insert_with(|| {
                self.prefixes.push(p.as_bytes().into());
                next
            })
    }

    /// The words a match of `elems` can start with.
    fn first(&mut self, elems: &[MElem]) -> Option<First> {
        let mut words = std::mem::take(&mut self.scratch);
        words.clear();
        let first = self.first_into(elems, &mut words);
        self.scratch = words;
        first
    }

    fn first_into(&mut self, elems: &[MElem], words: &mut Vec<u32>) -> Option<First> {
        let mut prefixes = Vec::new();
        for e in elems {
            match &e.node {
                Node::Word(w) => words.push(*w),
                Node::Set(s) => words.extend_from_slice(&self.set_lists[*s as usize]),
                Node::Prefix(p) => prefixes.push(*p),
                Node::Punct(_) | Node::Gap(_) => return None,
                Node::Choice(c) => {
                    if let Some(s) = c.words {
                        words.extend_from_slice(&self.set_lists[s as usize]);
                    }
                    prefixes.extend_from_slice(&c.prefixes);
                    for (first, _) in &c.seqs {
                        let first = first.as_ref()?;
                        words.extend_from_slice(&self.set_lists[first.words as usize]);
                        prefixes.extend_from_slice(&first.prefixes);
                    }
                }
            }
            if !e.optional {
                return Some(First {
                    words: self.set(words),
                    prefixes,
                });
            }
        }
        None
    }

    /// The literals one of which every match of `node` holds, if any.
    fn literals(&self, node: &Node, vocab: &Vocab) -> Option<Vec<Lit>> {
        let mut lits = Vec::with_capacity(16);
        self.literals_into(node, vocab, &mut lits).then_some(lits)
    }

    /// [`Self::literals`], appended to `out` (one list grows through the
    /// recursion: start-up lists the literals of thousands of nodes); false,
    /// with `out` as it was, if there are none.
    fn literals_into(&self, node: &Node, vocab: &Vocab, out: &mut Vec<Lit>) -> bool {
        match node {
            Node::Word(w) => out.push(Lit::Word(*w)),
            Node::Set(s) => out.extend(self.set_lists[*s as usize].iter().map(|&w| Lit::Word(w))),
            Node::Prefix(p) => out.push(Lit::Prefix(*p)),
            Node::Punct(_) | Node::Gap(_) => return false,
            Node::Choice(c) => {
                let from = out.len();
                if let Some(s) = c.words {
                    out.extend(self.set_lists[s as usize].iter().map(|&w| Lit::Word(w)));
                }
                out.extend(c.prefixes.iter().map(|&p| Lit::Prefix(p)));
                for (_, seq) in &c.seqs {
                    // The rarest required element of the alternative.
                    let best = seq
                        .iter()
                        .filter(|e| !e.optional)
                        .filter_map(|e| Some((e, self.node_rarity(&e.node, vocab)?)))
                        .max_by_key(|&(_, rarity)| rarity);
                    match best {
                        Some((e, _)) if self.literals_into(&e.node, vocab, out) => {}
                        _ => {
                            out.truncate(from);
                            return false;
                        }
                    }
                }
                out[from..].sort_unstable();
                let mut kept = from;
                for k in from..out.len() {
                    if kept == from || out[k] != out[kept - 1] {
                        out[kept] = out[k];
                        kept += 1;
                    }
                }
                out.truncate(kept);
            }
        }
        true
    }

    /// [`Self::rarity`] of a node's literals, without listing a word set's.
    fn node_rarity(&self, node: &Node, vocab: &Vocab) -> Option<Rarity> {
        match node {
            Node::Word(w) => Some(self.rarity(&[Lit::Word(*w)], vocab)),
            Node::Set(s) => {
                let words = &self.set_lists[*s as usize];
                Some(self.rank(words.iter().map(|&w| Lit::Word(w)), words.len(), vocab))
            }
            Node::Prefix(_) | Node::Choice(_) => {
                Some(self.rarity(&self.literals(node, vocab)?, vocab))
            }
            Node::Punct(_) | Node::Gap(_) => None,
        }
    }

    /// Higher is rarer: no very common word, longer words, fewer of them.
    fn rarity(&self, lits: &[Lit], vocab: &Vocab) -> Rarity {
        self.rank(lits.iter().copied(), lits.len(), vocab)
    }

    fn rank(&self, lits: impl Iterator<Item = Lit>, count: usize, vocab: &Vocab) -> Rarity {
        let mut common = false;
        let mut shortest = usize::MAX;
        for l in lits {
            let len = match l {
                Lit::Word(w) => {
                    common = common || self.common.binary_search(&w).is_ok();
                    vocab.word(w).len()
                }
                Lit::Prefix(p) => self.prefixes[p as usize].len(),
            };
            shortest = shortest.min(len);
        }
        let shortest = if count == 0 { 0 } else { shortest };
        (!common, shortest.min(6), std::cmp::Reverse(count))
    }

    /// Lays out the sets over the final vocabulary and builds the index.
    pub fn finish(self, vocab: &Vocab) -> Program {
        let set_words = vocab.len().div_ceil(64).max(1);
        let mut sets = vec![0u64; self.set_lists.len() * set_words];
        for (s, list) in self.set_lists.iter().enumerate() {
            for &w in list {
                sets[s * set_words + w as usize / 64] |= 1 << (w % 64);
            }
        }
        let mut sparse_start = Vec::with_capacity(self.set_lists.len() + 1);
        let mut sparse = Vec::new();
        for s in 0..self.set_lists.len() {
            sparse_start.push(sparse.len() as u32);
            for (k, &bits) in sets[s * set_words..][..set_words].iter().enumerate() {
                if bits != 0 {
                    sparse.push((k as u32, bits));
                }
            }
        }
        sparse_start.push(sparse.len() as u32);
        let mut by_word: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
        let mut prefix_entries: Vec<Vec<u32>> = vec![Vec::new(); self.prefixes.len()];
        for (entry, lits) in self.anchors.iter().enumerate() {
            for lit in lits {
                match *lit {
                    Lit::Word(w) => by_word[w as usize].push(entry as u32),
                    Lit::Prefix(p) => prefix_entries[p as usize].push(entry as u32),
                }
            }
        }
        let mut word_start = Vec::with_capacity(vocab.len() + 1);
        let mut word_entries = Vec::new();
        for list in &by_word {
            word_start.push(word_entries.len() as u32);
            word_entries.extend_from_slice(list);
        }
        word_start.push(word_entries.len() as u32);
        let mut prefix_by_first = vec![Vec::new(); 256];
        let mut prefix_filter = vec![0u64; 65536 / 64];
        for (p, bytes) in self.prefixes.iter().enumerate() {
            prefix_by_first[bytes[0] as usize].push(p as u32);
            let seconds: Vec<u8> = match bytes.get(1) {
                Some(&b) => vec![b],
                None => (0..=255).collect(),
            };
            for second in seconds {
                let key = (bytes[0] as usize) << 8 | second as usize;
                prefix_filter[key / 64] |= 1 << (key % 64);
            }
        }
        Program {
            patterns: self.patterns,
            sparse_start,
            sparse,
            sets,
            set_words,
            prefixes: self.prefixes,
            word_start,
            word_entries,
            prefix_entries,
            prefix_by_first,
            prefix_filter,
        }
    }
}

fn max_len(node: &Node) -> usize {
    match node {
        Node::Word(_) | Node::Set(_) | Node::Prefix(_) => 1,
        Node::Punct(_) => 0,
        Node::Gap(n) => *n as usize,
        Node::Choice(c) => c
            .seqs
            .iter()
            .map(|(_, s)| s.iter().map(|e| max_len(&e.node)).sum())
            .max()
            .unwrap_or(1)
            .max(1),
    }
}

/// Required elements besides the anchor checked before a match is tried:
/// two cut the attempts on the benchmark corpus by half; more gain little.
const MAX_REQUIRED_SETS: usize = 2;

const NONE: u32 = u32::MAX;

/// Scratch space reused across replies.
#[derive(Default)]
pub struct Scratch {
    /// Anchor hits as lists per entry: the token and the next hit's index.
    hits: Vec<(u32, u32)>,
    head: Vec<u32>,
    tail: Vec<u32>,
    /// Entries with a hit, in the order first hit.
    touched: Vec<u32>,
    /// The words of the reply, as a bitset over word ids.
    present: Vec<u64>,
}

impl Scratch {
    fn add(&mut self, entry: u32, k: u32) {
        let r = self.hits.len() as u32;
        self.hits.push((k, NONE));
        let e = entry as usize;
        if self.head[e] == NONE {
            self.head[e] = r;
            self.touched.push(entry);
        } else {
            self.hits[self.tail[e] as usize].1 = r;
        }
        self.tail[e] = r;
    }
}

impl Program {
    /// Every match of every pattern in a reply, per pattern left to right and
    /// not overlapping (as a regex's `find_iter` would report them).
    pub fn find(&self, text: &str, tokens: &[Token], scratch: &mut Scratch, out: &mut Vec<Hit>) {
        let bytes = text.as_bytes();
        if scratch.head.len() != self.patterns.len() {
            scratch.head = vec![NONE; self.patterns.len()];
            scratch.tail = vec![NONE; self.patterns.len()];
        }
        scratch.present.clear();
        scratch.present.resize(self.set_words, 0);
        scratch.hits.clear();
        scratch.touched.clear();
        for (k, t) in tokens.iter().enumerate() {
            // A word added to the vocabulary after the program was laid out
            // (or none: `NO_WORD`, where `+ 2` overflows a 32-bit usize)
            // anchors nothing.
            let id = t.word as usize;
            if let Some(&[from, to]) = id
                .checked_add(2)
                .and_then(|end| self.word_start.get(id..end))
            {
                scratch.present[t.word as usize / 64] |= 1 << (t.word % 64);
                for &e in &self.word_entries[from as usize..to as usize] {
                    scratch.add(e, k as u32);
                }
            }
            let word = &bytes[t.start as usize..t.end as usize];
            let key = (word[0] as usize) << 8 | word.get(1).copied().unwrap_or(0) as usize;
            if self.prefix_filter[key / 64] >> (key % 64) & 1 == 0 {
                continue;
            }
            for &p in &self.prefix_by_first[word[0] as usize] {
                if word.starts_with(&self.prefixes[p as usize]) {
                    for &e in &self.prefix_entries[p as usize] {
                        scratch.add(e, k as u32);
                    }
                }
            }
        }
        for &entry in &scratch.touched {
            let e = entry as usize;
            let mut r = std::mem::replace(&mut scratch.head[e], NONE);
            let pattern = &self.patterns[e];
            let present = &scratch.present;
            let holds = |set: u32| {
                let (from, to) = (
                    self.sparse_start[set as usize],
                    self.sparse_start[set as usize + 1],
                );
                self.sparse[from as usize..to as usize]
                    .iter()
                    .any(|&(k, bits)| present[k as usize] & bits != 0)
            };
            if !pattern.requires.iter().all(|&s| holds(s)) {
                continue;
            }
            // Next start not yet tried; next start a new match may take.
            let mut cursor = 0u32;
            while r != NONE {
                let (at, next) = scratch.hits[r as usize];
                r = next;
                let mut start = at.saturating_sub(pattern.before_anchor).max(cursor);
                while start <= at {
                    let t = &tokens[start as usize];
                    if !self.can_start(pattern.first.as_ref(), t, bytes) {
                        start += 1;
                        continue;
                    }
                    match self.match_at(pattern, bytes, tokens, start) {
                        Some((next, end)) => {
                            out.push(Hit {
                                entry,
                                first: start,
                                last: next - 1,
                                start: tokens[start as usize].start,
                                end,
                            });
                            start = next;
                        }
                        None => start += 1,
                    }
                }
                cursor = cursor.max(start);
            }
        }
    }

    fn in_set(&self, set: u32, word: u32) -> bool {
        word != NO_WORD
            && (word as usize) < self.set_words * 64
            && self.sets[set as usize * self.set_words + word as usize / 64] >> (word % 64) & 1 == 1
    }

    fn has_prefix(&self, prefix: u32, t: &Token, text: &[u8]) -> bool {
        text[t.start as usize..t.end as usize].starts_with(&self.prefixes[prefix as usize])
    }

    fn can_start(&self, first: Option<&First>, t: &Token, text: &[u8]) -> bool {
        first.is_none_or(|f| {
            self.in_set(f.words, t.word) || f.prefixes.iter().any(|&p| self.has_prefix(p, t, text))
        })
    }

    /// A match of `pattern` starting at token `start`: the token after it and
    /// its end byte.
    fn match_at(
        &self,
        pattern: &Pattern,
        text: &[u8],
        tokens: &[Token],
        start: u32,
    ) -> Option<(u32, u32)> {
        let run = Run {
            program: self,
            text,
            tokens,
            steps: Cell::new(0),
        };
        let mut found = None;
        let from = State {
            pos: tokens[start as usize].start,
            k: start,
            started: false,
        };
        run.seq(&pattern.elems, from, &mut |s| {
            found = Some((s.k, s.pos));
            true
        });
        found
    }
}

/// Where a match attempt is: `pos` is the byte after what it consumed, `k`
/// the next token.
#[derive(Clone, Copy)]
struct State {
    pos: u32,
    k: u32,
    started: bool,
}

struct Run<'a> {
    program: &'a Program,
    text: &'a [u8],
    tokens: &'a [Token],
    steps: Cell<u32>,
}

type Cont<'c> = &'c mut dyn FnMut(State) -> bool;

/// What [`Run::single`] made of a node.
enum Single {
    Took(State),
    Failed,
    Branches,
}

impl Run<'_> {
    fn seq(&self, mut elems: &[MElem], mut st: State, cont: Cont<'_>) -> bool {
        loop {
            let Some((first, rest)) = elems.split_first() else {
                return cont(st);
            };
            let steps = self.steps.get() + 1;
            self.steps.set(steps);
            if steps > MAX_MATCH_STEPS {
                return false;
            }
            // A required element that takes one token (or one mark) can match
            // one way only: step over it in the loop, with no continuation
            // to build (most elements of most patterns).
            if !first.optional {
                match self.single(&first.node, st) {
                    Single::Took(next) => {
                        st = next;
                        elems = rest;
                        continue;
                    }
                    Single::Failed => return false,
                    Single::Branches => {}
                }
            }
            if self.node(&first.node, st, &mut |s| self.seq(rest, s, &mut *cont)) {
                return true;
            }
            return first.optional && self.seq(rest, st, cont);
        }
    }

    /// Matches a node that can match at most one way, without a
    /// continuation; [`Single::Branches`] for a gap or a choice.
    #[inline(always)]
    fn single(&self, node: &Node, st: State) -> Single {
        let took = |ok: bool, next: State| {
            if ok {
                Single::Took(next)
            } else {
                Single::Failed
            }
        };
        match node {
            Node::Word(w) => match self.next(st) {
                Some(t) => took(t.word == *w, self.take(st, t)),
                None => Single::Failed,
            },
            Node::Set(s) => match self.next(st) {
                Some(t) => took(self.in_set(*s, t.word), self.take(st, t)),
                None => Single::Failed,
            },
            Node::Prefix(p) => match self.next(st) {
                Some(t) => took(self.has_prefix(*p, t), self.take(st, t)),
                None => Single::Failed,
            },
            Node::Punct(c) => match self.punct(*c, st) {
                Some(next) => Single::Took(next),
                None => Single::Failed,
            },
            Node::Gap(_) | Node::Choice(_) => Single::Branches,
        }
    }

    /// Punctuation mark `c` right after the last word (one space allowed).
    fn punct(&self, c: u8, st: State) -> Option<State> {
        if !st.started {
            return None;
        }
        let mut pos = st.pos as usize;
        if self.text.get(pos) == Some(&b' ') {
            pos += 1;
        }
        (self.text.get(pos) == Some(&c)).then_some(State {
            pos: pos as u32 + 1,
            ..st
        })
    }

    /// The next token, if a pattern may step to it: within the clause.
    fn next(&self, st: State) -> Option<&Token> {
        let t = self.tokens.get(st.k as usize)?;
        if st.started && t.ender != NO_ENDER && t.ender >= st.pos {
            return None;
        }
        Some(t)
    }

    fn take(&self, st: State, t: &Token) -> State {
        State {
            pos: t.end,
            k: st.k + 1,
            started: true,
        }
    }

    fn in_set(&self, set: u32, word: u32) -> bool {
        self.program.in_set(set, word)
    }

    fn has_prefix(&self, prefix: u32, t: &Token) -> bool {
        self.program.has_prefix(prefix, t, self.text)
    }

    fn node(&self, node: &Node, st: State, cont: Cont<'_>) -> bool {
        match node {
            Node::Word(_) | Node::Set(_) | Node::Prefix(_) | Node::Punct(_) => {
                match self.single(node, st) {
                    Single::Took(next) => cont(next),
                    Single::Failed | Single::Branches => false,
                }
            }
            Node::Gap(n) => {
                // Longest first, as a greedy regex repeat.
                let mut states = [st; 9];
                let mut taken = 0;
                let mut cur = st;
                while taken < *n as usize && cur.started {
                    let Some(t) = self.next(cur) else { break };
                    cur = self.take(cur, t);
                    taken += 1;
                    states[taken] = cur;
                }
                (0..=taken).rev().any(|j| cont(states[j]))
            }
            Node::Choice(c) => {
                let t = self.next(st);
                if let Some(t) = t {
                    let single = c.words.is_some_and(|s| self.in_set(s, t.word))
                        || c.prefixes.iter().any(|&p| self.has_prefix(p, t));
                    if single && cont(self.take(st, t)) {
                        return true;
                    }
                }
                c.seqs.iter().any(|(first, seq)| {
                    let could = match (first, t) {
                        (None, _) => true,
                        (Some(_), None) => false,
                        (Some(f), Some(t)) => self.program.can_start(Some(f), t, self.text),
                    };
                    could && self.seq(seq, st, &mut *cont)
                })
            }
        }
    }
}

// --- The compiled lexicon, saved ----------------------------------------------------
//
// The built-in lexicon compiles to the same program every time, so its
// compiled form is kept in `lexicon/compiled.bin` (see `crate::lexicon`) and
// read back at start-up instead of parsing every pattern again. The format is
// unsigned LEB128 numbers (most ids fit in one or two bytes, which keeps the
// file a third the size of plain `u32`s): counts, ids, lengths. Reading checks every id against
// what it indexes, so a damaged file is refused (and the lexicon compiled from
// its sources), never trusted.

/// Appends `u32`s and byte strings.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u32(&mut self, mut v: u32) {
        while v >= 0x80 {
            self.0.push(v as u8 | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
    fn list(&mut self, ids: &[u32]) {
        self.u32(ids.len() as u32);
        ids.iter().for_each(|&v| self.u32(v));
    }
}

/// Reads what a [`Writer`] wrote; `None` at the end or on a bad length.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }
    pub fn u32(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }
    /// A count of things each at least a byte long: no more than the rest of
    /// the input can hold, so a bad count allocates nothing large.
    fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.bytes.len()).then_some(n)
    }
    fn list(&mut self, below: u32) -> Option<Vec<u32>> {
        let n = self.count()?;
        (0..n).map(|_| self.u32().filter(|&v| v < below)).collect()
    }
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// The bounds ids must respect while reading a program.
struct Bounds {
    words: u32,
    sets: u32,
    prefixes: u32,
    choices: u32,
}

impl ProgramBuilder {
    /// Writes what [`ProgramBuilder::finish`] needs: the sets, prefixes,
    /// patterns (their choices once each, inner ones first) and anchors.
    pub(crate) fn encode(&self, w: &mut Writer) {
        // A set's ids are sorted: each is written as its gap from the last.
        w.u32(self.set_lists.len() as u32);
        for set in &self.set_lists {
            w.u32(set.len() as u32);
            let mut last = 0;
            for (k, &id) in set.iter().enumerate() {
                w.u32(if k == 0 { id } else { id - last });
                last = id;
            }
        }
        w.u32(self.prefixes.len() as u32);
        self.prefixes.iter().for_each(|p| w.bytes(p));
        let mut table: Vec<std::rc::Rc<Choice>> = Vec::new();
        let mut index: std::collections::HashMap<*const Choice, u32> = Default::default();
        fn collect(
            elems: &[MElem],
            table: &mut Vec<std::rc::Rc<Choice>>,
            index: &mut std::collections::HashMap<*const Choice, u32>,
        ) {
            for e in elems {
                if let Node::Choice(c) = &e.node {
                    if !index.contains_key(&std::rc::Rc::as_ptr(c)) {
                        c.seqs
                            .iter()
                            .for_each(|(_, seq)| collect(seq, table, index));
                        index.insert(std::rc::Rc::as_ptr(c), table.len() as u32);
                        table.push(c.clone());
                    }
                }
            }
        }
        for p in &self.patterns {
            collect(&p.elems, &mut table, &mut index);
        }
        let elems = |w: &mut Writer, elems: &[MElem]| {
            w.u32(elems.len() as u32);
            for e in elems {
                let (tag, value) = match &e.node {
                    Node::Word(v) => (0, *v),
                    Node::Set(v) => (1, *v),
                    Node::Prefix(v) => (2, *v),
                    Node::Punct(c) => (3, *c as u32),
                    Node::Gap(n) => (4, *n as u32),
                    Node::Choice(c) => (5, index[&std::rc::Rc::as_ptr(c)]),
                };
                // The value, the kind of node (3 bits) and whether optional.
                w.u32(value << 4 | tag << 1 | e.optional as u32);
            }
        };
        // An optional id is written plus one, 0 for none.
        let first = |w: &mut Writer, first: &Option<First>| match first {
            None => w.u32(0),
            Some(f) => {
                w.u32(f.words + 1);
                w.list(&f.prefixes);
            }
        };
        w.u32(table.len() as u32);
        for c in &table {
            w.u32(c.words.map_or(0, |s| s + 1));
            w.list(&c.prefixes);
            w.u32(c.seqs.len() as u32);
            for (f, seq) in &c.seqs {
                first(w, f);
                elems(w, seq);
            }
        }
        w.u32(self.patterns.len() as u32);
        for (p, anchors) in self.patterns.iter().zip(&self.anchors) {
            elems(w, &p.elems);
            first(w, &p.first);
            w.u32(p.before_anchor);
            w.list(&p.requires);
            w.u32(anchors.len() as u32);
            for lit in anchors {
                match *lit {
                    Lit::Word(v) => w.u32(v << 1),
                    Lit::Prefix(v) => w.u32(v << 1 | 1),
                }
            }
        }
    }

    /// Reads what [`ProgramBuilder::encode`] wrote, for a vocabulary of
    /// `words` words; `None` if anything is out of bounds.
    pub(crate) fn decode(r: &mut Reader<'_>, words: u32) -> Option<ProgramBuilder> {
        let mut b = ProgramBuilder::default();
        let sets = r.count()?;
        for _ in 0..sets {
            let n = r.count()?;
            let mut set = Vec::with_capacity(n);
            for k in 0..n {
                let gap = r.u32()?;
                let id = if k == 0 { gap } else { set[k - 1] + gap.max(1) };
                if id >= words || (k > 0 && gap == 0) {
                    return None;
                }
                set.push(id);
            }
            b.set_lists.push(set);
        }
        let prefixes = r.count()?;
        for _ in 0..prefixes {
            b.prefixes.push(r.bytes()?.into());
        }
        let mut bounds = Bounds {
            words,
            sets: sets as u32,
            prefixes: prefixes as u32,
            choices: 0,
        };
        fn elems(
            r: &mut Reader<'_>,
            bounds: &Bounds,
            table: &[std::rc::Rc<Choice>],
        ) -> Option<Vec<MElem>> {
            let n = r.count()?;
            (0..n)
                .map(|_| {
                    let packed = r.u32()?;
                    let value = packed >> 4;
                    let node = match packed >> 1 & 7 {
                        0 if value < bounds.words => Node::Word(value),
                        1 if value < bounds.sets => Node::Set(value),
                        2 if value < bounds.prefixes => Node::Prefix(value),
                        3 => Node::Punct(u8::try_from(value).ok()?),
                        4 => Node::Gap(u8::try_from(value).ok()?),
                        5 if value < bounds.choices => Node::Choice(table[value as usize].clone()),
                        _ => return None,
                    };
                    Some(MElem {
                        node,
                        optional: packed & 1 == 1,
                    })
                })
                .collect()
        }
        fn first(r: &mut Reader<'_>, bounds: &Bounds) -> Option<Option<First>> {
            let Some(words) = r.u32()?.checked_sub(1) else {
                return Some(None);
            };
            (words < bounds.sets).then_some(())?;
            Some(Some(First {
                words,
                prefixes: r.list(bounds.prefixes)?,
            }))
        }
        let choices = r.count()?;
        let mut table: Vec<std::rc::Rc<Choice>> = Vec::with_capacity(choices);
        for _ in 0..choices {
            let words = match r.u32()?.checked_sub(1) {
                None => None,
                Some(s) if s < bounds.sets => Some(s),
                Some(_) => return None,
            };
            let prefixes = r.list(bounds.prefixes)?;
            let n = r.count()?;
            let mut seqs = Vec::with_capacity(n);
            for _ in 0..n {
                let f = first(r, &bounds)?;
                seqs.push((f, elems(r, &bounds, &table)?));
            }
            table.push(std::rc::Rc::new(Choice {
                words,
                prefixes,
                seqs,
            }));
            bounds.choices = table.len() as u32;
        }
        let patterns = r.count()?;
        for _ in 0..patterns {
            let elems = elems(r, &bounds, &table)?;
            let first = first(r, &bounds)?;
            let before_anchor = r.u32()?;
            let requires = r.list(bounds.sets)?;
            let n = r.count()?;
            let mut anchors = Vec::with_capacity(n);
            for _ in 0..n {
                let v = r.u32()?;
                anchors.push(if v & 1 == 1 {
                    (v >> 1 < bounds.prefixes).then_some(Lit::Prefix(v >> 1))?
                } else {
                    (v >> 1 < bounds.words).then_some(Lit::Word(v >> 1))?
                });
            }
            if elems.is_empty() {
                return None;
            }
            b.push(
                Pattern {
                    elems,
                    first,
                    before_anchor,
                    requires,
                },
                anchors,
            );
        }
        Some(b)
    }
}

impl Vocab {
    /// The words after the first `from` (the rules' words, which
    /// [`crate::rules::add_rule_words`] puts first, with all the flags), in
    /// id order.
    pub(crate) fn encode(&self, from: usize, w: &mut Writer) {
        w.u32(from as u32);
        w.u32((self.words.len() - from) as u32);
        self.words[from..]
            .iter()
            .for_each(|word| w.bytes(word.as_bytes()));
    }

    /// Reads what [`Vocab::encode`] wrote onto a vocabulary holding the
    /// rules' words: the same words under the same ids.
    pub(crate) fn decode(mut self, r: &mut Reader<'_>) -> Option<Vocab> {
        if r.u32()? as usize != self.words.len() {
            return None; // other rules' words: ids would shift
        }
        let n = r.count()?;
        for _ in 0..n {
            let word = std::str::from_utf8(r.bytes()?).ok()?;
            let id = self.words.len() as u32;
            if word.is_empty() || self.intern(word) != id {
                return None; // a repeated word
            }
        }
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::{compile, Slots};

    fn program(patterns: &[&str]) -> (Program, Vocab) {
        let mut slots = Slots::new();
        slots.insert("mom".into(), "mom|mother|mum|sorry excuse for a mom".into());
        slots.insert("bad".into(), "bad|terrible|worst|irresponsib*".into());
        let mut vocab = Vocab::default();
        let mut b = ProgramBuilder::default();
        for p in patterns {
            b.add(&compile(p, &slots).unwrap().elems, &mut vocab);
        }
        (b.finish(&vocab), vocab)
    }

    fn spans(patterns: &[&str], text: &str) -> Vec<(u32, String)> {
        let (p, vocab) = program(patterns);
        let mut tokens = Vec::new();
        tokenize(text, &vocab, &mut tokens);
        let mut hits = Vec::new();
        p.find(text, &tokens, &mut Scratch::default(), &mut hits);
        hits.iter()
            .map(|h| (h.entry, text[h.start as usize..h.end as usize].to_string()))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "{bad} {mom}",
                "you are a terrible mother",
                &["terrible mother"],
            ),
            ("{bad} {mom}", "a bad. mom", &[]),
            ("{bad} {mom}", "bad, mom", &["bad, mom"]),
            (
                "{bad} {mom}",
                "irresponsible mum and bad mom",
                &["irresponsible mum", "bad mom"],
            ),
            (
                "{bad} {mom}",
                "the worst sorry excuse for a mom",
                &["worst sorry excuse for a mom"],
            ),
            (
                "should ~3 ashamed",
                "you should really be so ashamed",
                &["should really be so ashamed"],
            ),
            ("should ~1 ashamed", "you should really be so ashamed", &[]),
            ("should ~3 ashamed", "you should. be ashamed", &[]),
            (
                "(so|very)? selfish",
                "very selfish and selfish",
                &["very selfish", "selfish"],
            ),
            (
                "who is watching (the|your) baby ?",
                "who is watching the baby ? no",
                &["who is watching the baby ?"],
            ),
            (
                "who is watching (the|your) baby ?",
                "who is watching the baby. no",
                &[],
            ),
            ("formula ? really", "formula? really", &["formula? really"]),
            ("mom", "mommy", &[]),
            ("mom", "'mom'", &["mom"]),
        ];
        for (pattern, text, want) in cases {
            let got: Vec<String> = spans(&[pattern], text)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
            assert_eq!(&got, want, "{pattern:?} on {text:?}");
        }
    }

    #[test]
    fn possessives_fall_back_to_their_stem() {
        assert_eq!(spans(&["{bad} {mom}"], "bad mom's fault").len(), 1);
    }

    #[test]
    fn hostile_patterns_stay_within_the_step_budget() {
        // Without the budget this would try ~9^7 paths from each start.
        let p = ["a ~8 a ~8 a ~8 a ~8 a ~8 a ~8 a ~8 b"];
        let text = format!("{}. b", "a ".repeat(200));
        assert!(spans(&p, &text).is_empty());
    }
}
