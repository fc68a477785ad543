//! Every redb table, in one place. Keys are documented beside each definition; values are JSON
//! ([`Json`]) unless they are plain ids.

use redb::TableDefinition;

use super::json::Json;
use crate::auth::model::{ApiTokenRow, Group, Role, SessionRow, User};
use crate::crm::model::{CustomField, RecordRow};
use crate::events::Event;
use crate::notify::Notification;

/// `"schema_version"` → version number.
pub const META: TableDefinition<&str, u64> = TableDefinition::new("meta");
/// change sequence → the event committed with it. Derived state replays from here.
pub const CHANGELOG: TableDefinition<u64, Json<Event>> = TableDefinition::new("changelog");

/// user id → user.
pub const USERS: TableDefinition<&str, Json<User>> = TableDefinition::new("users");
/// lower-cased email → user id (emails are unique, case-insensitively).
pub const USER_EMAILS: TableDefinition<&str, &str> = TableDefinition::new("user_emails");
/// sha256(session token) → session.
pub const SESSIONS: TableDefinition<&str, Json<SessionRow>> = TableDefinition::new("sessions");
/// sha256(api token) → token.
pub const API_TOKENS: TableDefinition<&str, Json<ApiTokenRow>> = TableDefinition::new("api_tokens");
/// role id → role.
pub const ROLES: TableDefinition<&str, Json<Role>> = TableDefinition::new("roles");
/// group id → group.
pub const GROUPS: TableDefinition<&str, Json<Group>> = TableDefinition::new("groups");
/// (user id, notification id) → notification.
pub const NOTIFICATIONS: TableDefinition<(&str, &str), Json<Notification>> =
    TableDefinition::new("notifications");

/// (module, record id) → record.
pub const RECORDS: TableDefinition<(&str, &str), Json<RecordRow>> = TableDefinition::new("records");
/// (E.164 number, module, record id) → (). Matches inbound senders to records.
pub const PHONE_INDEX: TableDefinition<(&str, &str, &str), ()> =
    TableDefinition::new("phone_index");
/// (module, field api name) → custom field definition.
pub const CUSTOM_FIELDS: TableDefinition<(&str, &str), Json<CustomField>> =
    TableDefinition::new("custom_fields");
