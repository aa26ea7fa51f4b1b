//! A printable summary for a region: one self-contained HTML page (inline CSS with a print
//! stylesheet, inline SVG charts, no JavaScript). The PDF summary is written directly by
//! [`super::pdf`].

use super::Sheet;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One sheet as an HTML table.
pub fn table(sheet: &Sheet) -> String {
    let mut s = format!("<section><h2>{}</h2><table><thead><tr>", esc(&sheet.title));
    for c in &sheet.columns {
        s.push_str(&format!("<th>{}</th>", esc(c)));
    }
    s.push_str("</tr></thead><tbody>");
    for row in &sheet.rows {
        s.push_str("<tr>");
        for v in row {
            let numeric = !matches!(v, super::Value::Text(_));
            s.push_str(&format!(
                "<td{}>{}</td>",
                if numeric { " class=\"n\"" } else { "" },
                esc(&v.display_id())
            ));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    for n in &sheet.notes {
        s.push_str(&format!("<p class=\"note\">{}</p>", esc(n)));
    }
    s.push_str("</section>\n");
    s
}

/// The full page: a heading, charts (SVG strings), then the tables.
pub fn summary_page(title: &str, subtitle: &str, charts: &[String], sheets: &[Sheet]) -> String {
    let mut s = format!(
        r#"<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{t}</title>
<style>
body {{ font-family: sans-serif; margin: 2em; color: #111; }}
h1 {{ font-size: 1.5em; margin-bottom: 0.2em; }}
h2 {{ font-size: 1.1em; margin-top: 1.5em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.85em; }}
th, td {{ border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; }}
th {{ background: #eee; text-align: left; }}
td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
.note {{ font-size: 0.8em; color: #444; margin: 0.3em 0; }}
figure {{ margin: 1em 0; }}
@media print {{
  body {{ margin: 0; }}
  section, figure {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  @page {{ size: A4; margin: 15mm; }}
}}
</style></head><body>
<h1>{t}</h1><p>{st}</p>
"#,
        t = esc(title),
        st = esc(subtitle)
    );
    for c in charts {
        s.push_str("<figure>");
        s.push_str(c);
        s.push_str("</figure>\n");
    }
    for sh in sheets {
        s.push_str(&table(sh));
    }
    s.push_str("</body></html>\n");
    s
}
