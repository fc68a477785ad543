//! One integration-test binary: each test boots the real server on an ephemeral port with a
//! temporary data dir, and talks to it through its public surfaces.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod auth;
mod cli;
mod crm;
mod graphql_limits;
mod schema;
mod subscriptions;
