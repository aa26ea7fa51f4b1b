//! Renders an [`Outcome`] as readable text, in Bahasa Indonesia (the default) or English:
//! the inputs, the result (lines, allocations and totals; or eligibility and components; or
//! the fine), every parameter used with its value, period, legal basis and confidence (values
//! below `high` are flagged "nilai belum terverifikasi" / "unverified value"), every formula
//! with its numbers, and the warnings. Both languages print the same sections in the same order.
//!
//! Indonesian text writes `Rp5.729.876`, `0,24%` and `10 Februari 2026`; English writes
//! `Rp5,729,876`, `0.24%` and `10 February 2026`.

use crate::error::CalcError;
use crate::money::{Rupiah, group_digits};
use crate::params::{Band, Confidence, Period, Value};
use crate::rate::Rate;
use crate::results::{
    Allocation, BenefitResult, CalcResult, Component, ContributionResult, LateFineResult, Line,
    Outcome, Payer,
};
use crate::trace::{Lang, Step, confidence_id};
use jiff::civil::Date;
use std::fmt::Write;

/// Section headings, Indonesian then English. Both languages print all five, in this order.
pub const SECTIONS: [(&str, &str); 5] = [
    ("Masukan", "Inputs"),
    ("Hasil", "Result"),
    ("Parameter yang digunakan", "Parameters used"),
    ("Langkah perhitungan", "Calculation steps"),
    ("Peringatan", "Warnings"),
];

/// Picks the text for `lang`.
fn t(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

fn heading(out: &mut String, lang: Lang, index: usize) {
    if let Some((id, en)) = SECTIONS.get(index) {
        let _ = write!(out, "\n{}\n", t(lang, id, en));
    }
}

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `10 Februari 2026` / `10 February 2026`.
pub fn date_long(d: Date, lang: Lang) -> String {
    let months = match lang {
        Lang::Id => &MONTHS_ID,
        Lang::En => &MONTHS_EN,
    };
    let month = usize::try_from(d.month() - 1)
        .ok()
        .and_then(|i| months.get(i))
        .copied()
        .unwrap_or("?");
    format!("{} {month} {}", d.day(), d.year())
}

/// `10/2/2026`: the short Indonesian form (day/month/year, no leading zeros).
pub fn date_short_id(d: Date) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

pub fn money(r: Rupiah, lang: Lang) -> String {
    match lang {
        Lang::Id => r.to_id_string(),
        Lang::En => r.to_en_string(),
    }
}

pub fn rate(r: Rate, lang: Lang) -> String {
    match lang {
        Lang::Id => r.to_percent_string_id(),
        Lang::En => r.to_percent_string(),
    }
}

fn number(n: i64, lang: Lang) -> String {
    group_digits(n, if lang == Lang::Id { '.' } else { ',' })
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Id) => "ya",
        (false, Lang::Id) => "tidak",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

fn bands(b: &[Band], lang: Lang) -> String {
    b.iter()
        .map(|band| match band.upto {
            Some(u) => format!("≤{}: {}", money(u, lang), rate(band.rate, lang)),
            None => format!(
                "{}: {}",
                t(lang, "di atasnya", "above"),
                rate(band.rate, lang)
            ),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A parameter value in the reader's language.
pub fn value(v: &Value, lang: Lang) -> String {
    match v {
        Value::Rupiah(r) => money(*r, lang),
        Value::Rate(r) => rate(*r, lang),
        Value::Count(n) => number(*n, lang),
        Value::Date(d) => date_long(*d, lang),
        Value::Bool(b) => yes_no(*b, lang).to_owned(),
        Value::Bands(b) => bands(b, lang),
        Value::RateTable(table) => table
            .iter()
            .map(|(k, r)| format!("{k} = {}", rate(*r, lang)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Dates(d) => format!("{} {}", d.len(), t(lang, "tanggal", "dates")),
        Value::Unknown => t(lang, "tidak diketahui", "unknown").to_owned(),
    }
}

fn confidence(c: Confidence, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => confidence_id(c),
        Lang::En => c.as_str(),
    }
}

fn payer(p: Payer, lang: Lang) -> &'static str {
    match p {
        Payer::Employer => t(lang, "pemberi kerja", "employer"),
        Payer::Worker => t(lang, "pekerja", "worker"),
        Payer::Participant => t(lang, "peserta", "participant"),
        Payer::Government => t(lang, "pemerintah", "government"),
    }
}

/// Scenario fields in both languages; unknown names are shown as they are.
const FIELDS: &[(&str, &str, &str)] = &[
    ("type", "jenis perhitungan", "calculation"),
    ("date", "tanggal", "date"),
    ("segment", "segmen kepesertaan", "segment"),
    ("wage", "upah", "wage"),
    ("risk_class", "kelompok risiko", "risk class"),
    ("employer", "pemberi kerja", "employer"),
    ("income", "penghasilan", "income"),
    ("sector", "sektor", "sector"),
    ("funded_by", "dibayar oleh", "funded by"),
    ("contract_value", "nilai kontrak", "contract value"),
    ("package", "paket", "package"),
    ("programs", "program", "programs"),
    ("program", "program", "program"),
    ("outcome", "akibat", "outcome"),
    (
        "disability_percent",
        "persentase cacat",
        "disability percent",
    ),
    (
        "incapacity_months",
        "bulan tidak mampu bekerja",
        "months of incapacity",
    ),
    ("children", "anak", "children"),
    (
        "membership_months",
        "masa kepesertaan (bulan)",
        "membership months",
    ),
    ("reason", "alasan", "reason"),
    ("membership_start", "awal kepesertaan", "membership start"),
    ("birth_date", "tanggal lahir", "birth date"),
    ("work_end", "akhir hubungan kerja", "end of work"),
    ("balance", "saldo", "balance"),
    ("contribution_months", "bulan iuran", "contribution months"),
    (
        "average_indexed_wage",
        "rata-rata upah tertimbang",
        "average indexed wage",
    ),
    ("contributions_total", "jumlah iuran", "contributions total"),
    ("survivors", "ahli waris", "survivors"),
    ("contribution_month", "bulan iuran", "contribution month"),
    (
        "contribution_months_last_24",
        "bulan iuran dalam 24 bulan terakhir",
        "contribution months in the last 24",
    ),
    (
        "consecutive_months",
        "bulan iuran berturut-turut",
        "consecutive contribution months",
    ),
    (
        "event_after_registration_months",
        "bulan sejak pendaftaran sampai kejadian",
        "months from registration to the event",
    ),
    (
        "function_loss_percent",
        "persentase kehilangan fungsi",
        "function loss percent",
    ),
    ("wage_history", "riwayat upah", "wage history"),
    ("contributions", "riwayat iuran", "contribution history"),
    ("overrides", "nilai parameter pengganti", "overrides"),
    ("amount_due", "iuran terutang", "amount due"),
    ("paid_on", "tanggal bayar", "paid on"),
];

/// Inputs whose whole-number values are rupiah.
const MONEY_INPUTS: &[&str] = &[
    "wage",
    "income",
    "contract_value",
    "balance",
    "average_indexed_wage",
    "contributions_total",
    "amount_due",
];

fn field_label(name: &str, lang: Lang) -> String {
    match FIELDS.iter().find(|(n, _, _)| *n == name) {
        Some((_, id, _)) if lang == Lang::Id => format!("{id} ({name})"),
        Some((_, _, en)) => (*en).to_owned(),
        None => name.to_owned(),
    }
}

fn input_value(name: &str, v: &serde_json::Value, lang: Lang) -> String {
    match v {
        serde_json::Value::Number(n) if MONEY_INPUTS.contains(&name) => match n.as_i64() {
            Some(i) => money(Rupiah(i), lang),
            None => n.to_string(),
        },
        serde_json::Value::String(s) => {
            // ISO dates read better in the reader's form.
            match crate::input::parse_date(s, name) {
                Ok(d) => date_long(d, lang),
                Err(_) => s.clone(),
            }
        }
        serde_json::Value::Bool(b) => yes_no(*b, lang).to_owned(),
        serde_json::Value::Null => t(lang, "(tidak diisi)", "(not given)").to_owned(),
        other => other.to_string(),
    }
}

fn component_label(code: &str, lang: Lang) -> &str {
    let (id, en) = match code {
        "death_lump_sum" => ("santunan kematian sekaligus", "death lump sum"),
        "disability_lump_sum" => ("santunan cacat sekaligus", "disability lump sum"),
        "periodic_benefit" => ("santunan berkala", "periodic benefit"),
        "funeral" => ("biaya pemakaman", "funeral costs"),
        "stmb" => (
            "santunan sementara tidak mampu bekerja (STMB)",
            "temporary incapacity benefit (STMB)",
        ),
        "scholarship" => ("beasiswa pendidikan anak", "children's scholarship"),
        "jht_balance" => ("saldo JHT (penuh)", "JHT balance (full)"),
        "jht_partial" => ("JHT sebagian", "partial JHT"),
        "monthly_pension" => ("manfaat pensiun bulanan", "monthly pension"),
        "lump_sum" => ("manfaat sekaligus", "lump sum"),
        "jkp_cash" => ("manfaat uang tunai JKP", "JKP cash benefit"),
        "late_fine" => ("denda keterlambatan", "late fine"),
        _ => return code,
    };
    t(lang, id, en)
}

/// The explanation of a result, as text.
pub fn explain(outcome: &Outcome<'_>, lang: Lang) -> String {
    let mut out = String::new();
    title(&mut out, &outcome.result, lang);

    heading(&mut out, lang, 0);
    let steps = outcome.trace.as_deref().unwrap_or_default();
    let mut any = false;
    for s in steps {
        if let Step::Input { name, value } = s {
            any = true;
            let _ = writeln!(
                out,
                "  {}: {}",
                field_label(name, lang),
                input_value(name, value, lang)
            );
        }
    }
    if !any {
        none(&mut out, lang, outcome.trace.is_some());
    }

    heading(&mut out, lang, 1);
    match &outcome.result {
        CalcResult::Contribution(c) => contribution(&mut out, c, lang),
        CalcResult::Benefit(b) => benefit(&mut out, b, lang),
        CalcResult::LateFine(f) => late_fine(&mut out, f, lang),
    }

    heading(&mut out, lang, 2);
    let mut any = false;
    for s in steps {
        if let Step::Parameter {
            name,
            description,
            period,
            overridden,
        } = s
        {
            any = true;
            parameter(
                &mut out,
                name,
                description,
                period,
                overridden.as_ref(),
                lang,
            );
        }
    }
    if !any {
        none(&mut out, lang, outcome.trace.is_some());
    }

    heading(&mut out, lang, 3);
    let mut n = 0;
    for s in steps {
        match s {
            Step::Formula {
                label,
                expr,
                result: _,
                citation,
            } => {
                n += 1;
                let _ = write!(out, "  {n}. {}: {}", label.get(lang), expr.render(lang));
                cite(&mut out, citation.as_deref(), lang);
            }
            Step::Rule {
                label,
                holds,
                citation,
            } => {
                n += 1;
                let mark = if *holds { "✓" } else { "✗" };
                let _ = write!(
                    out,
                    "  {n}. {mark} {} ({})",
                    label.get(lang),
                    t(
                        lang,
                        if *holds {
                            "terpenuhi"
                        } else {
                            "tidak terpenuhi"
                        },
                        if *holds { "holds" } else { "does not hold" }
                    )
                );
                cite(&mut out, citation.as_deref(), lang);
            }
            Step::Input { .. } | Step::Parameter { .. } => {}
        }
    }
    if n == 0 {
        none(&mut out, lang, outcome.trace.is_some());
    }

    heading(&mut out, lang, 4);
    if outcome.warnings.is_empty() {
        let _ = writeln!(out, "  {}", t(lang, "Tidak ada.", "None."));
    }
    for w in &outcome.warnings {
        let _ = writeln!(out, "  ⚠ {}", w.render(lang));
    }
    out
}

fn none(out: &mut String, lang: Lang, traced: bool) {
    let text = if traced {
        t(lang, "(tidak ada)", "(none)")
    } else {
        t(
            lang,
            "(jejak perhitungan tidak direkam)",
            "(the trace was not recorded)",
        )
    };
    let _ = writeln!(out, "  {text}");
}

fn cite(out: &mut String, citation: Option<&str>, lang: Lang) {
    match citation {
        Some(c) => {
            let _ = writeln!(out, " [{}: {c}]", t(lang, "dasar hukum", "legal basis"));
        }
        None => out.push('\n'),
    }
}

fn title(out: &mut String, result: &CalcResult, lang: Lang) {
    let _ = match result {
        CalcResult::Contribution(c) => writeln!(
            out,
            "{} {} — {} {}",
            t(lang, "Perhitungan iuran", "Contribution calculation"),
            c.segment.code(),
            t(lang, "tanggal", "date"),
            date_long(c.date, lang)
        ),
        CalcResult::Benefit(b) => writeln!(
            out,
            "{} {} — {} {}",
            t(lang, "Perhitungan manfaat", "Benefit calculation"),
            b.program.code(),
            t(lang, "tanggal", "date"),
            date_long(b.date, lang)
        ),
        CalcResult::LateFine(f) => writeln!(
            out,
            "{} — {} {}",
            t(lang, "Perhitungan denda keterlambatan", "Late payment fine"),
            t(lang, "bulan iuran", "contribution month"),
            f.contribution_month
        ),
    };
}

fn line(out: &mut String, l: &Line, lang: Lang) {
    let formula = match (l.base, l.rate) {
        (Some(b), Some(r)) => format!("{} × {} = ", money(b, lang), rate(r, lang)),
        _ => String::new(),
    };
    let covers = l.covers.map_or(String::new(), |ps| {
        let names: Vec<&str> = ps.iter().map(|p| p.code()).collect();
        format!(" ({})", names.join(" + "))
    });
    let _ = writeln!(
        out,
        "  {}{covers} {}: {formula}{}",
        l.program.code(),
        payer(l.payer, lang),
        money(l.amount, lang)
    );
}

fn allocation(out: &mut String, a: &Allocation, lang: Lang) {
    let _ = writeln!(
        out,
        "  {} → {}: {} × {} = {}",
        a.from.code(),
        a.to.code(),
        money(a.base, lang),
        rate(a.rate, lang),
        money(a.amount, lang)
    );
}

fn contribution(out: &mut String, c: &ContributionResult, lang: Lang) {
    for l in &c.lines {
        line(out, l, lang);
    }
    if !c.allocations.is_empty() {
        let _ = writeln!(
            out,
            "  {}:",
            t(
                lang,
                "Alokasi antarprogram (tidak menambah total)",
                "Allocations between programs (not added to totals)"
            )
        );
        for a in &c.allocations {
            out.push_str("  ");
            allocation(out, a, lang);
        }
    }
    if !c.deferred.is_empty() {
        let _ = writeln!(
            out,
            "  {}:",
            t(
                lang,
                "Iuran yang ditangguhkan (tidak termasuk jumlah)",
                "Deferred contributions (not in totals)"
            )
        );
        for l in &c.deferred {
            out.push_str("  ");
            line(out, l, lang);
        }
    }
    let totals = &c.totals;
    let _ = writeln!(out, "  {}:", t(lang, "Jumlah", "Totals"));
    for p in Payer::ALL {
        let _ = writeln!(
            out,
            "    {}: {}",
            payer(p, lang),
            money(totals.by_payer(p), lang)
        );
    }
    let _ = writeln!(
        out,
        "    {}: {}",
        t(lang, "seluruhnya", "all"),
        money(totals.all, lang)
    );
}

fn beneficiary(code: &str, lang: Lang) -> &str {
    let (id, en) = match code {
        "participant" => ("peserta", "participant"),
        "spouse" | "widow" | "widower" => ("janda/duda", "spouse"),
        "child" | "children" => ("anak", "children"),
        "parent" | "parents" => ("orang tua", "parent"),
        "heirs" => ("ahli waris", "heirs"),
        _ => return code,
    };
    t(lang, id, en)
}

fn component(out: &mut String, c: &Component, lang: Lang) {
    let later = if c.not_payable_now {
        t(lang, " (tidak dibayar sekarang)", " (not payable now)")
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "  {}: {}{later}",
        component_label(c.code, lang),
        money(c.amount, lang)
    );
    if let Some(d) = c.per_day {
        let _ = writeln!(
            out,
            "    {}: {}",
            t(lang, "per hari", "per day"),
            money(d, lang)
        );
    }
    if let Some(b) = c.beneficiary {
        let _ = writeln!(
            out,
            "    {}: {}",
            t(lang, "penerima", "beneficiary"),
            beneficiary(b, lang)
        );
    }
    if let Some(f) = &c.from {
        let _ = writeln!(out, "    {}: {f}", t(lang, "mulai bulan", "from month"));
    }
    for m in c.months.iter().flatten() {
        let _ = match lang {
            Lang::Id => writeln!(out, "    bulan ke-{}: {}", m.month, money(m.amount, lang)),
            Lang::En => writeln!(out, "    month {}: {}", m.month, money(m.amount, lang)),
        };
    }
    for s in c.schedule.iter().flatten() {
        // "anak 1, tahun ajaran 2026/2027, SMA kelas 3: Rp3.000.000"
        let _ = writeln!(
            out,
            "    {} {}, {} {}, {} {} {}: {}",
            t(lang, "anak", "child"),
            s.child,
            t(lang, "tahun ajaran", "school year"),
            s.school_year,
            s.level,
            t(lang, "kelas", "grade"),
            s.grade,
            money(s.amount, lang)
        );
    }
    if let Some(m) = c.max_total {
        let _ = writeln!(
            out,
            "    {}: {}",
            t(lang, "paling banyak seluruhnya", "maximum in total"),
            money(m, lang)
        );
    }
}

fn benefit(out: &mut String, b: &BenefitResult, lang: Lang) {
    if let Some(r) = b.regime {
        let _ = writeln!(out, "  {}: {r}", t(lang, "ketentuan", "rules of"));
    }
    let _ = writeln!(
        out,
        "  {}: {}",
        t(lang, "berhak", "eligible"),
        yes_no(b.eligible, lang)
    );
    for r in &b.reasons {
        let _ = writeln!(out, "  - {}", r.label().get(lang));
    }
    for c in &b.components {
        component(out, c, lang);
    }
    if let Some(age) = b.retirement_age {
        let _ = writeln!(
            out,
            "  {}: {age}",
            t(lang, "usia pensiun yang berlaku", "retirement age in force")
        );
    }
    let _ = writeln!(
        out,
        "  {}: {}",
        t(lang, "Jumlah dibayar sekarang", "Total payable now"),
        money(b.total, lang)
    );
}

fn late_fine(out: &mut String, f: &LateFineResult, lang: Lang) {
    let rows = [
        (
            t(lang, "iuran terutang", "amount due"),
            money(f.amount_due, lang),
        ),
        (
            t(lang, "jatuh tempo", "due date"),
            date_long(f.due_date, lang),
        ),
        (t(lang, "dibayar", "paid on"), date_long(f.paid_on, lang)),
        (
            t(lang, "bulan keterlambatan", "months late"),
            number(f.months_late, lang),
        ),
        (t(lang, "denda", "fine"), money(f.fine, lang)),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "  {k}: {v}");
    }
}

fn parameter(
    out: &mut String,
    name: &str,
    description: &str,
    period: &Period,
    overridden: Option<&Value>,
    lang: Lang,
) {
    let until = match period.to {
        Some(to) => date_long(to, lang),
        None => t(lang, "sekarang", "now").to_owned(),
    };
    let _ = writeln!(out, "  • {name} — {description}");
    match overridden {
        Some(v) => {
            let _ = writeln!(
                out,
                "    {}: {} ({}: {})",
                t(lang, "nilai dari pengguna", "value given by the caller"),
                value(v, lang),
                t(lang, "nilai yang berlaku", "value in force"),
                value(&period.value, lang)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "    {}: {}",
                t(lang, "nilai", "value"),
                value(&period.value, lang)
            );
        }
    }
    let _ = writeln!(
        out,
        "    {}: {} – {until}",
        t(lang, "berlaku", "in force"),
        date_long(period.from, lang)
    );
    let _ = writeln!(
        out,
        "    {}: {}",
        t(lang, "dasar hukum", "legal basis"),
        period.basis
    );
    let _ = write!(
        out,
        "    {}: {}",
        t(lang, "keyakinan", "confidence"),
        confidence(period.confidence, lang)
    );
    if period.confidence.needs_warning() {
        let _ = write!(
            out,
            " — ⚠ {}",
            t(lang, "nilai belum terverifikasi", "unverified value")
        );
    }
    out.push('\n');
    if !period.sources.is_empty() {
        let _ = writeln!(
            out,
            "    {}: {}",
            t(lang, "sumber", "sources"),
            period.sources.join("; ")
        );
    }
    if let Some(note) = &period.note {
        let _ = writeln!(out, "    {}: {note}", t(lang, "catatan", "note"));
    }
}

/// An error as text: which field and why, or which parameter is missing for which date.
pub fn explain_error(e: &CalcError, lang: Lang) -> String {
    match e {
        CalcError::InvalidInput { field, message } => format!(
            "{}\n  {}: {field}\n  {}: {message}\n",
            t(
                lang,
                "Perhitungan tidak dapat dilakukan: masukan tidak valid.",
                "The calculation cannot be done: invalid input."
            ),
            t(lang, "kolom", "field"),
            t(lang, "sebab", "reason")
        ),
        CalcError::MissingParameter {
            parameter,
            date,
            message,
        } => format!(
            "{}\n  {}: {parameter}\n  {}: {}\n  {}: {message}\n  {}: \"overrides\": {{\"{parameter}\": …}}\n",
            t(
                lang,
                "Perhitungan tidak dapat dilakukan: nilai parameter tidak tersedia.",
                "The calculation cannot be done: a parameter has no value."
            ),
            t(lang, "parameter", "parameter"),
            t(lang, "tanggal", "date"),
            date_long(*date, lang),
            t(lang, "sebab", "reason"),
            t(lang, "berikan nilainya sebagai", "supply the value as"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{Allocation, Program, Segment, Totals};
    use crate::trace::{Expr, Label, Warning};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn period(conf: Confidence) -> Period {
        Period {
            from: d("2015-07-01"),
            to: None,
            value: Value::Rate(Rate::parse("0.24%").unwrap()),
            basis: "PP 44/2015 Pasal 16".into(),
            sources: vec!["star.grid.id/read/453716861".into()],
            confidence: conf,
            note: None,
        }
    }

    fn outcome<'p>(high: &'p Period, medium: &'p Period) -> Outcome<'p> {
        let jkk = Rate::parse("0.24%").unwrap();
        let lines = vec![Line {
            program: Program::Jkk,
            payer: Payer::Employer,
            base: Some(Rupiah(5_729_876)),
            rate: Some(jkk),
            amount: Rupiah(13_752),
            covers: None,
        }];
        let totals = Totals::of(&lines);
        Outcome {
            result: CalcResult::Contribution(ContributionResult {
                kind: "contribution",
                date: d("2026-02-10"),
                segment: Segment::Pu,
                lines,
                allocations: vec![Allocation {
                    from: Program::Jkk,
                    to: Program::Jkp,
                    base: Rupiah(5_000_000),
                    rate: Rate::parse("0.14%").unwrap(),
                    amount: Rupiah(7_000),
                }],
                totals,
                deferred: Vec::new(),
            }),
            trace: Some(vec![
                Step::Input {
                    name: "wage",
                    value: serde_json::json!(5_729_876),
                },
                Step::Input {
                    name: "date",
                    value: serde_json::json!("2026-02-10"),
                },
                Step::Parameter {
                    name: "pu.jkk.rate.class1",
                    description: "JKK rate, risk class 1",
                    period: high,
                    overridden: None,
                },
                Step::Parameter {
                    name: "pu.jp.wage_cap",
                    description: "JP wage cap",
                    period: medium,
                    overridden: None,
                },
                Step::Formula {
                    label: Label::new("Iuran JKK", "JKK contribution"),
                    expr: Expr::new()
                        .money(Rupiah(5_729_876))
                        .op("×")
                        .rate(jkk)
                        .op("=")
                        .money(Rupiah(13_752)),
                    result: Some(13_752),
                    citation: Some("PP 44/2015 Pasal 16".into()),
                },
                Step::Rule {
                    label: Label::new("Upah di atas batas JP", "Wage above the JP cap"),
                    holds: false,
                    citation: None,
                },
            ]),
            warnings: vec![Warning::Unverified {
                name: "pu.jp.wage_cap",
                from: d("2026-03-01"),
                confidence: Confidence::MediumHigh,
            }],
        }
    }

    #[test]
    fn indonesian_text_uses_indonesian_numbers_dates_and_flags() {
        let (h, m) = (period(Confidence::High), period(Confidence::Medium));
        let text = explain(&outcome(&h, &m), Lang::Id);
        assert!(
            text.starts_with("Perhitungan iuran PU — tanggal 10 Februari 2026\n"),
            "{text}"
        );
        assert!(text.contains("upah (wage): Rp5.729.876"), "{text}");
        assert!(text.contains("tanggal (date): 10 Februari 2026"), "{text}");
        assert!(
            text.contains("JKK pemberi kerja: Rp5.729.876 × 0,24% = Rp13.752"),
            "{text}"
        );
        assert!(
            text.contains("JKK → JKP: Rp5.000.000 × 0,14% = Rp7.000"),
            "{text}"
        );
        assert!(text.contains("seluruhnya: Rp13.752"), "{text}");
        assert!(text.contains("berlaku: 1 Juli 2015 – sekarang"), "{text}");
        assert!(text.contains("dasar hukum: PP 44/2015 Pasal 16"), "{text}");
        // Exactly the medium value is flagged.
        assert_eq!(
            text.matches("— ⚠ nilai belum terverifikasi").count(),
            1,
            "{text}"
        );
        assert!(text.contains("keyakinan: sedang — ⚠ nilai belum terverifikasi"));
        assert!(
            text.contains(
                "1. Iuran JKK: Rp5.729.876 × 0,24% = Rp13.752 [dasar hukum: PP 44/2015 Pasal 16]"
            ),
            "{text}"
        );
        assert!(
            text.contains("2. ✗ Upah di atas batas JP (tidak terpenuhi)"),
            "{text}"
        );
        assert!(text.contains("⚠ menggunakan nilai yang belum terverifikasi: pu.jp.wage_cap"));
    }

    #[test]
    fn english_text_uses_english_forms() {
        let (h, m) = (period(Confidence::High), period(Confidence::Low));
        let text = explain(&outcome(&h, &m), Lang::En);
        assert!(text.contains("wage: Rp5,729,876"), "{text}");
        assert!(
            text.contains("JKK employer: Rp5,729,876 × 0.24% = Rp13,752"),
            "{text}"
        );
        assert!(text.contains("in force: 1 July 2015 – now"), "{text}");
        assert!(
            text.contains("confidence: low — ⚠ unverified value"),
            "{text}"
        );
        assert!(!text.contains("Rp5.729.876"));
    }

    #[test]
    fn both_languages_print_the_same_sections_in_order() {
        let (h, m) = (period(Confidence::High), period(Confidence::Medium));
        let o = outcome(&h, &m);
        let id = explain(&o, Lang::Id);
        let en = explain(&o, Lang::En);
        let pos = |text: &str, lang: Lang| -> Vec<usize> {
            SECTIONS
                .iter()
                .map(|(i, e)| text.find(&format!("\n{}\n", t(lang, i, e))).unwrap())
                .collect()
        };
        let (pi, pe) = (pos(&id, Lang::Id), pos(&en, Lang::En));
        assert!(pi.windows(2).all(|w| w[0] < w[1]));
        assert!(pe.windows(2).all(|w| w[0] < w[1]));
        // Same structure: the same number of lines.
        assert_eq!(id.lines().count(), en.lines().count());
    }

    #[test]
    fn an_untraced_outcome_says_so() {
        let (h, m) = (period(Confidence::High), period(Confidence::High));
        let mut o = outcome(&h, &m);
        o.trace = None;
        o.warnings.clear();
        let text = explain(&o, Lang::Id);
        assert!(text.contains("(jejak perhitungan tidak direkam)"));
        assert!(text.contains("Peringatan\n  Tidak ada."));
    }

    #[test]
    fn dates_in_both_forms() {
        assert_eq!(date_long(d("2026-02-10"), Lang::Id), "10 Februari 2026");
        assert_eq!(date_long(d("2026-12-01"), Lang::En), "1 December 2026");
        assert_eq!(date_short_id(d("2026-02-10")), "10/2/2026");
    }

    #[test]
    fn errors_name_field_or_parameter() {
        let e = CalcError::invalid("wage", "wage must be positive");
        assert!(explain_error(&e, Lang::Id).contains("kolom: wage"));
        let e = CalcError::MissingParameter {
            parameter: "jht.development_rate".into(),
            date: d("2022-12-31"),
            message: "not known".into(),
        };
        let text = explain_error(&e, Lang::En);
        assert!(text.contains("parameter: jht.development_rate"));
        assert!(text.contains("date: 31 December 2022"));
        assert!(text.contains("\"overrides\": {\"jht.development_rate\": …}"));
    }
}
