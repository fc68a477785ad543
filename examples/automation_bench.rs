//! Automation benchmark: 10,000 leads created while an active workflow rule sends each an
//! approved template one minute later (SEND_TEMPLATE with `delayMinutes: 1`, through the outbox
//! to the in-process simulator at 1,000 messages/s, credits on) and a journey enrolls each in a
//! one-minute WAIT. Both delays are real jobs on the durable jobs table, coming due on the
//! app's clock (here the system clock, so lag is wall time).
//!
//! Measures the wall time to create the leads, until every rule run and journey is done, and
//! until every template is SENT; and job lag (when a job's effect was stamped minus when it was
//! due, both on the app's clock):
//! - the rule's delayed send: the queued message's timestamp − (lead created + 1 min);
//! - the journey's wait: the "waited" path entry − (the "waiting" entry + 1 min);
//! - the journey's entry: the first path entry − the enrollment (due at once).
//!
//! Then checks every lead got exactly one template message and completed the journey once.
//!
//! ```sh
//! cargo run --release --example automation_bench        # AUTOMATION_BENCH_LEADS=1000 for fewer
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mod.rs"]
mod support;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use parley::automation::model::{Action, ActionKind, EnrollmentStatus, Step, StepKind, Trigger};
use parley::automation::{NewJourney, NewRule};
use parley::store::tables::{AUTO_ENROLLMENTS, CONVERSATIONS, MESSAGES, RECORDS};
use redb::ReadableTable;
use serde_json::json;

const RATE: u32 = 1000;
const DELAY_MS: i64 = 60_000;

fn stats(mut v: Vec<i64>) -> String {
    v.sort_unstable();
    let p = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)];
    format!(
        "p50 {} ms, p99 {} ms, max {} ms (n = {})",
        p(0.5),
        p(0.99),
        v[v.len() - 1],
        v.len()
    )
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("AUTOMATION_BENCH_LEADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let bench = support::Bench::start(RATE).await;
    let (app, viewer, sandbox) = (bench.app.clone(), bench.viewer.clone(), &bench.sandbox);
    bench.upgrade_to_100k().await;
    let template_id = bench
        .approved_template(
            "bench_automation",
            "Hello $[Leads.First Name], welcome aboard.",
        )
        .await;
    let action = |kind| Action {
        kind,
        template_id: None,
        profile_id: None,
        phone_field: None,
        field: None,
        value: None,
        subject: None,
        due_in_days: None,
        url: None,
        secret_sealed: None,
        secret: None,
    };
    let rule = app
        .automation
        .create_rule(
            &viewer,
            NewRule {
                name: "Welcome a minute later".into(),
                module: "Leads".into(),
                trigger: Trigger::Created,
                field: None,
                conditions: vec![],
                actions: vec![Action {
                    template_id: Some(template_id.clone()),
                    profile_id: Some(bench.profile_id.clone()),
                    ..action(ActionKind::SendTemplate)
                }],
                delay_minutes: 1,
                active: true,
            },
        )
        .await
        .unwrap();
    let step = |key: &str, kind, wait_minutes| Step {
        key: key.into(),
        kind,
        action: None,
        wait_minutes,
        next: None,
        on_reply: None,
        on_no_reply: None,
    };
    let journey = app
        .automation
        .create_journey(
            &viewer,
            NewJourney {
                name: "Wait a minute".into(),
                module: "Leads".into(),
                trigger: Trigger::Created,
                conditions: vec![],
                steps: vec![
                    step("wait", StepKind::Wait, 1),
                    step("end", StepKind::End, 0),
                ],
                active: true,
            },
        )
        .await
        .unwrap();

    let before = sandbox.sent().len();
    let started = Instant::now();
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        futures_util::future::join_all(chunk.iter().map(|i| {
            let (app, viewer) = (app.clone(), viewer.clone());
            let i = *i;
            async move {
                app.crm
                    .create(&viewer, "Leads", &json!({"First_Name": format!("A{i}"), "Last_Name": "Automation", "Mobile": format!("+49 151 6{i:07}")}))
                    .await
                    .unwrap()
            }
        }))
        .await;
    }
    let created = started.elapsed();
    println!(
        "{n} leads created in {:.1} s ({:.0}/s), each enqueueing a delayed rule run and a journey enrollment",
        created.as_secs_f64(),
        n as f64 / created.as_secs_f64()
    );

    let (mut rules_done, mut journeys_done, mut sent_done) = (None, None, None);
    let deadline = Instant::now() + Duration::from_secs(900);
    while rules_done.is_none() || journeys_done.is_none() || sent_done.is_none() {
        assert!(Instant::now() < deadline, "not done within 15 minutes");
        tokio::time::sleep(Duration::from_millis(200)).await;
        let r = app.automation.rules(&viewer, None).unwrap();
        if rules_done.is_none() && r.iter().find(|x| x.id == rule.id).unwrap().runs as usize >= n {
            rules_done = Some(started.elapsed());
        }
        let j = app.automation.journeys(&viewer).unwrap();
        if journeys_done.is_none()
            && j.iter().find(|x| x.id == journey.id).unwrap().completed as usize >= n
        {
            journeys_done = Some(started.elapsed());
        }
        if sent_done.is_none() && sandbox.sent().len() - before >= n {
            sent_done = Some(started.elapsed());
        }
    }
    let secs = |d: Option<Duration>| d.unwrap().as_secs_f64();
    println!(
        "from the first lead: every rule run done after {:.1} s, every journey completed after {:.1} s, every template SENT after {:.1} s (floor: 60 s of delay + {:.0} s of sending at {RATE}/s)",
        secs(rules_done),
        secs(journeys_done),
        secs(sent_done),
        n as f64 / f64::from(RATE)
    );

    // Lags, read back from the store.
    let tx = app.store.read().unwrap();
    let records = tx.open_table(RECORDS).unwrap();
    let convs = tx.open_table(CONVERSATIONS).unwrap();
    let mut per_record: HashMap<String, usize> = HashMap::new();
    let mut send_lag = vec![];
    for m in tx.open_table(MESSAGES).unwrap().iter().unwrap() {
        let m = m.unwrap().1.value().unwrap();
        if m.template_id.as_deref() != Some(template_id.as_str()) {
            continue;
        }
        let c = convs
            .get(m.conversation_id.as_str())
            .unwrap()
            .unwrap()
            .value()
            .unwrap();
        let rid = c.record.unwrap().id;
        let rec = records
            .get(("Leads", rid.as_str()))
            .unwrap()
            .unwrap()
            .value()
            .unwrap();
        send_lag.push(m.timestamp - (rec.created_at + DELAY_MS));
        *per_record.entry(rid).or_default() += 1;
    }
    let (mut wait_lag, mut entry_lag, mut completed) = (vec![], vec![], 0);
    for e in tx.open_table(AUTO_ENROLLMENTS).unwrap().iter().unwrap() {
        let e = e.unwrap().1.value().unwrap();
        if e.journey_id != journey.id {
            continue;
        }
        completed += usize::from(e.status == EnrollmentStatus::Completed);
        entry_lag.push(e.path[0].at - e.enrolled_at);
        wait_lag.push(e.path[1].at - (e.path[0].at + DELAY_MS));
    }
    println!(
        "job lag, rule's delayed template send (queued − due): {}",
        stats(send_lag)
    );
    println!(
        "job lag, journey WAIT timer (moved on − due): {}",
        stats(wait_lag)
    );
    println!(
        "job lag, journey entry (entered − enrolled, due at once): {}",
        stats(entry_lag)
    );
    assert_eq!(per_record.len(), n, "every lead got its template");
    assert!(per_record.values().all(|&c| c == 1), "each exactly once");
    assert_eq!(completed, n, "every enrollment completed");
    println!("checked: {n} leads, one template message each, {completed} journeys completed once");
}
