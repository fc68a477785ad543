//! Journeys: create, edit, switch on and off, list; their enrollments.
//!
//! **Editing a journey with records on it.** The new steps apply at once, and each active
//! enrollment goes on from the step it is at, found by its key, in the same transaction:
//!
//! - its step is still there and it is waiting in the way that step waits (a WAIT's timer, a
//!   WAIT_FOR_REPLY's reply): it keeps waiting until the deadline it already had; where it goes
//!   next (`next`, `onReply`, `onNoReply`) is read from the new definition when the wait ends;
//! - its step is still there but is now of another kind (a WAIT became an ACTION, …): it
//!   enters the step afresh now (path note "re-entered after an edit");
//! - its step was removed: the enrollment ends gracefully as COMPLETED, with the path note
//!   "ended: step … was removed by an edit" (no action of the old step runs);
//! - an enrollment about to enter a step runs that step as the new definition has it.
//!
//! Counts (enrolled, in progress, completed) stay true; the trigger and conditions apply to
//! enrollments from now on. The module cannot change.

use std::collections::HashSet;

use redb::ReadableTable;

use super::flow;
use super::model::*;
use super::{Automation, definitions, keep_secrets, required_name};
use crate::auth::Viewer;
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::store::Tx;
use crate::store::tables::AUTO_ENROLLMENTS;

/// A journey as given (to create or to replace one).
#[derive(Debug, Clone)]
pub struct NewJourney {
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    pub conditions: Vec<Condition>,
    pub steps: Vec<Step>,
    pub active: bool,
}

impl Automation {
    fn checked_journey(&self, mut input: NewJourney) -> Result<NewJourney> {
        input.name = required_name(&input.name)?;
        let def = self.crm.module(&input.module)?;
        input.module = def.api_name.clone();
        input.conditions = self.check_conditions(&def.api_name, input.conditions)?;
        if input.steps.is_empty() {
            return Err(Error::validation(
                "steps",
                "a journey needs at least one step",
            ));
        }
        let keys: HashSet<String> = input.steps.iter().map(|s| s.key.clone()).collect();
        if keys.len() != input.steps.len() || keys.contains("") {
            return Err(Error::validation(
                "steps",
                "step keys must be non-empty and unique",
            ));
        }
        for s in &mut input.steps {
            for target in [&s.next, &s.on_reply, &s.on_no_reply].into_iter().flatten() {
                if !keys.contains(target) {
                    return Err(Error::validation(
                        "steps",
                        format!("step '{}' goes to '{target}', which is not a step", s.key),
                    ));
                }
            }
            match s.kind {
                StepKind::Action => {
                    let a = s.action.as_mut().ok_or_else(|| {
                        Error::validation("steps", format!("step '{}' needs an action", s.key))
                    })?;
                    self.check_action(&def.api_name, a)?;
                }
                StepKind::Wait | StepKind::WaitForReply => {
                    if s.wait_minutes == 0 || s.wait_minutes > 525_600 {
                        return Err(Error::validation(
                            "steps",
                            format!("step '{}' needs waitMinutes from 1 to 525,600", s.key),
                        ));
                    }
                }
                StepKind::End => {}
            }
            if s.kind != StepKind::Action {
                s.action = None;
            }
        }
        Ok(input)
    }

    pub async fn create_journey(&self, viewer: &Viewer, input: NewJourney) -> Result<JourneyRow> {
        viewer.require_admin()?;
        let mut input = self.checked_journey(input)?;
        keep_secrets(
            input.steps.iter_mut().filter_map(|s| s.action.as_mut()),
            &[],
        );
        let now = self.clock.now();
        let row = JourneyRow {
            id: crate::ids::new_id(now),
            name: input.name,
            module: input.module,
            trigger: input.trigger,
            conditions: input.conditions,
            steps: input.steps,
            active: input.active,
            created_by: viewer.id().to_string(),
            created_at: now,
            enrolled: 0,
            in_progress: 0,
            completed: 0,
            failures: 0,
            last_error: None,
        };
        definitions::add(&self.store, row).await
    }

    /// Replaces the journey's definition; its active enrollments go on as the module's doc
    /// says. Answers the journey as stored.
    pub async fn update_journey(
        &self,
        viewer: &Viewer,
        id: &str,
        input: NewJourney,
    ) -> Result<JourneyRow> {
        viewer.require_admin()?;
        let input = self.checked_journey(input)?;
        let now = self.clock.now();
        let row = definitions::change(&self.store, id, move |tx, j: &mut JourneyRow| {
            if j.module != input.module {
                return Err(Error::validation(
                    "module",
                    "a journey's module cannot change; make a new journey",
                ));
            }
            let old: Vec<&Action> = j.steps.iter().filter_map(|s| s.action.as_ref()).collect();
            let mut steps = input.steps.clone();
            keep_secrets(steps.iter_mut().filter_map(|s| s.action.as_mut()), &old);
            j.name = input.name.clone();
            j.trigger = input.trigger;
            j.conditions = input.conditions.clone();
            j.steps = steps;
            j.active = input.active;
            j.last_error = None;
            carry_enrollments(tx, j, now)
        })
        .await?;
        self.jobs.wake();
        Ok(row)
    }

    pub async fn set_journey_active(
        &self,
        viewer: &Viewer,
        id: &str,
        active: bool,
    ) -> Result<JourneyRow> {
        viewer.require_admin()?;
        definitions::change(&self.store, id, move |_, r: &mut JourneyRow| {
            r.active = active;
            Ok(())
        })
        .await
    }

    pub fn journeys(&self, viewer: &Viewer) -> Result<Vec<JourneyRow>> {
        viewer.require_admin()?;
        definitions::list(&self.store, None)
    }

    /// A journey's enrollments (each record's path), oldest first, at most `limit`.
    pub fn enrollments(&self, journey_id: &str, limit: usize) -> Result<Vec<Enrollment>> {
        let tx = self.store.read()?;
        let t = tx.open_table(AUTO_ENROLLMENTS)?;
        let rows = t
            .range((journey_id, "")..=(journey_id, "\u{10FFFF}"))?
            .take(limit)
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

/// Moves the active enrollments of `j` (just edited, not yet written) onto its new steps.
fn carry_enrollments(tx: &mut Tx<'_>, j: &mut JourneyRow, now: Millis) -> Result<()> {
    let active: Vec<Enrollment> = tx
        .txn
        .open_table(AUTO_ENROLLMENTS)?
        .range((j.id.as_str(), "")..=(j.id.as_str(), "\u{10FFFF}"))?
        .filter_map(|e| e.ok().and_then(|(_, v)| v.value().ok()))
        .filter(|e: &Enrollment| e.status == EnrollmentStatus::Active)
        .collect();
    for mut e in active {
        let step = j.steps.iter().find(|s| s.key == e.step).cloned();
        match step {
            None => {
                let note = format!("ended: step '{}' was removed by an edit", e.step);
                let key = e.step.clone();
                flow::note(&mut e, &key, now, &note);
                e.waiting = None;
                e.wait_until = None;
                flow::finish(j, &mut e, now, EnrollmentStatus::Completed);
            }
            Some(step) => {
                let fits = match (e.waiting, step.kind) {
                    (None, _) => true, // about to enter it: the new definition runs
                    (Some(Waiting::Timer), StepKind::Wait) => true,
                    (Some(Waiting::Reply), StepKind::WaitForReply) => true,
                    _ => false,
                };
                if fits {
                    continue;
                }
                flow::note(&mut e, &step.key, now, "re-entered after an edit");
                e.waiting = None;
                e.wait_until = None;
                e.visit += 1;
                flow::schedule(tx, &e, now, now)?;
            }
        }
        flow::put_enrollment(tx, &e)?;
    }
    Ok(())
}
