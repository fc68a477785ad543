//! Journeys in motion: entering steps, waiting (for a timer or a reply), branching, ending.
//! Every change of an enrollment happens inside a transaction that also schedules its next job
//! (keyed by the enrollment's visit, so a job for an older visit is stale and does nothing).

use redb::ReadableTable;
use serde_json::json;

use super::actions::Source;
use super::engine::{Runner, Work};
use super::model::*;
use crate::clock::Millis;
use crate::error::Result;
use crate::jobs::{self, Kind, NewJob};
use crate::store::tables::{AUTO_ENROLL_BY_RECORD, AUTO_ENROLLMENTS, AUTO_JOURNEYS};
use crate::store::{PutRow, Tx};

/// Step changes one enrollment may make; a journey that loops for ever stops here.
pub const MAX_VISITS: u32 = 1000;
/// Entries kept in an enrollment's path.
const PATH_KEPT: usize = 200;

/// A reply from the record's customer moves its enrollments waiting for one on at once.
pub(super) fn replied(tx: &mut Tx<'_>, record_id: &str, now: Millis) -> Result<()> {
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

pub(super) fn next_of(j: &JourneyRow, step: &Step) -> Option<String> {
    if step.kind == StepKind::End {
        return None;
    }
    step.next.clone().or_else(|| {
        let i = j.steps.iter().position(|s| s.key == step.key)?;
        j.steps.get(i + 1).map(|s| s.key.clone())
    })
}

pub(super) fn note(e: &mut Enrollment, step: &str, at: Millis, what: &str) {
    if e.path.len() < PATH_KEPT {
        e.path.push(PathEntry {
            step: step.to_string(),
            at,
            note: what.to_string(),
        });
    }
}

/// Moves to `target` (now), or completes the enrollment when there is none.
pub(super) fn go(
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

pub(super) fn finish(
    j: &mut JourneyRow,
    e: &mut Enrollment,
    now: Millis,
    status: EnrollmentStatus,
) {
    e.status = status;
    e.finished_at = Some(now);
    j.in_progress = j.in_progress.saturating_sub(1);
    if status == EnrollmentStatus::Completed {
        j.completed += 1;
    }
}

/// The job that runs the enrollment's current visit at `due`.
pub(super) fn schedule(tx: &mut Tx<'_>, e: &Enrollment, now: Millis, due: Millis) -> Result<()> {
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

pub(super) fn put_enrollment(tx: &mut Tx<'_>, e: &Enrollment) -> Result<()> {
    tx.txn
        .open_table(AUTO_ENROLLMENTS)?
        .put((e.journey_id.as_str(), e.record_id.as_str()), e)?;
    Ok(())
}

pub(super) fn put_journey(tx: &mut Tx<'_>, j: &JourneyRow) -> Result<()> {
    tx.txn
        .open_table(AUTO_JOURNEYS)?
        .put((j.module.as_str(), j.id.as_str()), j)?;
    Ok(())
}

/// Records a run of `owner` (rule, blueprint or journey id), keeping the newest [`RUNS_KEPT`].
impl Runner {
    pub(super) fn journey_step(
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
                let src = Source::journey(&j, &step.key);
                let actor = j.created_by.clone();
                let (ok, detail) = self.run_actions(tx, &actions, &src, record_id, &actor, now)?;
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
}
