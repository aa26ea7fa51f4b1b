//! Late fines (denda) on contributions paid after the due date: 2 % of the contributions due
//! for each month of delay, simple, not compounded (Decisions 9); 0.5 % for the PP 49/2020
//! relief months. How months are counted is a parameter (`fine.late.count_started_months`):
//! by default every started month counts. The rate, counting rule and due date are chosen by
//! the contribution month, like the contributions themselves.

use crate::calendar;
use crate::error::CalcError;
use crate::input::{self, RawScenario};
use crate::money::Rupiah;
use crate::results::{Component, LateFineResult, Segment};
use crate::trace::{Ctx, Expr, Label};
use jiff::ToSpan;
use jiff::civil::Date;
use serde_json::json;

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<LateFineResult, CalcError> {
    if let Some(d) = &raw.date {
        input::parse_date(d, "date")?;
    }
    let code = raw.segment.as_deref().ok_or_else(|| {
        CalcError::invalid(
            "segment",
            "this field is required for a late fine: PU or BPU",
        )
    })?;
    let segment = Segment::parse(code).ok_or_else(|| {
        CalcError::invalid("segment", format!("{code:?} is not a segment: PU or BPU"))
    })?;
    let month_text = raw.contribution_month.as_deref().ok_or_else(|| {
        CalcError::invalid(
            "contribution_month",
            "this field is required for a late fine (YYYY-MM)",
        )
    })?;
    let month = input::parse_month(month_text, "contribution_month")?;
    let amount_due = Rupiah(input::positive_money(raw.amount_due, "amount_due")?);
    let paid_on = input::date_field(&raw.paid_on, "paid_on")?;
    ctx.input("segment", || json!(segment.code()));
    ctx.input("contribution_month", || json!(month_text));
    ctx.input("amount_due", || json!(amount_due.get()));
    ctx.input("paid_on", || json!(paid_on.to_string()));

    let due = calendar::due_date(ctx, segment, month)?;
    let rule_date = crate::dates::contribution_rule_date(month);
    let started = ctx.flag("fine.late.count_started_months", rule_date)?;
    let months_late = months_late(due, paid_on, started)?;
    ctx.formula(|| {
        (
            if started {
                Label::new(
                    "bulan keterlambatan (setiap bulan yang dimulai dihitung)",
                    "months late (every started month counts)",
                )
            } else {
                Label::new(
                    "bulan keterlambatan (hanya bulan penuh)",
                    "months late (whole months only)",
                )
            },
            Expr::new()
                .text("dibayar setelah jatuh tempo", "paid after the due date")
                .op("=")
                .num(months_late),
            Some(months_late),
            Some("regulations.md Keputusan/Decisions 9"),
        )
    });

    let applies = match segment {
        Segment::Pu => true,
        Segment::Bpu => ctx.flag("fine.late.applies_to_bpu", rule_date)?,
        Segment::Jakon | Segment::Pmi => false, // refused by due_date already
    };
    ctx.rule(
        Label::new(
            "denda keterlambatan berlaku untuk segmen ini",
            "the late fine applies to this segment",
        ),
        applies,
        Some("PP 44/2015, PP 46/2015 (denda 2 %, ditanggung pemberi kerja)"),
    );
    let fine = if applies && months_late > 0 {
        let rate = ctx.rate("fine.late.rate", rule_date)?;
        let fine = rate.of(amount_due.times(months_late));
        ctx.formula(|| {
            (
                Label::new(
                    "denda = tarif × bulan terlambat × iuran terutang (tidak berbunga majemuk)",
                    "fine = rate × months late × contributions due (simple)",
                ),
                Expr::new()
                    .rate(rate)
                    .op("×")
                    .num(months_late)
                    .op("×")
                    .money(amount_due)
                    .op("=")
                    .money(fine),
                Some(fine.get()),
                Some("PP 44/2015 dan PP 46/2015 (2 % per bulan); PP 49/2020 Pasal 23(1) (0,5 %)"),
            )
        });
        fine
    } else {
        Rupiah::ZERO
    };
    Ok(LateFineResult {
        kind: "late_fine",
        segment,
        contribution_month: month_text.to_owned(),
        amount_due,
        paid_on,
        due_date: due,
        months_late,
        fine,
        components: vec![Component::new("late_fine", fine)],
    })
}

/// Months of delay between `due` and `paid_on`: with `started`, the least n such that
/// `due + n months ≥ paid_on` (one day late is one month); otherwise the whole months elapsed.
pub fn months_late(due: Date, paid_on: Date, started: bool) -> Result<i64, CalcError> {
    if paid_on <= due {
        return Ok(0);
    }
    let plus = |n: i64| -> Result<Date, CalcError> {
        due.checked_add(n.months())
            .map_err(|e| CalcError::invalid("paid_on", e.to_string()))
    };
    let estimate = (i64::from(paid_on.year()) - i64::from(due.year())) * 12
        + i64::from(paid_on.month())
        - i64::from(due.month());
    let mut n = estimate.max(0);
    if started {
        while n > 0 && plus(n - 1)? >= paid_on {
            n -= 1;
        }
        while plus(n)? < paid_on {
            n += 1;
        }
    } else {
        while n > 0 && plus(n)? > paid_on {
            n -= 1;
        }
        while plus(n + 1)? <= paid_on {
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn counts_started_or_whole_months() {
        let due = d("2026-04-15");
        assert_eq!(months_late(due, d("2026-04-15"), true).unwrap(), 0);
        assert_eq!(months_late(due, d("2026-04-16"), true).unwrap(), 1);
        assert_eq!(months_late(due, d("2026-05-15"), true).unwrap(), 1);
        assert_eq!(months_late(due, d("2026-05-16"), true).unwrap(), 2);
        assert_eq!(months_late(due, d("2026-04-16"), false).unwrap(), 0);
        assert_eq!(months_late(due, d("2026-05-15"), false).unwrap(), 1);
        assert_eq!(months_late(due, d("2026-07-14"), false).unwrap(), 2);
        assert_eq!(months_late(due, d("2027-04-16"), true).unwrap(), 13);
        // Month ends: 31 Jan + 1 month = 28 Feb.
        assert_eq!(
            months_late(d("2025-01-31"), d("2025-02-28"), true).unwrap(),
            1
        );
        assert_eq!(
            months_late(d("2025-01-31"), d("2025-03-01"), true).unwrap(),
            2
        );
    }
}
