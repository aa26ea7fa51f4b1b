//! A small flow layout on A4 portrait pages: headings, wrapped paragraphs, tables that break
//! across pages with their header repeated, horizontal bar charts drawn with vector
//! operations, and a footer with "Halaman i dari n" added once the page count is known.
//!
//! Every length is an integer in decipoints (1/10 pt): each page's content starts by scaling
//! the user space by 0.1, so the layout needs no floating-point arithmetic (the workspace
//! lints it) and positions are exact. `pdf-writer` writes the objects and the xref table.

use super::font::{ascii, width, wrap, wrap_clamped};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4 in decipoints (595.28 × 841.89 pt).
pub const PAGE_W: i32 = 5953;
pub const PAGE_H: i32 = 8419;
/// Margins: 17 mm at the sides and top; the bottom leaves room for the footer.
pub const LEFT: i32 = 482;
pub const RIGHT: i32 = PAGE_W - 482;
pub const TOP: i32 = PAGE_H - 482;
pub const BOTTOM: i32 = 650;
/// The text width.
pub const WIDTH: i32 = RIGHT - LEFT;

const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// An sRGB colour, components 0..=1 (constants only: no arithmetic on them).
#[derive(Clone, Copy, Debug)]
pub struct Rgb(pub f32, pub f32, pub f32);

pub const BLACK: Rgb = Rgb(0.07, 0.07, 0.07);
pub const GREY: Rgb = Rgb(0.27, 0.27, 0.27);
pub const RULE: Rgb = Rgb(0.75, 0.75, 0.75);
pub const HEADER_BG: Rgb = Rgb(0.92, 0.92, 0.92);
pub const TOTAL_BG: Rgb = Rgb(0.96, 0.96, 0.96);
pub const BLUE: Rgb = Rgb(0.169, 0.424, 0.69);
pub const ORANGE: Rgb = Rgb(0.867, 0.42, 0.125);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub header: String,
    /// Decipoints; the widths of a table should add up to at most [`WIDTH`].
    pub width: i32,
    pub align: Align,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub cells: Vec<String>,
    /// A total row: bold on a light background.
    pub total: bool,
}

#[derive(Clone, Debug)]
pub struct Table {
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Printed under the table in small type.
    pub notes: Vec<String>,
}

/// One labelled group of bars (one bar per series), values in basis points of 100 %.
#[derive(Clone, Debug)]
pub struct BarGroup {
    pub label: String,
    /// Per series: the bar's value (capped at 100 %) and its printed text, or `None` for a
    /// hidden or undefined rate, printed as `*`.
    pub values: Vec<Option<(i64, String)>>,
}

#[derive(Clone, Debug)]
pub struct BarChart {
    pub title: String,
    pub series: Vec<(String, Rgb)>,
    pub groups: Vec<BarGroup>,
}

/// Document metadata.
#[derive(Clone, Debug)]
pub struct Info {
    pub title: String,
    /// Printed at the left of every page's footer.
    pub running: String,
    /// "disusun" date: (year, month, day).
    pub date: Option<(u16, u8, u8)>,
}

/// The document being laid out.
pub struct Doc {
    pages: Vec<Content>,
    /// The top of the free space on the current page.
    y: i32,
}

impl Default for Doc {
    fn default() -> Self {
        Doc::new()
    }
}

fn start_page() -> Content {
    let mut c = Content::new();
    c.save_state();
    // Scale to decipoints (see the module header).
    c.transform([0.1, 0.0, 0.0, 0.1, 0.0, 0.0]);
    c
}

/// Draws one line of text with its left edge at `x` and baseline at `y`.
fn text(c: &mut Content, x: i32, y: i32, size: i32, bold: bool, color: Rgb, s: &str) {
    let s = ascii(s);
    c.set_fill_rgb(color.0, color.1, color.2);
    c.begin_text();
    c.set_font(if bold { BOLD } else { REGULAR }, size as f32);
    c.next_line(x as f32, y as f32);
    c.show(Str(s.as_bytes()));
    c.end_text();
}

fn fill(c: &mut Content, x: i32, y: i32, w: i32, h: i32, color: Rgb) {
    c.set_fill_rgb(color.0, color.1, color.2);
    c.rect(x as f32, y as f32, w as f32, h as f32);
    c.fill_nonzero();
}

fn rule(c: &mut Content, x1: i32, y1: i32, x2: i32, y2: i32, w: i32, color: Rgb) {
    c.set_stroke_rgb(color.0, color.1, color.2);
    c.set_line_width(w as f32);
    c.move_to(x1 as f32, y1 as f32);
    c.line_to(x2 as f32, y2 as f32);
    c.stroke();
}

// Table metrics.
const CELL: i32 = 78;
const CELL_LEAD: i32 = 96;
const CELL_PAD: i32 = 28;
const CELL_SIDE: i32 = 30;
const HEAD: i32 = 72;
const HEAD_LEAD: i32 = 88;
const MAX_CELL_LINES: usize = 4;

impl Doc {
    pub fn new() -> Doc {
        Doc {
            pages: vec![start_page()],
            y: TOP,
        }
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn page(&mut self) -> &mut Content {
        if self.pages.is_empty() {
            self.pages.push(start_page());
        }
        let last = self.pages.len() - 1;
        // never empty: `new` starts with a page and pages are only ever added
        &mut self.pages[last]
    }

    pub fn new_page(&mut self) {
        self.pages.push(start_page());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more fits on this one (and this one is not empty).
    fn ensure(&mut self, h: i32) -> bool {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
            return true;
        }
        false
    }

    pub fn space(&mut self, h: i32) {
        self.y -= h;
    }

    /// Wrapped text across the full width; lines move to the next page as needed.
    pub fn paragraph(&mut self, s: &str, size: i32, bold: bool, color: Rgb) {
        let lead = size * 5 / 4;
        for line in wrap(&ascii(s), size, bold, WIDTH) {
            self.ensure(lead);
            self.y -= lead;
            let y = self.y + lead / 4;
            text(self.page(), LEFT, y, size, bold, color, &line);
        }
    }

    /// A section heading, kept with the `keep` decipoints that follow it.
    pub fn heading(&mut self, s: &str, keep: i32) {
        let lines = wrap(&ascii(s), 120, true, WIDTH);
        let h = 150 * lines.len() as i32 + 60;
        self.ensure(h + keep);
        self.y -= 90;
        for line in lines {
            self.y -= 150;
            let y = self.y + 35;
            text(self.page(), LEFT, y, 120, true, BLACK, &line);
        }
        self.y -= 30;
    }

    fn header_lines(columns: &[Column]) -> Vec<Vec<String>> {
        columns
            .iter()
            .map(|c| wrap_clamped(&ascii(&c.header), HEAD, true, c.width - 2 * CELL_SIDE, 4))
            .collect()
    }

    fn draw_header(&mut self, columns: &[Column], lines: &[Vec<String>]) {
        let n = lines.iter().map(Vec::len).max().unwrap_or(1) as i32;
        let h = n * HEAD_LEAD + 2 * CELL_PAD;
        let top = self.y;
        let total: i32 = columns.iter().map(|c| c.width).sum();
        let c = self.page();
        fill(c, LEFT, top - h, total, h, HEADER_BG);
        let mut x = LEFT;
        for (col, ls) in columns.iter().zip(lines) {
            for (i, l) in ls.iter().enumerate() {
                let base = top - CELL_PAD - HEAD_LEAD * (i as i32 + 1) + HEAD_LEAD / 4;
                let tx = match col.align {
                    Align::Left => x + CELL_SIDE,
                    Align::Right => x + col.width - CELL_SIDE - width(l, HEAD, true),
                };
                text(c, tx, base, HEAD, true, BLACK, l);
            }
            x += col.width;
        }
        rule(c, LEFT, top - h, LEFT + total, top - h, 6, GREY);
        self.y = top - h;
    }

    /// A table; when it runs past the page, it continues on the next one under its title
    /// (marked "lanjutan / continued") and its header row.
    pub fn table(&mut self, t: &Table) {
        let head = Self::header_lines(&t.columns);
        let head_h = head.iter().map(Vec::len).max().unwrap_or(1) as i32 * HEAD_LEAD + 2 * CELL_PAD;
        let cells: Vec<(Vec<Vec<String>>, bool)> = t
            .rows
            .iter()
            .map(|r| {
                let lines = t
                    .columns
                    .iter()
                    .zip(&r.cells)
                    .map(|(c, v)| {
                        wrap_clamped(
                            &ascii(v),
                            CELL,
                            r.total,
                            c.width - 2 * CELL_SIDE,
                            MAX_CELL_LINES,
                        )
                    })
                    .collect();
                (lines, r.total)
            })
            .collect();
        let row_h = |lines: &[Vec<String>]| {
            lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as i32 * CELL_LEAD + 2 * CELL_PAD
        };
        // A short table moves whole to the next page rather than split; a long one starts
        // where it is if its header and first row fit.
        let body: i32 = cells.iter().map(|(l, _)| row_h(l)).sum();
        let keep = if head_h + body <= (TOP - BOTTOM) / 3 {
            head_h + body
        } else {
            head_h + cells.first().map_or(0, |(l, _)| row_h(l))
        };
        self.heading(&t.title, keep);
        self.draw_header(&t.columns, &head);
        let total_w: i32 = t.columns.iter().map(|c| c.width).sum();
        for (lines, total) in &cells {
            let h = row_h(lines);
            if self.y - h < BOTTOM {
                self.new_page();
                self.heading(&format!("{} (lanjutan / continued)", t.title), head_h + h);
                self.draw_header(&t.columns, &head);
            }
            let top = self.y;
            let c = self.page();
            if *total {
                fill(c, LEFT, top - h, total_w, h, TOTAL_BG);
            }
            let mut x = LEFT;
            for (col, ls) in t.columns.iter().zip(lines) {
                for (i, l) in ls.iter().enumerate() {
                    let base = top - CELL_PAD - CELL_LEAD * (i as i32 + 1) + CELL_LEAD / 4;
                    let tx = match col.align {
                        Align::Left => x + CELL_SIDE,
                        Align::Right => x + col.width - CELL_SIDE - width(l, CELL, *total),
                    };
                    text(c, tx, base, CELL, *total, BLACK, l);
                }
                x += col.width;
            }
            rule(c, LEFT, top - h, LEFT + total_w, top - h, 4, RULE);
            self.y = top - h;
        }
        if !t.notes.is_empty() {
            self.space(40);
        }
        for n in &t.notes {
            self.paragraph(n, 68, false, GREY);
        }
    }

    /// Horizontal bars from 0 to 100 %, one group per label; a chart longer than the page
    /// continues on the next with its own axis.
    pub fn bar_chart(&mut self, chart: &BarChart) {
        const LABEL_W: i32 = 1500;
        const BAR_H: i32 = 80;
        const GAP: i32 = 70;
        const AXIS_W: i32 = WIDTH - LABEL_W - 700;
        let series = chart.series.len().max(1) as i32;
        let group_h = series * (BAR_H + 15) + GAP;
        let x0 = LEFT + LABEL_W;
        let mut rest: &[BarGroup] = &chart.groups;
        let mut first = true;
        while first || !rest.is_empty() {
            let title = if first {
                chart.title.clone()
            } else {
                format!("{} (lanjutan / continued)", chart.title)
            };
            // legend + axis labels
            let frame = 150 + 140;
            self.heading(&title, frame + group_h * (rest.len().min(3) as i32));
            let fits = ((self.y - BOTTOM - frame) / group_h).max(1) as usize;
            let (now, later) = rest.split_at(fits.min(rest.len()));
            let top = self.y;
            let c = self.page();
            // legend
            let mut lx = x0;
            for (name, color) in &chart.series {
                fill(c, lx, top - 110, 90, 70, *color);
                text(c, lx + 130, top - 105, 75, false, BLACK, name);
                lx += 180 + width(&ascii(name), 75, false) + 120;
            }
            let plot_top = top - 150;
            let plot_bottom = plot_top - group_h * now.len() as i32;
            for pct in [0, 25, 50, 75, 100] {
                let x = x0 + AXIS_W * pct / 100;
                rule(c, x, plot_top, x, plot_bottom, 4, RULE);
                let label = format!("{pct}%");
                let lw = width(&label, 65, false);
                text(c, x - lw / 2, plot_bottom - 90, 65, false, GREY, &label);
            }
            for (i, g) in now.iter().enumerate() {
                let gy = plot_top - group_h * i as i32 - GAP / 2;
                let label = wrap_clamped(&ascii(&g.label), 75, false, LABEL_W - 80, 1);
                let l = label.first().map_or("", String::as_str);
                let lw = width(l, 75, false);
                let mid = gy - (series * (BAR_H + 15)) / 2 - 25;
                text(c, x0 - 60 - lw, mid, 75, false, BLACK, l);
                for (j, v) in g.values.iter().enumerate() {
                    let by = gy - (j as i32 + 1) * (BAR_H + 15);
                    let color = chart.series.get(j).map_or(BLUE, |s| s.1);
                    match v {
                        Some((bp, label)) => {
                            let w =
                                i32::try_from((*bp).clamp(0, 10_000) * i64::from(AXIS_W) / 10_000)
                                    .unwrap_or(0);
                            if w > 0 {
                                fill(c, x0, by, w, BAR_H, color);
                            }
                            text(c, x0 + w + 40, by + 12, 68, false, BLACK, label);
                        }
                        None => text(c, x0 + 40, by + 12, 68, false, GREY, "*"),
                    }
                }
            }
            self.y = plot_bottom - 140;
            rest = later;
            first = false;
        }
    }

    /// The finished PDF: fonts, pages with their footers, the xref table and trailer.
    pub fn finish(mut self, info: &Info) -> Vec<u8> {
        let n = self.pages.len();
        for (i, c) in self.pages.iter_mut().enumerate() {
            rule(c, LEFT, BOTTOM - 200, RIGHT, BOTTOM - 200, 4, RULE);
            text(c, LEFT, BOTTOM - 340, 68, false, GREY, &info.running);
            let label = format!("Halaman {} dari {n} / Page {} of {n}", i + 1, i + 1);
            let w = width(&label, 68, false);
            text(c, RIGHT - w, BOTTOM - 340, 68, false, GREY, &label);
            c.restore_state();
        }
        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let regular = Ref::new(3);
        let bold = Ref::new(4);
        let doc_info = Ref::new(5);
        let page_ref = |i: usize| Ref::new(6 + 2 * i32::try_from(i).unwrap_or(0));
        let content_ref = |i: usize| Ref::new(7 + 2 * i32::try_from(i).unwrap_or(0));
        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree).lang(TextStr("id"));
        pdf.pages(tree)
            .kids((0..n).map(page_ref))
            .count(i32::try_from(n).unwrap_or(i32::MAX));
        for (id, base) in [(regular, &b"Helvetica"[..]), (bold, b"Helvetica-Bold")] {
            pdf.type1_font(id)
                .base_font(Name(base))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        {
            let mut d = pdf.document_info(doc_info);
            d.title(TextStr(&ascii(&info.title)));
            d.creator(TextStr("jamsos"));
            d.producer(TextStr("jamsos (pdf-writer)"));
            if let Some((y, m, day)) = info.date {
                d.creation_date(pdf_writer::Date::new(y).month(m).day(day));
            }
            d.finish();
        }
        for (i, c) in self.pages.into_iter().enumerate() {
            let mut page = pdf.page(page_ref(i));
            page.parent(tree)
                .media_box(Rect::new(0.0, 0.0, 595.28, 841.89))
                .contents(content_ref(i));
            page.resources()
                .fonts()
                .pair(REGULAR, regular)
                .pair(BOLD, bold);
            page.finish();
            pdf.stream(content_ref(i), &c.finish());
        }
        pdf.finish()
    }
}
