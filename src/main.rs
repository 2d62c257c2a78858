//! The `notemend` command: the core over files on disk, for whole vaults.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

// A vault run allocates many small, short-lived strings on every thread;
// mimalloc serves them from per-thread pages, much faster than glibc's.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only; the WASM build is the library.
#[cfg(target_arch = "wasm32")]
fn main() {}
