//! A predefined text as stored (`predefined_texts` table).

use serde::{Deserialize, Serialize};

use crate::clock::Millis;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PredefinedText {
    pub id: String,
    pub name: String,
    /// Fixed once created: its merge fields belong to this module.
    pub module: String,
    pub text: String,
    pub created_by: String,
    pub created_at: Millis,
}
