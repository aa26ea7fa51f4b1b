//! Text for the standard Helvetica fonts: every string is reduced to printable ASCII (a subset
//! of WinAnsiEncoding, so no font needs embedding and every reader shows the same glyphs),
//! measured with the fonts' published metrics (Adobe Core14 AFM widths, 1/1000 em), and
//! wrapped to a width. Lengths are integers in decipoints (1/10 pt), like the whole layout.

/// Glyph widths of printable ASCII (32..=126), Helvetica.
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// Glyph widths of printable ASCII (32..=126), Helvetica-Bold.
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 0..?
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // P.._
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // `..o
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // p..~
];

/// The text as printable ASCII: typographic characters get their plain equivalents
/// ("—" → "-", "≤" → "<=", "→" → "->"), accented letters lose the accent, anything else
/// becomes "?". Line breaks and tabs become spaces.
pub fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' '..='~' => out.push(c),
            '\n' | '\r' | '\t' | '\u{a0}' | '\u{2009}' | '\u{202f}' => out.push(' '),
            '–' | '—' | '−' | '‐' | '‑' => out.push('-'),
            '‘' | '’' | '‚' | '′' => out.push('\''),
            '“' | '”' | '„' | '″' => out.push('"'),
            '…' => out.push_str("..."),
            '•' | '·' | '∙' => out.push('*'),
            '×' => out.push('x'),
            '÷' => out.push('/'),
            '≤' => out.push_str("<="),
            '≥' => out.push_str(">="),
            '≠' => out.push_str("!="),
            '≈' => out.push('~'),
            '→' => out.push_str("->"),
            '←' => out.push_str("<-"),
            '±' => out.push_str("+/-"),
            _ => out.push(fold(c)),
        }
    }
    out
}

/// Latin letters with diacritics to their base letter.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' => 'E',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' => 'I',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'O',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' => 'U',
        'ç' => 'c',
        'Ç' => 'C',
        'ñ' => 'n',
        'Ñ' => 'N',
        _ => '?',
    }
}

/// Width of ASCII text at `size` (both in decipoints).
pub fn width(text: &str, size: i32, bold: bool) -> i32 {
    let table = if bold { &BOLD } else { &REGULAR };
    let units: i64 = text
        .bytes()
        .map(|b| {
            let i = usize::from(b.saturating_sub(32));
            i64::from(table.get(i).copied().unwrap_or(556))
        })
        .sum();
    i32::try_from(units * i64::from(size) / 1000).unwrap_or(i32::MAX)
}

/// Word-wraps ASCII text into lines no wider than `max`; a word longer than a line is cut.
pub fn wrap(text: &str, size: i32, bold: bool, max: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if width(&candidate, size, bold) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: cut it while it is wider than a line.
        let mut rest = word.to_owned();
        while width(&rest, size, bold) > max && rest.len() > 1 {
            let mut cut = rest.len() - 1;
            while cut > 1 && width(&rest[..cut], size, bold) > max {
                cut -= 1;
            }
            lines.push(rest[..cut].to_owned());
            rest = rest[cut..].to_owned();
        }
        line = rest;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// At most `max_lines` wrapped lines; the last ends with "..." when text was left out.
pub fn wrap_clamped(text: &str, size: i32, bold: bool, max: i32, max_lines: usize) -> Vec<String> {
    let mut lines = wrap(text, size, bold, max);
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && width(&format!("{last}..."), size, bold) > max {
                last.pop();
            }
            last.push_str("...");
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_becomes_plain_ascii() {
        assert_eq!(
            ascii("Cakupan — k ≤ 5 → naik × 2 “ok” café"),
            "Cakupan - k <= 5 -> naik x 2 \"ok\" cafe"
        );
        assert_eq!(ascii("NIB → NPP 12345678"), "NIB -> NPP 12345678");
        assert_eq!(ascii("日本"), "??");
        assert!(ascii("tab\tnew\nline").is_ascii());
    }

    #[test]
    fn widths_follow_the_afm_metrics() {
        // "Rp1.000" at 10 pt: R 722 + p 556 + 1 556 + . 278 + 0 556 ×3 = 3780 → 378 dp
        assert_eq!(width("Rp1.000", 100, false), 378);
        // bold is wider: R 722 + p 611 + 1 556 + . 278 + 556 × 3 = 3835
        assert_eq!(width("Rp1.000", 100, true), 383);
        assert_eq!(width("", 100, false), 0);
    }

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let text = "Perusahaan yang dikunjungi lebih dulu menurut kekurangan iuran";
        let lines = wrap(text, 90, false, 1000);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, 90, false) <= 1000, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        // a word longer than the line is cut, never lost
        let long = "x".repeat(80);
        let cut = wrap(&long, 90, false, 500);
        assert!(cut.len() > 1);
        assert_eq!(cut.concat(), long);
        let clamped = wrap_clamped(text, 90, false, 1000, 1);
        assert_eq!(clamped.len(), 1);
        assert!(clamped[0].ends_with("..."));
        assert!(width(&clamped[0], 90, false) <= 1000);
    }
}
