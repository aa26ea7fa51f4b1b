//! Import parsing: good files in both formats and both templates, and malformed files (wrong
//! columns, bad NIKs, duplicates, wrong encodings, XLSX formulas and numeric NIK cells, empty
//! files) with the exact report each must produce.

use jamsos_domain::import::{
    FileError, FileFormat, ImportContext, ImportKind, Importer, RowOutcome, Severity, parse,
};
use jamsos_domain::model::{CommunityRole, Segment, SponsorCode, WageKind};
use jamsos_domain::{Nik, Npp, RegionCode, Sex};
use jiff::civil::{Date, date};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn nik(district: &str, birth: Date, sex: Sex, serial: u16) -> String {
    Nik::from_parts(RegionCode::parse(district).unwrap(), birth, sex, serial)
        .unwrap()
        .to_string()
}

fn employer() -> ImportContext {
    ImportContext {
        employer: Some(Npp::parse("10000001").unwrap()),
        sponsor: None,
    }
}

const HEADER: &str = "nik,name,birth_date,sex,region_code,phone,kpj,programs,start_date,wage";

fn worker_line(nik: &str, name: &str, birth: &str, sex: &str) -> String {
    format!(
        "{nik},{name},{birth},{sex},31.73.04.1002,081234567890,,JKK;JKM;JHT;JP;JKP,2024-01-01,5729876"
    )
}

fn siti() -> String {
    nik("31.73.04", date(1990, 3, 12), Sex::Female, 1)
}

fn budi() -> String {
    nik("31.73.05", date(1985, 11, 2), Sex::Male, 17)
}

#[test]
fn valid_worker_csv() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n",
        worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        worker_line(&budi(), "Budi Santoso", "1985-11-02", "L"),
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(parsed.report.issues, vec![]);
    assert_eq!(
        (
            parsed.report.rows_read,
            parsed.report.rows_valid,
            parsed.report.rows_rejected
        ),
        (2, 2, 0)
    );
    assert_eq!(parsed.report.format, FileFormat::Csv);
    let r = &parsed.rows[0];
    assert_eq!(r.row, 2);
    assert_eq!(r.person.nik.to_string(), siti());
    assert_eq!(r.person.sex, Sex::Female);
    assert_eq!(r.person.phone.as_ref().unwrap().as_str(), "+6281234567890");
    assert_eq!(r.segment, Segment::Pu);
    assert_eq!(r.employer, Some(Npp::parse("10000001").unwrap()));
    assert_eq!(r.amount.get(), 5_729_876);
    assert_eq!(r.amount_kind, WageKind::Wage);
    assert_eq!(r.amount_from, date(2024, 1, 1));
    assert_eq!(r.programs.to_string(), "JKK;JKM;JHT;JP;JKP");
    let kpj = jamsos_domain::Kpj::from_sequence(1).unwrap();
    r.membership(kpj).check().unwrap();
    assert_eq!(parsed.rows[1].row, 3);
}

#[test]
fn semicolons_bom_indonesian_headers_and_local_formats() {
    let csv = format!(
        "\u{feff}NIK;Nama;Tanggal Lahir;Jenis Kelamin;Kode Wilayah;No HP;Program;Tgl Mulai;Upah\r\n\
         {};Siti Aminah, S.Pd.;12/03/1990;perempuan;3173041002;;JKK JKM JHT;01-02-2025;Rp5.729.876,00\r\n",
        siti()
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(parsed.report.issues, vec![]);
    assert_eq!(parsed.report.delimiter, Some(';'));
    let r = &parsed.rows[0];
    assert_eq!(r.person.name, "Siti Aminah, S.Pd.");
    assert_eq!(r.person.birth_date, date(1990, 3, 12));
    assert_eq!(r.person.region.to_string(), "31.73.04.1002");
    assert_eq!(r.start, date(2025, 2, 1));
    assert_eq!(r.amount.get(), 5_729_876);
    assert_eq!(r.person.phone, None);
}

#[test]
fn every_problem_in_a_row_is_reported_with_masked_values() {
    let csv = format!(
        "{HEADER}\n\
         3173995203900001,,1990-13-01,X,31.73.04.9999,12345,1234,JKK;JKM;JXX,2024-01-01,-5\n\
         {},Siti Aminah,1990-03-13,L,31.73,081234567890,,JKK;JKM,2024-01-01,5.7\n",
        siti()
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(parsed.report.rows_rejected, 2);
    assert!(parsed.rows.is_empty());
    let got: Vec<(usize, Option<&str>, Option<&str>, &str)> = parsed
        .report
        .issues
        .iter()
        .map(|i| {
            (
                i.row,
                i.column.as_deref(),
                i.value.as_deref(),
                i.code.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (2, Some("nik"), Some("3173**********01"), "unknown_district"),
            (2, Some("name"), None, "required"),
            (2, Some("birth_date"), Some("1990-13-01"), "invalid_date"),
            (2, Some("sex"), Some("X"), "invalid_sex"),
            (2, Some("phone"), Some("12***"), "invalid_phone"),
            (2, Some("kpj"), Some("1234"), "wrong_length"),
            (
                2,
                Some("region_code"),
                Some("31.73.04.9999"),
                "unknown_region"
            ),
            (2, Some("programs"), Some("JKK;JKM;JXX"), "unknown_program"),
            (2, Some("wage"), Some("-5"), "invalid_amount"),
            (
                3,
                Some("nik"),
                Some("3173**********01"),
                "birth_date_mismatch"
            ),
            (3, Some("nik"), Some("3173**********01"), "sex_mismatch"),
            (3, Some("region_code"), Some("31.73"), "region_too_coarse"),
            (3, Some("wage"), Some("5.7"), "invalid_amount"),
        ]
    );
    let text = parsed.report.to_string();
    assert!(
        text.starts_with("2 rows read: 0 valid, 2 rejected; 13 error(s), 0 warning(s)"),
        "{text}"
    );
    assert!(
        !text.contains(&siti()),
        "the report must not show a NIK in clear"
    );
    // The rejected-rows file carries the original values so the sender can fix them.
    let out = String::from_utf8(parsed.rejected_csv()).unwrap();
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("\u{feff}row,{HEADER},errors")
    );
    let second = lines.nth(1).unwrap();
    assert!(
        second.starts_with(&format!("3,{},Siti Aminah,", siti())),
        "{second}"
    );
    assert!(
        second.contains("region_code: 31.73 (Kota Administrasi Jakarta Barat) is a regency"),
        "{second}"
    );
}

#[test]
fn duplicates_and_near_duplicates() {
    let other_siti = nik("31.74.01", date(1990, 3, 12), Sex::Female, 9);
    let csv = format!(
        "{HEADER}\n{}\n{}\n{}\n{}\n",
        worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        worker_line(&budi(), "Budi Santoso", "1985-11-02", "L"),
        worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        worker_line(&other_siti, "SITI  aminah", "1990-03-12", "P"),
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(
        (parsed.report.rows_valid, parsed.report.rows_rejected),
        (3, 1)
    );
    let dup = parsed.report.errors().next().unwrap();
    assert_eq!((dup.row, dup.code.as_str()), (4, "duplicate_nik"));
    assert!(dup.message.contains("row 2"), "{}", dup.message);
    let warn = parsed.report.warnings().next().unwrap();
    assert_eq!(
        (warn.row, warn.code.as_str(), warn.severity),
        (5, "near_duplicate", Severity::Warning)
    );
    assert_eq!(parsed.report.near_duplicates.len(), 1);
    let nd = &parsed.report.near_duplicates[0];
    assert_eq!((nd.first_row, nd.row), (2, 5));
    assert_eq!(nd.masked_name, "S*** a*****");
    assert_eq!(parsed.rejected[0].row, 4);
}

#[test]
fn duplicate_kpj() {
    let line = |n: &str, name: &str, b: &str, s: &str| {
        worker_line(n, name, b, s).replace("081234567890,,", "081234567890,12345678901,")
    };
    let csv = format!(
        "{HEADER}\n{}\n{}\n",
        line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        line(&budi(), "Budi Santoso", "1985-11-02", "L"),
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    let codes: Vec<&str> = parsed.report.errors().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["duplicate_kpj"]);
}

#[test]
fn wrong_columns_are_file_errors() {
    let err = |csv: &str| parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap_err();
    match err("nik,name,birth_date,sex,region_code,programs,start_date,wage,hobby\n") {
        FileError::UnknownColumns { unknown, .. } => assert_eq!(unknown, ["hobby"]),
        e => panic!("{e}"),
    }
    match err("nik,name,sex\n1,2,3\n") {
        FileError::MissingColumns { missing, .. } => {
            assert_eq!(
                missing,
                [
                    "birth_date",
                    "region_code",
                    "programs",
                    "start_date",
                    "wage"
                ]
            )
        }
        e => panic!("{e}"),
    }
    let e = err("nik,nama,name,birth_date\n");
    assert_eq!(
        e,
        FileError::DuplicateColumn {
            name: "name".into()
        }
    );
    // A sponsored list handed in as a worker list: its columns are unknown here.
    assert_eq!(err("sponsor,nik,name\n").code(), "unknown_columns");
    let e = err("nik,name,birth_date,sex,region_code,programs,start_date,wage,,\n");
    assert_eq!(e.code(), "unknown_columns");
    assert!(e.to_string().contains("empty header in column 9"), "{e}");
    // No employer anywhere.
    let e = parse(
        format!("{HEADER}\n").as_bytes(),
        ImportKind::Workers,
        ImportContext::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "context");
}

#[test]
fn empty_files() {
    for bytes in [&b""[..], b"\n\n", b"\xEF\xBB\xBF"] {
        let e = parse(bytes, ImportKind::Workers, employer()).unwrap_err();
        assert!(matches!(e, FileError::Empty), "{bytes:?}: {e}");
    }
    let e = parse(
        format!("{HEADER}\n\n").as_bytes(),
        ImportKind::Workers,
        employer(),
    )
    .unwrap_err();
    assert_eq!(e, FileError::NoRows);
}

#[test]
fn wrong_encodings() {
    let mut latin1 = format!("{HEADER}\n").into_bytes();
    latin1.extend(worker_line(&siti(), "Jos\u{e9}", "1990-03-12", "P").bytes());
    // Re-encode é as Windows-1252 would.
    let pos = latin1.windows(2).position(|w| w == [0xC3, 0xA9]).unwrap();
    latin1.splice(pos..pos + 2, [0xE9]);
    let e = parse(&latin1, ImportKind::Workers, employer()).unwrap_err();
    match &e {
        FileError::NotUtf8 {
            line,
            byte,
            windows_1252,
            ..
        } => {
            assert_eq!((*line, *byte, *windows_1252), (2, 0xE9, true));
        }
        other => panic!("{other}"),
    }
    assert!(e.to_string().contains("Windows-1252"), "{e}");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(HEADER.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(
        parse(&utf16, ImportKind::Workers, employer()).unwrap_err(),
        FileError::Utf16
    );
}

#[test]
fn field_count_mismatch() {
    let csv = format!(
        "{HEADER}\n{}\n{},extra\n",
        "3173045203900001,Siti",
        worker_line(&budi(), "Budi Santoso", "1985-11-02", "L")
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    let codes: Vec<(usize, &str)> = parsed
        .report
        .issues
        .iter()
        .map(|i| (i.row, i.code.as_str()))
        .collect();
    assert_eq!(codes, [(2, "field_count"), (3, "field_count")]);
}

#[test]
fn spreadsheet_shortened_nik_in_csv() {
    let csv = format!(
        "{HEADER}\n{}\n",
        worker_line("3.17305E+15", "Siti", "1990-03-12", "P")
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(parsed.report.issues[0].code, "spreadsheet_number");
}

#[test]
fn sponsored_list() {
    let csv = format!(
        "sponsor,nik,name,birth_date,sex,region_code,occupation,role,declared_income,start_date\n\
         PEMPROV-DKI,{},Budi Santoso,1985-11-02,L,31.73.05.1003,Ketua RT 005/RW 02,ketua_rt,1000000,2024-01-01\n\
         PEMPROV-DKI,{},Siti Aminah,1990-03-12,P,31.73.04.1002,pedagang,,1.500.000,2024-01-01\n\
         ,{},Ani,1990-03-12,P,31.73.04.1002,,boss,0,2024-01-01\n",
        budi(),
        siti(),
        nik("31.73.04", date(1990, 3, 12), Sex::Female, 2),
    );
    let parsed = parse(
        csv.as_bytes(),
        ImportKind::Sponsored,
        ImportContext::default(),
    )
    .unwrap();
    assert_eq!(parsed.rows.len(), 2);
    let r = &parsed.rows[0];
    assert_eq!(r.segment, Segment::Bpu);
    assert_eq!(r.employer, None);
    assert_eq!(r.sponsor, Some(SponsorCode::parse("PEMPROV-DKI").unwrap()));
    assert_eq!(r.role, Some(CommunityRole::RtHead));
    assert_eq!(r.programs.to_string(), "JKK;JKM");
    assert_eq!(
        (r.amount.get(), r.amount_kind),
        (1_000_000, WageKind::DeclaredIncome)
    );
    assert_eq!(parsed.rows[1].role, Some(CommunityRole::VulnerableWorker));
    r.membership(jamsos_domain::Kpj::from_sequence(5).unwrap())
        .check()
        .unwrap();
    let codes: Vec<(&str, &str)> = parsed
        .report
        .issues
        .iter()
        .map(|i| (i.column.as_deref().unwrap(), i.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("occupation", "required"),
            ("sponsor", "required"),
            ("role", "invalid_role"),
            ("declared_income", "not_positive")
        ]
    );
}

#[test]
fn bpu_programs_checked_in_sponsored_list() {
    let csv = format!(
        "nik,name,birth_date,sex,region_code,occupation,declared_income,programs,start_date\n\
         {},Siti Aminah,1990-03-12,P,31.73.04.1002,pedagang,1000000,JKK;JKM;JP,2024-01-01\n",
        siti()
    );
    let ctx = ImportContext {
        employer: None,
        sponsor: Some(SponsorCode::parse("pemprov-dki").unwrap()),
    };
    let parsed = parse(csv.as_bytes(), ImportKind::Sponsored, ctx).unwrap();
    let i = &parsed.report.issues[0];
    assert_eq!(
        (i.column.as_deref(), i.code.as_str()),
        (Some("programs"), "not_available")
    );
}

#[test]
fn sponsored_sector_is_a_section_or_division() {
    let line = |sector: &str| {
        format!(
            "{},Siti Aminah,1990-03-12,P,31.73.04.1002,penjahit rumahan,1000000,2024-01-01,{sector}\n",
            siti()
        )
    };
    let header =
        "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date,sektor\n";
    let ctx = || ImportContext {
        employer: None,
        sponsor: Some(SponsorCode::parse("pemkot-jakbar").unwrap()),
    };
    // A subclass is reduced to its division; a letter is a section; blank is no sector.
    for (cell, want) in [
        ("14111", Some("14")),
        ("14", Some("14")),
        ("c", Some("C")),
        ("", None),
    ] {
        let csv = format!("{header}{}", line(cell));
        let parsed = parse(csv.as_bytes(), ImportKind::Sponsored, ctx()).unwrap();
        assert!(
            parsed.report.issues.is_empty(),
            "{cell}: {:?}",
            parsed.report.issues
        );
        let row = &parsed.rows[0];
        assert_eq!(row.sector.as_ref().map(|s| s.to_string()).as_deref(), want);
        let m = row.membership(jamsos_domain::Kpj::parse("12345678901").unwrap());
        assert_eq!(m.sector, row.sector);
        assert!(m.check().is_ok());
    }
    for bad in ["04", "V", "1"] {
        let csv = format!("{header}{}", line(bad));
        let parsed = parse(csv.as_bytes(), ImportKind::Sponsored, ctx()).unwrap();
        let i = &parsed.report.issues[0];
        assert_eq!(
            (i.column.as_deref(), i.code.as_str(), i.value.as_deref()),
            (Some("sector"), "invalid_sector", Some(bad)),
            "{bad}"
        );
    }
}

// ---- XLSX ----

fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    build(ws);
    wb.save_to_buffer().unwrap()
}

fn write_text_row(ws: &mut rust_xlsxwriter::Worksheet, row: u32, line: &str) {
    for (c, v) in line.split(',').enumerate() {
        if !v.is_empty() {
            ws.write_string(row, c as u16, v).unwrap();
        }
    }
}

#[test]
fn valid_xlsx_with_date_and_number_cells() {
    let bytes = xlsx(|ws| {
        write_text_row(
            ws,
            1,
            &worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        );
        let f = Format::new().set_num_format("dd/mm/yyyy");
        ws.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(1990, 3, 12).unwrap(), &f)
            .unwrap();
        ws.write_datetime_with_format(1, 8, ExcelDateTime::from_ymd(2024, 1, 1).unwrap(), &f)
            .unwrap();
        ws.write_number(1, 9, 5_729_876.0).unwrap();
    });
    let parsed = parse(&bytes, ImportKind::Workers, employer()).unwrap();
    assert_eq!(parsed.report.issues, vec![]);
    assert_eq!(parsed.report.format, FileFormat::Xlsx);
    let r = &parsed.rows[0];
    assert_eq!(
        (r.row, r.person.birth_date, r.start, r.amount.get()),
        (2, date(1990, 3, 12), date(2024, 1, 1), 5_729_876)
    );
}

#[test]
fn xlsx_formulas_and_numeric_identifiers_are_rejected() {
    let bytes = xlsx(|ws| {
        write_text_row(
            ws,
            1,
            &worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        );
        // A NIK typed as a number: Excel stores 3173045203900000 (15 significant digits).
        ws.write_number(1, 0, 3_173_045_203_900_001.0).unwrap();
        write_text_row(
            ws,
            2,
            &worker_line(&budi(), "Budi Santoso", "1985-11-02", "L"),
        );
        ws.write_formula(2, 9, Formula::new("=5000000+729876"))
            .unwrap();
        ws.write_number(2, 5, 81_234_567_890.0).unwrap(); // phone as a number: leading 0 lost
        write_text_row(
            ws,
            3,
            &worker_line(
                &nik("31.73.01", date(2000, 1, 1), Sex::Male, 3),
                "Andi",
                "1990-03-12",
                "L",
            ),
        );
        ws.write_number(3, 2, 32944.0).unwrap(); // a date serial without date format
    });
    let parsed = parse(&bytes, ImportKind::Workers, employer()).unwrap();
    let got: Vec<(usize, &str, &str)> = parsed
        .report
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_deref().unwrap(), i.code.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (2, "nik", "numeric_cell"),
            (3, "phone", "numeric_cell"),
            (3, "wage", "formula"),
            (4, "birth_date", "date_as_number"),
        ]
    );
    assert!(
        parsed.report.issues[0]
            .message
            .contains("15 significant digits")
    );
    assert_eq!(parsed.report.rows_rejected, 3);
}

#[test]
fn xlsx_header_problems() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "nik").unwrap();
    ws.write_number(0, 1, 5.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(
        parse(&bytes, ImportKind::Workers, employer()).unwrap_err(),
        FileError::HeaderNotText { column: 2 }
    );
    let mut wb = Workbook::new();
    wb.add_worksheet();
    let bytes = wb.save_to_buffer().unwrap();
    assert_eq!(
        parse(&bytes, ImportKind::Workers, employer()).unwrap_err(),
        FileError::Empty
    );
    let e = parse(b"PK\x03\x04garbage", ImportKind::Workers, employer()).unwrap_err();
    assert_eq!(e.code(), "xlsx");
}

#[test]
fn streaming_matches_parse() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n",
        worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        worker_line("123", "Budi", "1985-11-02", "L"),
    );
    let mut importer = Importer::open(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(importer.rows_hint(), 3);
    let outcomes: Vec<RowOutcome> = importer.by_ref().map(Result::unwrap).collect();
    assert!(matches!(outcomes[0], RowOutcome::Valid { .. }));
    assert!(matches!(outcomes[1], RowOutcome::Rejected { .. }));
    let report = importer.finish().unwrap();
    assert_eq!(
        report,
        parse(csv.as_bytes(), ImportKind::Workers, employer())
            .unwrap()
            .report
    );
}

#[test]
fn rejected_rows_file_can_be_fixed_and_reimported() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n",
        worker_line(&siti(), "Siti Aminah", "1990-03-12", "P"),
        worker_line(&budi(), "Budi Santoso", "1985-11-03", "L"),
    );
    let parsed = parse(csv.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(parsed.report.rows_rejected, 1);
    let fixed = String::from_utf8(parsed.rejected_csv())
        .unwrap()
        .replace("1985-11-03", "1985-11-02");
    let again = parse(fixed.as_bytes(), ImportKind::Workers, employer()).unwrap();
    assert_eq!(again.report.issues, vec![]);
    assert_eq!(again.rows[0].person.nik.to_string(), budi());
}
