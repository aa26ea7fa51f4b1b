//! Masking of personal data (UU 27/2022 on personal data protection). A NIK encodes the birth
//! date and sex, so a masked NIK keeps only the district code (which analysts see anyway) and
//! the last two digits for telling records apart; a masked name keeps initials. Whether a role
//! sees the clear value is decided in [`crate::auth::policy`], never here.

/// `3173041203850001` → `317304••••••••01`.
pub fn mask_nik(nik: &str) -> String {
    let chars: Vec<char> = nik.chars().collect();
    if chars.len() < 10 {
        return "•".repeat(chars.len().max(4));
    }
    let head: String = chars.iter().take(6).collect();
    let tail: String = chars.iter().skip(chars.len() - 2).collect();
    format!("{head}{}{tail}", "•".repeat(chars.len() - 8))
}

/// `Budi Santoso` → `B••• S•••`: initials only, word lengths hidden.
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|w| match w.chars().next() {
            Some(c) => format!("{c}•••"),
            None => String::new(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value for logs: a short, stable, non-reversible tag (first 8 hex of SHA-256) so that log
/// lines about the same person can be correlated without the NIK appearing.
pub fn log_tag(value: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(value.as_bytes());
    hex::encode(digest.get(..4).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nik_keeps_district_and_last_two_only() {
        let m = mask_nik("3173041203850001");
        assert_eq!(m, "317304••••••••01");
        assert!(!m.contains("120385"), "birth date must be hidden");
        assert_eq!(mask_nik("123"), "••••");
    }

    #[test]
    fn names_become_initials() {
        assert_eq!(mask_name("Budi  Santoso"), "B••• S•••");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn log_tags_are_stable_and_opaque() {
        let a = log_tag("3173041203850001");
        assert_eq!(a, log_tag("3173041203850001"));
        assert_eq!(a.len(), 8);
        assert!(!a.contains("3173"));
    }
}
