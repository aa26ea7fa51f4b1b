//! Masking for display (UU 27/2022 on personal data): lists, reports and logs show a NIK as
//! `3173**********01` and a name as `S*** A*****` unless the viewer's role needs them.

/// Masks an identifier-like text: keeps the first 4 and last 2 characters of texts of 10 or more
/// characters, the first 2 of shorter ones, and replaces the rest with `*`. Works on any text
/// (also invalid NIKs in an import report).
pub fn mask_digits(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let n = chars.len();
    let (head, tail) = if n >= 10 { (4, 2) } else { (n.min(2), 0) };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < head || i + tail >= n { *c } else { '*' })
        .collect()
}

/// Masks a person's name word by word, keeping each word's first letter: `Siti Aminah` →
/// `S*** A*****`.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            w.chars()
                .enumerate()
                .map(|(i, c)| if i == 0 { c } else { '*' })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_digits("3173041203900001"), "3173**********01");
        assert_eq!(mask_digits("31730412"), "31******");
        assert_eq!(mask_digits("3.17304E+15"), "3.17*****15");
        assert_eq!(mask_digits(""), "");
        assert_eq!(mask_name("Siti  Aminah"), "S*** A*****");
    }
}
