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
        Ok(UserGql(app(ctx).auth.create_user(new).await.gql()?))
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
        let changes = UserChanges {
            name: input.name,
            is_admin: input.is_admin,
            role_id: input.role_id.map(|r| Some(r.0).filter(|s| !s.is_empty())),
            active: input.active,
            language: None,
            message_alerts: None,
        };
        Ok(UserGql(
            app(ctx).auth.update_user(&id, changes).await.gql()?,
        ))
    }

    async fn create_role(
        &self,
        ctx: &Context<'_>,
        name: String,
        parent_id: Option<ID>,
    ) -> Result<RoleGql> {
        admin(ctx)?;
        Ok(RoleGql(
            app(ctx)
                .auth
                .create_role(&name, parent_id.map(|p| p.0))
                .await
                .gql()?,
        ))
    }

    async fn delete_role(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        admin(ctx)?;
        app(ctx).auth.delete_role(&id).await.gql()?;
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
        Ok(GroupGql(
            app(ctx).auth.create_group(&name, members).await.gql()?,
        ))
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
        Ok(GroupGql(
            app(ctx).auth.set_group_members(&id, members).await.gql()?,
        ))
    }

    async fn delete_group(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        admin(ctx)?;
        app(ctx).auth.delete_group(&id).await.gql()?;
        Ok(true)
    }
}
