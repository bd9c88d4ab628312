//! The `argcheck` binary: see [`argcheck::cli`].

/// mimalloc: the checker allocates many small strings and vectors; glibc's
/// allocator spent a quarter of a 100k-statement check in malloc/free.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(argcheck::cli::main());
}
