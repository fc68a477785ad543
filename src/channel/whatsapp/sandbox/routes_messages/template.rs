//! Template messages: the approved template by name and language, with header, body and
//! button parameters.

use serde_json::{Map, Value};

use super::super::errors::ApiError;
use super::super::state::{State, Template};
use super::super::validate::{param_names, placeholders};
use super::{Checked, object, s};

fn components_of<'a>(template: &'a Map<String, Value>, kind: &str) -> Vec<&'a Value> {
    template
        .get("components")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter(|c| {
                    c.get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case(kind))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn parameters_of<'a>(components: &[&'a Value]) -> Vec<&'a Value> {
    components
        .iter()
        .filter_map(|c| c.get("parameters").and_then(Value::as_array))
        .flatten()
        .collect()
}

pub(super) fn check_template(st: &State, body: &Map<String, Value>) -> Result<Checked, ApiError> {
    let template = object(body.get("template"), "template")?;
    let name = s(template, "name").ok_or_else(|| ApiError::missing("template['name']"))?;
    let language = template
        .get("language")
        .and_then(|l| l.get("code"))
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::missing("template['language']['code']"))?;
    let stored = st
        .templates
        .iter()
        .find(|t| t.name == name && t.language == language)
        .ok_or_else(|| {
            ApiError::new(
                132001,
                format!("template name ({name}) does not exist in {language}"),
            )
        })?;
    match stored.status.as_str() {
        "APPROVED" => {}
        "PAUSED" => {
            return Err(ApiError::new(
                132015,
                format!("Template {name} is paused due to low quality."),
            ));
        }
        "DISABLED" => {
            return Err(ApiError::new(
                132016,
                format!("Template {name} has been disabled due to low quality."),
            ));
        }
        other => {
            return Err(ApiError::new(
                132001,
                format!("template name ({name}) in {language} is {other}, not APPROVED"),
            ));
        }
    }
    // Text parameters may be long only when the body is the template's only component.
    let body_only = stored.components.as_array().is_some_and(|c| c.len() == 1);
    let max_param = if body_only { 32_768 } else { 1024 };
    let header_params = parameters_of(&components_of(template, "header"));
    check_header(stored, &header_params, max_param)?;
    let body_params = parameters_of(&components_of(template, "body"));
    let values = body_values(stored, &body_params, max_param)?;
    let mut rendered = stored.body_text().to_owned();
    for (name, value) in values {
        rendered = rendered.replace(&format!("{{{{{name}}}}}"), &value);
    }
    Ok(Checked {
        text: Some(rendered),
        template_category: Some(stored.category.clone()),
        ..Checked::default()
    })
}

/// A body/header parameter's display value (text, or the fallback of currency/date_time).
fn param_value(param: &Value, where_: &str, max: usize) -> Result<String, ApiError> {
    let kind = param
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::missing(&format!("{where_}['type']")))?;
    let value = match kind {
        "text" => param.get("text").and_then(Value::as_str),
        "currency" | "date_time" => param
            .get(kind)
            .and_then(|c| c.get("fallback_value"))
            .and_then(Value::as_str),
        other => {
            return Err(ApiError::new(
                132012,
                format!("{where_}: parameter type {other} is not allowed here."),
            ));
        }
    };
    let value = value.ok_or_else(|| {
        ApiError::new(
            132008,
            format!("{where_}: the {kind} parameter has no value."),
        )
    })?;
    if value.chars().count() > max {
        return Err(ApiError::new(
            132005,
            format!("{where_}: a text parameter can be at most {max} characters long."),
        ));
    }
    Ok(value.to_owned())
}

fn body_values(
    stored: &Template,
    params: &[&Value],
    max: usize,
) -> Result<Vec<(String, String)>, ApiError> {
    let expected = param_names(stored.body_text());
    if params.len() != expected.len() {
        return Err(ApiError::new(
            132000,
            format!(
                "body: number of localizable_params ({}) does not match the expected number of params ({})",
                params.len(),
                expected.len()
            ),
        ));
    }
    let named = stored.parameter_format == "NAMED";
    let mut values = Vec::with_capacity(params.len());
    for (i, param) in params.iter().enumerate() {
        let value = param_value(param, &format!("body parameter {i}"), max)?;
        let name = if named {
            let name = param
                .get("parameter_name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if !expected.iter().any(|e| e == name)
                || values.iter().any(|(n, _): &(String, String)| n == name)
            {
                return Err(ApiError::new(
                    132000,
                    format!(
                        "body: parameter names must be exactly {{{}}}; got \"{name}\".",
                        expected.join(", ")
                    ),
                ));
            }
            name.to_owned()
        } else {
            (i + 1).to_string()
        };
        values.push((name, value));
    }
    Ok(values)
}

fn check_header(stored: &Template, params: &[&Value], max: usize) -> Result<(), ApiError> {
    let header = stored.component("HEADER");
    let format = header
        .and_then(|h| h.get("format"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let expected = match format {
        "TEXT" => placeholders(
            header
                .and_then(|h| h.get("text"))
                .and_then(Value::as_str)
                .unwrap_or_default(),
        )
        .len(),
        "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION" => 1,
        _ => 0,
    };
    if params.len() != expected {
        return Err(ApiError::new(
            132000,
            format!(
                "header: number of localizable_params ({}) does not match the expected number of params ({expected})",
                params.len()
            ),
        ));
    }
    let Some(param) = params.first() else {
        return Ok(());
    };
    let kind = param
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or_default();
    match format {
        "TEXT" => {
            param_value(param, "header parameter", max)?;
        }
        _ => {
            let want = format.to_ascii_lowercase();
            if kind != want {
                return Err(ApiError::new(
                    132012,
                    format!("header: expected a {want} parameter, got {kind}."),
                ));
            }
            let media = param.get(kind).and_then(Value::as_object);
            let ok = media.is_some_and(|m| {
                if kind == "location" {
                    m.contains_key("latitude") && m.contains_key("longitude")
                } else {
                    m.contains_key("id") != m.contains_key("link")
                }
            });
            if !ok {
                return Err(ApiError::new(
                    132012,
                    format!("header: the {kind} parameter needs exactly one of id or link."),
                ));
            }
        }
    }
    Ok(())
}
