//! The two import templates (documented for users in docs/import-templates.md) and header
//! matching: a header names a column by its English code or its Indonesian alias, in any case,
//! with spaces, dots or hyphens for underscores.

use serde::Serialize;

/// Which list a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// An employer's worker list (daftar tenaga kerja): PU or Jakon memberships with wages.
    Workers,
    /// A sponsor's list of vulnerable workers (pekerja rentan): BPU memberships with declared
    /// income, paid for by a government or company.
    Sponsored,
}

impl ImportKind {
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Workers => "workers",
            ImportKind::Sponsored => "sponsored",
        }
    }

    pub fn parse(text: &str) -> Option<ImportKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "workers" | "worker" | "pekerja" | "tenaga_kerja" => Some(ImportKind::Workers),
            "sponsored" | "rentan" | "pekerja_rentan" => Some(ImportKind::Sponsored),
            _ => None,
        }
    }

    /// The columns of this template, in the documented order.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            ImportKind::Workers => WORKERS,
            ImportKind::Sponsored => SPONSORED,
        }
    }
}

/// Every column any template knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Nik,
    Name,
    BirthDate,
    Sex,
    RegionCode,
    Phone,
    Kpj,
    Npp,
    Segment,
    Programs,
    StartDate,
    EndDate,
    Wage,
    WageFrom,
    Occupation,
    Sponsor,
    Role,
    DeclaredIncome,
    Sector,
}

impl Column {
    pub const COUNT: usize = 19;

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The canonical (English) header.
    pub fn name(self) -> &'static str {
        match self {
            Column::Nik => "nik",
            Column::Name => "name",
            Column::BirthDate => "birth_date",
            Column::Sex => "sex",
            Column::RegionCode => "region_code",
            Column::Phone => "phone",
            Column::Kpj => "kpj",
            Column::Npp => "npp",
            Column::Segment => "segment",
            Column::Programs => "programs",
            Column::StartDate => "start_date",
            Column::EndDate => "end_date",
            Column::Wage => "wage",
            Column::WageFrom => "wage_from",
            Column::Occupation => "occupation",
            Column::Sponsor => "sponsor",
            Column::Role => "role",
            Column::DeclaredIncome => "declared_income",
            Column::Sector => "sector",
        }
    }

    /// Indonesian headers accepted as well.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Nik => &["no_ktp", "nomor_induk_kependudukan"],
            Column::Name => &["nama", "nama_lengkap"],
            Column::BirthDate => &["tanggal_lahir", "tgl_lahir"],
            Column::Sex => &["jenis_kelamin", "jk"],
            Column::RegionCode => &["kode_wilayah", "kode_kelurahan"],
            Column::Phone => &["no_hp", "telepon", "nomor_hp"],
            Column::Kpj => &["no_kpj", "nomor_kpj"],
            Column::Npp => &["no_npp"],
            Column::Segment => &["segmen"],
            Column::Programs => &["program"],
            Column::StartDate => &["tanggal_mulai", "tgl_mulai", "tmt"],
            Column::EndDate => &["tanggal_selesai", "tgl_selesai"],
            Column::Wage => &["upah"],
            Column::WageFrom => &["upah_mulai", "tmt_upah"],
            Column::Occupation => &["pekerjaan"],
            Column::Sponsor => &["penanggung", "pemberi_bantuan"],
            Column::Role => &["peran"],
            Column::DeclaredIncome => &["penghasilan"],
            Column::Sector => &["sektor", "kbli", "lapangan_usaha"],
        }
    }

    /// True for identifier columns: a spreadsheet NUMBER cell there is rejected, since Excel
    /// keeps 15 significant digits (a 16-digit NIK is silently corrupted) and drops leading
    /// zeros (a phone's 0, a KPJ's 0).
    pub fn is_identifier(self) -> bool {
        matches!(
            self,
            Column::Nik | Column::Kpj | Column::Npp | Column::Phone | Column::RegionCode
        )
    }

    /// Columns whose values are personal data, masked in reports.
    pub fn is_personal(self) -> bool {
        matches!(self, Column::Nik | Column::Name | Column::Phone)
    }
}

/// A column of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnSpec {
    pub column: Column,
    pub required: bool,
}

const fn req(column: Column) -> ColumnSpec {
    ColumnSpec {
        column,
        required: true,
    }
}

const fn opt(column: Column) -> ColumnSpec {
    ColumnSpec {
        column,
        required: false,
    }
}

const WORKERS: &[ColumnSpec] = &[
    req(Column::Nik),
    req(Column::Name),
    req(Column::BirthDate),
    req(Column::Sex),
    req(Column::RegionCode),
    opt(Column::Phone),
    opt(Column::Kpj),
    opt(Column::Npp),
    opt(Column::Segment),
    req(Column::Programs),
    req(Column::StartDate),
    opt(Column::EndDate),
    req(Column::Wage),
    opt(Column::WageFrom),
    opt(Column::Occupation),
];

const SPONSORED: &[ColumnSpec] = &[
    opt(Column::Sponsor),
    req(Column::Nik),
    req(Column::Name),
    req(Column::BirthDate),
    req(Column::Sex),
    req(Column::RegionCode),
    opt(Column::Phone),
    opt(Column::Kpj),
    req(Column::Occupation),
    opt(Column::Role),
    req(Column::DeclaredIncome),
    opt(Column::Programs),
    req(Column::StartDate),
    opt(Column::EndDate),
    opt(Column::Sector),
];

/// Normalises a header: lower case, trimmed, BOM removed, runs of space/`.`/`-`/`/` as `_`.
pub(crate) fn normalize_header(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().trim_start_matches('\u{feff}').chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The template column a header names, if any.
pub(crate) fn match_header(kind: ImportKind, header: &str) -> Option<Column> {
    let h = normalize_header(header);
    kind.columns()
        .iter()
        .map(|s| s.column)
        .find(|c| c.name() == h || c.aliases().contains(&h.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_in_both_languages() {
        assert_eq!(
            match_header(ImportKind::Workers, " NIK "),
            Some(Column::Nik)
        );
        assert_eq!(
            match_header(ImportKind::Workers, "Tanggal Lahir"),
            Some(Column::BirthDate)
        );
        assert_eq!(
            match_header(ImportKind::Workers, "birth-date"),
            Some(Column::BirthDate)
        );
        assert_eq!(
            match_header(ImportKind::Workers, "Jenis Kelamin"),
            Some(Column::Sex)
        );
        assert_eq!(match_header(ImportKind::Workers, "sponsor"), None);
        assert_eq!(
            match_header(ImportKind::Sponsored, "Penghasilan"),
            Some(Column::DeclaredIncome)
        );
        assert_eq!(
            match_header(ImportKind::Sponsored, "Sektor"),
            Some(Column::Sector)
        );
        // Worker lists take the sector from the employer's KBLI.
        assert_eq!(match_header(ImportKind::Workers, "sector"), None);
        assert_eq!(normalize_header("\u{feff}No. KPJ"), "no_kpj");
        // Column::index() must stay below COUNT.
        assert!(
            ImportKind::Workers
                .columns()
                .iter()
                .all(|s| s.column.index() < Column::COUNT)
        );
        assert!(
            ImportKind::Sponsored
                .columns()
                .iter()
                .all(|s| s.column.index() < Column::COUNT)
        );
    }
}
