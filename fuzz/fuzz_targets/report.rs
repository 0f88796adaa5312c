//! A report: decoded, read and checked against the bundled rules (compiled once per process).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gouji::fuzzing::report(data));
