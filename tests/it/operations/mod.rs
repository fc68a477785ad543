//! Operations (N7, N11, N12): backup and restore, the audit log, outgoing webhooks.

mod audit;
mod backup;
mod webhooks;
