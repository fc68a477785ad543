//! Workflow rules: create, edit, switch on and off, delete, list; whether a rule runs now.
//!
//! Editing keeps the rule's id, counters and history (its `last_error` is cleared: it described
//! the old definition). Runs already waiting (a delay) do what the rule says when they fire; a
//! rule switched off meanwhile does nothing. The module cannot change.

use super::model::*;
use super::{Automation, definitions, keep_secrets, required_name};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::templates::TemplateStatus;

/// A workflow rule as given (to create or to replace one).
#[derive(Debug, Clone)]
pub struct NewRule {
    pub name: String,
    pub module: String,
    pub trigger: Trigger,
    pub field: Option<String>,
    pub conditions: Vec<Condition>,
    pub actions: Vec<Action>,
    pub delay_minutes: u32,
    pub active: bool,
}

/// Why a rule does not run now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    Active,
    Inactive,
    /// A template it sends is no longer approved: that action pauses.
    Paused,
}

impl Automation {
    /// Checks `input` and answers it normalised (module's API name, field, conditions, actions).
    fn checked_rule(&self, mut input: NewRule) -> Result<NewRule> {
        input.name = required_name(&input.name)?;
        let def = self.crm.module(&input.module)?;
        input.module = def.api_name.clone();
        input.field = match input.trigger {
            Trigger::FieldUpdated => {
                let f = input
                    .field
                    .as_deref()
                    .filter(|f| def.field(f).is_some())
                    .ok_or_else(|| {
                        Error::validation("field", "FIELD_UPDATED needs a field of the module")
                    })?;
                Some(f.to_string())
            }
            _ => None,
        };
        input.conditions = self.check_conditions(&input.module, input.conditions)?;
        if input.actions.is_empty() {
            return Err(Error::validation(
                "actions",
                "a rule needs at least one action",
            ));
        }
        for a in &mut input.actions {
            self.check_action(&input.module, a)?;
        }
        if input.delay_minutes > 525_600 {
            return Err(Error::validation(
                "delayMinutes",
                "at most a year (525,600 minutes)",
            ));
        }
        Ok(input)
    }

    pub async fn create_rule(&self, viewer: &Viewer, input: NewRule) -> Result<RuleRow> {
        viewer.require_admin()?;
        let mut input = self.checked_rule(input)?;
        keep_secrets(input.actions.iter_mut(), &[]);
        let now = self.clock.now();
        let row = RuleRow {
            id: crate::ids::new_id(now),
            name: input.name,
            module: input.module,
            trigger: input.trigger,
            field: input.field,
            conditions: input.conditions,
            actions: input.actions,
            delay_minutes: input.delay_minutes,
            active: input.active,
            created_by: viewer.id().to_string(),
            created_at: now,
            runs: 0,
            failures: 0,
            last_error: None,
        };
        definitions::add(&self.store, row).await
    }

    /// Replaces the rule's definition (name, trigger, conditions, actions, delay, active).
    pub async fn update_rule(&self, viewer: &Viewer, id: &str, input: NewRule) -> Result<RuleRow> {
        viewer.require_admin()?;
        let input = self.checked_rule(input)?;
        definitions::change(&self.store, id, move |_, r: &mut RuleRow| {
            if r.module != input.module {
                return Err(Error::validation(
                    "module",
                    "a rule's module cannot change; make a new rule",
                ));
            }
            let mut actions = input.actions.clone();
            keep_secrets(actions.iter_mut(), &r.actions.iter().collect::<Vec<_>>());
            r.name = input.name.clone();
            r.trigger = input.trigger;
            r.field = input.field.clone();
            r.conditions = input.conditions.clone();
            r.actions = actions;
            r.delay_minutes = input.delay_minutes;
            r.active = input.active;
            r.last_error = None;
            Ok(())
        })
        .await
    }

    pub async fn set_rule_active(
        &self,
        viewer: &Viewer,
        id: &str,
        active: bool,
    ) -> Result<RuleRow> {
        viewer.require_admin()?;
        definitions::change(&self.store, id, move |_, r: &mut RuleRow| {
            r.active = active;
            Ok(())
        })
        .await
    }

    pub async fn delete_rule(&self, viewer: &Viewer, id: &str) -> Result<()> {
        viewer.require_admin()?;
        definitions::remove::<RuleRow>(&self.store, id).await
    }

    pub fn rules(&self, viewer: &Viewer, module: Option<&str>) -> Result<Vec<RuleRow>> {
        viewer.require_admin()?;
        definitions::list(&self.store, module)
    }

    /// Whether the rule runs now, and why not.
    pub fn rule_status(&self, rule: &RuleRow) -> (RuleStatus, Option<String>) {
        if !rule.active {
            return (RuleStatus::Inactive, None);
        }
        for a in rule
            .actions
            .iter()
            .filter(|a| a.kind == ActionKind::SendTemplate)
        {
            let id = a.template_id.as_deref().unwrap_or_default();
            match self.templates.get(id) {
                Ok(t) if t.status == TemplateStatus::Approved => {}
                Ok(t) => {
                    return (
                        RuleStatus::Paused,
                        Some(format!(
                            "template '{}' is {} (no longer approved); its send is paused",
                            t.name,
                            format!("{:?}", t.status).to_uppercase()
                        )),
                    );
                }
                Err(_) => {
                    return (
                        RuleStatus::Paused,
                        Some("its template was deleted; its send is paused".into()),
                    );
                }
            }
        }
        (RuleStatus::Active, None)
    }
}
