//! Coverage: potential workers (and vulnerable workers) against active participants by
//! residence, per region at a chosen level (village → district → city → province roll-up by
//! the code hierarchy) and optionally per sector, for one month; by segment and program; and
//! the month-by-month trend.
//!
//! A figure published for a coarser region than the table's level (a city-wide statistic in a
//! village table, a participant whose residence is known only to the district) cannot be
//! placed in a row: it is shown in the "not allocated" row and counted in the total, so the
//! total is always the whole of the selection.
//!
//! The potential used for a month is, for each region × sector series, the newest figure whose
//! period starts on or before that month (figures hold until replaced).

use crate::model::{EnrolledRecord, PotentialRecord, Program, Segment};
use crate::period::{Month, StatPeriod};
use crate::ratio::Ratio;
use crate::region::{Level, RegionDirectory, RegionKey};
use crate::sector::{Sector, SectorLevel};
use crate::suppress::{self, Policy, Relation};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What to compute.
#[derive(Clone, Debug)]
pub struct CoverageQuery {
    pub month: Month,
    /// Only regions inside this one; `None`: everything given.
    pub within: Option<RegionKey>,
    /// The level of the rows.
    pub level: Level,
    /// Only these sectors (a section includes its divisions); empty: all.
    pub sectors: Vec<Sector>,
    /// One row per region × sector as well as per region.
    pub by_sector: bool,
    pub sector_level: SectorLevel,
    pub policy: Policy,
}

impl CoverageQuery {
    pub fn new(month: Month, level: Level) -> CoverageQuery {
        CoverageQuery {
            month,
            within: None,
            level,
            sectors: Vec::new(),
            by_sector: false,
            sector_level: SectorLevel::Section,
            policy: Policy::default(),
        }
    }
}

/// A row's region: a region at the table's level, or what could not be placed at that level.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowRegion {
    Region(RegionKey),
    NotAllocated,
    Total,
}

impl Serialize for RowRegion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RowRegion::Region(r) => r.serialize(s),
            RowRegion::NotAllocated => s.serialize_str("not_allocated"),
            RowRegion::Total => s.serialize_str("total"),
        }
    }
}

/// A row's sector column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SectorCol {
    Known(Sector),
    Unknown,
    All,
}

impl Serialize for SectorCol {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SectorCol::Known(x) => x.serialize(s),
            SectorCol::Unknown => s.serialize_str("unknown"),
            SectorCol::All => s.serialize_str("all"),
        }
    }
}

/// A count as published: `None` (JSON `null`) when hidden by k-anonymity suppression.
pub type Shown = Option<u64>;

/// One row of a coverage table.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageRow {
    pub region: RowRegion,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub sector: SectorCol,
    pub potential: u64,
    pub potential_vulnerable: u64,
    pub enrolled: Shown,
    pub enrolled_vulnerable: Shown,
    pub uncovered: Shown,
    pub uncovered_vulnerable: Shown,
    pub rate: Option<Ratio>,
    pub rate_vulnerable: Option<Ratio>,
    /// Enrolled by segment (region rows over all sectors and the total only).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_segment: BTreeMap<&'static str, Shown>,
    /// Enrolled in each program, and that program's coverage rate.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_program: BTreeMap<&'static str, ProgramCell>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct ProgramCell {
    pub enrolled: Shown,
    pub rate: Option<Ratio>,
}

/// A coverage table for one month.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageTable {
    pub month: Month,
    pub level: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<RegionKey>,
    /// Statistic periods the potential came from.
    pub potential_periods: Vec<StatPeriod>,
    pub policy: Policy,
    /// Region rows (all sectors), ordered by code; the not-allocated row last when present.
    pub rows: Vec<CoverageRow>,
    /// Region × sector rows, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sector_rows: Vec<CoverageRow>,
    /// Totals per sector, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sector_totals: Vec<CoverageRow>,
    pub total: CoverageRow,
}

#[derive(Clone, Debug, Default)]
struct Acc {
    potential: u64,
    potential_vulnerable: u64,
    enrolled: u64,
    enrolled_vulnerable: u64,
    segments: [u64; 4],
    programs: [u64; 5],
}

impl Acc {
    fn add(&mut self, o: &Acc) {
        self.potential += o.potential;
        self.potential_vulnerable += o.potential_vulnerable;
        self.enrolled += o.enrolled;
        self.enrolled_vulnerable += o.enrolled_vulnerable;
        for (a, b) in self.segments.iter_mut().zip(o.segments) {
            *a += b;
        }
        for (a, b) in self.programs.iter_mut().zip(o.programs) {
            *a += b;
        }
    }
}

fn segment_index(s: Segment) -> usize {
    match s {
        Segment::Pu => 0,
        Segment::Bpu => 1,
        Segment::Jakon => 2,
        Segment::Pmi => 3,
    }
}

/// The potential records in force for `month`: per region × sector series, the newest period
/// starting on or before the month.
pub fn potential_in_force(potential: &[PotentialRecord], month: Month) -> Vec<&PotentialRecord> {
    let mut best: HashMap<(&RegionKey, Sector), &PotentialRecord> = HashMap::new();
    for p in potential.iter().filter(|p| p.period.start() <= month) {
        let e = best.entry((&p.region, p.sector)).or_insert(p);
        if p.period > e.period {
            *e = p;
        }
    }
    let mut out: Vec<&PotentialRecord> = best.into_values().collect();
    out.sort_by(|a, b| (&a.region, a.sector).cmp(&(&b.region, b.sector)));
    out
}

fn sector_selected(filter: &[Sector], s: Option<Sector>) -> bool {
    filter.is_empty() || s.is_some_and(|s| filter.iter().any(|f| s.within(*f)))
}

fn region_selected(within: &Option<RegionKey>, r: &RegionKey) -> bool {
    within.as_ref().is_none_or(|w| r.within(w))
}

/// Computes a coverage table. `names` supplies region names (may know none).
pub fn coverage(
    q: &CoverageQuery,
    potential: &[PotentialRecord],
    enrolled: &[EnrolledRecord],
    names: &dyn RegionDirectory,
) -> CoverageTable {
    let row_of = |r: &RegionKey| match r.at(q.level) {
        Some(k) => RowRegion::Region(k),
        None => RowRegion::NotAllocated,
    };
    let col_of = |s: Option<Sector>| match s {
        Some(s) => SectorCol::Known(s.at(q.sector_level)),
        None => SectorCol::Unknown,
    };
    let mut cells: BTreeMap<(RowRegion, SectorCol), Acc> = BTreeMap::new();
    let mut periods = BTreeSet::new();
    for p in potential_in_force(potential, q.month) {
        if !region_selected(&q.within, &p.region) || !sector_selected(&q.sectors, Some(p.sector)) {
            continue;
        }
        periods.insert(p.period);
        let acc = cells
            .entry((row_of(&p.region), col_of(Some(p.sector))))
            .or_default();
        acc.potential += p.workers;
        acc.potential_vulnerable += p.vulnerable_workers;
    }
    for e in enrolled {
        if e.month != q.month
            || !region_selected(&q.within, &e.region)
            || !sector_selected(&q.sectors, e.sector)
        {
            continue;
        }
        let acc = cells
            .entry((row_of(&e.region), col_of(e.sector)))
            .or_default();
        acc.enrolled += e.count;
        if e.vulnerable {
            acc.enrolled_vulnerable += e.count;
        }
        if let Some(s) = acc.segments.get_mut(segment_index(e.segment)) {
            *s += e.count;
        }
        for (i, p) in Program::ALL.iter().enumerate() {
            if e.programs.contains(*p)
                && let Some(c) = acc.programs.get_mut(i)
            {
                *c += e.count;
            }
        }
    }

    // Margins: per region (all sectors), per sector (all regions), and the grand total.
    let mut region_acc: BTreeMap<RowRegion, Acc> = BTreeMap::new();
    let mut sector_acc: BTreeMap<SectorCol, Acc> = BTreeMap::new();
    let mut total = Acc::default();
    for ((r, c), a) in &cells {
        region_acc.entry(r.clone()).or_default().add(a);
        sector_acc.entry(*c).or_default().add(a);
        total.add(a);
    }

    // Lay every published count out in one index space per measure family, then suppress.
    let region_keys: Vec<RowRegion> = region_acc.keys().cloned().collect();
    let sector_keys: Vec<SectorCol> = if q.by_sector {
        sector_acc.keys().copied().collect()
    } else {
        Vec::new()
    };
    let cell_keys: Vec<(RowRegion, SectorCol)> = if q.by_sector {
        cells.keys().cloned().collect()
    } else {
        Vec::new()
    };
    let layout = Layout::new(&region_keys, &sector_keys, &cell_keys);
    let measure = |f: &dyn Fn(&Acc) -> u64| -> Vec<bool> {
        let mut values = vec![0u64; layout.len];
        for (i, k) in region_keys.iter().enumerate() {
            values[layout.region(i)] = region_acc.get(k).map_or(0, f);
        }
        for (i, k) in sector_keys.iter().enumerate() {
            values[layout.sector(i)] = sector_acc.get(k).map_or(0, f);
        }
        for (i, k) in cell_keys.iter().enumerate() {
            values[layout.cell(i)] = cells.get(k).map_or(0, f);
        }
        values[layout.total()] = f(&total);
        suppress::suppress(&values, &layout.relations, q.policy)
    };
    let hide_enrolled = measure(&|a| a.enrolled);
    let hide_vulnerable = measure(&|a| a.enrolled_vulnerable);
    // Segments add up to the region's enrolled count, so they are suppressed in a system of
    // their own (regions × segments, with the enrolled counts as margins).
    let seg_layout = Layout::segments(region_keys.len());
    let mut seg_values = vec![0u64; seg_layout.len];
    for (i, k) in region_keys.iter().enumerate() {
        let a = region_acc.get(k).cloned().unwrap_or_default();
        seg_values[seg_layout.region(i)] = a.enrolled;
        for (s, v) in a.segments.iter().enumerate() {
            seg_values[seg_layout.seg_cell(i, s)] = *v;
        }
    }
    seg_values[seg_layout.total()] = total.enrolled;
    for (s, v) in total.segments.iter().enumerate() {
        seg_values[seg_layout.seg_total(s)] = *v;
    }
    let mut hide_seg = suppress::suppress(&seg_values, &seg_layout.relations, q.policy);
    // A region's enrolled count hidden in the main table stays hidden here too.
    for (i, _) in region_keys.iter().enumerate() {
        if hide_enrolled[layout.region(i)] {
            hide_seg[seg_layout.region(i)] = true;
        }
    }
    let hide_seg = suppress::suppress_with(&seg_values, &seg_layout.relations, q.policy, hide_seg);
    // Programs overlap (one person, several programs): each is a rows → total relation.
    let hide_prog: Vec<Vec<bool>> = (0..5)
        .map(|p| {
            let mut values: Vec<u64> = region_keys
                .iter()
                .map(|k| region_acc.get(k).map_or(0, |a| a.programs[p]))
                .collect();
            values.push(total.programs[p]);
            let rel = Relation {
                members: (0..region_keys.len()).collect(),
                margin: region_keys.len(),
            };
            suppress::suppress(&values, &[rel], q.policy)
        })
        .collect();

    let build = |region: RowRegion,
                 sector: SectorCol,
                 a: &Acc,
                 idx: usize,
                 detail: Option<(usize, usize)>| {
        let he = hide_enrolled[idx];
        let hv = hide_vulnerable[idx];
        let shown = |v: u64, hidden: bool| (!hidden).then_some(v);
        let mut by_segment = BTreeMap::new();
        let mut by_program = BTreeMap::new();
        if let Some((seg_row, prog_row)) = detail {
            for (s, seg) in Segment::ALL.iter().enumerate() {
                let i = if seg_row == usize::MAX {
                    seg_layout.seg_total(s)
                } else {
                    seg_layout.seg_cell(seg_row, s)
                };
                by_segment.insert(seg.code(), shown(a.segments[s], hide_seg[i]));
            }
            for (p, prog) in Program::ALL.iter().enumerate() {
                let hidden = hide_prog[p][prog_row];
                by_program.insert(
                    prog.code(),
                    ProgramCell {
                        enrolled: shown(a.programs[p], hidden),
                        rate: (!hidden && a.potential > 0)
                            .then(|| Ratio::new(a.programs[p], a.potential)),
                    },
                );
            }
        }
        let name = match &region {
            RowRegion::Region(r) => names.name(r),
            _ => None,
        };
        CoverageRow {
            region,
            name,
            sector,
            potential: a.potential,
            potential_vulnerable: a.potential_vulnerable,
            enrolled: shown(a.enrolled, he),
            enrolled_vulnerable: shown(a.enrolled_vulnerable, hv),
            uncovered: shown(a.potential.saturating_sub(a.enrolled), he),
            uncovered_vulnerable: shown(
                a.potential_vulnerable.saturating_sub(a.enrolled_vulnerable),
                hv,
            ),
            rate: (!he && a.potential > 0).then(|| Ratio::new(a.enrolled, a.potential)),
            rate_vulnerable: (!hv && a.potential_vulnerable > 0)
                .then(|| Ratio::new(a.enrolled_vulnerable, a.potential_vulnerable)),
            by_segment,
            by_program,
        }
    };

    let rows = region_keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let a = region_acc.get(k).cloned().unwrap_or_default();
            build(
                k.clone(),
                SectorCol::All,
                &a,
                layout.region(i),
                Some((i, i)),
            )
        })
        .collect();
    let sector_rows = cell_keys
        .iter()
        .enumerate()
        .map(|(i, (r, c))| {
            let a = cells.get(&(r.clone(), *c)).cloned().unwrap_or_default();
            build(r.clone(), *c, &a, layout.cell(i), None)
        })
        .collect();
    let sector_totals = sector_keys
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let a = sector_acc.get(c).cloned().unwrap_or_default();
            build(RowRegion::Total, *c, &a, layout.sector(i), None)
        })
        .collect();
    let mut total_row = build(
        RowRegion::Total,
        SectorCol::All,
        &total,
        layout.total(),
        Some((usize::MAX, region_keys.len())),
    );
    if let Some(w) = &q.within {
        total_row.name = names.name(w);
    }
    CoverageTable {
        month: q.month,
        level: q.level,
        within: q.within.clone(),
        potential_periods: periods.into_iter().collect(),
        policy: q.policy,
        rows,
        sector_rows,
        sector_totals,
        total: total_row,
    }
}

/// Index space of one measure: region margins, sector margins, cells, grand total.
struct Layout {
    len: usize,
    n_regions: usize,
    n_sectors: usize,
    relations: Vec<Relation>,
}

impl Layout {
    fn new(
        regions: &[RowRegion],
        sectors: &[SectorCol],
        cells: &[(RowRegion, SectorCol)],
    ) -> Layout {
        let (nr, ns, nc) = (regions.len(), sectors.len(), cells.len());
        let mut l = Layout {
            len: nr + ns + nc + 1,
            n_regions: nr,
            n_sectors: ns,
            relations: Vec::new(),
        };
        l.relations.push(Relation {
            members: (0..nr).map(|i| l.region(i)).collect(),
            margin: l.total(),
        });
        if ns > 0 {
            l.relations.push(Relation {
                members: (0..ns).map(|i| l.sector(i)).collect(),
                margin: l.total(),
            });
            for (ri, r) in regions.iter().enumerate() {
                let members = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, (cr, _))| cr == r)
                    .map(|(i, _)| l.cell(i))
                    .collect();
                l.relations.push(Relation {
                    members,
                    margin: l.region(ri),
                });
            }
            for (si, s) in sectors.iter().enumerate() {
                let members = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, cs))| cs == s)
                    .map(|(i, _)| l.cell(i))
                    .collect();
                l.relations.push(Relation {
                    members,
                    margin: l.sector(si),
                });
            }
        }
        l
    }

    fn region(&self, i: usize) -> usize {
        i
    }
    fn sector(&self, i: usize) -> usize {
        self.n_regions + i
    }
    fn cell(&self, i: usize) -> usize {
        self.n_regions + self.n_sectors + i
    }
    fn total(&self) -> usize {
        self.len - 1
    }
}

/// Index space of the segment breakdown: per region its enrolled count then 4 segment cells;
/// then the total and the 4 segment totals.
struct SegLayout {
    len: usize,
    n_regions: usize,
    relations: Vec<Relation>,
}

impl Layout {
    fn segments(n_regions: usize) -> SegLayout {
        let mut l = SegLayout {
            len: (n_regions + 1) * 5,
            n_regions,
            relations: Vec::new(),
        };
        for i in 0..n_regions {
            l.relations.push(Relation {
                members: (0..4).map(|s| l.seg_cell(i, s)).collect(),
                margin: l.region(i),
            });
        }
        l.relations.push(Relation {
            members: (0..4).map(|s| l.seg_total(s)).collect(),
            margin: l.total(),
        });
        for s in 0..4 {
            l.relations.push(Relation {
                members: (0..n_regions).map(|i| l.seg_cell(i, s)).collect(),
                margin: l.seg_total(s),
            });
        }
        l.relations.push(Relation {
            members: (0..n_regions).map(|i| l.region(i)).collect(),
            margin: l.total(),
        });
        l
    }
}

impl SegLayout {
    fn region(&self, i: usize) -> usize {
        i * 5
    }
    fn seg_cell(&self, i: usize, s: usize) -> usize {
        i * 5 + 1 + s
    }
    fn total(&self) -> usize {
        self.n_regions * 5
    }
    fn seg_total(&self, s: usize) -> usize {
        self.n_regions * 5 + 1 + s
    }
}

/// One month of a trend.
#[derive(Clone, Debug, Serialize)]
pub struct TrendPoint {
    pub month: Month,
    pub potential: u64,
    pub potential_vulnerable: u64,
    pub enrolled: Shown,
    pub enrolled_vulnerable: Shown,
    pub rate: Option<Ratio>,
    pub rate_vulnerable: Option<Ratio>,
}

/// The month-by-month coverage of a selection (its total row for each month).
pub fn trend(
    base: &CoverageQuery,
    months: &[Month],
    potential: &[PotentialRecord],
    enrolled: &[EnrolledRecord],
) -> Vec<TrendPoint> {
    months
        .iter()
        .map(|m| {
            let q = CoverageQuery {
                month: *m,
                by_sector: false,
                ..base.clone()
            };
            let t = coverage(&q, potential, enrolled, &crate::region::NoDirectory).total;
            TrendPoint {
                month: *m,
                potential: t.potential,
                potential_vulnerable: t.potential_vulnerable,
                enrolled: t.enrolled,
                enrolled_vulnerable: t.enrolled_vulnerable,
                rate: t.rate,
                rate_vulnerable: t.rate_vulnerable,
            }
        })
        .collect()
}
