//! The engine's fast PU answer (`Rules::pu_totals`, from the compiled rate book) equals the
//! contract path (`Rules::contribution` of the same scenario) for any wage, risk class, program
//! set and month, errors included.

use jamsos_analytics::model::ProgramSet;
use jamsos_analytics::rules_port::{Rules, pu_scenario};
use jamsos_rules::{Engine, Rupiah};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn fast_pu_totals_equal_the_contract_path(
        wage in -5i64..40_000_000,
        risk in 0u8..7,
        bits in 0u8..32,
        month in 0i32..140,
    ) {
        let engine = Engine::embedded().unwrap();
        let date = jiff::civil::date(2016 + (month / 12) as i16, 1 + (month % 12) as i8, 15);
        let codes = ["JKK", "JKM", "JHT", "JP", "JKP"];
        let list: Vec<&str> = codes
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, c)| *c)
            .collect();
        let set = ProgramSet::parse(&list.join(",")).unwrap_or(ProgramSet::EMPTY);
        let fast = engine.pu_totals(date, Rupiah(wage), risk, set);
        let slow = engine.contribution(&pu_scenario(date, Rupiah(wage), risk, set));
        prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
    }
}
