//! Loading and the cascade at 2,000 people (and 20,000, for scale), and building
//! the HR export at 2,000 people (DESIGN §7: export at 2,000 ≤ 200 ms).

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pdca::hr::export::{self, Options};
use pdca::hr::{table, validity};
use pdca::messages::Lang;
use pdca::model::{Cascade, Timestamp};

fn generated_at() -> Timestamp {
    Timestamp(chrono::DateTime::parse_from_rfc3339("2026-11-20T09:00:00+09:00").expect("a valid time"))
}

fn load(c: &mut Criterion) {
    for people in [2_000, 20_000] {
        let store = support::data_set(people);
        let mut group = c.benchmark_group(format!("load_{people}"));
        group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
        group.bench_function("Store::load", |b| b.iter(|| black_box(store.load(None).expect("loads"))));
        let snapshot = store.load(None).expect("loads");
        group.bench_function("Cascade::build", |b| b.iter(|| black_box(Cascade::build(&snapshot.data))));
        group.bench_function("load + Cascade::build", |b| {
            b.iter(|| {
                let snapshot = store.load(None).expect("loads");
                black_box(Cascade::build(&snapshot.data))
            })
        });
        group.finish();
    }
}

fn export(c: &mut Criterion) {
    let store = support::data_set(2_000);
    let snapshot = store.load(None).expect("loads");
    let options = Options { generated_at: generated_at(), unit: None };
    let mut group = c.benchmark_group("export_2000");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.bench_function("build + TOML", |b| {
        b.iter(|| {
            let export = export::build(&snapshot.info, &snapshot.org, &snapshot.data, options).expect("builds");
            black_box(export.to_toml().expect("serialises"))
        })
    });
    group.bench_function("build + CSV", |b| {
        b.iter(|| {
            let export = export::build(&snapshot.info, &snapshot.org, &snapshot.data, options).expect("builds");
            black_box(table::to_csv(&export, Lang::Ja, table::Cells::SpreadsheetSafe))
        })
    });
    // What `pdca export` does between reading the files and writing the text: the
    // records made and written as TOML part by part.
    group.bench_function("load + validate + TOML in parts", |b| {
        b.iter(|| {
            let snapshot = store.load(None).expect("loads");
            let elsewhere = store.goal_ids_of_other_cycles(&snapshot.data.cycle.id).expect("reads");
            assert!(validity::errors(&snapshot.org, &snapshot.data, &elsewhere).is_empty());
            let prepared = export::prepare(&snapshot.info, &snapshot.org, &snapshot.data, options).expect("prepares");
            for part in prepared.toml_parts() {
                black_box(part.expect("serialises"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, load, export);
criterion_main!(benches);
