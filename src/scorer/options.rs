//! The user's options, checked: sensitivity, own cues, allowlist.

use crate::lang::Lang;
use crate::lexicon::data::LexiconError;
use crate::model::weights::ModelError;
use crate::text::full::{normalize, normalize_full_in};
use crate::text::hash::WordMap;
use crate::text::tokens::Token;
use crate::text::vocab::Vocabulary;
use crate::text::vocab::WordSet;
use crate::tuning::*;

/// The user's own cues and allowlist.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// 0 (flag only the clearest) to 1 (flag anything suspicious); 0.5 default.
    pub sensitivity: Option<f32>,
    pub custom_shaming: Vec<String>,
    pub custom_support: Vec<String>,
    /// Phrases (or whole replies) never to flag as shaming.
    pub allowlist: Vec<String>,
    /// Read every reply in this language, detected or not.
    pub lang: Option<Lang>,
    /// The page's language, for replies too short or mixed to tell (see
    /// [`crate::Scorer::score_in`] for a hint per reply).
    pub page_lang: Option<Lang>,
}

/// A bad option, naming the list, the entry's position and the entry.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    Sensitivity(f32),
    Entry {
        list: &'static str,
        index: usize,
        entry: String,
        message: String,
    },
    TooMany {
        list: &'static str,
        count: usize,
    },
    Lexicon(LexiconError),
    Model(ModelError),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Sensitivity(s) => {
                write!(
                    f,
                    "sensitivity must be a number from 0 to 1, got {}",
                    crate::verdict::fixed(*s, 3)
                )
            }
            ConfigError::Entry {
                list,
                index,
                entry,
                message,
            } => {
                write!(f, "{list} entry {} \"{entry}\": {message}", index + 1)
            }
            ConfigError::TooMany { list, count } => {
                write!(
                    f,
                    "{list} has {count} entries; at most {MAX_CUSTOM_ENTRIES} are allowed"
                )
            }
            ConfigError::Lexicon(e) => write!(f, "built-in lexicon: {e}"),
            ConfigError::Model(e) => write!(f, "built-in model: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Phrases never to flag, as sequences of normalised words. A phrase matches
/// where its words follow one another in a reply, whatever the punctuation
/// between them, so "bad mom" covers "bad, mom" too.
#[derive(Default)]
pub(crate) struct Allowlist {
    /// Phrase word lists by their first word.
    pub(crate) by_first: WordMap<Box<str>, Vec<Vec<Box<str>>>>,
}

impl Allowlist {
    pub(crate) fn build(items: &[String], vocab: &WordSet) -> Result<Allowlist, ConfigError> {
        Allowlist::build_in(items, vocab, Lang::En)
    }

    /// As [`Allowlist::build`], the phrases folded as replies in `lang` are.
    pub(crate) fn build_in(
        items: &[String],
        vocab: &WordSet,
        lang: Lang,
    ) -> Result<Allowlist, ConfigError> {
        let mut list = Allowlist::default();
        if items.len() > MAX_CUSTOM_ENTRIES {
            return Err(ConfigError::TooMany {
                list: "allowlist",
                count: items.len(),
            });
        }
        for (index, item) in items.iter().enumerate() {
            let bad = |message: &str| ConfigError::Entry {
                list: "allowlist",
                index,
                entry: item.clone(),
                message: message.into(),
            };
            if item.len() > MAX_ALLOWLIST_ENTRY_BYTES {
                return Err(bad("is too long (at most 2000 bytes)"));
            }
            if item.trim().is_empty() {
                return Err(bad("is empty"));
            }
            let folded = match lang {
                Lang::En => normalize(item, vocab as &dyn Vocabulary).text,
                _ => normalize_full_in(item, vocab as &dyn Vocabulary, lang).text,
            };
            let mut tokens = Vec::new();
            crate::text::tokens::tokenize(&folded, &Default::default(), &mut tokens);
            let words: Vec<Box<str>> = tokens
                .iter()
                .map(|t| folded[t.start as usize..t.end as usize].into())
                .collect();
            let Some(first) = words.first().cloned() else {
                return Err(bad("has no words to match"));
            };
            list.by_first.entry(first).or_default().push(words);
        }
        Ok(list)
    }

    /// Byte spans of the normalised text the allowlist covers.
    pub(crate) fn spans(&self, tokens: &[Token], text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if self.by_first.is_empty() {
            return out;
        }
        let word = |t: &Token| &text[t.start as usize..t.end as usize];
        for (k, t) in tokens.iter().enumerate() {
            let Some(phrases) = self.by_first.get(word(t)) else {
                continue;
            };
            for phrase in phrases {
                let rest = &tokens[k..];
                if rest.len() >= phrase.len()
                    && phrase.iter().zip(rest).all(|(p, t)| **p == *word(t))
                {
                    out.push((t.start as usize, rest[phrase.len() - 1].end as usize));
                }
            }
        }
        out
    }
}
