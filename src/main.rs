//! The `notemend` command: the core over files on disk, for whole vaults.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only; the WASM build is the library.
#[cfg(target_arch = "wasm32")]
fn main() {}
