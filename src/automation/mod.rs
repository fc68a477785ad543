//! Automation (F11–F13): workflow rules, blueprints and journeys, and the demo's time travel.
//! Definitions are checked and stored here (one file per kind: [`rules`], [`blueprints`],
//! [`journeys`]); [`engine`] reacts to changes and runs the work as durable jobs, [`flow`] moves
//! journey enrollments along, [`actions`] runs one action and [`outgoing`] delivers the
//! OUTGOING_WEBHOOK action's requests.
//!
//! Editing: rules, blueprints and journeys can be changed in place (their module stays). Work
//! already queued runs with the definition as it is when it runs; a journey's active
//! enrollments continue on their step by key (see [`journeys`]).

pub mod actions;
pub mod blueprints;
pub mod definitions;
pub mod engine;
pub mod flow;
pub mod journeys;
pub mod model;
pub mod outgoing;
pub mod rules;

use crate::auth::{Auth, Viewer};
use crate::clock::{Millis, SharedClock};
use crate::crm::Crm;
use crate::crm::model::FieldType;
use crate::error::{Error, Result};
use crate::jobs::Jobs;
use crate::messaging::Messaging;
use crate::store::Store;
use crate::store::tables::{AUTO_ENROLLMENTS, META};
use crate::templates::Templates;
use crate::webhooks::Webhooks;
use model::*;

pub use blueprints::{AvailableTransition, NewBlueprint};
pub use journeys::NewJourney;
pub use rules::{NewRule, RuleStatus};

/// The META key holding the demo clock's offset (ms), so a restarted demo keeps its time.
const CLOCK_OFFSET_KEY: &str = "demo_clock_offset_ms";
/// Longest signing secret an OUTGOING_WEBHOOK action takes.
const SECRET_MAX: usize = 200;

#[derive(Clone)]
pub struct Automation {
    store: Store,
    clock: SharedClock,
    crm: Crm,
    templates: Templates,
    jobs: Jobs,
    hooks: Webhooks,
}

/// The services automation works with.
pub struct Deps {
    pub store: Store,
    pub clock: SharedClock,
    pub crm: Crm,
    pub templates: Templates,
    pub messaging: Messaging,
    pub auth: Auth,
    pub jobs: Jobs,
    pub hooks: Webhooks,
}

impl Automation {
    pub fn new(d: Deps) -> Automation {
        d.jobs.register(std::sync::Arc::new(engine::Runner {
            crm: d.crm.clone(),
            templates: d.templates.clone(),
            messaging: d.messaging,
            auth: d.auth,
            clock: d.clock.clone(),
            hook_attempts: d.hooks.settings().max_attempts.max(1),
        }));
        d.jobs
            .register(outgoing::Deliverer::new(d.hooks.clone(), d.clock.clone()));
        Automation {
            store: d.store,
            clock: d.clock,
            crm: d.crm,
            templates: d.templates,
            jobs: d.jobs,
            hooks: d.hooks,
        }
    }

    // -- checks ------------------------------------------------------------------------------

    fn check_conditions(&self, module: &str, conds: Vec<Condition>) -> Result<Vec<Condition>> {
        let def = self.crm.module(module)?;
        let mut out = vec![];
        for mut c in conds {
            if def.field(&c.field).is_none() {
                return Err(Error::validation(
                    "conditions",
                    format!("{module} has no field {}", c.field),
                ));
            }
            match c.op {
                CondOp::IsEmpty | CondOp::IsNotEmpty => c.value = None,
                CondOp::Contains => {
                    if c.value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                        return Err(Error::validation("conditions", "CONTAINS needs a value"));
                    }
                }
                _ => {
                    let v = c.value.clone().unwrap_or_default();
                    if v.trim().is_empty() {
                        return Err(Error::validation(
                            "conditions",
                            format!("{:?} needs a value", c.op),
                        ));
                    }
                    // Compared with stored values: normalise as a record would store it
                    // (currency in minor units, phones in E.164); keep the text otherwise.
                    if let Ok(clean) = self.crm.clean_value(module, &c.field, &v) {
                        c.value = Some(engine::value_text(Some(&clean)));
                    }
                }
            }
            out.push(c);
        }
        Ok(out)
    }

    /// Checks an action of `module` and normalises it: an OUTGOING_WEBHOOK's URL is checked
    /// against the address rule and a new secret sealed (a kept one is resolved on write, see
    /// [`keep_secrets`]); keys another kind does not use are dropped.
    fn check_action(&self, module: &str, a: &mut Action) -> Result<()> {
        let def = self.crm.module(module)?;
        if a.kind != ActionKind::OutgoingWebhook {
            a.url = None;
            a.secret = None;
            a.secret_sealed = None;
        }
        match a.kind {
            ActionKind::SendTemplate => {
                let id = a
                    .template_id
                    .as_deref()
                    .ok_or_else(|| Error::validation("templateId", "choose a template"))?;
                let t = self
                    .templates
                    .get(id)
                    .map_err(|_| Error::validation("templateId", "no such template"))?;
                t.check_sendable(module)?;
            }
            ActionKind::CreateTask => {
                if a.subject.as_deref().is_none_or(|s| s.trim().is_empty()) {
                    return Err(Error::validation("subject", "a task needs a subject"));
                }
            }
            ActionKind::UpdateField => {
                let f = a
                    .field
                    .as_deref()
                    .and_then(|f| def.field(f))
                    .ok_or_else(|| Error::validation("field", "choose a field of the module"))?;
                if matches!(f.field_type, FieldType::Owner | FieldType::LineItems) {
                    return Err(Error::validation(
                        "field",
                        "automation cannot change the owner or line items",
                    ));
                }
                if let Some(v) = &a.value {
                    self.crm.clean_value(module, &f.api_name, v)?;
                }
            }
            ActionKind::OutgoingWebhook => {
                let url = a
                    .url
                    .as_deref()
                    .filter(|u| !u.trim().is_empty())
                    .ok_or_else(|| Error::validation("url", "an outgoing webhook needs a URL"))?;
                a.url = Some(crate::webhooks::check_url(url, self.hooks.settings())?);
                a.secret_sealed = None;
                match a.secret.as_deref() {
                    Some(s) if s.chars().count() > SECRET_MAX => {
                        return Err(Error::validation(
                            "secret",
                            format!("at most {SECRET_MAX} characters"),
                        ));
                    }
                    Some("") | None => {}
                    Some(s) => {
                        a.secret_sealed = Some(self.hooks.seal(s)?);
                        a.secret = Some(String::new());
                    }
                }
            }
        }
        Ok(())
    }

    // -- time travel ---------------------------------------------------------------------------

    /// Demo only: moves the app's clock `minutes` forward (kept across restarts). Jobs, journey
    /// waits and reply windows follow at once.
    pub async fn advance_clock(&self, viewer: &Viewer, minutes: i64) -> Result<Millis> {
        viewer.require_admin()?;
        if !(1..=525_600).contains(&minutes) {
            return Err(Error::validation("minutes", "from 1 to 525,600 (a year)"));
        }
        let offset = self
            .clock
            .advance_by(minutes * 60_000)
            .ok_or_else(|| Error::Forbidden("time travel is only available in the demo".into()))?;
        let stored = u64::try_from(offset).unwrap_or_default();
        self.store
            .write(move |tx| {
                tx.txn.open_table(META)?.insert(CLOCK_OFFSET_KEY, stored)?;
                Ok(())
            })
            .await?;
        self.jobs.wake();
        Ok(self.clock.now())
    }

    /// At start: a demo clock resumes the offset it travelled to before a restart.
    pub fn restore_clock(&self) -> Result<()> {
        let stored = self
            .store
            .read()?
            .open_table(META)?
            .get(CLOCK_OFFSET_KEY)?
            .map(|v| v.value())
            .unwrap_or(0);
        if stored > 0 {
            self.clock.advance_by(i64::try_from(stored).unwrap_or(0));
        }
        Ok(())
    }

    /// The newest runs of a rule, blueprint or journey, newest first.
    pub fn runs(&self, owner: &str, limit: usize) -> Result<Vec<RunRow>> {
        let tx = self.store.read()?;
        let t = tx.open_table(crate::store::tables::AUTO_RUNS)?;
        let rows = t
            .range((owner, "")..=(owner, "\u{10FFFF}"))?
            .rev()
            .take(limit)
            .map(|e| {
                e.map_err(crate::error::Error::from)
                    .and_then(|(_, v)| v.value().map_err(Into::into))
            })
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The enrollment of a record in a journey, if any.
    pub fn enrollment(&self, journey_id: &str, record_id: &str) -> Result<Option<Enrollment>> {
        Ok(self
            .store
            .read()?
            .open_table(AUTO_ENROLLMENTS)?
            .get((journey_id, record_id))?
            .map(|v| v.value())
            .transpose()?)
    }
}

/// On writing an edited definition: an OUTGOING_WEBHOOK action given without a secret keeps the
/// secret of the old definition's webhook action with the same URL; the transient input secret
/// is cleared either way.
fn keep_secrets<'a>(actions: impl Iterator<Item = &'a mut Action>, old: &[&Action]) {
    for a in actions {
        let kept = a.secret.take().is_none() && a.secret_sealed.is_none();
        if kept && a.kind == ActionKind::OutgoingWebhook {
            a.secret_sealed = old
                .iter()
                .find(|o| o.kind == ActionKind::OutgoingWebhook && o.url == a.url)
                .and_then(|o| o.secret_sealed.clone());
        }
    }
}

fn required_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 200 {
        return Err(Error::validation("name", "a name of 1 to 200 characters"));
    }
    Ok(n.to_string())
}
