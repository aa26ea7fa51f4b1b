//! Results as sheets: the same columns for CSV, XLSX and HTML.

use super::{Sheet, Value, rate, shown};
use crate::budget::BudgetResult;
use crate::campaign::CampaignReport;
use crate::compliance::{Assessment, ComplianceReport, MatchOut};
use crate::coverage::{CoverageRow, CoverageTable, RowRegion, SectorCol, TrendPoint};
use crate::flows::{FlowKind, FlowRow};

const SUPPRESSION_NOTE: &str = "* = disembunyikan: kurang dari k orang, atau agar angka kecil tidak dapat dihitung dari total / hidden: fewer than k people, or so that a small count cannot be derived from totals";

fn region_label(r: &CoverageRow) -> (String, String) {
    match &r.region {
        RowRegion::Region(k) => (k.to_string(), r.name.clone().unwrap_or_default()),
        RowRegion::NotAllocated => (
            String::new(),
            "tidak dapat dialokasikan / not allocated".to_owned(),
        ),
        RowRegion::Total => (
            "total".to_owned(),
            r.name.clone().unwrap_or_else(|| "Total".to_owned()),
        ),
    }
}

fn sector_label(s: SectorCol) -> String {
    match s {
        SectorCol::Known(x) => x.to_string(),
        SectorCol::Unknown => "?".to_owned(),
        SectorCol::All => "semua / all".to_owned(),
    }
}

fn coverage_cells(r: &CoverageRow) -> Vec<Value> {
    let (code, name) = region_label(r);
    vec![
        Value::Text(code),
        Value::Text(name),
        Value::Text(sector_label(r.sector)),
        Value::Count(r.potential),
        shown(r.enrolled),
        shown(r.uncovered),
        rate(r.rate),
        Value::Count(r.potential_vulnerable),
        shown(r.enrolled_vulnerable),
        shown(r.uncovered_vulnerable),
        rate(r.rate_vulnerable),
    ]
}

const COVERAGE_COLUMNS: [&str; 11] = [
    "kode_wilayah / region_code",
    "nama / name",
    "sektor / sector",
    "potensi_pekerja / potential_workers",
    "peserta_aktif / enrolled_active",
    "belum_terlindungi / uncovered",
    "cakupan_% / coverage_%",
    "potensi_rentan / potential_vulnerable",
    "peserta_rentan / enrolled_vulnerable",
    "rentan_belum_terlindungi / uncovered_vulnerable",
    "cakupan_rentan_% / vulnerable_coverage_%",
];

pub fn coverage(t: &CoverageTable) -> Vec<Sheet> {
    let mut rows: Vec<Vec<Value>> = t.rows.iter().map(coverage_cells).collect();
    rows.push(coverage_cells(&t.total));
    let periods: Vec<String> = t
        .potential_periods
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut notes = vec![
        format!(
            "Bulan / month {}; tingkat / level {}; potensi dari periode / potential from {}",
            t.month,
            t.level.name_id(),
            periods.join(", ")
        ),
        "Peserta menurut domisili / participants by residence".to_owned(),
    ];
    if let Some(k) = t.policy.min_count {
        notes.push(format!("{SUPPRESSION_NOTE} (k = {k})"));
    }
    let mut sheets = vec![Sheet {
        name: "Cakupan".to_owned(),
        title: format!("Cakupan kepesertaan / Coverage {}", t.month),
        columns: COVERAGE_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
        rows,
        notes: notes.clone(),
    }];
    if !t.sector_rows.is_empty() {
        let mut rows: Vec<Vec<Value>> = t.sector_rows.iter().map(coverage_cells).collect();
        rows.extend(t.sector_totals.iter().map(coverage_cells));
        sheets.push(Sheet {
            name: "Cakupan per sektor".to_owned(),
            title: format!("Cakupan per sektor / Coverage by sector {}", t.month),
            columns: COVERAGE_COLUMNS.iter().map(|s| (*s).to_owned()).collect(),
            rows,
            notes: notes.clone(),
        });
    }
    let mut prog_rows = Vec::new();
    for r in t.rows.iter().chain(std::iter::once(&t.total)) {
        let (code, name) = region_label(r);
        let mut row = vec![Value::Text(code), Value::Text(name)];
        for seg in ["PU", "BPU", "JAKON", "PMI"] {
            row.push(r.by_segment.get(seg).map_or(Value::Empty, |v| shown(*v)));
        }
        for p in ["JKK", "JKM", "JHT", "JP", "JKP"] {
            row.push(
                r.by_program
                    .get(p)
                    .map_or(Value::Empty, |c| shown(c.enrolled)),
            );
        }
        prog_rows.push(row);
    }
    sheets.push(Sheet {
        name: "Segmen & program".to_owned(),
        title: format!(
            "Peserta per segmen dan program / by segment and program {}",
            t.month
        ),
        columns: [
            "kode_wilayah / region_code",
            "nama / name",
            "PU",
            "BPU",
            "JAKON",
            "PMI",
            "JKK",
            "JKM",
            "JHT",
            "JP",
            "JKP",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows: prog_rows,
        notes,
    });
    sheets
}

pub fn trend(points: &[TrendPoint], title: &str) -> Sheet {
    Sheet {
        name: "Tren".to_owned(),
        title: format!("Tren bulanan / Monthly trend: {title}"),
        columns: [
            "bulan / month",
            "potensi / potential",
            "peserta / enrolled",
            "cakupan_% / coverage_%",
            "potensi_rentan / potential_vulnerable",
            "peserta_rentan / enrolled_vulnerable",
            "cakupan_rentan_% / vulnerable_coverage_%",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows: points
            .iter()
            .map(|p| {
                vec![
                    Value::Text(p.month.to_string()),
                    Value::Count(p.potential),
                    shown(p.enrolled),
                    rate(p.rate),
                    Value::Count(p.potential_vulnerable),
                    shown(p.enrolled_vulnerable),
                    rate(p.rate_vulnerable),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

fn match_text(m: &MatchOut) -> String {
    match m {
        MatchOut::Npp { npp } => format!("NPP {npp}"),
        MatchOut::Nib { npp } => format!("NIB → NPP {npp}"),
        MatchOut::Review { candidates, reason } => {
            format!("periksa / review ({reason}): {}", candidates.join(" "))
        }
        MatchOut::None => "tidak terdaftar / not registered".to_owned(),
    }
}

fn assessment_row(rank: usize, a: &Assessment) -> Vec<Value> {
    let cats: Vec<&str> = a.findings.iter().map(|f| f.category.code()).collect();
    vec![
        Value::Count(rank as u64),
        Value::Text(a.company.name.clone()),
        Value::Text(a.company.nib.clone().unwrap_or_default()),
        Value::Text(a.company.region.to_string()),
        Value::Text(a.company.kbli.clone()),
        Value::Count(a.company.reported_workers),
        Value::Text(match_text(&a.matched)),
        Value::Text(cats.join("; ")),
        Value::Count(a.uncovered_workers),
        Value::Money(a.monthly_shortfall),
    ]
}

/// The compliance summary sheet alone (the first of [`compliance`]).
pub fn compliance_summary(r: &ComplianceReport) -> Sheet {
    let empty = ComplianceReport {
        config: r.config.clone(),
        minimum_wages: r.minimum_wages.clone(),
        outreach: Vec::new(),
        review: Vec::new(),
        compliant: r.compliant,
        totals: r.totals.clone(),
        monthly_shortfall: r.monthly_shortfall,
        outreach_count: r.outreach_count,
        review_count: r.review_count,
    };
    compliance(&empty).swap_remove(0)
}

pub fn compliance(r: &ComplianceReport) -> Vec<Sheet> {
    let cols: Vec<String> = [
        "urutan / rank",
        "perusahaan / company",
        "NIB",
        "kode_wilayah / region_code",
        "KBLI",
        "pekerja_dilaporkan / reported_workers",
        "kecocokan / match",
        "temuan / findings",
        "pekerja_belum_terdaftar / unregistered_workers",
        "kekurangan_iuran_per_bulan / monthly_shortfall",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let mut notes = vec![
        format!(
            "Tanggal aturan / rules as of {}; kelas risiko JKK diasumsikan / assumed JKK risk class {} for unregistered companies",
            r.config.date, r.config.assumed_risk_class
        ),
        "Kekurangan = iuran pemberi kerja + pekerja dari mesin aturan / shortfall = employer + worker contributions from the rules engine".to_owned(),
    ];
    for (p, m) in &r.minimum_wages {
        notes.push(match m {
            Some(m) => format!("UMP provinsi {p}: {}", m.to_id_string()),
            None => format!("UMP provinsi {p}: tidak tersedia, cek upah minimum dilewati / not recorded, minimum-wage check skipped"),
        });
    }
    let summary = Sheet {
        name: "Ringkasan kepatuhan".to_owned(),
        title: "Ringkasan kepatuhan / Compliance summary".to_owned(),
        columns: [
            "kategori / category",
            "perusahaan / companies",
            "pekerja / workers",
            "kekurangan_per_bulan / monthly_shortfall",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows: r
            .totals
            .iter()
            .map(|(c, t)| {
                vec![
                    Value::Text(c.code().to_owned()),
                    Value::Count(t.companies),
                    Value::Count(t.workers),
                    Value::Money(t.monthly_shortfall),
                ]
            })
            .chain(std::iter::once(vec![
                Value::Text("Total".to_owned()),
                Value::Count(r.outreach_count),
                Value::Empty,
                Value::Money(r.monthly_shortfall),
            ]))
            .collect(),
        notes: notes.clone(),
    };
    let outreach = Sheet {
        name: "Daftar kunjungan".to_owned(),
        title: "Daftar kunjungan / Outreach list".to_owned(),
        columns: cols.clone(),
        rows: r
            .outreach
            .iter()
            .enumerate()
            .map(|(i, a)| assessment_row(i + 1, a))
            .collect(),
        notes: notes.clone(),
    };
    let review = Sheet {
        name: "Perlu diperiksa".to_owned(),
        title: "Perlu diperiksa / For review (never merged automatically)".to_owned(),
        columns: cols,
        rows: r
            .review
            .iter()
            .enumerate()
            .map(|(i, a)| assessment_row(i + 1, a))
            .collect(),
        notes,
    };
    vec![summary, outreach, review]
}

pub fn budget(b: &BudgetResult) -> Vec<Sheet> {
    let kv = |k: &str, v: Value| vec![Value::Text(k.to_owned()), v];
    let mut rows = vec![
        kv("jumlah peserta / cohort", Value::Count(b.cohort)),
        kv("program", Value::Text(b.programs.codes().join(" + "))),
        kv("penghasilan / declared income", Value::Money(b.income)),
        kv(
            "sumber dana / funded by",
            Value::Text(b.funded_by.code().to_owned()),
        ),
        kv(
            "iuran per orang bulan pertama / per person, first month",
            Value::Money(b.per_person_first_month),
        ),
        kv(
            "biaya bulan pertama / first month",
            Value::Money(b.cost_first_month),
        ),
        kv("biaya per tahun / per year", Value::Money(b.cost_per_year)),
        kv(
            &format!("biaya {} bulan / {} months", b.months, b.months),
            Value::Money(b.cost_total),
        ),
        kv(
            "cakupan sebelum / coverage before",
            Value::Rate(b.coverage.before),
        ),
        kv(
            "cakupan sesudah / coverage after",
            Value::Rate(b.coverage.after),
        ),
        kv(
            "cakupan rentan sebelum / vulnerable before",
            Value::Rate(b.coverage.vulnerable_before),
        ),
        kv(
            "cakupan rentan sesudah / vulnerable after",
            Value::Rate(b.coverage.vulnerable_after),
        ),
    ];
    if let Some(e) = &b.expected_benefits {
        rows.extend([
            kv(
                "perkiraan kematian (JKM) / expected deaths",
                Value::Text(e.jkm_deaths.clone()),
            ),
            kv(
                "perkiraan kematian kecelakaan kerja (JKK) / expected work-accident deaths",
                Value::Text(e.jkk_deaths.clone()),
            ),
            kv("manfaat JKM / JKM benefits", Value::Money(e.jkm_cash)),
            kv("manfaat JKK / JKK benefits", Value::Money(e.jkk_cash)),
            kv("beasiswa / scholarships", Value::Money(e.scholarships)),
            kv("total manfaat / expected benefits", Value::Money(e.total)),
        ]);
    }
    let mut notes = b.warnings.clone();
    if let Some(e) = &b.expected_benefits {
        notes.push(format!(
            "Asumsi / assumptions: angka kematian tahunan / annual death rate {}, kematian kecelakaan kerja / work-accident death rate {}, {} anak / children",
            e.assumptions.annual_death_rate.to_percent_string(),
            e.assumptions.annual_work_accident_death_rate.to_percent_string(),
            e.assumptions.children.len()
        ));
    }
    vec![
        Sheet {
            name: "Simulasi anggaran".to_owned(),
            title: "Simulasi anggaran / Budget simulation".to_owned(),
            columns: vec!["butir / item".to_owned(), "nilai / value".to_owned()],
            rows,
            notes,
        },
        Sheet {
            name: "Biaya per bulan".to_owned(),
            title: "Biaya per bulan / Cost per month".to_owned(),
            columns: ["bulan / month", "per orang / per person", "total"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            rows: b
                .monthly
                .iter()
                .map(|m| {
                    vec![
                        Value::Text(m.month.to_string()),
                        Value::Money(m.per_person),
                        Value::Money(m.total),
                    ]
                })
                .collect(),
            notes: Vec::new(),
        },
    ]
}

pub fn flows(rows: &[FlowRow]) -> Sheet {
    Sheet {
        name: "Iuran & manfaat".to_owned(),
        title: "Iuran diterima dan manfaat dibayar / Contributions collected and benefits paid"
            .to_owned(),
        columns: [
            "jenis / kind",
            "program",
            "kode_wilayah / region_code",
            "periode / period",
            "jumlah / amount",
            "kasus / cases",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Value::Text(
                        match r.kind {
                            FlowKind::ContributionCollected => "iuran / contributions",
                            FlowKind::BenefitPaid => "manfaat / benefits",
                        }
                        .to_owned(),
                    ),
                    Value::Text(r.program.code().to_owned()),
                    Value::Text(
                        r.region
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    ),
                    Value::Text(r.period.clone()),
                    r.amount.map_or(Value::Hidden, Value::Money),
                    shown(r.cases),
                ]
            })
            .collect(),
        notes: vec![SUPPRESSION_NOTE.to_owned()],
    }
}

pub fn campaigns(reports: &[CampaignReport]) -> Sheet {
    Sheet {
        name: "Kampanye".to_owned(),
        title: "Kampanye penjangkauan / Outreach campaigns".to_owned(),
        columns: [
            "kampanye / campaign",
            "wilayah / region",
            "mitra / partner",
            "peran / role",
            "pendaftaran / enrolments",
            "rentan / vulnerable",
            "cakupan sebelum / before",
            "cakupan sesudah / after",
            "perubahan_bp / change_bp",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows: reports
            .iter()
            .map(|r| {
                vec![
                    Value::Text(r.campaign.name.clone()),
                    Value::Text(r.campaign.region.to_string()),
                    Value::Text(r.campaign.partner.clone()),
                    Value::Text(r.campaign.role.code().to_owned()),
                    shown(r.enrolments),
                    shown(r.enrolments_vulnerable),
                    rate(r.coverage_before),
                    rate(r.coverage_after),
                    r.change_bp
                        .map_or(Value::Empty, |b| Value::Text(b.to_string())),
                ]
            })
            .collect(),
        notes: vec![SUPPRESSION_NOTE.to_owned()],
    }
}
