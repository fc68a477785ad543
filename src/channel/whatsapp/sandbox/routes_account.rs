//! Account endpoints: the WABA, its phone numbers (list/read with `fields`), number
//! verification and registration, app subscription, and the business profile.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use super::errors::ApiError;
use super::http::Call;
use super::state::{HOUR_MS, NumberState};
use super::{Shared, webhooks};

const DEFAULT_NUMBER_FIELDS: [&str; 5] = [
    "verified_name",
    "display_phone_number",
    "id",
    "quality_rating",
    "code_verification_status",
];
const APP_ID: &str = "1234567890123456";
const VERTICALS: [&str; 18] = [
    "UNDEFINED",
    "OTHER",
    "AUTO",
    "BEAUTY",
    "APPAREL",
    "EDU",
    "ENTERTAIN",
    "EVENT_PLAN",
    "FINANCE",
    "GROCERY",
    "GOVT",
    "HOTEL",
    "HEALTH",
    "NONPROFIT",
    "PROF_SERVICES",
    "RETAIL",
    "TRAVEL",
    "RESTAURANT",
];

fn number_json(n: &NumberState, fields: Option<&str>) -> Value {
    let registered = n.cfg.registered;
    let full = json!({
        "verified_name": n.cfg.verified_name,
        "code_verification_status": n.cfg.code_verification_status,
        "display_phone_number": n.cfg.display_phone_number,
        "quality_rating": "GREEN",
        "platform_type": if registered { "CLOUD_API" } else { "NOT_APPLICABLE" },
        "throughput": { "level": if registered { "STANDARD" } else { "NOT_APPLICABLE" } },
        "status": if registered { "CONNECTED" } else { "PENDING" },
        "name_status": if n.cfg.code_verification_status == "VERIFIED" { "APPROVED" } else { "PENDING_REVIEW" },
        "messaging_limit_tier": "TIER_1K",
        "is_official_business_account": false,
        "account_mode": "LIVE",
        "is_pin_enabled": n.pin.is_some(),
        "id": n.cfg.id,
    });
    let Value::Object(full) = full else {
        return full;
    };
    let wanted: Vec<&str> = match fields.filter(|f| !f.trim().is_empty()) {
        Some(fields) => fields.split(',').map(str::trim).collect(),
        None => DEFAULT_NUMBER_FIELDS.to_vec(),
    };
    Value::Object(
        full.into_iter()
            .filter(|(k, _)| k == "id" || wanted.contains(&k.as_str()))
            .collect(),
    )
}

/// `GET /{waba}`.
pub(crate) fn waba(inner: &Arc<Shared>, _call: &Call) -> Result<Value, ApiError> {
    Ok(json!({
        "id": inner.cfg.waba_id,
        "name": "Parley Sandbox",
        "currency": "EUR",
        "timezone_id": "1",
        "message_template_namespace": format!("{:x}", namespace_of(&inner.cfg.waba_id)),
    }))
}

/// A stable pseudo-namespace; the value only has to look like Meta's and not change.
fn namespace_of(seed: &str) -> u128 {
    let mac = webhooks::hmac_sha256(b"namespace", seed.as_bytes());
    mac.iter()
        .take(16)
        .fold(0u128, |acc, b| (acc << 8) | u128::from(*b))
}

/// `GET /{waba}/phone_numbers`.
pub(crate) fn list_numbers(inner: &Arc<Shared>, call: &Call) -> Result<Value, ApiError> {
    let st = inner.state.lock();
    let data: Vec<Value> = st
        .numbers
        .iter()
        .map(|n| number_json(n, call.query("fields")))
        .collect();
    Ok(
        json!({ "data": data, "paging": { "cursors": { "before": "QVFIUmZA", "after": "QVFIUmZAZ" } } }),
    )
}

/// `GET /{pnid}`.
pub(crate) fn get_number(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let st = inner.state.lock();
    let n = st
        .number(pnid)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::GET, pnid))?;
    Ok(number_json(n, call.query("fields")))
}

fn six_digits(pin: Option<&Value>, what: &str) -> Result<String, ApiError> {
    // A numeric string; a JSON number is accepted too (`"pin": 212834`).
    let text = match pin {
        Some(Value::String(p)) => Some(p.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Null) | None => None,
        Some(_) => Some(String::new()),
    };
    match text.as_deref() {
        Some(p) if p.len() == 6 && p.bytes().all(|b| b.is_ascii_digit()) => Ok(p.to_owned()),
        Some(_) => Err(ApiError::invalid(format!(
            "Param {what} must be a 6-digit number."
        ))),
        None => Err(ApiError::invalid(format!(
            "The parameter {what} is required."
        ))),
    }
}

fn require_whatsapp(params: &Map<String, Value>) -> Result<(), ApiError> {
    match params.get("messaging_product").and_then(Value::as_str) {
        Some(p) if p.eq_ignore_ascii_case("whatsapp") => Ok(()),
        Some(other) => Err(ApiError::invalid(format!(
            "Param messaging_product must be one of {{WHATSAPP}} - got \"{other}\"."
        ))),
        None => Err(ApiError::invalid(
            "The parameter messaging_product is required.",
        )),
    }
}

/// 10 register/deregister calls per number per 72 h (133016).
fn count_register_call(n: &mut NumberState, now: i64) -> Result<(), ApiError> {
    n.register_calls.retain(|at| now - at < 72 * HOUR_MS);
    if n.register_calls.len() >= 10 {
        return Err(ApiError::new(
            133016,
            "Register and deregister are limited to 10 requests per 72 hours.",
        ));
    }
    n.register_calls.push(now);
    Ok(())
}

fn number_mut<'a>(
    st: &'a mut super::state::State,
    pnid: &str,
) -> Result<&'a mut NumberState, ApiError> {
    st.number_mut(pnid)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::POST, pnid))
}

/// `POST /{pnid}/register {messaging_product, pin}`.
pub(crate) fn register(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    require_whatsapp(&params)?;
    let pin = six_digits(params.get("pin"), "pin")?;
    let now = inner.now();
    let mut st = inner.state.lock();
    let n = number_mut(&mut st, pnid)?;
    count_register_call(n, now)?;
    if n.cfg.code_verification_status != "VERIFIED" {
        return Err(ApiError::new(
            133006,
            "Verify the phone number (request_code, verify_code) before registering it.",
        ));
    }
    if n.cfg.in_use_elsewhere {
        return Err(ApiError::new(
            133005,
            "This number is registered on another account protected by a different two-step verification PIN.",
        ));
    }
    if n.pin.as_ref().is_some_and(|p| *p != pin) {
        return Err(ApiError::new(
            133005,
            "The PIN does not match this number's two-step verification PIN.",
        ));
    }
    n.pin = Some(pin);
    n.cfg.registered = true;
    st.save_account();
    Ok(json!({ "success": true }))
}

/// `POST /{pnid}/deregister`.
pub(crate) fn deregister(inner: &Arc<Shared>, pnid: &str) -> Result<Value, ApiError> {
    let now = inner.now();
    let mut st = inner.state.lock();
    let n = number_mut(&mut st, pnid)?;
    count_register_call(n, now)?;
    n.cfg.registered = false;
    st.save_account();
    Ok(json!({ "success": true }))
}

/// `POST /{pnid}/request_code?code_method=SMS|VOICE&language=..`: the sandbox sends nothing;
/// any 6-digit code verifies.
pub(crate) fn request_code(call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    match params.get("code_method").and_then(Value::as_str) {
        Some(m) if m.eq_ignore_ascii_case("sms") || m.eq_ignore_ascii_case("voice") => {}
        _ => {
            return Err(ApiError::invalid(
                "Param code_method must be one of {SMS, VOICE}.",
            ));
        }
    }
    if params.get("language").and_then(Value::as_str).is_none() {
        return Err(ApiError::invalid("The parameter language is required."));
    }
    Ok(json!({ "success": true }))
}

/// `POST /{pnid}/verify_code {code}`.
pub(crate) fn verify_code(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let code = six_digits(call.params()?.get("code"), "code")?;
    let mut st = inner.state.lock();
    let n = number_mut(&mut st, pnid)?;
    if n.cfg.in_use_elsewhere {
        return Err(ApiError::invalid(format!(
            "Code {code} is not valid for a number in use on another account."
        )));
    }
    n.cfg.code_verification_status = "VERIFIED".into();
    st.save_account();
    Ok(json!({ "success": true }))
}

/// `POST /{pnid} {pin}`: sets the two-step verification PIN.
pub(crate) fn set_pin(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let pin = six_digits(call.params()?.get("pin"), "pin")?;
    let mut st = inner.state.lock();
    number_mut(&mut st, pnid)?.pin = Some(pin);
    st.save_account();
    Ok(json!({ "success": true }))
}

/// `GET|POST|DELETE /{waba}/subscribed_apps`. POST may carry `override_callback_uri` +
/// `verify_token`: the sandbox verifies that callback (GET handshake) and then delivers
/// webhooks there.
pub(crate) async fn subscribed_apps(inner: &Arc<Shared>, call: &Call) -> Result<Value, ApiError> {
    match call.method.as_str() {
        "GET" => {
            let data = if inner.state.lock().subscribed {
                json!([{ "whatsapp_business_api_data": {
                    "name": "Parley", "id": APP_ID, "link": format!("https://www.facebook.com/games/?app_id={APP_ID}"),
                } }])
            } else {
                json!([])
            };
            Ok(json!({ "data": data }))
        }
        "POST" => {
            let params = call.params()?;
            if let Some(uri) = params.get("override_callback_uri").and_then(Value::as_str) {
                let token = params
                    .get("verify_token")
                    .and_then(Value::as_str)
                    .ok_or_else(|| {
                        ApiError::invalid("verify_token is required with override_callback_uri.")
                    })?;
                webhooks::handshake(&inner.http, uri, token)
                    .await
                    .map_err(|err| {
                        ApiError::new(
                            2200,
                            format!(
                                "Callback verification failed with the following errors: {err}"
                            ),
                        )
                    })?;
                inner.outbox.set_url(Some(uri.to_owned()));
            }
            let mut st = inner.state.lock();
            st.subscribed = true;
            st.save_account();
            Ok(json!({ "success": true }))
        }
        "DELETE" => {
            let mut st = inner.state.lock();
            st.subscribed = false;
            st.save_account();
            Ok(json!({ "success": true }))
        }
        other => Err(ApiError::unsupported(
            &poem::http::Method::from_bytes(other.as_bytes()).unwrap_or_default(),
            "subscribed_apps",
        )),
    }
}

/// `GET /{pnid}/whatsapp_business_profile?fields=`.
pub(crate) fn get_profile(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let st = inner.state.lock();
    let n = st
        .number(pnid)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::GET, pnid))?;
    let mut profile = n.profile.clone();
    if let Some(fields) = call.query("fields") {
        let wanted: Vec<&str> = fields.split(',').map(str::trim).collect();
        profile.retain(|k, _| wanted.contains(&k.as_str()));
    }
    profile.insert("messaging_product".into(), Value::from("whatsapp"));
    Ok(json!({ "data": [profile] }))
}

/// `POST /{pnid}/whatsapp_business_profile` with Meta's length limits.
pub(crate) fn set_profile(inner: &Arc<Shared>, pnid: &str, call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    require_whatsapp(&params)?;
    let limits = [
        ("about", 1, 139),
        ("address", 0, 256),
        ("description", 0, 512),
        ("email", 0, 128),
    ];
    let mut updates = Map::new();
    for (key, min, max) in limits {
        if let Some(value) = params.get(key) {
            let text = value
                .as_str()
                .ok_or_else(|| ApiError::invalid(format!("Param {key} must be a string.")))?;
            let len = text.chars().count();
            if len < min || len > max {
                return Err(ApiError::invalid(format!(
                    "Param {key} must be {min} to {max} characters long."
                )));
            }
            updates.insert(key.into(), value.clone());
        }
    }
    if let Some(websites) = params.get("websites") {
        let list = websites
            .as_array()
            .ok_or_else(|| ApiError::invalid("Param websites must be an array."))?;
        let ok = list.len() <= 2
            && list.iter().all(|w| {
                w.as_str().is_some_and(|w| {
                    w.len() <= 256 && (w.starts_with("http://") || w.starts_with("https://"))
                })
            });
        if !ok {
            return Err(ApiError::invalid(
                "Param websites takes at most 2 http(s) URLs of up to 256 characters.",
            ));
        }
        updates.insert("websites".into(), websites.clone());
    }
    if let Some(vertical) = params.get("vertical") {
        if !vertical.as_str().is_some_and(|v| VERTICALS.contains(&v)) {
            return Err(ApiError::invalid(format!(
                "Param vertical must be one of {{{}}}.",
                VERTICALS.join(", ")
            )));
        }
        updates.insert("vertical".into(), vertical.clone());
    }
    if let Some(handle) = params.get("profile_picture_handle").and_then(Value::as_str) {
        updates.insert(
            "profile_picture_url".into(),
            Value::from(format!(
                "https://pps.whatsapp.net/v/sandbox/{}",
                handle.len()
            )),
        );
    }
    let mut st = inner.state.lock();
    let n = number_mut(&mut st, pnid)?;
    n.profile.extend(updates);
    st.save_account();
    Ok(json!({ "success": true }))
}
