//! XLSX export (rust_xlsxwriter): one worksheet per sheet, numbers as numbers (rupiah with a
//! thousands format, rates as percentages), hidden counts as `*`.

use super::{Sheet, Value};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Writes the sheets into one workbook and returns its bytes.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("\"Rp\"#,##0");
    let count = Format::new().set_num_format("#,##0");
    let pct = Format::new().set_num_format("0.00%");
    for (si, sheet) in sheets.iter().enumerate() {
        let ws = wb.add_worksheet();
        // Sheet names are unique and at most 31 characters in XLSX.
        let mut name: String = sheet.name.chars().take(28).collect();
        if sheets
            .iter()
            .take(si)
            .any(|s| s.name.chars().take(28).collect::<String>() == name)
        {
            name = format!("{name} {si}");
        }
        ws.set_name(&name)?;
        ws.write_string_with_format(0, 0, &sheet.title, &bold)?;
        for (c, h) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(2, c as u16, h, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let rr = r as u32 + 3;
            for (c, v) in row.iter().enumerate() {
                let cc = c as u16;
                match v {
                    Value::Text(t) => {
                        ws.write_string(rr, cc, t)?;
                    }
                    Value::Count(n) => {
                        ws.write_number_with_format(rr, cc, *n as f64, &count)?;
                    }
                    Value::Money(m) => {
                        ws.write_number_with_format(rr, cc, m.get() as f64, &money)?;
                    }
                    Value::Rate(r) => {
                        if let Some(bp) = r.bp() {
                            // basis points to a spreadsheet fraction: display only, never money
                            #[allow(clippy::float_arithmetic)]
                            let fraction = bp as f64 / 10_000.0;
                            ws.write_number_with_format(rr, cc, fraction, &pct)?;
                        }
                    }
                    Value::Hidden => {
                        ws.write_string(rr, cc, "*")?;
                    }
                    Value::Empty => {}
                }
            }
        }
        let after = sheet.rows.len() as u32 + 4;
        for (i, n) in sheet.notes.iter().enumerate() {
            ws.write_string(after + i as u32, 0, n)?;
        }
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 28)?;
    }
    wb.save_to_buffer()
}
