//! The analytics pages' own words, Bahasa Indonesia first and English second. Kept beside the
//! module (not in `locales/*.toml`) so the analytics pages can be added without touching the
//! shared catalogue; the same two-language rule applies. Unknown keys show the key.

use jamsos_rules::Lang;

const TEXT: &[(&str, &str, &str)] = &[
    ("title", "Cakupan dan kepatuhan", "Coverage and compliance"),
    (
        "lead",
        "Siapa yang sudah dan belum terlindungi jaminan sosial ketenagakerjaan di wilayah Anda, perusahaan yang perlu dikunjungi lebih dulu, dan biaya bagi pemerintah daerah untuk melindungi pekerja rentan.",
        "Who is and is not covered by employment social security in your region, the companies to visit first, and what it costs the local government to cover vulnerable workers.",
    ),
    ("region", "Wilayah", "Region"),
    ("month", "Bulan", "Month"),
    (
        "suppressed",
        "Sel < {k} disembunyikan: sel dengan kurang dari {k} orang (*), juga sel yang memungkinkan angka kecil dihitung dari total.",
        "Cells < {k} hidden: cells with fewer than {k} people (*), and cells from which a small count could be derived from totals.",
    ),
    (
        "by_district",
        "Cakupan per kecamatan",
        "Coverage by district (kecamatan)",
    ),
    (
        "by_village",
        "Cakupan per kelurahan",
        "Coverage by village (kelurahan)",
    ),
    ("name", "Nama", "Name"),
    ("potential", "Potensi pekerja", "Potential workers"),
    ("enrolled", "Peserta aktif", "Active participants"),
    ("uncovered", "Belum terlindungi", "Uncovered"),
    ("rate", "Cakupan", "Coverage"),
    ("vuln_potential", "Pekerja rentan", "Vulnerable workers"),
    ("vuln_enrolled", "Rentan terlindungi", "Vulnerable covered"),
    (
        "vuln_uncovered",
        "Rentan belum terlindungi",
        "Vulnerable uncovered",
    ),
    ("vuln_rate", "Cakupan rentan", "Vulnerable coverage"),
    ("total", "Jumlah", "Total"),
    ("not_allocated", "Tidak teralokasi", "Not allocated"),
    ("gap", "Kesenjangan sektor", "Sector gap"),
    (
        "gap_lead",
        "Pekerja sektor ini di kecamatan terpilih, per kelurahan.",
        "This sector's workers in the selected district, by village.",
    ),
    (
        "gap_vuln_note",
        "Peserta BPU yang ditanggung pemerintah tidak tercatat sektornya (tanpa pemberi kerja), jadi cakupan rentan per sektor tampak nol; lihat cakupan rentan per kelurahan di atas.",
        "Government-sponsored BPU participants carry no sector (no employer), so vulnerable coverage by sector shows zero; see vulnerable coverage by village above.",
    ),
    ("sector", "Sektor (KBLI)", "Sector (KBLI)"),
    ("district", "Kecamatan", "District"),
    ("show", "Tampilkan", "Show"),
    (
        "outreach",
        "Perusahaan yang dikunjungi lebih dulu",
        "Companies to visit first",
    ),
    (
        "outreach_lead",
        "Diurutkan menurut perkiraan kekurangan iuran per bulan, lalu pekerja yang belum didaftarkan. Data perusahaan, bukan data pribadi.",
        "Ordered by the estimated monthly contribution shortfall, then unregistered workers. Company data, not personal data.",
    ),
    ("company", "Perusahaan", "Company"),
    ("findings", "Temuan", "Findings"),
    ("workers_reported", "Pekerja dilaporkan", "Workers reported"),
    ("unregistered", "Belum didaftarkan", "Not registered"),
    ("shortfall", "Kekurangan iuran / bulan", "Shortfall / month"),
    (
        "no_companies",
        "Belum ada data perusahaan untuk wilayah ini (impor: jamsos compliance import-companies).",
        "No company data for this region yet (import: jamsos compliance import-companies).",
    ),
    ("budget", "Simulasi anggaran", "Budget simulation"),
    (
        "budget_lead",
        "Biaya bagi pemerintah kota (APBD) untuk melindungi pekerja rentan yang belum terlindungi dengan paket BPU minimum (JKK + JKM), dihitung bulan per bulan oleh mesin aturan.",
        "What it costs the city (APBD) to cover uncovered vulnerable workers with the minimum BPU package (JKK + JKM), priced month by month by the rules engine.",
    ),
    (
        "count",
        "Jumlah pekerja (kosong: semua pekerja rentan yang belum terlindungi)",
        "Workers (empty: every uncovered vulnerable worker)",
    ),
    ("months", "Lama (bulan)", "Duration (months)"),
    ("simulate", "Hitung", "Calculate"),
    ("cohort", "Pekerja ditanggung", "Workers covered"),
    (
        "per_person",
        "Iuran per orang / bulan",
        "Contribution per person / month",
    ),
    ("per_month", "Biaya bulan pertama", "Cost, first month"),
    ("per_year", "Biaya 12 bulan", "Cost, 12 months"),
    (
        "cost_total",
        "Biaya seluruh program",
        "Cost, whole programme",
    ),
    (
        "coverage_after",
        "Cakupan rentan: sebelum → sesudah",
        "Vulnerable coverage: before → after",
    ),
    (
        "budget_error",
        "Simulasi tidak dapat dihitung",
        "The simulation could not be calculated",
    ),
    ("exports", "Unduh", "Downloads"),
    (
        "csv",
        "Cakupan per kelurahan (CSV)",
        "Coverage by village (CSV)",
    ),
    (
        "outreach_csv",
        "Daftar kunjungan (CSV)",
        "Outreach list (CSV)",
    ),
    ("xlsx", "Semua tabel (XLSX)", "All tables (XLSX)"),
    (
        "summary",
        "Ringkasan siap cetak (HTML → PDF)",
        "Printable summary (HTML → PDF)",
    ),
    (
        "pdf",
        "Unduh PDF (ringkasan A4)",
        "Download PDF (A4 summary)",
    ),
    (
        "no_potential",
        "Belum ada data potensi pekerja untuk wilayah ini (impor: jamsos coverage import-potential).",
        "No workforce potential for this region yet (import: jamsos coverage import-potential).",
    ),
    (
        "synthetic",
        "Data demo sintetis: angka potensi dan perusahaan dibuat-buat, bukan statistik.",
        "Synthetic demo data: potential and company figures are invented, not statistics.",
    ),
];

pub fn l(lang: Lang, key: &str) -> &'static str {
    TEXT.iter()
        .find(|(k, _, _)| *k == key)
        .map_or("?", |(_, id, en)| match lang {
            Lang::En => en,
            Lang::Id => id,
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut keys: Vec<&str> = super::TEXT.iter().map(|t| t.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
        assert!(
            super::TEXT
                .iter()
                .all(|(_, id, en)| !id.is_empty() && !en.is_empty())
        );
        assert_eq!(super::l(jamsos_rules::Lang::En, "total"), "Total");
        assert_eq!(super::l(jamsos_rules::Lang::Id, "total"), "Jumlah");
    }
}
