//! The rules that turn raw cue matches into what a reader would understand.
//!
//! Each rule looks at the words around a cue in the normalised text (a short
//! window, never across a sentence end) and may flip, weaken, strengthen or
//! cancel the cue. A cue records the single most important rule that changed
//! it, so the popover can say why ("negated", "reported").

use super::{view::*, words::*};
use crate::lexicon::data::Entry;
use crate::lexicon::program::Hit;
use crate::text::lists::list;
use crate::tuning::*;
use crate::verdict::{Cue, Polarity, Rule};

/// What the rules made of one cue.
pub struct Applied {
    pub polarity: Polarity,
    pub category: &'static str,
    pub weight: f32,
    pub rule: Option<Rule>,
}

impl Applied {
    /// Turns the cue to the other polarity, in `category`, at `factor` of
    /// its weight, saying which rule did it.
    pub(crate) fn recast(&mut self, category: &'static str, factor: f32, rule: Rule) {
        self.polarity = self.polarity.flip();
        self.category = category;
        self.weight *= factor;
        self.rule = Some(rule);
    }
}

pub fn apply(view: &TextView<'_>, entry: &Entry, hit: &Hit, allowed: &[(usize, usize)]) -> Applied {
    let (start, end) = (hit.start as usize, hit.end as usize);
    let mut a = Applied {
        polarity: entry.polarity,
        category: entry.category,
        weight: entry.weight,
        rule: None,
    };
    let (first, last) = (hit.first as usize, hit.last as usize);

    if entry.polarity == Polarity::Shaming && allowed.iter().any(|&(s, e)| s < end && start < e) {
        a.weight = 0.0;
        a.rule = Some(Rule::Allowlisted);
        return a;
    }
    if is_mentioned(view, start, end) {
        a.weight = 0.0;
        a.rule = Some(Rule::Quoted);
        return a;
    }
    let about_a_thing = (last + 1 < view.tokens.len() && view.is(last + 1, flag::THING))
        || (entry.flags.needs_target && describes_a_thing(view, first));
    // A bare judgement whose subject is her critics is said of them, whatever
    // else the reply names: "It's your child. People are so strange".
    let bare = entry.flags.needs_target || entry.flags.needs_context;
    if bare && entry.polarity == Polarity::Shaming && !about_a_thing && names_critics(view, first) {
        a.recast("defense", JUDGED_CRITICS_TO_SUPPORT, Rule::AtCritics);
        return a;
    }
    if entry.flags.needs_target && (about_a_thing || !has_target(view, first, last, entry.polarity))
    {
        a.weight *= NO_CONTEXT_FACTOR;
        a.rule = Some(Rule::NoContext);
        return a;
    }
    if entry.polarity == Polarity::Shaming && is_reported(view, first) {
        a.recast("defense", REPORTED_SHAMING_TO_SUPPORT, Rule::Reported);
        return a;
    }
    if entry.polarity == Polarity::Shaming && view.mocking() {
        a.recast("defense", MOCKED_SHAMING_TO_SUPPORT, Rule::Mocking);
        return a;
    }
    if entry.flags.negatable && (is_negated(view, first) || is_ironically_negated(view, last)) {
        match entry.polarity {
            Polarity::Shaming => a.recast("reassurance", NEGATED_SHAMING_TO_SUPPORT, Rule::Negated),
            Polarity::Support => a.recast("insult", NEGATED_SUPPORT_TO_SHAMING, Rule::Negated),
        }
        return a;
    }
    // The writer judging herself ("I'm selfish about my Sundays") or her own
    // child ("still nursing my baby girl").
    let said_of_herself = entry.flags.judges_person
        && view
            .before(first, SELF_WINDOW)
            .any(|t| view.is(t, flag::FIRST_PERSON));
    if said_of_herself
        || (entry.polarity == Polarity::Shaming && about_own_child(view, first, last))
    {
        a.weight = 0.0;
        a.rule = Some(Rule::SelfDirected);
        return a;
    }
    if entry.flags.sarcasm_flips && (view.sarcasm() || followed_by_question(view.text, end)) {
        a.polarity = Polarity::Shaming;
        a.category = "insult";
        a.weight *= SARCASM_TO_SHAMING;
        a.rule = Some(Rule::Sarcasm);
        return a;
    }
    if entry.flags.needs_context && !view.has_context() {
        a.weight *= NO_CONTEXT_FACTOR;
        a.rule = Some(Rule::NoContext);
        return a;
    }
    let mut boost = 1.0;
    if view.shouted() {
        boost *= CAPS_BOOST;
    }
    if has_bangs_in_sentence(view, first) {
        boost *= BANG_BOOST;
    }
    if view
        .before(first, INTENSIFIER_WINDOW)
        .any(|t| view.is(t, flag::INTENSIFIER))
    {
        boost *= INTENSIFIER_BOOST;
    }
    if boost > 1.0 {
        a.weight = (a.weight * boost).min(1.0);
        a.rule = Some(Rule::Intensified);
    }
    a
}

/// Whether the judgement at `first` is said of her critics: one of their
/// names is the subject just before it, in its sentence ("people are being
/// ridiculous"; not "disgusting people out there who would...").
pub(crate) fn names_critics(view: &TextView<'_>, first: usize) -> bool {
    view.before(first, CRITIC_WINDOW)
        .any(|t| view.lists.has(list::CRITIC, view.word(t)))
}

/// Whether a lone word is said of a thing before it: "her kids' names are so
/// cute", "the nanny in this film is the best".
pub(crate) fn describes_a_thing(view: &TextView<'_>, first: usize) -> bool {
    for t in view.before(first, first).rev() {
        if view.is(t, flag::THING) {
            return true;
        }
        if !(view.lists.list(list::LINKING).contains(&view.word(t))
            || view.is(t, flag::INTENSIFIER))
        {
            return false;
        }
    }
    false
}

/// Whether the sentence(s) of tokens `first..=last` name a mother or a child
/// (for praise, also a person), other than the writer's own.
pub(crate) fn has_target(
    view: &TextView<'_>,
    first: usize,
    last: usize,
    polarity: Polarity,
) -> bool {
    let want = match polarity {
        Polarity::Shaming => flag::FAMILY,
        Polarity::Support => flag::FAMILY | flag::PERSON,
    };
    if view.flags & (want | flag::AGE_UNIT) == 0 {
        return false;
    }
    // The tokens of the cue's sentence(s): `lo..hi`.
    let n = view.tokens.len();
    let sentence = |t: usize| view.tokens[t].sentence;
    let (mut lo, mut hi) = (first, last + 1);
    while lo > 0 && sentence(lo - 1) == sentence(first) {
        lo -= 1;
    }
    while hi < n && sentence(hi) == sentence(last) {
        hi += 1;
    }
    // A bare reaction ("Sad.", "So concerning.") is about the sentence before.
    if hi - lo <= BARE_REACTION_WORDS && sentence(first) > 0 {
        let before = sentence(first) - 1;
        while lo > 0 && sentence(lo - 1) == before {
            lo -= 1;
        }
    }
    (lo..hi).any(|t| {
        (view.is(t, want)
            && !(t > 0 && view.is(t - 1, flag::FIRST_PERSON_POSSESSIVE))
            && !(t + 1 < n && view.is(t + 1, flag::THING)))
            || view.is_age(t)
    })
}

pub(crate) fn is_negated(view: &TextView<'_>, first: usize) -> bool {
    let range = view.before(first, NEGATION_WINDOW);
    // A negator before a "but" negates its own clause, not the cue: "not a
    // fan of her music but she's clearly a great mom".
    let from = range
        .clone()
        .rev()
        .find(|&t| view.is(t, flag::CONTRAST))
        .map_or(range.start, |t| t + 1);
    // Nor does it reach past a new clause's "that is": "I would never give
    // my child an iPad, that's just lazy parenting".
    let from = (from..range.end)
        .rev()
        .find(|&t| t + 1 < range.end && is_clause_opener(view, t))
        .map_or(from, |t| t.max(from));
    (from..range.end).any(|t| {
        if !view.is(t, flag::NEGATOR) || is_disclaimer(view, t) {
            return false;
        }
        let false_negation = t + 1 < view.tokens.len() && view.is(t + 1, flag::FALSE_NEGATION);
        !(view.lists.has(list::NEGATING_NO, view.word(t)) && false_negation)
    })
}

/// ", that is", ", it was", "- this is", ", she is": after a break, a
/// subject and its verb begin a clause of their own ("can't believe people
/// think this is good parenting" has none; "I can't even describe the love I
/// have for her, she's a miracle" does).
pub(crate) fn is_clause_opener(view: &TextView<'_>, t: usize) -> bool {
    t > 0
        && view.lists.has(list::CLAUSE_SUBJECT, view.word(t))
        && view.lists.has(list::CLAUSE_VERB, view.word(t + 1))
        && view.text[view.tokens[t - 1].end as usize..view.tokens[t].start as usize]
            .contains([',', ':', '-'])
}

/// "Not saying she's a bad mom, but...", "I'm not judging, but...": a
/// negated reporting verb with a "but" after it in the sentence disclaims
/// the judgement that follows; it neither negates nor reports it.
pub(crate) fn is_disclaimer(view: &TextView<'_>, t: usize) -> bool {
    let n = view.tokens.len();
    // `t` is the negator or the verb of the pair.
    let verb = if view.is(t, flag::NEGATOR) { t + 1 } else { t };
    if verb == 0
        || verb >= n
        || !view.is(verb - 1, flag::NEGATOR)
        || !view.is(verb, flag::REPORT_VERB)
    {
        return false;
    }
    let sentence = view.tokens[verb].sentence;
    (verb + 1..n)
        .take_while(|&k| view.tokens[k].sentence == sentence)
        .any(|k| view.is(k, flag::CONTRAST))
}

/// "She is a bad mom… said no one."
pub(crate) fn is_ironically_negated(view: &TextView<'_>, last: usize) -> bool {
    let words: Vec<&str> = (last + 1..(last + 5).min(view.tokens.len()))
        .map(|t| view.word(t))
        .collect();
    words
        .windows(2)
        .take(3)
        .any(|w| view.lists.has(list::IRONY_VERB, w[0]) && view.lists.has(list::IRONY_NOBODY, w[1]))
}

pub(crate) fn is_reported(view: &TextView<'_>, first: usize) -> bool {
    view.before(first, REPORT_WINDOW).any(|t| {
        // "you can tell those kids are raised by staff" infers, not reports.
        view.is(t, flag::REPORT_VERB)
            && !(t > 0 && view.lists.has(list::INFERRING_MODAL, view.word(t - 1)))
            // "I think ..." is the writer's own view, not someone else's.
            && !(t > 0
                && view.lists.has(list::OWN_VIEW_VERB, view.word(t))
                && view.lists.has(list::OWN_VIEW_SUBJECT, view.word(t - 1)))
            // "I have to say", "I must say", "what to say": the writer's own words.
            && !(t > 0
                && view.lists.has(list::OWN_WORDS_VERB, view.word(t))
                && view.lists.has(list::OWN_WORDS_BEFORE, view.word(t - 1)))
            && !is_disclaimer(view, t)
    })
}

/// A cue inside quotation marks that are used to mention words rather than
/// to shout them: the quote opens right after a mention word or closes right
/// before a mention noun, or the writer reports it.
pub(crate) fn is_mentioned(view: &TextView<'_>, start: usize, end: usize) -> bool {
    let text = view.text;
    if !*view.quoted.get_or_init(|| text.contains('"')) {
        return false; // most replies quote nothing: one scan, not one per cue
    }
    let Some(open) = text[..start].rfind('"') else {
        return false;
    };
    if text[..open].bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        return false; // that mark closes an earlier quote
    }
    let Some(close_rel) = text[end..].find('"') else {
        return false;
    };
    let close = end + close_rel;
    let before = view.token_at(open).checked_sub(1);
    let after = view.token_at(close + 1);
    before.is_some_and(|t| view.is(t, flag::MENTION_BEFORE))
        || (after < view.tokens.len() && view.is(after, flag::MENTION_AFTER))
        || before.is_some_and(|t| {
            view.before(t + 1, REPORT_WINDOW)
                .any(|k| view.is(k, flag::REPORT_VERB))
        })
}

pub(crate) fn followed_by_question(text: &str, end: usize) -> bool {
    text[end..].trim_start().starts_with('?')
}

pub(crate) fn has_bangs_in_sentence(view: &TextView<'_>, first: usize) -> bool {
    let Some(sent) = view.sentence_of(first) else {
        return false;
    };
    // The sentence ends at the first ender after the cue's last token in it.
    let mut last = first;
    while last + 1 < view.tokens.len() && view.sentence_of(last + 1) == Some(sent) {
        last += 1;
    }
    let tail = &view.text[view.tokens[last].end as usize..];
    let tail = tail
        .trim_start_matches(|c: char| !matches!(c, '!' | '?' | '.') && !c.is_ascii_alphanumeric());
    tail.starts_with("!!") || tail.starts_with("?!") || tail.starts_with("!?")
}

/// But-clauses: within one sentence, when cues sit on both sides of a
/// contrast word, the side before counts less and the side after more.
pub fn apply_contrast(view: &TextView<'_>, cues: &mut [(Cue, usize, usize)]) {
    if view.flags & flag::CONTRAST == 0 {
        return;
    }
    for t in 0..view.tokens.len() {
        if !view.is(t, flag::CONTRAST) {
            continue;
        }
        let pivot = view.tokens[t].start as usize;
        let sent = view.sentence_of(t);
        let same = |pos: usize| view.sentence_of(view.token_at(pos)) == sent;
        let live = |c: &Cue| c.weight > 0.0;
        let has_before = cues
            .iter()
            .any(|(c, s, _)| live(c) && *s < pivot && same(*s));
        let has_after = cues
            .iter()
            .any(|(c, s, _)| live(c) && *s > pivot && same(*s));
        // Praise with nothing after its "but" concedes before a turn the
        // lexicon has no word for: "She can do whatever she wants, but it
        // does seem a little odd ...".
        if has_before && !has_after && contrast_turns(view, t) {
            for (c, s, _) in cues.iter_mut() {
                if live(c) && c.polarity == Polarity::Support && *s < pivot && same(*s) {
                    c.weight *= CONCEDED_SUPPORT_FACTOR;
                    c.rule = Some(Rule::ButClause);
                }
            }
            continue;
        }
        let differ = cues
            .iter()
            .filter(|(c, s, _)| live(c) && same(*s))
            .map(|(c, _, _)| c.polarity)
            .collect::<Vec<_>>();
        if !(has_before && has_after) || differ.iter().all(|p| *p == differ[0]) {
            continue;
        }
        for (c, s, _) in cues.iter_mut() {
            if !live(c) || !same(*s) {
                continue;
            }
            if *s < pivot {
                c.weight *= BEFORE_BUT_FACTOR;
            } else {
                c.weight = (c.weight * AFTER_BUT_FACTOR).min(1.0);
            }
            if c.rule.is_none() || c.rule == Some(Rule::Intensified) {
                c.rule = Some(Rule::ButClause);
            }
        }
    }
}

/// "Still nursing my baby girl and worth every cold meal": a shaming cue
/// whose child is the writer's own ("my"/"our" and a family word within
/// it or just after it) is the writer about herself, unless a negator before
/// it in the sentence makes it a boast over other mothers ("I would never
/// leave my baby with a stranger").
pub(crate) fn about_own_child(view: &TextView<'_>, first: usize, last: usize) -> bool {
    let n = view.tokens.len();
    let sentence = view.tokens[first].sentence;
    let owns = (first..(last + 1 + OWN_CHILD_WINDOW).min(n))
        .take_while(|&t| view.tokens[t].sentence == sentence)
        .any(|t| {
            view.is(t, flag::FIRST_PERSON_POSSESSIVE)
                && (t + 1..(t + 1 + OWN_CHILD_NOUN_WINDOW).min(n)).any(|k| view.is(k, flag::FAMILY))
        });
    owns && !view
        .before(last + 1, NEGATION_WINDOW)
        .any(|t| view.is(t, flag::NEGATOR))
}

/// Whether the contrast word at `t` turns the sentence: it is "but" or
/// "however" with words after it in the sentence ("yet" and "though" are
/// as often "not yet" and "even though").
pub(crate) fn contrast_turns(view: &TextView<'_>, t: usize) -> bool {
    view.lists.has(list::TURNING_CONTRAST, view.word(t))
        && t + 1 < view.tokens.len()
        && view.tokens[t + 1].sentence == view.tokens[t].sentence
}

/// A bare judgement ("Ridiculous.", "Disgusting.") in a reply that defends
/// her, or rejects shaming it reports or mocks, judges the critics, not her:
/// "People are acting like she abandoned them. Ridiculous."
pub fn apply_judgement_of_critics(cues: &mut [(Cue, usize, usize)], entries: &[Entry]) {
    let rejects = cues.iter().any(|(c, _, _)| {
        c.polarity == Polarity::Support
            && (matches!(c.rule, Some(Rule::Reported | Rule::Mocking)) || c.category == "defense")
    });
    if !rejects {
        return;
    }
    for (c, _, _) in cues.iter_mut() {
        let bare = entries[c.entry as usize].flags.needs_context;
        if bare && c.polarity == Polarity::Shaming && c.rule.is_none() {
            recast(c, "defense", REPORTED_SHAMING_TO_SUPPORT, Rule::Reported);
        }
    }
}

/// Turns a cue to the other polarity, in `category`, at `factor` of its
/// weight, saying which rule did it.
pub(crate) fn recast(c: &mut Cue, category: &'static str, factor: f32, rule: Rule) {
    c.polarity = c.polarity.flip();
    c.category = category;
    c.weight *= factor;
    c.rule = Some(rule);
}

/// Praise that can be sarcastic ("mother of the year") in a reply that also
/// shames plainly is sarcastic: "Mother of the year. Poor kid."
pub fn apply_scornful_praise(cues: &mut [(Cue, usize, usize)], entries: &[Entry]) {
    let scorn = cues
        .iter()
        .any(|(c, _, _)| c.polarity == Polarity::Shaming && c.weight >= SCORN_MIN_WEIGHT);
    if !scorn {
        return;
    }
    for (c, _, _) in cues.iter_mut() {
        let can_flip = entries[c.entry as usize].flags.sarcasm_flips;
        if can_flip && c.polarity == Polarity::Support && c.rule.is_none() {
            recast(c, "insult", SARCASM_TO_SHAMING, Rule::Sarcasm);
        }
    }
}
