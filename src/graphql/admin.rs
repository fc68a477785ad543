//! Administration: users, roles and groups (administrators only; roles readable by all).

use async_graphql::{Context, ID, InputObject, Object, Result};

use super::page::{Page, paginate};
use super::types::{GroupGql, LanguageGql, RoleGql, UserGql};
use super::{Gql, admin, app, viewer};
use crate::auth::{NewUser, UserChanges};

#[derive(Default)]
pub struct AdminQuery;

#[Object]
impl AdminQuery {
    async fn users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> Result<Page<UserGql>> {
        admin(ctx)?;
        let all = app(ctx).auth.users().gql()?;
        Ok(paginate(all, first, after.as_deref(), UserGql))
    }

    async fn roles(&self, ctx: &Context<'_>) -> Result<Vec<RoleGql>> {
        viewer(ctx)?;
        Ok(app(ctx)
            .auth
            .roles()
            .gql()?
            .into_iter()
            .map(RoleGql)
            .collect())
    }

    async fn groups(&self, ctx: &Context<'_>) -> Result<Vec<GroupGql>> {
        admin(ctx)?;
        Ok(app(ctx)
            .auth
            .groups()
            .gql()?
            .into_iter()
            .map(GroupGql)
            .collect())
    }
}

#[derive(InputObject)]
pub struct CreateUserInput {
    email: String,
    name: String,
    password: String,
    is_admin: Option<bool>,
    role_id: Option<ID>,
    language: Option<LanguageGql>,
}

#[derive(InputObject)]
pub struct UpdateUserInput {
    name: Option<String>,
    is_admin: Option<bool>,
    /// Empty string clears the role.
    role_id: Option<ID>,
    active: Option<bool>,
}

#[derive(Default)]
pub struct AdminMutation;

#[Object]
impl AdminMutation {
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> Result<UserGql> {
        admin(ctx)?;
        let new = NewUser {
            email: input.email,
            name: input.name,
            password: input.password,
            is_admin: input.is_admin.unwrap_or(false),
            role_id: input.role_id.map(|r| r.0),
            language: input.language.map(Into::into).unwrap_or_default(),
        };
        let u = app(ctx).auth.create_user(new).await.gql()?;
        super::operations::audit(
            ctx,
            "user.create",
            Some(u.email.clone()),
            serde_json::json!({"userId": u.id, "isAdmin": u.is_admin, "roleId": u.role_id}),
        )
        .await;
        Ok(UserGql(u))
    }

    async fn update_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateUserInput,
    ) -> Result<UserGql> {
        let me = admin(ctx)?;
        if me.id() == id.as_str() && (input.is_admin == Some(false) || input.active == Some(false))
        {
            return Err(super::gql_error(&crate::error::Error::Conflict(
                "you cannot remove your own administrator rights or deactivate yourself".into(),
            )));
        }
        let detail = serde_json::json!({"userId": id.as_str(), "name": input.name, "isAdmin": input.is_admin, "roleId": input.role_id.as_ref().map(|r| r.as_str()), "active": input.active});
        let changes = UserChanges {
            name: input.name,
            is_admin: input.is_admin,
            role_id: input.role_id.map(|r| Some(r.0).filter(|s| !s.is_empty())),
            active: input.active,
            language: None,
            message_alerts: None,
            welcome_dismissed: None,
        };
        let u = app(ctx).auth.update_user(&id, changes).await.gql()?;
        super::operations::audit(ctx, "user.update", Some(u.email.clone()), detail).await;
        Ok(UserGql(u))
    }

    async fn create_role(
        &self,
        ctx: &Context<'_>,
        name: String,
        parent_id: Option<ID>,
    ) -> Result<RoleGql> {
        admin(ctx)?;
        let r = app(ctx)
            .auth
            .create_role(&name, parent_id.map(|p| p.0))
            .await
            .gql()?;
        super::operations::audit(
            ctx,
            "role.create",
            Some(r.name.clone()),
            serde_json::json!({"roleId": r.id, "parentId": r.parent_id}),
        )
        .await;
        Ok(RoleGql(r))
    }

    async fn delete_role(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        admin(ctx)?;
        app(ctx).auth.delete_role(&id).await.gql()?;
        super::operations::audit(
            ctx,
            "role.delete",
            Some(id.to_string()),
            serde_json::Value::Null,
        )
        .await;
        Ok(true)
    }

    /// Creates a group; its members are notified.
    async fn create_group(
        &self,
        ctx: &Context<'_>,
        name: String,
        member_ids: Vec<ID>,
    ) -> Result<GroupGql> {
        admin(ctx)?;
        let members = member_ids.into_iter().map(|m| m.0).collect();
        let g = app(ctx).auth.create_group(&name, members).await.gql()?;
        super::operations::audit(
            ctx,
            "group.create",
            Some(g.name.clone()),
            serde_json::json!({"groupId": g.id}),
        )
        .await;
        Ok(GroupGql(g))
    }

    /// Replaces a group's members; new members are notified.
    async fn set_group_members(
        &self,
        ctx: &Context<'_>,
        id: ID,
        member_ids: Vec<ID>,
    ) -> Result<GroupGql> {
        admin(ctx)?;
        let members = member_ids.into_iter().map(|m| m.0).collect();
        let g = app(ctx).auth.set_group_members(&id, members).await.gql()?;
        super::operations::audit(
            ctx,
            "group.members",
            Some(g.name.clone()),
            serde_json::json!({"groupId": g.id}),
        )
        .await;
        Ok(GroupGql(g))
    }

    async fn delete_group(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        admin(ctx)?;
        app(ctx).auth.delete_group(&id).await.gql()?;
        super::operations::audit(
            ctx,
            "group.delete",
            Some(id.to_string()),
            serde_json::Value::Null,
        )
        .await;
        Ok(true)
    }
}
