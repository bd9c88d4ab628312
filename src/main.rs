//! The `argcheck` binary: see [`argcheck::cli`].

/// mimalloc: the checker allocates many small strings and vectors; glibc's
/// allocator spent a quarter of a 100k-statement check in malloc/free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its `mi_option_e` enum in
/// `mimalloc.h`): how many milliseconds
/// freed memory waits before it goes back to the system.
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

extern "C" {
    // Both are in the libmimalloc that `mimalloc` links.
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::os::raw::c_int) -> std::os::raw::c_long;
}

/// Returns freed pages to the system at once instead of after a second. A
/// check frees its syntax trees before the analysis allocates its facts, and
/// the parser threads free their scratch space: with the delay, the next
/// phase faults in fresh pages while the freed ones still count. Measured on
/// 1,000 files of 1,000 statements (124 MB): peak 1.60 GB → 1.24 GB, 2.85 s
/// → 2.1 s; one 13 MB file: 155 MB → 119 MB, same time.
fn tune_allocator() {
    // SAFETY: a plain setter of a process-wide integer option; any value is
    // valid for it.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) }
}

fn main() {
    // A one-shot run frees its phases' memory for good; the language
    // server allocates about the same again on every edit, so it keeps
    // mimalloc's delay and reuses its pages instead of faulting in fresh
    // zeroed ones (5,000 statements: median edit latency 12.5 ms -> see
    // docs/performance.md).
    if std::env::args_os().nth(1).as_deref() != Some(std::ffi::OsStr::new("lsp")) {
        tune_allocator();
    }
    std::process::exit(argcheck::cli::main());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pins the option's index: mimalloc v3 (`options.c`) sets the purge
    /// delay's default to 1000 ms; if the enum moved, this reads another
    /// option.
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // SAFETY: plain getters and setters of process-wide integers.
        unsafe {
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            tune_allocator();
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 0);
            mi_option_set(MI_OPTION_PURGE_DELAY, 1000);
        }
    }
}
