//! Messaging channels. WhatsApp (Meta's Cloud API) is the one shipped; the message model leaves
//! room for more providers.

pub mod whatsapp;
