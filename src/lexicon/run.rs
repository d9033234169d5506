//! Running a compiled program over a reply's tokens.

use super::program::*;
use crate::text::{tokens::*, vocab::*};
use crate::tuning::MAX_MATCH_STEPS;
use std::cell::Cell;

pub(crate) const NONE: u32 = u32::MAX;

/// Scratch space reused across replies.
#[derive(Default)]
pub struct Scratch {
    /// Anchor hits as lists per entry: the token and the next hit's index.
    pub(crate) hits: Vec<(u32, u32)>,
    pub(crate) head: Vec<u32>,
    pub(crate) tail: Vec<u32>,
    /// Entries with a hit, in the order first hit.
    pub(crate) touched: Vec<u32>,
    /// The words of the reply, as a bitset over word ids.
    pub(crate) present: Vec<u64>,
}

impl Scratch {
    pub(crate) fn add(&mut self, entry: u32, k: u32) {
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

    pub(crate) fn in_set(&self, set: u32, word: u32) -> bool {
        word != NO_WORD
            && (word as usize) < self.set_words * 64
            && self.sets[set as usize * self.set_words + word as usize / 64] >> (word % 64) & 1 == 1
    }

    pub(crate) fn has_prefix(&self, prefix: u32, t: &Token, text: &[u8]) -> bool {
        text[t.start as usize..t.end as usize].starts_with(&self.prefixes[prefix as usize])
    }

    pub(crate) fn can_start(&self, first: Option<&First>, t: &Token, text: &[u8]) -> bool {
        first.is_none_or(|f| {
            self.in_set(f.words, t.word) || f.prefixes.iter().any(|&p| self.has_prefix(p, t, text))
        })
    }

    /// A match of `pattern` starting at token `start`: the token after it and
    /// its end byte.
    pub(crate) fn match_at(
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
pub(crate) struct State {
    pub(crate) pos: u32,
    pub(crate) k: u32,
    pub(crate) started: bool,
}

pub(crate) struct Run<'a> {
    pub(crate) program: &'a Program,
    pub(crate) text: &'a [u8],
    pub(crate) tokens: &'a [Token],
    pub(crate) steps: Cell<u32>,
}

pub(crate) type Cont<'c> = &'c mut dyn FnMut(State) -> bool;

/// What [`Run::single`] made of a node.
pub(crate) enum Single {
    Took(State),
    Failed,
    Branches,
}

impl Run<'_> {
    pub(crate) fn seq(&self, mut elems: &[MElem], mut st: State, cont: Cont<'_>) -> bool {
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
    pub(crate) fn single(&self, node: &Node, st: State) -> Single {
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
    pub(crate) fn punct(&self, c: u8, st: State) -> Option<State> {
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
    pub(crate) fn next(&self, st: State) -> Option<&Token> {
        let t = self.tokens.get(st.k as usize)?;
        if st.started && t.ender != NO_ENDER && t.ender >= st.pos {
            return None;
        }
        Some(t)
    }

    pub(crate) fn take(&self, st: State, t: &Token) -> State {
        State {
            pos: t.end,
            k: st.k + 1,
            started: true,
        }
    }

    pub(crate) fn in_set(&self, set: u32, word: u32) -> bool {
        self.program.in_set(set, word)
    }

    pub(crate) fn has_prefix(&self, prefix: u32, t: &Token) -> bool {
        self.program.has_prefix(prefix, t, self.text)
    }

    pub(crate) fn node(&self, node: &Node, st: State, cont: Cont<'_>) -> bool {
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
                if let Some(starts) = c.starts.get_or_init(|| SeqStarts::of(c, self.program)) {
                    // Every sequence needs a first word: none without a token.
                    let Some(t) = t else { return false };
                    // Only the sequences that can start with this token, in
                    // their order: those by its word need no further test.
                    let by_word = starts
                        .by_word
                        .binary_search_by_key(&t.word, |&(w, _)| w)
                        .map_or(0, |i| starts.by_word[i].1);
                    let mut left = by_word | starts.by_prefix;
                    while left != 0 {
                        let k = left.trailing_zeros() as usize;
                        left &= left - 1;
                        let (first, seq) = &c.seqs[k];
                        let could = by_word >> k & 1 == 1
                            || self.program.can_start(first.as_ref(), t, self.text);
                        if could && self.seq(seq, st, &mut *cont) {
                            return true;
                        }
                    }
                    return false;
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
