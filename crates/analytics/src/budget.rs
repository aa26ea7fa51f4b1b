//! Budget simulation for a sponsor (a city paying its vulnerable workers' contributions, a
//! CSR programme): the cohort, the cost per month and per year, the coverage it reaches, and
//! the benefits the cohort can expect under stated assumptions.
//!
//! Every amount comes from the rules engine for each month of the programme, so a change of
//! rules mid-programme (a new bracket, PP 50/2025 relief — which does *not* apply to APBD/APBN
//! funding) is priced in the month it applies. Expected benefits are exact expectations:
//! `cohort × annual rate / 12 × benefit` summed month by month (a death in month *i* has *i*
//! months of membership, which decides the JKM scholarship's 3-year condition), rounded once.

use crate::coverage::{self, CoverageQuery};
use crate::model::{EnrolledRecord, PotentialRecord, Program, ProgramSet};
use crate::period::Month;
use crate::ratio::Ratio;
use crate::region::{NoDirectory, RegionKey};
use crate::rules_port::{self, FundedBy, Rules};
use crate::sector::Sector;
use crate::suppress::Policy;
use jamsos_rules::input::ChildInput;
use jamsos_rules::{CalcError, Rate, Rupiah, rounding};
use serde::Serialize;

/// How many to cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Count(u64),
    AllUncoveredVulnerable,
}

/// The contribution package paid per person.
#[derive(Clone, Debug, Serialize)]
pub struct Package {
    pub programs: ProgramSet,
    /// Declared income; `None`: the lowest BPU bracket in force (the minimum package).
    pub income: Option<Rupiah>,
}

impl Default for Package {
    /// The BPU minimum: JKK + JKM at the lowest income bracket.
    fn default() -> Package {
        Package {
            programs: ProgramSet::of(&[Program::Jkk, Program::Jkm]),
            income: None,
        }
    }
}

/// Stated assumptions for expected benefits.
#[derive(Clone, Debug, Serialize)]
pub struct Assumptions {
    /// Annual probability of death from causes other than work (JKM).
    pub annual_death_rate: Rate,
    /// Annual probability of death from a work accident (JKK).
    pub annual_work_accident_death_rate: Rate,
    /// The children a deceased participant leaves, for the scholarship.
    pub children: Vec<Child>,
}

/// A child assumed for the scholarship (the contract's `children` item).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Child {
    pub birth_date: jiff::civil::Date,
    /// `TK`, `SD`, `SMP`, `SMA`, `PT` or `none`.
    pub level: String,
    pub grade: i64,
}

impl Child {
    fn input(&self) -> ChildInput {
        ChildInput {
            birth_date: Some(self.birth_date.to_string()),
            level: Some(self.level.clone()),
            grade: Some(self.grade),
            married: Some(false),
            working: Some(false),
        }
    }
}

impl Assumptions {
    /// Two children at school (SD grade 1, aged 7; SMP grade 1, aged 13) when the programme
    /// starts: a stated, adjustable assumption, not a statistic.
    pub fn default_children(start: Month) -> Vec<Child> {
        let born = |age: i16| {
            jiff::civil::Date::new(start.year - age, 7, 1).unwrap_or(jiff::civil::Date::MIN)
        };
        vec![
            Child {
                birth_date: born(7),
                level: "SD".to_owned(),
                grade: 1,
            },
            Child {
                birth_date: born(13),
                level: "SMP".to_owned(),
                grade: 1,
            },
        ]
    }
}

#[derive(Clone, Debug)]
pub struct BudgetRequest {
    pub start: Month,
    pub months: u32,
    /// Regions covered (any level; nested regions are counted once).
    pub regions: Vec<RegionKey>,
    /// Sectors (empty: all).
    pub sectors: Vec<Sector>,
    pub target: Target,
    pub package: Package,
    pub funded_by: FundedBy,
    pub assumptions: Option<Assumptions>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MonthCost {
    pub month: Month,
    pub per_person: Rupiah,
    pub total: Rupiah,
}

#[derive(Clone, Debug, Serialize)]
pub struct CoverageChange {
    pub potential: u64,
    pub enrolled_before: u64,
    pub enrolled_after: u64,
    pub before: Ratio,
    pub after: Ratio,
    pub potential_vulnerable: u64,
    pub enrolled_vulnerable_before: u64,
    pub enrolled_vulnerable_after: u64,
    pub vulnerable_before: Ratio,
    pub vulnerable_after: Ratio,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExpectedBenefits {
    /// Expected cases over the programme, in hundredths (`"1.40"`).
    pub jkm_deaths: String,
    pub jkk_deaths: String,
    /// One case at the programme's last month, for reference.
    pub jkm_per_case: Rupiah,
    pub jkk_per_case: Rupiah,
    /// Expected amounts over the programme.
    pub jkm_cash: Rupiah,
    pub jkk_cash: Rupiah,
    pub scholarships: Rupiah,
    pub total: Rupiah,
    pub assumptions: Assumptions,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetResult {
    pub start: Month,
    pub months: u32,
    pub regions: Vec<RegionKey>,
    pub sectors: Vec<Sector>,
    pub funded_by: FundedBy,
    pub programs: ProgramSet,
    pub income: Rupiah,
    pub cohort: u64,
    pub per_person_first_month: Rupiah,
    pub cost_first_month: Rupiah,
    /// The 12 months from the start.
    pub cost_per_year: Rupiah,
    /// The programme's months.
    pub cost_total: Rupiah,
    pub monthly: Vec<MonthCost>,
    pub coverage: CoverageChange,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_benefits: Option<ExpectedBenefits>,
    pub warnings: Vec<String>,
}

/// Runs a simulation. Coverage is read for the month before the start (the latest known).
pub fn simulate(
    rules: &dyn Rules,
    req: &BudgetRequest,
    potential: &[PotentialRecord],
    enrolled: &[EnrolledRecord],
) -> Result<BudgetResult, CalcError> {
    if req.months == 0 {
        return Err(CalcError::invalid("months", "at least one month"));
    }
    let base = selection_totals(req, potential, enrolled);
    let uncovered_v = base.3.saturating_sub(base.4);
    let cohort = match req.target {
        Target::Count(n) => n,
        Target::AllUncoveredVulnerable => uncovered_v,
    };
    let mut warnings = Vec::new();
    if let Target::Count(n) = req.target
        && n > uncovered_v
    {
        warnings.push(format!(
            "the count {n} exceeds the {uncovered_v} uncovered vulnerable workers in the selection"
        ));
    }
    let income = match req.package.income {
        Some(i) => i,
        None => rules.rupiah_param(rules_port::BPU_MINIMUM_INCOME, req.start.first_day())?,
    };
    let months_for_year = req.months.max(12);
    let mut monthly = Vec::new();
    for m in req.start.range(months_for_year) {
        let r = rules.contribution(&rules_port::bpu_scenario(
            m.first_day(),
            income,
            req.package.programs,
            req.funded_by,
            None,
        ))?;
        monthly.push(MonthCost {
            month: m,
            per_person: r.all,
            total: r.all.times(cohort as i64),
        });
    }
    let cost_per_year = monthly.iter().take(12).map(|c| c.total).sum();
    monthly.truncate(req.months as usize);
    let cost_total = monthly.iter().map(|c| c.total).sum();
    let (per_person_first_month, cost_first_month) = monthly
        .first()
        .map_or((Rupiah::ZERO, Rupiah::ZERO), |c| (c.per_person, c.total));
    let (potential_all, enrolled_all, _, potential_v, enrolled_v) = base;
    let coverage = CoverageChange {
        potential: potential_all,
        enrolled_before: enrolled_all,
        enrolled_after: enrolled_all + cohort,
        before: Ratio::new(enrolled_all, potential_all),
        after: Ratio::new(enrolled_all + cohort, potential_all),
        potential_vulnerable: potential_v,
        enrolled_vulnerable_before: enrolled_v,
        enrolled_vulnerable_after: enrolled_v + cohort,
        vulnerable_before: Ratio::new(enrolled_v, potential_v),
        vulnerable_after: Ratio::new(enrolled_v + cohort, potential_v),
    };
    let expected_benefits = match &req.assumptions {
        Some(a)
            if req.package.programs.contains(Program::Jkm)
                || req.package.programs.contains(Program::Jkk) =>
        {
            Some(expected(rules, req, a, cohort, income)?)
        }
        _ => None,
    };
    Ok(BudgetResult {
        start: req.start,
        months: req.months,
        regions: req.regions.clone(),
        sectors: req.sectors.clone(),
        funded_by: req.funded_by,
        programs: req.package.programs,
        income,
        cohort,
        per_person_first_month,
        cost_first_month,
        cost_per_year,
        cost_total,
        monthly,
        coverage,
        expected_benefits,
        warnings,
    })
}

/// (potential, enrolled, _, potential vulnerable, enrolled vulnerable) over the selection.
fn selection_totals(
    req: &BudgetRequest,
    potential: &[PotentialRecord],
    enrolled: &[EnrolledRecord],
) -> (u64, u64, (), u64, u64) {
    // Count nested regions once: drop a region inside another selected one.
    let mut regions: Vec<&RegionKey> = req
        .regions
        .iter()
        .filter(|r| !req.regions.iter().any(|o| o != *r && r.within(o)))
        .collect();
    regions.sort();
    regions.dedup();
    let month = req.start.prev();
    let mut t = (0, 0, (), 0, 0);
    for r in regions {
        let mut q = CoverageQuery::new(month, r.level());
        q.within = Some(r.clone());
        q.sectors = req.sectors.clone();
        q.policy = Policy::none();
        let tot = coverage::coverage(&q, potential, enrolled, &NoDirectory).total;
        t.0 += tot.potential;
        t.1 += tot.enrolled.unwrap_or(0);
        t.3 += tot.potential_vulnerable;
        t.4 += tot.enrolled_vulnerable.unwrap_or(0);
    }
    t
}

/// Cash and scholarship (the whole future schedule) of one death case.
fn case_amounts(parts: &[rules_port::BenefitPart]) -> (Rupiah, Rupiah) {
    let mut cash = Rupiah::ZERO;
    let mut scholarship = Rupiah::ZERO;
    for c in parts {
        if c.code == "scholarship" {
            scholarship += c.max_total.unwrap_or(c.amount);
        } else if c.payable_now {
            cash += c.amount;
        }
    }
    (cash, scholarship)
}

fn expected(
    rules: &dyn Rules,
    req: &BudgetRequest,
    a: &Assumptions,
    cohort: u64,
    income: Rupiah,
) -> Result<ExpectedBenefits, CalcError> {
    // Sums of cohort × rate(ppb) × amount; divided by 12 × 10⁹ once at the end.
    let (mut jkm_cash, mut jkk_cash, mut schol) = (0i128, 0i128, 0i128);
    let (mut jkm_case, mut jkk_case) = (Rupiah::ZERO, Rupiah::ZERO);
    let n = i128::from(cohort);
    let d = i128::from(a.annual_death_rate.ppb());
    let w = i128::from(a.annual_work_accident_death_rate.ppb());
    let children: Vec<ChildInput> = a.children.iter().map(Child::input).collect();
    for (i, m) in req.start.range(req.months).into_iter().enumerate() {
        let date = m.first_day();
        let membership = i as i64 + 1;
        if req.package.programs.contains(Program::Jkm) {
            let b = rules.benefit(&rules_port::bpu_death_scenario(
                date, "JKM", income, membership, &children,
            ))?;
            let (cash, s) = case_amounts(&b);
            jkm_cash += n * d * i128::from(cash.get());
            schol += n * d * i128::from(s.get());
            jkm_case = cash + s;
        }
        if req.package.programs.contains(Program::Jkk) {
            let b = rules.benefit(&rules_port::bpu_death_scenario(
                date, "JKK", income, membership, &children,
            ))?;
            let (cash, s) = case_amounts(&b);
            jkk_cash += n * w * i128::from(cash.get());
            schol += n * w * i128::from(s.get());
            jkk_case = cash + s;
        }
    }
    let den = 12 * i128::from(jamsos_rules::rate::PPB);
    let months = i128::from(req.months);
    let cases = |rate: i128| {
        let h = rounding::half_up(n * rate * months * 100, den).get();
        format!("{}.{:02}", h / 100, h % 100)
    };
    let jkm_cash = rounding::half_up(jkm_cash, den);
    let jkk_cash = rounding::half_up(jkk_cash, den);
    let scholarships = rounding::half_up(schol, den);
    Ok(ExpectedBenefits {
        jkm_deaths: cases(d),
        jkk_deaths: cases(w),
        jkm_per_case: jkm_case,
        jkk_per_case: jkk_case,
        jkm_cash,
        jkk_cash,
        scholarships,
        total: jkm_cash + jkk_cash + scholarships,
        assumptions: a.clone(),
    })
}
