//! The engine against the model it was trained as: for real replies and
//! awkward ones, the same pieces as the reference tokeniser and the same
//! probabilities as PyTorch with the shipped (quantised) weights, both
//! written by `tools/reader/train.py` next to the weights.
#![cfg(not(target_arch = "wasm32"))]

use mamalens_reader::Model;
use std::path::PathBuf;

/// The quantised weights are the same on both sides; what differs is the
/// order of float sums (and an approximation of erf), worth about 1e-4.
const TOLERANCE: f32 = 2e-3;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn agrees_with_the_reference_on_pieces_and_probabilities() {
    let weights = std::fs::read(root().join("lexicon/reader.en.bin")).unwrap();
    let mut model = Model::from_bytes(&weights).unwrap();
    let reference = std::fs::read_to_string(root().join("reader/tests/reference.jsonl")).unwrap();
    let mut checked = 0;
    let mut worst = 0.0f32;
    for line in reference.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(text) = row["text"].as_str() else {
            continue;
        };
        let ids: Vec<u32> = row["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        assert_eq!(model.token_ids(text), ids, "pieces of {text:?}");
        let want: Vec<f32> = row["probabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let mut got = vec![0.0; want.len()];
        model.probabilities(text, &mut got);
        for (g, w) in got.iter().zip(&want) {
            worst = worst.max((g - w).abs());
        }
        assert!(
            got.iter()
                .zip(&want)
                .all(|(g, w)| (g - w).abs() < TOLERANCE),
            "{text:?}: {got:?} vs {want:?}"
        );
        checked += 1;
    }
    assert!(checked >= 300, "only {checked} reference replies");
    eprintln!("{checked} replies, largest difference {worst:.2e}");
}

#[test]
fn a_damaged_file_is_an_error_not_a_panic() {
    let weights = std::fs::read(root().join("lexicon/reader.en.bin")).unwrap();
    // Cut anywhere, one byte too long, or a config that is not the tensors': an error each time.
    for cut in [0, 10, 100, weights.len() / 2, weights.len() - 1] {
        assert!(Model::from_bytes(&weights[..cut]).is_err(), "cut at {cut}");
    }
    let mut longer = weights.clone();
    longer.push(0);
    assert!(Model::from_bytes(&longer).is_err(), "a trailing byte");
    let header_end = weights.windows(6).position(|w| w == b"\ndata\n").unwrap();
    let config_at = weights.windows(7).position(|w| w == b"layers=").unwrap();
    assert!(config_at < header_end);
    let mut wrong = weights.clone();
    wrong[config_at + 7] = b'9';
    assert!(
        Model::from_bytes(&wrong).is_err(),
        "a config that does not match the tensors"
    );
}
