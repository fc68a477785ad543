//! Every redb table, in one place. Keys are documented beside each definition; values are JSON
//! ([`Json`]) unless they are plain ids.

use redb::TableDefinition;

use super::json::Json;
use crate::auth::model::{ApiTokenRow, Group, Role, SessionRow, User};
use crate::crm::model::{CustomField, RecordRow};
use crate::events::Event;
use crate::jobs::model::JobRow;
use crate::messaging::model::{
    Account, Conversation, Message, MessageView, OutboxEntry, PendingStatus, Profile,
};
use crate::notify::model::Notification;
use crate::predefined::model::PredefinedText;
use crate::templates::model::Template;

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
/// (module, modified at, record id) → owner id. Serves the default list order (newest change
/// first) and its visibility filter without decoding records.
pub const RECORDS_BY_MODIFIED: TableDefinition<(&str, i64, &str), &str> =
    TableDefinition::new("records_by_modified");
/// (module, field api name, sort key, record id) → owner id: every stored value of every record,
/// in list order (`store::record_index::sort_key`, cut to [`super::record_index::SORT_KEY_BYTES`]).
/// Serves lists sorted by a field without decoding the module.
pub const RECORDS_BY_FIELD: TableDefinition<(&str, &str, &str, &str), &str> =
    TableDefinition::new("records_by_field");
/// (module, field api name, owner id) → how many of the owner's records have a value for the
/// field: a sorted list knows from it whether every visible record is in the field index.
pub const FIELD_COUNTS: TableDefinition<(&str, &str, &str), u64> =
    TableDefinition::new("record_field_counts");
/// (module, owner id) → how many records of the module the user owns. Counts a list's total
/// without reading the list.
pub const RECORD_COUNTS: TableDefinition<(&str, &str), u64> = TableDefinition::new("record_counts");
/// (E.164 number, module, record id) → (). Matches inbound senders to records.
pub const PHONE_INDEX: TableDefinition<(&str, &str, &str), ()> =
    TableDefinition::new("phone_index");
/// (module, field api name) → custom field definition.
pub const CUSTOM_FIELDS: TableDefinition<(&str, &str), Json<CustomField>> =
    TableDefinition::new("custom_fields");

/// `"whatsapp"` → the connected WhatsApp Business account (credentials sealed).
pub const ACCOUNTS: TableDefinition<&str, Json<Account>> = TableDefinition::new("wa_accounts");
/// profile id → WhatsApp profile (a number linked to the CRM).
pub const PROFILES: TableDefinition<&str, Json<Profile>> = TableDefinition::new("wa_profiles");
/// arrival sequence → raw webhook delivery, until processed (the durable inbox).
pub const INBOX: TableDefinition<u64, &str> = TableDefinition::new("inbox");
/// conversation id → conversation.
pub const CONVERSATIONS: TableDefinition<&str, Json<Conversation>> =
    TableDefinition::new("conversations");
/// (profile id, customer wa_id) → conversation id.
pub const CONV_BY_CUSTOMER: TableDefinition<(&str, &str), &str> =
    TableDefinition::new("conv_by_customer");
/// (-last activity, conversation id) → (record owner, profile id, module, record id), `""` where
/// there is none. The conversation list, newest activity first (ties by id), filtered and
/// checked for visibility without decoding conversations. See `store::conversation_index`.
pub const CONV_BY_ACTIVITY: TableDefinition<(i64, &str), (&str, &str, &str, &str)> =
    TableDefinition::new("conv_by_activity");
/// (module, record id, conversation id) → the conversation's last activity: a record's
/// conversations (its owner changing moves them in the list's visibility).
pub const CONV_BY_RECORD: TableDefinition<(&str, &str, &str), i64> =
    TableDefinition::new("conv_by_record");
/// record owner id (`""`: no record) → how many conversations hang on that owner's records.
/// Counts the list's total without reading it.
pub const CONV_COUNTS: TableDefinition<&str, u64> = TableDefinition::new("conv_counts");
/// message id → message. Ids are time-ordered, so this table is chronological.
pub const MESSAGES: TableDefinition<&str, Json<Message>> = TableDefinition::new("messages");
/// wamid → message id (dedupe of inbound deliveries, status matching).
pub const MSG_BY_WAMID: TableDefinition<&str, &str> = TableDefinition::new("msg_by_wamid");
/// (conversation id, message id) → ().
pub const MSG_BY_CONV: TableDefinition<(&str, &str), ()> = TableDefinition::new("msg_by_conv");
/// wamid → statuses that arrived before their message was known.
pub const PENDING_STATUS: TableDefinition<&str, Json<Vec<PendingStatus>>> =
    TableDefinition::new("pending_status");
/// message id → outbound work not yet handed to the Cloud API.
pub const OUTBOX: TableDefinition<&str, Json<OutboxEntry>> = TableDefinition::new("outbox");
/// view id → saved Messages-module view (filter set).
pub const MESSAGE_VIEWS: TableDefinition<&str, Json<MessageView>> =
    TableDefinition::new("message_views");
/// template id → template.
pub const TEMPLATES: TableDefinition<&str, Json<Template>> = TableDefinition::new("templates");
/// predefined text id → predefined text.
pub const PREDEFINED: TableDefinition<&str, Json<PredefinedText>> =
    TableDefinition::new("predefined_texts");

/// custom module api name → custom module (its fields are in `custom_fields`).
pub const CUSTOM_MODULES: TableDefinition<&str, Json<crate::crm::model::CustomModule>> =
    TableDefinition::new("custom_modules");
/// activity id → activity (task, meeting or call) on a record.
pub const ACTIVITIES: TableDefinition<&str, Json<crate::crm::model::Activity>> =
    TableDefinition::new("activities");
/// (module, record id, activity id) → (). A record's activities, oldest first.
pub const ACTIVITIES_BY_RECORD: TableDefinition<(&str, &str, &str), ()> =
    TableDefinition::new("activities_by_record");
/// (module, record id, document id) → generated document (its PDF is a blob named by sha256).
pub const DOCUMENTS: TableDefinition<(&str, &str, &str), Json<crate::crm::model::DocumentRow>> =
    TableDefinition::new("documents");

/// (due at, job id) → a job waiting to run (or running). See `jobs`.
pub const JOBS: TableDefinition<(i64, &str), Json<JobRow>> = TableDefinition::new("jobs");
/// idempotency key → (due at, job id) of the waiting job that holds it.
pub const JOB_KEYS: TableDefinition<&str, (i64, &str)> = TableDefinition::new("job_keys");
/// (failed at, job id) → a job that gave up, with its last error (pruned after retention).
pub const JOBS_FAILED: TableDefinition<(i64, &str), Json<JobRow>> =
    TableDefinition::new("jobs_failed");
/// time → the change log's last sequence then. Pruning reads the change log's age from here
/// (the log's entries carry no time).
pub const CHANGELOG_MARKS: TableDefinition<i64, u64> = TableDefinition::new("changelog_marks");
/// `"wallet"` → the organisation's credit wallet (balance = sum of `ledger`).
pub const WALLET: TableDefinition<&str, Json<crate::credits::model::WalletRow>> =
    TableDefinition::new("credit_wallet");
/// ledger entry id (time-ordered) → entry. Append-only.
pub const LEDGER: TableDefinition<&str, Json<crate::credits::model::LedgerEntry>> =
    TableDefinition::new("credit_ledger");
/// message id → the price held (then charged or released) for that send.
pub const HOLDS: TableDefinition<&str, Json<crate::credits::model::HoldRow>> =
    TableDefinition::new("credit_holds");
/// payment id → payment (gateway reference only; never card data).
pub const PAYMENTS: TableDefinition<&str, Json<crate::credits::model::PaymentRow>> =
    TableDefinition::new("credit_payments");
/// payment id → () for auto-recharges recorded but not yet charged at the gateway.
pub const PAYMENTS_DUE: TableDefinition<&str, ()> = TableDefinition::new("credit_payments_due");
/// rate card id (time-ordered) → the whole card; the history of installed cards.
pub const RATE_CARDS: TableDefinition<&str, Json<crate::credits::model::RateCardRow>> =
    TableDefinition::new("credit_rate_cards");
/// (market, currency) → rates of the current card.
pub const RATES: TableDefinition<(&str, &str), Json<crate::credits::model::MarketRates>> =
    TableDefinition::new("credit_rates");
/// ISO country → pricing market.
pub const MARKETS: TableDefinition<&str, &str> = TableDefinition::new("credit_markets");
/// (profile id, customer wa_id) → when the customer's last click-to-WhatsApp referral arrived.
pub const FREE_ENTRY: TableDefinition<(&str, &str), i64> =
    TableDefinition::new("credit_free_entry");
/// (profile id, customer wa_id, category) → the open per-conversation (CBP) window.
pub const CBP_WINDOWS: TableDefinition<(&str, &str, &str), Json<crate::credits::model::CbpWindow>> =
    TableDefinition::new("credit_cbp_windows");

/// (module, rule id) → workflow rule (F11).
pub const AUTO_RULES: TableDefinition<(&str, &str), Json<crate::automation::model::RuleRow>> =
    TableDefinition::new("auto_rules");
/// (module, blueprint id) → blueprint (F12).
pub const AUTO_BLUEPRINTS: TableDefinition<
    (&str, &str),
    Json<crate::automation::model::BlueprintRow>,
> = TableDefinition::new("auto_blueprints");
/// (module, journey id) → journey (F13) with its counts.
pub const AUTO_JOURNEYS: TableDefinition<(&str, &str), Json<crate::automation::model::JourneyRow>> =
    TableDefinition::new("auto_journeys");
/// (journey id, record id) → the record's one enrollment in the journey.
pub const AUTO_ENROLLMENTS: TableDefinition<
    (&str, &str),
    Json<crate::automation::model::Enrollment>,
> = TableDefinition::new("auto_enrollments");
/// (record id, journey id) → (). A record's enrollments (a reply moves waiting ones on).
pub const AUTO_ENROLL_BY_RECORD: TableDefinition<(&str, &str), ()> =
    TableDefinition::new("auto_enroll_by_record");
/// (rule, blueprint or journey id, run id) → a run; the newest 100 per owner are kept.
pub const AUTO_RUNS: TableDefinition<(&str, &str), Json<crate::automation::model::RunRow>> =
    TableDefinition::new("auto_runs");
/// audit entry id (time-ordered) → entry. Append-only: the API has no way to change or delete
/// one; only the retention rule (`retention_audit_days`) removes the oldest.
pub const AUDIT: TableDefinition<&str, Json<crate::audit::model::AuditEntry>> =
    TableDefinition::new("audit_log");
/// subscription id → outgoing webhook subscription.
pub const WEBHOOK_SUBS: TableDefinition<&str, Json<crate::webhooks::model::Subscription>> =
    TableDefinition::new("webhook_subscriptions");
/// (subscription id, delivery id) → delivery with its attempts (the delivery log).
pub const WEBHOOK_DELIVERIES: TableDefinition<
    (&str, &str),
    Json<crate::webhooks::model::Delivery>,
> = TableDefinition::new("webhook_deliveries");
/// (module, record id) → the record's WhatsApp consent (opt-out state and its history).
pub const CONSENT: TableDefinition<(&str, &str), Json<crate::consent::model::ConsentRow>> =
    TableDefinition::new("consent");
/// `"keywords"` → the opt-out / opt-in keyword lists (defaults when absent).
pub const CONSENT_KEYWORDS: TableDefinition<&str, Json<crate::consent::model::Keywords>> =
    TableDefinition::new("consent_keywords");
/// broadcast id (time-ordered) → broadcast with its counters.
pub const BROADCASTS: TableDefinition<&str, Json<crate::broadcast::model::BroadcastRow>> =
    TableDefinition::new("broadcasts");
/// (broadcast id, position) → one recipient and its state.
pub const BROADCAST_RECIPIENTS: TableDefinition<
    (&str, u32),
    Json<crate::broadcast::model::RecipientRow>,
> = TableDefinition::new("broadcast_recipients");
/// message id → (broadcast id, position) of the recipient it was sent to.
pub const BROADCAST_BY_MESSAGE: TableDefinition<&str, (&str, u32)> =
    TableDefinition::new("broadcast_by_message");
/// (profile id, customer wa_id) → when a template last went to them outside their window
/// (the messaging-limit tier counts unique customers over 24 h; older rows are pruned).
pub const TIER_CONTACTS: TableDefinition<(&str, &str), i64> = TableDefinition::new("tier_contacts");
/// upload id (time-ordered) → a file received by `POST /uploads`, staged until it expires.
pub const UPLOADS: TableDefinition<&str, Json<crate::attachments::model::UploadRow>> =
    TableDefinition::new("uploads");
/// document id → (module, record id): finds a generated document by its id alone.
pub const DOCUMENT_IDS: TableDefinition<&str, (&str, &str)> = TableDefinition::new("document_ids");
/// `company` → the company named in every document's header (Settings → Company).
pub const COMPANY: TableDefinition<&str, Json<crate::crm::model::CompanySettings>> =
    TableDefinition::new("company_settings");
