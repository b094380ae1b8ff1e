use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = pdca::cli::Cli::parse();
    match pdca::cli::run(cli) {
        Ok(code) => std::process::ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(error) => {
            eprintln!("pdca: {error:#}");
            std::process::ExitCode::from(2)
        }
    }
}
