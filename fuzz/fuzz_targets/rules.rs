//! A rule file: parsed, compiled (it may extend the bundled rules) and formatted.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gouji::fuzzing::rule_file(data));
