//! A contribution scenario, read and checked: [`Request::from_raw`] turns the contract's flat
//! JSON fields into a typed request per segment and names the field that is wrong and why.
//! Checks that need a parameter (the BPU minimum income) happen in the calculation.

use crate::error::CalcError;
use crate::input::{self, RawScenario};
use crate::money::Rupiah;
use crate::results::{Program, Segment};
use jiff::civil::Date;

/// A set of programs, as a bit set in [`Program::ALL`] order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Programs(u8);

impl Programs {
    pub const fn of(list: &[Program]) -> Programs {
        let mut bits = 0u8;
        let mut rest = list;
        while let [first, tail @ ..] = rest {
            bits |= Programs::bit(*first);
            rest = tail;
        }
        Programs(bits)
    }

    const fn bit(p: Program) -> u8 {
        1 << (p as u8)
    }

    pub const fn contains(self, p: Program) -> bool {
        self.0 & Programs::bit(p) != 0
    }

    pub fn insert(&mut self, p: Program) {
        self.0 |= Programs::bit(p);
    }

    pub fn remove(&mut self, p: Program) {
        self.0 &= !Programs::bit(p);
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Program> {
        Program::ALL.into_iter().filter(move |p| self.contains(*p))
    }

    pub fn codes(self) -> Vec<&'static str> {
        self.iter().map(Program::code).collect()
    }
}

/// Who funds a BPU participant's contributions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FundedBy {
    SelfPaid,
    Apbd,
    Apbn,
    OtherSponsor,
}

impl FundedBy {
    pub fn code(self) -> &'static str {
        match self {
            FundedBy::SelfPaid => "self",
            FundedBy::Apbd => "apbd",
            FundedBy::Apbn => "apbn",
            FundedBy::OtherSponsor => "other_sponsor",
        }
    }

    /// Paid from the national or a regional budget: payer `government`, no PP 50/2025 relief.
    pub fn is_budget(self) -> bool {
        matches!(self, FundedBy::Apbd | FundedBy::Apbn)
    }
}

/// A PMI contribution package (Permenaker 4/2023 Pasal 18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Package {
    PrePlacement,
    Placement24,
    Placement12,
    Placement6,
    ExtensionMonth,
}

impl Package {
    pub const ALL: [Package; 5] = [
        Package::PrePlacement,
        Package::Placement24,
        Package::Placement12,
        Package::Placement6,
        Package::ExtensionMonth,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Package::PrePlacement => "pre_placement",
            Package::Placement24 => "placement_24m",
            Package::Placement12 => "placement_12m",
            Package::Placement6 => "placement_6m",
            Package::ExtensionMonth => "extension_month",
        }
    }
}

/// The employer facts that decide the PP 7/2025 discount.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Employer {
    pub sector: Option<String>,
    pub workers: Option<i64>,
}

/// What the Jakon contribution is computed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JakonBase {
    /// Contract value excluding VAT (the wage-unknown route, marginal bands).
    ContractValue(Rupiah),
    /// The wages, when known.
    Wage(Rupiah),
}

/// The segment-specific part of a request.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SegmentRequest {
    Pu {
        wage: Rupiah,
        risk_class: u8,
        employer: Option<Employer>,
    },
    Bpu {
        income: Rupiah,
        transport: bool,
        sector: Option<String>,
        funded_by: FundedBy,
    },
    Jakon(JakonBase),
    Pmi(Package),
}

/// A checked contribution scenario.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Request {
    /// The scenario's date: any day of the contribution month.
    pub date: Date,
    pub segment: SegmentRequest,
    /// The programs asked for; `None` = every program the segment must join.
    pub programs: Option<Programs>,
}

impl Request {
    pub fn segment(&self) -> Segment {
        match self.segment {
            SegmentRequest::Pu { .. } => Segment::Pu,
            SegmentRequest::Bpu { .. } => Segment::Bpu,
            SegmentRequest::Jakon(_) => Segment::Jakon,
            SegmentRequest::Pmi(_) => Segment::Pmi,
        }
    }

    /// Reads and checks a contract scenario of type `contribution`.
    pub fn from_raw(raw: &RawScenario) -> Result<Request, CalcError> {
        let date = input::date_field(&raw.date, "date")?;
        let segment_code = raw.segment.as_deref().ok_or_else(|| {
            CalcError::invalid("segment", "this field is required: PU, BPU, JAKON or PMI")
        })?;
        let segment = Segment::parse(segment_code).ok_or_else(|| {
            CalcError::invalid(
                "segment",
                format!("{segment_code:?} is not a segment: PU, BPU, JAKON or PMI"),
            )
        })?;
        reject_foreign_fields(raw, segment)?;
        let programs = match &raw.programs {
            None => None,
            Some(list) => Some(parse_programs(&list.items(), segment)?),
        };
        let segment = match segment {
            Segment::Pu => SegmentRequest::Pu {
                wage: Rupiah(input::positive_money(raw.wage, "wage")?),
                risk_class: risk_class(raw.risk_class)?,
                employer: match &raw.employer {
                    None => None,
                    Some(e) => Some(employer(e.sector.as_deref(), e.workers)?),
                },
            },
            Segment::Bpu => {
                let sector = match raw.sector.as_deref() {
                    Some(s) => Some(code_text(s, "sector")?.to_owned()),
                    None => None,
                };
                SegmentRequest::Bpu {
                    income: Rupiah(input::positive_money(raw.income, "income")?),
                    transport: sector.as_deref() == Some("transport"),
                    sector,
                    funded_by: funded_by(raw.funded_by.as_deref())?,
                }
            }
            Segment::Jakon => SegmentRequest::Jakon(match (raw.contract_value, raw.wage) {
                (Some(_), Some(_)) => {
                    return Err(CalcError::invalid(
                        "wage",
                        "give either contract_value (wage unknown) or wage (wage known) for JAKON, not both",
                    ));
                }
                (Some(v), None) => JakonBase::ContractValue(Rupiah(input::positive_money(
                    Some(v),
                    "contract_value",
                )?)),
                (None, Some(w)) => JakonBase::Wage(Rupiah(input::positive_money(Some(w), "wage")?)),
                (None, None) => {
                    return Err(CalcError::invalid(
                        "contract_value",
                        "JAKON needs contract_value (excluding VAT) or, when the wages are known, wage",
                    ));
                }
            }),
            Segment::Pmi => {
                let code = raw.package.as_deref().ok_or_else(|| {
                    CalcError::invalid(
                        "package",
                        format!("this field is required for PMI: {}", package_list()),
                    )
                })?;
                SegmentRequest::Pmi(
                    Package::ALL
                        .into_iter()
                        .find(|p| p.code() == code)
                        .ok_or_else(|| {
                            CalcError::invalid(
                                "package",
                                format!("{code:?} is not a PMI package: {}", package_list()),
                            )
                        })?,
                )
            }
        };
        Ok(Request {
            date,
            segment,
            programs,
        })
    }
}

fn package_list() -> String {
    Package::ALL
        .iter()
        .map(|p| p.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Fields that belong to another segment are refused, so a mistyped scenario is not silently
/// computed as something else.
fn reject_foreign_fields(raw: &RawScenario, segment: Segment) -> Result<(), CalcError> {
    let present: [(&str, bool, &[Segment]); 7] = [
        ("wage", raw.wage.is_some(), &[Segment::Pu, Segment::Jakon]),
        ("risk_class", raw.risk_class.is_some(), &[Segment::Pu]),
        ("employer", raw.employer.is_some(), &[Segment::Pu]),
        ("income", raw.income.is_some(), &[Segment::Bpu]),
        ("sector", raw.sector.is_some(), &[Segment::Bpu]),
        ("funded_by", raw.funded_by.is_some(), &[Segment::Bpu]),
        (
            "contract_value",
            raw.contract_value.is_some(),
            &[Segment::Jakon],
        ),
    ];
    for (field, is_present, allowed) in present {
        if is_present && !allowed.contains(&segment) {
            let hint = if field == "sector" && segment == Segment::Pu {
                " (an employer's sector goes in employer.sector)"
            } else {
                ""
            };
            return Err(CalcError::invalid(
                field,
                format!(
                    "{field} is not a field of a {} contribution{hint}",
                    segment.code()
                ),
            ));
        }
    }
    if raw.package.is_some() && segment != Segment::Pmi {
        return Err(CalcError::invalid(
            "package",
            format!(
                "package is not a field of a {} contribution",
                segment.code()
            ),
        ));
    }
    Ok(())
}

fn risk_class(value: Option<i64>) -> Result<u8, CalcError> {
    match value {
        Some(c @ 1..=5) => Ok(c as u8),
        Some(c) => Err(CalcError::invalid(
            "risk_class",
            format!("{c} is not a JKK risk class: 1 (very low) to 5 (very high)"),
        )),
        None => Err(CalcError::invalid(
            "risk_class",
            "this field is required for PU: the JKK risk class, 1 (very low) to 5 (very high)",
        )),
    }
}

fn employer(sector: Option<&str>, workers: Option<i64>) -> Result<Employer, CalcError> {
    let sector = match sector {
        Some(s) => Some(code_text(s, "employer.sector")?.to_owned()),
        None => None,
    };
    if let Some(w) = workers
        && w < 0
    {
        return Err(CalcError::invalid(
            "employer.workers",
            "employer.workers is a count of active workers, 0 or more",
        ));
    }
    Ok(Employer { sector, workers })
}

/// A sector code: lowercase letters, digits and `_`, as the contract writes them.
fn code_text<'a>(s: &'a str, field: &str) -> Result<&'a str, CalcError> {
    if s.is_empty()
        || s.len() > 64
        || !s
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(CalcError::invalid(
            field,
            format!(
                "{s:?} is not a sector code (lowercase letters, digits and _, e.g. textile_apparel)"
            ),
        ));
    }
    Ok(s)
}

fn funded_by(value: Option<&str>) -> Result<FundedBy, CalcError> {
    Ok(match value {
        None | Some("self") => FundedBy::SelfPaid,
        Some("apbd") => FundedBy::Apbd,
        Some("apbn") => FundedBy::Apbn,
        Some("other_sponsor") => FundedBy::OtherSponsor,
        Some(other) => {
            return Err(CalcError::invalid(
                "funded_by",
                format!("{other:?} is not a funding source: self, apbd, apbn or other_sponsor"),
            ));
        }
    })
}

/// The programs a segment may join at all.
pub fn allowed(segment: Segment) -> Programs {
    match segment {
        Segment::Pu => Programs::of(&Program::ALL),
        Segment::Bpu => Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht]),
        Segment::Jakon => Programs::of(&[Program::Jkk, Program::Jkm]),
        Segment::Pmi => Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht]),
    }
}

fn why_not(segment: Segment, p: Program) -> &'static str {
    match (segment, p) {
        (Segment::Bpu, Program::Jp) => "JP is for wage earners only (PP 45/2015)",
        (Segment::Bpu, Program::Jkp) => "JKP is for wage earners only (PP 37/2021)",
        (Segment::Jakon, _) => "construction-services (Jakon) coverage is JKK and JKM only",
        (Segment::Pmi, _) => "PMI coverage is the JKK+JKM package, with JHT optional",
        _ => "the segment cannot join it",
    }
}

fn parse_programs(items: &[&str], segment: Segment) -> Result<Programs, CalcError> {
    let allowed = allowed(segment);
    let mut set = Programs::default();
    for code in items {
        let p = Program::parse(code).ok_or_else(|| {
            CalcError::invalid(
                "programs",
                format!("{code:?} is not a program: JKK, JKM, JHT, JP or JKP"),
            )
        })?;
        if !allowed.contains(p) {
            return Err(CalcError::invalid(
                "programs",
                format!(
                    "{} cannot be joined by a {} participant: {}",
                    p.code(),
                    segment.code(),
                    why_not(segment, p)
                ),
            ));
        }
        if set.contains(p) {
            return Err(CalcError::invalid(
                "programs",
                format!("{} is listed twice", p.code()),
            ));
        }
        set.insert(p);
    }
    if set.is_empty() {
        return Err(CalcError::invalid(
            "programs",
            "programs is empty: leave it out for the default, or list at least one program",
        ));
    }
    if segment == Segment::Pmi && set.contains(Program::Jkk) != set.contains(Program::Jkm) {
        return Err(CalcError::invalid(
            "programs",
            "the PMI package pays JKK and JKM together (Permenaker 4/2023 Pasal 18): list both or neither",
        ));
    }
    if segment == Segment::Bpu && !(set.contains(Program::Jkk) && set.contains(Program::Jkm)) {
        return Err(CalcError::invalid(
            "programs",
            "a BPU participant joins JKK and JKM together (JHT is optional on top)",
        ));
    }
    Ok(set)
}
