//! Prometheus metrics: HTTP requests by route and status, latency, store commits, build info.

use std::sync::Arc;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts,
    Registry, TextEncoder,
};

#[derive(Clone)]
pub struct Metrics(Arc<Shared>);

struct Shared {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    commit_seconds: Histogram,
    commit_batch: Histogram,
    index_documents: IntCounter,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

// Metric definitions are constants; registering them can only fail on a programming error.
#[allow(clippy::expect_used)]
impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new();
        let requests = IntCounterVec::new(
            Opts::new(
                "parley_http_requests_total",
                "HTTP requests by route and status",
            ),
            &["route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "parley_http_request_duration_seconds",
                "HTTP request latency by route",
            ),
            &["route"],
        )
        .expect("valid metric");
        let commit_seconds = Histogram::with_opts(
            HistogramOpts::new(
                "parley_store_commit_seconds",
                "Durable group-commit latency",
            )
            .buckets(vec![
                0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1.0,
            ]),
        )
        .expect("valid metric");
        let commit_batch = Histogram::with_opts(
            HistogramOpts::new("parley_store_commit_batch_size", "Changes per group commit")
                .buckets(vec![
                    1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, 1024.0,
                ]),
        )
        .expect("valid metric");
        let index_documents = IntCounter::new(
            "parley_search_documents_written_total",
            "Search documents (re)written; grows with what changed, not with history",
        )
        .expect("valid metric");
        let build = IntGauge::with_opts(
            Opts::new("parley_build_info", "Build information")
                .const_label("version", env!("CARGO_PKG_VERSION")),
        )
        .expect("valid metric");
        build.set(1);
        for c in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(latency.clone()),
            Box::new(commit_seconds.clone()),
            Box::new(commit_batch.clone()),
            Box::new(index_documents.clone()),
            Box::new(build),
        ] {
            registry.register(c).expect("unique metric names");
        }
        Self(Arc::new(Shared {
            registry,
            requests,
            latency,
            commit_seconds,
            commit_batch,
            index_documents,
        }))
    }

    pub fn observe_request(&self, route: &str, status: u16, seconds: f64) {
        self.0
            .requests
            .with_label_values(&[route, &status.to_string()])
            .inc();
        self.0.latency.with_label_values(&[route]).observe(seconds);
    }

    pub fn observe_commit(&self, seconds: f64, batch: usize) {
        self.0.commit_seconds.observe(seconds);
        self.0.commit_batch.observe(batch as f64);
    }

    /// Counts search documents written by the indexer.
    pub fn index_documents(&self) -> IntCounter {
        self.0.index_documents.clone()
    }

    pub fn render(&self) -> String {
        let mut buf = Vec::new();
        let _ = TextEncoder::new().encode(&self.0.registry.gather(), &mut buf);
        String::from_utf8(buf).unwrap_or_default()
    }
}
