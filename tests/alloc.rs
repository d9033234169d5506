//! A reply with no cue is scored without a heap allocation (issue 16): the
//! buffers are the Scorer's own, reused from reply to reply.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn a_reply_with_no_cue_allocates_nothing() {
    let scorer = mamalens::Scorer::new();
    let replies = [
        "The bus was late again this morning.",
        "See you at the meeting on Tuesday, 10:30 in room B.",
        "Does anyone know when the library opens? Thanks",
    ];
    for text in replies {
        let v = scorer.score(text); // warm: buffers grow to size once
        assert!(v.cues.is_empty(), "{text}: {:?}", v.cues);
    }
    for text in replies {
        let before = ALLOCATIONS.load(Relaxed);
        let v = scorer.score(text);
        let spent = ALLOCATIONS.load(Relaxed) - before;
        drop(v);
        assert_eq!(spent, 0, "{text}: {spent} allocations");
    }
}
