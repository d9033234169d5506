//! Which language a reply is read in: English, Spanish or Portuguese (the
//! languages with data in `lexicon/`), or another one, which is not scored.
//!
//! Identification is `whatlang`'s trigram detector, on the device. Its
//! measured behaviour (`corpus/README.md`, "Language identification") sets
//! the policy, in this order:
//!
//! 1. a language the user forced (Options, `--lang`) wins;
//! 2. (English told at a glance never gets here: see `EN_AT_A_GLANCE`;
//!    whatlang costs 4 µs a reply natively over en/es/pt, 30 µs over every
//!    language)
//! 3. whatlang over every language it knows naming one with no data here
//!    *reliably* (French, German, Russian...) means "not ours": the reply
//!    comes back neutral, named so, and no English rule reads it (on 11,061
//!    English and Portuguese replies it never did so reliably);
//! 4. whatlang over en/es/pt, at least [`LANG_CONFIDENT`] sure, is used;
//! 5. else a letter only one of Portuguese and Spanish writes (`ã`, `ç`;
//!    `ñ`, `¿`) names it: most of whatlang's mistakes were Portuguese read
//!    as Spanish;
//! 6. else the page's language, if the caller knows it (short replies are
//!    mostly unconfident, and right only 70% of the time alone);
//! 7. else the best guess if under [`EN_UNSURE_SHARE`] of the reply's
//!    words are English ones the lexicon knows and it has at least
//!    [`UNSURE_GUESS_MIN_WORDS`] words, else English. (Short English, "Moron", "LIAR", which whatlang
//!    misread most, is told at a glance before any of this: see
//!    `EN_AT_A_GLANCE`.)

use crate::tuning::{EN_UNSURE_SHARE, LANG_CONFIDENT, UNSURE_GUESS_MIN_WORDS};
use std::sync::OnceLock;
use whatlang::Detector;

/// A language's data files, as text: the slots, the shaming and support
/// patterns, the rules' word lists, and the model's weights
/// (`lexicon/<lang>/*.tsv`; `model` empty for a language read by its
/// lexicon alone).
#[derive(Clone, Copy, Debug)]
pub struct LangFiles {
    pub slots: &'static str,
    pub shaming: &'static str,
    pub support: &'static str,
    pub words: &'static str,
    pub model: &'static str,
}

/// Spanish's and Portuguese's files given by the host, when the build does
/// not embed them (or to replace them, before first use).
static PROVIDED: [OnceLock<LangFiles>; 2] = [OnceLock::new(), OnceLock::new()];

fn provided(lang: Lang) -> Option<&'static OnceLock<LangFiles>> {
    match lang {
        Lang::En => None,
        Lang::Es => Some(&PROVIDED[0]),
        Lang::Pt => Some(&PROVIDED[1]),
    }
}

/// The files compiled in, with the `embedded-languages` feature.
fn embedded(lang: Lang) -> Option<LangFiles> {
    #[cfg(feature = "embedded-languages")]
    {
        match lang {
            Lang::En => None,
            Lang::Es => Some(LangFiles {
                slots: include_str!("../lexicon/es/slots.tsv"),
                shaming: include_str!("../lexicon/es/shaming.tsv"),
                support: include_str!("../lexicon/es/support.tsv"),
                words: include_str!("../lexicon/es/words.tsv"),
                model: include_str!("../lexicon/es/model.tsv"),
            }),
            Lang::Pt => Some(LangFiles {
                slots: include_str!("../lexicon/pt/slots.tsv"),
                shaming: include_str!("../lexicon/pt/shaming.tsv"),
                support: include_str!("../lexicon/pt/support.tsv"),
                words: include_str!("../lexicon/pt/words.tsv"),
                model: include_str!("../lexicon/pt/model.tsv"),
            }),
        }
    }
    #[cfg(not(feature = "embedded-languages"))]
    {
        let _ = lang;
        None
    }
}

/// The files of Spanish or Portuguese: the host's if it gave them, else the
/// embedded ones; `None` for English (its files are the lexicon's own) and
/// for a language neither has.
pub(crate) fn files(lang: Lang) -> Option<LangFiles> {
    provided(lang)
        .and_then(|p| p.get().copied())
        .or_else(|| embedded(lang))
}

/// Keeps the files of Spanish or Portuguese, given before a reply first
/// needs them (a second time it is an error: what was given stays). The
/// caller checks them first (`Scorer::provide_language`).
pub(crate) fn provide(lang: Lang, given: LangFiles) -> Result<(), String> {
    let slot = provided(lang).ok_or("English's files are built in")?;
    slot.set(given)
        .map_err(|_| format!("the {} files were already given", lang.code()))
}

/// A language MamaLens has a lexicon for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Es,
    Pt,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pt];

    /// The ISO 639-1 code: "en", "es", "pt".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Pt => "pt",
        }
    }

    /// "en", "es", "pt", or a regional tag of them ("pt-BR", "es_MX"),
    /// any case; anything else is not a language with data.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim();
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    fn whatlang(self) -> whatlang::Lang {
        match self {
            Lang::En => whatlang::Lang::Eng,
            Lang::Es => whatlang::Lang::Spa,
            Lang::Pt => whatlang::Lang::Por,
        }
    }

    fn from_whatlang(l: whatlang::Lang) -> Option<Lang> {
        Lang::ALL.into_iter().find(|x| x.whatlang() == l)
    }
}

/// What the reply is read as.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Decision {
    /// The language whose data scores it; `None` when it is in a language
    /// with none (then it is not scored).
    pub lang: Option<Lang>,
    /// The language's code: "en", "es", "pt", or another ("fr", "de", or
    /// whatlang's three-letter code where no two-letter one is listed).
    pub code: &'static str,
    /// How sure the decision is, in [0, 1]: 1 when forced; whatlang's
    /// confidence otherwise (0 when it could say nothing, as for "" or "👍").
    pub confidence: f32,
}

impl Decision {
    pub(crate) fn of(lang: Lang, confidence: f32) -> Decision {
        Decision {
            lang: Some(lang),
            code: lang.code(),
            confidence,
        }
    }
}

/// How a reply's language is chosen: forced, or detected with a hint.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LangChoice {
    /// Always this language (Options `lang`, `--lang`).
    pub forced: Option<Lang>,
    /// The page's language, for replies too short or mixed to tell.
    pub hint: Option<Lang>,
    /// The share of the reply's words the English lexicon knows (the
    /// Scorer sets it; 0 when not known).
    pub english_share: f32,
}

/// The two detectors, built once.
pub(crate) struct Identifier {
    ours: Detector,
    every: Detector,
}

impl Default for Identifier {
    fn default() -> Self {
        Identifier {
            ours: Detector::with_allowlist(Lang::ALL.iter().map(|l| l.whatlang()).collect()),
            every: Detector::new(),
        }
    }
}

impl Identifier {
    /// The language `text` is read in (see the module's policy).
    pub(crate) fn decide(&self, text: &str, choice: LangChoice) -> Decision {
        if let Some(lang) = choice.forced {
            return Decision::of(lang, 1.0);
        }
        let Some(ours) = self.ours.detect(text) else {
            // No letters to go by ("👍", "!!!"): the page's language, else
            // English, whose rules read emoji.
            return Decision::of(choice.hint.unwrap_or(Lang::En), 0.0);
        };
        let guess = Lang::from_whatlang(ours.lang()).unwrap_or(Lang::En);
        let confidence = ours.confidence() as f32;
        // Short replies' confidence is rarely high, but then mostly right;
        // below it the hint knows better than trigrams of a few words.
        let sure = confidence >= LANG_CONFIDENT;
        if let Some(info) = self.every.detect(text) {
            if info.is_reliable() && Lang::from_whatlang(info.lang()).is_none() {
                return Decision {
                    lang: None,
                    code: short_code(info.lang()),
                    confidence: info.confidence() as f32,
                };
            }
        }
        // Between Spanish and Portuguese, the words they write differently
        // decide over trigrams.
        let guess = match (guess, telling_vote(text)) {
            (Lang::Es | Lang::Pt, Some(told)) => told,
            _ => guess,
        };
        if sure {
            return Decision::of(guess, confidence);
        }
        if let Some(lang) = letters_say(text) {
            return Decision::of(lang, confidence);
        }
        if let Some(hint) = choice.hint {
            return Decision::of(hint, confidence);
        }
        // Unsure, with nothing else to go by: the best guess if English
        // hardly knows the reply's words, else English (whatlang's unsure
        // guesses were mostly short English: "LIAR").
        let words = text.split_whitespace().count();
        if choice.english_share < EN_UNSURE_SHARE && words >= UNSURE_GUESS_MIN_WORDS {
            Decision::of(guess, confidence)
        } else {
            Decision::of(Lang::En, confidence)
        }
    }
}

/// Every code a [`Decision`] may carry: ours, then every other language's.
#[cfg(any(test, target_arch = "wasm32"))]
pub(crate) fn all_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Lang::ALL.iter().map(|l| l.code()).collect();
    for &l in whatlang::Lang::all() {
        let code = short_code(l);
        if Lang::from_whatlang(l).is_none() && !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

/// Words only Spanish or only Portuguese writes (`lexicon/langid/telling.tsv`).
pub const TELLING_TSV: &str = include_str!("../lexicon/langid/telling.tsv");

static TELLING: std::sync::LazyLock<Vec<(&'static str, Lang)>> = std::sync::LazyLock::new(|| {
    parse_telling(TELLING_TSV).expect("lexicon/langid/telling.tsv is linted by tests")
});

/// The rows of `telling.tsv`, sorted by word for lookup: `es` or `pt`, then
/// an accent-free lower-case word, sorted by language then word, none twice.
pub fn parse_telling(tsv: &str) -> Result<Vec<(&str, Lang)>, String> {
    let mut rows = Vec::new();
    let mut last: Option<(&str, &str)> = None;
    for (i, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| format!("telling.tsv line {}: {why}: {line:?}", i + 1);
        let (code, word) = line
            .split_once('\t')
            .ok_or_else(|| bad("not lang<TAB>word"))?;
        let lang = Lang::parse(code)
            .filter(|l| *l != Lang::En)
            .ok_or_else(|| bad("the language is not es or pt"))?;
        if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Err(bad("not an accent-free lower-case word"));
        }
        if last.is_some_and(|l| l >= (code, word)) {
            return Err(bad("not sorted, or twice"));
        }
        last = Some((code, word));
        rows.push((word, lang));
    }
    rows.sort_unstable_by_key(|&(w, _)| w);
    if let Some(w) = rows.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!(
            "telling.tsv: {:?} is listed for both languages",
            w[0].0
        ));
    }
    Ok(rows)
}

/// Spanish or Portuguese, where the reply holds more of one's telling words
/// than of the other's; `None` on a tie (or none).
fn telling_vote(text: &str) -> Option<Lang> {
    let (mut es, mut pt) = (0u32, 0u32);
    let mut word = String::new();
    let mut count = |word: &mut String| {
        if let Ok(i) = TELLING.binary_search_by(|(w, _)| (*w).cmp(word.as_str())) {
            match TELLING[i].1 {
                Lang::Es => es += 1,
                _ => pt += 1,
            }
        }
        word.clear();
    };
    for c in text.chars() {
        match fold_letter(c) {
            Some(l) => word.push(l),
            None if !word.is_empty() => count(&mut word),
            None => {}
        }
    }
    if !word.is_empty() {
        count(&mut word);
    }
    match es.cmp(&pt) {
        std::cmp::Ordering::Greater => Some(Lang::Es),
        std::cmp::Ordering::Less => Some(Lang::Pt),
        std::cmp::Ordering::Equal => None,
    }
}

/// A letter as `telling.tsv` writes it (lower case, accent dropped); `None`
/// for anything that is not a letter of these languages.
fn fold_letter(c: char) -> Option<char> {
    let c = c.to_lowercase().next().unwrap_or(c);
    Some(match c {
        'a'..='z' => c,
        'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => return None,
    })
}

/// The language a reply's letters name when they name one: `ã`, `õ`, `ç`,
/// `ê`, `ô`, `à` are Portuguese, `ñ`, `¿`, `¡` Spanish (neither is English).
/// Every one of them, either case, is two bytes in UTF-8 led by 0xC3 (the
/// capital's second byte is the small letter's less 0x20) or 0xC2, so the
/// scan reads bytes: asked of every non-ASCII English reply, a scan by
/// characters with `to_lowercase` was 9% of scoring (callgrind, bench
/// corpus). A test checks it against that scan.
pub(crate) fn letters_say(text: &str) -> Option<Lang> {
    let (mut pt, mut es) = (false, false);
    for pair in text.as_bytes().windows(2) {
        match pair[0] {
            0xC3 => match pair[1] | 0x20 {
                0xA3 | 0xB5 | 0xA7 | 0xAA | 0xB4 | 0xA0 => pt = true,
                0xB1 => es = true,
                _ => {}
            },
            0xC2 if pair[1] == 0xBF || pair[1] == 0xA1 => es = true,
            _ => {}
        }
    }
    match (pt, es) {
        (true, false) => Some(Lang::Pt),
        (false, true) => Some(Lang::Es),
        _ => None,
    }
}

/// The two-letter code of the languages most likely met beside ours, else
/// whatlang's three-letter one.
fn short_code(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Nld => "nl",
        Cat => "ca",
        Ron => "ro",
        Pol => "pl",
        Rus => "ru",
        Ukr => "uk",
        Tur => "tr",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ces => "cs",
        Hun => "hu",
        Ell => "el",
        Ara => "ar",
        Heb => "he",
        Hin => "hi",
        Jpn => "ja",
        Kor => "ko",
        Cmn => "zh",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(text: &str, hint: Option<Lang>) -> Decision {
        let choice = LangChoice {
            hint,
            ..LangChoice::default()
        };
        Identifier::default().decide(text, choice)
    }

    #[test]
    fn every_code_a_decision_carries_is_listed_once() {
        let codes = all_codes();
        assert_eq!(&codes[..3], ["en", "es", "pt"]);
        assert!(codes.contains(&"fr") && codes.contains(&"de"));
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), codes.len());
    }

    #[test]
    fn the_telling_words_parse_and_vote() {
        assert!(parse_telling(TELLING_TSV).is_ok());
        for bad in [
            "pt\tnao\nes\tnao\n",
            "pt\tvoce\npt\tnao\n",
            "pt\tnão\n",
            "en\tthe\n",
            "pt nao\n",
        ] {
            assert!(parse_telling(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            telling_vote("Primera cena fuera con mi pareja"),
            Some(Lang::Es)
        );
        assert_eq!(
            telling_vote("Você é uma MÃE incrível, não liga"),
            Some(Lang::Pt)
        );
        assert_eq!(telling_vote("que nada, como todo"), None);
        assert_eq!(telling_vote("mi filho"), None, "one each");
    }

    #[test]
    fn tags_read_as_their_language() {
        assert_eq!(Lang::parse("pt-BR"), Some(Lang::Pt));
        assert_eq!(Lang::parse("es_MX"), Some(Lang::Es));
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::parse(""), None);
    }

    #[test]
    fn a_forced_language_wins() {
        let forced = LangChoice {
            forced: Some(Lang::Pt),
            hint: Some(Lang::Es),
            english_share: 1.0,
        };
        let d = Identifier::default().decide("You are a bad mom.", forced);
        assert_eq!((d.lang, d.confidence), (Some(Lang::Pt), 1.0));
    }

    #[test]
    fn long_replies_are_read_in_their_language() {
        let pt = "Você é uma péssima mãe, coitado do bebê que tem que aguentar isso todo dia.";
        let es = "Eres una pésima madre, pobre niño que tiene que aguantar esto todos los días.";
        let en = "You are a terrible mother and that poor baby has to put up with it every day.";
        assert_eq!(decide(pt, None).lang, Some(Lang::Pt));
        assert_eq!(decide(es, None).lang, Some(Lang::Es));
        assert_eq!(decide(en, None).lang, Some(Lang::En));
    }

    #[test]
    fn unsure_short_replies_take_their_letters_or_the_hint() {
        assert_eq!(decide("q horror", Some(Lang::Pt)).lang, Some(Lang::Pt));
        // (Short English, "Moron", is told at a glance before detection:
        // tests/cases/pt.tsv holds it.)
        // A letter only Portuguese writes names it.
        assert_eq!(decide("Mãe do ano", None).lang, Some(Lang::Pt));
    }

    #[test]
    fn a_reliable_other_language_has_no_model() {
        let fr = "Tu es vraiment une très mauvaise mère, ton enfant mérite beaucoup mieux que ça.";
        let d = decide(fr, Some(Lang::En));
        assert_eq!((d.lang, d.code), (None, "fr"), "{d:?}");
    }

    /// The byte scan of `letters_say` reads as a scan by lower-cased
    /// characters does, for every character up to U+2FFF alone and beside
    /// each telling letter.
    #[test]
    fn letters_say_by_bytes_as_by_characters() {
        fn by_chars(text: &str) -> Option<Lang> {
            let (mut pt, mut es) = (false, false);
            for c in text.chars() {
                match c.to_lowercase().next().unwrap_or(c) {
                    'ã' | 'õ' | 'ç' | 'ê' | 'ô' | 'à' => pt = true,
                    'ñ' | '¿' | '¡' => es = true,
                    _ => {}
                }
            }
            match (pt, es) {
                (true, false) => Some(Lang::Pt),
                (false, true) => Some(Lang::Es),
                _ => None,
            }
        }
        let telling = ["ã", "Ç", "ñ", "¿", "À", "Ñ", "õ", ""];
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            for t in telling {
                for text in [format!("{c}"), format!("a{c}{t}b"), format!("{t}{c}")] {
                    assert_eq!(letters_say(&text), by_chars(&text), "{text:?}");
                }
            }
        }
    }
}
