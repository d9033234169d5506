//! The phrase-pattern language of the lexicon.
//!
//! A lexicon line reads like the phrase it catches, with slots where the
//! wording varies:
//!
//! | syntax         | meaning                                                  |
//! |----------------|----------------------------------------------------------|
//! | `word`         | that whole word (after normalisation: `don't` is `do not`)|
//! | `word*`        | a word starting with `word` (`irresponsib*`)             |
//! | `{slot}`       | any word or phrase of a named slot (`{mom}`, `{kid}`)     |
//! | `(a|b c|d)`    | one of the alternatives; each may be several words        |
//! | `x?`           | `x` is optional (any of the forms above)                  |
//! | `~3`           | up to 3 words of anything, within the clause              |
//!
//! Words are separated by anything but word characters and the clause
//! enders `. ! ? ;`, so a pattern never reaches across sentences.
//!
//! [`compile`] parses a pattern into elements, which [`crate::matcher`]
//! matches on the reply's words. [`regex_source`] writes the same pattern as
//! a regex over the normalised text: the definition of what a pattern means,
//! against which the test suite checks the matcher, and what the benchmark's
//! plain-JavaScript peer runs.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

/// Separator between two words of a pattern: no word characters, no clause end.
pub(crate) const SEP: &str = r"[^a-z0-9'_.!?;]+";
/// One word of the normalised text.
pub(crate) const WORD: &str = r"[a-z0-9'_]+";

#[derive(Debug, Clone, PartialEq)]
pub struct PatternError {
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

pub(crate) fn err<T>(message: impl Into<String>) -> Result<T, PatternError> {
    Err(PatternError {
        message: message.into(),
    })
}

/// A parsed pattern.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The elements, for the token matcher ([`crate::matcher`]).
    pub elems: Vec<Elem>,
}

#[derive(Debug, Clone)]
pub enum Atom {
    Word(Word),
    Prefix(Word),
    Punct(char),
    /// Shared: a slot is parsed once and used by many patterns.
    Group(Rc<Vec<Seq>>),
    Gap(usize),
}

/// A word of a pattern, held inline up to [`Word::INLINE`] bytes (nearly
/// every word): the Scorer parses some 15,000 words at start-up, and a heap
/// string each was a third of its allocations.
#[derive(Clone)]
pub enum Word {
    Inline { len: u8, bytes: [u8; Word::INLINE] },
    Heap(Box<str>),
}

impl Word {
    const INLINE: usize = 22;

    pub(crate) fn new(text: &str) -> Word {
        if text.len() <= Word::INLINE {
            let mut bytes = [0; Word::INLINE];
            bytes[..text.len()].copy_from_slice(text.as_bytes());
            Word::Inline {
                len: text.len() as u8,
                bytes,
            }
        } else {
            Word::Heap(text.into())
        }
    }
}

impl std::ops::Deref for Word {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Built from a `&str` cut at its end: valid UTF-8.
            Word::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..*len as usize]).expect("a word is UTF-8")
            }
            Word::Heap(s) => s,
        }
    }
}

impl fmt::Debug for Word {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

#[derive(Debug, Clone)]
pub struct Elem {
    pub atom: Atom,
    pub optional: bool,
}

/// A sequence of elements: an alternative of a group, nearly always one
/// word, is held inline (a slot of 60 words is 60 sequences, and the Scorer
/// parses every pattern at start-up).
#[derive(Debug, Clone, Default)]
pub enum Seq {
    #[default]
    Empty,
    One(Elem),
    Many(Vec<Elem>),
}

impl Seq {
    pub(crate) fn push(&mut self, elem: Elem) {
        match self {
            Seq::Empty => *self = Seq::One(elem),
            Seq::One(_) => {
                let Seq::One(first) = std::mem::take(self) else {
                    unreachable!("matched One");
                };
                *self = Seq::Many(vec![first, elem]);
            }
            Seq::Many(elems) => elems.push(elem),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Elem> {
        match self {
            Seq::Empty => Vec::new(),
            Seq::One(elem) => vec![elem],
            Seq::Many(elems) => elems,
        }
    }
}

impl std::ops::Deref for Seq {
    type Target = [Elem];
    fn deref(&self) -> &[Elem] {
        match self {
            Seq::Empty => &[],
            Seq::One(elem) => std::slice::from_ref(elem),
            Seq::Many(elems) => elems,
        }
    }
}

/// Named slots: `{name}` expands to a group of alternatives. Each slot is
/// parsed once, on first use, however many patterns name it.
#[derive(Default)]
pub struct Slots {
    pub(crate) bodies: HashMap<String, String>,
    pub(crate) parsed: RefCell<HashMap<String, Atom>>,
    /// The patterns are Spanish or Portuguese: their words are folded
    /// without the English repairs (`ya` is not `you`), as their replies are.
    pub(crate) not_english: bool,
}

impl Slots {
    pub fn new() -> Slots {
        Slots::default()
    }

    /// Adds a slot; returns false if it already existed.
    pub fn insert(&mut self, name: String, body: String) -> bool {
        self.parsed.get_mut().clear();
        self.bodies.insert(name, body).is_none()
    }

    /// The slots' alternatives as written.
    pub fn bodies(&self) -> impl Iterator<Item = &str> {
        self.bodies.values().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.bodies.len()
    }

    /// Marks the slots (and the patterns compiled with them) as of a
    /// language other than English.
    pub fn set_not_english(&mut self) {
        self.not_english = true;
        self.parsed.get_mut().clear();
    }

    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }
}

pub fn compile(source: &str, slots: &Slots) -> Result<Compiled, PatternError> {
    let mut parser = Parser::new(source, slots, 0);
    let elems = parser.sequence()?.into_vec();
    if parser.pos < parser.len() {
        return err(format!(
            "unexpected '{}' at character {}",
            parser.peek().unwrap_or(' '),
            parser.pos + 1
        ));
    }
    if elems.is_empty() {
        return err("the pattern is empty");
    }
    if matches!(elems[0].atom, Atom::Gap(_)) || matches!(elems[elems.len() - 1].atom, Atom::Gap(_))
    {
        return err("a gap ~N must stand between words");
    }
    if matches!(elems[0].atom, Atom::Punct(_)) {
        return err("a pattern must start with a word, not punctuation");
    }
    if !elems
        .iter()
        .any(|e| !e.optional && always_has_word(&e.atom))
    {
        return err(
            "the pattern needs at least one required word (not only optional parts or gaps)",
        );
    }
    Ok(Compiled { elems })
}

/// The regex a parsed pattern stands for, over the normalised text (syntax
/// common to Rust's `regex` and JavaScript).
pub fn regex_source(elems: &[Elem]) -> String {
    let mut regex = String::new();
    if starts_with_word(elems) {
        regex.push_str(r"\b");
    }
    emit_sequence(elems, &mut regex);
    if ends_with_word(elems) {
        regex.push_str(r"\b");
    }
    regex
}

/// Whether every match of `atom` holds a word.
pub(crate) fn always_has_word(atom: &Atom) -> bool {
    match atom {
        Atom::Word(_) | Atom::Prefix(_) => true,
        Atom::Punct(_) | Atom::Gap(_) => false,
        Atom::Group(alts) => alts
            .iter()
            .all(|alt| alt.iter().any(|e| !e.optional && always_has_word(&e.atom))),
    }
}

pub(crate) struct Parser<'a> {
    pub(crate) source: std::borrow::Cow<'a, str>,
    /// The source's chars and where each starts (with its end last), for a
    /// pattern with non-ASCII letters; an ASCII pattern (nearly all) is
    /// read byte by byte, with no tables built (the Scorer parses every
    /// pattern at start-up).
    pub(crate) wide: Option<(Vec<char>, Vec<usize>)>,
    pub(crate) pos: usize,
    pub(crate) slots: &'a Slots,
    pub(crate) depth: usize,
}

/// Slots may name slots; this bounds how deep (and rules out cycles).
pub(crate) const MAX_NESTING: usize = 8;

impl<'a> Parser<'a> {
    pub(crate) fn new(
        source: impl Into<std::borrow::Cow<'a, str>>,
        slots: &'a Slots,
        depth: usize,
    ) -> Parser<'a> {
        let source = source.into();
        let wide = (!source.is_ascii()).then(|| {
            let mut chars = Vec::with_capacity(source.len());
            let mut offsets = Vec::with_capacity(source.len() + 1);
            for (i, c) in source.char_indices() {
                offsets.push(i);
                chars.push(c);
            }
            offsets.push(source.len());
            (chars, offsets)
        });
        Parser {
            source,
            wide,
            pos: 0,
            slots,
            depth,
        }
    }

    /// How many chars the source has.
    pub(crate) fn len(&self) -> usize {
        match &self.wide {
            Some((chars, _)) => chars.len(),
            None => self.source.len(),
        }
    }

    pub(crate) fn char_at(&self, i: usize) -> Option<char> {
        match &self.wide {
            Some((chars, _)) => chars.get(i).copied(),
            None => self.source.as_bytes().get(i).map(|&b| b as char),
        }
    }

    /// The source text of chars `from..to`.
    pub(crate) fn text(&self, from: usize, to: usize) -> &str {
        match &self.wide {
            Some((_, offsets)) => &self.source[offsets[from]..offsets[to]],
            None => &self.source[from..to],
        }
    }

    pub(crate) fn peek(&self) -> Option<char> {
        self.char_at(self.pos)
    }

    pub(crate) fn skip_spaces(&mut self) {
        while self.peek() == Some(' ') {
            self.pos += 1;
        }
    }

    /// The group a slot stands for, parsed on first use.
    pub(crate) fn slot(&self, name: &str) -> Result<Atom, PatternError> {
        if let Some(atom) = self.slots.parsed.borrow().get(name) {
            return Ok(atom.clone());
        }
        let Some(body) = self.slots.bodies.get(name) else {
            return err(format!("unknown slot {{{name}}}"));
        };
        if self.depth >= MAX_NESTING {
            return err(format!("slot {{{name}}} nests too deep"));
        }
        let mut inner = Parser::new(format!("({body})"), self.slots, self.depth + 1);
        let atom = inner
            .sequence()?
            .into_vec()
            .into_iter()
            .next()
            .map(|e| e.atom)
            .ok_or_else(|| PatternError {
                message: format!("slot {{{name}}} is empty"),
            })?;
        self.slots
            .parsed
            .borrow_mut()
            .insert(name.to_string(), atom.clone());
        Ok(atom)
    }

    /// How many alternatives the group opened just before `pos` has (its
    /// `|`s outside inner groups, plus one): slots run to sixty.
    pub(crate) fn alternatives_ahead(&self) -> usize {
        let mut depth = 0usize;
        let mut count = 1;
        for i in self.pos..self.len() {
            match self.char_at(i) {
                Some('(') => depth += 1,
                Some(')') if depth == 0 => break,
                Some(')') => depth -= 1,
                Some('|') if depth == 0 => count += 1,
                _ => {}
            }
        }
        count
    }

    /// Elements up to the end, a `|` or a `)`.
    pub(crate) fn sequence(&mut self) -> Result<Seq, PatternError> {
        let mut elems = Seq::Empty;
        loop {
            self.skip_spaces();
            match self.peek() {
                None | Some('|') | Some(')') => return Ok(elems),
                _ => self.elem(&mut elems)?,
            }
        }
    }

    /// One element (or, for a word that normalises to several, several),
    /// appended to `out`.
    pub(crate) fn elem(&mut self, out: &mut Seq) -> Result<(), PatternError> {
        let c = self.peek().unwrap_or(' ');
        let atoms: Atoms = match c {
            '(' => {
                self.pos += 1;
                let mut alts = Vec::with_capacity(self.alternatives_ahead());
                loop {
                    let seq = self.sequence()?;
                    if seq.is_empty() {
                        return err("an alternative in ( ) is empty");
                    }
                    alts.push(seq);
                    match self.peek() {
                        Some('|') => self.pos += 1,
                        Some(')') => {
                            self.pos += 1;
                            break;
                        }
                        _ => return err("a '(' is never closed"),
                    }
                }
                Atoms::One(Atom::Group(Rc::new(alts)))
            }
            '{' => {
                let start = self.pos + 1;
                let Some(len) = (start..self.len()).position(|i| self.char_at(i) == Some('}'))
                else {
                    return err("a '{' is never closed");
                };
                let atom = self.slot(self.text(start, start + len))?;
                self.pos = start + len + 1;
                Atoms::One(atom)
            }
            '~' => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1;
                }
                let n: usize = self
                    .text(start, self.pos)
                    .parse()
                    .map_err(|_| PatternError {
                        message: "'~' must be followed by a number of words, as in ~3".into(),
                    })?;
                if n == 0 || n > 8 {
                    return err("a gap ~N allows 1 to 8 words");
                }
                Atoms::One(Atom::Gap(n))
            }
            c if is_word_char(c) || c == '*' => {
                let start = self.pos;
                while self.peek().is_some_and(|c| is_word_char(c) || c == '*') {
                    self.pos += 1;
                }
                word_atoms(self.text(start, self.pos), self.slots.not_english)?
            }
            c if "!?,:\"-".contains(c) => {
                self.pos += 1;
                Atoms::One(Atom::Punct(c))
            }
            c => return err(format!("unexpected '{c}' at character {}", self.pos + 1)),
        };
        let punct = matches!(atoms, Atoms::One(Atom::Punct(_)));
        let optional = if self.peek() == Some('?') && !punct {
            self.pos += 1;
            true
        } else {
            false
        };
        match atoms {
            Atoms::One(atom) => out.push(Elem { atom, optional }),
            // `don't?` expands to two words; the whole becomes one optional group.
            Atoms::Many(atoms) if optional => out.push(Elem {
                atom: Atom::Group(Rc::new(vec![Seq::Many(
                    atoms
                        .into_iter()
                        .map(|a| Elem {
                            atom: a,
                            optional: false,
                        })
                        .collect(),
                )])),
                optional,
            }),
            Atoms::Many(atoms) => {
                for atom in atoms {
                    out.push(Elem { atom, optional });
                }
            }
        }
        Ok(())
    }
}

/// What one element of a pattern parses to: nearly always one atom, so no
/// vector is allocated for it (the Scorer parses thousands at start-up).
pub(crate) enum Atoms {
    One(Atom),
    Many(Vec<Atom>),
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' || c == '_' || !c.is_ascii()
}

/// A word as written in the lexicon, put through the same normalisation as
/// replies (so `don't` is `do not`, `Mum` is `mum`; with `not_english`, as
/// Spanish and Portuguese replies are, with no contractions).
pub(crate) fn word_atoms(raw: &str, not_english: bool) -> Result<Atoms, PatternError> {
    let prefix = raw.ends_with('*');
    let body = raw.trim_end_matches('*');
    if body.contains('*') {
        return err(format!("'*' may only end a word: {raw}"));
    }
    if body.is_empty() {
        return err("a '*' must follow some letters");
    }
    // Plain lowercase words (nearly all) are already normalised.
    let full = || {
        let none = crate::text::vocab::WordSet::default();
        if not_english {
            crate::text::full::normalize_full_in(body, &none, crate::lang::Lang::Pt).text
        } else {
            crate::text::full::normalize(body, &none).text
        }
    };
    let plain = body.bytes().all(|b| b.is_ascii_lowercase())
        && (not_english || crate::text::contractions::contraction(body.as_bytes()).is_none())
        && !body
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2]);
    debug_assert!(!plain || body == full(), "{body}");
    if plain && !body.is_empty() {
        let word = Word::new(body);
        return Ok(Atoms::One(if prefix {
            Atom::Prefix(word)
        } else {
            Atom::Word(word)
        }));
    }
    let folded = full();
    let parts: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if parts.is_empty() {
        return err(format!("'{raw}' has no letters"));
    }
    let mut atoms = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if !p
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'' || c == '_')
        {
            return err(format!(
                "'{raw}' has characters that are never matched; use letters, digits and '"
            ));
        }
        if prefix && i + 1 == parts.len() {
            atoms.push(Atom::Prefix(Word::new(p)));
        } else {
            atoms.push(Atom::Word(Word::new(p)));
        }
    }
    Ok(match atoms.len() {
        1 => Atoms::One(atoms.pop().expect("one atom")),
        _ => Atoms::Many(atoms),
    })
}

pub(crate) fn starts_with_word(elems: &[Elem]) -> bool {
    !matches!(elems.first().map(|e| &e.atom), Some(Atom::Punct(_)))
}

pub(crate) fn ends_with_word(elems: &[Elem]) -> bool {
    !matches!(elems.last().map(|e| &e.atom), Some(Atom::Punct(_)))
}

pub(crate) fn emit_atom(atom: &Atom, out: &mut String) {
    match atom {
        Atom::Word(w) => out.push_str(&regex_escape(w)),
        Atom::Prefix(p) => {
            out.push_str(&regex_escape(p));
            out.push_str("[a-z0-9']*");
        }
        Atom::Punct(c) => {
            out.push_str(&regex_escape(&c.to_string()));
        }
        Atom::Group(alts) => {
            out.push_str("(?:");
            for (i, alt) in alts.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                emit_sequence(alt, out);
            }
            out.push(')');
        }
        Atom::Gap(n) => {
            out.push_str(&format!("(?:{SEP}{WORD}){{0,{n}}}"));
        }
    }
}

/// Emits elements joined by separators. Leading optional elements carry
/// their own trailing separator; a gap carries its own separators;
/// punctuation attaches with at most one space.
pub(crate) fn emit_sequence(elems: &[Elem], out: &mut String) {
    let mut leading = true;
    for (i, e) in elems.iter().enumerate() {
        if matches!(e.atom, Atom::Gap(_)) {
            emit_atom(&e.atom, out);
            continue;
        }
        if leading && e.optional {
            out.push_str("(?:");
            emit_atom(&e.atom, out);
            out.push_str(SEP);
            out.push_str(")?");
            continue;
        }
        let sep = if leading || i == 0 {
            ""
        } else if matches!(e.atom, Atom::Punct(_)) {
            " ?"
        } else {
            SEP
        };
        leading = false;
        if e.optional {
            out.push_str("(?:");
            out.push_str(sep);
            emit_atom(&e.atom, out);
            out.push_str(")?");
        } else {
            out.push_str(sep);
            emit_atom(&e.atom, out);
        }
    }
}

pub(crate) fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots() -> Slots {
        let mut s = Slots::new();
        s.insert("mom".into(), "mom|mother|mum|mama".into());
        s.insert("bad".into(), "bad|terrible|worst".into());
        s
    }

    #[cfg(not(target_arch = "wasm32"))] // regex is a native dev-dependency
    fn matches(pattern: &str, text: &str) -> bool {
        let c = compile(pattern, &slots()).unwrap();
        regex::bytes::RegexBuilder::new(&regex_source(&c.elems))
            .unicode(false)
            .build()
            .unwrap()
            .is_match(text.as_bytes())
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn table() {
        let cases = [
            ("{bad} {mom}", "you are a terrible mother", true),
            ("{bad} {mom}", "bad weather", false),
            ("{bad} {mom}", "a bad. mom", false),
            ("irresponsib*", "so irresponsible", true),
            ("never (home|around)", "she is never around", true),
            ("should ~3 ashamed", "you should really be so ashamed", true),
            (
                "should ~1 ashamed",
                "you should really be so ashamed",
                false,
            ),
            ("(so|very)? selfish", "selfish", true),
            (
                "who is watching (the|your) (baby|kids) ?",
                "who is watching the baby??",
                true,
            ),
            ("don't deserve", "you do not deserve", true),
            ("mom", "mommy", false),
        ];
        for (p, t, want) in cases {
            assert_eq!(matches(p, t), want, "pattern {p:?} on {t:?}");
        }
    }

    #[test]
    fn errors_name_the_problem() {
        for (p, msg) in [
            ("(bad mom", "never closed"),
            ("{nope} mom", "unknown slot"),
            ("bad* *mom", "'*' may only end a word"),
            ("bad *", "'*' must follow"),
            ("mom?", "required word"),
            ("~3", "between words"),
            ("bad ~2", "between words"),
            ("", "empty"),
            ("bad [mom]", "unexpected '['"),
        ] {
            let r = compile(p, &slots());
            if msg.is_empty() {
                assert!(r.is_ok(), "{p}: {r:?}");
                continue;
            }
            let e = r.expect_err(p);
            assert!(e.message.contains(msg), "{p}: {}", e.message);
        }
    }
}
