//! Normalisation and scoring on arbitrary bytes (as UTF-8, lossily, the way
//! the facade receives JavaScript strings): no panic, and every cue's UTF-16
//! offsets give back its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mamalens::Scorer;

thread_local! {
    static SCORER: Scorer = Scorer::new();
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    SCORER.with(|s| {
        let v = s.score(&text);
        let units: Vec<u16> = text.encode_utf16().collect();
        for c in &v.cues {
            assert!(c.start <= c.end && c.end <= units.len());
            assert_eq!(String::from_utf16_lossy(&units[c.start..c.end]), c.text);
        }
        assert!((0.0..=1.0).contains(&v.shaming) && (0.0..=1.0).contains(&v.support));
    });
});
