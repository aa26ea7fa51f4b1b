//! Payment records: the money that actually moved, as the registry's ledger keeps it.
//!
//! - A **contribution payment** is made by an employer (NPP), a sponsor (code, e.g. a regional
//!   government paying BPU contributions for vulnerable workers) or a self-paying BPU/PMI
//!   participant (KPJ), for one contribution month, split per program in whole rupiah.
//! - A **benefit payment** is paid for one participant (KPJ) under a claim, to the participant or
//!   their heirs (ahli waris): one program, one benefit kind (the rules engine's component code:
//!   `death_lump_sum`, `funeral`, `scholarship`, `jht_balance`, ...), one amount.
//!
//! Recording a payout is a fact entered by an officer or an import, never a recomputation: the
//! amount is what was paid. Where a claim was computed by the rules engine, the caller takes
//! the amounts from the engine's components (see the demo in [`crate::demo::payments`]).
//!
//! The ledger is append-only: a correction is a [`Entry::Reversal`] naming the payment it
//! cancels, followed by a new payment. [`csv`] reads both kinds from CSV files with row-level
//! validation; the store resolves the references (payer, participant, reversed payment) and
//! writes everything or nothing.

pub mod csv;

use crate::ids::{Kpj, Npp};
use crate::model::SponsorCode;
use jamsos_rules::Rupiah;
use jamsos_rules::results::Program;
use jiff::civil::Date;
use serde::Serialize;

/// Who paid a contribution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Payer {
    Employer(Npp),
    Sponsor(SponsorCode),
    /// A self-paying BPU (or PMI) participant.
    Participant(Kpj),
}

impl Payer {
    /// `employer`, `sponsor` or `participant` (the CSV's `payer_type` and the ledger's
    /// `payer_kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Payer::Employer(_) => "employer",
            Payer::Sponsor(_) => "sponsor",
            Payer::Participant(_) => "participant",
        }
    }

    /// The payer's identifier as text (NPP, sponsor code or KPJ).
    pub fn code(&self) -> String {
        match self {
            Payer::Employer(n) => n.to_string(),
            Payer::Sponsor(s) => s.as_str().to_owned(),
            Payer::Participant(k) => k.to_string(),
        }
    }
}

/// One contribution payment: the lines per program (each ≥ 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContributionPayment {
    pub reference: String,
    pub payer: Payer,
    /// The contribution month, as its first day.
    pub month: Date,
    pub paid_on: Date,
    pub lines: Vec<(Program, Rupiah)>,
}

impl ContributionPayment {
    pub fn total(&self) -> Rupiah {
        self.lines.iter().map(|(_, a)| *a).sum()
    }
}

/// The kinds of benefit payment: the rules engine's component codes (calc-contract.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitKind {
    DeathLumpSum,
    DisabilityLumpSum,
    PeriodicBenefit,
    Funeral,
    /// Sementara tidak mampu bekerja: temporary incapacity (JKK).
    Stmb,
    Scholarship,
    JhtBalance,
    JhtPartial,
    MonthlyPension,
    LumpSum,
    JkpCash,
}

impl BenefitKind {
    pub const ALL: [BenefitKind; 11] = [
        BenefitKind::DeathLumpSum,
        BenefitKind::DisabilityLumpSum,
        BenefitKind::PeriodicBenefit,
        BenefitKind::Funeral,
        BenefitKind::Stmb,
        BenefitKind::Scholarship,
        BenefitKind::JhtBalance,
        BenefitKind::JhtPartial,
        BenefitKind::MonthlyPension,
        BenefitKind::LumpSum,
        BenefitKind::JkpCash,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BenefitKind::DeathLumpSum => "death_lump_sum",
            BenefitKind::DisabilityLumpSum => "disability_lump_sum",
            BenefitKind::PeriodicBenefit => "periodic_benefit",
            BenefitKind::Funeral => "funeral",
            BenefitKind::Stmb => "stmb",
            BenefitKind::Scholarship => "scholarship",
            BenefitKind::JhtBalance => "jht_balance",
            BenefitKind::JhtPartial => "jht_partial",
            BenefitKind::MonthlyPension => "monthly_pension",
            BenefitKind::LumpSum => "lump_sum",
            BenefitKind::JkpCash => "jkp_cash",
        }
    }

    pub fn parse(text: &str) -> Option<BenefitKind> {
        let t = text.trim().to_ascii_lowercase();
        BenefitKind::ALL.into_iter().find(|k| k.code() == t)
    }

    /// The programs that pay this kind of benefit (calc-contract.md's component codes per
    /// program): a payment recorded under any other program is refused.
    pub fn programs(self) -> &'static [Program] {
        match self {
            BenefitKind::DeathLumpSum
            | BenefitKind::PeriodicBenefit
            | BenefitKind::Funeral
            | BenefitKind::Scholarship => &[Program::Jkk, Program::Jkm],
            BenefitKind::DisabilityLumpSum | BenefitKind::Stmb => &[Program::Jkk],
            BenefitKind::JhtBalance | BenefitKind::JhtPartial => &[Program::Jht],
            BenefitKind::MonthlyPension | BenefitKind::LumpSum => &[Program::Jp],
            BenefitKind::JkpCash => &[Program::Jkp],
        }
    }
}

/// One benefit payment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BenefitPayment {
    pub reference: String,
    /// The participant the benefit is paid for (to them or their heirs).
    pub kpj: Kpj,
    pub program: Program,
    pub benefit: BenefitKind,
    pub claim_reference: String,
    pub paid_on: Date,
    pub amount: Rupiah,
}

/// A ledger entry: a payment, or the reversal of an earlier payment (by its reference).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "entry", rename_all = "snake_case")]
pub enum Entry<T> {
    Payment(T),
    Reversal {
        reference: String,
        paid_on: Date,
        /// The reference of the payment cancelled.
        reverses: String,
    },
}

impl<T> Entry<T> {
    pub fn reference<'a>(&'a self, of: impl Fn(&'a T) -> &'a str) -> &'a str {
        match self {
            Entry::Payment(p) => of(p),
            Entry::Reversal { reference, .. } => reference,
        }
    }
}

/// An entry and the spreadsheet row it came from (header = row 1; 0 when not from a file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row<T> {
    pub row: usize,
    pub entry: Entry<T>,
}

pub type ContributionRow = Row<ContributionPayment>;
pub type BenefitRow = Row<BenefitPayment>;

impl ContributionRow {
    pub fn reference(&self) -> &str {
        self.entry.reference(|p| p.reference.as_str())
    }
}

impl BenefitRow {
    pub fn reference(&self) -> &str {
        self.entry.reference(|p| p.reference.as_str())
    }
}

/// One problem with one cell (or row) of a payment file, or with what it refers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// The spreadsheet row (header = 1).
    pub row: usize,
    /// The column, or `(row)` / `(file)`.
    pub column: String,
    pub value: String,
    pub message: String,
}

impl std::fmt::Display for Issue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}, column {} ({:?}): {}",
            self.row, self.column, self.value, self.message
        )
    }
}

/// The month (`YYYY-MM`) a date falls in.
pub fn month_text(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}
