mod cli;

/// mimalloc instead of the system allocator: a report is read through many small strings and
/// vectors, and glibc's malloc/free were about a fifth of the instructions of a batch (189.8 →
/// 164.9 M over the 63 corpus reports). Built without transparent huge pages (`no_thp`): with
/// them every touched 2 MB region stays resident and the 6,300-report batch peaked at 77–84 MB
/// instead of about 21 MB (README, "Speed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
