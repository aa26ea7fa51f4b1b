//! The demo's payment records: amounts from the rules engine, deterministic, and the February
//! 2026 JKM hand-over to the two deceased participants' heirs.

use jamsos_domain::demo::{JKM_HAND_OVER, WEST_JAKARTA_AS_OF, payments, west_jakarta};
use jamsos_domain::payments::{BenefitKind, Entry, Payer};
use jamsos_rules::results::Program;
use jamsos_rules::{Engine, Rupiah};
use jiff::civil::date;

#[test]
fn the_heirs_receive_jkm_in_february_2026() {
    let ds = west_jakarta(2026);
    let p = payments(&ds, &Engine::embedded().unwrap()).unwrap();
    assert_eq!(ds.deaths.len(), 2);
    for death in &ds.deaths {
        let paid: Vec<_> = p
            .benefits
            .iter()
            .filter_map(|r| match &r.entry {
                Entry::Payment(b) if b.kpj == death.kpj && b.program == Program::Jkm => Some(b),
                _ => None,
            })
            .collect();
        assert!(paid.iter().all(|b| b.paid_on == JKM_HAND_OVER));
        let amount = |k: BenefitKind| paid.iter().find(|b| b.benefit == k).map(|b| b.amount);
        // PP 82/2019: Rp20,000,000 at once, Rp12,000,000 periodic (24 × Rp500,000), Rp10,000,000
        // funeral.
        assert_eq!(amount(BenefitKind::DeathLumpSum), Some(Rupiah(20_000_000)));
        assert_eq!(
            amount(BenefitKind::PeriodicBenefit),
            Some(Rupiah(12_000_000))
        );
        assert_eq!(amount(BenefitKind::Funeral), Some(Rupiah(10_000_000)));
    }
    assert!(
        p.benefits
            .iter()
            .any(|r| matches!(&r.entry, Entry::Payment(b) if b.benefit == BenefitKind::JhtBalance))
    );
    assert_eq!(
        p.benefits
            .iter()
            .filter(|r| matches!(&r.entry, Entry::Payment(b) if b.benefit == BenefitKind::Stmb))
            .count(),
        2
    );
}

#[test]
fn contributions_cover_twelve_months_and_the_province_pays_16800_a_head() {
    let ds = west_jakarta(2026);
    let engine = Engine::embedded().unwrap();
    let p = payments(&ds, &engine).unwrap();
    assert_eq!(p, payments(&ds, &engine).unwrap(), "deterministic");
    assert!(
        p.late > 0 && p.unpaid > 0,
        "late {} unpaid {}",
        p.late,
        p.unpaid
    );
    let mut months = std::collections::BTreeSet::new();
    for r in &p.contributions {
        let Entry::Payment(c) = &r.entry else {
            panic!("the demo records no reversals")
        };
        assert!(
            c.paid_on > c.month && c.paid_on <= WEST_JAKARTA_AS_OF,
            "{c:?}"
        );
        months.insert(c.month);
    }
    assert_eq!(months.len(), 12);
    assert_eq!(months.first(), Some(&date(2025, 2, 1)));
    assert_eq!(months.last(), Some(&date(2026, 1, 1)));
    // Kepgub DKI 642/2023: APBD pays BPU JKK + JKM, Rp16,800 a month per RT/RW head.
    let june = date(2025, 6, 1);
    let heads = ds
        .memberships
        .iter()
        .filter(|m| {
            m.sponsor
                .as_ref()
                .is_some_and(|s| s.as_str() == "PEMPROV-DKI")
        })
        .filter(|m| m.is_active_on(june))
        .count() as i64;
    assert!(heads > 0);
    let paid = p
        .contributions
        .iter()
        .find_map(|r| match &r.entry {
            Entry::Payment(c)
                if c.month == june
                    && matches!(&c.payer, Payer::Sponsor(s) if s.as_str() == "PEMPROV-DKI") =>
            {
                Some(c.total())
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(paid, Rupiah(16_800 * heads));
}
