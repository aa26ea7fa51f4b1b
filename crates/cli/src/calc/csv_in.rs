//! Flat CSV scenarios → [`RawScenario`]. One column per scenario field, named as in the
//! calculation contract; nested fields are flattened with `_` (`employer_sector`,
//! `employer_workers`, `survivors_spouse`, …); lists of objects (`children`, `contributions`,
//! `wage_history`) are JSON text in their cell; `programs` is `JKK;JKM` (quoted in a
//! `;`-delimited file, or separated by spaces); `overrides.<parameter>` sets one override. An
//! empty cell is an absent field. An optional `id` column is copied to the output unchanged.
//!
//! A worker keeps one [`RawScenario`] and overwrites it row after row, so text fields reuse
//! their buffers instead of allocating for every row.

use jamsos_rules::CalcError;
use jamsos_rules::RawScenario;
use jamsos_rules::input::{EmployerInfo, ProgramList, Survivors};

/// What a column of the input means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Col {
    Id,
    Text(TextField),
    Int(IntField),
    Percent(PercentField),
    Programs,
    EmployerSector,
    EmployerWorkers,
    SurvivorsSpouse,
    SurvivorsChildren,
    SurvivorsParents,
    Json(JsonField),
    Override(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextField {
    Kind,
    Date,
    Segment,
    Sector,
    FundedBy,
    Package,
    Program,
    Outcome,
    Reason,
    MembershipStart,
    BirthDate,
    WorkEnd,
    ContributionMonth,
    PaidOn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntField {
    Wage,
    RiskClass,
    Income,
    ContractValue,
    IncapacityMonths,
    MembershipMonths,
    Balance,
    ContributionMonths,
    EventAfterRegistrationMonths,
    AverageIndexedWage,
    ContributionsTotal,
    ContributionMonthsLast24,
    ConsecutiveMonths,
    AmountDue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentField {
    Disability,
    FunctionLoss,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonField {
    Children,
    Contributions,
    WageHistory,
    Overrides,
}

const TEXT: &[(&str, TextField)] = &[
    ("type", TextField::Kind),
    ("date", TextField::Date),
    ("segment", TextField::Segment),
    ("sector", TextField::Sector),
    ("funded_by", TextField::FundedBy),
    ("package", TextField::Package),
    ("program", TextField::Program),
    ("outcome", TextField::Outcome),
    ("reason", TextField::Reason),
    ("membership_start", TextField::MembershipStart),
    ("birth_date", TextField::BirthDate),
    ("work_end", TextField::WorkEnd),
    ("contribution_month", TextField::ContributionMonth),
    ("paid_on", TextField::PaidOn),
];

const INT: &[(&str, IntField)] = &[
    ("wage", IntField::Wage),
    ("risk_class", IntField::RiskClass),
    ("income", IntField::Income),
    ("contract_value", IntField::ContractValue),
    ("incapacity_months", IntField::IncapacityMonths),
    ("membership_months", IntField::MembershipMonths),
    ("balance", IntField::Balance),
    ("contribution_months", IntField::ContributionMonths),
    (
        "event_after_registration_months",
        IntField::EventAfterRegistrationMonths,
    ),
    ("average_indexed_wage", IntField::AverageIndexedWage),
    ("contributions_total", IntField::ContributionsTotal),
    (
        "contribution_months_last_24",
        IntField::ContributionMonthsLast24,
    ),
    ("consecutive_months", IntField::ConsecutiveMonths),
    ("amount_due", IntField::AmountDue),
];

const OTHER: &[(&str, Col)] = &[
    ("id", Col::Id),
    ("disability_percent", Col::Percent(PercentField::Disability)),
    (
        "function_loss_percent",
        Col::Percent(PercentField::FunctionLoss),
    ),
    ("programs", Col::Programs),
    ("employer_sector", Col::EmployerSector),
    ("employer_workers", Col::EmployerWorkers),
    ("survivors_spouse", Col::SurvivorsSpouse),
    ("survivors_children", Col::SurvivorsChildren),
    ("survivors_parents", Col::SurvivorsParents),
    ("children", Col::Json(JsonField::Children)),
    ("contributions", Col::Json(JsonField::Contributions)),
    ("wage_history", Col::Json(JsonField::WageHistory)),
    ("overrides", Col::Json(JsonField::Overrides)),
];

/// Every column name the reader knows (for the help text and error messages).
pub fn known_columns() -> Vec<&'static str> {
    TEXT.iter()
        .map(|(n, _)| *n)
        .chain(INT.iter().map(|(n, _)| *n))
        .chain(OTHER.iter().map(|(n, _)| *n))
        .collect()
}

/// The meaning of one header cell.
pub fn column(name: &str) -> Option<Col> {
    if let Some(p) = name.strip_prefix("overrides.") {
        return (!p.is_empty()).then(|| Col::Override(p.to_owned()));
    }
    if let Some((_, f)) = TEXT.iter().find(|(n, _)| *n == name) {
        return Some(Col::Text(*f));
    }
    if let Some((_, f)) = INT.iter().find(|(n, _)| *n == name) {
        return Some(Col::Int(*f));
    }
    OTHER
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| c.clone())
}

/// A header that cannot be used, with the column it is about.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HeaderError {
    #[error("the CSV file is empty: it needs a header row naming the scenario fields")]
    Empty,
    #[error("column {index} ({name:?}) is not a scenario field; known columns: {known}")]
    Unknown {
        index: usize,
        name: String,
        known: String,
    },
    #[error("column {name:?} appears twice (columns {first} and {second})")]
    Duplicate {
        name: String,
        first: usize,
        second: usize,
    },
    #[error("the header row is not UTF-8 text")]
    NotUtf8,
}

/// The input's columns, as read from its header row.
#[derive(Clone, Debug)]
pub struct Header {
    pub cols: Vec<Col>,
    pub names: Vec<String>,
}

impl Header {
    pub fn parse(record: &csv::ByteRecord) -> Result<Header, HeaderError> {
        if record.is_empty() || record.iter().all(|c| c.trim_ascii().is_empty()) {
            return Err(HeaderError::Empty);
        }
        let mut cols = Vec::with_capacity(record.len());
        let mut names: Vec<String> = Vec::with_capacity(record.len());
        for (i, cell) in record.iter().enumerate() {
            let name = std::str::from_utf8(cell.trim_ascii())
                .map_err(|_| HeaderError::NotUtf8)?
                .to_owned();
            if let Some(first) = names.iter().position(|n| *n == name) {
                return Err(HeaderError::Duplicate {
                    name,
                    first: first + 1,
                    second: i + 1,
                });
            }
            let col = column(&name).ok_or_else(|| HeaderError::Unknown {
                index: i + 1,
                name: name.clone(),
                known: known_columns().join(", ") + ", overrides.<parameter name>",
            })?;
            cols.push(col);
            names.push(name);
        }
        Ok(Header { cols, names })
    }

    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    pub fn id_index(&self) -> Option<usize> {
        self.cols.iter().position(|c| *c == Col::Id)
    }

    /// Fills `raw` from one data row. Every column of the header is applied on every row (an
    /// empty cell clears the field), so `raw` can be reused from the previous row.
    pub fn fill(&self, record: &csv::ByteRecord, raw: &mut RawScenario) -> Result<(), CalcError> {
        if record.len() != self.cols.len() {
            return Err(CalcError::invalid(
                "(row)",
                format!(
                    "the row has {} cells but the header has {} columns",
                    record.len(),
                    self.cols.len()
                ),
            ));
        }
        raw.employer = None;
        raw.survivors = None;
        raw.overrides = None;
        for ((col, name), cell) in self.cols.iter().zip(&self.names).zip(record.iter()) {
            let cell = std::str::from_utf8(cell.trim_ascii()).map_err(|_| {
                CalcError::invalid(
                    name.as_str(),
                    "the cell is not UTF-8 text (save the file as CSV UTF-8)",
                )
            })?;
            apply(raw, col, name, cell)?;
        }
        Ok(())
    }
}

fn set_text(slot: &mut Option<String>, cell: &str) {
    if cell.is_empty() {
        *slot = None;
    } else if let Some(s) = slot {
        s.clear();
        s.push_str(cell);
    } else {
        *slot = Some(cell.to_owned());
    }
}

/// A whole number as JSON would accept it: optional `-`, digits only. Thousands separators
/// (`5.729.876`) are refused rather than guessed at: `5.729` could be a decimal.
fn parse_int(cell: &str, name: &str) -> Result<i64, CalcError> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let hint = if MONEY.contains(&name) {
            format!("{name} must be a positive whole number of rupiah, digits only")
        } else {
            format!("{name} must be a whole number, digits only")
        };
        return Err(CalcError::invalid(name, format!("{hint} (got {cell:?})")));
    }
    cell.parse::<i64>()
        .map_err(|_| CalcError::invalid(name, format!("{cell} is too large")))
}

const MONEY: &[&str] = &[
    "wage",
    "income",
    "contract_value",
    "balance",
    "average_indexed_wage",
    "contributions_total",
    "amount_due",
    "employer_workers",
];

fn opt_int(cell: &str, name: &str) -> Result<Option<i64>, CalcError> {
    if cell.is_empty() {
        Ok(None)
    } else {
        parse_int(cell, name).map(Some)
    }
}

fn parse_bool(cell: &str, name: &str) -> Result<bool, CalcError> {
    match cell {
        "true" | "TRUE" | "True" | "1" => Ok(true),
        "false" | "FALSE" | "False" | "0" => Ok(false),
        _ => Err(CalcError::invalid(
            name,
            format!("{cell:?} is not true or false"),
        )),
    }
}

fn json_cell<T: serde::de::DeserializeOwned>(cell: &str, name: &str) -> Result<T, CalcError> {
    serde_json::from_str(cell).map_err(|e| {
        CalcError::invalid(
            name,
            format!("the cell must hold JSON as the contract writes this field: {e}"),
        )
    })
}

fn int_slot(raw: &mut RawScenario, f: IntField) -> &mut Option<i64> {
    match f {
        IntField::Wage => &mut raw.wage,
        IntField::RiskClass => &mut raw.risk_class,
        IntField::Income => &mut raw.income,
        IntField::ContractValue => &mut raw.contract_value,
        IntField::IncapacityMonths => &mut raw.incapacity_months,
        IntField::MembershipMonths => &mut raw.membership_months,
        IntField::Balance => &mut raw.balance,
        IntField::ContributionMonths => &mut raw.contribution_months,
        IntField::EventAfterRegistrationMonths => &mut raw.event_after_registration_months,
        IntField::AverageIndexedWage => &mut raw.average_indexed_wage,
        IntField::ContributionsTotal => &mut raw.contributions_total,
        IntField::ContributionMonthsLast24 => &mut raw.contribution_months_last_24,
        IntField::ConsecutiveMonths => &mut raw.consecutive_months,
        IntField::AmountDue => &mut raw.amount_due,
    }
}

fn text_slot(raw: &mut RawScenario, f: TextField) -> &mut Option<String> {
    match f {
        TextField::Kind => &mut raw.kind,
        TextField::Date => &mut raw.date,
        TextField::Segment => &mut raw.segment,
        TextField::Sector => &mut raw.sector,
        TextField::FundedBy => &mut raw.funded_by,
        TextField::Package => &mut raw.package,
        TextField::Program => &mut raw.program,
        TextField::Outcome => &mut raw.outcome,
        TextField::Reason => &mut raw.reason,
        TextField::MembershipStart => &mut raw.membership_start,
        TextField::BirthDate => &mut raw.birth_date,
        TextField::WorkEnd => &mut raw.work_end,
        TextField::ContributionMonth => &mut raw.contribution_month,
        TextField::PaidOn => &mut raw.paid_on,
    }
}

fn apply(raw: &mut RawScenario, col: &Col, name: &str, cell: &str) -> Result<(), CalcError> {
    match col {
        Col::Id => {}
        Col::Text(f) => set_text(text_slot(raw, *f), cell),
        Col::Int(f) => *int_slot(raw, *f) = opt_int(cell, name)?,
        Col::Percent(f) => {
            let value = if cell.is_empty() {
                None
            } else {
                Some(
                    serde_json::from_str::<serde_json::Number>(cell).map_err(|_| {
                        CalcError::invalid(
                            name,
                            format!("{cell:?} is not a number (write decimals with '.')"),
                        )
                    })?,
                )
            };
            match f {
                PercentField::Disability => raw.disability_percent = value,
                PercentField::FunctionLoss => raw.function_loss_percent = value,
            }
        }
        Col::Programs => {
            raw.programs = (!cell.is_empty()).then(|| ProgramList::Joined(cell.to_owned()));
        }
        Col::EmployerSector => {
            if !cell.is_empty() {
                raw.employer
                    .get_or_insert_with(EmployerInfo::default)
                    .sector = Some(cell.to_owned());
            }
        }
        Col::EmployerWorkers => {
            if let Some(n) = opt_int(cell, name)? {
                raw.employer
                    .get_or_insert_with(EmployerInfo::default)
                    .workers = Some(n);
            }
        }
        Col::SurvivorsSpouse => {
            if !cell.is_empty() {
                raw.survivors.get_or_insert_with(Survivors::default).spouse =
                    parse_bool(cell, name)?;
            }
        }
        Col::SurvivorsChildren => {
            if let Some(n) = opt_int(cell, name)? {
                raw.survivors
                    .get_or_insert_with(Survivors::default)
                    .children = n;
            }
        }
        Col::SurvivorsParents => {
            if let Some(n) = opt_int(cell, name)? {
                raw.survivors.get_or_insert_with(Survivors::default).parents = n;
            }
        }
        Col::Json(f) => {
            let empty = cell.is_empty();
            match f {
                JsonField::Children => {
                    raw.children = if empty { None } else { json_cell(cell, name)? }
                }
                JsonField::Contributions => {
                    raw.contributions = if empty { None } else { json_cell(cell, name)? }
                }
                JsonField::WageHistory => {
                    raw.wage_history = if empty { None } else { json_cell(cell, name)? }
                }
                JsonField::Overrides => {
                    if !empty {
                        let map: std::collections::BTreeMap<String, serde_json::Value> =
                            json_cell(cell, name)?;
                        raw.overrides
                            .get_or_insert_with(Default::default)
                            .extend(map);
                    }
                }
            }
        }
        Col::Override(param) => {
            if !cell.is_empty() {
                raw.overrides
                    .get_or_insert_with(Default::default)
                    .insert(param.clone(), override_value(cell));
            }
        }
    }
    Ok(())
}

/// An override cell as the JSON value a scenario would carry: whole numbers and booleans as
/// such, JSON arrays/objects (bands, tables) parsed, anything else (rates like `0.30%`, dates)
/// as text.
fn override_value(cell: &str) -> serde_json::Value {
    if (cell.starts_with(['[', '{']) || cell == "true" || cell == "false")
        && let Ok(v) = serde_json::from_str(cell)
    {
        return v;
    }
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = cell.parse::<i64>()
    {
        return serde_json::Value::from(n);
    }
    serde_json::Value::String(cell.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> csv::ByteRecord {
        csv::ByteRecord::from(cells.to_vec())
    }

    #[test]
    fn every_contract_field_has_a_column() {
        // A scenario JSON with every field set must be expressible in CSV: each top-level
        // field (or its flattened parts) is a known column.
        for f in [
            "type",
            "date",
            "overrides",
            "segment",
            "wage",
            "risk_class",
            "income",
            "sector",
            "funded_by",
            "contract_value",
            "package",
            "programs",
            "program",
            "outcome",
            "disability_percent",
            "function_loss_percent",
            "incapacity_months",
            "children",
            "membership_months",
            "reason",
            "membership_start",
            "birth_date",
            "work_end",
            "balance",
            "contributions",
            "contribution_months",
            "event_after_registration_months",
            "average_indexed_wage",
            "wage_history",
            "contributions_total",
            "contribution_months_last_24",
            "consecutive_months",
            "contribution_month",
            "amount_due",
            "paid_on",
            "employer_sector",
            "employer_workers",
            "survivors_spouse",
            "survivors_children",
            "survivors_parents",
        ] {
            assert!(column(f).is_some(), "{f}");
        }
        assert_eq!(
            column("overrides.pu.jkm.rate"),
            Some(Col::Override("pu.jkm.rate".into()))
        );
        assert_eq!(column("wagee"), None);
        assert_eq!(column("overrides."), None);
    }

    #[test]
    fn header_errors_name_the_column() {
        let e = Header::parse(&rec(&["type", "wage", "wagee"])).unwrap_err();
        assert!(matches!(e, HeaderError::Unknown { index: 3, ref name, .. } if name == "wagee"));
        let e = Header::parse(&rec(&["wage", "type", "wage"])).unwrap_err();
        assert_eq!(
            e,
            HeaderError::Duplicate {
                name: "wage".into(),
                first: 1,
                second: 3
            }
        );
        assert_eq!(Header::parse(&rec(&[""])).unwrap_err(), HeaderError::Empty);
    }

    #[test]
    fn fills_and_reuses_a_scenario() {
        let h = Header::parse(&rec(&[
            "id",
            "type",
            "date",
            "segment",
            "wage",
            "risk_class",
            "programs",
            "employer_sector",
            "employer_workers",
            "overrides.pu.jkm.rate",
        ]))
        .unwrap();
        let mut raw = RawScenario::default();
        h.fill(
            &rec(&[
                "A1",
                "contribution",
                "2026-03-01",
                "PU",
                " 5729876 ",
                "1",
                "JKK;JKM",
                "textile_apparel",
                "120",
                "0.5%",
            ]),
            &mut raw,
        )
        .unwrap();
        let json = RawScenario::from_json(
            br#"{"type":"contribution","date":"2026-03-01","segment":"PU","wage":5729876,
            "risk_class":1,"programs":"JKK;JKM","employer":{"sector":"textile_apparel","workers":120},
            "overrides":{"pu.jkm.rate":"0.5%"}}"#,
        )
        .unwrap();
        assert_eq!(raw, json);
        // The next row clears what it leaves empty.
        h.fill(
            &rec(&[
                "A2",
                "contribution",
                "2026-03-01",
                "BPU",
                "",
                "",
                "",
                "",
                "",
                "",
            ]),
            &mut raw,
        )
        .unwrap();
        let json = RawScenario::from_json(
            br#"{"type":"contribution","date":"2026-03-01","segment":"BPU"}"#,
        )
        .unwrap();
        assert_eq!(raw, json);
    }

    #[test]
    fn bad_cells_name_the_field() {
        let h = Header::parse(&rec(&["type", "wage", "survivors_spouse", "children"])).unwrap();
        let mut raw = RawScenario::default();
        let field = |cells: &[&str], raw: &mut RawScenario| {
            h.fill(&rec(cells), raw)
                .unwrap_err()
                .to_object()
                .error
                .field
                .unwrap()
        };
        assert_eq!(field(&["benefit", "5.729.876", "", ""], &mut raw), "wage");
        assert_eq!(field(&["benefit", "1e9", "", ""], &mut raw), "wage");
        assert_eq!(
            field(&["benefit", "99999999999999999999", "", ""], &mut raw),
            "wage"
        );
        assert_eq!(
            field(&["benefit", "", "ya", ""], &mut raw),
            "survivors_spouse"
        );
        assert_eq!(field(&["benefit", "", "", "[{"], &mut raw), "children");
        assert_eq!(field(&["benefit", ""], &mut raw), "(row)");
        let bad_utf8 = csv::ByteRecord::from(vec![&b"benefit"[..], b"\xff", b"", b""]);
        assert_eq!(
            h.fill(&bad_utf8, &mut raw)
                .unwrap_err()
                .to_object()
                .error
                .field
                .unwrap(),
            "wage"
        );
    }

    #[test]
    fn override_cells_become_json_values() {
        assert_eq!(override_value("0.30%"), serde_json::json!("0.30%"));
        assert_eq!(override_value("11086300"), serde_json::json!(11_086_300));
        assert_eq!(override_value("true"), serde_json::json!(true));
        assert_eq!(override_value("[1,2]"), serde_json::json!([1, 2]));
        assert_eq!(
            override_value("2026-01-01"),
            serde_json::json!("2026-01-01")
        );
    }
}
