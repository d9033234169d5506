//! The compiled lexicon, saved.
//!
//! The built-in lexicon compiles to the same program every time, so its
//! compiled form is kept in `lexicon/en/compiled.bin` (see `crate::lexicon`) and
//! read back at start-up instead of parsing every pattern again. The format is
//! unsigned LEB128 numbers (most ids fit in one or two bytes, which keeps the
//! file a third the size of plain `u32`s): counts, ids, lengths. Reading checks every id against
//! what it indexes, so a damaged file is refused (and the lexicon compiled from
//! its sources), never trusted.

use super::program::*;
use crate::text::vocab::*;

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
    pub(crate) fn list(&mut self, ids: &[u32]) {
        self.u32(ids.len() as u32);
        ids.iter().for_each(|&v| self.u32(v));
    }
}

/// Reads what a [`Writer`] wrote; `None` at the end or on a bad length.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
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
    pub(crate) fn count(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.bytes.len()).then_some(n)
    }
    pub(crate) fn list(&mut self, below: u32) -> Option<Vec<u32>> {
        let n = self.count()?;
        (0..n).map(|_| self.u32().filter(|&v| v < below)).collect()
    }
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// The bounds ids must respect while reading a program.
pub(crate) struct Bounds {
    pub(crate) words: u32,
    pub(crate) sets: u32,
    pub(crate) prefixes: u32,
    pub(crate) choices: u32,
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
                starts: Default::default(),
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
    /// [`crate::rules::words::add_rule_words`] puts first, with all the flags), in
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
