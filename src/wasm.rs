//! The JavaScript facade: a `Scorer` class for `pkg/mamalens.js`.
//!
//! Only type conversion lives here. Options cross as plain objects with
//! camelCase names, read field by field (not through serde, whose error
//! messages print numbers and so link float formatting, some 8 KB gzipped,
//! into the `.wasm`); bad options throw a JavaScript `Error` whose message
//! names the bad entry.
//!
//! Results cross as numbers. Building objects field by field from Rust costs
//! one call across the boundary per field (a third of `scoreBatch`'s time),
//! so a verdict is written as a row of `u32`s (names as indexes into a table
//! of strings made once per Scorer, scores in thousandths) and a small
//! JavaScript function (`decode.js`) builds the plain objects, taking each
//! cue's text from the reply it was given by its UTF-16 offsets.

use crate::lang::Lang;
use crate::lexicon::data::{CUSTOM_CATEGORY, SHAMING_CATEGORIES, SUPPORT_CATEGORIES};
use crate::scorer::{self, Options};
use crate::verdict::Polarity;
use crate::verdict::Rule;
use crate::verdict::{Label, Verdict};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LexiconInfo {
    version: &'static str,
    counts: Counts,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Counts {
    shaming: usize,
    support: usize,
    slots: usize,
    vocabulary: usize,
}

fn error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

fn check_keys(value: &JsValue, known: &[&str], what: &str) -> Result<(), JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(error(format!("bad {what}: expected an object")));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(error(format!(
                "bad {what}: unknown field \"{key}\" (known: {})",
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// `{sensitivity, customLexicon: {shaming, support}, allowlist, lang,
/// pageLang}`, every
/// field optional; a field of the wrong type, or one not known (a typo would
/// otherwise pass silently), is an error naming it.
fn read_options(options: &JsValue) -> Result<Options, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options::default());
    }
    check_keys(
        options,
        &[
            "sensitivity",
            "customLexicon",
            "allowlist",
            "lang",
            "pageLang",
        ],
        "Scorer options",
    )?;
    let sensitivity =
        match field(options, "sensitivity") {
            v if is_absent(&v) => None,
            v => Some(v.as_f64().ok_or_else(|| {
                error("bad Scorer options: sensitivity must be a number from 0 to 1")
            })? as f32),
        };
    let custom = field(options, "customLexicon");
    let (custom_shaming, custom_support) = if is_absent(&custom) {
        (Vec::new(), Vec::new())
    } else {
        if js_sys::Array::is_array(&custom) {
            return Err(error(
                "bad Scorer options: customLexicon must be an object {shaming, support}",
            ));
        }
        check_keys(&custom, &["shaming", "support"], "customLexicon")?;
        (
            strings(field(&custom, "shaming"), "customLexicon.shaming")?,
            strings(field(&custom, "support"), "customLexicon.support")?,
        )
    };
    Ok(Options {
        sensitivity,
        custom_shaming,
        custom_support,
        allowlist: strings(field(options, "allowlist"), "allowlist")?,
        lang: language(field(options, "lang"), "lang")?,
        page_lang: language(field(options, "pageLang"), "pageLang")?,
    })
}

/// A language option: absent, or "en", "es", "pt" (a regional tag of them
/// too, "pt-BR"); any other string is an error naming the option.
fn language(v: JsValue, what: &str) -> Result<Option<Lang>, JsValue> {
    if is_absent(&v) {
        return Ok(None);
    }
    let tag = v
        .as_string()
        .ok_or_else(|| error(format!("bad Scorer options: {what} must be a string")))?;
    Lang::parse(&tag).map(Some).ok_or_else(|| {
        error(format!(
            "bad Scorer options: {what} \"{tag}\" is not one of en, es, pt"
        ))
    })
}

/// A page's language given per call: a tag of en, es or pt helps; any other
/// (the page is in French, or says nothing) leaves detection to itself.
fn lang_of_tag(tag: Option<String>) -> Option<Lang> {
    tag.as_deref().and_then(Lang::parse)
}

fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn is_absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// A list of strings, or nothing.
fn strings(v: JsValue, what: &'static str) -> Result<Vec<String>, JsValue> {
    if is_absent(&v) {
        return Ok(Vec::new());
    }
    if !js_sys::Array::is_array(&v) {
        return Err(error(format!(
            "bad Scorer options: {what} must be a list of strings"
        )));
    }
    let list = js_sys::Array::from(&v);
    // Refused before any entry is copied out of JavaScript.
    let count = list.length() as usize;
    if count > crate::tuning::MAX_CUSTOM_ENTRIES {
        return Err(error(scorer::ConfigError::TooMany { list: what, count }));
    }
    list.iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_string().ok_or_else(|| {
                error(format!(
                    "bad Scorer options: {what} entry {} is not a string",
                    i + 1
                ))
            })
        })
        .collect()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(error)
}

/// Reports a panic to the console once; the caller rebuilds the Scorer.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen(module = "/src/decode.js")]
extern "C" {
    #[wasm_bindgen(js_name = decodeVerdicts)]
    fn decode_verdicts(
        texts: &js_sys::Array,
        rows: &[u32],
        names: &js_sys::Array,
        patterns: &js_sys::Array,
    ) -> js_sys::Array;
}

/// The strings of a verdict other than pattern and cue text, in the order
/// `rows` name them.
const LABELS: [Label; 3] = [Label::Shaming, Label::Supportive, Label::Neutral];
const POLARITIES: [Polarity; 2] = [Polarity::Shaming, Polarity::Support];
const NO_RULE: u32 = u32::MAX;

const POLARITY_AT: usize = LABELS.len();
const RULE_AT: usize = POLARITY_AT + POLARITIES.len();
const CATEGORY_AT: usize = RULE_AT + Rule::ALL.len();
/// After the categories: every language code (`lang::all_codes`).
const LANG_AT: usize = CATEGORY_AT + SHAMING_CATEGORIES.len() + SUPPORT_CATEGORIES.len() + 1;

fn names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = LABELS.iter().map(|l| l.as_str()).collect();
    names.extend(POLARITIES.iter().map(|p| p.as_str()));
    names.extend(Rule::ALL.iter().map(|r| r.as_str()));
    names.extend(SHAMING_CATEGORIES.iter().chain(SUPPORT_CATEGORIES).copied());
    names.push(CUSTOM_CATEGORY);
    debug_assert_eq!(names.len(), LANG_AT);
    names.extend(crate::lang::all_codes());
    names
}

/// Index in `names()` of the `at`-th value of `all`.
fn position<T: PartialEq>(all: &[T], value: T, at: usize) -> u32 {
    (at + all.iter().position(|x| *x == value).unwrap_or(0)) as u32
}

fn milli(x: f32) -> u32 {
    (x.clamp(0.0, 1.0) * 1000.0).round() as u32
}

#[wasm_bindgen]
pub struct Scorer {
    inner: scorer::Scorer,
    names: Vec<&'static str>,
    js_names: js_sys::Array,
    /// Each language's patterns (English's, then Spanish's and
    /// Portuguese's), made on first use, not to slow down construction.
    js_patterns: [std::cell::OnceCell<js_sys::Array>; 3],
}

impl Scorer {
    /// The page's language given with the call, else the options'.
    fn hint(&self, page_lang: Option<String>) -> Option<Lang> {
        lang_of_tag(page_lang).or(self.inner.lang.hint)
    }

    fn decode(&self, texts: &js_sys::Array, rows: &[u32]) -> js_sys::Array {
        let english = self.js_patterns[0].get_or_init(|| {
            // Lexicon entries, then the model's features (a learned cue's
            // `entry` counts on past the lexicon's).
            let lexicon = self.inner.lexicon();
            lexicon
                .entries
                .iter()
                .map(|e| JsValue::from_str(&e.source))
                .chain(
                    self.inner
                        .model()
                        .names()
                        .iter()
                        .map(|n| JsValue::from_str(n)),
                )
                .collect()
        });
        // Spanish's and Portuguese's once they have been read, the same way.
        let other = |k: usize, lang: Lang| -> js_sys::Array {
            if !self.inner.has_lexicon(lang) {
                return js_sys::Array::new();
            }
            self.js_patterns[k]
                .get_or_init(|| {
                    let Some(lexicon) = self.inner.lexicon_of(lang) else {
                        return js_sys::Array::new();
                    };
                    let model = self.inner.model_of(lang).map_or(&[][..], |m| m.names());
                    lexicon
                        .entries
                        .iter()
                        .map(|e| JsValue::from_str(&e.source))
                        .chain(model.iter().map(|n| JsValue::from_str(n)))
                        .collect()
                })
                .clone()
        };
        let patterns = js_sys::Array::of3(english, &other(1, Lang::Es), &other(2, Lang::Pt));
        decode_verdicts(texts, rows, &self.js_names, &patterns)
    }

    /// One verdict as a row: label, shaming, support (thousandths),
    /// truncated, language (name, confidence in thousandths, and which
    /// language's patterns the cues name), categories (count, names), cues
    /// (count, then start, end, polarity, category, weight, rule or
    /// `NO_RULE`, pattern).
    fn write_row(&self, v: &Verdict, rows: &mut Vec<u32>) {
        let category = |c: &str| {
            let found = self.names[CATEGORY_AT..].iter().position(|n| *n == c);
            (CATEGORY_AT + found.unwrap_or(0)) as u32
        };
        rows.extend([
            position(&LABELS, v.label, 0),
            milli(v.shaming),
            milli(v.support),
            v.truncated as u32,
            (LANG_AT
                + self.names[LANG_AT..]
                    .iter()
                    .position(|n| *n == v.lang)
                    .unwrap_or(0)) as u32,
            milli(v.lang_confidence),
            Lang::parse(v.lang).map_or(0, |l| Lang::ALL.iter().position(|x| *x == l).unwrap_or(0))
                as u32,
            v.categories.len() as u32,
        ]);
        rows.extend(v.categories.iter().map(|c| category(c)));
        rows.push(v.cues.len() as u32);
        for c in &v.cues {
            rows.extend([
                c.start as u32,
                c.end as u32,
                position(&POLARITIES, c.polarity, POLARITY_AT),
                category(c.category),
                milli(c.weight),
                c.rule.map_or(NO_RULE, |r| position(&Rule::ALL, r, RULE_AT)),
                c.entry,
            ]);
        }
    }
}

#[wasm_bindgen]
impl Scorer {
    /// `new Scorer({sensitivity, customLexicon: {shaming, support}, allowlist, lang, pageLang})`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Scorer, JsValue> {
        let options = read_options(&options)?;
        let inner = scorer::Scorer::with_options(&options).map_err(error)?;
        let names = names();
        let js_names = names.iter().map(|n| JsValue::from_str(n)).collect();
        Ok(Scorer {
            inner,
            names,
            js_names,
            js_patterns: Default::default(),
        })
    }

    /// `{label, shaming, support, categories, cues: [{start, end, text, polarity, category, weight, rule, pattern}], truncated, lang, langConfidence}`.
    /// `pageLang` (optional): the page's language tag, for short replies.
    pub fn score(&self, text: &str, page_lang: Option<String>) -> Result<JsValue, JsValue> {
        let mut rows = Vec::with_capacity(64);
        let hint = self.hint(page_lang);
        self.write_row(&self.inner.score_in(text, hint), &mut rows);
        let texts = js_sys::Array::of1(&JsValue::from_str(text));
        Ok(self.decode(&texts, &rows).get(0))
    }

    /// Scores an array of strings; a non-string element is an error naming it.
    #[wasm_bindgen(js_name = scoreBatch)]
    pub fn score_batch(
        &self,
        texts: js_sys::Array,
        page_lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let mut rows = Vec::with_capacity(64 * texts.length() as usize);
        let hint = self.hint(page_lang);
        for (i, v) in texts.iter().enumerate() {
            let Some(text) = v.as_string() else {
                return Err(error(format!("scoreBatch: element {i} is not a string")));
            };
            self.write_row(&self.inner.score_in(&text, hint), &mut rows);
        }
        Ok(self.decode(&texts, &rows).into())
    }

    /// `{version, counts: {shaming, support, slots, vocabulary}}`.
    #[wasm_bindgen(js_name = lexiconInfo)]
    pub fn lexicon_info(&self) -> Result<JsValue, JsValue> {
        let lex = self.inner.lexicon();
        to_js(&LexiconInfo {
            version: crate::lexicon::data::LEXICON_VERSION,
            counts: Counts {
                shaming: lex.count(crate::verdict::Polarity::Shaming),
                support: lex.count(crate::verdict::Polarity::Support),
                slots: lex.slots.len(),
                vocabulary: lex.vocab.len(),
            },
        })
    }

    /// `Scorer.provideLanguage("pt", {slots, shaming, support, words, model})`:
    /// the text of `lexicon/<lang>/*.tsv` (`model` may be left out: the
    /// language is then read by its lexicon alone), for a build without them compiled in,
    /// before any reply in the language is read (it is not read before: a
    /// reply in it comes back neutral, `lang` naming it). Throws on a bad
    /// file, naming it.
    #[wasm_bindgen(js_name = provideLanguage)]
    pub fn provide_language(lang: &str, files: JsValue) -> Result<(), JsValue> {
        let lang = Lang::parse(lang)
            .ok_or_else(|| error(format!("provideLanguage: \"{lang}\" is not es or pt")))?;
        check_keys(
            &files,
            &["slots", "shaming", "support", "words", "model"],
            "language files",
        )?;
        let text = |key: &str| -> Result<&'static str, JsValue> {
            let s = field(&files, key)
                .as_string()
                .ok_or_else(|| error(format!("provideLanguage: {key} must be a string")))?;
            // Kept for the life of the page, as built-in data is.
            Ok(Box::leak(s.into_boxed_str()))
        };
        let files = crate::lang::LangFiles {
            slots: text("slots")?,
            shaming: text("shaming")?,
            support: text("support")?,
            words: text("words")?,
            model: if field(&files, "model").is_undefined() {
                ""
            } else {
                text("model")?
            },
        };
        scorer::Scorer::provide_language(lang, files).map_err(error)
    }

    /// Plain-words explanation of one reply's verdict.
    pub fn explain(&self, text: &str) -> String {
        crate::verdict::explain(&self.inner.score(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use js_sys::{Array, Reflect, JSON};
    use wasm_bindgen_test::wasm_bindgen_test;

    fn get(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &JsValue::from_str(key)).unwrap()
    }

    fn options(json: &str) -> JsValue {
        JSON::parse(json).unwrap()
    }

    #[wasm_bindgen_test]
    fn score_returns_a_plain_object_with_camel_case_fields() {
        let s = Scorer::new(JsValue::UNDEFINED).unwrap();
        let text = "😓 You are NOT a bad mom";
        let v = s.score(text, None).unwrap();
        assert_eq!(get(&v, "label").as_string().unwrap(), "supportive");
        let cues = Array::from(&get(&v, "cues"));
        assert!(cues.length() >= 1);
        let cue = cues.get(0);
        for key in [
            "start", "end", "text", "polarity", "category", "rule", "weight",
        ] {
            assert!(
                Reflect::has(&cue, &JsValue::from_str(key)).unwrap(),
                "cue lacks {key}"
            );
        }
        // Offsets are UTF-16 indices: the emoji before the cue counts 2.
        let (start, end) = (
            get(&cue, "start").as_f64().unwrap() as u32,
            get(&cue, "end").as_f64().unwrap() as u32,
        );
        let js = js_sys::JsString::from(text);
        assert_eq!(
            js.substring(start, end).as_string().unwrap(),
            get(&cue, "text").as_string().unwrap()
        );
        assert_eq!(get(&cue, "rule").as_string().unwrap(), "negated");
        assert!(get(&v, "shaming").as_f64().is_some() && get(&v, "support").as_f64().is_some());
    }

    #[wasm_bindgen_test]
    fn score_batch_scores_each_and_names_a_bad_element() {
        let s = Scorer::new(options(r#"{"sensitivity": 0.5}"#)).unwrap();
        let batch = Array::of3(
            &"You are a terrible mother.".into(),
            &"So proud of you".into(),
            &"What time is the final?".into(),
        );
        let out = Array::from(&s.score_batch(batch, None).unwrap());
        let labels: Vec<String> = out
            .iter()
            .map(|v| get(&v, "label").as_string().unwrap())
            .collect();
        assert_eq!(labels, ["shaming", "supportive", "neutral"]);
        let bad = Array::of2(&"fine".into(), &JsValue::from_f64(3.0));
        let err = s.score_batch(bad, None).unwrap_err();
        assert!(get(&err, "message")
            .as_string()
            .unwrap()
            .contains("element 1"));
    }

    #[wasm_bindgen_test]
    fn bad_options_throw_an_error_naming_the_entry() {
        for (json, want) in [
            (r#"{"sensitivity": 2}"#, "sensitivity"),
            (
                r#"{"customLexicon": {"shaming": ["ok", "(broken"]}}"#,
                "customLexicon.shaming entry 2",
            ),
            (r#"{"allowlist": [""]}"#, "allowlist entry 1"),
            (r#"{"sensitivty": 0.5}"#, "unknown field"),
            (
                r#"{"customLexicon": {"shaming": "not a list"}}"#,
                "customLexicon.shaming must be a list",
            ),
            (r#"{"sensitivity": "high"}"#, "sensitivity must be a number"),
            (
                r#"{"allowlist": ["ok", 7]}"#,
                "allowlist entry 2 is not a string",
            ),
            (
                r#"{"customLexicon": ["bad mom"]}"#,
                "customLexicon must be an object",
            ),
            (
                r#"{"customLexicon": {"shamming": []}}"#,
                "unknown field \"shamming\"",
            ),
            ("[]", "bad Scorer options: expected an object"),
            ("7", "bad Scorer options: expected an object"),
        ] {
            let err = Scorer::new(options(json))
                .err()
                .unwrap_or_else(|| panic!("{json} was accepted"));
            assert!(
                err.is_instance_of::<js_sys::Error>(),
                "{json}: not an Error"
            );
            let message = get(&err, "message").as_string().unwrap();
            assert!(message.contains(want), "{json}: {message}");
        }
        // Entry 1 is not a string: only a count checked before the entries
        // are read names the length, not entry 1.
        let huge = format!(
            r#"{{"allowlist": [7, {}]}}"#,
            vec![r#""x""#; 2_000].join(",")
        );
        let err = Scorer::new(options(&huge))
            .err()
            .expect("2,001 entries accepted");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.contains("allowlist has 2001 entries"), "{message}");
    }

    #[wasm_bindgen_test]
    fn custom_lexicon_and_lexicon_info() {
        let s = Scorer::new(options(r#"{"customLexicon": {"shaming": ["couch potato {mom1}"]}, "allowlist": ["bad mother of a storm"]}"#)).unwrap();
        assert_eq!(
            get(&s.score("what a couch potato mom", None).unwrap(), "label")
                .as_string()
                .unwrap(),
            "shaming"
        );
        assert_eq!(
            get(
                &s.score("that bad mother of a storm", None).unwrap(),
                "label"
            )
            .as_string()
            .unwrap(),
            "neutral"
        );
        let info = s.lexicon_info().unwrap();
        assert!(get(&info, "version").as_string().is_some());
        let counts = get(&info, "counts");
        let base = Scorer::new(JsValue::NULL).unwrap().lexicon_info().unwrap();
        assert_eq!(
            get(&counts, "shaming").as_f64().unwrap(),
            get(&get(&base, "counts"), "shaming").as_f64().unwrap() + 1.0
        );
    }

    /// Same shape and values as JavaScript would get from `Verdict`'s serde
    /// form (numbers to f32 precision: serde widens them, rows do not).
    fn same(a: &JsValue, b: &JsValue, at: &str) {
        if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
            assert!((x - y).abs() < 1e-6, "{at}: {x} != {y}");
        } else if Array::is_array(a) {
            let (a, b) = (Array::from(a), Array::from(b));
            assert_eq!(a.length(), b.length(), "{at}: lengths");
            for i in 0..a.length() {
                same(&a.get(i), &b.get(i), &format!("{at}[{i}]"));
            }
        } else if a.is_object() {
            let keys = js_sys::Object::keys(a.unchecked_ref::<js_sys::Object>());
            let other = js_sys::Object::keys(b.unchecked_ref::<js_sys::Object>());
            assert_eq!(keys.length(), other.length(), "{at}: keys");
            for k in keys.iter() {
                let k = k.as_string().unwrap();
                assert!(
                    Reflect::has(b, &k.as_str().into()).unwrap(),
                    "{at}: {k} missing"
                );
                same(&get(a, &k), &get(b, &k), &format!("{at}.{k}"));
            }
        } else {
            assert_eq!(a, b, "{at}");
        }
    }

    #[wasm_bindgen_test]
    fn results_decoded_from_rows_match_the_serde_form() {
        let s = Scorer::new(options(
            r#"{"customLexicon": {"support": ["couch potato"]}, "allowlist": ["lousy mother"]}"#,
        ))
        .unwrap();
        let texts = [
            "You are NOT a bad mom!! 😓 \"quoted\" \\ back\tslash",
            "Mother of the year 🙄",
            "great player but a lousy mother, a couch potato",
            "People keep calling me selfish. I'm selfish about my Sundays.",
            "What time is the final?",
            "",
            "Você é uma péssima mãe, coitado do bebê que aguenta isso.",
            "Eres una pésima madre, pobre niño que aguanta esto cada día.",
            "Tu es vraiment une très mauvaise mère, ton enfant mérite beaucoup mieux que ça.",
            // Learned cues: their entries count on past the language's
            // lexicon, into its model's features.
            "Dez dias depois do parto já está no palco, e o bebê fica com quem?",
            "Diez días después del parto ya de fiesta, ¿y el bebé con quién se queda?",
        ];
        let batch: Array = texts.iter().map(|t| JsValue::from_str(t)).collect();
        let decoded = Array::from(&s.score_batch(batch, None).unwrap());
        for (i, text) in texts.iter().enumerate() {
            let theirs = to_js(&s.inner.score(text)).unwrap();
            same(&s.score(text, None).unwrap(), &theirs, text);
            same(&decoded.get(i as u32), &theirs, text);
        }
    }

    #[wasm_bindgen_test]
    fn results_carry_the_language_and_take_the_page_language() {
        let s = Scorer::new(JsValue::UNDEFINED).unwrap();
        let lang = |v: &JsValue| get(v, "lang").as_string().unwrap();
        let pt = s
            .score("Você é uma péssima mãe, coitado do bebê.", None)
            .unwrap();
        assert_eq!(lang(&pt), "pt");
        assert_eq!(get(&pt, "label").as_string().unwrap(), "shaming");
        // Its cue names a Portuguese pattern, not an English one.
        let cue = Array::from(&get(&pt, "cues")).get(0);
        let pattern = get(&cue, "pattern").as_string().unwrap();
        assert!(
            s.inner
                .lexicon_of(Lang::Pt)
                .unwrap()
                .entries
                .iter()
                .any(|e| *e.source == *pattern),
            "{pattern}"
        );
        assert_eq!(
            lang(&s.score("q horror", Some("pt-BR".into())).unwrap()),
            "pt"
        );
        let forced = Scorer::new(options(r#"{"lang": "es"}"#)).unwrap();
        assert_eq!(
            lang(&forced.score("You are a bad mom", None).unwrap()),
            "es"
        );
        let err = Scorer::new(options(r#"{"lang": "fr"}"#)).err().unwrap();
        assert!(format!("{:?}", err).contains("lang"));
    }

    /// Each cue of `v` sits where its text is in `text`, in UTF-16 units.
    fn cues_at(text: &js_sys::JsString, v: &JsValue) -> Vec<(u32, u32, String)> {
        Array::from(&get(v, "cues"))
            .iter()
            .map(|c| {
                let (start, end) = (
                    get(&c, "start").as_f64().unwrap() as u32,
                    get(&c, "end").as_f64().unwrap() as u32,
                );
                let cue = get(&c, "text").as_string().unwrap();
                assert_eq!(text.substring(start, end).as_string().unwrap(), cue);
                (start, end, cue)
            })
            .collect()
    }

    #[wasm_bindgen_test]
    fn lone_surrogates_and_nul_keep_utf16_offsets_exact() {
        let s = Scorer::new(JsValue::UNDEFINED).unwrap();
        // Lone surrogates before, between and after the cue, a NUL, a
        // surrogate pair, and one unpaired high surrogate right before it.
        for source in [
            r#""\uD800 bad mom \u0000 \uDFFF""#,
            r#""\uDFFF\uD800\uD83D\uDE13 \u0000you are a bad mom\uD800""#,
            r#""x\uD83D bad mom""#,
        ] {
            let text: js_sys::JsString = js_sys::eval(source).unwrap().unchecked_into();
            let one = s.score(&String::from(&text), None).unwrap();
            let batch = Array::from(&s.score_batch(Array::of1(&text), None).unwrap()).get(0);
            for v in [one, batch] {
                assert_eq!(get(&v, "label").as_string().unwrap(), "shaming", "{source}");
                // cues_at checks each cue's offsets against the text as
                // JavaScript holds it, surrogates and all.
                let cues = cues_at(&text, &v);
                assert!(
                    cues.iter().any(|(_, _, t)| t.contains("bad mom")),
                    "{source}: {cues:?}"
                );
            }
        }
    }
}
