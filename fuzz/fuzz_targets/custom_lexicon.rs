//! The parser of the user's own lexicon and allowlist: any input gives a
//! Scorer or a clear error, never a panic; an accepted Scorer scores.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamalens::{Options, Scorer};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let shaming: Vec<String> = parts.next().unwrap_or("").split('\n').map(str::to_owned).collect();
    let support: Vec<String> = parts.next().unwrap_or("").split('\n').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let allowlist: Vec<String> = parts.next().unwrap_or("").split('\n').filter(|s| !s.is_empty()).map(str::to_owned).collect();
    let sample = parts.next().unwrap_or("you are a bad mom");
    let options = Options { sensitivity: None, custom_shaming: shaming, custom_support: support, allowlist };
    match Scorer::with_options(&options) {
        Ok(s) => {
            let _ = s.score(sample);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
