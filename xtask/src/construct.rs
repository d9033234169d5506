//! `cargo xtask construct`: profiling start-up; builds the default Scorer `ROUNDS` times
//! (10) and prints the time and the heap allocations per construction (for
//! `valgrind --tool=callgrind` too, whose instruction counts do not vary).
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

// The whole xtask binary counts its allocations: one relaxed add each.
#[global_allocator]
static GLOBAL: Counting = Counting;

pub fn run() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10);
    drop(mamalens::Scorer::new()); // first use: lazy statics
    let before = ALLOCATIONS.load(Relaxed);
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(mamalens::Scorer::new());
    }
    let per = |x: f64| x / rounds as f64;
    println!(
        "{:.2} ms and {:.0} allocations per construction",
        per(t.elapsed().as_secs_f64() * 1e3),
        per((ALLOCATIONS.load(Relaxed) - before) as f64)
    );
}
