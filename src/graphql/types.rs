//! GraphQL object types wrapping the domain's stored shapes.

use async_graphql::{ComplexObject, Context, Enum, ID, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

use super::{Gql, app, viewer};
use crate::auth::model::{self, ApiTokenRow};
use crate::clock::to_datetime;
use crate::crm::lookups::Lookup;
use crate::crm::model::{FieldDef, FieldType as FT, ModuleDef, RecordRow};
use crate::notify;

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "Language", remote = "model::Language")]
pub enum LanguageGql {
    En,
    De,
}

pub struct UserGql(pub model::User);

#[Object(name = "User")]
impl UserGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn email(&self) -> &str {
        &self.0.email
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn is_admin(&self) -> bool {
        self.0.is_admin
    }
    /// Whether inbound WhatsApp messages ring this user's bell.
    async fn message_alerts(&self) -> bool {
        self.0.message_alerts
    }
    /// Whether the user closed the start page's "what to try" panel.
    async fn welcome_dismissed(&self) -> bool {
        self.0.welcome_dismissed
    }
    async fn language(&self) -> LanguageGql {
        self.0.language.into()
    }
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.created_at)
    }
    async fn role(&self, ctx: &Context<'_>) -> Result<Option<RoleGql>> {
        let Some(r) = &self.0.role_id else {
            return Ok(None);
        };
        Ok(app(ctx).auth.role(r).gql()?.map(RoleGql))
    }
}

pub struct RoleGql(pub model::Role);

#[Object(name = "Role")]
impl RoleGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn parent_id(&self) -> Option<ID> {
        self.0.parent_id.clone().map(ID)
    }
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<RoleGql>> {
        let Some(p) = &self.0.parent_id else {
            return Ok(None);
        };
        Ok(app(ctx).auth.role(p).gql()?.map(RoleGql))
    }
}

pub struct GroupGql(pub model::Group);

#[Object(name = "Group")]
impl GroupGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn members(&self, ctx: &Context<'_>) -> Result<Vec<UserGql>> {
        let auth = &app(ctx).auth;
        let mut out = vec![];
        for id in &self.0.member_ids {
            if let Some(u) = auth.user(id).gql()? {
                out.push(UserGql(u));
            }
        }
        Ok(out)
    }
}

pub struct ApiTokenGql(pub ApiTokenRow);

#[Object(name = "ApiToken")]
impl ApiTokenGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.created_at)
    }
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at.map(to_datetime)
    }
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at.map(to_datetime)
    }
}

#[derive(SimpleObject)]
#[graphql(name = "CreatedApiToken")]
pub struct CreatedApiToken {
    /// Shown once; only its hash is stored.
    pub token: String,
    pub api_token: ApiTokenGql,
}

#[derive(SimpleObject)]
#[graphql(name = "LoginPayload")]
pub struct LoginPayload {
    pub token: String,
    pub user: UserGql,
}

pub struct NotificationGql(pub notify::Notification);

#[Object(name = "Notification")]
impl NotificationGql {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn link(&self) -> Option<&str> {
        self.0.link.as_deref()
    }
    async fn read(&self) -> bool {
        self.0.read
    }
    async fn created_at(&self) -> DateTime<Utc> {
        to_datetime(self.0.created_at)
    }
}

#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FieldType", remote = "FT")]
pub enum FieldTypeGql {
    Text,
    Multiline,
    Email,
    Phone,
    Picklist,
    Number,
    Currency,
    Date,
    #[graphql(name = "DATETIME")]
    DateTime,
    Boolean,
    Lookup,
    Owner,
    LineItems,
}

#[derive(SimpleObject)]
#[graphql(name = "Field")]
pub struct FieldGql {
    api_name: String,
    label: String,
    label_de: String,
    field_type: FieldTypeGql,
    required: bool,
    options: Vec<String>,
    /// The options' German labels, by position (as `options` where none was given).
    options_de: Vec<String>,
    lookup_module: Option<String>,
    custom: bool,
}

impl From<FieldDef> for FieldGql {
    fn from(f: FieldDef) -> Self {
        Self {
            api_name: f.api_name,
            label: f.label,
            label_de: f.label_de,
            field_type: f.field_type.into(),
            required: f.required,
            options_de: (0..f.options.len())
                .map(|i| f.options_de.get(i).unwrap_or(&f.options[i]).clone())
                .collect(),
            options: f.options,
            lookup_module: f.lookup_module,
            custom: f.custom,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Module")]
pub struct ModuleGql {
    api_name: String,
    label: String,
    label_de: String,
    fields: Vec<FieldGql>,
    custom: bool,
}

impl From<ModuleDef> for ModuleGql {
    fn from(m: ModuleDef) -> Self {
        Self {
            api_name: m.api_name,
            label: m.label,
            label_de: m.label_de,
            fields: m.fields.into_iter().map(Into::into).collect(),
            custom: m.custom,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Record", complex)]
pub struct RecordGql {
    id: ID,
    module: String,
    /// Values keyed by field API name.
    values: Json<serde_json::Map<String, serde_json::Value>>,
    display_name: String,
    created_at: DateTime<Utc>,
    modified_at: DateTime<Utc>,
    #[graphql(skip)]
    owner_id: String,
    /// Lookups named for the whole page by the list that made this record (see `lookups`).
    #[graphql(skip)]
    named: Option<Vec<Lookup>>,
    #[graphql(skip)]
    row: RecordRow,
}

/// A lookup value with the linked record's name.
#[derive(SimpleObject)]
#[graphql(name = "LookupValue")]
pub struct LookupGql {
    /// The lookup field's API name.
    field: String,
    /// The linked record's module.
    module: String,
    /// The linked record's id (what `values` holds).
    id: ID,
    /// The linked record's name; null when it does not exist or the viewer may not see it.
    name: Option<String>,
}

impl From<Lookup> for LookupGql {
    fn from(l: Lookup) -> Self {
        Self {
            field: l.field,
            module: l.module,
            id: ID(l.id),
            name: l.name,
        }
    }
}

impl RecordGql {
    /// Records of one page with their lookups named in one go.
    pub fn page(ctx: &Context<'_>, rows: Vec<RecordRow>) -> Result<Vec<RecordGql>> {
        let v = viewer(ctx)?;
        let named = app(ctx).crm.lookups(v, &rows).gql()?;
        Ok(rows
            .into_iter()
            .zip(named)
            .map(|(r, n)| {
                let mut g = RecordGql::from(r);
                g.named = Some(n);
                g
            })
            .collect())
    }
}

impl From<RecordRow> for RecordGql {
    fn from(r: RecordRow) -> Self {
        Self {
            id: ID(r.id.clone()),
            module: r.module.clone(),
            display_name: r.display_name(),
            created_at: to_datetime(r.created_at),
            modified_at: to_datetime(r.modified_at),
            owner_id: r.owner_id.clone(),
            values: Json(r.values.clone()),
            named: None,
            row: r,
        }
    }
}

#[ComplexObject]
impl RecordGql {
    /// The record's lookup values with the linked records' names (for the viewer: a record
    /// they may not see has no name). Lists name a whole page in one read.
    async fn lookups(&self, ctx: &Context<'_>) -> Result<Vec<LookupGql>> {
        let named = match &self.named {
            Some(n) => n.clone(),
            None => {
                let v = viewer(ctx)?;
                app(ctx)
                    .crm
                    .lookups(v, std::slice::from_ref(&self.row))
                    .gql()?
                    .pop()
                    .unwrap_or_default()
            }
        };
        Ok(named.into_iter().map(Into::into).collect())
    }
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<UserGql>> {
        viewer(ctx)?;
        Ok(app(ctx).auth.user(&self.owner_id).gql()?.map(UserGql))
    }
    /// Whether the customer opted out (N8): of every template (a keyword), or of marketing
    /// templates (Meta's marketing opt-out); `consent.scope` says which.
    async fn whatsapp_opt_out(&self, ctx: &Context<'_>) -> Result<bool> {
        viewer(ctx)?;
        Ok(app(ctx).consent.state(&self.module, &self.id).gql()?.any())
    }
    /// The consent state and its history (newest first).
    async fn consent(&self, ctx: &Context<'_>) -> Result<ConsentGql> {
        viewer(ctx)?;
        let row = app(ctx).consent.state(&self.module, &self.id).gql()?;
        Ok(ConsentGql {
            opted_out: row.any(),
            scope: ConsentScope::of(row.scope()),
            keyword_opted_out: row.opted_out,
            marketing_opted_out: row.marketing_opted_out,
            events: row
                .events
                .into_iter()
                .rev()
                .map(|e| ConsentEventGql {
                    at: crate::clock::to_datetime(e.at),
                    opted_out: e.opted_out,
                    scope: ConsentScope::of(Some(e.scope())),
                    source: e.source,
                    message_id: e.message_id.map(ID),
                    text: e.text,
                })
                .collect(),
        })
    }
}

/// Which templates an opt-out refuses.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum ConsentScope {
    /// None: every template may go.
    None,
    /// Marketing templates (Meta's marketing opt-out); utility templates still go.
    Marketing,
    /// Every template (an opt-out keyword).
    All,
}

impl ConsentScope {
    fn of(s: Option<crate::consent::OptOut>) -> Self {
        match s {
            None => ConsentScope::None,
            Some(crate::consent::OptOut::Marketing) => ConsentScope::Marketing,
            Some(crate::consent::OptOut::All) => ConsentScope::All,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Consent")]
pub struct ConsentGql {
    /// Any opt-out in force (some templates are refused).
    opted_out: bool,
    /// The widest opt-out in force.
    scope: ConsentScope,
    /// Opted out of every template by a keyword (lifted by an opt-in keyword).
    keyword_opted_out: bool,
    /// Opted out of marketing in WhatsApp (Meta's `user_preferences`, lifted by its resume).
    marketing_opted_out: bool,
    events: Vec<ConsentEventGql>,
}

#[derive(SimpleObject)]
#[graphql(name = "ConsentEvent")]
pub struct ConsentEventGql {
    at: DateTime<Utc>,
    opted_out: bool,
    /// What the event opted out of (or back into): ALL for a keyword, MARKETING for Meta's.
    scope: ConsentScope,
    /// `keyword` (the customer wrote a keyword) or `user_preferences` (Meta's marketing opt-out
    /// webhook).
    source: String,
    /// The inbound message that carried the keyword.
    message_id: Option<ID>,
    /// The keyword, or Meta's detail.
    text: Option<String>,
}
