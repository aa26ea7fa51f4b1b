//! Measures the hot paths at a million: NIK validation, synthetic generation, and parsing +
//! validating a 1,000,000-row worker list. Run:
//! `cargo run --release -p jamsos-domain --example throughput [rows]`.

use jamsos_domain::demo::{Generated, generate, worker_list_csv};
use jamsos_domain::import::{ImportContext, ImportKind, parse};
use jamsos_domain::{Nik, Npp, regions};
use std::time::{Duration, Instant};

/// CPU time this thread has run (Linux `/proc/thread-self/schedstat`): on a shared machine the
/// wall clock mostly measures the neighbours.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

struct Clock(Instant, Duration);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), cpu())
    }
}

impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.2?} wall, {:.2?} CPU",
            self.0.elapsed(),
            cpu() - self.1
        )
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);

    let t = Clock::start();
    let _ = regions();
    println!("region list built in {}", t);

    let t = Clock::start();
    let niks: Vec<String> = generate(n, 1)
        .filter_map(|g| match g {
            Generated::Participant(p) => Some(p.person.nik.to_string()),
            _ => None,
        })
        .collect();
    println!("generated {} participants in {}", niks.len(), t);

    let t = Clock::start();
    let ok = niks.iter().filter(|s| Nik::parse(s).is_ok()).count();
    println!("validated {ok} NIKs in {}", t);

    let t = Clock::start();
    let csv = worker_list_csv(n, 2);
    println!(
        "wrote a {}-row worker list ({} MB) in {}",
        n,
        csv.len() / 1_000_000,
        t
    );

    let t = Clock::start();
    let ctx = ImportContext {
        employer: Npp::from_sequence(1),
        sponsor: None,
    };
    match parse(&csv, ImportKind::Workers, ctx) {
        Ok(parsed) => println!(
            "parsed + validated {} rows ({} valid, {} rejected, {} warnings) in {}",
            parsed.report.rows_read,
            parsed.report.rows_valid,
            parsed.report.rows_rejected,
            parsed.report.warnings().count(),
            t
        ),
        Err(e) => println!("file error: {e}"),
    }
}
