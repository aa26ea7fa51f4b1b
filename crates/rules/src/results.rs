//! Results as the calculation contract shapes them. Amounts are whole rupiah; rates are
//! decimal-fraction strings; `trace` and `warnings` come with every result (the trace only when
//! asked for in batch mode).

use crate::money::Rupiah;
use crate::rate::Rate;
use crate::trace::{Label, Step, Warning};
use jiff::civil::Date;
use serde::Serialize;

/// The five programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Program {
    #[serde(rename = "JKK")]
    Jkk,
    #[serde(rename = "JKM")]
    Jkm,
    #[serde(rename = "JHT")]
    Jht,
    #[serde(rename = "JP")]
    Jp,
    #[serde(rename = "JKP")]
    Jkp,
}

impl Program {
    pub const ALL: [Program; 5] = [
        Program::Jkk,
        Program::Jkm,
        Program::Jht,
        Program::Jp,
        Program::Jkp,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Program::Jkk => "JKK",
            Program::Jkm => "JKM",
            Program::Jht => "JHT",
            Program::Jp => "JP",
            Program::Jkp => "JKP",
        }
    }

    pub fn parse(text: &str) -> Option<Program> {
        Some(match text {
            "JKK" => Program::Jkk,
            "JKM" => Program::Jkm,
            "JHT" => Program::Jht,
            "JP" => Program::Jp,
            "JKP" => Program::Jkp,
            _ => return None,
        })
    }
}

/// Participation segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Segment {
    #[serde(rename = "PU")]
    Pu,
    #[serde(rename = "BPU")]
    Bpu,
    #[serde(rename = "JAKON")]
    Jakon,
    #[serde(rename = "PMI")]
    Pmi,
}

impl Segment {
    pub fn parse(text: &str) -> Option<Segment> {
        Some(match text {
            "PU" => Segment::Pu,
            "BPU" => Segment::Bpu,
            "JAKON" => Segment::Jakon,
            "PMI" => Segment::Pmi,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Segment::Pu => "PU",
            Segment::Bpu => "BPU",
            Segment::Jakon => "JAKON",
            Segment::Pmi => "PMI",
        }
    }
}

/// Who pays a contribution line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    Employer,
    Worker,
    Participant,
    Government,
}

impl Payer {
    pub const ALL: [Payer; 4] = [
        Payer::Employer,
        Payer::Worker,
        Payer::Participant,
        Payer::Government,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Payer::Employer => "employer",
            Payer::Worker => "worker",
            Payer::Participant => "participant",
            Payer::Government => "government",
        }
    }
}

/// One contribution line: program × payer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub program: Program,
    pub payer: Payer,
    /// The base the rate applies to; `null` for a flat amount (BPU JKM, PMI packages), so
    /// every line carries the same keys.
    pub base: Option<Rupiah>,
    pub rate: Option<Rate>,
    pub amount: Rupiah,
    /// The programs a package amount pays for together, when the law sets one amount for
    /// several programs (PMI: JKK and JKM); absent for a line of one program.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covers: Option<&'static [Program]>,
}

/// Money moved between programs inside the agency (JKP recomposition); not part of totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Allocation {
    pub from: Program,
    pub to: Program,
    pub base: Rupiah,
    pub rate: Rate,
    pub amount: Rupiah,
}

/// Sums of the lines by payer; `all` is the sum of every line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub employer: Rupiah,
    pub worker: Rupiah,
    pub participant: Rupiah,
    pub government: Rupiah,
    pub all: Rupiah,
}

impl Totals {
    pub fn of(lines: &[Line]) -> Totals {
        let mut t = Totals::default();
        for l in lines {
            match l.payer {
                Payer::Employer => t.employer += l.amount,
                Payer::Worker => t.worker += l.amount,
                Payer::Participant => t.participant += l.amount,
                Payer::Government => t.government += l.amount,
            }
            t.all += l.amount;
        }
        t
    }

    pub fn by_payer(&self, p: Payer) -> Rupiah {
        match p {
            Payer::Employer => self.employer,
            Payer::Worker => self.worker,
            Payer::Participant => self.participant,
            Payer::Government => self.government,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContributionResult {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub date: Date,
    pub segment: Segment,
    pub lines: Vec<Line>,
    pub allocations: Vec<Allocation>,
    pub totals: Totals,
    /// Contributions owed for the month but deferred by a relief (PP 49/2020: 99 % of JP),
    /// by program and payer; not in `lines` and not in totals.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deferred: Vec<Line>,
}

/// Why a benefit is not (fully) payable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub code: &'static str,
    #[serde(rename = "message")]
    pub en: String,
    #[serde(rename = "message_id")]
    pub id: String,
}

impl Reason {
    pub fn new(code: &'static str, id: impl Into<String>, en: impl Into<String>) -> Reason {
        Reason {
            code,
            en: en.into(),
            id: id.into(),
        }
    }

    pub fn label(&self) -> Label {
        Label::owned(self.id.clone(), self.en.clone())
    }
}

/// One payment in a schedule (JKP months, STMB months).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthlyPayment {
    pub month: i64,
    pub amount: Rupiah,
}

/// One school year of one child's scholarship.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScholarshipPayment {
    /// 1 or 2: which entitled child.
    pub child: usize,
    /// The index of the child in the input list (0-based).
    pub input_index: usize,
    /// The school year, e.g. `"2026/2027"`.
    pub school_year: String,
    pub level: String,
    pub grade: i64,
    pub amount: Rupiah,
}

/// A benefit component (`death_lump_sum`, `jkp_cash`, …).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Component {
    pub code: &'static str,
    pub amount: Rupiah,
    /// Whether `amount` is part of `total` (paid now); e.g. a future pension or a scholarship
    /// for a child not yet at school is not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_payable_now: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<Vec<MonthlyPayment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Vec<ScholarshipPayment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_total: Option<Rupiah>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<&'static str>,
    /// First month of a periodic payment (`YYYY-MM`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Per-day amount where the law states one (STMB).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_day: Option<Rupiah>,
}

impl Component {
    pub fn new(code: &'static str, amount: Rupiah) -> Component {
        Component {
            code,
            amount,
            not_payable_now: false,
            months: None,
            schedule: None,
            max_total: None,
            beneficiary: None,
            from: None,
            per_day: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BenefitResult {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub program: Program,
    pub date: Date,
    pub eligible: bool,
    pub reasons: Vec<Reason>,
    pub components: Vec<Component>,
    /// The sum of the components payable now.
    pub total: Rupiah,
    /// JP: the retirement age that applies to the participant, i.e. the age of the PP 45/2015
    /// Pasal 15 schedule in force when they reach it (for someone born in 1980, 65, although
    /// the age in force in 2026 is 59).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retirement_age: Option<i64>,
    /// Which regulation's benefit levels applied (e.g. `PP 82/2019`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regime: Option<&'static str>,
}

impl BenefitResult {
    /// Sums the components payable now into `total`.
    pub fn with_total(mut self) -> BenefitResult {
        self.total = self
            .components
            .iter()
            .filter(|c| !c.not_payable_now)
            .map(|c| c.amount)
            .sum();
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LateFineResult {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub segment: Segment,
    pub contribution_month: String,
    pub amount_due: Rupiah,
    pub paid_on: Date,
    pub due_date: Date,
    pub months_late: i64,
    pub fine: Rupiah,
    pub components: Vec<Component>,
}

/// Any result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CalcResult {
    Contribution(ContributionResult),
    Benefit(BenefitResult),
    LateFine(LateFineResult),
}

/// A result with its explanation.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome<'p> {
    #[serde(flatten)]
    pub result: CalcResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<Step<'p>>>,
    pub warnings: Vec<Warning<'p>>,
}
