//! The folded text and where each of its bytes came from in the original.

/// The folded text, and where each of its bytes came from in the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    pub(crate) spans: SpanRuns,
}

impl Normalized {
    /// The original UTF-8 byte range covered by folded bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        let first = self.spans.at(start);
        let last = self.spans.at(end - 1);
        (first.0 as usize, (last.1.max(first.0)) as usize)
    }

    /// The original span of every folded byte, for tests.
    #[cfg(test)]
    pub(crate) fn byte_spans(&self) -> Vec<(u32, u32)> {
        (0..self.text.len()).map(|k| self.spans.at(k)).collect()
    }
}

/// The original span of each folded byte, stored as runs rather than a span
/// per byte: an *identity* run maps folded byte `norm + d` to original byte
/// `start + d`, a *fixed* run maps all its bytes to `start..end` (a folded
/// non-ASCII character, an expanded contraction, an emoji's token). Plain
/// text is one run, so the common case writes a few runs, not 8 bytes of
/// span for every byte of the reply.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpanRuns(pub(crate) Vec<SpanRun>);

#[derive(Debug, Clone, Copy)]
pub(crate) struct SpanRun {
    pub(crate) norm: u32,
    pub(crate) start: u32,
    /// [`IDENTITY`] for an identity run.
    pub(crate) end: u32,
}

pub(crate) const IDENTITY: u32 = u32::MAX;

impl SpanRuns {
    /// Records that folded byte `k` (the next one) came from `span`.
    #[inline]
    pub(crate) fn push(&mut self, k: usize, span: (u32, u32)) {
        let (k, (start, end)) = (k as u32, span);
        if let Some(last) = self.0.last() {
            let continues = if last.end == IDENTITY {
                end == start + 1 && last.start + (k - last.norm) == start
            } else {
                last.start == start && last.end == end
            };
            if continues {
                return;
            }
        }
        let end = if end == start + 1 { IDENTITY } else { end };
        self.0.push(SpanRun {
            norm: k,
            start,
            end,
        });
    }

    pub(crate) fn at(&self, k: usize) -> (u32, u32) {
        let i = self.0.partition_point(|r| r.norm as usize <= k) - 1;
        let r = self.0[i];
        if r.end == IDENTITY {
            let o = r.start + (k as u32 - r.norm);
            (o, o + 1)
        } else {
            (r.start, r.end)
        }
    }

    /// Forgets the spans of folded bytes `k..`.
    pub(crate) fn truncate(&mut self, k: usize) {
        while self.0.last().is_some_and(|r| r.norm as usize >= k) {
            self.0.pop();
        }
    }
}
