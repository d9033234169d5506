//! A reply's features, and the sinks that score or name them.

use super::weights::*;
use crate::rules::words::flag;
use crate::text::tokens::Token;
use crate::tuning::{LENGTH_BUCKETS, SCOPE_WINDOW};

/// What the hand lexicon said of a reply, as the model sees it.
#[derive(Clone, Copy, Debug, Default)]
pub struct EngineView {
    pub shaming: f32,
    pub support: f32,
    /// `shaming`, `supportive` or `neutral`.
    pub label: &'static str,
    /// The rules that changed a cue, and the cue's polarity after them:
    /// bit `rule * 2 + (support as usize)`.
    pub rules: u32,
}

/// Receives a reply's features. `span` is the byte range, in the normalised
/// text, of the words a feature stands for (none for shape and engine
/// features).
pub trait FeatureSink {
    /// `hash` is [`combine`] of the parts' [`word_hash`]es, which the
    /// extractor keeps per word so no word is hashed twice.
    fn feature(
        &mut self,
        kind: u8,
        parts: &[&[u8]],
        hash: u32,
        value: f32,
        span: Option<(u32, u32)>,
    );
}

/// Hashes of the words that stand for classes and scopes in features.
pub(crate) const H_FAM: u64 = word_hash(b"@fam");
pub(crate) const H_YOU: u64 = word_hash(b"@you");
pub(crate) const H_CRITIC: u64 = word_hash(b"@critic");
pub(crate) const H_NEGATED: u64 = word_hash(b"!");
pub(crate) const H_REPORTED: u64 = word_hash(b"~");

/// A feature whose parts are fixed words (flags, shape, the lexicon's
/// verdict), with its hash worked out at compile time.
pub(crate) struct Fixed {
    pub(crate) kind: u8,
    pub(crate) parts: &'static [&'static [u8]],
    pub(crate) hash: u32,
}

impl Fixed {
    pub(crate) const fn new(kind: u8, parts: &'static [&'static [u8]]) -> Fixed {
        Fixed {
            kind,
            parts,
            hash: feature_hash(kind, parts),
        }
    }

    pub(crate) fn emit<S: FeatureSink>(&self, sink: &mut S, value: f32) {
        sink.feature(self.kind, self.parts, self.hash, value, None);
    }
}

/// A feature of a fixed word and a word of the reply (`s:first why`).
pub(crate) fn with_word<S: FeatureSink>(
    sink: &mut S,
    kind: u8,
    fixed: &'static [u8],
    word: &[u8],
    span: (u32, u32),
) {
    let hash = combine(kind, &[word_hash(fixed), word_hash(word)]);
    sink.feature(kind, &[fixed, word], hash, 1.0, Some(span));
}

/// The rule flags that become `f:` features.
pub(crate) const FLAG_FEATURES: &[(u16, Fixed)] = &[
    (flag::NEGATOR, Fixed::new(kind::FLAG, &[b"negator"])),
    (flag::REPORT_VERB, Fixed::new(kind::FLAG, &[b"report"])),
    (
        flag::FIRST_PERSON,
        Fixed::new(kind::FLAG, &[b"first_person"]),
    ),
    (flag::INTENSIFIER, Fixed::new(kind::FLAG, &[b"intensifier"])),
    (flag::SARCASM, Fixed::new(kind::FLAG, &[b"sarcasm"])),
    (flag::CONTRAST, Fixed::new(kind::FLAG, &[b"contrast"])),
    (flag::FAMILY, Fixed::new(kind::FLAG, &[b"family"])),
    (flag::PERSON, Fixed::new(kind::FLAG, &[b"person"])),
    (
        flag::FIRST_PERSON_POSSESSIVE,
        Fixed::new(kind::FLAG, &[b"my"]),
    ),
    (flag::THING, Fixed::new(kind::FLAG, &[b"thing"])),
    (flag::AGE_UNIT, Fixed::new(kind::FLAG, &[b"age"])),
    (flag::CONTEXT, Fixed::new(kind::FLAG, &[b"context"])),
];
pub(crate) const F_CRITIC: Fixed = Fixed::new(kind::FLAG, &[b"critic"]);

/// The shape features, in the order `shape` tests them.
pub(crate) const SHAPES: [Fixed; 7] = [
    Fixed::new(kind::SHAPE, &[b"q"]),
    Fixed::new(kind::SHAPE, &[b"qq"]),
    Fixed::new(kind::SHAPE, &[b"bangs"]),
    Fixed::new(kind::SHAPE, &[b"qbang"]),
    Fixed::new(kind::SHAPE, &[b"caps"]),
    Fixed::new(kind::SHAPE, &[b"hashtag"]),
    Fixed::new(kind::SHAPE, &[b"mention"]),
];
pub(crate) const LENGTHS: [Fixed; 7] = [
    Fixed::new(kind::SHAPE, &[b"len", b"0"]),
    Fixed::new(kind::SHAPE, &[b"len", b"1"]),
    Fixed::new(kind::SHAPE, &[b"len", b"2"]),
    Fixed::new(kind::SHAPE, &[b"len", b"3"]),
    Fixed::new(kind::SHAPE, &[b"len", b"4"]),
    Fixed::new(kind::SHAPE, &[b"len", b"5"]),
    Fixed::new(kind::SHAPE, &[b"len", b"6"]),
];
pub(crate) const E_SHAMING: Fixed = Fixed::new(kind::ENGINE, &[b"sh"]);
pub(crate) const E_SUPPORT: Fixed = Fixed::new(kind::ENGINE, &[b"su"]);
pub(crate) const E_LABELS: [Fixed; 3] = [
    Fixed::new(kind::ENGINE, &[b"label", b"shaming"]),
    Fixed::new(kind::ENGINE, &[b"label", b"supportive"]),
    Fixed::new(kind::ENGINE, &[b"label", b"neutral"]),
];

/// A feature's words and hash.
pub(crate) type Made = (Box<[&'static [u8]]>, u32);

/// `e:rule <rule> <polarity>`, made once: rule names are not constants.
pub(crate) static E_RULES: once_cell::sync::Lazy<Vec<[Made; 2]>> =
    once_cell::sync::Lazy::new(|| {
        crate::verdict::Rule::ALL
            .iter()
            .map(|r| {
                [&b"shaming"[..], &b"support"[..]].map(|p| {
                    let parts: Box<[&'static [u8]]> = Box::new([b"rule", r.as_str().as_bytes(), p]);
                    let hash = feature_hash(kind::ENGINE, &parts);
                    (parts, hash)
                })
            })
            .collect()
    });

/// A word's class in `c:` pairs: mothers and children, the person addressed
/// or spoken of, and her critics ("people", "trolls": the rules' list), so
/// that "people are so" and "trolls are so" teach one thing. Returns the
/// class's name and hash.
pub(crate) fn class_of(t: &Token, critic: bool) -> Option<(&'static [u8], u64)> {
    if t.flags & flag::FAMILY != 0 {
        Some((b"@fam", H_FAM))
    } else if t.flags & flag::PERSON != 0 {
        Some((b"@you", H_YOU))
    } else if critic {
        Some((b"@critic", H_CRITIC))
    } else {
        None
    }
}

/// The critics' words' hashes, to compare a word's hash against before its
/// bytes, and a one-word Bloom filter of them (bit `hash >> 58`): nearly
/// every word of a reply is no critic and is turned away by one test
/// (callgrind: a scan of the hashes was 5% of scoring).
struct Critics {
    bloom: u64,
    hashes: Vec<u64>,
}

static CRITICS: once_cell::sync::Lazy<Critics> = once_cell::sync::Lazy::new(|| {
    let hashes: Vec<u64> = critics().iter().map(|w| word_hash(w.as_bytes())).collect();
    let bloom = hashes.iter().fold(0, |b, &h| b | 1 << (h >> 58));
    Critics { bloom, hashes }
});

fn critics() -> &'static [&'static str] {
    crate::text::lists::list(crate::text::lists::list::CRITIC)
}

#[inline]
pub(crate) fn is_critic(word: &[u8], hash: u64) -> bool {
    let c = &*CRITICS;
    c.bloom & 1 << (hash >> 58) != 0
        && c.hashes
            .iter()
            .position(|&h| h == hash)
            .is_some_and(|i| critics()[i].as_bytes() == word)
}

/// Every feature of one reply. `norm` and `tokens` are the normalised text
/// and its words; `original` is the reply as written (for capitals and
/// punctuation); `engine` is the lexicon's verdict, or `None` to leave the
/// `e:` features out (training on sets the lexicon was tuned on).
pub fn extract<S: FeatureSink>(
    norm: &str,
    original: &str,
    tokens: &[Token],
    engine: Option<&EngineView>,
    sink: &mut S,
) {
    let text = norm.as_bytes();
    let word = |t: &Token| &text[t.start as usize..t.end as usize];
    let mut flags = 0u16;
    let mut critics = false;
    // The scope a word is in: after a negator or a reporting verb, up to the
    // clause's end, a contrast word or `SCOPE_WINDOW` words.
    let mut scope: (&[u8], u64, u32, usize) = (b"", 0, u32::MAX, 0);
    // Each word's hash and critic test, worked out once: as the next word of
    // a pair, then carried over as the current one.
    let mut next = tokens.first().map_or((0, false), |t| {
        let (w, h) = (word(t), t.hash);
        (h, is_critic(w, h))
    });
    for (i, t) in tokens.iter().enumerate() {
        flags |= t.flags;
        let (w, (h, critic)) = (word(t), next);
        critics |= critic;
        let span = Some((t.start, t.end));
        if scope.2 != t.sentence || scope.3 == 0 || t.flags & flag::CONTRAST != 0 {
            scope = (b"", 0, u32::MAX, 0);
        }
        if scope.0.is_empty() {
            sink.feature(kind::WORD, &[w], combine(kind::WORD, &[h]), 1.0, span);
        } else {
            let hash = combine(kind::WORD, &[scope.1, h]);
            sink.feature(kind::WORD, &[scope.0, w], hash, 1.0, span);
            scope.3 -= 1;
        }
        let negator = t.flags & flag::NEGATOR != 0
            && tokens
                .get(i + 1)
                .is_none_or(|n| n.flags & flag::FALSE_NEGATION == 0);
        if negator {
            scope = (b"!", H_NEGATED, t.sentence, SCOPE_WINDOW);
        } else if t.flags & flag::REPORT_VERB != 0 {
            scope = (b"~", H_REPORTED, t.sentence, SCOPE_WINDOW);
        }
        let Some(following) = tokens.get(i + 1) else {
            continue;
        };
        let (nw, nh) = (word(following), following.hash);
        let next_critic = is_critic(nw, nh);
        next = (nh, next_critic);
        if following.sentence != t.sentence {
            continue;
        }
        let both = Some((t.start, following.end));
        sink.feature(
            kind::PAIR,
            &[w, nw],
            combine(kind::PAIR, &[h, nh]),
            1.0,
            both,
        );
        let (a, b) = (class_of(t, critic), class_of(following, next_critic));
        if a.is_some() || b.is_some() {
            let (left, lh) = a.unwrap_or((w, h));
            let (right, rh) = b.unwrap_or((nw, nh));
            let hash = combine(kind::CLASS_PAIR, &[lh, rh]);
            sink.feature(kind::CLASS_PAIR, &[left, right], hash, 1.0, both);
        }
    }
    for (bit, feature) in FLAG_FEATURES {
        if flags & bit != 0 {
            feature.emit(sink, 1.0);
        }
    }
    if critics {
        F_CRITIC.emit(sink, 1.0);
    }
    shape(original, tokens, text, sink);
    if let Some(e) = engine {
        E_SHAMING.emit(sink, e.shaming);
        E_SUPPORT.emit(sink, e.support);
        let label = match e.label {
            "shaming" => 0,
            "supportive" => 1,
            _ => 2,
        };
        E_LABELS[label].emit(sink, 1.0);
        if e.rules != 0 {
            for (r, hashes) in E_RULES.iter().enumerate() {
                for (p, (parts, hash)) in hashes.iter().enumerate() {
                    if e.rules & (1 << (r * 2 + p)) != 0 {
                        sink.feature(kind::ENGINE, parts, *hash, 1.0, None);
                    }
                }
            }
        }
    }
}

/// `s:` features: punctuation, capitals, length, first word, hashtags.
pub(crate) fn shape<S: FeatureSink>(original: &str, tokens: &[Token], norm: &[u8], sink: &mut S) {
    // One pass: questions, "!!", "?!", hashtags, mentions, and a word of
    // three or more capitals ("NOT safe", "UNHEALTHY").
    let (mut question, mut questions, mut bangs, mut mixed) = (false, false, false, false);
    let (mut hashtag, mut mention, mut capital_word) = (false, false, false);
    let mut prev = 0u8;
    let mut run = 0i32;
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b.is_ascii_lowercase() {
            // A run of small letters changes nothing but `run` and `prev`.
            while bytes.get(i).is_some_and(u8::is_ascii_lowercase) {
                i += 1;
            }
            run = -100;
            prev = bytes[i - 1];
            continue;
        }
        match b {
            b'?' => {
                questions |= prev == b'?';
                mixed |= prev == b'!';
                question = true;
            }
            b'!' => {
                bangs |= prev == b'!';
                mixed |= prev == b'?';
            }
            b'#' => hashtag = true,
            b'@' => mention = true,
            _ => {}
        }
        if b.is_ascii_uppercase() {
            run += 1;
            capital_word |= run >= 3;
        } else {
            run = 0;
        }
        prev = b;
    }
    let on = [
        question,
        questions,
        bangs,
        mixed,
        capital_word,
        hashtag,
        mention,
    ];
    for (feature, on) in SHAPES.iter().zip(on) {
        if on {
            feature.emit(sink, 1.0);
        }
    }
    let bucket = LENGTH_BUCKETS
        .iter()
        .position(|&n| tokens.len() <= n)
        .unwrap_or(LENGTH_BUCKETS.len());
    LENGTHS[bucket].emit(sink, 1.0);
    if let Some(first) = tokens.first() {
        let w = &norm[first.start as usize..first.end as usize];
        with_word(sink, kind::SHAPE, b"first", w, (first.start, first.end));
    }
    // A question's first word ("why", "where", "who", "is"): the sentence
    // of the last '?' in the normalised text.
    if question {
        if let Some(q) = norm.iter().rposition(|&b| b == b'?') {
            let sentence = tokens
                .iter()
                .rev()
                .find(|t| (t.end as usize) <= q)
                .map(|t| t.sentence);
            if let Some(t) = sentence.and_then(|s| tokens.iter().find(|t| t.sentence == s)) {
                let w = &norm[t.start as usize..t.end as usize];
                with_word(sink, kind::SHAPE, b"ask", w, (t.start, t.end));
            }
        }
    }
}

/// A feature of the table found in a reply, for explanations.
#[derive(Clone, Copy, Debug)]
pub struct Found {
    pub slot: u32,
    pub value: f32,
    pub span: Option<(u32, u32)>,
}

/// Scores a reply's features against the table: sums the logits, each
/// feature counted once however often it occurs, and keeps the features
/// found. `seen` holds one stamp per table slot, reused from reply to reply.
pub struct Scoring<'a> {
    pub model: &'a Model,
    pub logits: [f32; 2],
    /// The part of the logits that stance words and the lexicon's verdict
    /// gave (see [`Model::is_evidence`]): a label needs some of this, so that
    /// a reply with nothing in it is never flagged.
    pub evidence: [f32; 2],
    pub found: &'a mut Vec<Found>,
    pub seen: &'a mut Vec<u32>,
    pub stamp: u32,
}

impl FeatureSink for Scoring<'_> {
    // Called for nearly every word and pair of a reply: inlined, the words
    // and span it does not need are never passed (callgrind: -2.5% of scoring).
    #[inline(always)]
    fn feature(&mut self, _: u8, _: &[&[u8]], hash: u32, value: f32, span: Option<(u32, u32)>) {
        let Some(slot) = self.model.slot(hash) else {
            return;
        };
        if self.seen[slot] == self.stamp {
            return;
        }
        self.seen[slot] = self.stamp;
        let w = self.model.weights(slot);
        self.logits[0] += w[0] * value;
        self.logits[1] += w[1] * value;
        if self.model.is_evidence(slot) {
            self.evidence[0] += w[0] * value;
            self.evidence[1] += w[1] * value;
        }
        self.found.push(Found {
            slot: slot as u32,
            value,
            span,
        });
    }
}

/// Collects features as text, each once, for the trainer.
#[derive(Default)]
pub struct Names {
    pub features: Vec<(String, f32)>,
}

impl FeatureSink for Names {
    fn feature(&mut self, kind: u8, parts: &[&[u8]], _: u32, value: f32, _: Option<(u32, u32)>) {
        let mut name = String::new();
        name.push(kind as char);
        name.push(':');
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                name.push(' ');
            }
            name.push_str(&String::from_utf8_lossy(p));
        }
        if !self.features.iter().any(|(n, _)| *n == name) {
            self.features.push((name, value));
        }
    }
}
