//! Charts as plain SVG (no JavaScript, no fonts to embed): horizontal bars of coverage by
//! region, and a line of the monthly trend. Hand-written rather than plotters: two chart
//! types do not justify the dependency, and the output stays small and diffable.

use crate::coverage::{CoverageTable, RowRegion, TrendPoint};
use crate::ratio::Ratio;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Bar length in pixels for a rate (capped at 100 %).
fn px(r: Ratio, width: i64) -> i64 {
    r.bp().map_or(0, |bp| bp.clamp(0, 10_000) * width / 10_000)
}

/// Coverage rate by region (all workers and vulnerable workers), one bar pair per row.
pub fn coverage_bars(t: &CoverageTable, title: &str) -> String {
    let rows: Vec<_> = t
        .rows
        .iter()
        .filter(|r| matches!(r.region, RowRegion::Region(_)))
        .collect();
    let (label_w, bar_w, row_h) = (220i64, 420i64, 34i64);
    let height = 60 + row_h * rows.len() as i64 + 30;
    let width = label_w + bar_w + 90;
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}" font-family="sans-serif" font-size="12">
<title>{t}</title>
<text x="0" y="18" font-size="14" font-weight="bold">{t}</text>
<rect x="{label_w}" y="28" width="12" height="10" fill="#2b6cb0"/><text x="{lx}" y="37">semua / all</text>
<rect x="{lx2}" y="28" width="12" height="10" fill="#dd6b20"/><text x="{lx3}" y="37">rentan / vulnerable</text>
"##,
        t = esc(title),
        lx = label_w + 16,
        lx2 = label_w + 120,
        lx3 = label_w + 136,
    );
    // grid first, so bars and labels draw over it
    let axis_y = 50 + row_h * rows.len() as i64;
    for pct in [0i64, 25, 50, 75, 100] {
        let x = label_w + bar_w * pct / 100;
        s.push_str(&format!(
            r##"<line x1="{x}" y1="44" x2="{x}" y2="{axis_y}" stroke="#ccc"/><text x="{x}" y="{ty}" text-anchor="middle" fill="#444">{pct}%</text>
"##,
            ty = axis_y + 14
        ));
    }
    for (i, r) in rows.iter().enumerate() {
        let y = 50 + row_h * i as i64;
        let label = match (&r.region, &r.name) {
            (RowRegion::Region(k), Some(n)) => format!("{n} ({k})"),
            (RowRegion::Region(k), None) => k.to_string(),
            _ => String::new(),
        };
        s.push_str(&format!(
            r##"<text x="{x}" y="{ty}" text-anchor="end">{l}</text>
"##,
            x = label_w - 6,
            ty = y + 16,
            l = esc(&label)
        ));
        for (j, (rate, color)) in [(r.rate, "#2b6cb0"), (r.rate_vulnerable, "#dd6b20")]
            .into_iter()
            .enumerate()
        {
            let by = y + 3 + 14 * j as i64;
            match rate {
                Some(rt) => s.push_str(&format!(
                    r##"<rect x="{label_w}" y="{by}" width="{w}" height="12" fill="{color}"><title>{p}</title></rect><text x="{tx}" y="{ty}">{p}</text>
"##,
                    w = px(rt, bar_w),
                    p = rt.percent_text_id(),
                    tx = label_w + px(rt, bar_w) + 4,
                    ty = by + 10
                )),
                None => s.push_str(&format!(
                    r##"<text x="{tx}" y="{ty}" fill="#666">*</text>
"##,
                    tx = label_w + 4,
                    ty = by + 10
                )),
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

/// The monthly coverage rate as a line (all and vulnerable).
pub fn trend_line(points: &[TrendPoint], title: &str) -> String {
    let (w, h, left, top) = (640i64, 260i64, 50i64, 30i64);
    let plot_w = w - left - 20;
    let plot_h = h - top - 40;
    let n = points.len().max(2) as i64 - 1;
    let xy = |i: usize, r: Option<Ratio>| {
        r.and_then(Ratio::bp).map(|bp| {
            (
                left + plot_w * i as i64 / n,
                top + plot_h - plot_h * bp.clamp(0, 10_000) / 10_000,
            )
        })
    };
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{t}" font-family="sans-serif" font-size="11">
<title>{t}</title><text x="0" y="16" font-size="14" font-weight="bold">{t}</text>
"##,
        t = esc(title)
    );
    for pct in [0i64, 50, 100] {
        let y = top + plot_h - plot_h * pct / 100;
        s.push_str(&format!(
            r##"<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" stroke="#ccc"/><text x="{tx}" y="{ty}" text-anchor="end">{pct}%</text>
"##,
            x2 = left + plot_w,
            tx = left - 4,
            ty = y + 4
        ));
    }
    for (sel, color) in [(0usize, "#2b6cb0"), (1, "#dd6b20")] {
        let pts: Vec<String> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| xy(i, if sel == 0 { p.rate } else { p.rate_vulnerable }))
            .map(|(x, y)| format!("{x},{y}"))
            .collect();
        if !pts.is_empty() {
            s.push_str(&format!(
                r##"<polyline fill="none" stroke="{color}" stroke-width="2" points="{}"/>
"##,
                pts.join(" ")
            ));
        }
    }
    for (i, p) in points.iter().enumerate() {
        if i == 0 || i + 1 == points.len() || points.len() <= 12 {
            s.push_str(&format!(
                r##"<text x="{x}" y="{y}" text-anchor="middle">{m}</text>
"##,
                x = left + plot_w * i as i64 / n,
                y = top + plot_h + 16,
                m = p.month
            ));
        }
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{CoverageQuery, coverage};
    use crate::model::{EnrolledRecord, PotentialRecord, ProgramSet, Segment};
    use crate::period::{Month, StatPeriod};
    use crate::region::{Level, RegionKey};
    use crate::sector::Sector;
    use crate::suppress::Policy;

    #[test]
    fn one_document_with_escaped_text_and_bar_lengths() {
        let r = RegionKey::parse("31.73.04.1002").unwrap();
        let month = Month::parse("2025-08").unwrap();
        let p = vec![PotentialRecord {
            region: r.clone(),
            sector: Sector::Division(14),
            period: StatPeriod::Year(2025),
            workers: 100,
            vulnerable_workers: 50,
            source: "t".to_owned(),
        }];
        let e = vec![EnrolledRecord {
            region: r,
            sector: Some(Sector::Division(14)),
            month,
            segment: Segment::Bpu,
            vulnerable: true,
            programs: ProgramSet::parse("JKK;JKM").unwrap(),
            count: 25,
        }];
        let mut q = CoverageQuery::new(month, Level::Village);
        q.policy = Policy::none();
        let t = coverage(&q, &p, &e, &crate::region::NoDirectory);
        let s = coverage_bars(&t, "A & B <c>");
        assert_eq!(s.matches("<svg").count(), 1);
        assert!(s.trim_end().ends_with("</svg>"));
        assert!(s.contains("A &amp; B &lt;c&gt;"));
        // 25 % of 420 px and 50 % (vulnerable) of 420 px
        assert!(s.contains(r#"width="105""#));
        assert!(s.contains(r#"width="210""#));
        assert!(s.contains("25,00%"));
    }
}
