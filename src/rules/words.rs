//! The words the rules look for, and their flags in the vocabulary.

use crate::text::vocab::Vocab;

// --- Word lists the rules use. Kept here beside the rules that read them; the
// cue lexicon proper is in lexicon/*.tsv. ---------------------------------------

pub(crate) const NEGATORS: &[&str] = &[
    "not", "never", "no", "nobody", "noone", "none", "neither", "nor", "hardly", "nothing",
    "without",
];
/// "no wonder", "no matter": "no" that does not negate what follows.
pub(crate) const FALSE_NEGATIONS: &[&str] = &[
    "wonder", "matter", "doubt", "idea", "shame", "offense", "offence",
];
pub(crate) const REPORT_VERBS: &[&str] = &[
    "call",
    "calls",
    "calling",
    "called",
    "tell",
    "tells",
    "telling",
    "told",
    "say",
    "says",
    "saying",
    "said",
    "accuse",
    "accuses",
    "accusing",
    "accused",
    "imply",
    "implies",
    "implying",
    "implied",
    "label",
    "labels",
    "labeling",
    "labelled",
    "labeled",
    "claim",
    "claims",
    "claiming",
    "judge",
    "judges",
    "judging",
    "judged",
    "shames",
    "shaming",
    "shamed",
    "criticize",
    "criticizing",
    "criticising",
    "criticise",
    "think",
    "thinks",
    "comment",
    "comments",
    "commented",
    "remark",
    "remarks",
    "remarked",
    "asked",
    "trolls",
    "haters",
    "acting",
    "pretending",
];
/// Words around a quotation that mark it as a mention ("the 'bad mom' thing",
/// "called me a 'selfish mother'"), not as emphasis ("you have "NO INSTINCTS"").
pub(crate) const MENTION_BEFORE: &[&str] = &[
    "the", "a", "that", "this", "word", "words", "label", "like", "as", "me", "her", "us", "them",
    "from", "to",
];
pub(crate) const MENTION_AFTER: &[&str] = &[
    "thing",
    "things",
    "label",
    "labels",
    "comment",
    "comments",
    "crowd",
    "brigade",
    "police",
    "trope",
    "narrative",
    "stuff",
    "nonsense",
    "crap",
    "bs",
];
pub(crate) const FIRST_PERSON: &[&str] = &["i", "me", "myself"];
pub(crate) const INTENSIFIERS: &[&str] = &[
    "so",
    "really",
    "very",
    "truly",
    "absolutely",
    "totally",
    "completely",
    "literally",
    "extremely",
    "such",
    "utterly",
    "incredibly",
    "seriously",
    "freaking",
    "fucking",
    "damn",
];
pub(crate) const SARCASM_WORDS: &[&str] = &[
    "emo_eyeroll",
    "emo_unamused",
    "emo_clown",
    "emo_facepalm",
    "smh",
];
pub(crate) const SARCASM_PHRASES: &[&str] = &["yeah right", "sure jan", "/s", "not!"];
/// Mock outrage: the writer parodies the critics ("The horror. Call CPS.").
/// Only phrases that are nearly always said in mockery, as words in a row.
pub(crate) const MOCKING_PHRASES: &[&[&str]] = &[
    &["the", "horror"],
    &["oh", "the", "humanity"],
    &["clutch", "your", "pearls"],
    &["clutching", "their", "pearls"],
    &["clutching", "your", "pearls"],
    &["pearl", "clutching"],
    &["pearl", "clutchers"],
    &["what", "a", "monster"],
    &["lock", "her", "up"],
    &["heaven", "forbid"],
];
/// The rarest word of each mocking phrase: a reply without one is not
/// searched.
pub(crate) const MOCKING_HINTS: &[&str] = &[
    "horror", "humanity", "pearls", "pearl", "monster", "lock", "heaven",
];
pub(crate) const CONTRAST_WORDS: &[&str] = &["but", "yet", "however", "although", "though"];
/// Her critics as a lone judgement's subject: "people are being ridiculous",
/// "how sad society has become". Compared as text (only for a lone shaming
/// word with no mother or child in its sentence), not flagged.
pub const CRITIC_WORDS: &[&str] = &[
    "backlash",
    "commenters",
    "critics",
    "folks",
    "haters",
    "internet",
    "outrage",
    "people",
    "sanctimommies",
    "shamers",
    "society",
    "trolls",
];
/// Mothers and children: they make a reply about one, and are what a lone
/// evaluative word can be about.
pub(crate) const FAMILY_WORDS: &[&str] = &[
    "mom",
    "moms",
    "mother",
    "mothers",
    "mum",
    "mums",
    "mama",
    "mamas",
    "mommy",
    "mummy",
    "momma",
    "mommies",
    "parent",
    "parents",
    "kid",
    "kids",
    "child",
    "children",
    "baby",
    "babies",
    "son",
    "daughter",
    "toddler",
    "infant",
    "newborn",
    "pregnant",
    "family",
    "little",
    "toddlers",
    "kiddo",
    "kiddos",
    "sons",
    "daughters",
    "twins",
    "motherhood",
];
/// Things and topics of motherhood: they make a reply about a mother or a
/// child, but praise of them ("the stroller wheels are great", "our midwife
/// was amazing during the birth") is not praise of anyone.
pub(crate) const CHILD_THINGS: &[&str] = &[
    "birth",
    "breastfed",
    "breastfeed",
    "breastfeeding",
    "daycare",
    "diaper",
    "diapers",
    "formula",
    "maternal",
    "maternity",
    "nanny",
    "nappies",
    "nappy",
    "nursing",
    "pacifier",
    "parenting",
    "postpartum",
    "pregnancy",
    "pumping",
    "stroller",
    "trimester",
];
/// Words for the person addressed or spoken of: context for a judgement,
/// and a target for praise.
pub(crate) const PERSON_WORDS: &[&str] = &[
    "you", "your", "yourself", "she", "her", "herself", "wife", "lady", "girl", "woman",
];
/// Before a family word, makes it the writer's own ("my son").
pub(crate) const FIRST_PERSON_POSSESSIVES: &[&str] = &["my", "our"];
/// Things. After a family word they make it part of a thing's name ("the
/// baby shower cake looked amazing" praises a cake, not a baby); after a lone
/// evaluative word, they make it about the thing ("great photo", "beautiful
/// beach"), not a person.
pub(crate) const THING_NOUNS: &[&str] = &[
    "actor",
    "actress",
    "aisle",
    "album",
    "article",
    "background",
    "bag",
    "beach",
    "book",
    "books",
    "bottle",
    "bottles",
    "brand",
    "cake",
    "camera",
    "car",
    "carrier",
    "character",
    "city",
    "clothes",
    "colors",
    "colours",
    "day",
    "decor",
    "design",
    "dress",
    "edit",
    "episode",
    "event",
    "film",
    "filter",
    "food",
    "formula",
    "friendly",
    "game",
    "gear",
    "hair",
    "hotel",
    "house",
    "idea",
    "interview",
    "lens",
    "light",
    "lighting",
    "line",
    "location",
    "look",
    "lyrics",
    "match",
    "meal",
    "menu",
    "monitor",
    "movie",
    "music",
    "nails",
    "name",
    "names",
    "news",
    "outfit",
    "party",
    "performance",
    "photo",
    "photos",
    "pic",
    "pics",
    "picture",
    "pictures",
    "place",
    "plot",
    "post",
    "products",
    "question",
    "registry",
    "restaurant",
    "role",
    "room",
    "scene",
    "section",
    "series",
    "service",
    "shoes",
    "shot",
    "shots",
    "show",
    "shower",
    "song",
    "songs",
    "store",
    "story",
    "stroller",
    "style",
    "sunset",
    "traffic",
    "trip",
    "video",
    "videos",
    "view",
    "views",
    "weather",
    "wedding",
    "wipes",
];
/// Subjects that are not a mother, her children or her choices: sports,
/// screen, politics, weather. A judgement in a reply that names one of them
/// and no mother, child or person ("What a selfish player.", "The referee
/// should be ashamed.") is about that subject, and needs far more to be
/// read as shaming (see `OFF_TOPIC_LOGIT`): the extension reads every thread
/// of a site it is on. Sorted.
pub const OFF_TOPIC_WORDS: &[&str] = &[
    "album",
    "albums",
    "app",
    "batting",
    "bowling",
    "club",
    "coach",
    "coaches",
    "concert",
    "congress",
    "defence",
    "defending",
    "defense",
    "economy",
    "election",
    "elections",
    "episode",
    "episodes",
    "film",
    "films",
    "forecast",
    "game",
    "games",
    "goal",
    "goalkeeper",
    "goals",
    "government",
    "innings",
    "keeper",
    "league",
    "lyrics",
    "manager",
    "market",
    "match",
    "matches",
    "midfield",
    "minister",
    "ministers",
    "movie",
    "movies",
    "offside",
    "parliament",
    "penalty",
    "pitch",
    "player",
    "players",
    "policy",
    "politician",
    "politicians",
    "president",
    "price",
    "prices",
    "quarterback",
    "ref",
    "referee",
    "referees",
    "refs",
    "season",
    "senate",
    "sequel",
    "server",
    "software",
    "song",
    "songs",
    "stadium",
    "stock",
    "stocks",
    "striker",
    "taxes",
    "team",
    "teams",
    "touchdown",
    "tournament",
    "traffic",
    "trailer",
    "umpire",
    "umpires",
    "update",
    "var",
    "vote",
    "voters",
    "weather",
];
/// "a 7 year old": an age makes a reply about a child.
pub(crate) const AGE_UNITS: &[&str] = &[
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks",
];

/// Rule flags of a word, set in the lexicon's [`Vocab`] so a rule tests a
/// token with one AND instead of comparing strings.
pub mod flag {
    pub const NEGATOR: u16 = 1 << 0;
    pub const FALSE_NEGATION: u16 = 1 << 1;
    pub const REPORT_VERB: u16 = 1 << 2;
    pub const MENTION_BEFORE: u16 = 1 << 3;
    pub const MENTION_AFTER: u16 = 1 << 4;
    pub const FIRST_PERSON: u16 = 1 << 5;
    pub const INTENSIFIER: u16 = 1 << 6;
    pub const SARCASM: u16 = 1 << 7;
    pub const CONTRAST: u16 = 1 << 8;
    pub const CONTEXT: u16 = 1 << 9;
    pub const FAMILY: u16 = 1 << 10;
    pub const PERSON: u16 = 1 << 11;
    pub const FIRST_PERSON_POSSESSIVE: u16 = 1 << 12;
    pub const THING: u16 = 1 << 13;
    pub const AGE_UNIT: u16 = 1 << 14;
    pub const MOCKING_HINT: u16 = 1 << 15;
}

/// A vocabulary of the rules' words alone, with their flags: the lexicon
/// builds on it.
pub(crate) fn rule_vocab() -> Vocab {
    let mut words = Vocab::default();
    add_rule_words(&mut words);
    words
}

/// Puts the rules' words into the vocabulary with their flags.
pub fn add_rule_words(vocab: &mut Vocab) {
    for (words, f) in [
        (NEGATORS, flag::NEGATOR),
        (FALSE_NEGATIONS, flag::FALSE_NEGATION),
        (REPORT_VERBS, flag::REPORT_VERB),
        (MENTION_BEFORE, flag::MENTION_BEFORE),
        (MENTION_AFTER, flag::MENTION_AFTER),
        (FIRST_PERSON, flag::FIRST_PERSON),
        (INTENSIFIERS, flag::INTENSIFIER),
        (SARCASM_WORDS, flag::SARCASM),
        (CONTRAST_WORDS, flag::CONTRAST),
        (FAMILY_WORDS, flag::CONTEXT | flag::FAMILY),
        (PERSON_WORDS, flag::CONTEXT | flag::PERSON),
        (CHILD_THINGS, flag::CONTEXT),
        (FIRST_PERSON_POSSESSIVES, flag::FIRST_PERSON_POSSESSIVE),
        (THING_NOUNS, flag::THING),
        (AGE_UNITS, flag::AGE_UNIT),
        (MOCKING_HINTS, flag::MOCKING_HINT),
    ] {
        for w in words {
            vocab.add_flags(w, f);
        }
    }
    // No flag bit is free; the scorer looks these up by id, so they must be
    // in the vocabulary before the program is laid out over it.
    for w in OFF_TOPIC_WORDS {
        vocab.intern(w);
    }
}
