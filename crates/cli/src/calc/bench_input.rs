//! Deterministic benchmark inputs (`jamsos calc --gen-bench N --format csv|jsonl -o FILE`, a
//! hidden option): a month's contribution billing for a population. 80 % PU with wages
//! Rp4.000.000–Rp25.000.000 over all five risk classes (one in ten employers a labour-intensive
//! textile firm, for the PP 7/2025 relief), 20 % BPU with incomes Rp1.000.000–Rp10.000.000
//! (40 % transport, one in ten budget-funded). Contribution months run from January 2025 to
//! June 2026, across the relief periods. The same seed always gives the same bytes.

use std::io::{self, Write};

/// xorshift64*: tiny, fast, and fixed forever (a changed generator would change the benchmark).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi` (the modulo bias is irrelevant for a benchmark).
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

/// One generated scenario.
struct Row {
    date: (u16, u8, u8),
    pu: bool,
    amount: u64,
    risk_class: u64,
    textile: bool,
    transport: bool,
    apbd: bool,
}

fn row(rng: &mut Rng) -> Row {
    let month = rng.range(0, 17);
    let (y, m) = if month < 12 {
        (2025, month + 1)
    } else {
        (2026, month - 11)
    };
    let day = rng.range(1, 28);
    let pu = rng.range(1, 100) <= 80;
    let risk_class = match rng.range(1, 100) {
        1..=40 => 1,
        41..=65 => 2,
        66..=85 => 3,
        86..=95 => 4,
        _ => 5,
    };
    let amount = if pu {
        rng.range(4_000_000, 25_000_000)
    } else {
        rng.range(1_000, 10_000) * 1_000
    };
    Row {
        date: (y as u16, m as u8, day as u8),
        pu,
        amount,
        risk_class,
        textile: rng.range(1, 10) == 1,
        transport: rng.range(1, 10) <= 4,
        apbd: rng.range(1, 10) == 1,
    }
}

/// The file formats the generator writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenFormat {
    Csv,
    Jsonl,
}

/// Writes `n` scenarios.
pub fn generate<W: Write>(n: u64, format: GenFormat, out: W) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut rng = Rng(0x6A61_6D73_6F73_2026);
    if format == GenFormat::Csv {
        out.write_all(
            b"type,date,segment,wage,risk_class,employer_sector,employer_workers,income,sector,funded_by\n",
        )?;
    }
    for _ in 0..n {
        let r = row(&mut rng);
        let (y, m, d) = r.date;
        match (format, r.pu) {
            (GenFormat::Csv, true) => {
                let (sector, workers) = if r.textile {
                    ("textile_apparel", "120")
                } else {
                    ("", "")
                };
                writeln!(
                    out,
                    "contribution,{y}-{m:02}-{d:02},PU,{},{},{sector},{workers},,,",
                    r.amount, r.risk_class
                )?;
            }
            (GenFormat::Csv, false) => {
                let sector = if r.transport { "transport" } else { "" };
                let funded = if r.apbd { "apbd" } else { "" };
                writeln!(
                    out,
                    "contribution,{y}-{m:02}-{d:02},BPU,,,,,{},{sector},{funded}",
                    r.amount
                )?;
            }
            (GenFormat::Jsonl, true) => {
                write!(
                    out,
                    r#"{{"type":"contribution","date":"{y}-{m:02}-{d:02}","segment":"PU","wage":{},"risk_class":{}"#,
                    r.amount, r.risk_class
                )?;
                if r.textile {
                    out.write_all(br#","employer":{"sector":"textile_apparel","workers":120}"#)?;
                }
                out.write_all(b"}\n")?;
            }
            (GenFormat::Jsonl, false) => {
                write!(
                    out,
                    r#"{{"type":"contribution","date":"{y}-{m:02}-{d:02}","segment":"BPU","income":{}"#,
                    r.amount
                )?;
                if r.transport {
                    out.write_all(br#","sector":"transport""#)?;
                }
                if r.apbd {
                    out.write_all(br#","funded_by":"apbd""#)?;
                }
                out.write_all(b"}\n")?;
            }
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_and_both_formats_hold_the_same_scenarios() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        generate(1000, GenFormat::Csv, &mut a).unwrap();
        generate(1000, GenFormat::Csv, &mut b).unwrap();
        assert_eq!(a, b);
        let mut j = Vec::new();
        generate(1000, GenFormat::Jsonl, &mut j).unwrap();
        assert_eq!(a.iter().filter(|c| **c == b'\n').count(), 1001);
        assert_eq!(j.iter().filter(|c| **c == b'\n').count(), 1000);
        let pu = j
            .split(|c| *c == b'\n')
            .filter(|l| l.windows(4).any(|w| w == b"\"PU\""))
            .count();
        assert!((750..=850).contains(&pu), "{pu}");
    }
}
