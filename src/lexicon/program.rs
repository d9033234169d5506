//! Compiling the lexicon's patterns into a program over word ids (matched by
//! [`super::run`]).
//!
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
//! ([`crate::lexicon::pattern::Compiled::regex`]): the test suite checks the two
//! agree, and the benchmark's plain-JavaScript peer runs it.

use super::pattern::{Atom, Elem};
use crate::text::{hash::*, vocab::*};

/// A compiled pattern element.
#[derive(Clone)]
pub(crate) enum Node {
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
pub(crate) struct Choice {
    pub(crate) words: Option<u32>,
    pub(crate) prefixes: Vec<u32>,
    pub(crate) seqs: Vec<(Option<First>, Vec<MElem>)>,
    /// Which of `seqs` can start with which word, worked out on first use
    /// (a slot such as `{mom}` has dozens of multi-word alternatives, and a
    /// token should try only those it can start): see [`SeqStarts`].
    pub(crate) starts: std::cell::OnceCell<Option<SeqStarts>>,
}

/// A choice's sequences by the words they can start with: (word, a bit per
/// sequence), sorted by word, and the bits of those that can also start
/// with a prefix (they still test it). `None` (the choice tries each
/// sequence in turn) where a sequence can start with anything, or there are
/// more sequences than bits.
#[derive(Clone, Default)]
pub(crate) struct SeqStarts {
    pub(crate) by_word: Vec<(u32, u64)>,
    pub(crate) by_prefix: u64,
}

impl SeqStarts {
    pub(crate) fn of(choice: &Choice, program: &Program) -> Option<SeqStarts> {
        if choice.seqs.len() > 64 {
            return None;
        }
        let mut starts = SeqStarts::default();
        for (k, (first, _)) in choice.seqs.iter().enumerate() {
            let first = first.as_ref()?;
            let set = first.words as usize;
            let (from, to) = (program.sparse_start[set], program.sparse_start[set + 1]);
            for &(at, mut bits) in &program.sparse[from as usize..to as usize] {
                while bits != 0 {
                    let word = at * 64 + bits.trailing_zeros();
                    bits &= bits - 1;
                    starts.by_word.push((word, 1 << k));
                }
            }
            if !first.prefixes.is_empty() {
                starts.by_prefix |= 1 << k;
            }
        }
        starts.by_word.sort_unstable_by_key(|&(w, _)| w);
        starts.by_word.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            if same {
                kept.1 |= next.1;
            }
            same
        });
        Some(starts)
    }
}

/// The words a sequence can start with: a set, plus prefixes. `None` where
/// that is not known (a sequence starting with punctuation).
#[derive(Clone)]
pub(crate) struct First {
    pub(crate) words: u32,
    pub(crate) prefixes: Vec<u32>,
}

#[derive(Clone)]
pub(crate) struct MElem {
    pub(crate) node: Node,
    pub(crate) optional: bool,
}

pub(crate) struct Pattern {
    pub(crate) elems: Vec<MElem>,
    pub(crate) first: Option<First>,
    /// At most this many tokens of a match come before its anchor's token.
    pub(crate) before_anchor: u32,
    /// Word sets besides the anchor a reply must hold a word of (the rarest
    /// other required elements): a cheap test before trying to match.
    pub(crate) requires: Vec<u32>,
}

/// How good an anchor a set of literals is: not a common word, then longer
/// (up to 6 bytes), then fewer alternatives.
pub(crate) type Rarity = (bool, usize, std::cmp::Reverse<usize>);

/// Something every match of an element holds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Lit {
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
    pub(crate) patterns: Vec<Pattern>,
    /// Each set's non-zero bitset words, (index, bits), CSR by set: a set of
    /// a few words is tested against a reply in a few steps.
    pub(crate) sparse_start: Vec<u32>,
    pub(crate) sparse: Vec<(u32, u64)>,
    /// Word sets as bitsets over word ids, `set_words` u64s each.
    pub(crate) sets: Vec<u64>,
    pub(crate) set_words: usize,
    pub(crate) prefixes: Vec<Box<[u8]>>,
    /// Anchor index, by word id (CSR: `word_start[id]..word_start[id + 1]`).
    pub(crate) word_start: Vec<u32>,
    pub(crate) word_entries: Vec<u32>,
    /// Anchor index, by prefix id.
    pub(crate) prefix_entries: Vec<Vec<u32>>,
    /// Prefix ids by first byte, and a filter on the first two bytes.
    pub(crate) prefix_by_first: Vec<Vec<u32>>,
    pub(crate) prefix_filter: Vec<u64>,
}

pub(crate) type SharedGroup = std::rc::Rc<Vec<crate::lexicon::pattern::Seq>>;

/// Collects patterns, interning their words; [`ProgramBuilder::finish`]
/// then lays out the sets and the index once the vocabulary is complete.
#[derive(Default)]
pub struct ProgramBuilder {
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) anchors: Vec<Vec<Lit>>,
    pub(crate) set_lists: Vec<Vec<u32>>,
    pub(crate) set_index: WordMap<Vec<u32>, u32>,
    pub(crate) prefixes: Vec<Box<[u8]>>,
    pub(crate) prefix_index: WordMap<Box<[u8]>, u32>,
    /// Shared groups (slots, used by many patterns) compiled so far, by
    /// address, each kept alive here so no address is reused.
    pub(crate) groups: WordMap<usize, (SharedGroup, Node)>,
    /// Ids of the common words (`crate::text::lists`), sorted.
    pub(crate) common: Vec<u32>,
    /// The words the patterns name, as a bitset over ids and in the order
    /// first named (the vocabulary also holds the rules' words).
    pub(crate) named: Vec<u64>,
    pub(crate) named_order: Vec<u32>,
    /// Reused for the word lists that become sets (most are sets already
    /// made: a slot's first words, one word).
    pub(crate) scratch: Vec<u32>,
}

impl ProgramBuilder {
    /// Adds a parsed pattern as the next entry. The parser guarantees it has
    /// a required word and does not start or end with a gap.
    pub fn add(&mut self, elems: &[Elem], vocab: &mut Vocab) {
        if self.common.is_empty() {
            self.common = crate::text::lists::list(crate::text::lists::list::COMMON_WORD)
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
    pub(crate) fn push(&mut self, pattern: Pattern, anchor: Vec<Lit>) {
        self.patterns.push(pattern);
        self.anchors.push(anchor);
    }

    pub(crate) fn elem(&mut self, e: &Elem, vocab: &mut Vocab) -> MElem {
        MElem {
            node: self.node(&e.atom, vocab),
            optional: e.optional,
        }
    }

    pub(crate) fn node(&mut self, atom: &Atom, vocab: &mut Vocab) -> Node {
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
                        starts: Default::default(),
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
    pub(crate) fn word(&mut self, w: &str, vocab: &mut Vocab) -> u32 {
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

    /// Every word the patterns added so far name, in the order first named.
    pub fn named_words(&self) -> &[u32] {
        &self.named_order
    }

    /// The set of `words` (sorted and deduplicated in place), made if new.
    pub(crate) fn set(&mut self, words: &mut Vec<u32>) -> u32 {
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

    pub(crate) fn prefix(&mut self, p: &str) -> u32 {
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
    pub(crate) fn first(&mut self, elems: &[MElem]) -> Option<First> {
        let mut words = std::mem::take(&mut self.scratch);
        words.clear();
        let first = self.first_into(elems, &mut words);
        self.scratch = words;
        first
    }

    pub(crate) fn first_into(&mut self, elems: &[MElem], words: &mut Vec<u32>) -> Option<First> {
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
    pub(crate) fn literals(&self, node: &Node, vocab: &Vocab) -> Option<Vec<Lit>> {
        let mut lits = Vec::with_capacity(16);
        self.literals_into(node, vocab, &mut lits).then_some(lits)
    }

    /// [`Self::literals`], appended to `out` (one list grows through the
    /// recursion: start-up lists the literals of thousands of nodes); false,
    /// with `out` as it was, if there are none.
    pub(crate) fn literals_into(&self, node: &Node, vocab: &Vocab, out: &mut Vec<Lit>) -> bool {
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
    pub(crate) fn node_rarity(&self, node: &Node, vocab: &Vocab) -> Option<Rarity> {
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
    pub(crate) fn rarity(&self, lits: &[Lit], vocab: &Vocab) -> Rarity {
        self.rank(lits.iter().copied(), lits.len(), vocab)
    }

    pub(crate) fn rank(
        &self,
        lits: impl Iterator<Item = Lit>,
        count: usize,
        vocab: &Vocab,
    ) -> Rarity {
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

pub(crate) fn max_len(node: &Node) -> usize {
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
pub(crate) const MAX_REQUIRED_SETS: usize = 2;
