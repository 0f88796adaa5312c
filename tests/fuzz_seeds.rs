//! The fuzz targets (`fuzz/`, run for hours with `cargo +nightly fuzz run`) as plain tests: each
//! target's work (`gouji::fuzzing`) over every committed seed and over deterministic mutations
//! of them built from the fuzz dictionary, so `cargo test` exercises the same invariants on a
//! machine without nightly or cargo-fuzz. Also: the dictionary holds every label and keyword.

#![allow(
    clippy::panic,
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests fail loudly"
)]

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fuzz_dir().join("seeds").join(target))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{target}: {} seeds", files.len());
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The dictionary's entries, unescaped.
fn dictionary() -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(fuzz_dir().join("gouji.dict")).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some((_, quoted)) = line.split_once('=') else {
            continue;
        };
        if line.starts_with('#') {
            continue;
        }
        let inner = quoted.trim().trim_matches('"');
        let b = inner.as_bytes();
        let mut v = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'\\' && b.get(i + 1) == Some(&b'x') {
                v.push(u8::from_str_radix(&inner[i + 2..i + 4], 16).unwrap());
                i += 4;
            } else {
                v.push(b[i]);
                i += 1;
            }
        }
        out.push(v);
    }
    out
}

/// xorshift: deterministic, so a failure replays.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Insert, replace or delete: what a fuzzer does first with a dictionary.
fn mutate(seed: &[u8], dict: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(3) {
            0 => {
                let w = &dict[rng.below(dict.len())];
                v.splice(at..at, w.iter().copied());
            }
            1 => {
                let end = (at + 1 + rng.below(16)).min(v.len());
                v.drain(at..end);
            }
            _ => {
                let end = (at + rng.below(8)).min(v.len());
                let w = &dict[rng.below(dict.len())];
                v.splice(at..end, w.iter().copied());
            }
        }
    }
    v
}

#[test]
fn the_rules_target_holds_on_its_seeds_and_their_mutations() {
    let dict = dictionary();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let seeds = seeds("rules");
    for s in &seeds {
        gouji::fuzzing::rule_file(s);
    }
    for i in 0..300 {
        gouji::fuzzing::rule_file(&mutate(&seeds[i % seeds.len()], &dict, &mut rng));
    }
}

#[test]
fn the_report_target_holds_on_its_seeds_and_their_mutations() {
    let dict = dictionary();
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let seeds = seeds("report");
    for s in &seeds {
        gouji::fuzzing::report(s);
    }
    for i in 0..300 {
        gouji::fuzzing::report(&mutate(&seeds[i % seeds.len()], &dict, &mut rng));
    }
}

#[test]
fn the_fuzz_dictionary_holds_every_label_and_keyword() {
    let dict: Vec<String> = dictionary()
        .into_iter()
        .map(|v| String::from_utf8(v).unwrap())
        .collect();
    for kw in gouji::syntax::KEYWORDS {
        assert!(dict.iter().any(|d| d == kw), "keyword `{kw}` missing");
    }
    for (name, text) in gouji::rules::BUNDLED {
        for part in text.split('"').skip(1).step_by(2) {
            if part.is_empty() || part.contains('\n') {
                continue;
            }
            assert!(
                dict.iter().any(|d| d == part),
                "label `{part}` of {name} missing; run scripts/fuzz-dict.py"
            );
        }
    }
}
