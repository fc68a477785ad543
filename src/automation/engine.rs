//! The automation engine. Record saves and customer messages emit events that [`react`] follows
//! inside their own write transaction (registered with `Store::react`): matching rules and journeys
//! become jobs (`jobs::Kind::Automation`) in that same transaction, so a trigger is never lost
//! and never doubled. A job's work ([`Runner`]) runs inside the transaction that removes the job,
//! so its effects (a queued template send, a task, a field change, a queued webhook delivery,
//! the run's record) commit together with the job's end: at most once, even across a crash.

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::actions::Source;
use super::flow::{self, put_enrollment, put_journey, schedule};
use super::model::*;
use crate::auth::Auth;
use crate::clock::{Millis, SharedClock};
use crate::crm::Crm;
use crate::crm::model::RecordRow;
use crate::error::Result;
use crate::events::Event;
use crate::jobs::{self, JobRow, Kind, NewJob, Outcome};
use crate::messaging::Messaging;
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{
    AUTO_BLUEPRINTS, AUTO_ENROLL_BY_RECORD, AUTO_ENROLLMENTS, AUTO_JOURNEYS, AUTO_RULES, AUTO_RUNS,
    RECORDS,
};
use crate::templates::Templates;

pub use super::actions::kind_name;
pub use super::flow::MAX_VISITS;

/// Runs kept per rule, blueprint or journey (the newest).
pub const RUNS_KEPT: usize = 100;

/// What an automation job does.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Work {
    Rule {
        module: String,
        rule_id: String,
        record_id: String,
    },
    Transition {
        module: String,
        blueprint_id: String,
        transition: String,
        record_id: String,
        actor: String,
    },
    Journey {
        module: String,
        journey_id: String,
        record_id: String,
        visit: u32,
    },
}

// ---------------------------------------------------------------------------------------------
// Following record saves and customer messages, inside the writing transaction.

/// Follows events in the transaction that emits them (registered with `Store::react` by
/// `App::open`), so crm and messaging trigger automation without importing it:
///
/// - a record a user or an import created or changed ([`Event::RecordChanged`] with `saved`;
///   automation's own changes carry none, so a rule's field update cannot trigger rules again);
/// - a customer's message on a record's conversation ([`Event::CustomerMessaged`]): waiting
///   journeys move on, then INBOUND_MESSAGE rules and journeys react.
pub fn react(tx: &mut Tx<'_>, event: &Event) -> Result<()> {
    match event {
        Event::RecordChanged {
            module,
            record_id,
            saved: Some(saved),
        } => {
            let Some(row) = record(tx, module, record_id)? else {
                return Ok(());
            };
            let trigger = if saved.created {
                Trigger::Created
            } else {
                Trigger::Edited
            };
            let now = row.modified_at;
            fire(tx, &row, &saved.changed, trigger, now)
        }
        Event::CustomerMessaged {
            module,
            record_id,
            at,
            ..
        } => {
            let Some(row) = record(tx, module, record_id)? else {
                return Ok(());
            };
            flow::replied(tx, record_id, *at)?;
            fire(tx, &row, &[], Trigger::InboundMessage, *at)
        }
        _ => Ok(()),
    }
}

fn record(tx: &Tx<'_>, module: &str, record_id: &str) -> Result<Option<RecordRow>> {
    Ok(tx
        .txn
        .open_table(RECORDS)?
        .get((module, record_id))?
        .map(|v| v.value())
        .transpose()?)
}

/// Matching rules become jobs and matching journeys enroll the record. `changed`: the fields a
/// save changed (FIELD_UPDATED rules fire on their field only).
fn fire(
    tx: &mut Tx<'_>,
    row: &RecordRow,
    changed: &[String],
    trigger: Trigger,
    now: Millis,
) -> Result<()> {
    let module = row.module.as_str();
    let rules: Vec<RuleRow> = tx
        .txn
        .open_table(AUTO_RULES)?
        .range((module, "")..=(module, "\u{10FFFF}"))?
        .map(|e| {
            e.map_err(crate::error::Error::from)
                .and_then(|(_, v)| v.value().map_err(Into::into))
        })
        .collect::<Result<_, _>>()?;
    let event = tx.last_emitted().unwrap_or_default();
    for rule in rules.into_iter().filter(|r| r.active) {
        let fires = match rule.trigger {
            Trigger::FieldUpdated => {
                trigger == Trigger::Edited
                    && changed
                        .iter()
                        .any(|f| Some(f.as_str()) == rule.field.as_deref())
            }
            t => t == trigger,
        };
        if !fires || !conditions_hold(&rule.conditions, row) {
            continue;
        }
        jobs::enqueue(
            tx,
            now,
            NewJob {
                kind: Kind::Automation,
                key: Some(format!("rule:{}:{}:{event}", rule.id, row.id)),
                payload: json!(Work::Rule {
                    module: module.to_string(),
                    rule_id: rule.id.clone(),
                    record_id: row.id.clone(),
                }),
                due_at: now + i64::from(rule.delay_minutes) * 60_000,
                max_attempts: 3,
            },
        )?;
    }
    let journeys: Vec<JourneyRow> = tx
        .txn
        .open_table(AUTO_JOURNEYS)?
        .range((module, "")..=(module, "\u{10FFFF}"))?
        .map(|e| {
            e.map_err(crate::error::Error::from)
                .and_then(|(_, v)| v.value().map_err(Into::into))
        })
        .collect::<Result<_, _>>()?;
    for mut j in journeys.into_iter().filter(|j| j.active) {
        let fires = match j.trigger {
            Trigger::FieldUpdated => trigger == Trigger::Edited,
            t => t == trigger,
        };
        if !fires || !conditions_hold(&j.conditions, row) {
            continue;
        }
        let known = tx
            .txn
            .open_table(AUTO_ENROLLMENTS)?
            .get((j.id.as_str(), row.id.as_str()))?
            .is_some();
        if known {
            continue; // one enrollment per record and journey
        }
        let Some(first) = j.steps.first().map(|s| s.key.clone()) else {
            continue;
        };
        let e = Enrollment {
            journey_id: j.id.clone(),
            module: module.to_string(),
            record_id: row.id.clone(),
            status: EnrollmentStatus::Active,
            step: first,
            visit: 0,
            waiting: None,
            wait_until: None,
            path: vec![],
            enrolled_at: now,
            finished_at: None,
        };
        j.enrolled += 1;
        j.in_progress += 1;
        tx.txn
            .open_table(AUTO_ENROLL_BY_RECORD)?
            .insert((row.id.as_str(), j.id.as_str()), ())?;
        schedule(tx, &e, now, now)?;
        put_enrollment(tx, &e)?;
        put_journey(tx, &j)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Conditions.

/// A stored value as text for comparisons ("" when empty).
pub fn text_of(row: &RecordRow, field: &str) -> String {
    value_text(row.values.get(field))
}

pub fn value_text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub fn conditions_hold(conditions: &[Condition], row: &RecordRow) -> bool {
    conditions.iter().all(|c| holds(c, row))
}

fn holds(c: &Condition, row: &RecordRow) -> bool {
    let v = text_of(row, &c.field);
    let want = c.value.clone().unwrap_or_default();
    let (lv, lw) = (v.to_lowercase(), want.to_lowercase());
    match c.op {
        CondOp::Equals => lv == lw,
        CondOp::NotEquals => lv != lw,
        CondOp::Contains => lv.contains(&lw),
        CondOp::IsEmpty => v.trim().is_empty(),
        CondOp::IsNotEmpty => !v.trim().is_empty(),
        CondOp::GreaterThan => !v.is_empty() && compare(&v, &want).is_gt(),
        CondOp::LessThan => !v.is_empty() && compare(&v, &want).is_lt(),
    }
}

/// Numbers compare as numbers, anything else (dates in ISO form) as text.
fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

/// Records a run of `owner` (rule, blueprint or journey id), keeping the newest [`RUNS_KEPT`].
pub fn add_run(tx: &mut Tx<'_>, owner: &str, run: &RunRow) -> Result<()> {
    let mut t = tx.txn.open_table(AUTO_RUNS)?;
    t.put((owner, run.id.as_str()), run)?;
    let ids: Vec<String> = t
        .range((owner, "")..=(owner, "\u{10FFFF}"))?
        .map(|e| e.map(|(k, _)| k.value().1.to_string()))
        .collect::<Result<_, _>>()?;
    for id in ids.iter().take(ids.len().saturating_sub(RUNS_KEPT)) {
        t.remove((owner, id.as_str()))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The job handler.

#[derive(Clone)]
pub struct Runner {
    pub(super) crm: Crm,
    pub(super) templates: Templates,
    pub(super) messaging: Messaging,
    pub(super) auth: Auth,
    pub(super) clock: SharedClock,
    /// Tries of an OUTGOING_WEBHOOK delivery (`webhook_max_attempts`).
    pub(super) hook_attempts: u32,
}

impl jobs::Handler for Runner {
    fn kind(&self) -> Kind {
        Kind::Automation
    }

    /// A job's work is one write transaction (no I/O of its own), so many may be in flight: the
    /// store's group commit then makes one durable commit for many jobs (4 managed ~100 jobs/s
    /// in a debug build of `automation_bench`, 32 ~1,000/s).
    fn concurrency(&self) -> usize {
        32
    }

    fn run(&self, job: JobRow) -> BoxFuture<'static, Outcome> {
        let me = self.clone();
        async move {
            let work: Work = match serde_json::from_value(job.payload) {
                Ok(w) => w,
                Err(e) => return Outcome::Fail(format!("unreadable automation job: {e}")),
            };
            Outcome::Done(Some(Box::new(move |tx: &mut Tx<'_>| me.execute(tx, &work))))
        }
        .boxed()
    }
}

impl Runner {
    /// Runs `work` in `tx` (the transaction that ends its job). Failures of actions are
    /// recorded on their rule, blueprint or journey; only storage errors escape.
    fn execute(&self, tx: &mut Tx<'_>, work: &Work) -> Result<()> {
        let now = self.clock.now();
        match work {
            Work::Rule {
                module,
                rule_id,
                record_id,
            } => {
                let rule = tx
                    .txn
                    .open_table(AUTO_RULES)?
                    .get((module.as_str(), rule_id.as_str()))?
                    .map(|v| v.value())
                    .transpose()?;
                let Some(mut rule) = rule.filter(|r| r.active) else {
                    return Ok(()); // deleted or switched off meanwhile
                };
                let src = Source::rule(&rule);
                let (ok, detail) =
                    self.run_actions(tx, &rule.actions, &src, record_id, &rule.created_by, now)?;
                rule.runs += 1;
                if !ok {
                    rule.failures += 1;
                    rule.last_error = Some(detail.clone());
                }
                tx.txn
                    .open_table(AUTO_RULES)?
                    .put((module.as_str(), rule_id.as_str()), &rule)?;
                self.record_run(tx, rule_id, module, record_id, ok, detail, now)
            }
            Work::Transition {
                module,
                blueprint_id,
                transition,
                record_id,
                actor,
            } => {
                let bp = tx
                    .txn
                    .open_table(AUTO_BLUEPRINTS)?
                    .get((module.as_str(), blueprint_id.as_str()))?
                    .map(|v| v.value())
                    .transpose()?;
                let Some(mut bp) = bp else { return Ok(()) };
                let Some(t) = bp.transitions.iter().find(|t| &t.name == transition) else {
                    return Ok(());
                };
                let actions = t.actions.clone();
                let src = Source::transition(&bp, t, actor);
                let (ok, detail) = self.run_actions(tx, &actions, &src, record_id, actor, now)?;
                bp.runs += 1;
                if !ok {
                    bp.failures += 1;
                    bp.last_error = Some(detail.clone());
                }
                tx.txn
                    .open_table(AUTO_BLUEPRINTS)?
                    .put((module.as_str(), blueprint_id.as_str()), &bp)?;
                let detail = format!("{transition}: {detail}");
                self.record_run(tx, blueprint_id, module, record_id, ok, detail, now)
            }
            Work::Journey {
                module,
                journey_id,
                record_id,
                visit,
            } => self.journey_step(tx, module, journey_id, record_id, *visit, now),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn record_run(
        &self,
        tx: &mut Tx<'_>,
        owner: &str,
        module: &str,
        record_id: &str,
        ok: bool,
        detail: String,
        now: Millis,
    ) -> Result<()> {
        add_run(
            tx,
            owner,
            &RunRow {
                id: crate::ids::new_id(now),
                at: now,
                module: module.to_string(),
                record_id: record_id.to_string(),
                ok,
                detail,
            },
        )
    }
}

/// Wakes the jobs worker and the sender after commits that may have queued automation work or
/// sends (the hooks enqueue inside other services' transactions).
pub async fn run_waker(
    bus: crate::events::Bus,
    jobs: jobs::Jobs,
    messaging: Messaging,
    mut stop: crate::service::Stop,
) -> Result<()> {
    let mut rx = bus.subscribe();
    loop {
        tokio::select! {
            _ = stop.changed() => return Ok(()),
            ev = rx.recv() => match ev {
                Ok(c) => match &c.event {
                    Event::RecordChanged { .. } => jobs.wake(),
                    Event::MessageChanged { new: true, .. } => {
                        jobs.wake();
                        messaging.wake_outbox();
                    }
                    _ => {}
                },
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    jobs.wake();
                    messaging.wake_outbox();
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return Ok(()),
            },
        }
        if *stop.borrow() {
            return Ok(());
        }
    }
}
