//! The JavaScript facade: a `Scorer` class for `pkg/mamalens.js`.
//!
//! Only type conversion lives here. Options and results cross as plain
//! objects (serde-wasm-bindgen) with camelCase names; bad options throw a
//! JavaScript `Error` whose message names the bad entry.

use crate::scorer::{self, Options, Verdict};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsOptions {
    sensitivity: Option<f32>,
    custom_lexicon: Option<JsCustomLexicon>,
    allowlist: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsCustomLexicon {
    shaming: Option<Vec<String>>,
    support: Option<Vec<String>>,
}

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

#[wasm_bindgen]
pub struct Scorer {
    inner: scorer::Scorer,
}

#[wasm_bindgen]
impl Scorer {
    /// `new Scorer({sensitivity, customLexicon: {shaming, support}, allowlist})`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Scorer, JsValue> {
        let opts: JsOptions = if options.is_undefined() || options.is_null() {
            JsOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|e| error(format!("bad Scorer options: {e}")))?
        };
        let custom = opts.custom_lexicon.unwrap_or_default();
        let options = Options {
            sensitivity: opts.sensitivity,
            custom_shaming: custom.shaming.unwrap_or_default(),
            custom_support: custom.support.unwrap_or_default(),
            allowlist: opts.allowlist.unwrap_or_default(),
        };
        scorer::Scorer::with_options(&options)
            .map(|inner| Scorer { inner })
            .map_err(error)
    }

    /// `{label, shaming, support, categories, cues: [{start, end, text, polarity, category, weight, rule, pattern}], truncated}`.
    pub fn score(&self, text: &str) -> Result<JsValue, JsValue> {
        to_js(&self.inner.score(text))
    }

    /// Scores an array of strings; a non-string element is an error naming it.
    #[wasm_bindgen(js_name = scoreBatch)]
    pub fn score_batch(&self, texts: js_sys::Array) -> Result<JsValue, JsValue> {
        let mut out: Vec<Verdict> = Vec::with_capacity(texts.length() as usize);
        for (i, v) in texts.iter().enumerate() {
            let Some(text) = v.as_string() else {
                return Err(error(format!("scoreBatch: element {i} is not a string")));
            };
            out.push(self.inner.score(&text));
        }
        to_js(&out)
    }

    /// `{version, counts: {shaming, support, slots, vocabulary}}`.
    #[wasm_bindgen(js_name = lexiconInfo)]
    pub fn lexicon_info(&self) -> Result<JsValue, JsValue> {
        let lex = self.inner.lexicon();
        to_js(&LexiconInfo {
            version: crate::lexicon::LEXICON_VERSION,
            counts: Counts {
                shaming: lex.count(crate::Polarity::Shaming),
                support: lex.count(crate::Polarity::Support),
                slots: lex.slots.len(),
                vocabulary: lex.vocab.len(),
            },
        })
    }

    /// Plain-words explanation of one reply's verdict.
    pub fn explain(&self, text: &str) -> String {
        crate::explain::explain(&self.inner.score(text))
    }
}
