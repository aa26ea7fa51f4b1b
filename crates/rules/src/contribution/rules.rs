//! The contribution rules themselves, written once and generic over [`Env`] so the traced and
//! the compiled paths cannot drift apart. Every line is `base × rate` rounded half up
//! (Decisions 8); reliefs change the rate (PP 7/2025 publishes its discounted rates that way),
//! never the rounded amount.

use super::env::Env;
use super::ids::{Note, P};
use super::request::{Employer, FundedBy, JakonBase, Package, Programs, Request, SegmentRequest};
use super::sheet::{FastAllocation, FastLine, Sheet};
use crate::dates::month_text;
use crate::error::CalcError;
use crate::money::Rupiah;
use crate::params::Band;
use crate::rate::{PPB, Rate};
use crate::results::{Payer, Program};
use crate::rounding;
use crate::trace::{Expr, Label};
use serde_json::json;

const CITE_JKK: &str = "PP 44/2015 Pasal 16(1)";
const CITE_JKM: &str = "PP 44/2015 Pasal 18(1)";
const CITE_JHT: &str = "PP 46/2015 Pasal 16(1)";
const CITE_JP: &str = "PP 45/2015 Pasal 28(3) dan Pasal 29";
const CITE_JKP: &str = "PP 37/2021 Pasal 11 (diubah PP 6/2025)";
const CITE_PP49: &str = "PP 49/2020 Pasal 3(2), Pasal 17(2)";
const CITE_PP7: &str = "PP 7/2025 (diperpanjang PP 36/2025 Pasal 10A)";
const CITE_PP50: &str = "PP 50/2025";
const CITE_BPU: &str = "PP 44/2015 Pasal 16, 18 dan Lampiran II; PP 46/2015; Permenaker 5/2021";
const CITE_JAKON: &str = "PP 44/2015; Permenaker 44/2015";
const CITE_PMI: &str = "Permenaker 4/2023 Pasal 18";

/// Computes one request into `sheet`.
pub fn compute<E: Env>(env: &mut E, req: &Request, sheet: &mut Sheet) -> Result<(), CalcError> {
    env.input("date", || json!(req.date.to_string()));
    env.input("segment", || json!(req.segment().code()));
    if let Some(p) = req.programs {
        env.input("programs", || json!(p.codes()));
    }
    env.rule(
        || {
            let last = super::rule_date(req.date);
            Label::owned(
                format!(
                    "bulan iuran {}: berlaku aturan pada hari terakhirnya ({last})",
                    month_text(req.date)
                ),
                format!(
                    "contribution month {}: the rules in force on its last day ({last}) apply",
                    month_text(req.date)
                ),
            )
        },
        true,
        Some("regulations.md Decisions 10 (aturan dipilih menurut bulan iuran)"),
    );
    match &req.segment {
        SegmentRequest::Pu {
            wage,
            risk_class,
            employer,
        } => pu(
            env,
            *wage,
            *risk_class,
            employer.as_ref(),
            req.programs,
            sheet,
        ),
        SegmentRequest::Bpu {
            income,
            transport,
            sector,
            funded_by,
        } => bpu(
            env,
            *income,
            *transport,
            sector.as_deref(),
            *funded_by,
            req.programs,
            sheet,
        ),
        SegmentRequest::Jakon(base) => jakon(env, *base, req.programs, sheet),
        SegmentRequest::Pmi(package) => pmi(env, *package, req.programs, sheet),
    }
}

/// `1 − discount`: the share of the normal contribution still paid.
fn pay_share(discount: Rate) -> Rate {
    Rate::from_ppb(PPB.saturating_sub(discount.ppb()))
}

/// `rate × share`, exact; a product needing more than 9 decimals (only reachable through
/// unusual overrides) is refused rather than rounded.
fn scaled(rate: Rate, share: Rate) -> Result<Rate, CalcError> {
    if share == Rate::ONE {
        return Ok(rate);
    }
    rate.times(share).ok_or_else(|| {
        CalcError::invalid(
            "overrides",
            format!("{rate} × {share} cannot be held exactly (more than 9 decimal places)"),
        )
    })
}

fn line(program: Program, payer: Payer, base: Rupiah, rate: Rate) -> FastLine {
    FastLine::new(program, payer, Some(base), Some(rate), rate.of(base), false)
}

fn rate_formula<E: Env>(env: &mut E, label: fn() -> Label, l: &FastLine, cite: &'static str) {
    env.formula(|| {
        let base = l.base().unwrap_or(Rupiah::ZERO);
        let rate = l.rate().unwrap_or(Rate::ZERO);
        (
            label(),
            Expr::new()
                .money(base)
                .op("×")
                .rate(rate)
                .op("=")
                .money(l.amount),
            Some(l.amount.get()),
            Some(cite),
        )
    });
}

fn discount_formula<E: Env>(
    env: &mut E,
    label: fn() -> Label,
    gross: Rate,
    share: Rate,
    net: Rate,
    cite: &'static str,
) {
    env.formula(|| {
        (
            label(),
            Expr::new()
                .rate(gross)
                .op("×")
                .rate(share)
                .op("=")
                .rate(net),
            None,
            Some(cite),
        )
    });
}

fn pu<E: Env>(
    env: &mut E,
    wage: Rupiah,
    class: u8,
    employer: Option<&Employer>,
    programs: Option<Programs>,
    sheet: &mut Sheet,
) -> Result<(), CalcError> {
    env.input("wage", || json!(wage.get()));
    env.input("risk_class", || json!(class));
    if let Some(e) = employer {
        env.input(
            "employer",
            || json!({"sector": e.sector, "workers": e.workers}),
        );
    }
    let mut set = programs.unwrap_or(Programs::of(&Program::ALL));
    if set.contains(Program::Jkp) {
        let in_force = env.flag(P::JkpInForce)?;
        env.rule(
            || {
                Label::new(
                    "program JKP ada pada bulan iuran ini",
                    "JKP exists in this contribution month",
                )
            },
            in_force,
            Some("PP 37/2021"),
        );
        if !in_force {
            if programs.is_some() {
                return Err(CalcError::invalid(
                    "programs",
                    "JKP did not exist in this contribution month: PP 37/2021 started it with February 2021",
                ));
            }
            set.remove(Program::Jkp);
        }
    }

    let mut share49 = Rate::ONE;
    if set.contains(Program::Jkk) || set.contains(Program::Jkm) {
        let d49 = env.rate(P::Pp49JkkJkmDiscount)?;
        if d49 != Rate::ZERO {
            share49 = pay_share(d49);
            env.note(Note::Pp49Conditions);
        }
    }

    let mut pp7 = false;
    if set.contains(Program::Jkk) {
        let class_param = P::jkk_class(class)
            .ok_or_else(|| CalcError::invalid("risk_class", "risk_class is 1 to 5"))?;
        let gross = env.rate(class_param)?;
        let mut rate = scaled(gross, share49)?;
        if share49 != Rate::ONE {
            discount_formula(
                env,
                || {
                    Label::new(
                        "tarif JKK setelah keringanan PP 49/2020",
                        "JKK rate after the PP 49/2020 relief",
                    )
                },
                gross,
                share49,
                rate,
                CITE_PP49,
            );
        }
        if let Some(Employer {
            sector: Some(sector),
            workers,
        }) = employer
            && let Some(d7) = env.table_rate(P::Pp7BySector, sector)?
            && d7 != Rate::ZERO
        {
            let min = env.count(P::Pp7MinWorkers)?;
            let workers = workers.ok_or_else(|| {
                CalcError::invalid(
                    "employer.workers",
                    format!(
                        "required to decide the PP 7/2025 JKK discount for sector {sector} in this contribution month"
                    ),
                )
            })?;
            let eligible = workers >= min;
            env.rule(
                || {
                    Label::owned(
                        format!("pemberi kerja sektor padat karya {sector} dengan {workers} pekerja aktif (minimal {min}) mendapat potongan JKK"),
                        format!("labour-intensive employer in {sector} with {workers} active workers (at least {min}) gets the JKK discount"),
                    )
                },
                eligible,
                Some(CITE_PP7),
            );
            if eligible {
                let before = rate;
                rate = scaled(rate, pay_share(d7))?;
                pp7 = true;
                env.note(Note::Pp7Conditions);
                discount_formula(
                    env,
                    || {
                        Label::new(
                            "tarif JKK setelah potongan PP 7/2025",
                            "JKK rate after the PP 7/2025 discount",
                        )
                    },
                    before,
                    pay_share(d7),
                    rate,
                    CITE_PP7,
                );
            }
        }
        let l = line(Program::Jkk, Payer::Employer, wage, rate);
        rate_formula(
            env,
            || Label::new("iuran JKK (pemberi kerja)", "JKK contribution (employer)"),
            &l,
            CITE_JKK,
        );
        sheet.push(l)?;
    }

    if set.contains(Program::Jkm) {
        let gross = env.rate(P::PuJkm)?;
        let rate = scaled(gross, share49)?;
        let l = line(Program::Jkm, Payer::Employer, wage, rate);
        rate_formula(
            env,
            || Label::new("iuran JKM (pemberi kerja)", "JKM contribution (employer)"),
            &l,
            CITE_JKM,
        );
        sheet.push(l)?;
    }

    if set.contains(Program::Jht) {
        let er = line(
            Program::Jht,
            Payer::Employer,
            wage,
            env.rate(P::PuJhtEmployer)?,
        );
        rate_formula(
            env,
            || Label::new("iuran JHT (pemberi kerja)", "JHT contribution (employer)"),
            &er,
            CITE_JHT,
        );
        sheet.push(er)?;
        let wk = line(Program::Jht, Payer::Worker, wage, env.rate(P::PuJhtWorker)?);
        rate_formula(
            env,
            || Label::new("iuran JHT (pekerja)", "JHT contribution (worker)"),
            &wk,
            CITE_JHT,
        );
        sheet.push(wk)?;
    }

    if set.contains(Program::Jp) {
        let cap = env.rupiah(P::JpWageCap)?;
        let base = wage.min(cap);
        env.formula(|| {
            (
                Label::new(
                    "dasar iuran JP: upah dibatasi batas atas upah JP",
                    "JP base: the wage capped at the JP wage cap",
                ),
                Expr::new()
                    .op("min(")
                    .money(wage)
                    .op(",")
                    .money(cap)
                    .op(")")
                    .op("=")
                    .money(base),
                Some(base.get()),
                Some("PP 45/2015 Pasal 29"),
            )
        });
        let er = env.rate(P::PuJpEmployer)?;
        let wk = env.rate(P::PuJpWorker)?;
        let deferred = env.rate(P::Pp49JpDeferred)?;
        if deferred != Rate::ZERO {
            env.note(Note::Pp49Conditions);
        }
        for (payer, rate) in [(Payer::Employer, er), (Payer::Worker, wk)] {
            let full = rate.of(base);
            let paid_rate = scaled(rate, pay_share(deferred))?;
            let l = line(Program::Jp, payer, base, paid_rate);
            rate_formula(
                env,
                if payer == Payer::Employer {
                    || Label::new("iuran JP (pemberi kerja)", "JP contribution (employer)")
                } else {
                    || Label::new("iuran JP (pekerja)", "JP contribution (worker)")
                },
                &l,
                CITE_JP,
            );
            if deferred != Rate::ZERO {
                let d = l.with_rate_amount(scaled(rate, deferred)?, full - l.amount);
                env.formula(|| {
                    (
                        Label::new(
                            "iuran JP yang ditunda (PP 49/2020)",
                            "JP contribution deferred (PP 49/2020)",
                        ),
                        Expr::new()
                            .money(full)
                            .op("−")
                            .money(l.amount)
                            .op("=")
                            .money(d.amount),
                        Some(d.amount.get()),
                        Some("PP 49/2020 Pasal 17(2)"),
                    )
                });
                sheet.defer(d)?;
            }
            sheet.push(l)?;
        }
    }

    if set.contains(Program::Jkp) {
        let cap = env.rupiah(P::JkpWageCap)?;
        let base = wage.min(cap);
        let gov = line(
            Program::Jkp,
            Payer::Government,
            base,
            env.rate(P::JkpGovernment)?,
        );
        env.formula(|| {
            (
                Label::new(
                    "dasar iuran JKP: upah dibatasi Rp5.000.000",
                    "JKP base: the wage capped at the JKP ceiling",
                ),
                Expr::new()
                    .op("min(")
                    .money(wage)
                    .op(",")
                    .money(cap)
                    .op(")")
                    .op("=")
                    .money(base),
                Some(base.get()),
                Some("PP 37/2021 Pasal 11"),
            )
        });
        rate_formula(
            env,
            || {
                Label::new(
                    "iuran JKP dibayar Pemerintah (APBN)",
                    "JKP contribution paid by the government (APBN)",
                )
            },
            &gov,
            CITE_JKP,
        );
        sheet.push(gov)?;
        if set.contains(Program::Jkk) {
            let mut r = env.rate(P::JkpFromJkk)?;
            if pp7 {
                let d = env.rate(P::Pp7Recomposition)?;
                let before = r;
                r = scaled(r, pay_share(d))?;
                if d != Rate::ZERO {
                    discount_formula(
                        env,
                        || {
                            Label::new(
                                "rekomposisi JKK→JKP selama potongan PP 7/2025 (keputusan mesin)",
                                "JKK→JKP recomposition during the PP 7/2025 discount (engine decision)",
                            )
                        },
                        before,
                        pay_share(d),
                        r,
                        "regulations.md §1.8.2 (NOT FOUND; decision)",
                    );
                }
            }
            allocate(env, sheet, Program::Jkk, base, r)?;
        }
        if set.contains(Program::Jkm) {
            let r = env.rate(P::JkpFromJkm)?;
            allocate(env, sheet, Program::Jkm, base, r)?;
        }
    }
    Ok(())
}

/// A recomposition allocation into JKP (not cash; not in totals). A 0 % rate allocates nothing.
fn allocate<E: Env>(
    env: &mut E,
    sheet: &mut Sheet,
    from: Program,
    base: Rupiah,
    rate: Rate,
) -> Result<(), CalcError> {
    if rate == Rate::ZERO {
        return Ok(());
    }
    let a = FastAllocation {
        from,
        to: Program::Jkp,
        base,
        rate,
        amount: rate.of(base),
    };
    env.formula(|| {
        (
            if from == Program::Jkk {
                Label::new(
                    "rekomposisi dari iuran JKK ke JKP (bukan tambahan iuran)",
                    "recomposition from the JKK contribution to JKP (not extra cash)",
                )
            } else {
                Label::new(
                    "rekomposisi dari iuran JKM ke JKP (bukan tambahan iuran)",
                    "recomposition from the JKM contribution to JKP (not extra cash)",
                )
            },
            Expr::new()
                .money(base)
                .op("×")
                .rate(rate)
                .op("=")
                .money(a.amount),
            Some(a.amount.get()),
            Some("PP 37/2021 Pasal 11; PP 44/2015 Pasal 16A, 18A (PP 49/2023); PP 6/2025"),
        )
    });
    sheet.allocate(a)
}

fn bpu<E: Env>(
    env: &mut E,
    income: Rupiah,
    transport: bool,
    sector: Option<&str>,
    funded_by: FundedBy,
    programs: Option<Programs>,
    sheet: &mut Sheet,
) -> Result<(), CalcError> {
    env.input("income", || json!(income.get()));
    if let Some(s) = sector {
        env.input("sector", || json!(s));
    }
    env.input("funded_by", || json!(funded_by.code()));
    let set = programs.unwrap_or(Programs::of(&[Program::Jkk, Program::Jkm]));
    let min = env.rupiah(P::BpuMinIncome)?;
    if income < min {
        return Err(CalcError::invalid(
            "income",
            format!(
                "income must be at least {} (the lowest BPU income bracket, PP 44/2015 Lampiran II)",
                min.to_en_string()
            ),
        ));
    }
    let payer = if funded_by.is_budget() {
        Payer::Government
    } else {
        Payer::Participant
    };
    env.rule(
        || {
            Label::new(
                "iuran dibayar dari APBN/APBD: pembayar = pemerintah",
                "contributions paid from the APBN/APBD: payer = government",
            )
        },
        funded_by.is_budget(),
        Some("regulations.md §2.2 (iuran pekerja rentan dibayar APBD/APBN); PP 50/2025"),
    );

    let d49 = env.rate(P::Pp49JkkJkmDiscount)?;
    if d49 != Rate::ZERO {
        env.note(Note::Pp49Conditions);
    }
    let mut d50 = env.rate(if transport {
        P::Pp50Transport
    } else {
        P::Pp50General
    })?;
    if d50 != Rate::ZERO {
        env.rule(
            || {
                Label::new(
                    "keringanan PP 50/2025 tidak berlaku bagi iuran yang dibayar APBN/APBD",
                    "the PP 50/2025 relief does not apply to contributions paid from the APBN/APBD",
                )
            },
            funded_by.is_budget(),
            Some(CITE_PP50),
        );
        if funded_by.is_budget() {
            d50 = Rate::ZERO;
        }
    }
    let share = scaled(pay_share(d49), pay_share(d50))?;
    let cite_relief = if d49 != Rate::ZERO {
        CITE_PP49
    } else {
        CITE_PP50
    };

    if set.contains(Program::Jkk) {
        let gross = match env.brackets(P::BpuBrackets)? {
            Some(table) => {
                let found = table.iter().find(|(amount, _)| *amount == income);
                match found {
                    Some((_, r)) => *r,
                    None => {
                        let list: Vec<String> =
                            table.iter().map(|(a, _)| a.to_en_string()).collect();
                        return Err(CalcError::invalid(
                            "income",
                            format!(
                                "{} is not a BPU income bracket; the brackets are: {}",
                                income.to_en_string(),
                                list.join(", ")
                            ),
                        ));
                    }
                }
            }
            None => {
                env.rule(
                    || Label::new("tabel kelompok penghasilan BPU tidak diketahui: dasar iuran = penghasilan yang dilaporkan", "BPU income-bracket table unknown: the base is the declared income"),
                    true,
                    Some("regulations.md Decisions 5"),
                );
                if income != min {
                    env.note(Note::BpuIncomeUnconfirmedBracket);
                }
                env.rate(P::BpuJkk)?
            }
        };
        let rate = scaled(gross, share)?;
        if share != Rate::ONE {
            discount_formula(
                env,
                || {
                    Label::new(
                        "tarif JKK BPU setelah keringanan",
                        "BPU JKK rate after the relief",
                    )
                },
                gross,
                share,
                rate,
                cite_relief,
            );
        }
        let l = line(Program::Jkk, payer, income, rate);
        rate_formula(
            env,
            || Label::new("iuran JKK BPU", "BPU JKK contribution"),
            &l,
            CITE_BPU,
        );
        sheet.push(l)?;
    }
    if set.contains(Program::Jkm) {
        let flat = env.rupiah(P::BpuJkm)?;
        let amount = share.of(flat);
        env.formula(|| {
            (
                Label::new(
                    "iuran JKM BPU (nominal tetap)",
                    "BPU JKM contribution (flat amount)",
                ),
                Expr::new()
                    .money(flat)
                    .op("×")
                    .rate(share)
                    .op("=")
                    .money(amount),
                Some(amount.get()),
                Some("PP 44/2015 Pasal 18"),
            )
        });
        sheet.push(FastLine::new(
            Program::Jkm,
            payer,
            None,
            None,
            amount,
            false,
        ))?;
    }
    if set.contains(Program::Jht) {
        let l = line(Program::Jht, payer, income, env.rate(P::BpuJht)?);
        rate_formula(
            env,
            || Label::new("iuran JHT BPU (pilihan)", "BPU JHT contribution (optional)"),
            &l,
            "PP 46/2015",
        );
        sheet.push(l)?;
    }
    Ok(())
}

fn jakon<E: Env>(
    env: &mut E,
    base: JakonBase,
    programs: Option<Programs>,
    sheet: &mut Sheet,
) -> Result<(), CalcError> {
    let set = programs.unwrap_or(Programs::of(&[Program::Jkk, Program::Jkm]));
    let d49 = env.rate(P::Pp49JkkJkmDiscount)?;
    if d49 != Rate::ZERO {
        env.note(Note::Pp49Conditions);
    }
    let share = pay_share(d49);
    match base {
        JakonBase::ContractValue(value) => {
            env.input("contract_value", || json!(value.get()));
            for (program, param) in [
                (Program::Jkk, P::JakonJkkBands),
                (Program::Jkm, P::JakonJkmBands),
            ] {
                if !set.contains(program) {
                    continue;
                }
                let bands = env.bands(param)?;
                let amount = marginal(env, program, value, &bands, share)?;
                sheet.push(FastLine::new(
                    program,
                    Payer::Participant,
                    Some(value),
                    None,
                    amount,
                    false,
                ))?;
            }
        }
        JakonBase::Wage(wage) => {
            env.input("wage", || json!(wage.get()));
            for (program, param) in [
                (Program::Jkk, P::JakonWageJkk),
                (Program::Jkm, P::JakonWageJkm),
            ] {
                if !set.contains(program) {
                    continue;
                }
                let rate = scaled(env.rate(param)?, share)?;
                let l = line(program, Payer::Participant, wage, rate);
                rate_formula(
                    env,
                    if program == Program::Jkk {
                        || {
                            Label::new(
                                "iuran JKK jasa konstruksi (upah diketahui)",
                                "Jakon JKK contribution (wages known)",
                            )
                        }
                    } else {
                        || {
                            Label::new(
                                "iuran JKM jasa konstruksi (upah diketahui)",
                                "Jakon JKM contribution (wages known)",
                            )
                        }
                    },
                    &l,
                    CITE_JAKON,
                );
                sheet.push(l)?;
            }
        }
    }
    Ok(())
}

/// Cumulative marginal bands: each rate applies to the part of `value` inside its band; the sum
/// is taken exactly and rounded once, half up (one line). `share` is the relief's pay share.
fn marginal<E: Env>(
    env: &mut E,
    program: Program,
    value: Rupiah,
    bands: &[Band],
    share: Rate,
) -> Result<Rupiah, CalcError> {
    let too_large =
        || CalcError::invalid("contract_value", "contract_value is too large to compute");
    let mut numerator: i128 = 0;
    let mut lower = Rupiah::ZERO;
    for band in bands {
        let upper = band.upto.map_or(value, |u| u.min(value));
        let portion = upper - lower;
        if portion > Rupiah::ZERO {
            let part = i128::from(portion.get())
                .checked_mul(i128::from(band.rate.ppb()))
                .ok_or_else(too_large)?;
            numerator = numerator.checked_add(part).ok_or_else(too_large)?;
            env.formula(|| {
                let part_amount = band.rate.of(portion);
                (
                    Label::owned(
                        format!(
                            "{} jasa konstruksi: bagian nilai kontrak {} s.d. {}",
                            program.code(),
                            lower.to_id_string(),
                            upper.to_id_string()
                        ),
                        format!(
                            "Jakon {}: contract value from {} to {}",
                            program.code(),
                            lower.to_en_string(),
                            upper.to_en_string()
                        ),
                    ),
                    Expr::new()
                        .money(portion)
                        .op("×")
                        .rate(band.rate)
                        .op("=")
                        .money(part_amount),
                    Some(part_amount.get()),
                    Some(CITE_JAKON),
                )
            });
        }
        match band.upto {
            Some(u) if u < value => lower = u,
            _ => break,
        }
    }
    let amount = if share == Rate::ONE {
        rounding::half_up(numerator, i128::from(PPB))
    } else {
        let n = numerator
            .checked_mul(i128::from(share.ppb()))
            .ok_or_else(too_large)?;
        rounding::half_up(n, i128::from(PPB) * i128::from(PPB))
    };
    env.formula(|| {
        (
            Label::owned(
                format!(
                    "iuran {} jasa konstruksi (jumlah seluruh bagian, dibulatkan)",
                    program.code()
                ),
                format!(
                    "Jakon {} contribution (sum of the bands, rounded)",
                    program.code()
                ),
            ),
            Expr::new()
                .text("Σ", "Σ")
                .op("×")
                .rate(share)
                .op("=")
                .money(amount),
            Some(amount.get()),
            Some(CITE_JAKON),
        )
    });
    Ok(amount)
}

fn pmi<E: Env>(
    env: &mut E,
    package: Package,
    programs: Option<Programs>,
    sheet: &mut Sheet,
) -> Result<(), CalcError> {
    env.input("package", || json!(package.code()));
    let set = programs.unwrap_or(Programs::of(&[Program::Jkk, Program::Jkm]));
    if set.contains(Program::Jkk) {
        let param = match package {
            Package::PrePlacement => P::PmiPrePlacement,
            Package::Placement24 => P::PmiPlacement24,
            Package::Placement12 => P::PmiPlacement12,
            Package::Placement6 => P::PmiPlacement6,
            Package::ExtensionMonth => P::PmiExtensionMonth,
        };
        let amount = env.rupiah(param)?;
        env.formula(|| {
            (
                Label::new(
                    "paket iuran JKK+JKM PMI",
                    "PMI JKK+JKM contribution package",
                ),
                Expr::new().money(amount),
                Some(amount.get()),
                Some(CITE_PMI),
            )
        });
        sheet.push(FastLine::new(
            Program::Jkk,
            Payer::Participant,
            None,
            None,
            amount,
            true,
        ))?;
    }
    if set.contains(Program::Jht) {
        let amount = env.rupiah(P::PmiJht)?;
        sheet.push(FastLine::new(
            Program::Jht,
            Payer::Participant,
            None,
            None,
            amount,
            false,
        ))?;
    }
    Ok(())
}
