//! Contribution throughput. One million scenarios in memory (80 % PU with wages Rp4M–Rp25M and
//! mixed risk classes, a tenth of them with an employer sector; 20 % BPU with mixed sectors and
//! funding), contribution months spread over 2024–2026, untraced:
//!
//! * `compiled_parallel`: checked requests through the [`RateBook`] on every core (rayon);
//! * `compiled_one_thread`: the same on one core;
//! * `raw_to_contract_result_parallel`: from already-parsed contract scenarios, including the
//!   field checks and the contract's result shape (Vec lines) and warnings;
//! * `traced_path_untraced_10k`: the name-lookup path (Ctx, trace off), for comparison.
//!
//! Results/second = elements / median time (criterion's `thrpt`).
//! Run: `cargo bench -p jamsos-rules --bench contributions`.

// Floats here are timing figures, never money; the benchmark (not the rules) reads /proc.
#![allow(
    clippy::float_arithmetic,
    clippy::disallowed_types,
    clippy::disallowed_methods
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jamsos_rules::contribution::{self, RateBook, Request};
use jamsos_rules::input::RawScenario;
use jamsos_rules::trace::Ctx;
use jamsos_rules::{Engine, ParamSet};
use rayon::prelude::*;
use std::hint::black_box;
use std::time::Duration;

const N: usize = 1_000_000;

/// A small deterministic generator (no extra dependency; the sequence only needs to be fixed).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn scenarios(n: usize) -> Vec<RawScenario> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let sectors = [
        "textile_apparel",
        "furniture",
        "mining",
        "retail",
        "footwear",
    ];
    (0..n)
        .map(|_| {
            let year = 2024 + rng.below(3);
            let month = 1 + rng.below(12);
            let day = 1 + rng.below(28);
            let date = format!("{year}-{month:02}-{day:02}");
            let text = if rng.below(100) < 80 {
                let wage = 4_000_000 + rng.below(21_000_001);
                let class = 1 + rng.below(5);
                if rng.below(10) == 0 {
                    let sector = sectors[rng.below(sectors.len() as u64) as usize];
                    let workers = rng.below(300);
                    format!(r#"{{"type":"contribution","date":"{date}","segment":"PU","wage":{wage},"risk_class":{class},"employer":{{"sector":"{sector}","workers":{workers}}}}}"#)
                } else {
                    format!(r#"{{"type":"contribution","date":"{date}","segment":"PU","wage":{wage},"risk_class":{class}}}"#)
                }
            } else {
                let income = 1_000_000 + 500_000 * rng.below(10);
                let sector = if rng.below(3) == 0 { "transport" } else { "retail" };
                let funded = ["self", "self", "self", "apbd"][rng.below(4) as usize];
                format!(r#"{{"type":"contribution","date":"{date}","segment":"BPU","income":{income},"sector":"{sector}","funded_by":"{funded}"}}"#)
            };
            RawScenario::from_json(text.as_bytes()).expect("generated scenarios are valid")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let params = ParamSet::embedded().expect("embedded parameters");
    let book = RateBook::new(&params);
    let raws = scenarios(N);
    let requests: Vec<Request> = raws
        .iter()
        .map(|r| Request::from_raw(r).expect("valid"))
        .collect();
    // Every generated scenario computes: the bench measures results, not errors.
    assert!(requests.iter().all(|r| book.calculate(r).is_ok()));

    cpu_normalised(&book, &requests);

    let mut g = c.benchmark_group("contributions");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function(BenchmarkId::new("compiled_parallel", N), |b| {
        b.iter(|| {
            requests.par_iter().for_each(|r| {
                let _ = black_box(book.calculate(black_box(r)));
            })
        })
    });
    g.bench_function(BenchmarkId::new("compiled_one_thread", N), |b| {
        b.iter(|| {
            for r in &requests {
                let _ = black_box(book.calculate(black_box(r)));
            }
        })
    });
    g.bench_function(
        BenchmarkId::new("raw_to_contract_result_parallel", N),
        |b| {
            b.iter(|| {
                raws.par_iter().for_each(|r| {
                    let _ = black_box(book.calculate_raw(black_box(r)));
                })
            })
        },
    );
    g.finish();

    let engine = Engine::new(params.clone());
    let sample = &requests[..10_000];
    let mut g = c.benchmark_group("contributions_reference");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sample.len() as u64));
    g.bench_function("traced_path_untraced_10k", |b| {
        b.iter(|| {
            for r in sample {
                let mut ctx = Ctx::new(engine.params(), None, false);
                let _ = black_box(contribution::calculate_request(&mut ctx, black_box(r)));
            }
        })
    });
    g.finish();
}

/// This process's user+system CPU time in seconds (Linux `/proc/self/stat`, 100 ticks/s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// On a shared machine the wall-clock figures depend on the other load. This prints results
/// per CPU-second (one core fully ours) and the projection for all cores, next to criterion's
/// wall-clock figures.
fn cpu_normalised(book: &RateBook, requests: &[Request]) {
    let rounds = 5;
    let (Some(c0), w0) = (cpu_seconds(), std::time::Instant::now()) else {
        return;
    };
    for _ in 0..rounds {
        requests.par_iter().for_each(|r| {
            let _ = black_box(book.calculate(black_box(r)));
        });
    }
    let (Some(c1), wall) = (cpu_seconds(), w0.elapsed().as_secs_f64()) else {
        return;
    };
    let results = (rounds * requests.len()) as f64;
    let per_cpu_second = results / (c1 - c0);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    eprintln!(
        "cpu-normalised: {:.2} M results per CPU-second; x {cores} cores = {:.1} M results/s on an idle machine (this run: {:.1} M/s wall-clock, {:.2} CPU-s over {:.2} s)",
        per_cpu_second / 1e6,
        per_cpu_second * cores / 1e6,
        results / wall / 1e6,
        c1 - c0,
        wall
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
