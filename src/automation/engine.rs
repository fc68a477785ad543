//! The automation engine. Record changes and inbound messages call the hooks here inside their
//! own write transaction ([`record_saved`], [`inbound_message`]): matching rules and journeys
//! become jobs (`jobs::Kind::Automation`) in that same transaction, so a trigger is never lost
//! and never doubled. A job's work ([`Runner`]) runs inside the transaction that removes the job,
//! so its effects (a queued template send, a task, a field change, the run's record) commit
//! together with the job's end: at most once, even across a crash.

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::model::*;
use crate::auth::{Auth, Viewer};
use crate::clock::{Millis, SharedClock};
use crate::crm::Crm;
use crate::crm::activities::{Activity, ActivityKind, ActivityStatus};
use crate::crm::model::RecordRow;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::jobs::{self, JobRow, Kind, NewJob, Outcome};
use crate::messaging::{Messaging, SendTemplate};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{
    ACTIVITIES, ACTIVITIES_BY_RECORD, AUTO_BLUEPRINTS, AUTO_ENROLL_BY_RECORD, AUTO_ENROLLMENTS,
    AUTO_JOURNEYS, AUTO_RULES, AUTO_RUNS, RECORDS,
};
use crate::templates::{TemplateStatus, Templates};

/// Runs kept per rule, blueprint or journey (the newest).
pub const RUNS_KEPT: usize = 100;
/// Step changes one enrollment may make; a journey that loops for ever stops here.
pub const MAX_VISITS: u32 = 1000;
/// Entries kept in an enrollment's path.
const PATH_KEPT: usize = 200;

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
// Hooks, called inside the writing transaction.

/// A record was created (`old` is `None`) or changed by a user or an import. Not called for
/// automation's own changes, so a rule's field update cannot trigger rules again.
pub fn record_saved(
    tx: &mut Tx<'_>,
    old: Option<&RecordRow>,
    row: &RecordRow,
    now: Millis,
) -> Result<()> {
    let trigger = if old.is_none() {
        Trigger::Created
    } else {
        Trigger::Edited
    };
    react(tx, row, old, trigger, now)
}

/// An inbound message arrived from the record's customer: waiting journeys move on, then
/// INBOUND_MESSAGE rules and journeys react.
pub fn inbound_message(tx: &mut Tx<'_>, module: &str, record_id: &str, now: Millis) -> Result<()> {
    let row = tx
        .txn
        .open_table(RECORDS)?
        .get((module, record_id))?
        .map(|v| v.value())
        .transpose()?;
    let Some(row) = row else {
        return Ok(());
    };
    replied(tx, record_id, now)?;
    react(tx, &row, None, Trigger::InboundMessage, now)
}

fn react(
    tx: &mut Tx<'_>,
    row: &RecordRow,
    old: Option<&RecordRow>,
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
                    && old.is_some_and(|o| {
                        let f = rule.field.as_deref().unwrap_or_default();
                        o.values.get(f) != row.values.get(f)
                    })
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

/// A reply from the record's customer moves its enrollments waiting for one on at once.
fn replied(tx: &mut Tx<'_>, record_id: &str, now: Millis) -> Result<()> {
    let journeys: Vec<String> = tx
        .txn
        .open_table(AUTO_ENROLL_BY_RECORD)?
        .range((record_id, "")..=(record_id, "\u{10FFFF}"))?
        .map(|e| e.map(|(k, _)| k.value().1.to_string()))
        .collect::<Result<_, _>>()?;
    for jid in journeys {
        let e = tx
            .txn
            .open_table(AUTO_ENROLLMENTS)?
            .get((jid.as_str(), record_id))?
            .map(|v| v.value())
            .transpose()?;
        let Some(mut e) = e else { continue };
        if e.status != EnrollmentStatus::Active || e.waiting != Some(Waiting::Reply) {
            continue;
        }
        let j = tx
            .txn
            .open_table(AUTO_JOURNEYS)?
            .get((e.module.as_str(), jid.as_str()))?
            .map(|v| v.value())
            .transpose()?;
        let Some(mut j) = j else { continue };
        let Some(step) = j.steps.iter().find(|s| s.key == e.step).cloned() else {
            continue;
        };
        note(&mut e, &step.key, now, "replied");
        let target = step.on_reply.clone().or_else(|| next_of(&j, &step));
        go(tx, &mut j, &mut e, target, now)?;
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

// ---------------------------------------------------------------------------------------------
// Journeys: moving an enrollment along.

fn next_of(j: &JourneyRow, step: &Step) -> Option<String> {
    if step.kind == StepKind::End {
        return None;
    }
    step.next.clone().or_else(|| {
        let i = j.steps.iter().position(|s| s.key == step.key)?;
        j.steps.get(i + 1).map(|s| s.key.clone())
    })
}

fn note(e: &mut Enrollment, step: &str, at: Millis, what: &str) {
    if e.path.len() < PATH_KEPT {
        e.path.push(PathEntry {
            step: step.to_string(),
            at,
            note: what.to_string(),
        });
    }
}

/// Moves to `target` (now), or completes the enrollment when there is none.
fn go(
    tx: &mut Tx<'_>,
    j: &mut JourneyRow,
    e: &mut Enrollment,
    target: Option<String>,
    now: Millis,
) -> Result<()> {
    e.waiting = None;
    e.wait_until = None;
    match target {
        Some(t) if e.visit < MAX_VISITS => {
            e.step = t;
            e.visit += 1;
            schedule(tx, e, now, now)
        }
        Some(_) => {
            finish(j, e, now, EnrollmentStatus::Failed);
            j.failures += 1;
            j.last_error = Some(format!("stopped after {MAX_VISITS} steps (a loop?)"));
            Ok(())
        }
        None => {
            finish(j, e, now, EnrollmentStatus::Completed);
            Ok(())
        }
    }
}

fn finish(j: &mut JourneyRow, e: &mut Enrollment, now: Millis, status: EnrollmentStatus) {
    e.status = status;
    e.finished_at = Some(now);
    j.in_progress = j.in_progress.saturating_sub(1);
    if status == EnrollmentStatus::Completed {
        j.completed += 1;
    }
}

/// The job that runs the enrollment's current visit at `due`.
fn schedule(tx: &mut Tx<'_>, e: &Enrollment, now: Millis, due: Millis) -> Result<()> {
    let phase = match e.waiting {
        None => "enter",
        Some(Waiting::Timer) => "timer",
        Some(Waiting::Reply) => "reply",
    };
    jobs::enqueue(
        tx,
        now,
        NewJob {
            kind: Kind::Automation,
            key: Some(format!(
                "journey:{}:{}:{}:{phase}",
                e.journey_id, e.record_id, e.visit
            )),
            payload: json!(Work::Journey {
                module: e.module.clone(),
                journey_id: e.journey_id.clone(),
                record_id: e.record_id.clone(),
                visit: e.visit,
            }),
            due_at: due,
            max_attempts: 3,
        },
    )?;
    Ok(())
}

fn put_enrollment(tx: &mut Tx<'_>, e: &Enrollment) -> Result<()> {
    tx.txn
        .open_table(AUTO_ENROLLMENTS)?
        .put((e.journey_id.as_str(), e.record_id.as_str()), e)?;
    Ok(())
}

fn put_journey(tx: &mut Tx<'_>, j: &JourneyRow) -> Result<()> {
    tx.txn
        .open_table(AUTO_JOURNEYS)?
        .put((j.module.as_str(), j.id.as_str()), j)?;
    Ok(())
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
}

impl jobs::Handler for Runner {
    fn kind(&self) -> Kind {
        Kind::Automation
    }

    fn concurrency(&self) -> usize {
        4
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
                let (ok, detail) =
                    self.run_actions(tx, &rule.actions, module, record_id, &rule.created_by, now)?;
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
                let (ok, detail) = self.run_actions(tx, &actions, module, record_id, actor, now)?;
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
    fn record_run(
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

    fn journey_step(
        &self,
        tx: &mut Tx<'_>,
        module: &str,
        journey_id: &str,
        record_id: &str,
        visit: u32,
        now: Millis,
    ) -> Result<()> {
        let j = tx
            .txn
            .open_table(AUTO_JOURNEYS)?
            .get((module, journey_id))?
            .map(|v| v.value())
            .transpose()?;
        let e = tx
            .txn
            .open_table(AUTO_ENROLLMENTS)?
            .get((journey_id, record_id))?
            .map(|v| v.value())
            .transpose()?;
        let (Some(mut j), Some(mut e)) = (j, e) else {
            return Ok(());
        };
        if e.status != EnrollmentStatus::Active || e.visit != visit {
            return Ok(()); // stale: a reply moved it on, or it ended
        }
        let Some(step) = j.steps.iter().find(|s| s.key == e.step).cloned() else {
            finish(&mut j, &mut e, now, EnrollmentStatus::Failed);
            j.failures += 1;
            j.last_error = Some(format!("no step {}", e.step));
            put_enrollment(tx, &e)?;
            return put_journey(tx, &j);
        };
        match (e.waiting, step.kind) {
            (None, StepKind::Action) => {
                let actions: Vec<Action> = step.action.iter().cloned().collect();
                let actor = j.created_by.clone();
                let (ok, detail) =
                    self.run_actions(tx, &actions, module, record_id, &actor, now)?;
                note(&mut e, &step.key, now, &detail);
                if !ok {
                    j.failures += 1;
                    j.last_error = Some(detail.clone());
                }
                self.record_run(
                    tx,
                    journey_id,
                    module,
                    record_id,
                    ok,
                    format!("{}: {detail}", step.key),
                    now,
                )?;
                let target = next_of(&j, &step);
                go(tx, &mut j, &mut e, target, now)?;
            }
            (None, StepKind::Wait | StepKind::WaitForReply) => {
                let until = now + i64::from(step.wait_minutes) * 60_000;
                e.waiting = Some(if step.kind == StepKind::Wait {
                    Waiting::Timer
                } else {
                    Waiting::Reply
                });
                e.wait_until = Some(until);
                note(&mut e, &step.key, now, "waiting");
                schedule(tx, &e, now, until)?;
            }
            (None, StepKind::End) => {
                note(&mut e, &step.key, now, "end");
                go(tx, &mut j, &mut e, None, now)?;
            }
            (Some(Waiting::Timer), _) => {
                note(&mut e, &step.key, now, "waited");
                let target = next_of(&j, &step);
                go(tx, &mut j, &mut e, target, now)?;
            }
            (Some(Waiting::Reply), _) => {
                note(&mut e, &step.key, now, "no reply");
                let target = step.on_no_reply.clone().or_else(|| next_of(&j, &step));
                go(tx, &mut j, &mut e, target, now)?;
            }
        }
        put_enrollment(tx, &e)?;
        put_journey(tx, &j)
    }

    /// Runs `actions` on the record; answers whether all succeeded and what happened.
    fn run_actions(
        &self,
        tx: &mut Tx<'_>,
        actions: &[Action],
        module: &str,
        record_id: &str,
        actor: &str,
        now: Millis,
    ) -> Result<(bool, String)> {
        let mut ok = true;
        let mut notes = vec![];
        for a in actions {
            let record = tx
                .txn
                .open_table(RECORDS)?
                .get((module, record_id))?
                .map(|v| v.value())
                .transpose()?;
            let Some(record) = record else {
                return Ok((false, "the record was deleted".into()));
            };
            match self.action(tx, a, &record, actor, now) {
                Ok(n) => notes.push(n),
                Err(e @ Error::Store(_)) => return Err(e),
                Err(e) => {
                    ok = false;
                    notes.push(format!("{} failed: {e}", kind_name(a.kind)));
                }
            }
        }
        Ok((ok, notes.join("; ")))
    }

    fn action(
        &self,
        tx: &mut Tx<'_>,
        a: &Action,
        record: &RecordRow,
        actor: &str,
        now: Millis,
    ) -> Result<String> {
        match a.kind {
            ActionKind::SendTemplate => {
                let tid = a.template_id.clone().unwrap_or_default();
                let t = self.templates.get(&tid)?;
                if t.status != TemplateStatus::Approved {
                    return Err(Error::TemplateNotApproved(
                        format!("{:?}", t.status).to_uppercase(),
                    ));
                }
                let user = self
                    .auth
                    .user(actor)?
                    .ok_or_else(|| Error::NotFound("the rule's author".into()))?;
                let viewer = Viewer {
                    user,
                    token: String::new(),
                };
                let profile_id = match &a.profile_id {
                    Some(p) => p.clone(),
                    None => self
                        .messaging
                        .profiles_for(&viewer)?
                        .into_iter()
                        .next()
                        .map(|p| p.id)
                        .ok_or_else(|| {
                            Error::Conflict("no WhatsApp profile to send from".into())
                        })?,
                };
                let (out, _) = self.templates.prepare(
                    &viewer,
                    SendTemplate {
                        profile_id,
                        module: record.module.clone(),
                        record_id: record.id.clone(),
                        template_id: tid,
                        phone_field: a.phone_field.clone(),
                    },
                )?;
                let id = crate::ids::new_id(now);
                crate::messaging::send::enqueue_in(tx, &out, &id, now)?;
                Ok(format!("template '{}' queued as message {id}", t.name))
            }
            ActionKind::CreateTask => {
                let id = crate::ids::new_id(now);
                let a = Activity {
                    id: id.clone(),
                    kind: ActivityKind::Task,
                    module: record.module.clone(),
                    record_id: record.id.clone(),
                    owner_id: record.owner_id.clone(),
                    subject: a.subject.clone().unwrap_or_else(|| "Follow up".into()),
                    description: None,
                    due_at: a
                        .due_in_days
                        .map(|d| now + i64::from(d.max(0)) * 86_400_000),
                    start_at: None,
                    end_at: None,
                    status: ActivityStatus::default(),
                    created_at: now,
                    created_by: actor.to_string(),
                    modified_at: now,
                    modified_by: actor.to_string(),
                };
                tx.txn.open_table(ACTIVITIES)?.put(id.as_str(), &a)?;
                tx.txn
                    .open_table(ACTIVITIES_BY_RECORD)?
                    .insert((a.module.as_str(), a.record_id.as_str(), id.as_str()), ())?;
                tx.emit(Event::ActivityChanged {
                    activity_id: id.clone(),
                    module: a.module.clone(),
                    record_id: a.record_id.clone(),
                })?;
                Ok(format!("task '{}' created", a.subject))
            }
            ActionKind::UpdateField => {
                let field = a.field.clone().unwrap_or_default();
                let mut m = serde_json::Map::new();
                m.insert(
                    field.clone(),
                    a.value.clone().map_or(Value::Null, Value::from),
                );
                self.crm.update_by_automation(
                    tx,
                    actor,
                    &record.module,
                    &record.id,
                    &Value::Object(m),
                    now,
                )?;
                Ok(format!("{field} set"))
            }
            ActionKind::OutgoingWebhook => Err(Error::invalid(
                "outgoing webhooks are not available in this build",
            )),
        }
    }
}

pub fn kind_name(k: ActionKind) -> &'static str {
    match k {
        ActionKind::SendTemplate => "SEND_TEMPLATE",
        ActionKind::CreateTask => "CREATE_TASK",
        ActionKind::UpdateField => "UPDATE_FIELD",
        ActionKind::OutgoingWebhook => "OUTGOING_WEBHOOK",
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
