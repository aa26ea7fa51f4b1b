//! The money-flows chart as plain SVG (no JavaScript): per period, a bar for contributions
//! collected and one for benefits paid, summed over the visible rows of a flows report
//! (programs and regions), scaled to the largest. Hidden cells are left out and the chart
//! says so, so a suppressed amount cannot be read back from the bar lengths.

use crate::flows::{FlowKind, FlowRow};
use crate::flows_summary::compact;
use jamsos_rules::Rupiah;
use std::collections::BTreeMap;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Per period: (collected, paid, any cell hidden).
fn by_period(rows: &[FlowRow]) -> BTreeMap<&str, (Rupiah, Rupiah, bool)> {
    let mut out: BTreeMap<&str, (Rupiah, Rupiah, bool)> = BTreeMap::new();
    for r in rows {
        let e = out.entry(r.period.as_str()).or_default();
        match (r.kind, r.amount) {
            (FlowKind::ContributionCollected, Some(a)) => e.0 += a,
            (FlowKind::BenefitPaid, Some(a)) => e.1 += a,
            (_, None) => e.2 = true,
        }
    }
    out
}

/// Bar length for `v` out of `max` (both ≥ 0), in pixels.
fn px(v: Rupiah, max: Rupiah, width: i64) -> i64 {
    if max.get() <= 0 || v.get() <= 0 {
        return 0;
    }
    i64::try_from(i128::from(v.get()) * i128::from(width) / i128::from(max.get())).unwrap_or(width)
}

/// Contributions collected and benefits paid per period.
pub fn flow_bars(rows: &[FlowRow], title: &str) -> String {
    let periods = by_period(rows);
    let max = periods
        .values()
        .map(|(c, p, _)| (*c).max(*p))
        .max()
        .unwrap_or(Rupiah::ZERO);
    let (label_w, bar_w, row_h) = (90i64, 460i64, 34i64);
    let height = 60 + row_h * periods.len() as i64 + 24;
    let width = label_w + bar_w + 140;
    let t = esc(title);
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="12">
<title>{t}</title>
<text x="0" y="18" font-size="14" font-weight="bold">{t}</text>
<rect x="{label_w}" y="28" width="12" height="10" fill="#2b6cb0"/><text x="{lx}" y="37">iuran diterima / contributions collected</text>
<rect x="{lx2}" y="28" width="12" height="10" fill="#2f855a"/><text x="{lx3}" y="37">manfaat dibayar / benefits paid</text>
"##,
        lx = label_w + 16,
        lx2 = label_w + 250,
        lx3 = label_w + 266,
    );
    let mut any_hidden = false;
    for (i, (period, (collected, paid, hidden))) in periods.iter().enumerate() {
        any_hidden |= *hidden;
        let y = 50 + row_h * i as i64;
        s.push_str(&format!(
            r##"<text x="{x}" y="{ty}" text-anchor="end">{p}{h}</text>
"##,
            x = label_w - 6,
            ty = y + 16,
            p = esc(period),
            h = if *hidden { " *" } else { "" },
        ));
        for (j, (amount, color)) in [(*collected, "#2b6cb0"), (*paid, "#2f855a")]
            .into_iter()
            .enumerate()
        {
            let by = y + 3 + 14 * j as i64;
            let w = px(amount, max, bar_w);
            s.push_str(&format!(
                r##"<rect x="{label_w}" y="{by}" width="{w}" height="12" fill="{color}"><title>{full}</title></rect><text x="{tx}" y="{ty}">{c}</text>
"##,
                full = amount.to_id_string(),
                c = esc(&compact(amount, true)),
                tx = label_w + w + 4,
                ty = by + 10
            ));
        }
    }
    if any_hidden {
        s.push_str(&format!(
            r##"<text x="0" y="{y}" fill="#666">* sebagian sel disembunyikan (k-anonimitas) / some cells hidden (k-anonymity)</text>
"##,
            y = height - 6
        ));
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Program;

    fn row(kind: FlowKind, period: &str, amount: Option<i64>) -> FlowRow {
        FlowRow {
            kind,
            program: Program::Jkm,
            region: None,
            period: period.to_owned(),
            amount: amount.map(Rupiah),
            cases: amount.map(|_| 9),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_mark_hidden_cells() {
        let rows = [
            row(FlowKind::ContributionCollected, "2026-01", Some(1_000_000)),
            row(FlowKind::BenefitPaid, "2026-01", Some(500_000)),
            row(FlowKind::BenefitPaid, "2026-02", None),
        ];
        let svg = flow_bars(&rows, "Arus <uang>");
        assert!(
            svg.contains(r##"width="460" height="12" fill="#2b6cb0""##),
            "{svg}"
        );
        assert!(
            svg.contains(r##"width="230" height="12" fill="#2f855a""##),
            "{svg}"
        );
        assert!(svg.contains("2026-02 *"));
        assert!(svg.contains("Arus &lt;uang&gt;"));
        assert!(svg.contains("k-anonymity"));
    }
}
