//! Profiling helper: normalisation cost on one plain reply.
fn main() {
    let s = mamalens::Scorer::new();
    let text =
        "You are doing a great job mama, don’t let the haters tell you otherwise 🙄 honestly lol "
            .repeat(3);
    let n = 200_000;
    let t0 = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(s.normalized(std::hint::black_box(&text)));
    }
    let per = t0.elapsed() / n;
    println!(
        "{} bytes: {:?} per normalize ({:.1} ns/byte)",
        text.len(),
        per,
        per.as_nanos() as f64 / text.len() as f64
    );
}
