//! F1–F3 for administrators: connect the account, pick numbers, profiles, deactivate.

use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};

use super::messaging::ProfileGql;
use super::{Gql, admin, app};
use crate::messaging::setup::{ConnectInput, NewProfile, ProfileChanges};

#[derive(SimpleObject)]
pub struct WhatsappAccount {
    waba_id: String,
    /// Where Meta should deliver webhooks.
    webhook_path: String,
}

#[derive(SimpleObject)]
pub struct WhatsappNumber {
    id: String,
    display_phone_number: String,
    verified_name: String,
    verified: bool,
    registered: bool,
    eligible: bool,
    ineligible_reason: Option<String>,
    /// The active profile this number is linked to.
    linked_profile_id: Option<ID>,
}

#[derive(InputObject)]
pub struct ConnectWhatsappInput {
    waba_id: String,
    access_token: String,
    app_secret: String,
    verify_token: String,
}

#[derive(InputObject)]
pub struct CreateWhatsappProfileInput {
    nickname: String,
    phone_number_id: String,
    /// `Leads` or `Contacts`.
    unknown_senders: String,
    user_ids: Option<Vec<ID>>,
    group_ids: Option<Vec<ID>>,
    role_ids: Option<Vec<ID>>,
}

/// Changes to a profile; omitted fields stay. The number cannot change.
#[derive(InputObject)]
pub struct UpdateWhatsappProfileInput {
    nickname: Option<String>,
    /// `Leads` or `Contacts`.
    unknown_senders: Option<String>,
    user_ids: Option<Vec<ID>>,
    group_ids: Option<Vec<ID>>,
    role_ids: Option<Vec<ID>>,
}

#[derive(Default)]
pub struct SetupQuery;

#[Object]
impl SetupQuery {
    /// The connected account; credentials are write-only and never returned.
    async fn whatsapp_account(&self, ctx: &Context<'_>) -> Result<Option<WhatsappAccount>> {
        admin(ctx)?;
        let waba = app(ctx).messaging.account_waba().gql()?;
        Ok(waba.map(|waba_id| WhatsappAccount {
            waba_id,
            webhook_path: "/webhooks/whatsapp".into(),
        }))
    }

    /// The account's numbers and whether each can be linked to a profile.
    async fn whatsapp_numbers(&self, ctx: &Context<'_>) -> Result<Vec<WhatsappNumber>> {
        admin(ctx)?;
        let nums = app(ctx).messaging.numbers().await.gql()?;
        Ok(nums
            .into_iter()
            .map(|n| WhatsappNumber {
                eligible: n.ineligible_reason.is_none(),
                id: n.id,
                display_phone_number: n.display_phone_number,
                verified_name: n.verified_name,
                verified: n.verified,
                registered: n.registered,
                // In the viewer's language (README, Decisions: server texts).
                ineligible_reason: n
                    .ineligible_reason
                    .map(|r| crate::i18n::localize(&r, crate::i18n::current())),
                linked_profile_id: n.linked_profile_id.map(ID),
            })
            .collect())
    }

    /// Every profile, active or not (administrators).
    async fn all_whatsapp_profiles(&self, ctx: &Context<'_>) -> Result<Vec<ProfileGql>> {
        admin(ctx)?;
        Ok(app(ctx)
            .messaging
            .profiles()
            .gql()?
            .into_iter()
            .map(ProfileGql)
            .collect())
    }
}

#[derive(Default)]
pub struct SetupMutation;

#[Object]
impl SetupMutation {
    async fn connect_whatsapp(
        &self,
        ctx: &Context<'_>,
        input: ConnectWhatsappInput,
    ) -> Result<WhatsappAccount> {
        admin(ctx)?;
        let waba_id = input.waba_id.trim().to_string();
        app(ctx)
            .messaging
            .connect(ConnectInput {
                waba_id: input.waba_id,
                access_token: input.access_token,
                app_secret: input.app_secret,
                verify_token: input.verify_token,
                graph_base_url: None,
            })
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "whatsapp.connect",
            Some(waba_id.clone()),
            serde_json::Value::Null,
        )
        .await;
        Ok(WhatsappAccount {
            waba_id,
            webhook_path: "/webhooks/whatsapp".into(),
        })
    }

    async fn register_whatsapp_number(
        &self,
        ctx: &Context<'_>,
        phone_number_id: String,
        pin: String,
    ) -> Result<bool> {
        admin(ctx)?;
        app(ctx)
            .messaging
            .register_number(&phone_number_id, &pin)
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "whatsapp.register_number",
            Some(phone_number_id.clone()),
            serde_json::Value::Null,
        )
        .await;
        Ok(true)
    }

    async fn create_whatsapp_profile(
        &self,
        ctx: &Context<'_>,
        input: CreateWhatsappProfileInput,
    ) -> Result<ProfileGql> {
        admin(ctx)?;
        let ids = |v: Option<Vec<ID>>| v.unwrap_or_default().into_iter().map(|x| x.0).collect();
        let p = app(ctx)
            .messaging
            .create_profile(NewProfile {
                nickname: input.nickname,
                phone_number_id: input.phone_number_id,
                unknown_senders: input.unknown_senders,
                user_ids: ids(input.user_ids),
                group_ids: ids(input.group_ids),
                role_ids: ids(input.role_ids),
            })
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "whatsapp.create_profile",
            Some(p.id.clone()),
            serde_json::json!({"nickname": p.nickname, "phoneNumberId": p.phone_number_id}),
        )
        .await;
        Ok(ProfileGql(p))
    }

    /// Renames a profile, or changes where unknown senders go and who may use it.
    async fn update_whatsapp_profile(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateWhatsappProfileInput,
    ) -> Result<ProfileGql> {
        admin(ctx)?;
        let ids = |v: Option<Vec<ID>>| v.map(|v| v.into_iter().map(|x| x.0).collect());
        let p = app(ctx)
            .messaging
            .update_profile(
                &id,
                ProfileChanges {
                    nickname: input.nickname,
                    unknown_senders: input.unknown_senders,
                    user_ids: ids(input.user_ids),
                    group_ids: ids(input.group_ids),
                    role_ids: ids(input.role_ids),
                },
            )
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "whatsapp.update_profile",
            Some(p.id.clone()),
            serde_json::json!({"nickname": p.nickname, "unknownSenders": p.unknown_senders,
                "userIds": p.user_ids, "groupIds": p.group_ids, "roleIds": p.role_ids}),
        )
        .await;
        Ok(ProfileGql(p))
    }

    /// Switches a profile off (no sending or receiving; its conversations stay) or on again
    /// (refused unless its number is verified, registered and not used by another profile).
    async fn set_whatsapp_profile_active(
        &self,
        ctx: &Context<'_>,
        id: ID,
        active: bool,
    ) -> Result<ProfileGql> {
        admin(ctx)?;
        let p = app(ctx)
            .messaging
            .set_profile_active(&id, active)
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            if active {
                "whatsapp.activate_profile"
            } else {
                "whatsapp.deactivate_profile"
            },
            Some(p.id.clone()),
            serde_json::json!({"nickname": p.nickname, "phoneNumberId": p.phone_number_id}),
        )
        .await;
        Ok(ProfileGql(p))
    }

    /// "Yes, Delete": removes the credentials; sending and receiving stop; history stays.
    async fn deactivate_whatsapp(&self, ctx: &Context<'_>) -> Result<bool> {
        admin(ctx)?;
        app(ctx).messaging.deactivate().await.gql()?;
        super::operations::audit(ctx, "whatsapp.deactivate", None, serde_json::Value::Null).await;
        Ok(true)
    }
}
