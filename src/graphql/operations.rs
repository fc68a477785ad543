//! Operations (N7, N11): the audit log and outgoing webhook subscriptions. Administrators only.

use async_graphql::connection::{Connection, Edge, EmptyFields};
use async_graphql::{Context, ID, InputObject, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::types::UserGql;
use super::{Gql, admin, app};
use crate::audit::{AuditEntry, Filter};
use crate::clock::to_datetime;
use crate::webhooks::{Delivery, DeliveryStatus, Subscription};

pub struct AuditEntryGql(pub AuditEntry);

#[Object(name = "AuditEntry")]
impl AuditEntryGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn at(&self) -> DateTime<Utc> {
        to_datetime(self.0.at)
    }
    /// The user who acted (none: the system, or an unknown sign-in).
    async fn actor(&self, ctx: &Context<'_>) -> Result<Option<UserGql>> {
        let Some(id) = &self.0.actor_id else {
            return Ok(None);
        };
        Ok(app(ctx).auth.user(id).gql()?.map(UserGql))
    }
    /// The actor's email when the entry was written (also for failed sign-ins).
    async fn actor_email(&self) -> Option<&str> {
        self.0.actor_email.as_deref()
    }
    async fn action(&self) -> &str {
        &self.0.action
    }
    async fn subject(&self) -> Option<&str> {
        self.0.subject.as_deref()
    }
    async fn detail(&self) -> Json<serde_json::Value> {
        Json(self.0.detail.clone())
    }
}

/// Narrows `auditLog`.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// An action (`auth.sign_in`) or a prefix ending in a dot (`template.`).
    action: Option<String>,
    actor_id: Option<ID>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    /// A piece of the subject (case-insensitive).
    subject: Option<String>,
}

impl From<AuditFilter> for Filter {
    fn from(f: AuditFilter) -> Self {
        Filter {
            action: f.action.filter(|a| !a.is_empty()),
            actor_id: f.actor_id.map(|i| i.0),
            from: f.from.map(|d| d.timestamp_millis()),
            to: f.to.map(|d| d.timestamp_millis()),
            subject: f.subject.filter(|s| !s.is_empty()),
        }
    }
}

pub struct WebhookSubscriptionGql {
    sub: Subscription,
    secret: Option<String>,
}

#[Object(name = "WebhookSubscription")]
impl WebhookSubscriptionGql {
    async fn id(&self) -> ID {
        ID(self.sub.id.clone())
    }
    async fn url(&self) -> &str {
        &self.sub.url
    }
    async fn events(&self) -> &[String] {
        &self.sub.events
    }
    /// The signing secret: only in createWebhookSubscription's answer, never again.
    async fn secret(&self) -> Option<&str> {
        self.secret.as_deref()
    }
    async fn active(&self) -> bool {
        self.sub.active
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.sub.created_at)
    }
    async fn consecutive_failures(&self) -> i32 {
        i32::try_from(self.sub.consecutive_failures).unwrap_or(i32::MAX)
    }
    async fn disabled_at(&self) -> Option<DateTime<Utc>> {
        self.sub.disabled_at.map(to_datetime)
    }
    async fn disabled_reason(&self) -> Option<&str> {
        self.sub.disabled_reason.as_deref()
    }
    /// The newest deliveries (at most 100), with their attempts.
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
    ) -> Result<Vec<WebhookDeliveryGql>> {
        let v = admin(ctx)?;
        let n = usize::try_from(first.unwrap_or(20)).unwrap_or(0).min(100);
        Ok(app(ctx)
            .webhooks
            .deliveries(v, &self.sub.id, n)
            .gql()?
            .into_iter()
            .map(WebhookDeliveryGql)
            .collect())
    }
}

pub struct WebhookDeliveryGql(Delivery);

#[derive(SimpleObject)]
#[graphql(name = "WebhookAttempt")]
pub struct WebhookAttemptGql {
    at: DateTime<Utc>,
    /// The receiver's HTTP status, when it answered.
    status_code: Option<i32>,
    error: Option<String>,
}

#[Object(name = "WebhookDelivery")]
impl WebhookDeliveryGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn event(&self) -> &str {
        &self.0.event
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.created_at)
    }
    /// `PENDING`, `SUCCEEDED` or `FAILED`.
    async fn status(&self) -> &str {
        match self.0.status {
            DeliveryStatus::Pending => "PENDING",
            DeliveryStatus::Succeeded => "SUCCEEDED",
            DeliveryStatus::Failed => "FAILED",
        }
    }
    /// The last attempt's HTTP status.
    async fn status_code(&self) -> Option<i32> {
        self.0
            .attempts
            .last()
            .and_then(|a| a.status_code)
            .map(i32::from)
    }
    async fn attempts(&self) -> Vec<WebhookAttemptGql> {
        self.0
            .attempts
            .iter()
            .map(|a| WebhookAttemptGql {
                at: to_datetime(a.at),
                status_code: a.status_code.map(i32::from),
                error: a.error.clone(),
            })
            .collect()
    }
}

#[derive(Default)]
pub struct OperationsQuery;

#[Object]
impl OperationsQuery {
    /// Who did what, newest first (administrators). Entries cannot be changed or deleted.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<AuditFilter>,
    ) -> Result<Connection<String, AuditEntryGql, EmptyFields, EmptyFields>> {
        let v = admin(ctx)?;
        let n = super::page::limit(first);
        let (rows, more) = app(ctx)
            .audit
            .page(v, &filter.unwrap_or_default().into(), n, after.as_deref())
            .gql()?;
        let mut c = Connection::new(after.is_some(), more);
        c.edges.extend(
            rows.into_iter()
                .map(|e| Edge::new(e.id.clone(), AuditEntryGql(e))),
        );
        Ok(c)
    }

    /// The audit log as CSV (newest first, at most 100,000 rows; administrators). The export is
    /// itself audited.
    async fn audit_log_csv(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
    ) -> Result<String> {
        let v = admin(ctx)?;
        app(ctx)
            .audit
            .csv(v, &filter.unwrap_or_default().into(), 100_000)
            .await
            .gql()
    }

    /// The actions the audit log records, for its filter (administrators). `auditLog`'s
    /// `filter.action` takes one of them or a prefix ending in a dot (`template.`).
    async fn audit_actions(&self, ctx: &Context<'_>) -> Result<Vec<&'static str>> {
        admin(ctx)?;
        Ok(crate::audit::ACTIONS.to_vec())
    }

    /// Outgoing webhook subscriptions (administrators).
    async fn webhook_subscriptions(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Vec<WebhookSubscriptionGql>> {
        let v = admin(ctx)?;
        Ok(app(ctx)
            .webhooks
            .list(v)
            .gql()?
            .into_iter()
            .map(|sub| WebhookSubscriptionGql { sub, secret: None })
            .collect())
    }

    /// The events a subscription may ask for.
    async fn webhook_events(&self) -> Vec<&'static str> {
        crate::webhooks::EVENTS.to_vec()
    }
}

#[derive(Default)]
pub struct OperationsMutation;

#[Object]
impl OperationsMutation {
    /// Subscribes `url` to `events` (administrators). The answer carries the signing secret,
    /// shown this once.
    async fn create_webhook_subscription(
        &self,
        ctx: &Context<'_>,
        url: String,
        events: Vec<String>,
    ) -> Result<WebhookSubscriptionGql> {
        let v = admin(ctx)?;
        let (sub, secret) = app(ctx).webhooks.create(v, &url, events).await.gql()?;
        Ok(WebhookSubscriptionGql {
            sub,
            secret: Some(secret),
        })
    }

    async fn delete_webhook_subscription(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = admin(ctx)?;
        app(ctx).webhooks.delete(v, &id).await.gql()?;
        Ok(true)
    }

    /// Switches a subscription on (resetting its failure count) or off.
    async fn set_webhook_subscription_active(
        &self,
        ctx: &Context<'_>,
        id: ID,
        active: bool,
    ) -> Result<WebhookSubscriptionGql> {
        let v = admin(ctx)?;
        let sub = app(ctx).webhooks.set_active(v, &id, active).await.gql()?;
        Ok(WebhookSubscriptionGql { sub, secret: None })
    }

    /// Queues a `webhook.test` delivery to the subscription; see its delivery log.
    async fn send_test_webhook(&self, ctx: &Context<'_>, id: ID) -> Result<WebhookDeliveryGql> {
        let v = admin(ctx)?;
        Ok(WebhookDeliveryGql(
            app(ctx).webhooks.send_test(v, &id).await.gql()?,
        ))
    }
}

/// Audits an action the API edge just completed, as the signed-in viewer (or the system). A
/// failure to write the entry is logged; the action itself already happened.
pub(crate) async fn audit(
    ctx: &Context<'_>,
    action: &str,
    subject: Option<String>,
    detail: serde_json::Value,
) {
    let actor = super::request(ctx)
        .and_then(|r| r.viewer.as_ref())
        .map(crate::audit::Actor::from)
        .unwrap_or_default();
    audit_as(ctx, actor, action, subject, detail).await;
}

pub(crate) async fn audit_as(
    ctx: &Context<'_>,
    actor: crate::audit::Actor,
    action: &str,
    subject: Option<String>,
    detail: serde_json::Value,
) {
    if let Err(e) = app(ctx).audit.log(actor, action, subject, detail).await {
        tracing::error!(error = %e, action, "cannot write the audit entry");
    }
}
