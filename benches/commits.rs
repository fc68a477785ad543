//! Durable commits through the group-commit writer with 1, 8 and 64 concurrent writers.
//! One writer is the "one fsync per write" baseline; the others show what grouping buys.
//!
//! Run: `cargo bench --bench commits`. Each iteration is one durable change; criterion reports
//! time per change, so commits/s = 1 / time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use parley::events::{Bus, Event};
use parley::metrics::Metrics;
use parley::store::Store;

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), Bus::default(), Metrics::new()).unwrap());
    let mut group = c.benchmark_group("durable_commits");
    group.sample_size(10);
    for writers in [1usize, 8, 64] {
        group.throughput(Throughput::Elements(1));
        group.bench_with_input(
            BenchmarkId::from_parameter(writers),
            &writers,
            |b, &writers| {
                b.to_async(&rt).iter_custom(|iters| {
                    let store = store.clone();
                    async move {
                        let started = std::time::Instant::now();
                        let per = iters.div_ceil(writers as u64);
                        let tasks: Vec<_> = (0..writers)
                            .map(|w| {
                                let store = store.clone();
                                tokio::spawn(async move {
                                    for i in 0..per {
                                        store
                                            .write(move |tx| {
                                                tx.emit(Event::UserChanged {
                                                    user_id: format!("{w}-{i}"),
                                                })
                                            })
                                            .await
                                            .unwrap();
                                    }
                                })
                            })
                            .collect();
                        for t in tasks {
                            t.await.unwrap();
                        }
                        started
                            .elapsed()
                            .div_f64((per * writers as u64) as f64 / iters as f64)
                    }
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
