//! Throughput of the hot paths: NIK parsing (the import's per-row cost) and region lookups.
//! Run: `cargo bench -p jamsos-domain`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jamsos_domain::{Nik, RegionCode, regions};
use std::hint::black_box;

fn niks() -> Vec<String> {
    // Valid NIKs spread over every district, both sexes.
    let districts: Vec<u32> = regions()
        .all()
        .iter()
        .filter_map(|r| r.code.district_number())
        .collect();
    (0..10_000u64)
        .map(|i| {
            let d = districts[(i as usize * 7919) % districts.len()];
            let day = 1 + i % 28 + if i % 2 == 0 { 40 } else { 0 };
            let month = 1 + i % 12;
            let yy = i % 100;
            format!("{d:06}{day:02}{month:02}{yy:02}{:04}", 1 + i % 9999)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = niks();
    let _ = regions();
    let mut g = c.benchmark_group("nik");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("parse_10k", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| Nik::parse(black_box(t)).is_ok())
                .count()
        })
    });
    g.finish();
    let code = RegionCode::parse("31.73.05.1003").unwrap();
    c.bench_function("region_get", |b| {
        b.iter(|| regions().get(black_box(&code)).is_some())
    });
}

criterion_group!(benches, bench);

fn import_bench(c: &mut Criterion) {
    use jamsos_domain::Npp;
    use jamsos_domain::demo::{generate, worker_list_csv};
    use jamsos_domain::import::{ImportContext, ImportKind, parse};
    let csv = worker_list_csv(50_000, 2);
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.throughput(Throughput::Elements(50_000));
    g.bench_function("parse_validate_50k_rows", |b| {
        b.iter(|| {
            let ctx = ImportContext {
                employer: Npp::from_sequence(1),
                sponsor: None,
            };
            parse(black_box(&csv), ImportKind::Workers, ctx).map(|p| p.rows.len())
        })
    });
    g.bench_function("generate_50k_participants", |b| {
        b.iter(|| generate(50_000, 1).count())
    });
    g.finish();
}

criterion_group!(import_benches, import_bench);
criterion_main!(benches, import_benches);
