//! The signed-in user's own account: sign-in, password, language, API tokens, notifications.

use async_graphql::{Context, ID, Object, Result, SimpleObject};

use super::page::{decode_cursor, limit, page};
use super::types::{
    ApiTokenGql, CreatedApiToken, LanguageGql, LoginPayload, NotificationGql, UserGql,
};
use super::{Gql, app, request, viewer};
use crate::auth::UserChanges;

pub const SESSION_COOKIE: &str = "parley_session";

#[derive(Default)]
pub struct AccountQuery;

/// The session cookie: HttpOnly, SameSite=Lax, and Secure when the public URL is https.
fn session_cookie(ctx: &Context<'_>, value: &str, max_age: i64) -> String {
    let secure = if app(ctx).config.is_https() {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}")
}

#[derive(SimpleObject)]
pub struct NotificationTotals {
    total_count: i64,
    unread_count: i64,
}

pub type NotificationPage =
    async_graphql::connection::Connection<String, NotificationGql, NotificationTotals>;

#[Object]
impl AccountQuery {
    /// The signed-in user; null when not signed in.
    async fn me(&self, ctx: &Context<'_>) -> Option<UserGql> {
        request(ctx)
            .and_then(|r| r.viewer.as_ref())
            .map(|v| UserGql(v.user.clone()))
    }

    /// The viewer's own API tokens.
    async fn api_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ApiTokenGql>> {
        let v = viewer(ctx)?;
        Ok(app(ctx)
            .auth
            .api_tokens(v.id())
            .gql()?
            .into_iter()
            .map(ApiTokenGql)
            .collect())
    }

    /// The viewer's notifications, newest first, with the unread count.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<NotificationPage> {
        let v = viewer(ctx)?;
        let all = app(ctx).notifications.list(v.id()).gql()?;
        let unread = all.iter().filter(|n| !n.read).count();
        let offset = decode_cursor(after.as_deref());
        let total = all.len();
        let nodes: Vec<_> = all
            .into_iter()
            .skip(offset)
            .take(limit(first))
            .map(NotificationGql)
            .collect();
        let p = page(nodes, offset, total);
        let mut out = NotificationPage::with_additional_fields(
            p.has_previous_page,
            p.has_next_page,
            NotificationTotals {
                total_count: i64::try_from(total).unwrap_or_default(),
                unread_count: i64::try_from(unread).unwrap_or_default(),
            },
        );
        out.edges = p.edges;
        Ok(out)
    }
}

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in: returns a session token and also sets it as an HttpOnly cookie.
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> Result<LoginPayload> {
        let req = request(ctx);
        let addr = req.map(|r| r.client_addr.clone()).unwrap_or_default();
        let (token, user) = match app(ctx).auth.login(&email, &password, &addr).await {
            Ok(ok) => ok,
            Err(e) => {
                super::operations::audit_as(
                    ctx,
                    crate::audit::Actor::claimed(&email),
                    "auth.sign_in_failed",
                    Some(email.clone()),
                    serde_json::json!({"address": addr, "reason": e.code().as_str()}),
                )
                .await;
                return Err(super::gql_error(&e));
            }
        };
        super::operations::audit_as(
            ctx,
            crate::audit::Actor::user(&user.id, &user.email),
            "auth.sign_in",
            Some(user.email.clone()),
            serde_json::json!({"address": addr}),
        )
        .await;
        if let Some(r) = req {
            r.set_cookies
                .lock()
                .push(session_cookie(ctx, &token, 14 * 24 * 3600));
        }
        Ok(LoginPayload {
            token,
            user: UserGql(user),
        })
    }

    /// Ends the current session and clears the cookie.
    async fn logout(&self, ctx: &Context<'_>) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx).auth.logout(&v.token).await.gql()?;
        if let Some(r) = request(ctx) {
            r.set_cookies.lock().push(session_cookie(ctx, "", 0));
        }
        Ok(true)
    }

    /// Changes the viewer's password and signs out their other sessions (this one stays
    /// signed in; API tokens stay valid until revoked).
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx)
            .auth
            .change_password(v.id(), current_password, new_password, &v.token)
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "user.password_change",
            Some(v.user.email.clone()),
            serde_json::Value::Null,
        )
        .await;
        Ok(true)
    }

    /// Saves the viewer's language for the web app.
    async fn set_language(&self, ctx: &Context<'_>, language: LanguageGql) -> Result<UserGql> {
        let v = viewer(ctx)?;
        let changes = UserChanges {
            language: Some(language.into()),
            ..Default::default()
        };
        Ok(UserGql(
            app(ctx).auth.update_user(v.id(), changes).await.gql()?,
        ))
    }

    /// Turns the bell for inbound WhatsApp messages on or off for the viewer.
    async fn set_message_alerts(&self, ctx: &Context<'_>, enabled: bool) -> Result<UserGql> {
        let v = viewer(ctx)?;
        let changes = UserChanges {
            message_alerts: Some(enabled),
            ..Default::default()
        };
        Ok(UserGql(
            app(ctx).auth.update_user(v.id(), changes).await.gql()?,
        ))
    }

    /// Closes (or with `dismissed: false` brings back) the start page's "what to try" panel
    /// for the viewer.
    async fn dismiss_welcome(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = true)] dismissed: bool,
    ) -> Result<UserGql> {
        let v = viewer(ctx)?;
        let changes = UserChanges {
            welcome_dismissed: Some(dismissed),
            ..Default::default()
        };
        Ok(UserGql(
            app(ctx).auth.update_user(v.id(), changes).await.gql()?,
        ))
    }

    /// Makes an API token for the viewer; the token is shown only in this answer.
    async fn create_api_token(&self, ctx: &Context<'_>, name: String) -> Result<CreatedApiToken> {
        let v = viewer(ctx)?;
        let (token, row) = app(ctx).auth.create_api_token(v.id(), &name).await.gql()?;
        Ok(CreatedApiToken {
            token,
            api_token: ApiTokenGql(row),
        })
    }

    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let v = viewer(ctx)?;
        app(ctx).auth.revoke_api_token(v.id(), &id).await.gql()?;
        Ok(true)
    }

    /// Marks the viewer's notifications read: the ones in `ids` (opening one marks it), or
    /// all of them when `ids` is left out. Ids that are not the viewer's are ignored.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        ids: Option<Vec<ID>>,
    ) -> Result<bool> {
        let v = viewer(ctx)?;
        let bell = &app(ctx).notifications;
        match ids {
            None => bell.mark_all_read(v.id()).await.gql()?,
            Some(ids) => {
                let ids = ids.into_iter().map(|id| id.0).collect();
                bell.mark_read(v.id(), ids).await.gql()?
            }
        }
        Ok(true)
    }
}
