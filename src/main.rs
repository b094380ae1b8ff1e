// mimalloc rather than the C library's allocator: a load allocates hundreds of
// thousands of small records on all cores, and glibc's allocator, faulting in fresh
// pages for each thread's heap, made `show tree` and `export` about twice as slow
// (README, Performance). Unix only: the Windows build would need a C compiler for
// that target.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pdca::store::pages::start_small();
    std::process::ExitCode::from(pdca::cli::main(pdca::cli::help::parse()))
}
