//! Relay connections over offset cursors.

use async_graphql::connection::{Connection, Edge};
use async_graphql::{OutputType, SimpleObject};
use base64::Engine;

#[derive(SimpleObject)]
pub struct Totals {
    pub total_count: i64,
}

pub type Page<N> = Connection<String, N, Totals>;

pub const DEFAULT_PAGE: usize = 50;
pub const MAX_PAGE: usize = 500;

pub fn encode_cursor(offset: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("o:{offset}"))
}

/// The offset after `cursor`; an unreadable cursor starts from the beginning.
pub fn decode_cursor(cursor: Option<&str>) -> usize {
    cursor
        .and_then(|c| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(c)
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| s.strip_prefix("o:").and_then(|n| n.parse::<usize>().ok()))
        .map_or(0, |n| n + 1)
}

pub fn limit(first: Option<i32>) -> usize {
    first
        .map_or(DEFAULT_PAGE, |f| usize::try_from(f).unwrap_or(0))
        .min(MAX_PAGE)
}

/// One page of `nodes`, which start at `offset` in a list of `total`.
pub fn page<N: OutputType>(nodes: Vec<N>, offset: usize, total: usize) -> Page<N> {
    let has_next = offset + nodes.len() < total;
    let mut c = Connection::with_additional_fields(
        offset > 0,
        has_next,
        Totals {
            total_count: i64::try_from(total).unwrap_or(i64::MAX),
        },
    );
    c.edges.extend(
        nodes
            .into_iter()
            .enumerate()
            .map(|(i, n)| Edge::new(encode_cursor(offset + i), n)),
    );
    c
}

/// The page of `all` that `first`/`after` ask for, each item made a node by `node`.
pub fn paginate<T, N: OutputType>(
    all: Vec<T>,
    first: Option<i32>,
    after: Option<&str>,
    node: impl FnMut(T) -> N,
) -> Page<N> {
    let offset = decode_cursor(after);
    let total = all.len();
    page(
        all.into_iter()
            .skip(offset)
            .take(limit(first))
            .map(node)
            .collect(),
        offset,
        total,
    )
}
