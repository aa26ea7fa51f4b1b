//! A compliance run over company rows that arrive in batches, keeping only the first rows of
//! the outreach and review lists: what a national run printed on screen needs. Each batch is
//! assessed (in parallel) as it arrives and then dropped, so a million company rows never sit
//! in memory at once and the assessment overlaps the read; counts, totals and the monthly
//! shortfall still cover every company.
//!
//! The result equals [`compliance::assess_first`] over the rows in position order, whatever
//! order the batches come in: a row's position is its batch's start (the batches of a read
//! are contiguous id ranges, so their starts order them) and its index in the batch; the
//! outreach order breaks ties by position, the review list is in position order and the
//! minimum wages are listed by the position of the first row of each province.
//! `tests/compliance.rs` checks it on batches fed in shuffled order.
//!
//! [`compliance::assess_first`]: crate::compliance::assess_first

use crate::compliance::{
    self, Assessment, CompanyReport, ComplianceConfig, ComplianceReport, EmployerFacts, Partial,
    Tally, is_review,
};
use crate::matching::Matcher;
use crate::rules_port::{self, Rules};
use jamsos_rules::{CalcError, Rupiah};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// Where a row stands in the input: its batch's start, then its index in the batch.
pub type Position = (i64, usize);

/// An outreach row kept, ordered by the outreach key (the greatest is the last kept).
struct Kept {
    key: (i64, u64, String, usize, Position),
    row: Assessment,
}

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

/// A review row kept, ordered by position.
struct Review {
    at: Position,
    row: Assessment,
}

impl PartialEq for Review {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}
impl Eq for Review {}
impl PartialOrd for Review {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Review {
    fn cmp(&self, other: &Self) -> Ordering {
        self.at.cmp(&other.at)
    }
}

/// The run in progress: feed it batches with [`FirstRows::add`], then [`FirstRows::finish`].
pub struct FirstRows<'a> {
    rules: &'a (dyn Rules + Sync),
    cfg: &'a ComplianceConfig,
    employers: &'a [EmployerFacts],
    matcher: Matcher<'a>,
    keep: usize,
    /// Minimum wage per province, and the position of the province's first row.
    minimums: HashMap<String, (Option<Rupiah>, Position)>,
    tally: Tally,
    compliant: u64,
    /// The best `keep` outreach rows so far, the worst of them on top.
    outreach: BinaryHeap<Kept>,
    /// The first `keep` review rows so far, the last of them on top.
    review: BinaryHeap<Review>,
}

impl<'a> FirstRows<'a> {
    pub fn new(
        rules: &'a (dyn Rules + Sync),
        cfg: &'a ComplianceConfig,
        employers: &'a [EmployerFacts],
        keep: usize,
    ) -> Result<FirstRows<'a>, CalcError> {
        if let Some(e) = &cfg.unresolved {
            return Err(e.clone());
        }
        let matcher = compliance::matcher_of(employers);
        Ok(FirstRows {
            rules,
            cfg,
            employers,
            matcher,
            keep,
            minimums: HashMap::new(),
            tally: Tally::default(),
            compliant: 0,
            outreach: BinaryHeap::new(),
            review: BinaryHeap::new(),
        })
    }

    /// Assesses a batch whose first row stands at `start` (batches must not overlap).
    pub fn add(&mut self, start: i64, rows: Vec<CompanyReport>) -> Result<(), CalcError> {
        for (i, c) in rows.iter().enumerate() {
            let at = (start, i);
            let province = c.region.province();
            match self.minimums.get_mut(province) {
                Some(known) => known.1 = known.1.min(at),
                None => {
                    let m = rules_port::minimum_wage(self.rules, &c.region, self.cfg.date)?;
                    self.minimums.insert(province.to_owned(), (m, at));
                }
            }
        }
        let minimum_of: HashMap<&str, Option<Rupiah>> = self
            .minimums
            .iter()
            .map(|(p, (m, _))| (p.as_str(), *m))
            .collect();
        let partials = compliance::assess_rows(
            self.rules,
            self.cfg,
            &self.matcher,
            self.employers,
            &minimum_of,
            &rows,
        )?;
        for (i, (p, c)) in partials.into_iter().flatten().zip(rows).enumerate() {
            self.tally.add(&p);
            let at = (start, i);
            if is_review(&p.matched) {
                self.keep_review(at, p, c);
            } else if p.findings.is_empty() {
                self.compliant += 1;
            } else {
                self.keep_outreach(at, p, c);
            }
        }
        Ok(())
    }

    fn keep_outreach(&mut self, at: Position, p: Partial, c: CompanyReport) {
        if self.keep == 0 {
            return;
        }
        let (shortfall, uncovered) = (-p.monthly_shortfall.get(), u64::MAX - p.uncovered_workers);
        if self.outreach.len() >= self.keep {
            // Compared before anything is built: most rows of a national run lose here.
            let better = self.outreach.peek().is_some_and(|worst| {
                let k = &worst.key;
                (shortfall, uncovered, c.name.as_str(), c.row, at)
                    < (k.0, k.1, k.2.as_str(), k.3, k.4)
            });
            if !better {
                return;
            }
            self.outreach.pop();
        }
        self.outreach.push(Kept {
            key: (shortfall, uncovered, c.name.clone(), c.row, at),
            row: compliance::assessment(p, c),
        });
    }

    fn keep_review(&mut self, at: Position, p: Partial, c: CompanyReport) {
        if self.keep == 0 {
            return;
        }
        if self.review.len() >= self.keep {
            if self.review.peek().is_none_or(|last| at >= last.at) {
                return;
            }
            self.review.pop();
        }
        self.review.push(Review {
            at,
            row: compliance::assessment(p, c),
        });
    }

    /// The report: the kept rows in order, counts and totals over every row added.
    pub fn finish(self) -> ComplianceReport {
        let mut minimum_wages: Vec<(Position, String, Option<Rupiah>)> = self
            .minimums
            .into_iter()
            .map(|(p, (m, at))| (at, p, m))
            .collect();
        minimum_wages.sort();
        ComplianceReport {
            config: self.cfg.clone(),
            minimum_wages: minimum_wages.into_iter().map(|(_, p, m)| (p, m)).collect(),
            outreach: self
                .outreach
                .into_sorted_vec()
                .into_iter()
                .map(|k| k.row)
                .collect(),
            review: self
                .review
                .into_sorted_vec()
                .into_iter()
                .map(|r| r.row)
                .collect(),
            compliant: self.compliant,
            totals: self.tally.totals_list(),
            monthly_shortfall: self.tally.monthly_shortfall,
            outreach_count: self.tally.outreach as u64,
            review_count: self.tally.review as u64,
        }
    }
}
