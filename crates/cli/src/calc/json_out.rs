//! A hand-rolled JSON writer for the batch hot path: an untraced contribution result, written
//! straight into the chunk's buffer with `itoa`, byte for byte what `serde_json` writes for the
//! same [`Outcome`] (a test checks this over thousands of scenarios). Everything else (traced
//! results, benefits, late fines) goes through `serde_json`.
//!
//! Why: a contribution result is ~1 KB of JSON, and serde's path formats every rate through two
//! `String`s and renders every warning with `format!` — most of the time of a JSON Lines batch.
//! The structs are destructured exhaustively, so a field added to a result type stops the build
//! here instead of silently disappearing from batch output.

use jamsos_rules::Outcome;
use jamsos_rules::Rate;
use jamsos_rules::results::{Allocation, CalcResult, ContributionResult, Line, Totals};
use jamsos_rules::trace::Warning;
use jiff::civil::Date;

/// Rendered warnings, per worker: a population repeats the same few warnings on every row.
#[derive(Default)]
pub struct WarningCache<'p> {
    seen: Vec<(Warning<'p>, Vec<u8>)>,
}

impl<'p> WarningCache<'p> {
    fn json(&mut self, w: &Warning<'p>) -> &[u8] {
        let idx = match self.seen.iter().position(|(k, _)| k == w) {
            Some(i) => i,
            None => {
                let text = serde_json::to_vec(w).unwrap_or_else(|_| b"\"\"".to_vec());
                // Bounded: a pathological input cannot grow the cache without limit.
                if self.seen.len() >= 64 {
                    self.seen.clear();
                }
                self.seen.push((w.clone(), text));
                self.seen.len() - 1
            }
        };
        self.seen.get(idx).map_or(b"\"\"", |(_, t)| t.as_slice())
    }
}

/// Appends `outcome` as one line of JSON (without the newline).
pub fn write_outcome<'p>(out: &mut Vec<u8>, outcome: &Outcome<'p>, cache: &mut WarningCache<'p>) {
    let Outcome {
        result,
        trace,
        warnings,
    } = outcome;
    let contribution = match (result, trace) {
        // Rare shapes (PMI package lines that cover several programs, PP 49/2020 deferrals)
        // take the serde path: the hand-rolled writer covers the population's common case.
        (CalcResult::Contribution(c), None)
            if plain_date(c.date)
                && c.deferred.is_empty()
                && c.lines.iter().all(|l| l.covers.is_none()) =>
        {
            c
        }
        _ => {
            if serde_json::to_writer(&mut *out, outcome).is_err() {
                out.extend_from_slice(
                    br#"{"error":{"code":"internal","message":"serialization failed"}}"#,
                );
            }
            return;
        }
    };
    let ContributionResult {
        kind,
        date,
        segment,
        lines,
        allocations,
        totals,
        deferred: _,
    } = contribution;
    out.extend_from_slice(b"{\"type\":\"");
    out.extend_from_slice(kind.as_bytes());
    out.extend_from_slice(b"\",\"date\":\"");
    write_date(out, *date);
    out.extend_from_slice(b"\",\"segment\":\"");
    out.extend_from_slice(segment.code().as_bytes());
    out.extend_from_slice(b"\",\"lines\":[");
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_line(out, l);
    }
    out.extend_from_slice(b"],\"allocations\":[");
    for (i, a) in allocations.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_allocation(out, a);
    }
    out.extend_from_slice(b"],\"totals\":");
    write_totals(out, totals);
    out.extend_from_slice(b",\"warnings\":[");
    for (i, w) in warnings.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(cache.json(w));
    }
    out.extend_from_slice(b"]}");
}

fn write_line(out: &mut Vec<u8>, l: &Line) {
    let Line {
        program,
        payer,
        base,
        rate,
        amount,
        covers: _,
    } = l;
    out.extend_from_slice(b"{\"program\":\"");
    out.extend_from_slice(program.code().as_bytes());
    out.extend_from_slice(b"\",\"payer\":\"");
    out.extend_from_slice(payer.code().as_bytes());
    out.push(b'"');
    // A flat amount has no base or rate: written as null so every line has the same keys.
    out.extend_from_slice(b",\"base\":");
    match base {
        Some(b) => int(out, b.get()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"rate\":");
    match rate {
        Some(r) => write_rate(out, *r),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"amount\":");
    int(out, amount.get());
    out.push(b'}');
}

fn write_allocation(out: &mut Vec<u8>, a: &Allocation) {
    let Allocation {
        from,
        to,
        base,
        rate,
        amount,
    } = a;
    out.extend_from_slice(b"{\"from\":\"");
    out.extend_from_slice(from.code().as_bytes());
    out.extend_from_slice(b"\",\"to\":\"");
    out.extend_from_slice(to.code().as_bytes());
    out.extend_from_slice(b"\",\"base\":");
    int(out, base.get());
    out.extend_from_slice(b",\"rate\":");
    write_rate(out, *rate);
    out.extend_from_slice(b",\"amount\":");
    int(out, amount.get());
    out.push(b'}');
}

fn write_totals(out: &mut Vec<u8>, t: &Totals) {
    let Totals {
        employer,
        worker,
        participant,
        government,
        all,
    } = t;
    for (i, (name, v)) in [
        ("employer", employer),
        ("worker", worker),
        ("participant", participant),
        ("government", government),
        ("all", all),
    ]
    .into_iter()
    .enumerate()
    {
        out.extend_from_slice(if i == 0 { b"{\"" } else { b",\"" });
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"\":");
        int(out, v.get());
    }
    out.push(b'}');
}

/// `"0.0024"`: the same text as [`Rate::to_fraction_string`], quoted, without allocating.
pub fn write_rate(out: &mut Vec<u8>, r: Rate) {
    const PPB: u64 = 1_000_000_000;
    let ppb = r.ppb();
    out.push(b'"');
    if ppb < 0 {
        out.push(b'-');
    }
    let abs = ppb.unsigned_abs();
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(abs / PPB).as_bytes());
    let mut frac = abs % PPB;
    if frac != 0 {
        out.push(b'.');
        let mut digits = 9;
        while frac.is_multiple_of(10) {
            frac /= 10;
            digits -= 1;
        }
        let text = b.format(frac);
        out.extend(std::iter::repeat_n(b'0', digits - text.len()));
        out.extend_from_slice(text.as_bytes());
    }
    out.push(b'"');
}

/// Years 0–9999 print as `YYYY-MM-DD`; others take the serde path (jiff writes them signed).
fn plain_date(d: Date) -> bool {
    (0..=9999).contains(&d.year())
}

fn write_date(out: &mut Vec<u8>, d: Date) {
    let y = d.year().unsigned_abs();
    for div in [1000, 100, 10, 1] {
        out.push(b'0' + (y / div % 10) as u8);
    }
    out.push(b'-');
    two(out, d.month().unsigned_abs());
    out.push(b'-');
    two(out, d.day().unsigned_abs());
}

fn two(out: &mut Vec<u8>, v: u8) {
    out.push(b'0' + v / 10 % 10);
    out.push(b'0' + v % 10);
}

fn int(out: &mut Vec<u8>, v: i64) {
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(v).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn rates_print_as_serde_prints_them(ppb in any::<i64>()) {
            let r = Rate::from_ppb(ppb);
            let mut out = Vec::new();
            write_rate(&mut out, r);
            prop_assert_eq!(out, serde_json::to_vec(&r).unwrap());
        }

        #[test]
        fn dates_print_as_serde_prints_them(y in 0i16..=9999, m in 1i8..=12, d in 1i8..=28) {
            let date = Date::new(y, m, d).unwrap();
            let mut out = vec![b'"'];
            write_date(&mut out, date);
            out.push(b'"');
            prop_assert_eq!(out, serde_json::to_vec(&date).unwrap());
        }
    }

    #[test]
    fn a_contribution_outcome_prints_as_serde_prints_it() {
        use jamsos_rules::Rupiah;
        use jamsos_rules::params::Confidence;
        use jamsos_rules::results::{Payer, Program, Segment};
        use jamsos_rules::trace::Label;
        let lines = vec![
            Line {
                program: Program::Jkk,
                payer: Payer::Employer,
                base: Some(Rupiah(5_729_876)),
                rate: Some(Rate::from_ppb(2_400_000)),
                amount: Rupiah(13_752),
                covers: None,
            },
            Line {
                program: Program::Jkm,
                payer: Payer::Participant,
                base: None,
                rate: None,
                amount: Rupiah(6_800),
                covers: None,
            },
        ];
        let totals = Totals::of(&lines);
        let outcome = Outcome {
            result: CalcResult::Contribution(ContributionResult {
                kind: "contribution",
                date: Date::new(2026, 3, 1).unwrap(),
                segment: Segment::Pu,
                lines,
                allocations: vec![Allocation {
                    from: Program::Jkk,
                    to: Program::Jkp,
                    base: Rupiah(5_000_000),
                    rate: Rate::from_ppb(1_400_000),
                    amount: Rupiah(7_000),
                }],
                totals,
                deferred: Vec::new(),
            }),
            trace: None,
            warnings: vec![
                Warning::Unverified {
                    name: "pu.jp.wage_cap",
                    from: Date::new(2026, 3, 1).unwrap(),
                    confidence: Confidence::MediumHigh,
                },
                Warning::Note(Label::new("catatan \"kutip\"", "a \"quoted\" note\n")),
            ],
        };
        let mut cache = WarningCache::default();
        for _ in 0..2 {
            let mut out = Vec::new();
            write_outcome(&mut out, &outcome, &mut cache);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&outcome).unwrap()
            );
        }
    }

    #[test]
    fn engine_results_print_as_serde_prints_them() {
        let engine = jamsos_rules::Engine::embedded().unwrap();
        let mut input = Vec::new();
        super::super::bench_input::generate(
            20_000,
            super::super::bench_input::GenFormat::Jsonl,
            &mut input,
        )
        .unwrap();
        let mut cache = WarningCache::default();
        let mut compared = 0;
        for line in input.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            let outcome = engine.calculate_json(line, false).unwrap();
            let mut out = Vec::new();
            write_outcome(&mut out, &outcome, &mut cache);
            assert_eq!(out, serde_json::to_vec(&outcome).unwrap());
            compared += 1;
        }
        assert_eq!(compared, 20_000);
    }

    #[test]
    fn small_rates() {
        for (ppb, text) in [
            (0, "\"0\""),
            (2_400_000, "\"0.0024\""),
            (1, "\"0.000000001\""),
        ] {
            let mut out = Vec::new();
            write_rate(&mut out, Rate::from_ppb(ppb));
            assert_eq!(String::from_utf8(out).unwrap(), text);
        }
    }
}
