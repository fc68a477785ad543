//! Template review: the asynchronous decision whose rules are listed in the module docs of
//! [`super`], its status webhooks, and the controls that decide at once or force a status.

use std::sync::Arc;

use serde_json::{Value, json};

use super::Shared;
use super::errors::SandboxError;
use super::state::Template;
use super::validate::placeholders;

const ABUSIVE: &[&str] = &[
    "idiot",
    "stupid",
    "moron",
    "loser",
    "bastard",
    "scum",
    "arschloch",
    "vollidiot",
    "scheisse",
    "scheiße",
];
/// Words that make a UTILITY template promotional. Like Meta, ordinary business words are not
/// on it: "Angebot" is the German for a quote as much as for an offer ("Ihr Angebot ist
/// fertig" is a utility update), and "free" mostly means "feel free"; only wording that
/// advertises a price cut or a campaign is.
const PROMOTIONAL: &[&str] = &[
    "discount",
    "discounts",
    "coupon",
    "coupons",
    "promo",
    "promotion",
    "promotions",
    "sale",
    "rabatt",
    "rabatte",
    "rabattcode",
    "sonderangebot",
    "sonderangebote",
    "gutscheincode",
];
/// Phrases that advertise, in either language.
const PROMOTIONAL_PHRASES: &[&str] = &[
    "% off",
    "% rabatt",
    "special offer",
    "limited time",
    "buy now",
    "for free",
    "free gift",
    "jetzt kaufen",
    "nur heute",
    "gratis",
];

/// All human-visible text of a template, for the word rules.
fn visible_text(t: &Template) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for component in t.components.as_array().into_iter().flatten() {
        if let Some(text) = component.get("text").and_then(Value::as_str) {
            parts.push(text);
        }
        for button in component
            .get("buttons")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(text) = button.get("text").and_then(Value::as_str) {
                parts.push(text);
            }
        }
    }
    parts.join("\n").to_lowercase()
}

fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|token| words.contains(&token))
}

/// A review outcome: new status, reason, and possibly a new category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decision {
    pub status: &'static str,
    pub reason: &'static str,
    pub category: Option<&'static str>,
}

/// The documented review rules, first match wins.
pub(crate) fn decide(t: &Template) -> Decision {
    let reject = |reason| Decision {
        status: "REJECTED",
        reason,
        category: None,
    };
    let body = t.body_text();
    let trimmed = body.trim();
    let params = placeholders(trimmed);
    let starts = params.first().is_some_and(|p| p.start == 0);
    let ends = params.last().is_some_and(|p| p.end == trimmed.len());
    let adjacent = params
        .windows(2)
        .any(|w| trimmed[w[0].end..w[1].start].trim().is_empty());
    if starts || ends || adjacent {
        return reject("INVALID_FORMAT");
    }
    let text = visible_text(t);
    if has_word(&text, ABUSIVE) {
        return reject("ABUSIVE_CONTENT");
    }
    let promotional = has_word(&text, PROMOTIONAL)
        || PROMOTIONAL_PHRASES
            .iter()
            .any(|p| text.replace("\u{a0}", " ").contains(p));
    if t.category == "UTILITY" && promotional {
        if t.allow_category_change {
            return Decision {
                status: "APPROVED",
                reason: "NONE",
                category: Some("MARKETING"),
            };
        }
        return reject("PROMOTIONAL");
    }
    Decision {
        status: "APPROVED",
        reason: "NONE",
        category: None,
    }
}

fn rejection_info(reason: &str) -> Value {
    let (why, fix) = match reason {
        "INVALID_FORMAT" => (
            "The body starts or ends with a parameter, or has two parameters next to each other.",
            "Put fixed text before, after and between parameters.",
        ),
        "ABUSIVE_CONTENT" => (
            "The template contains abusive language.",
            "Remove the offensive words.",
        ),
        "PROMOTIONAL" => (
            "A UTILITY template contains promotional content.",
            "Remove the promotional wording or create the template as MARKETING.",
        ),
        _ => (
            "The template was rejected.",
            "Review the template guidelines.",
        ),
    };
    json!({ "reason": why, "recommendation": fix })
}

/// The `message_template_status_update` value for a template's current state.
fn status_update(t: &Template, event: &str) -> Value {
    let mut value = json!({
        "event": event,
        "message_template_id": t.id.parse::<u64>().map(Value::from).unwrap_or_else(|_| Value::from(t.id.clone())),
        "message_template_name": t.name,
        "message_template_language": t.language,
        "reason": t.reason,
        "message_template_category": t.category,
    });
    match event {
        "REJECTED" => value["rejection_info"] = rejection_info(&t.reason),
        "PAUSED" => {
            value["other_info"] = json!({ "title": "FIRST_PAUSE", "description": "Your template has been paused due to low quality." });
        }
        "DISABLED" => {
            value["other_info"] = json!({ "title": "DISABLED", "description": "Your template has been disabled due to low quality." });
        }
        _ => {}
    }
    value
}

/// Decides a PENDING template at once (the demo seed); later scheduled reviews find it decided.
pub(crate) fn decide_now(inner: &Arc<Shared>, template_id: &str) -> Result<String, SandboxError> {
    let (status, value) = {
        let mut st = inner.state.lock();
        let t = st
            .template_mut(template_id)
            .ok_or_else(|| SandboxError::UnknownTemplate(template_id.to_owned()))?;
        if t.status != "PENDING" {
            return Ok(t.status.clone());
        }
        let decision = decide(t);
        t.status = decision.status.to_owned();
        t.reason = decision.reason.to_owned();
        if let Some(category) = decision.category {
            t.category = category.to_owned();
        }
        let update = status_update(t, decision.status);
        st.save_account();
        (decision.status.to_owned(), update)
    };
    inner.emit(
        "message_template_status_update",
        value,
        Some(inner.now() / 1000),
    );
    Ok(status)
}

/// Runs the review of `template_id` after `review_delay`, unless it was edited since.
pub(crate) fn schedule(inner: &Arc<Shared>, template_id: String, revision: u64) {
    let inner = inner.clone();
    tokio::spawn(async move {
        if !inner.pause(inner.cfg.review_delay).await {
            return;
        }
        let value = {
            let mut st = inner.state.lock();
            let Some(t) = st.template_mut(&template_id) else {
                return;
            };
            if t.revision != revision || t.status != "PENDING" {
                return;
            }
            let decision = decide(t);
            t.status = decision.status.to_owned();
            t.reason = decision.reason.to_owned();
            if let Some(category) = decision.category {
                t.category = category.to_owned();
            }
            let update = status_update(t, decision.status);
            st.save_account();
            update
        };
        if inner.persisted().await.is_err() {
            tracing::warn!(template_id, "sandbox: a review decision was not saved");
        }
        inner.emit(
            "message_template_status_update",
            value,
            Some(inner.now() / 1000),
        );
    });
}

/// The test hook behind [`super::Sandbox::set_template_status`].
pub(crate) fn force_status(
    inner: &Shared,
    template_id: &str,
    status: &str,
) -> Result<(), SandboxError> {
    let status = status.to_ascii_uppercase();
    let value = {
        let mut st = inner.state.lock();
        let t = st
            .template_mut(template_id)
            .ok_or_else(|| SandboxError::UnknownTemplate(template_id.to_owned()))?;
        t.status = status.clone();
        t.revision += 1;
        if status != "REJECTED" {
            t.reason = "NONE".into();
        }
        let update = status_update(t, &status);
        st.save_account();
        update
    };
    inner.emit(
        "message_template_status_update",
        value,
        Some(inner.now() / 1000),
    );
    Ok(())
}
