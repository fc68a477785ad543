//! The audit log (N11): an append-only record of who did what. Entries are written inside the
//! transaction of the action they record where the action's service has the actor at hand
//! ([`record`]), or right after it by the API edge ([`Audit::log`]) for actions whose outcome is
//! decided outside a transaction (sign-ins, payments at the gateway). Nothing in the API edits or
//! deletes an entry; the retention rule (`retention_audit_days`, default 365) removes the
//! oldest.

pub mod model;

use serde_json::Value;

use crate::auth::Viewer;
use crate::clock::{Millis, SharedClock};
use crate::error::Result;
use crate::store::PutRow;
use crate::store::tables::AUDIT;
use crate::store::{Store, Tx};
pub use model::AuditEntry;

/// Every action the log records (for filters; `auditActions`). Keep in step with the callers of
/// [`record`] and [`Audit::log`]; a test checks that every entry it provokes is listed.
pub const ACTIONS: &[&str] = &[
    "auth.sign_in",
    "auth.sign_in_failed",
    "user.create",
    "user.update",
    "user.password_change",
    "role.create",
    "role.delete",
    "group.create",
    "group.delete",
    "group.members",
    "template.create",
    "template.update",
    "template.delete",
    "template.sync",
    "message.send",
    "credits.buy",
    "credits.confirm_payment",
    "credits.payment_failed",
    "credits.top_up",
    "credits.adjust",
    "credits.auto_recharge",
    "credits.rate_card",
    "whatsapp.connect",
    "whatsapp.create_profile",
    "whatsapp.update_profile",
    "whatsapp.deactivate_profile",
    "whatsapp.activate_profile",
    "whatsapp.register_number",
    "whatsapp.deactivate",
    "consent.keywords",
    "settings.company",
    "export.records",
    "export.audit_log",
    "webhook.create",
    "webhook.delete",
    "webhook.enable",
    "webhook.disable",
    "webhook.disabled",
    "webhook.test",
];

/// Who acted: a user (id, email) or the system.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub id: Option<String>,
    pub email: Option<String>,
}

impl Actor {
    pub fn system() -> Self {
        Self::default()
    }
    pub fn user(id: &str, email: &str) -> Self {
        Self {
            id: Some(id.to_string()),
            email: Some(email.to_string()),
        }
    }
    /// Someone not signed in, known by the email they gave (a failed sign-in).
    pub fn claimed(email: &str) -> Self {
        Self {
            id: None,
            email: Some(email.to_string()),
        }
    }
}

impl From<&Viewer> for Actor {
    fn from(v: &Viewer) -> Self {
        Actor::user(&v.user.id, &v.user.email)
    }
}

/// Appends an entry in the caller's transaction.
pub fn record(
    tx: &mut Tx<'_>,
    now: Millis,
    actor: &Actor,
    action: &str,
    subject: Option<&str>,
    detail: Value,
) -> Result<()> {
    let entry = AuditEntry {
        id: crate::ids::new_id(now),
        at: now,
        actor_id: actor.id.clone(),
        actor_email: actor.email.clone(),
        action: action.to_string(),
        subject: subject.map(str::to_string),
        detail,
    };
    tx.txn.open_table(AUDIT)?.put(entry.id.as_str(), &entry)?;
    Ok(())
}

/// What `auditLog` may narrow by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// An action, or a prefix ending in `.` (`template.` matches every template action).
    pub action: Option<String>,
    pub actor_id: Option<String>,
    /// Entries at or after.
    pub from: Option<Millis>,
    /// Entries before.
    pub to: Option<Millis>,
    /// A case-insensitive piece of the subject.
    pub subject: Option<String>,
}

impl Filter {
    fn matches(&self, e: &AuditEntry) -> bool {
        self.action.as_deref().is_none_or(|a| {
            if a.ends_with('.') {
                e.action.starts_with(a)
            } else {
                e.action == a
            }
        }) && self
            .actor_id
            .as_deref()
            .is_none_or(|a| e.actor_id.as_deref() == Some(a))
            && self.from.is_none_or(|f| e.at >= f)
            && self.to.is_none_or(|t| e.at < t)
            && self.subject.as_deref().is_none_or(|s| {
                e.subject
                    .as_deref()
                    .is_some_and(|x| x.to_lowercase().contains(&s.to_lowercase()))
            })
    }
}

/// Rows looked at per page at most, so a filter that matches little cannot scan for ever.
const SCAN_LIMIT: usize = 200_000;

#[derive(Clone)]
pub struct Audit {
    store: Store,
    clock: SharedClock,
}

impl Audit {
    pub fn new(store: Store, clock: SharedClock) -> Self {
        Self { store, clock }
    }

    /// Appends an entry in its own transaction.
    pub async fn log(
        &self,
        actor: Actor,
        action: &str,
        subject: Option<String>,
        detail: Value,
    ) -> Result<()> {
        let now = self.clock.now();
        let action = action.to_string();
        self.store
            .write(move |tx| record(tx, now, &actor, &action, subject.as_deref(), detail.clone()))
            .await
    }

    /// Newest first, after the entry `after` (an id), at most `first`; answers whether more
    /// follow. Administrators only.
    pub fn page(
        &self,
        viewer: &Viewer,
        filter: &Filter,
        first: usize,
        after: Option<&str>,
    ) -> Result<(Vec<AuditEntry>, bool)> {
        viewer.require_admin()?;
        let tx = self.store.read()?;
        let t = tx.open_table(AUDIT)?;
        let iter = match after {
            Some(a) => t.range(..a)?,
            None => t.range::<&str>(..)?,
        };
        let mut out = vec![];
        for entry in iter.rev().take(SCAN_LIMIT) {
            let e = entry?.1.value()?;
            if filter.matches(&e) {
                if out.len() == first {
                    return Ok((out, true));
                }
                out.push(e);
            }
        }
        Ok((out, false))
    }

    /// Every matching entry as CSV (newest first), at most `max` rows. Administrators only; the
    /// export itself is audited.
    pub async fn csv(&self, viewer: &Viewer, filter: &Filter, max: usize) -> Result<String> {
        let (rows, _) = self.page(viewer, filter, max, None)?;
        let mut w = csv::Writer::from_writer(vec![]);
        let err = |e: csv::Error| crate::error::Error::Internal(e.to_string());
        w.write_record([
            "id",
            "at",
            "actor_id",
            "actor_email",
            "action",
            "subject",
            "detail",
        ])
        .map_err(err)?;
        for e in &rows {
            w.write_record([
                e.id.as_str(),
                &crate::clock::to_rfc3339(e.at),
                e.actor_id.as_deref().unwrap_or(""),
                e.actor_email.as_deref().unwrap_or(""),
                &e.action,
                e.subject.as_deref().unwrap_or(""),
                &e.detail.to_string(),
            ])
            .map_err(err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| crate::error::Error::Internal(e.to_string()))?;
        self.log(
            viewer.into(),
            "export.audit_log",
            None,
            serde_json::json!({ "rows": rows.len() }),
        )
        .await?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}
