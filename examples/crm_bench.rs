//! CRM benchmark: 100,000 leads; p50/p99 of listing the first page (50 rows, newest change
//! first) as an administrator and as a rep who owns a tenth of them, sorted by a field, searched
//! (from the record index, which the search indexer builds while the leads are inserted), and
//! of a phone-index lookup.
//!
//! ```sh
//! cargo run --release --example crm_bench
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use parley::App;
use parley::auth::{NewUser, Viewer};
use parley::clock::{SharedClock, SystemClock};
use parley::config::Config;
use parley::crm::ListQuery;
use serde_json::json;

const LEADS: usize = 100_000;

fn percentiles(mut d: Vec<Duration>) -> (f64, f64) {
    d.sort_unstable();
    let p = |q: f64| d[((d.len() as f64 * q) as usize).min(d.len() - 1)].as_secs_f64() * 1e3;
    (p(0.5), p(0.99))
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        data_dir: dir.path().join("data"),
        ..Config::default()
    };
    let clock: SharedClock = Arc::new(SystemClock);
    let app = App::open(cfg, clock).await.unwrap();
    // The search indexer follows the inserts, as in a running server.
    app.start_workers();
    let admin = app
        .auth
        .create_user(NewUser {
            email: "b@example.com".into(),
            name: "B".into(),
            password: "Bench-Passw0rd".into(),
            is_admin: true,
            ..Default::default()
        })
        .await
        .unwrap();
    let viewer = Viewer {
        user: admin,
        token: String::new(),
    };
    let role = app.auth.create_role("Rep", None).await.unwrap();
    let rep = app
        .auth
        .create_user(NewUser {
            email: "rep@example.com".into(),
            name: "Rep".into(),
            password: "Bench-Passw0rd".into(),
            role_id: Some(role.id),
            ..Default::default()
        })
        .await
        .unwrap();
    let started = Instant::now();
    for chunk in (0..LEADS).collect::<Vec<_>>().chunks(2000) {
        let creates = chunk.iter().map(|i| {
            let (app, viewer) = (app.clone(), viewer.clone());
            let owner = if i % 10 == 0 { &rep.id } else { &viewer.user.id };
            let values = json!({"First_Name": format!("Lead{i}"), "Last_Name": "Bench", "Mobile": format!("+49 151 {:08}", i),
                "Company": format!("Firma {}", i % 997), "Lead_Status": "Contacted", "Owner": owner});
            async move { app.crm.create(&viewer, "Leads", &values).await.unwrap() }
        });
        futures_util::future::join_all(creates).await;
    }
    println!(
        "inserted {LEADS} leads in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    while app.search.applied_seq() < app.store.last_seq().unwrap() {
        app.search.caught_up().await;
    }
    println!(
        "the search index caught up {:.1} s after the last insert",
        started.elapsed().as_secs_f64()
    );

    let q = ListQuery {
        limit: 50,
        ..Default::default()
    };
    let rep_viewer = Viewer {
        user: rep,
        token: String::new(),
    };
    for (who, v, total) in [("admin", &viewer, LEADS), ("rep", &rep_viewer, LEADS / 10)] {
        let mut list = vec![];
        for _ in 0..200 {
            let t = Instant::now();
            let page = app.crm.list(v, "Leads", &q).unwrap();
            list.push(t.elapsed());
            assert_eq!((page.rows.len(), page.total), (50, total));
        }
        let (p50, p99) = percentiles(list);
        println!(
            "first page as {who} (50 of {total}, newest change first): p50 {p50:.2} ms, p99 {p99:.2} ms"
        );
    }

    // Sorted by a field every lead has (served from the field index), both directions, and
    // a deep page.
    for (what, sort_by, desc, offset) in [
        ("sorted by First_Name", "First_Name", false, 0),
        ("sorted by First_Name, descending", "First_Name", true, 0),
        ("sorted by Company, page 100", "Company", false, 5_000),
    ] {
        let q = ListQuery {
            limit: 50,
            offset,
            sort_by: Some(sort_by.into()),
            sort_desc: desc,
            ..Default::default()
        };
        for (who, v, total) in [("admin", &viewer, LEADS), ("rep", &rep_viewer, LEADS / 10)] {
            let mut list = vec![];
            for _ in 0..50 {
                let t = Instant::now();
                let page = app.crm.list(v, "Leads", &q).unwrap();
                list.push(t.elapsed());
                assert_eq!(page.total, total);
            }
            let (p50, p99) = percentiles(list);
            println!("{what} as {who} ({total} visible): p50 {p50:.2} ms, p99 {p99:.2} ms");
        }
    }
    // Searches, first page of 50, newest change first unless sorted: "firma 99" matches the
    // ~800 leads of eight companies, "bench" every lead, "lead4242" eleven, "99" a two-character
    // needle (one n-gram term), and "firma 99" sorted by a field decodes its matches.
    for (needle, sort_by, runs) in [
        ("firma 99", None, 200),
        ("bench", None, 200),
        ("lead4242", None, 200),
        ("99", None, 200),
        ("firma 99", Some("First_Name"), 50),
    ] {
        let q = ListQuery {
            limit: 50,
            search: Some(needle.into()),
            sort_by: sort_by.map(Into::into),
            ..Default::default()
        };
        for (who, v) in [("admin", &viewer), ("rep", &rep_viewer)] {
            let mut list = vec![];
            let mut total = 0;
            for _ in 0..runs {
                let t = Instant::now();
                let page = app.crm.list(v, "Leads", &q).unwrap();
                list.push(t.elapsed());
                total = page.total;
                assert!(page.total > 0, "{needle}");
            }
            let (p50, p99) = percentiles(list);
            let sorted = sort_by.map_or(String::new(), |f| format!(", sorted by {f}"));
            println!(
                "search {needle:?}{sorted} as {who} ({total} found): p50 {p50:.2} ms, p99 {p99:.2} ms"
            );
        }
    }

    let mut lookups = vec![];
    for i in 0..10_000 {
        let e164 = format!("+49151{:08}", (i * 7919) % LEADS);
        let t = Instant::now();
        let hits = app.crm.by_phone(&e164).unwrap();
        lookups.push(t.elapsed());
        assert_eq!(hits.len(), 1, "{e164}");
    }
    let (p50, p99) = percentiles(lookups);
    println!(
        "phone-index lookup: p50 {:.1} µs, p99 {:.1} µs",
        p50 * 1e3,
        p99 * 1e3
    );
}
