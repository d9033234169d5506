//! The JavaScript facade: build a reader from the weights file's bytes,
//! then score batches of replies.
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
            self.model.probabilities(t, o);
        }
        out
    }

    /// For the tests: a deliberate panic, which must trap and be contained.
    #[wasm_bindgen(js_name = crashDrill)]
    pub fn crash_drill(&self) {
        panic!("crash drill");
    }
}
