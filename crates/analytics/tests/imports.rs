//! Import validation: every bad cell reported with row, column and why; nothing returned
//! unless the whole file is valid. Region codes are checked against the embedded Kemendagri
//! list.

use jamsos_analytics::import::{company, registry_files, workforce};
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::{Sector, StatPeriod};
use rust_xlsxwriter::Workbook;

fn errors(r: &jamsos_analytics::import::ImportReport) -> Vec<(usize, String)> {
    r.errors.iter().map(|e| (e.row, e.column.clone())).collect()
}

#[test]
fn a_valid_workforce_file_with_bom_and_semicolons() {
    let csv = "\u{feff}region_code;sector;period;workers;vulnerable_workers;source\n\
               31.73.04.1002;14;2025;1000;800;BPS Sakernas 2025\n\
               31.73.04.1001;C;2025-08;200;150;survey\n";
    let (rows, report) = workforce::import(csv.as_bytes(), &Kemendagri::embedded()).unwrap();
    assert_eq!(report.valid, 2);
    assert_eq!(rows[0].sector, Sector::Division(14));
    assert_eq!(rows[1].period, StatPeriod::parse("2025-08").unwrap());
}

#[test]
fn every_bad_workforce_cell_is_reported_and_nothing_is_returned() {
    let csv = "region_code,sector,period,workers,vulnerable_workers,source\n\
               31.73.04.1002,14,2025,1000,800,ok\n\
               31.73.99,14,2025,10,5,x\n\
               31.73.04.1001,Z,25,ten,5,\n\
               31.73.04.1003,G,2025,10,11,x\n\
               31.73.04.1002,14,2025,1,1,dup\n\
               31.73.04,C,2025,50,10,overlaps the villages above\n";
    let report = workforce::import(csv.as_bytes(), &Kemendagri::embedded()).unwrap_err();
    assert_eq!(report.valid, 0);
    let e = errors(&report);
    assert!(e.contains(&(3, "region_code".into())), "{e:?}"); // not in the Kemendagri list
    assert!(e.contains(&(4, "sector".into())));
    assert!(e.contains(&(4, "period".into())));
    assert!(e.contains(&(4, "workers".into())));
    assert!(e.contains(&(4, "source".into())));
    assert!(e.contains(&(5, "vulnerable_workers".into()))); // more vulnerable than workers
    assert!(e.contains(&(6, "(row)".into()))); // same key as row 2
    // the district row for section C overlaps its village rows for division 14 (inside C)
    assert!(
        report
            .errors
            .iter()
            .any(|x| x.row == 2 && x.message.starts_with("overlaps row 7 (31.73.04 C)")),
        "{:?}",
        report.lines()
    );
    assert!(report.lines()[0].starts_with("row "));
}

#[test]
fn missing_and_unknown_columns() {
    let csv = "region_code,sector,periode,workers,vulnerable_workers,source\n31.73,C,2025,1,1,x\n";
    let report = workforce::import(csv.as_bytes(), &Kemendagri::embedded()).unwrap_err();
    let e = errors(&report);
    assert!(e.contains(&(1, "period".into())));
    assert!(e.contains(&(1, "periode".into())));
}

#[test]
fn company_rows() {
    let csv = "nib,name,region_code,kbli,reported_workers,average_wage,npp\n\
               9120000000001,PT Konfeksi Anyar,31.73.04.1002,14111,12,4.000.000,\n\
               ,CV Tanpa NIB,31.73.04,14,5,5729876,12345678\n\
               912,X,31.73.04,1411A,0,5.5,1234\n\
               9120000000001,Dup,31.73.04,14,5,5000000,\n";
    let report = company::import(csv.as_bytes(), &Kemendagri::embedded()).unwrap_err();
    let e = errors(&report);
    for col in ["nib", "kbli", "reported_workers", "average_wage", "npp"] {
        assert!(e.contains(&(4, col.into())), "{col}: {e:?}");
    }
    assert!(e.contains(&(5, "nib".into()))); // the same NIB as row 2
    assert!(!e.iter().any(|(r, _)| *r == 2 || *r == 3), "{e:?}");
    let ok = "nib,name,region_code,kbli,reported_workers,average_wage,npp\n\
              9120000000001,PT Konfeksi Anyar,31.73.04.1002,14111,12,4.000.000,\n";
    let (rows, _) = company::import(ok.as_bytes(), &Kemendagri::embedded()).unwrap();
    assert_eq!(rows[0].average_wage.get(), 4_000_000);
    assert_eq!(rows[0].sector, Sector::Division(14));
    assert_eq!(rows[0].npp, None);
}

#[test]
fn xlsx_numbers_in_identifier_columns_are_refused() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "nib",
        "name",
        "region_code",
        "kbli",
        "reported_workers",
        "average_wage",
        "npp",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 9120000000001.0).unwrap(); // NIB typed as a number
    ws.write_string(1, 1, "PT Angka").unwrap();
    ws.write_string(1, 2, "31.73.04").unwrap();
    ws.write_string(1, 3, "14111").unwrap();
    ws.write_number(1, 4, 12.0).unwrap(); // counts may be numbers
    ws.write_number(1, 5, 5_729_876.0).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let report = company::import(&bytes, &Kemendagri::embedded()).unwrap_err();
    assert_eq!(errors(&report), vec![(2, "nib".to_owned())]);
    assert!(report.errors[0].message.contains("15 significant digits"));
}

#[test]
fn enrolled_aggregates_file() {
    let csv = "region_code,sector,month,segment,vulnerable,programs,count\n\
               31.73.04.1002,14,2025-08,BPU,true,JKK;JKM,250\n\
               31.73.04.1002,,2025-08,PU,false,JKK;JKM;JHT;JP,150\n";
    let (rows, _) = registry_files::enrolled(csv.as_bytes(), &Kemendagri::embedded()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].sector, None);
    let bad = "region_code,sector,month,segment,vulnerable,programs,count\n\
               31.73.04.1002,14,2025-13,XX,maybe,JKK;ABC,-1\n";
    let report = registry_files::enrolled(bad.as_bytes(), &Kemendagri::embedded()).unwrap_err();
    let e = errors(&report);
    for col in ["month", "segment", "vulnerable", "programs", "count"] {
        assert!(e.contains(&(2, col.into())), "{col}: {e:?}");
    }
}
