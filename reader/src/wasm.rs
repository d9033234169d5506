//! The JavaScript facade: build a reader from the weights file's bytes,
//! then read batches of replies.
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Reader {
    model: crate::Model,
}

#[wasm_bindgen]
impl Reader {
    /// Parses the weights; a bad file throws an `Error` with the reason.
    #[wasm_bindgen(constructor)]
    pub fn new(weights: &[u8]) -> Result<Reader, JsError> {
        console_error_panic_hook::set_once();
        crate::Model::from_bytes(weights)
            .map(|model| Reader { model })
            .map_err(|e| JsError::new(&e))
    }

    /// Per reply, its probabilities of neutral, shaming and support, three
    /// numbers a reply in one array.
    #[wasm_bindgen(js_name = scoreBatch)]
    pub fn score_batch(&mut self, texts: Vec<String>) -> Vec<f32> {
        let k = self.model.config.classes;
        let mut out = vec![0.0; texts.len() * k];
        for (t, o) in texts.iter().zip(out.chunks_exact_mut(k)) {
            self.read(t, o);
        }
        out
    }

    /// Per reply, the label both stages give together (0 neutral, 1 shaming,
    /// 2 supportive; [`crate::decide`]), from its text and the first stage's
    /// probabilities of shaming and of support. Throws if the lists differ in
    /// length.
    #[wasm_bindgen(js_name = labelBatch)]
    pub fn label_batch(
        &mut self,
        texts: Vec<String>,
        first_shaming: Vec<f32>,
        first_support: Vec<f32>,
        sensitivity: f32,
    ) -> Result<Vec<u8>, JsError> {
        if first_shaming.len() != texts.len() || first_support.len() != texts.len() {
            return Err(JsError::new("labelBatch: one first-stage score per reply"));
        }
        let mut p = [0.0f32; 3];
        let mut out = Vec::with_capacity(texts.len());
        for (i, t) in texts.iter().enumerate() {
            self.read(t, &mut p);
            out.push(crate::decide(&p, first_shaming[i], first_support[i], sensitivity) as u8);
        }
        Ok(out)
    }

    /// Bytes of Wasm memory this instance holds (weights and scratch).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes() -> usize {
        core::arch::wasm32::memory_size::<0>() * 65536
    }
}

impl Reader {
    fn read(&mut self, text: &str, out: &mut [f32]) {
        #[cfg(feature = "crash-drill")]
        if text.contains(crate::CRASH_DRILL_MARKER) {
            panic!("crash drill");
        }
        self.model.probabilities(text, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    const WEIGHTS: &[u8] = include_bytes!("../../lexicon/reader.en.bin");

    #[wasm_bindgen_test]
    fn labels_are_the_decision_over_its_own_probabilities() {
        let mut reader = Reader::new(WEIGHTS).unwrap();
        let texts: Vec<String> = [
            "You are a terrible mother.",
            "So proud of you mama, you are doing great.",
            "What time is the final?",
            "Where is his hat?",
            "She looks tired.",
            "",
        ]
        .map(String::from)
        .to_vec();
        let n = texts.len();
        let p = reader.score_batch(texts.clone());
        assert_eq!(p.len(), n * 3);
        let mut by_sensitivity = Vec::new();
        for sensitivity in [0.0, 0.5, 1.0] {
            let mut labels = Vec::new();
            for first in [0.01, 0.3, 0.7, 0.99] {
                let (shaming, support) = (vec![first; n], vec![1.0 - first; n]);
                let got = reader
                    .label_batch(texts.clone(), shaming, support, sensitivity)
                    .unwrap();
                for (i, label) in got.iter().enumerate() {
                    let probs = [p[3 * i], p[3 * i + 1], p[3 * i + 2]];
                    let want = crate::decide(&probs, first, 1.0 - first, sensitivity);
                    assert_eq!(
                        *label as usize, want,
                        "{:?} at {first}, {sensitivity}",
                        texts[i]
                    );
                }
                labels.extend(got);
            }
            by_sensitivity.push(labels);
        }
        assert_ne!(
            by_sensitivity[0], by_sensitivity[2],
            "sensitivity moves some label"
        );
        assert!(Reader::memory_bytes() > WEIGHTS.len());
    }

    #[wasm_bindgen_test]
    fn a_first_stage_score_is_needed_for_every_reply() {
        let mut reader = Reader::new(WEIGHTS).unwrap();
        let texts = vec!["a".to_string(), "b".to_string()];
        assert!(reader
            .label_batch(texts.clone(), vec![0.5], vec![0.5, 0.5], 0.5)
            .is_err());
        assert!(reader
            .label_batch(texts, vec![0.5, 0.5], vec![], 0.5)
            .is_err());
    }

    #[wasm_bindgen_test]
    fn a_bad_weights_file_is_refused() {
        assert!(Reader::new(b"not a model").is_err());
        assert!(Reader::new(&WEIGHTS[..WEIGHTS.len() / 2]).is_err());
    }
}
