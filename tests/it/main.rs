//! One integration-test binary: each test boots the real server on an ephemeral port with a
//! temporary data dir, and talks to it through its public surfaces.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;
mod whatsapp;

mod attachments;
mod auth;
mod automation;
mod binary;
mod broadcast;
mod cli;
mod conversation_list;
mod crash;
mod credits;
mod crm;
mod demo_seed;
mod graphql_limits;
mod inbound;
mod media_templates;
mod messages_module;
mod operations;
pub(crate) mod restart;
mod rich_messages;
mod saved_views;
mod schema;
mod sending;
mod setup;
mod shutdown;
mod simulator;
mod subscriptions;
mod web_assets;
mod workers;
