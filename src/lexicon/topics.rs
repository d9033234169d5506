//! Categories for what the lexicon did not name.
//!
//! A lexicon cue carries its category. A verdict the model reached from
//! words, or a cue it learned, has none, so it takes the category of its own
//! words ("sugar" is feeding, "nanny" is working), else the reply's commonest
//! topic, else the default: parenting for shaming, praise for support. The
//! words are `lexicon/en/topics.tsv`.

use super::data::{SHAMING_CATEGORIES, SUPPORT_CATEGORIES};
use crate::text::tokens::Token;
use crate::verdict::Polarity;

pub const TOPICS_TSV: &str = include_str!("../../lexicon/en/topics.tsv");

/// The category of a shaming or supportive verdict with no topic word.
pub const DEFAULT_SHAMING: &str = "parenting";
pub const DEFAULT_SUPPORT: &str = "praise";

/// `(word, category)`, sorted by word: a binary search, and no hash map to
/// pull into the Wasm.
pub struct Topics {
    pub(crate) by_word: Vec<(&'static str, &'static str)>,
}

/// The `&'static` name of a category, or `None` if it is not one.
pub(crate) fn category_named(name: &str) -> Option<&'static str> {
    SHAMING_CATEGORIES
        .iter()
        .chain(SUPPORT_CATEGORIES)
        .find(|c| **c == name)
        .copied()
}

pub(crate) fn polarity_of(category: &str) -> Polarity {
    if SUPPORT_CATEGORIES.contains(&category) {
        Polarity::Support
    } else {
        Polarity::Shaming
    }
}

impl Topics {
    pub fn builtin() -> Topics {
        Topics::parse(TOPICS_TSV).expect("topics.tsv is linted by tests")
    }

    /// `category<TAB>word` lines; `#` starts a comment.
    pub fn parse(tsv: &'static str) -> Result<Topics, String> {
        let mut by_word: Vec<(&'static str, &'static str)> = Vec::new();
        for (n, line) in crate::lexicon::data::data_lines(tsv) {
            let (category, word) = line
                .split_once('\t')
                .ok_or_else(|| format!("topics.tsv line {n}: expected category<TAB>word"))?;
            let category = category_named(category)
                .ok_or_else(|| format!("topics.tsv line {n}: unknown category {category:?}"))?;
            by_word.push((word, category));
        }
        by_word.sort_unstable();
        if let Some(w) = by_word.windows(2).find(|w| w[0].0 == w[1].0) {
            return Err(format!("topics.tsv: {:?} listed twice", w[0].0));
        }
        Ok(Topics { by_word })
    }

    pub(crate) fn get(&self, word: &str) -> Option<&'static str> {
        self.by_word
            .binary_search_by(|(w, _)| (*w).cmp(word))
            .ok()
            .map(|i| self.by_word[i].1)
    }

    /// The category of normalised bytes `start..end` for a cue of
    /// `polarity`: its first topic word of that polarity, else the default.
    pub fn category(
        &self,
        norm: &str,
        start: usize,
        end: usize,
        polarity: Polarity,
    ) -> &'static str {
        norm.get(start..end)
            .unwrap_or_default()
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\''))
            .filter_map(|w| self.get(w))
            .find(|c| polarity_of(c) == polarity)
            .unwrap_or(default(polarity))
    }

    /// The reply's commonest topic of `polarity` (the first, on a tie), else
    /// the default.
    pub fn of_reply(&self, norm: &str, tokens: &[Token], polarity: Polarity) -> &'static str {
        let mut counts: Vec<(&'static str, usize)> = Vec::new();
        for t in tokens {
            let w = &norm[t.start as usize..t.end as usize];
            if let Some(c) = self.get(w) {
                if polarity_of(c) != polarity {
                    continue;
                }
                match counts.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((c, 1)),
                }
            }
        }
        let mut best: Option<(&'static str, usize)> = None;
        for (c, n) in counts {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((c, n));
            }
        }
        best.map_or(default(polarity), |(c, _)| c)
    }
}

pub(crate) fn default(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Shaming => DEFAULT_SHAMING,
        Polarity::Support => DEFAULT_SUPPORT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cue_takes_its_words_topic_and_else_the_default() {
        let t = Topics::builtin();
        let text = "so just sugar for the nanny";
        assert_eq!(t.category(text, 8, 13, Polarity::Shaming), "feeding");
        assert_eq!(t.category(text, 0, 7, Polarity::Shaming), "parenting");
        assert_eq!(t.category(text, 0, 7, Polarity::Support), "praise");
    }

    #[test]
    fn bad_topic_files_are_refused() {
        assert!(Topics::parse("feeding\n").is_err());
        assert!(Topics::parse("cooking\tsugar\n").is_err());
        assert!(Topics::parse("feeding\tsugar\nbody\tsugar\n").is_err());
    }
}
