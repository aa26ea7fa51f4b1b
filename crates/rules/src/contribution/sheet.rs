//! The lines of one contribution result, held in fixed-size arrays so that computing a result
//! allocates nothing; [`Sheet::to_result`] turns it into the contract's
//! [`ContributionResult`].

use crate::error::CalcError;
use crate::money::Rupiah;
use crate::rate::Rate;
use crate::results::{Allocation, ContributionResult, Line, Payer, Program, Segment, Totals};
use jiff::civil::Date;

/// The most lines a result can have (PU: JKK, JKM, JHT×2, JP×2, JKP).
pub const MAX_LINES: usize = 8;
const MAX_ALLOCATIONS: usize = 2;
const MAX_DEFERRED: usize = 2;

/// What the PMI package line pays for.
pub const PMI_PACKAGE_COVERS: &[Program] = &[Program::Jkk, Program::Jkm];

/// One line, copyable and compact (32 bytes): optional base and rate are flags, not `Option`s,
/// so a whole result stays small enough to compute and move cheaply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FastLine {
    pub program: Program,
    pub payer: Payer,
    flags: u8,
    base: Rupiah,
    rate: Rate,
    pub amount: Rupiah,
}

const HAS_BASE: u8 = 1;
const HAS_RATE: u8 = 2;
const PACKAGE: u8 = 4;

const EMPTY_LINE: FastLine = FastLine::new(
    Program::Jkk,
    Payer::Employer,
    None,
    None,
    Rupiah::ZERO,
    false,
);

impl FastLine {
    /// A line; `package` marks an amount paying for JKK and JKM together (PMI).
    pub const fn new(
        program: Program,
        payer: Payer,
        base: Option<Rupiah>,
        rate: Option<Rate>,
        amount: Rupiah,
        package: bool,
    ) -> FastLine {
        let mut flags = 0;
        let base = match base {
            Some(b) => {
                flags |= HAS_BASE;
                b
            }
            None => Rupiah::ZERO,
        };
        let rate = match rate {
            Some(r) => {
                flags |= HAS_RATE;
                r
            }
            None => Rate::ZERO,
        };
        if package {
            flags |= PACKAGE;
        }
        FastLine {
            program,
            payer,
            flags,
            base,
            rate,
            amount,
        }
    }

    pub fn base(&self) -> Option<Rupiah> {
        (self.flags & HAS_BASE != 0).then_some(self.base)
    }

    pub fn rate(&self) -> Option<Rate> {
        (self.flags & HAS_RATE != 0).then_some(self.rate)
    }

    pub fn is_package(&self) -> bool {
        self.flags & PACKAGE != 0
    }

    /// The same line with another rate and amount.
    pub fn with_rate_amount(self, rate: Rate, amount: Rupiah) -> FastLine {
        FastLine {
            flags: self.flags | HAS_RATE,
            rate,
            amount,
            ..self
        }
    }

    pub fn to_line(self) -> Line {
        Line {
            program: self.program,
            payer: self.payer,
            base: self.base(),
            rate: self.rate(),
            amount: self.amount,
            covers: self.is_package().then_some(PMI_PACKAGE_COVERS),
        }
    }
}

/// One allocation (JKP recomposition), copyable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FastAllocation {
    pub from: Program,
    pub to: Program,
    pub base: Rupiah,
    pub rate: Rate,
    pub amount: Rupiah,
}

const EMPTY_ALLOCATION: FastAllocation = FastAllocation {
    from: Program::Jkk,
    to: Program::Jkp,
    base: Rupiah::ZERO,
    rate: Rate::ZERO,
    amount: Rupiah::ZERO,
};

/// The lines, allocations, deferred amounts and totals of one contribution result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sheet {
    lines: [FastLine; MAX_LINES],
    n_lines: u8,
    allocations: [FastAllocation; MAX_ALLOCATIONS],
    n_allocations: u8,
    deferred: [FastLine; MAX_DEFERRED],
    n_deferred: u8,
    totals: Totals,
}

impl Default for Sheet {
    fn default() -> Sheet {
        Sheet::new()
    }
}

fn full() -> CalcError {
    // Unreachable with the rules as written (they emit at most MAX_LINES lines); an error
    // rather than a panic keeps the crate's no-panic rule.
    CalcError::invalid("(scenario)", "internal limit: too many contribution lines")
}

impl Sheet {
    pub const fn new() -> Sheet {
        Sheet {
            lines: [EMPTY_LINE; MAX_LINES],
            n_lines: 0,
            allocations: [EMPTY_ALLOCATION; MAX_ALLOCATIONS],
            n_allocations: 0,
            deferred: [EMPTY_LINE; MAX_DEFERRED],
            n_deferred: 0,
            totals: Totals {
                employer: Rupiah::ZERO,
                worker: Rupiah::ZERO,
                participant: Rupiah::ZERO,
                government: Rupiah::ZERO,
                all: Rupiah::ZERO,
            },
        }
    }

    /// Adds a line and its amount to the totals.
    pub fn push(&mut self, line: FastLine) -> Result<(), CalcError> {
        let slot = self
            .lines
            .get_mut(usize::from(self.n_lines))
            .ok_or_else(full)?;
        *slot = line;
        self.n_lines += 1;
        match line.payer {
            Payer::Employer => self.totals.employer += line.amount,
            Payer::Worker => self.totals.worker += line.amount,
            Payer::Participant => self.totals.participant += line.amount,
            Payer::Government => self.totals.government += line.amount,
        }
        self.totals.all += line.amount;
        Ok(())
    }

    pub fn allocate(&mut self, a: FastAllocation) -> Result<(), CalcError> {
        let slot = self
            .allocations
            .get_mut(usize::from(self.n_allocations))
            .ok_or_else(full)?;
        *slot = a;
        self.n_allocations += 1;
        Ok(())
    }

    pub fn defer(&mut self, line: FastLine) -> Result<(), CalcError> {
        let slot = self
            .deferred
            .get_mut(usize::from(self.n_deferred))
            .ok_or_else(full)?;
        *slot = line;
        self.n_deferred += 1;
        Ok(())
    }

    pub fn lines(&self) -> &[FastLine] {
        self.lines.get(..usize::from(self.n_lines)).unwrap_or(&[])
    }

    pub fn allocations(&self) -> &[FastAllocation] {
        self.allocations
            .get(..usize::from(self.n_allocations))
            .unwrap_or(&[])
    }

    pub fn deferred(&self) -> &[FastLine] {
        self.deferred
            .get(..usize::from(self.n_deferred))
            .unwrap_or(&[])
    }

    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// The contract's result shape.
    pub fn to_result(&self, date: Date, segment: Segment) -> ContributionResult {
        ContributionResult {
            kind: "contribution",
            date,
            segment,
            lines: self.lines().iter().map(|l| l.to_line()).collect(),
            allocations: self
                .allocations()
                .iter()
                .map(|a| Allocation {
                    from: a.from,
                    to: a.to,
                    base: a.base,
                    rate: a.rate,
                    amount: a.amount,
                })
                .collect(),
            totals: self.totals,
            deferred: self.deferred().iter().map(|l| l.to_line()).collect(),
        }
    }
}
