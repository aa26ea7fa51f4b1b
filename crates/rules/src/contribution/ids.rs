//! The parameters the contribution rules read, as a closed set of typed ids. Naming them once
//! lets the compiled path ([`super::book`]) hold every value in an array indexed by id, and the
//! traced path look the same names up through [`crate::trace::Ctx`].

use crate::params::Kind;

macro_rules! param_ids {
    ($($id:ident = $name:literal : $kind:ident),+ $(,)?) => {
        /// A contribution parameter.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum P { $($id),+ }

        impl P {
            /// Every id, in declaration order (the order of the compiled arrays).
            pub const ALL: &'static [P] = &[$(P::$id),+];

            /// The parameter's name in the parameter files.
            pub const fn name(self) -> &'static str {
                match self { $(P::$id => $name),+ }
            }

            /// The kind the rules expect the parameter to hold.
            pub const fn kind(self) -> Kind {
                match self { $(P::$id => Kind::$kind),+ }
            }
        }
    };
}

param_ids! {
    JkkClass1 = "pu.jkk.rate.class_1": Rate,
    JkkClass2 = "pu.jkk.rate.class_2": Rate,
    JkkClass3 = "pu.jkk.rate.class_3": Rate,
    JkkClass4 = "pu.jkk.rate.class_4": Rate,
    JkkClass5 = "pu.jkk.rate.class_5": Rate,
    PuJkm = "pu.jkm.rate": Rate,
    PuJhtEmployer = "pu.jht.rate.employer": Rate,
    PuJhtWorker = "pu.jht.rate.worker": Rate,
    PuJpEmployer = "pu.jp.rate.employer": Rate,
    PuJpWorker = "pu.jp.rate.worker": Rate,
    JpWageCap = "jp.wage_cap": Rupiah,
    JkpInForce = "jkp.contribution.in_force": Bool,
    JkpWageCap = "jkp.contribution.wage_cap": Rupiah,
    JkpGovernment = "jkp.contribution.government_rate": Rate,
    JkpFromJkk = "jkp.recomposition.from_jkk_rate": Rate,
    JkpFromJkm = "jkp.recomposition.from_jkm_rate": Rate,
    BpuJkk = "bpu.jkk.rate": Rate,
    BpuJkm = "bpu.jkm.amount": Rupiah,
    BpuJht = "bpu.jht.rate": Rate,
    BpuMinIncome = "bpu.income.minimum": Rupiah,
    BpuBrackets = "bpu.income.brackets": RateTable,
    JakonJkkBands = "jakon.jkk.bands": Bands,
    JakonJkmBands = "jakon.jkm.bands": Bands,
    JakonWageJkk = "jakon.wage_known.jkk_rate": Rate,
    JakonWageJkm = "jakon.wage_known.jkm_rate": Rate,
    PmiPrePlacement = "pmi.package.pre_placement": Rupiah,
    PmiPlacement24 = "pmi.package.placement_24m": Rupiah,
    PmiPlacement12 = "pmi.package.placement_12m": Rupiah,
    PmiPlacement6 = "pmi.package.placement_6m": Rupiah,
    PmiExtensionMonth = "pmi.package.extension_month": Rupiah,
    PmiJht = "pmi.jht.amount": Rupiah,
    Pp49JkkJkmDiscount = "relief.pp49_2020.jkk_jkm_discount": Rate,
    Pp49JpDeferred = "relief.pp49_2020.jp_deferred_share": Rate,
    Pp7BySector = "relief.pp7_2025.jkk_discount_by_sector": RateTable,
    Pp7MinWorkers = "relief.pp7_2025.min_workers": Count,
    Pp7Recomposition = "relief.pp7_2025.jkk_to_jkp_recomposition_discount": Rate,
    Pp50Transport = "relief.pp50_2025.bpu_discount.transport": Rate,
    Pp50General = "relief.pp50_2025.bpu_discount.general": Rate,
}

/// How many ids there are.
pub const COUNT: usize = P::ALL.len();

impl P {
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The JKK rate parameter of a PU risk class (1..=5).
    pub const fn jkk_class(class: u8) -> Option<P> {
        match class {
            1 => Some(P::JkkClass1),
            2 => Some(P::JkkClass2),
            3 => Some(P::JkkClass3),
            4 => Some(P::JkkClass4),
            5 => Some(P::JkkClass5),
            _ => None,
        }
    }
}

/// Caveats a result carries besides the confidence of the parameters it used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// BPU income is not the one confirmed bracket and the bracket table is unknown.
    BpuIncomeUnconfirmedBracket,
    /// A PP 49/2020 discount or deferral was applied without checking its conditions.
    Pp49Conditions,
    /// The PP 7/2025 JKK discount was applied without checking its conditions.
    Pp7Conditions,
}

/// Notes get ids after the parameters in the compiled path's warning set.
pub const NOTE_BASE: usize = COUNT;

impl Note {
    pub const fn index(self) -> usize {
        NOTE_BASE
            + match self {
                Note::BpuIncomeUnconfirmedBracket => 0,
                Note::Pp49Conditions => 1,
                Note::Pp7Conditions => 2,
            }
    }

    pub const fn from_index(index: usize) -> Option<Note> {
        match index.checked_sub(NOTE_BASE) {
            Some(0) => Some(Note::BpuIncomeUnconfirmedBracket),
            Some(1) => Some(Note::Pp49Conditions),
            Some(2) => Some(Note::Pp7Conditions),
            _ => None,
        }
    }

    pub fn label(self) -> crate::trace::Label {
        use crate::trace::Label;
        match self {
            Note::BpuIncomeUnconfirmedBracket => Label::new(
                "tabel kelompok penghasilan BPU (Lampiran II PP 44/2015) tidak diketahui: iuran dihitung dari penghasilan yang dilaporkan, hanya Rp1.000.000 yang terkonfirmasi sebagai kelompok (Keputusan 5)",
                "the BPU income-bracket table (PP 44/2015 Lampiran II) is unknown: contributions use the declared income; only Rp1,000,000 is a confirmed bracket (Decisions 5)",
            ),
            Note::Pp49Conditions => Label::new(
                "keringanan PP 49/2020 diterapkan tanpa memeriksa syaratnya (iuran lunas s.d. Juli 2020; peserta baru membayar penuh 2 bulan pertama; penundaan JP bagi usaha menengah/besar atas permohonan)",
                "PP 49/2020 relief applied without checking its conditions (contributions paid through July 2020; new participants pay in full for their first 2 months; JP deferral for medium/large employers on application)",
            ),
            Note::Pp7Conditions => Label::new(
                "potongan JKK PP 7/2025 diterapkan tanpa memeriksa syarat iuran JKK lunas s.d. Januari 2025",
                "PP 7/2025 JKK discount applied without checking that JKK contributions were paid through January 2025",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fit_the_warning_bitmask_and_index_in_order() {
        for (i, p) in P::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
        }
    }
}
