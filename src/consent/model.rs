//! Stored forms of consent (N8): a record's opt-out state with its history, and the keyword list.

use serde::{Deserialize, Serialize};

pub type Millis = i64;

/// How many consent events a record keeps (oldest dropped first).
pub const MAX_EVENTS: usize = 50;

/// The source of a keyword event (an inbound message): it opts out of (or back into) every
/// template.
pub const SOURCE_KEYWORD: &str = "keyword";
/// The source of Meta's `user_preferences` webhook: a marketing opt-out (or its resume).
pub const SOURCE_USER_PREFERENCES: &str = "user_preferences";

/// A record's consent. The two opt-outs are independent: a keyword (STOP …) refuses every
/// template and is lifted by an opt-in keyword; Meta's `user_preferences` stop refuses marketing
/// templates only and is lifted by its `resume`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "StoredConsentRow")]
pub struct ConsentRow {
    /// Opted out of every template (a keyword).
    pub opted_out: bool,
    /// Opted out of marketing templates (Meta's `user_preferences`).
    pub marketing_opted_out: bool,
    /// Oldest first, at most [`MAX_EVENTS`].
    pub events: Vec<ConsentEvent>,
}

/// Which templates an opt-out refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptOut {
    /// Every template (a keyword).
    All,
    /// Marketing templates (Meta's marketing opt-out).
    Marketing,
}

impl OptOut {
    /// The broadcast skip reason.
    pub fn reason(self) -> &'static str {
        match self {
            OptOut::All => "opted out",
            OptOut::Marketing => "opted out of marketing",
        }
    }
}

impl ConsentRow {
    /// Whether any opt-out is in force (some templates are refused).
    pub fn any(&self) -> bool {
        self.opted_out || self.marketing_opted_out
    }

    /// The widest opt-out in force.
    pub fn scope(&self) -> Option<OptOut> {
        if self.opted_out {
            Some(OptOut::All)
        } else if self.marketing_opted_out {
            Some(OptOut::Marketing)
        } else {
            None
        }
    }

    /// Why a template (marketing or not) may not go to this record, if it may not.
    pub fn refuses(&self, marketing: bool) -> Option<OptOut> {
        match self.scope() {
            Some(OptOut::Marketing) if !marketing => None,
            s => s,
        }
    }
}

/// The stored form as read: rows written before the marketing distinction have no
/// `marketing_opted_out`, and their one flag may have come from Meta's marketing webhook.
#[derive(Deserialize)]
struct StoredConsentRow {
    opted_out: bool,
    #[serde(default)]
    marketing_opted_out: Option<bool>,
    #[serde(default)]
    events: Vec<ConsentEvent>,
}

impl From<StoredConsentRow> for ConsentRow {
    fn from(s: StoredConsentRow) -> Self {
        let (opted_out, marketing_opted_out) = match s.marketing_opted_out {
            Some(m) => (s.opted_out, m),
            // An older row: each flag is what the newest event of its source said.
            None => {
                let last = |src: &str| {
                    s.events
                        .iter()
                        .rev()
                        .find(|e| e.source == src)
                        .is_some_and(|e| e.opted_out)
                };
                if s.events.is_empty() {
                    (s.opted_out, false)
                } else {
                    (last(SOURCE_KEYWORD), last(SOURCE_USER_PREFERENCES))
                }
            }
        };
        ConsentRow {
            opted_out,
            marketing_opted_out,
            events: s.events,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub at: Millis,
    pub opted_out: bool,
    /// `keyword` (an inbound message), `user_preferences` (Meta's webhook).
    pub source: String,
    /// The inbound message that said it, for keywords.
    pub message_id: Option<String>,
    /// The keyword, or Meta's detail text.
    pub text: Option<String>,
}

impl ConsentEvent {
    /// What the event opted out of (or back into).
    pub fn scope(&self) -> OptOut {
        if self.source == SOURCE_USER_PREFERENCES {
            OptOut::Marketing
        } else {
            OptOut::All
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Keywords {
    pub opt_out: Vec<String>,
    pub opt_in: Vec<String>,
}

impl Default for Keywords {
    fn default() -> Self {
        Self {
            opt_out: ["STOP", "STOPP", "ABMELDEN", "ABBESTELLEN", "UNSUBSCRIBE"]
                .map(String::from)
                .to_vec(),
            opt_in: ["START", "ANMELDEN"].map(String::from).to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_from_before_the_marketing_flag_decode_by_their_events() {
        let old = r#"{"opted_out":true,"events":[
            {"at":1,"opted_out":true,"source":"keyword","message_id":"m","text":"STOP"},
            {"at":2,"opted_out":false,"source":"keyword","message_id":"n","text":"START"},
            {"at":3,"opted_out":true,"source":"user_preferences","message_id":null,"text":"x"}]}"#;
        let r: ConsentRow = serde_json::from_str(old).unwrap();
        assert!(!r.opted_out);
        assert!(r.marketing_opted_out);
        assert_eq!(r.refuses(false), None);
        assert_eq!(r.refuses(true), Some(OptOut::Marketing));
        let kw = r#"{"opted_out":true,"events":[
            {"at":1,"opted_out":true,"source":"keyword","message_id":"m","text":"STOP"}]}"#;
        let r: ConsentRow = serde_json::from_str(kw).unwrap();
        assert_eq!(r.refuses(false), Some(OptOut::All));
        // Written now, read back as written.
        let again: ConsentRow = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert!(again.opted_out && !again.marketing_opted_out);
        let both = ConsentRow {
            opted_out: true,
            marketing_opted_out: true,
            events: vec![],
        };
        let again: ConsentRow =
            serde_json::from_str(&serde_json::to_string(&both).unwrap()).unwrap();
        assert!(again.opted_out && again.marketing_opted_out);
        assert_eq!(again.refuses(true), Some(OptOut::All));
    }
}
