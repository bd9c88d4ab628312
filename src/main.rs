fn main() {
    std::process::exit(argcheck::cli::main());
}
