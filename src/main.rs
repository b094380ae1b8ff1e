fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(pdca::cli::main(pdca::cli::help::parse()))
}
