//! The GraphQL API (F29): thin resolvers over the domain services, guards, error codes.

mod account;
mod admin;
mod attachments;
mod automation;
mod broadcast;
mod credits;
mod crm;
mod home;
pub mod limits;
mod message;
mod message_list;
mod messaging;
mod operations;
mod page;
mod rich;
mod setup;
mod simulator;
mod subscription;
mod template_types;
mod types;

use std::sync::Arc;

use async_graphql::{ErrorExtensions, MergedObject, Schema};
use parking_lot::Mutex;

use crate::App;
use crate::auth::Viewer;
use crate::error::Error;

pub use page::{Page, decode_cursor};

#[derive(MergedObject, Default)]
pub struct Query(
    account::AccountQuery,
    admin::AdminQuery,
    attachments::AttachmentsQuery,
    automation::AutomationQuery,
    broadcast::BroadcastQuery,
    credits::CreditsQuery,
    crm::CrmQuery,
    crm::activities::ActivitiesQuery,
    crm::csv::CsvQuery,
    crm::documents::DocumentsQuery,
    home::HomeQuery,
    messaging::MessagingQuery,
    message_list::MessageListQuery,
    operations::OperationsQuery,
    setup::SetupQuery,
    simulator::SimulatorQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    account::AccountMutation,
    admin::AdminMutation,
    attachments::AttachmentsMutation,
    automation::AutomationMutation,
    broadcast::BroadcastMutation,
    credits::CreditsMutation,
    crm::CrmMutation,
    crm::activities::ActivitiesMutation,
    crm::csv::CsvMutation,
    crm::customization::CustomizationMutation,
    crm::documents::DocumentsMutation,
    messaging::MessagingMutation,
    message_list::MessageListMutation,
    operations::OperationsMutation,
    setup::SetupMutation,
    simulator::SimulatorMutation,
    simulator::SimulatorChaosMutation,
);

pub type AppSchema = Schema<Query, Mutation, subscription::Subscription>;

pub const MAX_DEPTH: usize = 16;
pub const MAX_COMPLEXITY: usize = 2500;

pub fn build_schema(app: Option<Arc<App>>) -> AppSchema {
    let mut b = Schema::build(
        Query::default(),
        Mutation::default(),
        subscription::Subscription,
    )
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    .limit_recursive_depth(64)
    .limit_directives(32);
    let max_response_bytes = app
        .as_ref()
        .map_or(limits::DEFAULT_MAX_RESPONSE_BYTES, |a| {
            a.config.max_response_bytes
        });
    b = b.extension(limits::Limits { max_response_bytes });
    if let Some(app) = app {
        b = b.data(app);
    }
    b.finish()
}

/// The SDL that `parley schema` prints and `schema/schema.graphql` holds.
pub fn sdl() -> String {
    build_schema(None).sdl()
}

/// Per-request facts the resolvers need beyond the app.
#[derive(Default)]
pub struct RequestCtx {
    pub viewer: Option<Viewer>,
    pub client_addr: String,
    /// `Set-Cookie` values the HTTP layer adds to the response (login, logout).
    pub set_cookies: Mutex<Vec<String>>,
}

pub(crate) fn app<'a>(ctx: &async_graphql::Context<'a>) -> &'a Arc<App> {
    ctx.data_unchecked::<Arc<App>>()
}

pub(crate) fn request<'a>(ctx: &async_graphql::Context<'a>) -> Option<&'a RequestCtx> {
    ctx.data_opt::<Arc<RequestCtx>>().map(|a| a.as_ref())
}

/// The signed-in viewer, or `UNAUTHENTICATED`.
pub(crate) fn viewer<'a>(ctx: &async_graphql::Context<'a>) -> async_graphql::Result<&'a Viewer> {
    request(ctx)
        .and_then(|r| r.viewer.as_ref())
        .ok_or_else(|| gql_error(&Error::Unauthenticated))
}

pub(crate) fn admin<'a>(ctx: &async_graphql::Context<'a>) -> async_graphql::Result<&'a Viewer> {
    let v = viewer(ctx)?;
    v.require_admin().map_err(|e| gql_error(&e))?;
    Ok(v)
}

/// A domain error as a GraphQL error with `extensions.code` and its details.
pub fn gql_error(e: &Error) -> async_graphql::Error {
    if e.code() == crate::error::Code::Internal {
        tracing::error!(error = %e, "internal error");
    }
    let message = if e.code() == crate::error::Code::Internal {
        crate::i18n::localize("internal error", crate::i18n::current())
    } else {
        e.localized(crate::i18n::current())
    };
    async_graphql::Error::new(message).extend_with(|_, ext| {
        ext.set("code", e.code().as_str());
        for (k, v) in e.extensions() {
            if let Ok(v) = async_graphql::Value::from_json(v) {
                ext.set(k, v);
            }
        }
    })
}

/// `?`-friendly conversion of domain results.
pub(crate) trait Gql<T> {
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> Gql<T> for Result<T, Error> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|e| gql_error(&e))
    }
}
