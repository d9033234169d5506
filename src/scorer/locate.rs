//! Cues located in the original text, in UTF-16 offsets.

use super::sort::sort_by_packed;
use crate::text::spans::Normalized;
use crate::verdict::Cue;

/// Fills each cue's original text and UTF-16 offsets, in one pass over the
/// original however many cues there are.
pub(crate) fn locate_in_original(
    norm: &Normalized,
    original: &str,
    cues: &mut [(Cue, usize, usize)],
) {
    let mut points: Vec<(usize, usize, bool)> = Vec::with_capacity(cues.len() * 2); // (utf8, cue, is_end)
    let mut ranges = Vec::with_capacity(cues.len());
    for (i, (_, s, e)) in cues.iter().enumerate() {
        let (os, oe) = norm.original_range(*s, *e);
        ranges.push((os, oe));
        points.push((os, i, false));
        points.push((oe, i, true));
    }
    sort_by_packed(&mut points, |&(at, i, end)| {
        (at as u128) << 32 | (i as u128) << 1 | end as u128
    });
    // UTF-16 units from UTF-8 bytes without decoding: every byte but a
    // continuation byte starts a unit, and a 4-byte character is two.
    let bytes = original.as_bytes();
    // Up to the first non-ASCII byte, a UTF-16 offset is the byte offset:
    // most replies, or most of their length, need no counting at all.
    let ascii = bytes.iter().position(|&b| b >= 0x80).unwrap_or(bytes.len());
    let mut utf16 = 0usize;
    let mut utf8 = 0usize;
    for (target, i, is_end) in points {
        let target = target.min(bytes.len());
        if target <= ascii {
            // Points come sorted, so nothing before `target` is uncounted.
            (utf8, utf16) = (target, target);
        }
        utf16 += bytes[utf8.min(target)..target]
            .iter()
            .map(|&b| (b & 0xC0 != 0x80) as usize + (b >= 0xF0) as usize)
            .sum::<usize>();
        utf8 = utf8.max(target);
        if is_end {
            cues[i].0.end = utf16;
        } else {
            cues[i].0.start = utf16;
        }
    }
    for (i, (os, oe)) in ranges.into_iter().enumerate() {
        cues[i].0.text = original.get(os..oe).unwrap_or_default().to_string();
    }
}
