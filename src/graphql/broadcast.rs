//! Broadcasts (N10), consent keywords (N8) and the number's quality (N9).

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::messaging::ProfileGql;
use super::page::{Page, decode_cursor, limit, page};
use super::{Gql, admin, app, viewer};
use crate::broadcast::{BroadcastRow, Plan, RecipientRow};
use crate::clock::to_datetime;

#[derive(InputObject)]
pub struct BroadcastInput {
    name: String,
    profile_id: ID,
    template_id: ID,
    /// `Leads` or `Contacts`.
    module: String,
    /// Every visible record the list's search finds (the saved search).
    view_search: Option<String>,
    /// The selected records (row checkboxes); wins over `viewSearch`.
    record_ids: Option<Vec<ID>>,
}

impl From<BroadcastInput> for crate::broadcast::BroadcastInput {
    fn from(i: BroadcastInput) -> Self {
        Self {
            name: i.name,
            profile_id: i.profile_id.0,
            template_id: i.template_id.0,
            module: i.module,
            view_search: i.view_search,
            record_ids: i.record_ids.map(|v| v.into_iter().map(|x| x.0).collect()),
        }
    }
}

#[derive(SimpleObject)]
pub struct CountryCost {
    country: String,
    recipients: i32,
    total: String,
}

#[derive(SimpleObject)]
pub struct SkipReasonCount {
    reason: String,
    count: i32,
}

fn int(n: impl TryInto<i32>) -> i32 {
    n.try_into().unwrap_or(i32::MAX)
}

pub struct BroadcastCostGql(Plan);

#[Object(name = "BroadcastCost")]
impl BroadcastCostGql {
    /// Recipients that would be sent to.
    async fn recipients(&self) -> i32 {
        int(self.0.recipients)
    }
    async fn skipped(&self) -> i32 {
        int(self.0.skipped)
    }
    /// The whole batch's price (the sum of single-send prices).
    async fn total(&self) -> String {
        self.0.total.to_string()
    }
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    async fn by_country(&self) -> Vec<CountryCost> {
        self.0
            .by_country
            .iter()
            .map(|(c, n, m)| CountryCost {
                country: c.clone(),
                recipients: int(*n),
                total: m.to_string(),
            })
            .collect()
    }
    /// Counts per reason: `opted out`, `opted out of marketing` (a marketing template to a
    /// customer who turned marketing off in WhatsApp), `no WhatsApp number`, `duplicate number`.
    async fn skipped_reasons(&self) -> Vec<SkipReasonCount> {
        self.0
            .skipped_by_reason
            .iter()
            .map(|(r, n)| SkipReasonCount {
                reason: r.clone(),
                count: int(*n),
            })
            .collect()
    }
    /// The skipped recipients with their reasons (at most `first`, default 200).
    async fn skipped_recipients(&self, first: Option<i32>) -> Vec<BroadcastRecipientGql> {
        let n = first
            .map_or(200, |f| usize::try_from(f).unwrap_or(0))
            .min(1000);
        self.0
            .rows
            .iter()
            .filter(|r| r.skip_reason.is_some())
            .take(n)
            .cloned()
            .map(BroadcastRecipientGql)
            .collect()
    }
    /// The number's messaging-limit tier (e.g. `TIER_1K`).
    async fn tier(&self) -> Option<&str> {
        self.0.tier.as_deref()
    }
    /// Unique customers per 24 h the tier allows (null: unlimited or unknown).
    async fn tier_limit(&self) -> Option<i32> {
        self.0.tier_limit.map(int)
    }
    /// Customers reached with templates outside their window in the last 24 h.
    async fn tier_used(&self) -> i32 {
        int(self.0.tier_used)
    }
    /// Customers this broadcast would add to that.
    async fn tier_new(&self) -> i32 {
        int(self.0.tier_new)
    }
    /// False: the broadcast would exceed the tier and is refused.
    async fn within_tier(&self) -> bool {
        self.0.within_tier()
    }
    async fn quality_rating(&self) -> Option<&str> {
        self.0.quality_rating.as_deref()
    }
}

pub struct BroadcastRecipientGql(RecipientRow);

#[Object(name = "BroadcastRecipient")]
impl BroadcastRecipientGql {
    async fn module(&self) -> &str {
        &self.0.module
    }
    async fn record_id(&self) -> ID {
        ID(self.0.record_id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The WhatsApp number (digits) when the record has one.
    async fn wa_id(&self) -> Option<&str> {
        self.0.wa_id.as_deref()
    }
    async fn country(&self) -> &str {
        &self.0.country
    }
    async fn price(&self) -> String {
        self.0.price.to_string()
    }
    /// PENDING, QUEUED, SENT, DELIVERED, READ, FAILED, SKIPPED, CANCELLED.
    async fn status(&self) -> &str {
        self.0.state.as_str()
    }
    async fn skip_reason(&self) -> Option<&str> {
        self.0.skip_reason.as_deref()
    }
    /// Meta's error code when it failed.
    async fn error_code(&self) -> Option<i64> {
        self.0.error_code
    }
    async fn error_message(&self) -> Option<&str> {
        self.0.error_message.as_deref()
    }
    async fn message_id(&self) -> Option<ID> {
        self.0.message_id.clone().map(ID)
    }
}

pub struct BroadcastGql(BroadcastRow);

#[Object(name = "Broadcast")]
impl BroadcastGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// RUNNING, PAUSED, CANCELLED or COMPLETED.
    async fn status(&self) -> &str {
        self.0.status.as_str()
    }
    /// Why it paused by itself (messaging limit reached, template paused, profile inactive).
    async fn pause_reason(&self) -> Option<&str> {
        self.0.pause_reason.as_deref()
    }
    /// Recipients to send to (skipped ones not counted).
    async fn recipients(&self) -> i32 {
        int(self.0.recipients())
    }
    /// Not handed to the outbox yet.
    async fn pending(&self) -> i32 {
        int(self.0.counters.pending)
    }
    /// In the outbox.
    async fn queued(&self) -> i32 {
        int(self.0.counters.queued)
    }
    /// Sent (delivered and read included).
    async fn sent(&self) -> i32 {
        int(self.0.counters.sent)
    }
    /// Delivered (read included).
    async fn delivered(&self) -> i32 {
        int(self.0.counters.delivered)
    }
    async fn read(&self) -> i32 {
        int(self.0.counters.read)
    }
    async fn failed(&self) -> i32 {
        int(self.0.counters.failed)
    }
    async fn skipped(&self) -> i32 {
        int(self.0.counters.skipped)
    }
    async fn cancelled(&self) -> i32 {
        int(self.0.counters.cancelled)
    }
    async fn module(&self) -> &str {
        &self.0.module
    }
    async fn template_id(&self) -> ID {
        ID(self.0.template_id.clone())
    }
    async fn template_name(&self, ctx: &Context<'_>) -> Option<String> {
        app(ctx)
            .templates
            .get(&self.0.template_id)
            .ok()
            .map(|t| t.name)
    }
    async fn profile(&self, ctx: &Context<'_>) -> Result<Option<ProfileGql>> {
        Ok(app(ctx)
            .messaging
            .profile(&self.0.profile_id)
            .gql()?
            .map(ProfileGql))
    }
    /// The price quoted for the whole batch at creation.
    async fn total(&self) -> String {
        self.0.total.to_string()
    }
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.created_at)
    }
    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at.map(to_datetime)
    }
    /// Each recipient with its status, in order.
    async fn recipient_list(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<BroadcastRecipientGql>> {
        let offset = decode_cursor(after.as_deref());
        let n = limit(first);
        let rows = app(ctx)
            .broadcasts
            .recipients(
                &self.0.id,
                u32::try_from(offset).unwrap_or(u32::MAX),
                u32::try_from(n).unwrap_or(u32::MAX),
            )
            .gql()?;
        Ok(page(
            rows.into_iter().map(BroadcastRecipientGql).collect(),
            offset,
            self.0.positions as usize,
        ))
    }
}

#[derive(SimpleObject)]
pub struct ConsentKeywords {
    /// Whole-message keywords (any case, trimmed) that opt a customer out.
    opt_out: Vec<String>,
    /// Keywords that opt them back in.
    opt_in: Vec<String>,
    /// The shipped opt-out list (what a new install starts with).
    default_opt_out: Vec<String>,
    /// The shipped opt-in list.
    default_opt_in: Vec<String>,
}

impl From<crate::consent::Keywords> for ConsentKeywords {
    fn from(k: crate::consent::Keywords) -> Self {
        let d = crate::consent::Keywords::default();
        Self {
            opt_out: k.opt_out,
            opt_in: k.opt_in,
            default_opt_out: d.opt_out,
            default_opt_in: d.opt_in,
        }
    }
}

#[derive(Default)]
pub struct BroadcastQuery;

#[Object]
impl BroadcastQuery {
    /// What createBroadcast would do now: recipients, skipped with reasons, price per country
    /// (the single-send price function), and the messaging-limit tier.
    #[graphql(complexity = "super::limits::COST_BULK + child_complexity")]
    async fn broadcast_cost(
        &self,
        ctx: &Context<'_>,
        input: BroadcastInput,
    ) -> Result<BroadcastCostGql> {
        let v = viewer(ctx)?;
        let input: crate::broadcast::BroadcastInput = input.into();
        app(ctx)
            .crm
            .search_caught_up(input.view_search.as_deref())
            .await;
        let plan = app(ctx).broadcasts.cost(v, &input).gql()?;
        Ok(BroadcastCostGql(plan))
    }

    /// Past and running broadcasts, newest first (administrators see all; others their own).
    async fn broadcasts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<BroadcastGql>> {
        let v = viewer(ctx)?;
        let all: Vec<BroadcastRow> = app(ctx)
            .broadcasts
            .list(v)
            .gql()?
            .into_iter()
            .filter(|b| v.user.is_admin || b.created_by == v.id())
            .collect();
        let offset = decode_cursor(after.as_deref());
        let total = all.len();
        let nodes = all
            .into_iter()
            .skip(offset)
            .take(limit(first))
            .map(BroadcastGql)
            .collect();
        Ok(page(nodes, offset, total))
    }

    async fn broadcast(&self, ctx: &Context<'_>, id: ID) -> Result<Option<BroadcastGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .broadcasts
            .get(&id)
            .gql()?
            .filter(|b| v.user.is_admin || b.created_by == v.id())
            .map(BroadcastGql))
    }

    /// The opt-out and opt-in keywords (N8).
    async fn consent_keywords(&self, ctx: &Context<'_>) -> Result<ConsentKeywords> {
        viewer(ctx)?;
        Ok(app(ctx).consent.keywords().gql()?.into())
    }
}

#[derive(Default)]
pub struct BroadcastMutation;

#[Object]
impl BroadcastMutation {
    /// Holds the whole batch's price and starts sending; INSUFFICIENT_CREDITS (nothing stored)
    /// when the wallet cannot cover it, CONFLICT when it would exceed the messaging limit.
    #[graphql(complexity = "super::limits::COST_BULK + child_complexity")]
    async fn create_broadcast(
        &self,
        ctx: &Context<'_>,
        input: BroadcastInput,
    ) -> Result<BroadcastGql> {
        let v = viewer(ctx)?;
        let b = app(ctx).broadcasts.create(v, input.into()).await.gql()?;
        Ok(BroadcastGql(b))
    }

    /// Stops handing recipients to the outbox (those already queued still go).
    async fn pause_broadcast(&self, ctx: &Context<'_>, id: ID) -> Result<BroadcastGql> {
        let v = viewer(ctx)?;
        Ok(BroadcastGql(app(ctx).broadcasts.pause(v, &id).await.gql()?))
    }

    async fn resume_broadcast(&self, ctx: &Context<'_>, id: ID) -> Result<BroadcastGql> {
        let v = viewer(ctx)?;
        Ok(BroadcastGql(
            app(ctx).broadcasts.resume(v, &id).await.gql()?,
        ))
    }

    /// Recipients not queued yet are cancelled and their reserved credits released.
    async fn cancel_broadcast(&self, ctx: &Context<'_>, id: ID) -> Result<BroadcastGql> {
        let v = viewer(ctx)?;
        Ok(BroadcastGql(
            app(ctx).broadcasts.cancel(v, &id).await.gql()?,
        ))
    }

    /// Replaces the opt-out / opt-in keyword lists (administrators).
    async fn set_consent_keywords(
        &self,
        ctx: &Context<'_>,
        opt_out: Vec<String>,
        opt_in: Vec<String>,
    ) -> Result<ConsentKeywords> {
        admin(ctx)?;
        let k = app(ctx).consent.set_keywords(opt_out, opt_in).await.gql()?;
        super::operations::audit(
            ctx,
            "consent.keywords",
            None,
            serde_json::json!({ "optOut": k.opt_out, "optIn": k.opt_in }),
        )
        .await;
        Ok(k.into())
    }

    /// Reads every profile's quality rating and messaging-limit tier from the Graph API
    /// (administrators).
    #[graphql(complexity = "super::limits::COST_GENERATE + child_complexity")]
    async fn sync_whatsapp_quality(&self, ctx: &Context<'_>) -> Result<Vec<ProfileGql>> {
        admin(ctx)?;
        Ok(app(ctx)
            .messaging
            .sync_quality()
            .await
            .gql()?
            .into_iter()
            .map(ProfileGql)
            .collect())
    }
}
