//! `jamsos employer …` and `jamsos sponsor …`.

use super::table::{Table, fields, opt};
use super::{CliResult, Global, actor, input, open, parse_arg, print_json};
use clap::Subcommand;
use jamsos_domain::model::{EmployerStatus, RiskClass, SizeClass, SponsorCode, SponsorKind};
use jamsos_domain::{KbliCode, Nib, Npp, RegionCode, regions};
use jamsos_store::NewEmployer;

#[derive(Subcommand)]
pub enum EmployerCommand {
    /// Register an employer; prints the generated NPP.
    Add {
        /// Legal name (nama badan usaha).
        #[arg(long)]
        name: String,
        /// Kemendagri region code of the address (village or district), e.g. 31.73.04.1002.
        #[arg(long)]
        region: String,
        #[arg(long)]
        address: String,
        /// JKK risk class 1 (very low) to 5 (very high).
        #[arg(long)]
        risk_class: String,
        /// micro, small, medium, large (mikro, kecil, menengah, besar).
        #[arg(long, default_value = "small")]
        size: String,
        /// NIB (13 digits) from OSS.
        #[arg(long)]
        nib: Option<String>,
        /// KBLI sector code (5 digits).
        #[arg(long)]
        kbli: Option<String>,
    },
    /// List employers (optionally within a region).
    List {
        #[arg(long)]
        region: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Show one employer and its memberships.
    Show { npp: String },
}

#[derive(Subcommand)]
pub enum SponsorCommand {
    /// Register a sponsor.
    Add {
        /// Short code, e.g. PEMKOT-JAKBAR.
        #[arg(long)]
        code: String,
        #[arg(long)]
        name: String,
        /// provincial_government, city_government, regency_government, village_government,
        /// company, other.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        region: String,
        /// The instrument under which it pays (e.g. "Kepgub DKI 642/2023").
        #[arg(long)]
        basis: Option<String>,
    },
    /// List sponsors.
    List,
}

fn region_name(code: &RegionCode) -> String {
    regions()
        .name(code)
        .map_or_else(|| code.to_string(), |n| format!("{code} {n}"))
}

pub async fn employer(g: &Global, cmd: EmployerCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        EmployerCommand::Add {
            name,
            region,
            address,
            risk_class,
            size,
            nib,
            kbli,
        } => {
            let new = NewEmployer {
                legal_name: name,
                nib: nib
                    .map(|n| parse_arg("--nib", &n, Nib::parse))
                    .transpose()?,
                kbli: kbli
                    .map(|k| parse_arg("--kbli", &k, KbliCode::parse))
                    .transpose()?,
                risk_class: parse_arg("--risk-class", &risk_class, RiskClass::parse)?,
                size_class: parse_arg("--size", &size, SizeClass::parse)?,
                region: parse_arg("--region", &region, RegionCode::parse)?,
                address,
                status: EmployerStatus::Active,
                synthetic: false,
            };
            let e = store.add_employer(&actor(), new).await?;
            if g.json {
                return print_json(&e);
            }
            println!(
                "employer registered / pemberi kerja terdaftar: NPP {}",
                e.record.npp
            );
        }
        EmployerCommand::List {
            region,
            limit,
            offset,
        } => {
            let region = region
                .map(|r| parse_arg("--region", &r, RegionCode::parse))
                .transpose()?;
            let list = store.employers(region.as_ref(), limit, offset).await?;
            if g.json {
                return print_json(&list);
            }
            let mut t = Table::new(&[
                "NPP",
                "name / nama",
                "region / wilayah",
                "risk",
                "size",
                "status",
            ]);
            for e in &list {
                let r = &e.record;
                t.row(vec![
                    r.npp.to_string(),
                    r.legal_name.clone(),
                    region_name(&r.region),
                    r.risk_class.get().to_string(),
                    r.size_class.code().to_owned(),
                    r.status.code().to_owned(),
                ]);
            }
            t.print();
        }
        EmployerCommand::Show { npp } => {
            let npp = parse_arg("NPP", &npp, Npp::parse)?;
            let e = store
                .employer(npp)
                .await?
                .ok_or_else(|| input(format!("employer {npp} not found")))?;
            let members = store.memberships_at(npp, 1000).await?;
            if g.json {
                return print_json(&serde_json::json!({ "employer": e, "memberships": members }));
            }
            let r = &e.record;
            fields(&[
                ("NPP", r.npp.to_string()),
                ("name / nama", r.legal_name.clone()),
                ("NIB", opt(&r.nib)),
                ("KBLI", opt(&r.kbli)),
                ("JKK risk class", r.risk_class.get().to_string()),
                ("size / skala", r.size_class.code().to_owned()),
                ("address / alamat", r.address.clone()),
                ("region / wilayah", region_name(&r.region)),
                ("status", r.status.code().to_owned()),
                ("synthetic", r.synthetic.to_string()),
                ("version", e.version.to_string()),
                ("updated", e.updated_at.clone()),
            ]);
            println!();
            let mut t = Table::new(&["KPJ", "NIK", "segment", "programs", "start", "end"]);
            for m in &members {
                let r = &m.record;
                t.row(vec![
                    r.kpj.to_string(),
                    r.person.masked(),
                    r.segment.code().to_owned(),
                    r.programs.to_string(),
                    r.start.to_string(),
                    opt(&r.end),
                ]);
            }
            t.print();
        }
    }
    Ok(())
}

pub async fn sponsor(g: &Global, cmd: SponsorCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        SponsorCommand::Add {
            code,
            name,
            kind,
            region,
            basis,
        } => {
            let kind: SponsorKind = serde_json::from_value(serde_json::Value::String(kind.clone()))
                .map_err(|_| input(format!("--kind: unknown sponsor kind {kind:?}")))?;
            let s = jamsos_domain::model::Sponsor {
                code: parse_arg("--code", &code, SponsorCode::parse)?,
                name,
                kind,
                region: parse_arg("--region", &region, RegionCode::parse)?,
                basis,
                covers: Vec::new(),
                synthetic: false,
            };
            let s = store.add_sponsor(&actor(), s).await?;
            if g.json {
                return print_json(&s);
            }
            println!(
                "sponsor registered / penanggung terdaftar: {}",
                s.record.code
            );
        }
        SponsorCommand::List => {
            let list = store.sponsors().await?;
            if g.json {
                return print_json(&list);
            }
            let mut t = Table::new(&["code", "name / nama", "region / wilayah", "basis / dasar"]);
            for s in &list {
                let r = &s.record;
                t.row(vec![
                    r.code.to_string(),
                    r.name.clone(),
                    region_name(&r.region),
                    opt(&r.basis),
                ]);
            }
            t.print();
        }
    }
    Ok(())
}
