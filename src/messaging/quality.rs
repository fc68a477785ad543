//! Quality and limits (N9): webhooks that change a number's quality rating and messaging-limit
//! tier, a template's quality, status and category. Applied in the inbound delivery's
//! transaction; administrators hear of a downgrade, a flag, a restriction or a paused template.

use redb::ReadableTable;
use serde_json::Value;

use super::setup::Profile;
use crate::clock::Millis;
use crate::error::Result;
use crate::i18n::Text;
use crate::notify::{AdminAlert, Notifications};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{PROFILES, TEMPLATES};
use crate::templates::model::{Category, Template, TemplateStatus};

/// Unique customers a tier allows per rolling 24 h; None: unlimited or unknown.
pub fn tier_limit(tier: Option<&str>) -> Option<u64> {
    match tier?.trim().to_ascii_uppercase().as_str() {
        "TIER_50" => Some(50),
        "TIER_250" => Some(250),
        "TIER_1K" => Some(1_000),
        "TIER_2K" => Some(2_000),
        "TIER_10K" => Some(10_000),
        "TIER_100K" => Some(100_000),
        _ => None,
    }
}

fn text(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Rings the bell of every active administrator, each in their language.
fn notify_admins(tx: &mut Tx<'_>, now: Millis, title: Text, body: Text, link: &str) -> Result<()> {
    Notifications::ring_admins(
        tx,
        now,
        &AdminAlert {
            kind: "quality",
            title,
            body,
            link,
        },
    )
}

fn profiles(tx: &Tx<'_>) -> Result<Vec<Profile>> {
    Ok(tx
        .txn
        .open_table(PROFILES)?
        .iter()?
        .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
        .collect())
}

/// `phone_number_quality_update`: the tier (`current_limit`, or the newer
/// `messaging_limit_tier`) and, on FLAGGED / UNFLAGGED, the quality rating.
pub fn on_phone_quality(tx: &mut Tx<'_>, v: &Value, now: Millis) -> Result<()> {
    let number = digits(&text(v, "display_phone_number").unwrap_or_default());
    let event = text(v, "event").unwrap_or_default().to_ascii_uppercase();
    let tier = text(v, "current_limit").or_else(|| text(v, "messaging_limit_tier"));
    let quality = text(v, "quality_rating").or(match event.as_str() {
        "FLAGGED" => Some("RED".to_string()),
        "UNFLAGGED" => Some("GREEN".to_string()),
        _ => None,
    });
    for mut p in profiles(tx)? {
        if number.is_empty() || digits(&p.display_phone_number) != number {
            continue;
        }
        if tier.is_some() {
            p.messaging_limit.clone_from(&tier);
        }
        if quality.is_some() {
            p.quality_rating.clone_from(&quality);
        }
        tx.txn.open_table(PROFILES)?.put(p.id.as_str(), &p)?;
        if matches!(event.as_str(), "DOWNGRADE" | "FLAGGED") {
            let number = &p.display_phone_number;
            let title = match event.as_str() {
                "DOWNGRADE" => {
                    let new = tier.as_deref().unwrap_or("?");
                    let old = text(v, "old_limit").unwrap_or_else(|| "?".into());
                    Text::new(
                        format!(
                            "WhatsApp number {number}: messaging limit lowered to {new} (was {old})"
                        ),
                        format!(
                            "WhatsApp-Nummer {number}: Nachrichtenlimit auf {new} gesenkt (vorher {old})"
                        ),
                    )
                }
                _ => Text::new(
                    format!(
                        "WhatsApp number {number}: quality rating is low: the number was flagged"
                    ),
                    format!(
                        "WhatsApp-Nummer {number}: Qualitätsbewertung niedrig, die Nummer wurde markiert"
                    ),
                ),
            };
            notify_admins(
                tx,
                now,
                title,
                Text::new(
                    "Broadcasts are limited to the tier; improve quality before sending more templates.",
                    "Rundsendungen sind auf die Stufe begrenzt; verbessern Sie die Qualität, bevor Sie weitere Vorlagen senden.",
                ),
                "/settings/whatsapp",
            )?;
        }
    }
    Ok(())
}

/// `account_update`: a business-level tier (newer payloads) applies to every profile;
/// restrictions, violations and bans are told to administrators.
pub fn on_account_update(tx: &mut Tx<'_>, v: &Value, now: Millis) -> Result<()> {
    let event = text(v, "event").unwrap_or_default().to_ascii_uppercase();
    if let Some(tier) = text(v, "messaging_limit_tier") {
        for mut p in profiles(tx)? {
            p.messaging_limit = Some(tier.clone());
            tx.txn.open_table(PROFILES)?.put(p.id.as_str(), &p)?;
        }
    }
    if matches!(
        event.as_str(),
        "ACCOUNT_RESTRICTION" | "ACCOUNT_VIOLATION" | "DISABLED_UPDATE" | "ACCOUNT_DELETED"
    ) {
        let what = match event.as_str() {
            "ACCOUNT_RESTRICTION" => ("restricted", "eingeschränkt"),
            "ACCOUNT_VIOLATION" => ("policy violation", "Richtlinienverstoß"),
            "DISABLED_UPDATE" => ("disabled", "deaktiviert"),
            _ => ("deleted", "gelöscht"),
        };
        notify_admins(
            tx,
            now,
            Text::new(
                format!("WhatsApp account: {} ({event})", what.0),
                format!("WhatsApp-Konto: {} ({event})", what.1),
            ),
            Text::from(v.to_string()),
            "/settings/whatsapp",
        )?;
    }
    Ok(())
}

fn find_template(tx: &Tx<'_>, v: &Value) -> Result<Option<Template>> {
    let id = text(v, "message_template_id");
    let name = text(v, "message_template_name");
    let lang = text(v, "message_template_language");
    Ok(tx
        .txn
        .open_table(TEMPLATES)?
        .iter()?
        .filter_map(|r| r.ok().and_then(|(_, x)| x.value().ok()))
        .find(|t| {
            (id.is_some() && t.meta_id == id)
                || (Some(&t.name) == name.as_ref() && Some(&t.language) == lang.as_ref())
        }))
}

fn save(tx: &mut Tx<'_>, t: &Template) -> Result<()> {
    tx.txn.open_table(TEMPLATES)?.put(t.id.as_str(), t)?;
    tx.emit(crate::events::Event::TemplateChanged {
        template_id: t.id.clone(),
    })
}

/// A `message_template_status_update` webhook: matched by Meta id, else by name and language.
pub fn apply_template_status(
    tx: &mut Tx<'_>,
    v: &crate::channel::whatsapp::wire::TemplateStatusValue,
) -> Result<()> {
    let Some(status) = TemplateStatus::from_event(&v.event) else {
        return Ok(());
    };
    let found = {
        let t = tx.txn.open_table(TEMPLATES)?;
        t.iter()?
            .filter_map(|r| r.ok().and_then(|(_, x)| x.value().ok()))
            .find(|x| {
                x.meta_id.as_deref() == Some(v.message_template_id.as_str())
                    || (x.name == v.message_template_name
                        && x.language == v.message_template_language)
            })
    };
    let Some(mut t) = found else {
        tracing::info!(name = %v.message_template_name, "status for a template made elsewhere; sync pulls it");
        return Ok(());
    };
    t.status = status;
    t.rejection_reason = (status == TemplateStatus::Rejected).then(|| {
        let info = v
            .rejection_info
            .as_ref()
            .and_then(|i| i.get("reason"))
            .and_then(Value::as_str)
            .map(String::from);
        v.reason
            .clone()
            .filter(|r| r != "NONE")
            .or(info)
            .unwrap_or_else(|| "REJECTED".into())
    });
    if t.meta_id.is_none() && !v.message_template_id.is_empty() {
        t.meta_id = Some(v.message_template_id.clone());
    }
    save(tx, &t)
}

/// `message_template_quality_update`.
pub fn on_template_quality(tx: &mut Tx<'_>, v: &Value, now: Millis) -> Result<()> {
    let Some(mut t) = find_template(tx, v)? else {
        return Ok(());
    };
    t.quality = text(v, "new_quality_score");
    save(tx, &t)?;
    if t.quality.as_deref() == Some("RED") {
        notify_admins(
            tx,
            now,
            Text::new(
                format!("Template {}: quality is low (RED)", t.name),
                format!("Vorlage {}: Qualität niedrig (ROT)", t.name),
            ),
            Text::new(
                "Meta may pause it; check its content and who receives it.",
                "Meta kann sie pausieren; prüfen Sie ihren Inhalt und wer sie erhält.",
            ),
            "/templates",
        )?;
    }
    Ok(())
}

/// `template_category_update`: the new category takes effect (an advance notice with only
/// `correct_category` changes nothing yet).
pub fn on_template_category(tx: &mut Tx<'_>, v: &Value) -> Result<()> {
    let Some(new) = text(v, "new_category") else {
        return Ok(());
    };
    let Some(mut t) = find_template(tx, v)? else {
        return Ok(());
    };
    t.category = match new.to_ascii_uppercase().as_str() {
        "MARKETING" => Category::Marketing,
        "UTILITY" => Category::Utility,
        _ => return Ok(()),
    };
    save(tx, &t)
}

/// After a `message_template_status_update`: a paused or disabled template is told to
/// administrators.
pub fn on_template_status(tx: &mut Tx<'_>, v: &Value, now: Millis) -> Result<()> {
    let event = text(v, "event").unwrap_or_default().to_ascii_uppercase();
    if !matches!(event.as_str(), "PAUSED" | "DISABLED" | "FLAGGED") {
        return Ok(());
    }
    let name = text(v, "message_template_name").unwrap_or_default();
    notify_admins(
        tx,
        now,
        Text::new(
            format!("Template {name}: {event}"),
            format!(
                "Vorlage {name}: {}",
                match event.as_str() {
                    "PAUSED" => "pausiert",
                    "DISABLED" => "deaktiviert",
                    _ => "markiert",
                }
            ),
        ),
        Text::new(
            "Sends and broadcasts with it are refused until Meta reinstates it.",
            "Sendungen und Rundsendungen damit werden abgelehnt, bis Meta sie wieder freigibt.",
        ),
        "/templates",
    )
}
