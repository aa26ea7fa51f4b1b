//! `jamsos person …`, `jamsos membership …`, `jamsos review …`.

use super::table::{Table, fields, opt};
use super::{
    CliResult, Global, actor, input, open, parse_arg, parse_date, parse_rupiah, print_json,
};
use clap::Subcommand;
use jamsos_domain::heirs::{determine, heir_indexes};
use jamsos_domain::model::{CommunityRole, Person, Phone, Programs, SponsorCode, parse_segment};
use jamsos_domain::privacy::mask_name;
use jamsos_domain::{Kpj, Nik, Npp, RegionCode, Sex};
use jamsos_store::{NewMembership, PersonOutcome, PersonQuery};

#[derive(Subcommand)]
pub enum PersonCommand {
    /// Register a person (or recognise them: the same NIK with the same facts is the same
    /// person; different facts open a review instead of overwriting).
    Add {
        #[arg(long)]
        nik: String,
        #[arg(long)]
        name: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        birth_date: String,
        /// L/P (laki-laki/perempuan) or M/F.
        #[arg(long)]
        sex: String,
        /// Kemendagri region code of the address.
        #[arg(long)]
        region: String,
        #[arg(long)]
        phone: Option<String>,
    },
    /// Find persons by NIK, KPJ or part of the name (NIKs and names masked).
    Find {
        #[arg(long, conflicts_with_all = ["kpj", "name"])]
        nik: Option<String>,
        #[arg(long, conflicts_with = "name")]
        kpj: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Show a person with memberships, wages, family and the legal heir order (unmasked).
    Show { nik: String },
    /// Record a death (opens JKM/JHT claims for the heirs).
    Death {
        nik: String,
        #[arg(long)]
        date: String,
    },
}

#[derive(Subcommand)]
pub enum MembershipCommand {
    /// Open a membership; prints the generated KPJ.
    Open {
        #[arg(long)]
        nik: String,
        /// PU, BPU, PMI or JAKON.
        #[arg(long)]
        segment: String,
        /// Employer (PU) or contractor (JAKON).
        #[arg(long)]
        npp: Option<String>,
        /// e.g. "JKK;JKM;JHT;JP;JKP".
        #[arg(long)]
        programs: String,
        #[arg(long)]
        start: String,
        /// First wage (PU, JAKON) or declared income (BPU, PMI), whole rupiah.
        #[arg(long)]
        amount: Option<String>,
        #[arg(long)]
        sponsor: Option<String>,
        #[arg(long)]
        occupation: Option<String>,
        /// rt_head, rw_head, ppsu, vulnerable_worker.
        #[arg(long)]
        role: Option<String>,
        /// Sector of a BPU/PMI membership (KBLI section letter or 2-digit division), for
        /// coverage by sector; PU and Jakon take the employer's KBLI.
        #[arg(long)]
        sector: Option<String>,
    },
    /// End a membership (last day inclusive).
    End {
        kpj: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        reason: String,
    },
    /// Set the wage/declared income from a date (same date = a recorded correction).
    Wage {
        kpj: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        reason: String,
    },
    /// Show a membership with its full wage history (superseded rows included).
    Show { kpj: String },
}

#[derive(Subcommand)]
pub enum ReviewCommand {
    /// Open review items (NIK conflicts, near-duplicates).
    List {
        #[arg(long, default_value = "open")]
        status: String,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Close a review item with the decision taken.
    Resolve {
        id: i64,
        #[arg(long)]
        resolution: String,
    },
}

fn nik_arg(text: &str) -> CliResult<Nik> {
    parse_arg("NIK", text, Nik::parse)
}

pub async fn person(g: &Global, cmd: PersonCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        PersonCommand::Add {
            nik,
            name,
            birth_date,
            sex,
            region,
            phone,
        } => {
            let p = Person {
                nik: nik_arg(&nik)?,
                name,
                birth_date: parse_date("--birth-date", &birth_date)?,
                sex: parse_arg("--sex", &sex, Sex::parse)?,
                region: parse_arg("--region", &region, RegionCode::parse)?,
                phone: phone
                    .map(|p| parse_arg("--phone", &p, Phone::parse))
                    .transpose()?,
                died_on: None,
                synthetic: false,
            };
            let out = store.add_person(&actor(), p, "cli").await?;
            if g.json {
                return print_json(&out);
            }
            match out {
                PersonOutcome::Created {
                    person,
                    near_duplicates,
                } => {
                    println!("person registered / terdaftar: id {}", person.id);
                    if !near_duplicates.is_empty() {
                        println!(
                            "near-duplicates opened for review / kemiripan untuk ditinjau: {near_duplicates:?}"
                        );
                    }
                }
                PersonOutcome::Existing { person } => {
                    println!("already registered / sudah terdaftar: id {}", person.id)
                }
                PersonOutcome::Conflict {
                    existing,
                    review_id,
                } => {
                    println!(
                        "NIK already registered with other details (id {}): nothing changed, review {review_id} opened / NIK sudah terdaftar dengan data berbeda: ditinjau",
                        existing.id
                    );
                }
            }
        }
        PersonCommand::Find {
            nik,
            kpj,
            name,
            limit,
        } => {
            let q = match (nik, kpj, name) {
                (Some(n), _, _) => PersonQuery::Nik(nik_arg(&n)?),
                (_, Some(k), _) => PersonQuery::Kpj(parse_arg("--kpj", &k, Kpj::parse)?),
                (_, _, Some(n)) => PersonQuery::Name(n),
                _ => return Err(input("give --nik, --kpj or --name")),
            };
            let found = store.find_persons(&q, limit).await?;
            if g.json {
                return print_json(&found);
            }
            let mut t = Table::new(&[
                "id",
                "NIK",
                "name / nama",
                "born / lahir",
                "sex",
                "region / wilayah",
                "died",
            ]);
            for p in &found {
                let r = &p.record;
                t.row(vec![
                    p.id.to_string(),
                    r.nik.masked(),
                    mask_name(&r.name),
                    r.birth_date.to_string(),
                    r.sex.code_id().to_owned(),
                    r.region.to_string(),
                    opt(&r.died_on),
                ]);
            }
            t.print();
        }
        PersonCommand::Show { nik } => {
            let nik = nik_arg(&nik)?;
            let p = store
                .find_persons(&PersonQuery::Nik(nik), 1)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| input(format!("no person with NIK {}", nik.masked())))?;
            let memberships = store.memberships_of(nik).await?;
            let mut wages = Vec::new();
            for m in &memberships {
                wages.push(store.wage_history(m.record.kpj, false).await?);
            }
            let family = store.family_of(nik).await?;
            let records: Vec<_> = family.iter().map(|f| f.record.clone()).collect();
            // The heirs if the participant died on their recorded death date, or today.
            let on = r_died_or_today(&p.record);
            let params = jamsos_rules::ParamSet::embedded()
                .map_err(|e| super::CliError::Failed(e.to_string()))?;
            let heirs = determine(&params, &records, on)
                .map_err(|e| super::CliError::Failed(e.to_string()))?;
            let heir_idx = heir_indexes(&heirs);
            if g.json {
                return print_json(
                    &serde_json::json!({ "person": p, "memberships": memberships, "wages": wages, "family": family, "heir_order": heirs }),
                );
            }
            let r = &p.record;
            fields(&[
                ("NIK", r.nik.to_string()),
                ("name / nama", r.name.clone()),
                ("born / lahir", r.birth_date.to_string()),
                ("sex / jenis kelamin", r.sex.to_string()),
                ("region / wilayah", r.region.to_string()),
                ("phone / telepon", opt(&r.phone)),
                ("died / meninggal", opt(&r.died_on)),
                ("synthetic", r.synthetic.to_string()),
            ]);
            println!("\nmemberships / kepesertaan");
            let mut t = Table::new(&[
                "KPJ",
                "segment",
                "NPP",
                "sponsor",
                "programs",
                "start",
                "end",
                "current wage",
            ]);
            for (m, w) in memberships.iter().zip(&wages) {
                let r = &m.record;
                let current = w
                    .last()
                    .map_or_else(|| "-".to_owned(), |w| w.amount.to_id_string());
                t.row(vec![
                    r.kpj.to_string(),
                    r.segment.code().to_owned(),
                    opt(&r.employer),
                    opt(&r.sponsor),
                    r.programs.to_string(),
                    r.start.to_string(),
                    opt(&r.end),
                    current,
                ]);
            }
            t.print();
            println!(
                "\nfamily / keluarga (heir rank: {})",
                heirs
                    .rank
                    .map_or_else(|| "none".to_owned(), |r| r.to_string())
            );
            let mut t = Table::new(&[
                "#",
                "relation",
                "name / nama",
                "born",
                "education",
                "alive",
                "heir / ahli waris",
            ]);
            for (i, f) in records.iter().enumerate() {
                let edu = f.education.map_or_else(
                    || "-".to_owned(),
                    |e| {
                        format!(
                            "{} {}",
                            e.level.code(),
                            e.grade.map_or(String::new(), |g| g.to_string())
                        )
                    },
                );
                t.row(vec![
                    (i + 1).to_string(),
                    f.relation.code().to_owned(),
                    f.name.clone(),
                    opt(&f.birth_date),
                    edu,
                    f.alive.to_string(),
                    if heir_idx.contains(&i) {
                        "yes / ya".into()
                    } else {
                        "-".into()
                    },
                ]);
            }
            t.print();
        }
        PersonCommand::Death { nik, date } => {
            let nik = nik_arg(&nik)?;
            let p = store
                .find_persons(&PersonQuery::Nik(nik), 1)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| input(format!("no person with NIK {}", nik.masked())))?;
            let p = store
                .record_death(&actor(), p.id, parse_date("--date", &date)?)
                .await?;
            if g.json {
                return print_json(&p);
            }
            println!(
                "death recorded / kematian dicatat: {}",
                opt(&p.record.died_on)
            );
        }
    }
    Ok(())
}

pub async fn membership(g: &Global, cmd: MembershipCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        MembershipCommand::Open {
            nik,
            segment,
            npp,
            programs,
            start,
            amount,
            sponsor,
            occupation,
            role,
            sector,
        } => {
            let m = NewMembership {
                person: nik_arg(&nik)?,
                employer: npp
                    .map(|n| parse_arg("--npp", &n, Npp::parse))
                    .transpose()?,
                segment: parse_segment(&segment).ok_or_else(|| {
                    input(format!("--segment: PU, BPU, PMI or JAKON, got {segment:?}"))
                })?,
                programs: parse_arg("--programs", &programs, Programs::parse)?,
                start: parse_date("--start", &start)?,
                sponsor: sponsor
                    .map(|s| parse_arg("--sponsor", &s, SponsorCode::parse))
                    .transpose()?,
                occupation,
                role: role
                    .map(|r| {
                        CommunityRole::parse(&r)
                            .ok_or_else(|| input(format!("--role: unknown role {r:?}")))
                    })
                    .transpose()?,
                initial_amount: amount.map(|a| parse_rupiah("--amount", &a)).transpose()?,
                sector: sector
                    .as_deref()
                    .map(|s| parse_arg("--sector", s, jamsos_domain::KbliCode::parse_sector))
                    .transpose()?,
            };
            let m = store.open_membership(&actor(), m).await?;
            if g.json {
                return print_json(&m);
            }
            println!(
                "membership opened / kepesertaan dibuka: KPJ {}",
                m.record.kpj
            );
        }
        MembershipCommand::End { kpj, date, reason } => {
            let kpj = parse_arg("KPJ", &kpj, Kpj::parse)?;
            let m = store
                .membership(kpj)
                .await?
                .ok_or_else(|| input(format!("membership {kpj} not found")))?;
            let m = store
                .end_membership(
                    &actor(),
                    kpj,
                    m.version,
                    parse_date("--date", &date)?,
                    &reason,
                )
                .await?;
            if g.json {
                return print_json(&m);
            }
            println!(
                "membership ended / kepesertaan berakhir: {}",
                opt(&m.record.end)
            );
        }
        MembershipCommand::Wage {
            kpj,
            from,
            amount,
            reason,
        } => {
            let kpj = parse_arg("KPJ", &kpj, Kpj::parse)?;
            let w = store
                .set_wage(
                    &actor(),
                    kpj,
                    parse_date("--from", &from)?,
                    parse_rupiah("--amount", &amount)?,
                    &reason,
                )
                .await?;
            if g.json {
                return print_json(&w);
            }
            let what = if w.supersedes.is_some() {
                "corrected / dikoreksi"
            } else {
                "recorded / dicatat"
            };
            println!(
                "wage {what}: {} from {}",
                w.amount.to_id_string(),
                w.effective_from
            );
        }
        MembershipCommand::Show { kpj } => {
            let kpj = parse_arg("KPJ", &kpj, Kpj::parse)?;
            let m = store
                .membership(kpj)
                .await?
                .ok_or_else(|| input(format!("membership {kpj} not found")))?;
            let wages = store.wage_history(kpj, true).await?;
            if g.json {
                return print_json(&serde_json::json!({ "membership": m, "wages": wages }));
            }
            let r = &m.record;
            fields(&[
                ("KPJ", r.kpj.to_string()),
                ("NIK", r.person.masked()),
                ("segment", r.segment.code().to_owned()),
                ("employer NPP", opt(&r.employer)),
                ("sponsor", opt(&r.sponsor)),
                ("programs", r.programs.to_string()),
                ("start / mulai", r.start.to_string()),
                ("end / selesai", opt(&r.end)),
                ("occupation / pekerjaan", opt(&r.occupation)),
                ("version", m.version.to_string()),
            ]);
            println!("\nwage history / riwayat upah");
            let mut t = Table::new(&[
                "from", "to", "amount", "kind", "recorded", "by", "reason", "status",
            ]);
            for w in &wages {
                t.row(vec![
                    w.effective_from.to_string(),
                    opt(&w.effective_to),
                    w.amount.to_id_string(),
                    w.kind.code().to_owned(),
                    w.recorded_at.clone(),
                    w.recorded_by.clone(),
                    opt(&w.reason),
                    if w.superseded_at.is_some() {
                        "superseded".into()
                    } else {
                        "current".into()
                    },
                ]);
            }
            t.print();
        }
    }
    Ok(())
}

pub async fn review(g: &Global, cmd: ReviewCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        ReviewCommand::List { status, limit } => {
            let list = store.reviews(&status, limit).await?;
            if g.json {
                return print_json(&list);
            }
            let mut t = Table::new(&["id", "kind", "person", "other", "source", "row", "opened"]);
            for r in &list {
                t.row(vec![
                    r.id.to_string(),
                    r.kind.clone(),
                    r.person_id.to_string(),
                    opt(&r.other_person_id),
                    r.source.clone(),
                    opt(&r.row_number),
                    r.created_at.clone(),
                ]);
            }
            t.print();
        }
        ReviewCommand::Resolve { id, resolution } => {
            store.resolve_review(&actor(), id, &resolution).await?;
            if !g.json {
                println!("review {id} resolved / selesai ditinjau");
            }
        }
    }
    Ok(())
}

/// The date heirs are determined for: the recorded death, else today (the CLI reads the clock).
fn r_died_or_today(p: &Person) -> jiff::civil::Date {
    p.died_on.unwrap_or_else(|| jiff::Zoned::now().date())
}
