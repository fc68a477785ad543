//! Blueprints: a picklist field's states and named transitions between them; create, edit,
//! delete, list; the transitions a record can take; moving a record along one.
//!
//! Editing keeps the blueprint's id, counters and history. A transition's actions already
//! queued run with the transition of that name as it is then (none, if it was removed or
//! renamed: nothing runs). The module cannot change.

use std::collections::HashSet;

use serde_json::json;

use super::engine::{self, Work};
use super::model::*;
use super::{Automation, definitions, keep_secrets, required_name};
use crate::auth::Viewer;
use crate::crm::model::{FieldType, RecordRow};
use crate::error::{Error, Result};
use crate::jobs::{self, Kind, NewJob};

/// A blueprint as given (to create or to replace one).
#[derive(Debug, Clone)]
pub struct NewBlueprint {
    pub name: String,
    pub module: String,
    pub field: String,
    pub states: Vec<String>,
    pub transitions: Vec<Transition>,
}

/// A transition a record can take now.
#[derive(Debug, Clone)]
pub struct AvailableTransition {
    pub blueprint_id: String,
    pub blueprint: String,
    pub field: String,
    pub name: String,
    pub from: String,
    pub to: String,
}

impl Automation {
    /// Checks `input` (`editing`: the id of the blueprint it replaces) and answers it
    /// normalised.
    fn checked_blueprint(
        &self,
        mut input: NewBlueprint,
        editing: Option<&str>,
    ) -> Result<NewBlueprint> {
        input.name = required_name(&input.name)?;
        let def = self.crm.module(&input.module)?;
        input.module = def.api_name.clone();
        let f = def
            .field(&input.field)
            .filter(|f| f.field_type == FieldType::Picklist)
            .ok_or_else(|| Error::validation("field", "a blueprint needs a picklist field"))?;
        if input.states.is_empty() {
            return Err(Error::validation("states", "name at least one state"));
        }
        for s in &input.states {
            if !f.options.is_empty() && !f.options.contains(s) {
                return Err(Error::validation(
                    "states",
                    format!("'{s}' is not an option of {}", f.label),
                ));
            }
        }
        if input.transitions.is_empty() {
            return Err(Error::validation(
                "transitions",
                "name at least one transition",
            ));
        }
        let existing: HashSet<String> = self
            .blueprints(None)?
            .into_iter()
            .filter(|b| b.module == def.api_name && Some(b.id.as_str()) != editing)
            .flat_map(|b| b.transitions.into_iter().map(|t| t.name))
            .collect();
        let mut names = HashSet::new();
        let states = input.states.clone();
        for t in &mut input.transitions {
            if t.name.trim().is_empty()
                || !names.insert(t.name.clone())
                || existing.contains(&t.name)
            {
                return Err(Error::validation(
                    "transitions",
                    format!(
                        "transition names must be non-empty and unique in the module ('{}')",
                        t.name
                    ),
                ));
            }
            if !states.contains(&t.from) || !states.contains(&t.to) {
                return Err(Error::validation(
                    "transitions",
                    format!("'{}' must go between the blueprint's states", t.name),
                ));
            }
            for a in &mut t.actions {
                self.check_action(&def.api_name, a)?;
            }
        }
        Ok(input)
    }

    pub async fn create_blueprint(
        &self,
        viewer: &Viewer,
        input: NewBlueprint,
    ) -> Result<BlueprintRow> {
        viewer.require_admin()?;
        let mut input = self.checked_blueprint(input, None)?;
        keep_secrets(
            input
                .transitions
                .iter_mut()
                .flat_map(|t| t.actions.iter_mut()),
            &[],
        );
        let now = self.clock.now();
        let row = BlueprintRow {
            id: crate::ids::new_id(now),
            name: input.name,
            module: input.module,
            field: input.field,
            states: input.states,
            transitions: input.transitions,
            created_by: viewer.id().to_string(),
            created_at: now,
            runs: 0,
            failures: 0,
            last_error: None,
        };
        definitions::add(&self.store, row).await
    }

    /// Replaces the blueprint's definition (name, field, states, transitions).
    pub async fn update_blueprint(
        &self,
        viewer: &Viewer,
        id: &str,
        input: NewBlueprint,
    ) -> Result<BlueprintRow> {
        viewer.require_admin()?;
        let input = self.checked_blueprint(input, Some(id))?;
        definitions::change(&self.store, id, move |_, b: &mut BlueprintRow| {
            if b.module != input.module {
                return Err(Error::validation(
                    "module",
                    "a blueprint's module cannot change; make a new blueprint",
                ));
            }
            let old: Vec<&Action> = b.transitions.iter().flat_map(|t| &t.actions).collect();
            let mut transitions = input.transitions.clone();
            keep_secrets(
                transitions.iter_mut().flat_map(|t| t.actions.iter_mut()),
                &old,
            );
            b.name = input.name.clone();
            b.field = input.field.clone();
            b.states = input.states.clone();
            b.transitions = transitions;
            b.last_error = None;
            Ok(())
        })
        .await
    }

    pub async fn delete_blueprint(&self, viewer: &Viewer, id: &str) -> Result<()> {
        viewer.require_admin()?;
        definitions::remove::<BlueprintRow>(&self.store, id).await
    }

    pub fn blueprints(&self, module: Option<&str>) -> Result<Vec<BlueprintRow>> {
        definitions::list(&self.store, module)
    }

    /// The transitions `record` can take from its current states.
    pub fn available(&self, record: &RecordRow) -> Result<Vec<AvailableTransition>> {
        let mut out = vec![];
        for b in self.blueprints(Some(&record.module))? {
            let state = engine::text_of(record, &b.field);
            for t in b.transitions.iter().filter(|t| t.from == state) {
                out.push(AvailableTransition {
                    blueprint_id: b.id.clone(),
                    blueprint: b.name.clone(),
                    field: b.field.clone(),
                    name: t.name.clone(),
                    from: t.from.clone(),
                    to: t.to.clone(),
                });
            }
        }
        Ok(out)
    }

    pub fn available_for(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
    ) -> Result<Vec<AvailableTransition>> {
        let r = self
            .crm
            .get(viewer, module, record_id)?
            .ok_or_else(|| Error::NotFound("record".into()))?;
        self.available(&r)
    }

    /// Moves the record along `transition`: its state is checked and changed in one
    /// transaction (`CONFLICT` from any other state); the transition's actions run as a job.
    pub async fn transition(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
        transition: &str,
    ) -> Result<RecordRow> {
        let (bp, t) = self
            .blueprints(Some(module))?
            .into_iter()
            .find_map(|b| {
                let t = b.transitions.iter().find(|t| t.name == transition)?.clone();
                Some((b, t))
            })
            .ok_or_else(|| Error::NotFound(format!("transition '{transition}'")))?;
        let input = json!({ bp.field.clone(): t.to.clone() });
        let actor = viewer.id().to_string();
        let now = self.clock.now();
        let (field, module_name) = (bp.field.clone(), module.to_string());
        let row = self
            .crm
            .update_guarded(viewer, module, record_id, &input, move |tx, old| {
                let state = engine::text_of(old, &field);
                if state != t.from {
                    return Err(Error::Conflict(format!(
                        "'{}' goes from '{}', and the record is in '{}'",
                        t.name,
                        t.from,
                        if state.is_empty() { "(none)" } else { &state }
                    )));
                }
                if !t.actions.is_empty() {
                    jobs::enqueue(
                        tx,
                        now,
                        NewJob {
                            kind: Kind::Automation,
                            key: Some(format!(
                                "transition:{}:{}:{}",
                                bp.id,
                                old.id,
                                crate::ids::new_id(now)
                            )),
                            payload: json!(Work::Transition {
                                module: module_name.clone(),
                                blueprint_id: bp.id.clone(),
                                transition: t.name.clone(),
                                record_id: old.id.clone(),
                                actor: actor.clone(),
                            }),
                            due_at: now,
                            max_attempts: 3,
                        },
                    )?;
                }
                Ok(())
            })
            .await?;
        self.jobs.wake();
        Ok(row)
    }
}
