//! Template management: create (then asynchronous review), list/read with `fields` and
//! cursor paging, edit (back to PENDING), delete by name or by `hsm_id` + name.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use serde_json::{Map, Value, json};

use super::errors::ApiError;
use super::http::Call;
use super::state::{DAY_MS, Template};
use super::{Shared, review, validate};

const CATEGORIES: [&str; 3] = ["MARKETING", "UTILITY", "AUTHENTICATION"];
const EDITABLE: [&str; 3] = ["APPROVED", "REJECTED", "PAUSED"];

fn valid_name(name: &str) -> bool {
    (1..=512).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `en`, `en_US`, `zh_CN`, `fil`, ...
fn valid_language(code: &str) -> bool {
    let (lang, region) = code.split_once('_').unwrap_or((code, ""));
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty()
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase())))
}

fn parse_category(value: Option<&Value>) -> Result<String, ApiError> {
    let category = value
        .and_then(Value::as_str)
        .map(str::to_ascii_uppercase)
        .ok_or_else(|| ApiError::invalid("The parameter category is required."))?;
    if !CATEGORIES.contains(&category.as_str()) {
        return Err(ApiError::invalid(format!(
            "Param category must be one of {{MARKETING, UTILITY, AUTHENTICATION}} - got \"{category}\"."
        )));
    }
    Ok(category)
}

/// `POST /{waba}/message_templates`.
pub(crate) fn create(inner: &Arc<Shared>, call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    let name = params
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid("The parameter name is required."))?;
    if !valid_name(name) {
        return Err(ApiError::invalid(
            "Param name must be 1 to 512 characters of lowercase letters, digits and underscores.",
        ));
    }
    let category = parse_category(params.get("category"))?;
    let language = params
        .get("language")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid("The parameter language is required."))?;
    if !valid_language(language) {
        return Err(ApiError::invalid(format!(
            "Param language \"{language}\" is not a valid locale such as en or en_US."
        )));
    }
    let parameter_format = match params.get("parameter_format").and_then(Value::as_str) {
        None => "POSITIONAL".to_owned(),
        Some(f) if f.eq_ignore_ascii_case("positional") || f.eq_ignore_ascii_case("named") => {
            f.to_ascii_uppercase()
        }
        Some(f) => {
            return Err(ApiError::invalid(format!(
                "Param parameter_format must be one of {{POSITIONAL, NAMED}} - got \"{f}\"."
            )));
        }
    };
    let components = validate::validate_components(
        &category,
        parameter_format == "NAMED",
        params.get("components"),
    )?;
    let allow_category_change = params
        .get("allow_category_change")
        .is_some_and(|v| matches!(v, Value::Bool(true)) || v.as_str() == Some("true"));

    let now = inner.now();
    let (id, revision) = {
        let mut st = inner.state.lock();
        if st
            .templates
            .iter()
            .any(|t| t.name == name && t.language == language)
        {
            return Err(ApiError::invalid(format!(
                "Message template \"{name}\" already exists in language {language}; edit it or use another name."
            )));
        }
        if st
            .deleted_names
            .get(name)
            .is_some_and(|at| now - at < 30 * DAY_MS)
        {
            return Err(ApiError::invalid(format!(
                "The name \"{name}\" belonged to an approved template deleted less than 30 days ago and can't be reused yet."
            )));
        }
        let id = st.fresh_id();
        st.templates.push(Template {
            id: id.clone(),
            name: name.to_owned(),
            language: language.to_owned(),
            category: category.clone(),
            parameter_format,
            components,
            status: "PENDING".into(),
            reason: "NONE".into(),
            allow_category_change,
            revision: 0,
            approved_edits: Vec::new(),
        });
        st.save_account();
        (id, 0)
    };
    review::schedule(inner, id.clone(), revision);
    Ok(json!({ "id": id, "status": "PENDING", "category": category }))
}

/// Keeps `id` plus the requested `fields` (all fields when none are given).
fn project(full: Value, fields: Option<&str>) -> Value {
    let Some(fields) = fields.filter(|f| !f.trim().is_empty()) else {
        return full;
    };
    let Value::Object(full) = full else {
        return full;
    };
    let wanted: Vec<&str> = fields.split(',').map(str::trim).collect();
    let out: Map<String, Value> = full
        .into_iter()
        .filter(|(k, _)| k == "id" || wanted.contains(&k.as_str()))
        .collect();
    Value::Object(out)
}

fn cursor(index: usize) -> String {
    B64.encode(format!("tpl:{index}"))
}

fn parse_cursor(cursor: &str) -> Option<usize> {
    let raw = B64.decode(cursor).ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("tpl:")?
        .parse()
        .ok()
}

/// `GET /{waba}/message_templates?fields&name&status&category&language&limit&after&before`.
/// `name` matches as a case-insensitive substring, like Graph's search.
pub(crate) fn list(inner: &Arc<Shared>, waba: &str, call: &Call) -> Result<Value, ApiError> {
    let limit = match call.query("limit") {
        None => 25,
        Some(l) => l
            .parse::<usize>()
            .ok()
            .filter(|l| (1..=1000).contains(l))
            .ok_or_else(|| ApiError::invalid("Param limit must be a positive number."))?,
    };
    let after = call
        .query("after")
        .map(|c| parse_cursor(c).ok_or_else(|| ApiError::invalid("Invalid after cursor.")))
        .transpose()?;
    let before = call
        .query("before")
        .map(|c| parse_cursor(c).ok_or_else(|| ApiError::invalid("Invalid before cursor.")))
        .transpose()?;
    let name = call.query("name").map(str::to_lowercase);
    let matches = |t: &Template| {
        name.as_ref()
            .is_none_or(|n| t.name.to_lowercase().contains(n))
            && call.query("status").is_none_or(|s| {
                s.split(',')
                    .any(|s| s.trim().eq_ignore_ascii_case(&t.status))
            })
            && call
                .query("category")
                .is_none_or(|c| c.eq_ignore_ascii_case(&t.category))
            && call.query("language").is_none_or(|l| l == t.language)
    };
    let st = inner.state.lock();
    // Positions in creation order; cursors point at them.
    let all: Vec<(usize, &Template)> = st
        .templates
        .iter()
        .enumerate()
        .filter(|(_, t)| matches(t))
        .collect();
    let page: Vec<&(usize, &Template)> = match (after, before) {
        (Some(after), _) => all.iter().filter(|(i, _)| *i > after).take(limit).collect(),
        (None, Some(before)) => {
            let earlier: Vec<_> = all.iter().filter(|(i, _)| *i < before).collect();
            earlier[earlier.len().saturating_sub(limit)..].to_vec()
        }
        (None, None) => all.iter().take(limit).collect(),
    };
    let data: Vec<Value> = page
        .iter()
        .map(|(_, t)| project(t.to_json(), call.query("fields")))
        .collect();
    let mut paging = json!({});
    if let (Some(first), Some(last)) = (page.first(), page.last()) {
        paging["cursors"] = json!({ "before": cursor(first.0), "after": cursor(last.0) });
        if all.iter().any(|(i, _)| *i > last.0) {
            let mut next = format!(
                "{}/{}/{waba}/message_templates?after={}&limit={limit}",
                inner.base_url,
                call.version,
                cursor(last.0)
            );
            for key in ["fields", "name", "status", "category", "language"] {
                if let Some(value) = call.query(key) {
                    next.push_str(&format!("&{key}={}", encode_query(value)));
                }
            }
            paging["next"] = json!(next);
        }
    }
    Ok(json!({ "data": data, "paging": paging }))
}

fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `GET /{template_id}?fields=`.
pub(crate) fn get(inner: &Arc<Shared>, id: &str, call: &Call) -> Result<Value, ApiError> {
    let st = inner.state.lock();
    let t = st
        .template(id)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::GET, id))?;
    Ok(project(t.to_json(), call.query("fields")))
}

/// `POST /{template_id}`: replace components and/or category; back to PENDING.
pub(crate) fn edit(inner: &Arc<Shared>, id: &str, call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    let now = inner.now();
    let revision = {
        let mut st = inner.state.lock();
        let t = st
            .template_mut(id)
            .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::POST, id))?;
        if !EDITABLE.contains(&t.status.as_str()) {
            return Err(ApiError::invalid(format!(
                "A template in status {} can't be edited; only APPROVED, REJECTED or PAUSED templates can.",
                t.status
            )));
        }
        let category = match params.get("category") {
            Some(value) => {
                let category = parse_category(Some(value))?;
                if t.status == "APPROVED" && category != t.category {
                    return Err(ApiError::invalid(
                        "The category of an APPROVED template can't be changed.",
                    ));
                }
                category
            }
            None => t.category.clone(),
        };
        let components = match params.get("components") {
            Some(c) => {
                validate::validate_components(&category, t.parameter_format == "NAMED", Some(c))?
            }
            None => t.components.clone(),
        };
        if t.status == "APPROVED" {
            t.approved_edits.retain(|at| now - at < 30 * DAY_MS);
            let last_day = t
                .approved_edits
                .iter()
                .filter(|at| now - **at < DAY_MS)
                .count();
            if last_day >= 1 || t.approved_edits.len() >= 10 {
                return Err(ApiError::invalid(
                    "An APPROVED template can be edited once per 24 hours and 10 times per 30 days.",
                ));
            }
            t.approved_edits.push(now);
        }
        t.category = category;
        t.components = components;
        t.status = "PENDING".into();
        t.reason = "NONE".into();
        t.revision += 1;
        let revision = t.revision;
        st.save_account();
        revision
    };
    review::schedule(inner, id.to_owned(), revision);
    Ok(json!({ "success": true }))
}

/// `DELETE /{waba}/message_templates?name=..[&hsm_id=..]`.
pub(crate) fn delete(inner: &Arc<Shared>, call: &Call) -> Result<Value, ApiError> {
    let params = call.params()?;
    let name = params
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::invalid("The parameter name is required."))?;
    // Template ids are numeric strings; a JSON number is accepted too.
    let hsm_id = params.get("hsm_id").and_then(|v| match v {
        Value::String(id) => Some(id.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let hsm_id = hsm_id.as_deref();
    let now = inner.now();
    let mut st = inner.state.lock();
    let doomed = |t: &Template| t.name == name && hsm_id.is_none_or(|id| t.id == id);
    if !st.templates.iter().any(doomed) {
        return Err(ApiError::invalid(format!(
            "No message template named \"{name}\" was found to delete."
        )));
    }
    if st
        .templates
        .iter()
        .any(|t| doomed(t) && t.status == "DISABLED")
    {
        return Err(ApiError::invalid("DISABLED templates can't be deleted."));
    }
    if st
        .templates
        .iter()
        .any(|t| doomed(t) && t.status == "APPROVED")
    {
        st.deleted_names.insert(name.to_owned(), now);
    }
    st.templates.retain(|t| !doomed(t));
    st.save_account();
    Ok(json!({ "success": true }))
}
