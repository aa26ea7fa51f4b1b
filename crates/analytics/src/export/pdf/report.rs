//! The region summary's pages: title block, coverage chart and tables, vulnerable workers,
//! coverage by sector and the sector gap, compliance and the outreach list, the budget,
//! campaigns, then the assumptions and legal basis. Every table is taken from the same
//! [`Sheet`]s the CSV, XLSX and HTML exports write (a subset of their columns), so the figures
//! and the k-anonymity suppression (`*`) are exactly theirs.

use super::layout::{Align, BLUE, BarChart, BarGroup, Column, Doc, GREY, Info, ORANGE, Row, Table};
use crate::coverage::{CoverageTable, RowRegion};
use crate::export::{Sheet, Value, sheets};
use crate::summary::RegionSummary;
use jiff::civil::Date;

/// What the caller decides: the date printed as "disusun" (no clock in the library) and how
/// many companies of the outreach list to print.
#[derive(Clone, Copy, Debug)]
pub struct PdfOptions {
    pub prepared: Date,
    pub outreach_top: usize,
}

impl PdfOptions {
    pub fn new(prepared: Date) -> PdfOptions {
        PdfOptions {
            prepared,
            outreach_top: 25,
        }
    }
}

/// One column picked from a sheet: its index there, the heading printed, the width.
struct Pick(usize, &'static str, i32);

/// The picked columns of a sheet's rows (filtered by `keep`) as a printed table. A row whose
/// first cell is "total"/"Total" prints as a total row.
fn picked(
    sheet: &Sheet,
    title: String,
    picks: &[Pick],
    keep: impl Fn(&[Value]) -> bool,
    notes: Vec<String>,
) -> Table {
    let columns = picks
        .iter()
        .map(|p| Column {
            header: p.1.to_owned(),
            width: p.2,
            align: if sheet
                .rows
                .iter()
                .filter_map(|r| r.get(p.0))
                .any(|v| matches!(v, Value::Text(_)))
            {
                Align::Left
            } else {
                Align::Right
            },
        })
        .collect();
    let rows = sheet
        .rows
        .iter()
        .filter(|r| keep(r))
        .map(|r| Row {
            cells: picks
                .iter()
                .map(|p| r.get(p.0).map(Value::display_id).unwrap_or_default())
                .collect(),
            total: matches!(r.first(), Some(Value::Text(t)) if t.eq_ignore_ascii_case("total")),
        })
        .collect();
    Table {
        title,
        columns,
        rows,
        notes,
    }
}

fn all(_: &[Value]) -> bool {
    true
}

/// Level names: (Bahasa Indonesia, English).
fn level_names(t: &CoverageTable) -> (&'static str, &'static str) {
    match t.level {
        crate::Level::Province => ("provinsi", "province"),
        crate::Level::Regency => ("kota/kabupaten", "city/regency"),
        crate::Level::District => ("kecamatan", "district"),
        crate::Level::Village => ("kelurahan/desa", "village"),
    }
}

fn chart(t: &CoverageTable, title: String) -> BarChart {
    let pct = |r: Option<crate::Ratio>| r.and_then(|r| r.bp().map(|bp| (bp, r.percent_text_id())));
    BarChart {
        title,
        series: vec![
            ("semua pekerja / all workers".to_owned(), BLUE),
            ("pekerja rentan / vulnerable workers".to_owned(), ORANGE),
        ],
        groups: t
            .rows
            .iter()
            .filter_map(|r| match &r.region {
                RowRegion::Region(k) => Some(BarGroup {
                    label: r.name.clone().unwrap_or_else(|| k.to_string()),
                    values: vec![pct(r.rate), pct(r.rate_vulnerable)],
                }),
                _ => None,
            })
            .collect(),
    }
}

const COVERAGE_PICKS: [Pick; 6] = [
    Pick(0, "Kode / Code", 760),
    Pick(1, "Nama / Name", 1420),
    Pick(3, "Potensi pekerja / Potential workers", 700),
    Pick(4, "Peserta aktif / Active participants", 700),
    Pick(5, "Belum terlindungi / Uncovered", 700),
    Pick(6, "Cakupan / Coverage", 700),
];

const VULNERABLE_PICKS: [Pick; 6] = [
    Pick(0, "Kode / Code", 760),
    Pick(1, "Nama / Name", 1420),
    Pick(7, "Pekerja rentan / Vulnerable workers", 700),
    Pick(8, "Rentan terlindungi / Vulnerable covered", 700),
    Pick(9, "Rentan belum terlindungi / Vulnerable uncovered", 700),
    Pick(10, "Cakupan rentan / Vulnerable coverage", 700),
];

const WIDE_PICKS: [Pick; 9] = [
    Pick(1, "Nama / Name", 1060),
    Pick(3, "Potensi / Potential", 490),
    Pick(4, "Peserta / Enrolled", 490),
    Pick(5, "Belum / Uncovered", 490),
    Pick(6, "Cakupan / Coverage", 490),
    Pick(7, "Rentan / Vulnerable", 490),
    Pick(8, "Rentan peserta / Vuln. enrolled", 490),
    Pick(9, "Rentan belum / Vuln. uncovered", 490),
    Pick(10, "Cakupan rentan / Vuln. coverage", 490),
];

fn suppression_line(k: Option<u64>) -> Option<String> {
    k.map(|k| {
        format!(
            "* = disembunyikan: kurang dari {k} orang, atau agar angka kecil tidak dapat dihitung dari total (UU 27/2022) / hidden: fewer than {k} people, or so that a small count cannot be derived from totals"
        )
    })
}

/// The printable PDF summary of a region.
pub fn region_summary(s: &RegionSummary, opt: &PdfOptions) -> Vec<u8> {
    let mut doc = Doc::new();
    let (lvl_id, lvl_en) = level_names(&s.children);
    let region_line = format!("{} ({})", s.name, s.region);

    // Title block.
    doc.paragraph(
        "Ringkasan Jaminan Sosial Ketenagakerjaan",
        180,
        true,
        super::layout::BLACK,
    );
    doc.paragraph(
        "Employment social security summary (BPJS Ketenagakerjaan)",
        105,
        false,
        GREY,
    );
    doc.space(80);
    doc.paragraph(&region_line, 140, true, super::layout::BLACK);
    doc.paragraph(
        &format!(
            "Bulan / month: {}   -   disusun / prepared: {}",
            s.month, opt.prepared
        ),
        90,
        false,
        super::layout::BLACK,
    );
    doc.paragraph(
        &match s.policy.min_count {
            Some(k) => format!(
                "Sel dengan kurang dari {k} orang disembunyikan (*), juga sel yang memungkinkan angka kecil dihitung dari total / Cells with fewer than {k} people are hidden (*), as are cells from which a small count could be derived."
            ),
            None => "Tanpa penyembunyian sel: untuk peran yang berhak atas data rinci / No cells hidden: for roles entitled to the registry's detail.".to_owned(),
        },
        75,
        false,
        GREY,
    );
    doc.space(60);

    // Coverage by the region's children: chart, then the all-worker and vulnerable tables.
    let cov = sheets::coverage(&s.children);
    doc.bar_chart(&chart(
        &s.children,
        format!("Cakupan per {lvl_id} / Coverage by {lvl_en}, {}", s.month),
    ));
    let notes: Vec<String> = suppression_line(s.policy.min_count).into_iter().collect();
    if let Some(sheet) = cov.first() {
        doc.table(&picked(
            sheet,
            format!("Cakupan kepesertaan per {lvl_id} / Coverage by {lvl_en}"),
            &COVERAGE_PICKS,
            all,
            sheet.notes.iter().take(2).cloned().collect(),
        ));
        doc.table(&picked(
            sheet,
            format!("Pekerja rentan per {lvl_id} / Vulnerable workers by {lvl_en}"),
            &VULNERABLE_PICKS,
            all,
            notes.clone(),
        ));
    }

    // Coverage by sector for the whole region.
    let by_sector = sheets::coverage(&s.by_sector);
    if let Some(sheet) = by_sector.get(1) {
        let mut picks = vec![Pick(2, "Sektor (KBLI) / Sector", 1060)];
        picks.extend(WIDE_PICKS.iter().skip(1).map(|p| Pick(p.0, p.1, p.2)));
        // The region's own rows by sector (per-sector totals repeat them for one region).
        doc.table(&picked(
            sheet,
            "Cakupan per sektor / Coverage by sector".to_owned(),
            &picks,
            |r| !matches!(r.first(), Some(Value::Text(t)) if t == "total"),
            notes.clone(),
        ));
    }

    // The sector gap (the Tambora garment workshops on the demo data).
    if let Some(g) = &s.gap {
        let (gid, gen_en) = level_names(&g.table);
        if let Some(sheet) = sheets::coverage(&g.table).first() {
            let mut gap_notes = vec![
                "Peserta BPU yang ditanggung pemerintah tidak tercatat sektornya (tanpa pemberi kerja), jadi cakupan rentan per sektor dapat tampak nol / Government-sponsored BPU participants carry no sector (no employer), so vulnerable coverage by sector may show zero.".to_owned(),
            ];
            gap_notes.extend(notes.clone());
            doc.table(&picked(
                sheet,
                format!(
                    "Kesenjangan sektor {} (KBLI 2020) di {} ({}) per {gid} / Sector {} gap in {} by {gen_en}",
                    g.sector, g.area_name, g.area, g.sector, g.area_name
                ),
                &WIDE_PICKS,
                all,
                gap_notes,
            ));
        }
    }

    // Compliance and the companies to visit first.
    if let Some(rep) = &s.compliance {
        let sheets = sheets::compliance(rep);
        if let Some(sum) = sheets.first() {
            doc.table(&picked(
                sum,
                "Ringkasan kepatuhan / Compliance summary".to_owned(),
                &[
                    Pick(0, "Kategori / Category", 1900),
                    Pick(1, "Perusahaan / Companies", 1000),
                    Pick(2, "Pekerja / Workers", 1000),
                    Pick(3, "Kekurangan iuran per bulan / Monthly shortfall", 1080),
                ],
                all,
                Vec::new(),
            ));
        }
        if let Some(out) = sheets.get(1) {
            let shown = opt.outreach_top.min(out.rows.len());
            let mut top = out.clone();
            top.rows.truncate(shown);
            doc.table(&picked(
                &top,
                format!(
                    "Perusahaan yang dikunjungi lebih dulu / Companies to visit first ({shown} dari / of {})",
                    out.rows.len()
                ),
                &[
                    Pick(0, "No.", 300),
                    Pick(1, "Perusahaan / Company", 1250),
                    Pick(3, "Wilayah / Region", 780),
                    Pick(7, "Temuan / Findings", 1150),
                    Pick(8, "Belum didaftarkan / Not registered", 620),
                    Pick(9, "Kekurangan iuran / bulan / Shortfall / month", 880),
                ],
                all,
                vec![
                    "Diurutkan menurut perkiraan kekurangan iuran per bulan, lalu pekerja yang belum didaftarkan. Data perusahaan, bukan data pribadi / Ordered by the estimated monthly contribution shortfall, then unregistered workers. Company data, not personal data.".to_owned(),
                ],
            ));
        }
    } else {
        doc.heading("Kepatuhan / Compliance", 200);
        doc.paragraph(
            "Belum ada data perusahaan untuk wilayah ini / No company data for this region yet.",
            85,
            false,
            GREY,
        );
    }

    // The budget to cover every uncovered vulnerable worker.
    match &s.budget {
        Ok(b) => {
            // The cohort is "all uncovered vulnerable": a count of people, suppressed by the
            // report's policy like every other count (budget_privacy).
            let hidden = crate::budget_privacy::disclosure(
                b,
                crate::budget::Target::AllUncoveredVulnerable,
                s.policy,
            );
            if let Some(sheet) = crate::budget_privacy::sheets(b, &hidden).first() {
                doc.table(&picked(
                    sheet,
                    format!(
                        "Biaya melindungi semua pekerja rentan yang belum terlindungi, {} bulan mulai {} / Cost to cover every uncovered vulnerable worker, {} months from {}",
                        b.months, b.start, b.months, b.start
                    ),
                    &[Pick(0, "Butir / Item", 3000), Pick(1, "Nilai / Value", 1980)],
                    all,
                    sheet.notes.clone(),
                ));
            }
        }
        Err(e) => {
            doc.heading("Simulasi anggaran / Budget simulation", 200);
            doc.paragraph(
                &format!("Tidak dapat dihitung / Could not be priced: {e}"),
                85,
                false,
                GREY,
            );
        }
    }

    // Campaigns.
    if !s.campaigns.is_empty() {
        let sheet = sheets::campaigns(&s.campaigns);
        doc.table(&picked(
            &sheet,
            "Kampanye penjangkauan / Outreach campaigns".to_owned(),
            &[
                Pick(0, "Kampanye / Campaign", 1100),
                Pick(1, "Wilayah / Region", 560),
                Pick(2, "Mitra / Partner", 900),
                Pick(3, "Peran / Role", 520),
                Pick(4, "Pendaftaran / Enrolments", 560),
                Pick(6, "Sebelum / Before", 440),
                Pick(7, "Sesudah / After", 440),
                Pick(8, "Perubahan (bp) / Change (bp)", 460),
            ],
            all,
            notes.clone(),
        ));
    }

    assumptions(&mut doc, s);

    let info = Info {
        title: format!("Ringkasan jaminan sosial ketenagakerjaan: {region_line}"),
        running: format!("jamsos - {region_line} - {}", s.month),
        date: Some((
            u16::try_from(opt.prepared.year()).unwrap_or(0),
            u8::try_from(opt.prepared.month()).unwrap_or(1),
            u8::try_from(opt.prepared.day()).unwrap_or(1),
        )),
    };
    doc.finish(&info)
}

/// The closing section: where the numbers come from and under which rules.
fn assumptions(doc: &mut Doc, s: &RegionSummary) {
    let mut lines = vec![
        "Potensi pekerja dari data potensi tenaga kerja yang diimpor (sumber tercatat per baris); peserta aktif menurut domisili, dari registri / Potential workers from the imported workforce potential (source recorded per row); active participants by residence, from the registry.".to_owned(),
    ];
    if let Some(k) = s.policy.min_count {
        lines.push(format!(
            "Agregat untuk analis daerah menyembunyikan hitungan di bawah {k} orang dan sel yang memungkinkannya dihitung (UU 27/2022 tentang Pelindungan Data Pribadi) / Aggregates for city analysts hide counts under {k} people and the cells from which they could be derived (UU 27/2022 on personal data protection)."
        ));
    }
    if let Some(rep) = &s.compliance {
        lines.push(format!(
            "Kekurangan iuran = iuran pemberi kerja + pekerja dari mesin aturan, aturan per {}; kelas risiko JKK {} diasumsikan untuk perusahaan tidak terdaftar (tabel PP 44/2015 Lampiran I belum ada di parameter) / Shortfall = employer + worker contributions from the rules engine, rules as of {}; JKK risk class {} assumed for unregistered companies (PP 44/2015 Lampiran I is not in the parameter set).",
            rep.config.date, rep.config.assumed_risk_class, rep.config.date, rep.config.assumed_risk_class
        ));
        for (p, m) in &rep.minimum_wages {
            lines.push(match m {
                Some(m) => format!("UMP provinsi / provincial minimum wage {p}: {}", m.to_id_string()),
                None => format!("UMP provinsi {p}: tidak tersedia, cek upah minimum dilewati / not recorded, minimum-wage check skipped"),
            });
        }
    }
    if let Ok(b) = &s.budget {
        lines.push(format!(
            "Anggaran: paket minimum BPU {} pada penghasilan {} (batas terendah, PP 44/2015 Lampiran II; Permenaker 5/2021), dibiayai {} (tanpa keringanan PP 50/2025), dihitung bulan per bulan oleh mesin aturan / Budget: the BPU minimum package {} at declared income {} (lowest bracket), funded by {} (no PP 50/2025 relief), priced month by month by the rules engine.",
            b.programs.codes().join(" + "),
            b.income.to_id_string(),
            b.funded_by.code(),
            b.programs.codes().join(" + "),
            b.income.to_id_string(),
            b.funded_by.code()
        ));
    }
    lines.push(
        "Angka demo bersifat sintetis, bukan statistik / Demo figures are synthetic, not statistics."
            .to_owned(),
    );
    doc.heading("Asumsi dan dasar hukum / Assumptions and legal basis", 300);
    for l in lines {
        doc.paragraph(&format!("- {l}"), 72, false, GREY);
        doc.space(25);
    }
}
