//! Credits (F4–F6): wallet, ledger, send cost, buying, auto-recharge, corrections, rate cards.
//! Money is a decimal string in the wallet's currency with at most 4 fraction digits.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::messaging::{MessageGql, SendTemplateInput};
use super::page::{Page, decode_cursor, limit, page};
use super::{Gql, admin, app, viewer};
use crate::clock::to_datetime;
use crate::credits::model::{self, LedgerEntry, PaymentRow, RateCardRow, WalletRow};
use crate::credits::{Cost, What, charging::template_category};
use crate::messaging::SendTemplate;

pub struct WalletGql(pub WalletRow);

#[Object(name = "Wallet")]
impl WalletGql {
    async fn balance(&self) -> String {
        self.0.balance.to_string()
    }
    /// Held for queued sends that Meta has not billed yet.
    async fn held(&self) -> String {
        self.0.held.to_string()
    }
    /// Balance less held: what new sends can spend.
    async fn available(&self) -> String {
        crate::credits::available(&self.0).to_string()
    }
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    async fn auto_recharge(&self) -> AutoRechargeGql {
        AutoRechargeGql {
            enabled: self.0.auto_recharge.enabled,
            min_balance: self.0.auto_recharge.min_balance.to_string(),
            amount: self.0.auto_recharge.amount.to_string(),
        }
    }
    /// `PER_MESSAGE` or `PER_CONVERSATION` (a server setting).
    async fn pricing_model(&self) -> &str {
        match self.0.pricing_model {
            model::PricingModel::Pmp => "PER_MESSAGE",
            model::PricingModel::Cbp => "PER_CONVERSATION",
        }
    }
    /// Whether buyCredits works (a payment gateway is configured); else record manual top-ups.
    async fn can_buy(&self, ctx: &Context<'_>) -> bool {
        app(ctx).credits.has_gateway()
    }
}

#[derive(SimpleObject)]
#[graphql(name = "AutoRecharge")]
pub struct AutoRechargeGql {
    enabled: bool,
    min_balance: String,
    amount: String,
}

#[derive(InputObject)]
pub struct AutoRechargeInput {
    enabled: bool,
    min_balance: String,
    amount: String,
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum PaymentStatus {
    RequiresConfirmation,
    Succeeded,
    Failed,
}

pub struct PaymentGql(pub PaymentRow);

#[Object(name = "Payment")]
impl PaymentGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn amount(&self) -> String {
        self.0.amount.to_string()
    }
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    async fn status(&self) -> PaymentStatus {
        match self.0.status {
            model::PaymentStatus::RequiresConfirmation | model::PaymentStatus::Processing => {
                PaymentStatus::RequiresConfirmation
            }
            model::PaymentStatus::Succeeded => PaymentStatus::Succeeded,
            model::PaymentStatus::Failed => PaymentStatus::Failed,
        }
    }
    /// Why it failed.
    async fn failure(&self) -> Option<&str> {
        self.0.failure.as_deref()
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "model::LedgerKind")]
pub enum LedgerKind {
    Topup,
    Charge,
    Refund,
    Adjustment,
}

pub struct LedgerEntryGql(pub LedgerEntry);

#[Object(name = "LedgerEntry")]
impl LedgerEntryGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn at(&self) -> DateTime<Utc> {
        to_datetime(self.0.at)
    }
    async fn kind(&self) -> LedgerKind {
        self.0.kind.into()
    }
    /// Signed: + adds to the balance.
    async fn amount(&self) -> String {
        self.0.amount.to_string()
    }
    async fn balance_after(&self) -> String {
        self.0.balance_after.to_string()
    }
    async fn message(&self, ctx: &Context<'_>) -> Result<Option<MessageGql>> {
        let Some(id) = &self.0.message_id else {
            return Ok(None);
        };
        Ok(app(ctx)
            .messaging
            .message_unchecked(id)
            .ok()
            .map(MessageGql::from))
    }
    async fn category(&self) -> Option<&str> {
        self.0.category.as_deref()
    }
    async fn country(&self) -> Option<&str> {
        self.0.country.as_deref().filter(|c| !c.is_empty())
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

pub struct CostGql(pub Cost);

#[Object(name = "Cost")]
impl CostGql {
    async fn amount(&self) -> String {
        self.0.amount.to_string()
    }
    async fn currency(&self) -> &str {
        &self.0.currency
    }
    async fn category(&self) -> &str {
        &self.0.category
    }
    async fn country(&self) -> &str {
        &self.0.country
    }
    /// Meta's pricing market of the recipient.
    async fn market(&self) -> &str {
        &self.0.market
    }
    async fn billable(&self) -> bool {
        self.0.billable
    }
    /// Why it is free, e.g. "open service window".
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
}

pub struct RateCardGql(pub RateCardRow);

#[Object(name = "RateCard")]
impl RateCardGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn effective_from(&self) -> &str {
        &self.0.effective_from
    }
    async fn source(&self) -> &str {
        &self.0.source
    }
    async fn installed_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.installed_at)
    }
    async fn markets(&self) -> i32 {
        i32::try_from(self.0.rates.len()).unwrap_or(i32::MAX)
    }
}

#[derive(Default)]
pub struct CreditsQuery;

#[Object]
impl CreditsQuery {
    /// The organisation's wallet (administrators).
    async fn wallet(&self, ctx: &Context<'_>) -> Result<WalletGql> {
        let v = admin(ctx)?;
        Ok(WalletGql(app(ctx).credits.wallet(v).gql()?))
    }

    /// The ledger, newest first (administrators).
    async fn ledger(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<LedgerEntryGql>> {
        let v = admin(ctx)?;
        let offset = decode_cursor(after.as_deref());
        let (nodes, total) = app(ctx)
            .credits
            .ledger_page(v, offset, limit(first))
            .gql()?;
        Ok(page(
            nodes.into_iter().map(LedgerEntryGql).collect(),
            offset,
            total,
        ))
    }

    /// What sendTemplate would charge now, for a send the viewer may make.
    async fn send_cost(&self, ctx: &Context<'_>, input: SendTemplateInput) -> Result<CostGql> {
        let v = viewer(ctx)?;
        let a = app(ctx);
        let req = SendTemplate {
            profile_id: input.profile_id.0,
            module: input.module,
            record_id: input.record_id.0,
            template_id: input.template_id.0,
            phone_field: input.phone_field,
        };
        let (out, category) = a.templates.prepare(v, req).gql()?;
        let cost = a
            .credits
            .send_cost(
                &out.profile.id,
                &out.wa_id,
                What::Template(template_category(category)),
            )
            .gql()?;
        Ok(CostGql(cost))
    }

    /// Installed rate cards, newest (current) first (administrators).
    async fn rate_cards(&self, ctx: &Context<'_>) -> Result<Vec<RateCardGql>> {
        let v = admin(ctx)?;
        Ok(app(ctx)
            .credits
            .rate_cards(v)
            .gql()?
            .into_iter()
            .map(RateCardGql)
            .collect())
    }
}

#[derive(Default)]
pub struct CreditsMutation;

#[Object]
impl CreditsMutation {
    /// Starts buying credits through the payment gateway (CONFLICT until a number is active);
    /// confirm it with confirmPayment.
    async fn buy_credits(&self, ctx: &Context<'_>, amount: String) -> Result<PaymentGql> {
        let v = admin(ctx)?;
        let p = app(ctx).credits.buy(v, &amount).await.gql()?;
        super::operations::audit(ctx, "credits.buy", Some(p.id.clone()), serde_json::json!({"amount": p.amount.to_string(), "status": format!("{:?}", p.status)})).await;
        Ok(PaymentGql(p))
    }

    /// The gateway's confirmation step; a declined card answers PAYMENT_FAILED.
    async fn confirm_payment(&self, ctx: &Context<'_>, id: ID) -> Result<PaymentGql> {
        let v = admin(ctx)?;
        let p = match app(ctx).credits.confirm(v, &id).await {
            Ok(p) => p,
            Err(e) => {
                super::operations::audit(
                    ctx,
                    "credits.payment_failed",
                    Some(id.to_string()),
                    serde_json::json!({"error": e.to_string()}),
                )
                .await;
                return Err(super::gql_error(&e));
            }
        };
        super::operations::audit(ctx, "credits.confirm_payment", Some(p.id.clone()), serde_json::json!({"amount": p.amount.to_string(), "status": format!("{:?}", p.status)})).await;
        Ok(PaymentGql(p))
    }

    async fn set_auto_recharge(
        &self,
        ctx: &Context<'_>,
        input: AutoRechargeInput,
    ) -> Result<WalletGql> {
        let v = admin(ctx)?;
        let w = app(ctx)
            .credits
            .set_auto_recharge(v, input.enabled, &input.min_balance, &input.amount)
            .await
            .gql()?;
        super::operations::audit(ctx, "credits.auto_recharge", None, serde_json::json!({"enabled": input.enabled, "minBalance": input.min_balance, "amount": input.amount})).await;
        Ok(WalletGql(w))
    }

    /// A signed correction with a note; never below zero.
    async fn adjust_credits(
        &self,
        ctx: &Context<'_>,
        amount: String,
        note: String,
    ) -> Result<WalletGql> {
        let v = admin(ctx)?;
        let w = app(ctx).credits.adjust(v, &amount, &note).await.gql()?;
        super::operations::audit(ctx, "credits.adjust", None, serde_json::json!({"amount": amount, "note": note, "balanceAfter": w.balance.to_string()})).await;
        Ok(WalletGql(w))
    }

    /// Money received outside a gateway (bank transfer, invoice), with its reference.
    async fn record_top_up(
        &self,
        ctx: &Context<'_>,
        amount: String,
        reference: String,
    ) -> Result<WalletGql> {
        let v = admin(ctx)?;
        let w = app(ctx)
            .credits
            .record_top_up(v, &amount, &reference)
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "credits.top_up",
            Some(reference.clone()),
            serde_json::json!({"amount": amount, "balanceAfter": w.balance.to_string()}),
        )
        .await;
        Ok(WalletGql(w))
    }

    /// Installs a newer rate card from CSV (the embedded card's format); history is kept.
    async fn upload_rate_card(&self, ctx: &Context<'_>, csv: String) -> Result<RateCardGql> {
        let v = admin(ctx)?;
        let c = app(ctx).credits.upload_rate_card(v, &csv).await.gql()?;
        super::operations::audit(
            ctx,
            "credits.rate_card",
            Some(c.id.clone()),
            serde_json::Value::Null,
        )
        .await;
        Ok(RateCardGql(c))
    }
}
