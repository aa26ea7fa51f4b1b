//! The door to the rules engine. Analytics never computes a rate: it builds contract scenarios
//! ([`RawScenario`]) and asks the engine. [`Rules`] is implemented for
//! [`jamsos_rules::Engine`]; tests may pass a double with hand-set amounts to check the
//! arithmetic around it.

use crate::model::ProgramSet;
use crate::region::RegionKey;
use jamsos_rules::contribution::Request;
use jamsos_rules::employer_size::SizeRules;
use jamsos_rules::input::{ChildInput, ProgramList};
use jamsos_rules::params::Value;
use jamsos_rules::results::{CalcResult, Totals};
use jamsos_rules::trace::Ctx;
use jamsos_rules::{CalcError, Engine, ParamSet, RawScenario, Rupiah};
use jiff::civil::Date;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One benefit component as analytics uses it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenefitPart {
    pub code: String,
    pub amount: Rupiah,
    /// The whole future schedule's value where the engine gives one (scholarships).
    pub max_total: Option<Rupiah>,
    pub payable_now: bool,
}

/// What analytics needs from the rules engine: deliberately narrow (totals by payer, benefit
/// components), so that fields the engine adds to its results do not ripple into here.
pub trait Rules {
    /// The contribution totals by payer for one scenario.
    fn contribution(&self, raw: &RawScenario) -> Result<Totals, CalcError>;
    /// The components of one benefit scenario.
    fn benefit(&self, raw: &RawScenario) -> Result<Vec<BenefitPart>, CalcError>;
    /// A rupiah parameter in force on `date` (minimum wages, the lowest BPU income bracket).
    fn rupiah_param(&self, name: &str, date: Date) -> Result<Rupiah, CalcError>;
    /// The employer-size rule in force on `date`: the programs each size class must join
    /// (Perpres 109/2013 Pasal 6), the size thresholds, the JKK risk class assumed for
    /// unregistered companies. Default: the embedded parameter set, so that doubles with
    /// hand-set amounts still use the law's table.
    fn size_rules(&self, date: Date) -> Result<SizeRules, CalcError> {
        embedded_size_rules(date)
    }
    /// The contribution totals of one PU worker: the same answer as [`Rules::contribution`] of
    /// [`pu_scenario`], which is what this default does. The engine answers from its compiled
    /// rate book without building the contract's result shape (compliance asks this for
    /// every company).
    fn pu_totals(
        &self,
        date: Date,
        wage: Rupiah,
        risk_class: u8,
        set: ProgramSet,
    ) -> Result<Totals, CalcError> {
        self.contribution(&pu_scenario(date, wage, risk_class, set))
    }
}

fn embedded_params() -> Result<&'static ParamSet, CalcError> {
    static PARAMS: OnceLock<Result<ParamSet, String>> = OnceLock::new();
    PARAMS
        .get_or_init(|| ParamSet::embedded().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| CalcError::invalid("params", e.clone()))
}

/// [`SizeRules`] on `date` from the parameters compiled into the binary.
pub fn embedded_size_rules(date: Date) -> Result<SizeRules, CalcError> {
    SizeRules::resolve(&mut Ctx::new(embedded_params()?, None, false), date)
}

/// [`SizeRules`] as last published in the embedded parameters (no date: see
/// [`SizeRules::latest`]).
pub fn latest_size_rules() -> Result<SizeRules, CalcError> {
    SizeRules::latest(embedded_params()?)
}

impl Rules for Engine {
    fn contribution(&self, raw: &RawScenario) -> Result<Totals, CalcError> {
        match self.calculate(raw, false)?.result {
            CalcResult::Contribution(c) => Ok(c.totals),
            _ => Err(CalcError::invalid("type", "expected a contribution result")),
        }
    }

    fn benefit(&self, raw: &RawScenario) -> Result<Vec<BenefitPart>, CalcError> {
        match self.calculate(raw, false)?.result {
            CalcResult::Benefit(b) => Ok(b
                .components
                .iter()
                .map(|c| BenefitPart {
                    code: c.code.to_owned(),
                    amount: c.amount,
                    max_total: c.max_total,
                    payable_now: !c.not_payable_now,
                })
                .collect()),
            _ => Err(CalcError::invalid("type", "expected a benefit result")),
        }
    }

    fn size_rules(&self, date: Date) -> Result<SizeRules, CalcError> {
        SizeRules::resolve(&mut Ctx::new(self.params(), None, false), date)
    }

    fn pu_totals(
        &self,
        date: Date,
        wage: Rupiah,
        risk_class: u8,
        set: ProgramSet,
    ) -> Result<Totals, CalcError> {
        // The same checks as the contract path (`Request::from_raw`), then the compiled book:
        // the contract path's untraced contributions are this very computation.
        let req = Request::from_raw(&pu_scenario(date, wage, risk_class, set))?;
        Ok(self.rate_book().calculate(&req)?.sheet.totals())
    }

    fn rupiah_param(&self, name: &str, date: Date) -> Result<Rupiah, CalcError> {
        match &self.params().period(name, date)?.value {
            Value::Rupiah(r) => Ok(*r),
            other => Err(CalcError::MissingParameter {
                parameter: name.to_owned(),
                date,
                message: format!("expected a rupiah value, found {}", other.display()),
            }),
        }
    }
}

/// The parameter holding a province's minimum wage (UMP), where the parameter set has one.
/// Only DKI Jakarta's is recorded so far (regulations.md §6.1).
pub fn minimum_wage_param(region: &RegionKey) -> Option<&'static str> {
    match region.province() {
        "31" => Some("minimum_wage.ump.dki_jakarta"),
        _ => None,
    }
}

/// The minimum wage in force for a region on a date: `Ok(None)` when no minimum wage is
/// recorded for its province (the check is then skipped and the result says so).
pub fn minimum_wage(
    rules: &dyn Rules,
    region: &RegionKey,
    date: Date,
) -> Result<Option<Rupiah>, CalcError> {
    match minimum_wage_param(region) {
        Some(name) => rules.rupiah_param(name, date).map(Some),
        None => Ok(None),
    }
}

/// The parameter holding the lowest BPU declared-income bracket (regulations.md §2.1).
pub const BPU_MINIMUM_INCOME: &str = "bpu.income.minimum";

fn programs(set: ProgramSet) -> Option<ProgramList> {
    Some(ProgramList::List(
        set.codes().into_iter().map(str::to_owned).collect(),
    ))
}

/// A PU contribution scenario for one worker.
pub fn pu_scenario(date: Date, wage: Rupiah, risk_class: u8, set: ProgramSet) -> RawScenario {
    RawScenario {
        kind: Some("contribution".to_owned()),
        date: Some(date.to_string()),
        segment: Some("PU".to_owned()),
        wage: Some(wage.get()),
        risk_class: Some(i64::from(risk_class)),
        programs: programs(set),
        ..RawScenario::default()
    }
}

/// Who pays a BPU participant's contributions (the contract's `funded_by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundedBy {
    SelfPaid,
    #[default]
    Apbd,
    Apbn,
    OtherSponsor,
}

impl FundedBy {
    pub fn parse(text: &str) -> Option<FundedBy> {
        Some(match text {
            "self" => FundedBy::SelfPaid,
            "apbd" => FundedBy::Apbd,
            "apbn" => FundedBy::Apbn,
            "other_sponsor" | "csr" => FundedBy::OtherSponsor,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            FundedBy::SelfPaid => "self",
            FundedBy::Apbd => "apbd",
            FundedBy::Apbn => "apbn",
            FundedBy::OtherSponsor => "other_sponsor",
        }
    }
}

/// A BPU contribution scenario for one participant.
pub fn bpu_scenario(
    date: Date,
    income: Rupiah,
    set: ProgramSet,
    funded_by: FundedBy,
    sector: Option<&str>,
) -> RawScenario {
    RawScenario {
        kind: Some("contribution".to_owned()),
        date: Some(date.to_string()),
        segment: Some("BPU".to_owned()),
        income: Some(income.get()),
        programs: programs(set),
        funded_by: Some(funded_by.code().to_owned()),
        sector: sector.map(str::to_owned),
        ..RawScenario::default()
    }
}

/// A BPU death benefit scenario: JKM (non-work death) or JKK (work-accident death).
pub fn bpu_death_scenario(
    date: Date,
    program: &str,
    income: Rupiah,
    membership_months: i64,
    children: &[ChildInput],
) -> RawScenario {
    let jkk = program == "JKK";
    RawScenario {
        kind: Some("benefit".to_owned()),
        date: Some(date.to_string()),
        program: Some(program.to_owned()),
        segment: Some("BPU".to_owned()),
        income: jkk.then_some(income.get()),
        outcome: jkk.then(|| "death".to_owned()),
        membership_months: (!jkk).then_some(membership_months),
        children: (!children.is_empty()).then(|| children.to_vec()),
        ..RawScenario::default()
    }
}

/// Monthly cash per PU worker owed to the agency (employer + worker lines; the government's
/// JKP line is not the employer's debt), memoised: compliance asks the same question for many
/// companies.
pub struct PuCost<'r> {
    rules: &'r dyn Rules,
    memo: RefCell<HashMap<(Date, i64, u8, ProgramSet), Rupiah>>,
}

impl<'r> PuCost<'r> {
    pub fn new(rules: &'r dyn Rules) -> PuCost<'r> {
        PuCost {
            rules,
            memo: RefCell::new(HashMap::new()),
        }
    }

    pub fn per_worker(
        &self,
        date: Date,
        wage: Rupiah,
        risk_class: u8,
        set: ProgramSet,
    ) -> Result<Rupiah, CalcError> {
        if set.is_empty() || wage.get() <= 0 {
            return Ok(Rupiah::ZERO);
        }
        let key = (date, wage.get(), risk_class, set);
        if let Some(v) = self.memo.borrow().get(&key) {
            return Ok(*v);
        }
        let r = self.rules.pu_totals(date, wage, risk_class, set)?;
        let v = r.employer + r.worker;
        self.memo.borrow_mut().insert(key, v);
        Ok(v)
    }

    pub fn rules(&self) -> &'r dyn Rules {
        self.rules
    }
}

/// The engine through the contract path only (no [`Rules::pu_totals`] shortcut): the reference
/// `jamsos compliance --reference` prices with.
pub struct ContractPath<'e>(pub &'e Engine);

impl Rules for ContractPath<'_> {
    fn contribution(&self, raw: &RawScenario) -> Result<Totals, CalcError> {
        self.0.contribution(raw)
    }
    fn benefit(&self, raw: &RawScenario) -> Result<Vec<BenefitPart>, CalcError> {
        self.0.benefit(raw)
    }
    fn rupiah_param(&self, name: &str, date: Date) -> Result<Rupiah, CalcError> {
        self.0.rupiah_param(name, date)
    }
}
