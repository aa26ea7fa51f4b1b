//! Small builders for registry records used across the suite.

#![allow(dead_code)]

use jamsos_domain::model::{
    EmployerStatus, Programs, RiskClass, SizeClass, SponsorCode, SponsorKind,
};
use jamsos_domain::{Nik, RegionCode, Sex};
use jamsos_rules::results::Program;
use jamsos_store::{NewEmployer, Person, Sponsor};
use jiff::civil::{Date, date};

pub fn region(code: &str) -> RegionCode {
    RegionCode::parse(code).unwrap()
}

pub fn nik(birth: Date, sex: Sex, serial: u16) -> Nik {
    Nik::from_parts(region("31.73.04"), birth, sex, serial).unwrap()
}

pub fn employer(name: &str) -> NewEmployer {
    NewEmployer {
        legal_name: name.into(),
        nib: None,
        kbli: None,
        risk_class: RiskClass::new(2).unwrap(),
        size_class: SizeClass::Small,
        region: region("31.73.04.1001"),
        address: "Jl. Contoh No. 1".into(),
        status: EmployerStatus::Active,
        synthetic: true,
    }
}

pub fn person(name: &str, birth: Date, sex: Sex, serial: u16) -> Person {
    Person {
        nik: nik(birth, sex, serial),
        name: name.into(),
        birth_date: birth,
        sex,
        region: region("31.73.04.1001"),
        phone: None,
        died_on: None,
        synthetic: true,
    }
}

pub fn siti() -> Person {
    person("Siti Aminah", date(1990, 3, 12), Sex::Female, 1)
}

pub fn budi() -> Person {
    person("Budi Santoso", date(1985, 7, 1), Sex::Male, 2)
}

pub fn pu_programs() -> Programs {
    Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp])
}

pub fn bpu_programs() -> Programs {
    Programs::of(&[Program::Jkk, Program::Jkm])
}

pub fn city_sponsor() -> Sponsor {
    Sponsor {
        code: SponsorCode::parse("PEMKOT-JAKBAR").unwrap(),
        name: "Pemerintah Kota Administrasi Jakarta Barat".into(),
        kind: SponsorKind::CityGovernment,
        region: region("31.73"),
        basis: Some("Kepgub DKI 642/2023".into()),
        covers: vec![],
        synthetic: true,
    }
}
