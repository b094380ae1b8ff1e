// mimalloc rather than the C library's allocator: a load allocates hundreds of
// thousands of small records on all cores, and glibc's allocator, faulting in fresh
// pages for each thread's heap, made `show tree` and `export` about twice as slow
// (README, Performance). Unix only: the Windows build would need a C compiler for
// that target.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    small_pages_only();
    std::process::ExitCode::from(pdca::cli::main(pdca::cli::help::parse()))
}

/// Turns transparent huge pages off for the process (and the `git` it starts):
/// mimalloc asks for them, and with them every 2 MiB region a thread touches is
/// resident whole: 2,000 people's app peaked at 84 MB instead of 50, and a large
/// load's time swung by a third from run to run as the kernel found huge pages or
/// compacted memory for them. Small pages cost 5-14% of a load's time, steadily
/// (README, Performance).
#[cfg(target_os = "linux")]
fn small_pages_only() {
    // SAFETY: PR_SET_THP_DISABLE takes no pointers; a kernel without it refuses and
    // nothing changes.
    unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
}

#[cfg(not(target_os = "linux"))]
fn small_pages_only() {}
