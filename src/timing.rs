//! Stage timings for people measuring the engine: with `ARGCHECK_TIMING`
//! set, each stage of a check prints its wall time and the resident memory
//! after it on standard error (as
//! rustc's `-Z time-passes`). Off, a stage costs one cached load.

use std::time::Instant;

/// Whether `ARGCHECK_TIMING` is set (read once).
pub fn enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ARGCHECK_TIMING").is_some())
}

/// Runs `f` and, when timing is on, prints `name` and its wall time.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let t = Instant::now();
    let v = f();
    eprintln!(
        "argcheck timing: {name:<12} {:>8.2} ms   resident {:>6.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        resident_mb()
    );
    v
}

/// Resident memory of this process in MB (Linux's `/proc/self/statm`; 0
/// elsewhere).
pub fn resident_mb() -> f64 {
    let pages: f64 = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|p| p.parse().ok()))
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}
