//! Folding one character: case, compatibility forms, homoglyphs, emoji.

/// What one original character folds to.
pub(crate) enum Folded {
    Char(char),
    /// `…`: three full stops.
    Ellipsis,
    /// A signal emoji's word token, with a space either side.
    Token(&'static str),
    Dropped,
}

/// Case, spaces and the backtick, for one ASCII byte.
pub(crate) const fn fold_ascii(b: u8) -> u8 {
    match b {
        b if b.is_ascii_whitespace() || b.is_ascii_control() => b' ',
        b'`' => b'\'',
        b => b.to_ascii_lowercase(),
    }
}

/// Compatibility folding, homoglyphs, invisible characters, quotes and
/// dashes, signal emoji, for one non-ASCII character.
pub(crate) fn fold_non_ascii(c: char) -> Folded {
    if let Some(token) = emoji_token(c) {
        return Folded::Token(token);
    }
    match c {
        // Invisible characters used to split words: dropped.
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}' => Folded::Dropped,
        // Combining marks (accents typed separately, Zalgo text): dropped.
        '\u{0300}'..='\u{036F}' => Folded::Dropped,
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
            Folded::Char('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folded::Char('-'),
        '\u{2026}' => Folded::Ellipsis,
        c if c.is_whitespace() || c.is_control() => Folded::Char(' '),
        c => Folded::Char(fold_char(c).to_ascii_lowercase()),
    }
}

/// Compatibility folding of one character to ASCII where there is an obvious
/// ASCII twin: fullwidth forms, mathematical and enclosed letters, Latin
/// letters with diacritics, and the Cyrillic and Greek letters that look Latin.
pub(crate) fn fold_char(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        // Mathematical alphanumeric letters: 13 styles of A-Z a-z in a row.
        0x1D400..=0x1D6A3 => {
            let k = (u - 0x1D400) % 52;
            char::from_u32(if k < 26 {
                'a' as u32 + k
            } else {
                'a' as u32 + k - 26
            })
            .unwrap_or(c)
        }
        0x1D7CE..=0x1D7FF => char::from_u32('0' as u32 + (u - 0x1D7CE) % 10).unwrap_or(c),
        0x24B6..=0x24CF => char::from_u32('a' as u32 + u - 0x24B6).unwrap_or(c),
        0x24D0..=0x24E9 => char::from_u32('a' as u32 + u - 0x24D0).unwrap_or(c),
        0x1F130..=0x1F149 => char::from_u32('a' as u32 + u - 0x1F130).unwrap_or(c),
        0x1F150..=0x1F169 => char::from_u32('a' as u32 + u - 0x1F150).unwrap_or(c),
        0x1F170..=0x1F189 => char::from_u32('a' as u32 + u - 0x1F170).unwrap_or(c),
        0x1F1E6..=0x1F1FF => char::from_u32('a' as u32 + u - 0x1F1E6).unwrap_or(c),
        _ => fold_table(c).unwrap_or(c),
    }
}

pub(crate) fn fold_table(c: char) -> Option<char> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Š' | 'š' | 'Ś' | 'ś' | 'ß' => 's',
        'Ž' | 'ž' | 'Ź' | 'ź' | 'Ż' | 'ż' => 'z',
        'Ł' | 'ł' => 'l',
        // Cyrillic look-alikes.
        'а' | 'А' => 'a',
        'в' | 'В' => 'b',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'к' | 'К' => 'k',
        'м' | 'М' => 'm',
        'н' | 'Н' => 'h',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'с' | 'С' => 'c',
        'т' | 'Т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'і' | 'І' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'ԁ' => 'd',
        // Greek look-alikes.
        'α' | 'Α' => 'a',
        'β' | 'Β' => 'b',
        'ε' | 'Ε' => 'e',
        'η' | 'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'μ' | 'Μ' => 'm',
        'ν' | 'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'y',
        'χ' | 'Χ' => 'x',
        'ζ' | 'Ζ' => 'z',
        // Small capitals used as "fancy text".
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ғ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

/// Emoji that carry stance become word tokens, so the lexicon and the rules
/// can name them. Others stay as they are (kept, but not words).
pub(crate) fn emoji_token(c: char) -> Option<&'static str> {
    Some(match c {
        '🙄' => "emo_eyeroll",
        '😒' | '😑' | '🤨' => "emo_unamused",
        '🤦' => "emo_facepalm",
        '🤡' => "emo_clown",
        '😂' | '🤣' | '😆' => "emo_laugh",
        '❤' | '♥' | '💕' | '💖' | '💗' | '💓' | '💞' | '💜' | '💙' | '💚' | '🧡' | '🤍' | '💛'
        | '🩷' | '💘' | '😘' | '💋' => "emo_heart",
        '🤗' | '🫂' => "emo_hug",
        '💪' => "emo_strong",
        '👏' | '🙌' => "emo_clap",
        '🙏' => "emo_pray",
        '😍' | '🥰' | '🥹' | '😊' | '☺' => "emo_love",
        '😢' | '😭' | '😓' | '😥' | '🥺' => "emo_sad",
        '🤢' | '🤮' => "emo_disgust",
        '😡' | '🤬' | '😠' => "emo_angry",
        '👎' => "emo_thumbsdown",
        '👍' => "emo_thumbsup",
        '💀' => "emo_skull",
        '😳' | '😬' | '😱' => "emo_shock",
        _ => return None,
    })
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\'' || c == '_'
}
