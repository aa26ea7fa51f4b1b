//! The printable PDF summary, parsed back with lopdf (a dev-dependency only): a valid file
//! (header, xref offsets, trailer, page count), the same figures as the HTML/CSV for the demo
//! West Jakarta data, no suppressed count leaking, and a long outreach list continuing on
//! further pages under its repeated header.

use jamsos_analytics::demo::{self, Dataset};
use jamsos_analytics::export::pdf::{PdfOptions, region_summary};
use jamsos_analytics::export::{html, sheets};
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::summary::{self, RegionSummary, SummaryRequest};
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{
    EnrolledRecord, Month, PotentialRecord, ProgramSet, RegionKey, Sector, Segment, StatPeriod,
};
use jamsos_rules::{Engine, Rupiah};
use jiff::civil::date;

fn build(d: &Dataset, region: &str, month: Month, policy: Policy) -> RegionSummary {
    let req = SummaryRequest::new(RegionKey::parse(region).unwrap(), month, policy);
    summary::build(
        &Engine::embedded().unwrap(),
        d,
        &req,
        &Kemendagri::embedded(),
    )
    .unwrap()
}

fn west_jakarta() -> (Dataset, RegionSummary) {
    let d = demo::west_jakarta(1);
    let month = d.enrolled.iter().map(|e| e.month).max().unwrap();
    let s = build(&d, "31.73", month, Policy::default());
    (d, s)
}

fn pages_text(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
    doc.get_pages()
        .keys()
        .map(|n| doc.extract_text(&[*n]).unwrap())
        .collect()
}

/// The classic cross-reference table: `startxref` points at `xref`, and every in-use entry
/// points at the start of its object.
fn check_xref(bytes: &[u8]) -> usize {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let sx = find(bytes, b"startxref").expect("startxref");
    let tail = String::from_utf8_lossy(&bytes[sx + 9..]);
    let offset: usize = tail.split_whitespace().next().unwrap().parse().unwrap();
    assert!(
        bytes[offset..].starts_with(b"xref"),
        "startxref points at xref"
    );
    let table = String::from_utf8_lossy(&bytes[offset..]);
    let mut lines = table.lines().skip(1);
    let header: Vec<usize> = lines
        .next()
        .unwrap()
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(header[0], 0);
    let mut in_use = 0;
    for (id, line) in lines.take(header[1]).enumerate() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f[2] == "n" {
            let at: usize = f[0].parse().unwrap();
            assert!(
                bytes[at..].starts_with(format!("{id} 0 obj").as_bytes()),
                "xref entry {id} points elsewhere"
            );
            in_use += 1;
        }
    }
    assert!(table.contains("trailer"));
    in_use
}

#[test]
fn demo_summary_is_a_valid_pdf_with_the_html_figures() {
    let (_, s) = west_jakarta();
    let bytes = region_summary(&s, &PdfOptions::new(date(2026, 11, 24)));
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.trim_ascii_end().ends_with(b"%%EOF"));
    let objects = check_xref(&bytes);

    let pages = pages_text(&bytes);
    let n = pages.len();
    assert!(n >= 3, "{n} pages");
    // catalog, page tree, 2 fonts, info, then a page and its content stream per page
    assert_eq!(objects, 5 + 2 * n);
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains(&format!("Halaman {} dari {n}", i + 1)),
            "page {} footer",
            i + 1
        );
    }
    let all = pages.join("\n");
    for expected in [
        "Ringkasan Jaminan Sosial Ketenagakerjaan",
        "Kota Administrasi Jakarta Barat (31.73)",
        "Bulan / month: 2025-12",
        "disusun / prepared: 2026-11-24",
        "Cakupan per kecamatan / Coverage by district, 2025-12",
        "Kesenjangan sektor 14 (KBLI 2020) di Tambora (31.73.04)",
        "Perusahaan yang dikunjungi lebih dulu / Companies to visit first (25 dari / of 500)",
        "Asumsi dan dasar hukum / Assumptions and legal basis",
        "UU 27/2022",
    ] {
        let flat = all.replace('\n', " ");
        assert!(flat.contains(expected), "missing {expected:?}");
    }

    // Tambora: 42,623 potential workers, 27.68 % covered; the city: 149,813 and 40.67 %;
    // 67,910 uncovered vulnerable workers.
    let coverage = sheets::coverage(&s.children);
    let cov_html = html::table(&coverage[0]);
    for figure in ["42.623", "11.797", "27,68%", "149.813", "40,67%", "67.910"] {
        assert!(all.contains(figure), "PDF lacks {figure}");
        assert!(cov_html.contains(figure), "HTML lacks {figure}");
    }
    // 67,910 workers × Rp16,800 (BPU JKK + JKM on Rp1,000,000) × 12 months.
    let b = s.budget.as_ref().unwrap();
    assert_eq!(b.cohort, 67_910);
    assert_eq!(b.cost_per_year, Rupiah(67_910 * 16_800 * 12));
    assert_eq!(b.cost_per_year.to_id_string(), "Rp13.690.656.000");
    let budget_html = html::table(&sheets::budget(b)[0]);
    for figure in ["Rp13.690.656.000", "Rp1.140.888.000", "Rp16.800"] {
        assert!(all.contains(figure), "PDF lacks {figure}");
        assert!(budget_html.contains(figure), "HTML lacks {figure}");
    }
    // The first company to visit and its shortfall, as the outreach CSV has it.
    let rep = s.compliance.as_ref().unwrap();
    let first = &rep.outreach[0];
    let csv = sheets::compliance(rep)[1].to_csv();
    assert!(csv.contains(&first.monthly_shortfall.get().to_string()));
    assert!(all.contains(&first.company.name));
    assert!(all.contains(&first.monthly_shortfall.to_id_string()));
    // The campaign in Tambora.
    assert!(
        all.replace('\n', " ")
            .contains("Konveksi Terlindungi Tambora")
    );
    // Only printable ASCII in the text.
    assert!(all.chars().all(|c| c == '\n' || (' '..='~').contains(&c)));
}

/// One district, three villages, enrolled 3 / 4,321 / 5,600 of potential 7,777 / 8,888 /
/// 9,999: 3 is under k = 5, and 4,321 is hidden with it so that 3 cannot be computed from the
/// district total (9,924).
fn small_district() -> (Dataset, Month) {
    let month = Month::parse("2026-03").unwrap();
    let mut d = Dataset::default();
    for (v, potential, enrolled) in [
        ("31.73.04.1001", 7_777, 3),
        ("31.73.04.1002", 8_888, 4_321),
        ("31.73.04.1003", 9_999, 5_600),
    ] {
        let region = RegionKey::parse(v).unwrap();
        d.potential.push(PotentialRecord {
            region: region.clone(),
            sector: Sector::Division(14),
            period: StatPeriod::Year(2026),
            workers: potential,
            vulnerable_workers: 0,
            source: "test".to_owned(),
        });
        d.enrolled.push(EnrolledRecord {
            region,
            sector: Some(Sector::Division(14)),
            month,
            segment: Segment::Pu,
            vulnerable: false,
            programs: ProgramSet::parse("JKK;JKM").unwrap(),
            count: enrolled,
        });
    }
    (d, month)
}

#[test]
fn suppressed_cells_do_not_leak_their_numbers() {
    let (d, month) = small_district();
    let opt = PdfOptions::new(date(2026, 4, 2));
    // Hidden: enrolled 3 and 4,321, so also uncovered 7,774 and 4,567 and their rates
    // (0,04 % and 48,62 %).
    let secrets = ["4.321", "7.774", "4.567", "48,62%", "0,04%"];

    let open = region_summary(&build(&d, "31.73.04", month, Policy::none()), &opt);
    let open_text = pages_text(&open).join("\n");
    for s in secrets {
        assert!(open_text.contains(s), "unsuppressed PDF shows {s}");
    }

    let s = build(&d, "31.73.04", month, Policy::default());
    let hidden = sheets::coverage(&s.children)[0].to_csv();
    assert!(hidden.contains("*"), "{hidden}");
    let text = pages_text(&region_summary(&s, &opt)).join("\n");
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} leaked:\n{text}");
        assert!(!hidden.contains(&secret.replace(['.', ','], "")));
    }
    // Shown: the third village and the district total; hidden cells print as "*".
    for shown in ["5.600", "4.399", "9.924", "26.664", "16.740"] {
        assert!(text.contains(shown), "{shown} missing");
    }
    assert!(text.lines().filter(|l| l.trim() == "*").count() >= 4);
}

#[test]
fn a_long_outreach_list_continues_under_its_repeated_header() {
    let (_, s) = west_jakarta();
    let rep = s.compliance.as_ref().unwrap();
    assert_eq!(rep.outreach.len(), 500);
    let short = pages_text(&region_summary(&s, &PdfOptions::new(date(2026, 11, 24))));
    let long = pages_text(&region_summary(
        &s,
        &PdfOptions {
            outreach_top: 500,
            ..PdfOptions::new(date(2026, 11, 24))
        },
    ));
    assert!(
        long.len() >= short.len() + 8,
        "{} vs {}",
        long.len(),
        short.len()
    );
    let continued: Vec<&String> = long
        .iter()
        .filter(|p| {
            p.replace('\n', " ")
                .contains("Companies to visit first (500 dari / of 500) (lanjutan / continued)")
        })
        .collect();
    assert!(
        continued.len() >= 8,
        "{} continuation pages",
        continued.len()
    );
    for p in &continued {
        // the header row again, before the first company of the page
        let header = p.find("Perusahaan / Company").expect("repeated header");
        let first_company = p.find("PT Usaha").expect("rows");
        assert!(header < first_company);
        assert!(p.contains("No.") && p.contains("Temuan / Findings"));
    }
    // Every company once, in outreach order.
    let all = long.join("\n");
    let lines: Vec<&str> = all.lines().collect();
    let mut at = 0;
    for a in &rep.outreach {
        let pos = lines[at..]
            .iter()
            .position(|l| *l == a.company.name)
            .unwrap_or_else(|| panic!("{} missing or out of order", a.company.name));
        at += pos + 1;
    }
    // ... and no row printed twice across a page break
    for a in &rep.outreach {
        let want = rep
            .outreach
            .iter()
            .filter(|b| b.company.name == a.company.name)
            .count();
        let got = lines.iter().filter(|l| **l == a.company.name).count();
        assert_eq!(got, want, "{}", a.company.name);
    }
}
