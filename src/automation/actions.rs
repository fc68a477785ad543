//! One action of a rule, a blueprint transition or a journey step, run inside the transaction
//! that ends its job: a template send queued through the outbox (with the reply-window, credits
//! and consent checks of a manual send), a task, a field change, or an outgoing webhook's
//! delivery queued as its own durable job ([`super::outgoing`]).

use redb::ReadableTable;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::engine::Runner;
use super::model::*;
use super::outgoing;
use crate::auth::Viewer;
use crate::clock::Millis;
use crate::crm::activities::{Activity, ActivityKind, ActivityStatus};
use crate::crm::model::RecordRow;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::messaging::SendTemplate;
use crate::store::tables::{ACTIVITIES, ACTIVITIES_BY_RECORD, RECORDS};
use crate::store::{PutRow, Tx};
use crate::templates::TemplateStatus;

/// What owns an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerKind {
    Rule,
    Blueprint,
    Journey,
}

/// Who runs an action and why: the owner (to report on) and what set it off (for the
/// OUTGOING_WEBHOOK payload).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub kind: OwnerKind,
    pub id: String,
    pub module: String,
    pub name: String,
    /// `data.trigger` of the webhook payload.
    pub trigger: Value,
}

/// A trigger's name as the API spells it.
pub fn trigger_name(t: Trigger) -> &'static str {
    match t {
        Trigger::Created => "CREATED",
        Trigger::Edited => "EDITED",
        Trigger::FieldUpdated => "FIELD_UPDATED",
        Trigger::InboundMessage => "INBOUND_MESSAGE",
    }
}

impl Source {
    pub fn rule(r: &RuleRow) -> Self {
        Self {
            kind: OwnerKind::Rule,
            id: r.id.clone(),
            module: r.module.clone(),
            name: r.name.clone(),
            trigger: json!({ "type": trigger_name(r.trigger), "field": r.field }),
        }
    }

    pub fn transition(b: &BlueprintRow, t: &Transition, actor: &str) -> Self {
        Self {
            kind: OwnerKind::Blueprint,
            id: b.id.clone(),
            module: b.module.clone(),
            name: b.name.clone(),
            trigger: json!({ "type": "TRANSITION", "transition": t.name, "field": b.field,
                             "from": t.from, "to": t.to, "userId": actor }),
        }
    }

    pub fn journey(j: &JourneyRow, step: &str) -> Self {
        Self {
            kind: OwnerKind::Journey,
            id: j.id.clone(),
            module: j.module.clone(),
            name: j.name.clone(),
            trigger: json!({ "type": trigger_name(j.trigger), "step": step }),
        }
    }
}

impl Runner {
    /// Runs `actions` on the record; answers whether all succeeded and what happened.
    pub(super) fn run_actions(
        &self,
        tx: &mut Tx<'_>,
        actions: &[Action],
        src: &Source,
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
                .get((src.module.as_str(), record_id))?
                .map(|v| v.value())
                .transpose()?;
            let Some(record) = record else {
                return Ok((false, "the record was deleted".into()));
            };
            match self.action(tx, a, src, &record, actor, now) {
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
        src: &Source,
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
            ActionKind::OutgoingWebhook => {
                outgoing::queue(tx, a, src, record, self.hook_attempts, now)
            }
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
