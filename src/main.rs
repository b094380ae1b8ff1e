// mimalloc rather than the C library's allocator: a load allocates hundreds of
// thousands of small records on all cores, and glibc's allocator, faulting in fresh
// pages for each thread's heap, made `show tree` and `export` about twice as slow
// (README, Performance). Unix only: the Windows build would need a C compiler for
// that target.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// Small pages from before `main` (store::pages): Rust's runtime allocates before
// it, and with huge pages on, that first allocation alone made 2 MiB resident.
// Run by the system's loader, as a C constructor is: it makes a system call and
// sets a flag, nothing that needs Rust's runtime.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static START_SMALL: extern "C" fn() = {
    extern "C" fn start_small() {
        pdca::store::pages::start_small();
    }
    start_small
};

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(pdca::cli::main(pdca::cli::help::parse()))
}
