//! Scoring a reply not in English: Spanish and Portuguese by their own
//! lexicon after the rules (no model yet), another language left unread.

use super::other::{round3, LangData};
use super::{covers_all, engine_label, engine_view, lexicon_cues_in, locate_in_original, Scorer};
use crate::lang::{Decision, Lang};
use crate::lexicon::run::Scratch;
use crate::text::full::normalize_full_in;
use crate::verdict::{Cue, Label, Verdict};

impl Scorer {
    /// The data of a language other than English, built on first use.
    pub(crate) fn lang_data(&self, lang: Lang) -> Option<&LangData> {
        let slot = match lang {
            Lang::En => unreachable!("English is the Scorer's own lexicon"),
            Lang::Es => &self.others[0],
            Lang::Pt => &self.others[1],
        };
        // Files not given yet are not remembered as missing: the host gives
        // them on first need, and the reply is read again.
        if slot.get().is_none() && crate::lang::files(lang).is_none() {
            return None;
        }
        slot.get_or_init(|| LangData::build(lang, &self.pending))
            .as_ref()
    }

    /// Gives Spanish's or Portuguese's files (`lexicon/<lang>/slots.tsv`,
    /// `shaming.tsv`, `support.tsv`, `words.tsv`), for every Scorer, before
    /// any reply in that language is read: for a build without them
    /// compiled in (no `embedded-languages` feature). They are checked (an
    /// error says what is wrong) and kept for the life of the process.
    pub fn provide_language(lang: Lang, files: crate::lang::LangFiles) -> Result<(), String> {
        LangData::provide(lang, files)
    }

    /// A reply in a language other than English. Spanish and Portuguese have
    /// no model yet: the lexicon's verdict after the rules is the verdict
    /// (as for a user's own cue in English). A language with no data is
    /// neutral, with no cue.
    pub(crate) fn score_other(&self, text: &str, truncated: bool, decision: Decision) -> Verdict {
        let Some(lang) = decision.lang.filter(|l| *l != Lang::En) else {
            return self.unread(truncated, decision);
        };
        let Some(data) = self.lang_data(lang) else {
            // No files for it in this build, and none given yet.
            return self.unread(truncated, decision);
        };
        let norm = normalize_full_in(text, &data.lexicon.vocab, lang);
        let mut tokens = Vec::new();
        let flags = crate::text::tokens::tokenize(&norm.text, &data.lexicon.words, &mut tokens);
        let mut hits = Vec::new();
        data.lexicon
            .program
            .find(&norm.text, &tokens, &mut Scratch::default(), &mut hits);
        let allowed = data.allowlist.spans(&tokens, &norm.text);
        let mut cues = lexicon_cues_in(
            &data.lexicon,
            data.lists,
            &norm.text,
            text,
            &tokens,
            flags,
            &mut hits,
            &allowed,
        );
        let engine = engine_view(&cues);
        let all_allowed = !allowed.is_empty() && covers_all(&allowed, &tokens);
        let mut label = engine_label(engine.shaming, engine.support, self.lexicon_shift());
        if all_allowed && label == Label::Shaming {
            label = Label::Neutral;
        }
        let shaming = if all_allowed { 0.0 } else { engine.shaming };
        locate_in_original(&norm, text, &mut cues);
        let cues: Vec<Cue> = cues.into_iter().map(|(c, _, _)| c).collect();
        let mut v = self.verdict(
            label,
            shaming,
            engine.support,
            cues,
            truncated,
            &norm.text,
            &tokens,
        );
        v.lang = decision.code;
        v.lang_confidence = round3(decision.confidence);
        v
    }

    /// The verdict on a reply in a language with no data: neutral, unread.
    fn unread(&self, truncated: bool, decision: Decision) -> Verdict {
        Verdict {
            label: Label::Neutral,
            shaming: 0.0,
            support: 0.0,
            categories: Vec::new(),
            cues: Vec::new(),
            truncated,
            lang: decision.code,
            lang_confidence: round3(decision.confidence),
        }
    }
}
