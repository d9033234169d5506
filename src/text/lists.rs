//! Each language's word lists: every list of words the code looks for is data
//! (`lexicon/<lang>/words.tsv`, `lexicon/en/masked.tsv`), read once, not Rust.
//! The rules read the lists of the reply's language ([`WordLists::of`]); the
//! free functions [`list`] and [`has`] are the English ones, for the English
//! model and matcher.

use crate::lang::Lang;
use once_cell::sync::Lazy;

pub const WORDS_TSV: &str = include_str!("../../lexicon/en/words.tsv");
pub const MASKED_TSV: &str = include_str!("../../lexicon/en/masked.tsv");

/// The `words.tsv` of a language ("" for one with no files).
pub fn words_tsv(lang: Lang) -> &'static str {
    match lang {
        Lang::En => WORDS_TSV,
        _ => crate::lang::files(lang).map_or("", |f| f.words),
    }
}

/// One language's lists, with its mocking phrases cut into words.
pub(crate) struct WordLists {
    lists: Vec<Vec<&'static str>>,
    mocking: Vec<Vec<&'static str>>,
}

impl WordLists {
    fn read(lang: Lang) -> WordLists {
        let tsv = words_tsv(lang);
        // English has every list; another language the lists it needs.
        let lists = if lang == Lang::En {
            parse(tsv)
        } else {
            parse_partial(tsv)
        };
        let lists = lists.expect("every words.tsv is linted by tests");
        let mocking = lists[list::MOCKING_PHRASE]
            .iter()
            .map(|p| p.split(' ').collect())
            .collect();
        WordLists { lists, mocking }
    }

    /// The lists of `lang`, read on first use.
    pub(crate) fn of(lang: Lang) -> &'static WordLists {
        static EN: Lazy<WordLists> = Lazy::new(|| WordLists::read(Lang::En));
        static ES: Lazy<WordLists> = Lazy::new(|| WordLists::read(Lang::Es));
        static PT: Lazy<WordLists> = Lazy::new(|| WordLists::read(Lang::Pt));
        match lang {
            Lang::En => &EN,
            Lang::Es => &ES,
            Lang::Pt => &PT,
        }
    }

    /// The words of one list (an index of [`list`]), sorted.
    #[inline]
    pub(crate) fn list(&self, index: usize) -> &[&'static str] {
        &self.lists[index]
    }

    /// Whether `word` is in a list.
    #[inline]
    pub(crate) fn has(&self, index: usize, word: &str) -> bool {
        self.list(index).binary_search(&word).is_ok()
    }

    /// The mocking phrases as words in a row.
    pub(crate) fn mocking_phrases(&self) -> &[Vec<&'static str>] {
        &self.mocking
    }
}

/// The lists of `words.tsv`, by index (see [`list`]); the file's header says
/// what each is for.
pub(crate) const NAMES: [&str; 35] = [
    "negator",
    "false-negation",
    "report-verb",
    "mention-before",
    "mention-after",
    "first-person",
    "intensifier",
    "sarcasm-word",
    "sarcasm-phrase",
    "mocking-phrase",
    "mocking-hint",
    "contrast",
    "critic",
    "family",
    "child-thing",
    "person",
    "first-person-possessive",
    "thing",
    "off-topic",
    "age-unit",
    "linking",
    "function-word",
    "common-word",
    "negating-no",
    "clause-subject",
    "clause-verb",
    "irony-verb",
    "irony-nobody",
    "inferring-modal",
    "own-view-verb",
    "own-view-subject",
    "own-words-verb",
    "own-words-before",
    "turning-contrast",
    "age-after",
];

/// Indices into [`NAMES`].
pub(crate) mod list {
    pub const NEGATOR: usize = 0;
    pub const FALSE_NEGATION: usize = 1;
    pub const REPORT_VERB: usize = 2;
    pub const MENTION_BEFORE: usize = 3;
    pub const MENTION_AFTER: usize = 4;
    pub const FIRST_PERSON: usize = 5;
    pub const INTENSIFIER: usize = 6;
    pub const SARCASM_WORD: usize = 7;
    pub const SARCASM_PHRASE: usize = 8;
    pub const MOCKING_PHRASE: usize = 9;
    pub const MOCKING_HINT: usize = 10;
    pub const CONTRAST: usize = 11;
    pub const CRITIC: usize = 12;
    pub const FAMILY: usize = 13;
    pub const CHILD_THING: usize = 14;
    pub const PERSON: usize = 15;
    pub const FIRST_PERSON_POSSESSIVE: usize = 16;
    pub const THING: usize = 17;
    pub const OFF_TOPIC: usize = 18;
    pub const AGE_UNIT: usize = 19;
    pub const LINKING: usize = 20;
    pub const FUNCTION_WORD: usize = 21;
    pub const COMMON_WORD: usize = 22;
    pub const NEGATING_NO: usize = 23;
    pub const CLAUSE_SUBJECT: usize = 24;
    pub const CLAUSE_VERB: usize = 25;
    pub const IRONY_VERB: usize = 26;
    pub const IRONY_NOBODY: usize = 27;
    pub const INFERRING_MODAL: usize = 28;
    pub const OWN_VIEW_VERB: usize = 29;
    pub const OWN_VIEW_SUBJECT: usize = 30;
    pub const OWN_WORDS_VERB: usize = 31;
    pub const OWN_WORDS_BEFORE: usize = 32;
    pub const TURNING_CONTRAST: usize = 33;
    pub const AGE_AFTER: usize = 34;
}

static MASKED: Lazy<Vec<&'static str>> = Lazy::new(|| {
    MASKED_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect()
});

/// The words of one English list (an index of [`list`]), sorted.
#[inline]
pub(crate) fn list(index: usize) -> &'static [&'static str] {
    WordLists::of(Lang::En).list(index)
}

/// The words most often masked, most preferred first.
pub(crate) fn masked() -> &'static [&'static str] {
    &MASKED
}

/// The lists of a `words.tsv`: every row a known list and an entry, sorted
/// by list and entry, none twice, and no list empty.
pub fn parse(tsv: &str) -> Result<Vec<Vec<&str>>, String> {
    let lists = parse_partial(tsv)?;
    if let Some(i) = lists.iter().position(Vec::is_empty) {
        return Err(format!("list {} is empty", NAMES[i]));
    }
    Ok(lists)
}

/// As [`parse`], where a list may be missing (empty): Spanish and Portuguese
/// have no lists of English idiom ("no wonder", "off-topic" words).
pub fn parse_partial(tsv: &str) -> Result<Vec<Vec<&str>>, String> {
    let mut lists = vec![Vec::new(); NAMES.len()];
    let mut last: Option<(&str, &str)> = None;
    for (i, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let n = i + 1;
        let (name, entry) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {n}: not list<TAB>entry"))?;
        let index = NAMES
            .iter()
            .position(|l| *l == name)
            .ok_or_else(|| format!("line {n}: unknown list {name:?}"))?;
        if entry.is_empty() || entry.trim() != entry || entry.contains('\t') {
            return Err(format!("line {n}: bad entry {entry:?}"));
        }
        if last.is_some_and(|l| l >= (name, entry)) {
            return Err(format!("line {n}: not sorted or repeated"));
        }
        last = Some((name, entry));
        lists[index].push(entry);
    }
    Ok(lists)
}
