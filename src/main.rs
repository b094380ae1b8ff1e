use clap::Parser;

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(pdca::cli::main(pdca::cli::Cli::parse()))
}
