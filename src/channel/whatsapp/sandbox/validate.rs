//! Template checks: the synchronous validation of create/edit requests, each failure code 100
//! with a precise reason (the asynchronous review is in `review`).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::errors::ApiError;

const BUTTON_TYPES: &[&str] = &[
    "QUICK_REPLY",
    "URL",
    "PHONE_NUMBER",
    "COPY_CODE",
    "OTP",
    "FLOW",
    "CATALOG",
    "MPM",
    "VOICE_CALL",
];

/// One `{{...}}` occurrence: its inner name and byte range in the text.
#[derive(Debug, Clone)]
pub(crate) struct Placeholder {
    pub name: String,
    pub start: usize,
    pub end: usize,
}

pub(crate) fn placeholders(text: &str) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open + 2..].find("}}").map(|i| i + open + 2) else {
            break;
        };
        out.push(Placeholder {
            name: text[open + 2..close].to_owned(),
            start: open,
            end: close + 2,
        });
        from = close + 2;
    }
    out
}

/// Distinct parameter names in order of first appearance.
pub(crate) fn param_names(text: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for p in placeholders(text) {
        if !seen.contains(&p.name) {
            seen.push(p.name);
        }
    }
    seen
}

fn is_named_param(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn str_field<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

fn check_len(what: &str, text: &str, max: usize) -> Result<(), ApiError> {
    if text.chars().count() > max {
        return Err(ApiError::invalid(format!(
            "{what} must be at most {max} characters long."
        )));
    }
    Ok(())
}

/// Validates the parameters of one text and their `example`.
/// `positional_key`/`named_key`: where the example values live (`body_text`, ...).
fn check_params(
    what: &str,
    text: &str,
    named: bool,
    example: Option<&Value>,
    positional_key: &str,
    named_key: &str,
) -> Result<usize, ApiError> {
    let names = param_names(text);
    if names.is_empty() {
        return Ok(0);
    }
    if named {
        if let Some(bad) = names.iter().find(|n| !is_named_param(n)) {
            return Err(ApiError::invalid(format!(
                "{what}: parameter {{{{{bad}}}}} is not a valid named parameter (lowercase letters, digits and underscores) for parameter_format NAMED."
            )));
        }
        let examples = example
            .and_then(|e| e.get(named_key))
            .and_then(Value::as_array)
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "{what} has parameters, so example.{named_key} is required."
                ))
            })?;
        let given: BTreeSet<&str> = examples
            .iter()
            .filter(|e| e.get("example").is_some_and(Value::is_string))
            .filter_map(|e| e.get("param_name").and_then(Value::as_str))
            .collect();
        if let Some(missing) = names.iter().find(|n| !given.contains(n.as_str())) {
            return Err(ApiError::invalid(format!(
                "{what}: example.{named_key} has no example for parameter {missing}."
            )));
        }
    } else {
        let mut numbers = Vec::new();
        for name in &names {
            match name.parse::<usize>() {
                Ok(n) if name.bytes().all(|b| b.is_ascii_digit()) => numbers.push(n),
                _ => {
                    return Err(ApiError::invalid(format!(
                        "{what}: parameter {{{{{name}}}}} is not positional; use {{{{1}}}}, {{{{2}}}}, ... or parameter_format NAMED."
                    )));
                }
            }
        }
        numbers.sort_unstable();
        if numbers.iter().enumerate().any(|(i, n)| *n != i + 1) {
            return Err(ApiError::invalid(format!(
                "{what}: positional parameters must be consecutive starting at {{{{1}}}}."
            )));
        }
        let values = example
            .and_then(|e| e.get(positional_key))
            .and_then(Value::as_array)
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "{what} has parameters, so example.{positional_key} is required."
                ))
            })?;
        // Body examples are nested one level deeper ([["a", "b"]]) than header ones (["a"]).
        let values = match values.first() {
            Some(Value::Array(inner)) => inner,
            _ => values,
        };
        if values.len() != names.len() || !values.iter().all(Value::is_string) {
            return Err(ApiError::invalid(format!(
                "{what}: example.{positional_key} must give {} text value(s), one per parameter.",
                names.len()
            )));
        }
    }
    Ok(names.len())
}

/// Validates create/edit components; returns them with `type`/`format` upper-cased.
pub(crate) fn validate_components(
    category: &str,
    named: bool,
    components: Option<&Value>,
) -> Result<Value, ApiError> {
    let list = components
        .ok_or_else(|| ApiError::invalid("The parameter components is required."))?
        .as_array()
        .ok_or_else(|| ApiError::invalid("Param components must be an array."))?;
    let mut out = Vec::with_capacity(list.len());
    let (mut bodies, mut headers, mut footers, mut button_groups) = (0, 0, 0, 0);
    for component in list {
        let mut obj = component
            .as_object()
            .cloned()
            .ok_or_else(|| ApiError::invalid("Each component must be an object."))?;
        let kind = str_field(&obj, "type")
            .map(str::to_ascii_uppercase)
            .ok_or_else(|| {
                ApiError::invalid("Each component needs a type (HEADER, BODY, FOOTER, BUTTONS).")
            })?;
        obj.insert("type".into(), Value::from(kind.clone()));
        let example = obj.get("example").cloned();
        match kind.as_str() {
            "BODY" => {
                bodies += 1;
                let text = match str_field(&obj, "text") {
                    Some(text) => text.to_owned(),
                    // Authentication templates have a fixed, Meta-provided body.
                    None if category == "AUTHENTICATION" => {
                        let text = "*{{1}}* is your verification code.".to_owned();
                        obj.insert("text".into(), Value::from(text.clone()));
                        text
                    }
                    None => return Err(ApiError::invalid("The BODY component needs a text.")),
                };
                check_len("The BODY text", &text, 1024)?;
                if category != "AUTHENTICATION" {
                    check_params(
                        "BODY",
                        &text,
                        named,
                        example.as_ref(),
                        "body_text",
                        "body_text_named_params",
                    )?;
                }
            }
            "HEADER" => {
                headers += 1;
                let format = str_field(&obj, "format")
                    .map(str::to_ascii_uppercase)
                    .ok_or_else(|| ApiError::invalid("The HEADER component needs a format."))?;
                obj.insert("format".into(), Value::from(format.clone()));
                match format.as_str() {
                    "TEXT" => {
                        let text = str_field(&obj, "text")
                            .ok_or_else(|| ApiError::invalid("A TEXT HEADER needs a text."))?;
                        check_len("The HEADER text", text, 60)?;
                        let n = check_params(
                            "HEADER",
                            text,
                            named,
                            example.as_ref(),
                            "header_text",
                            "header_text_named_params",
                        )?;
                        if n > 1 {
                            return Err(ApiError::invalid(
                                "A TEXT HEADER can have at most one parameter.",
                            ));
                        }
                    }
                    "IMAGE" | "VIDEO" | "DOCUMENT" => {
                        let handle = example
                            .as_ref()
                            .and_then(|e| e.get("header_handle"))
                            .and_then(Value::as_array)
                            .is_some_and(|h| {
                                // Handles come from the Resumable Upload API (`4::…`).
                                !h.is_empty()
                                    && h.iter()
                                        .all(|x| x.as_str().is_some_and(|x| x.starts_with("4::")))
                            });
                        if !handle {
                            return Err(ApiError::invalid(format!(
                                "A {format} HEADER needs example.header_handle (an upload handle)."
                            )));
                        }
                    }
                    "LOCATION" => {}
                    other => {
                        return Err(ApiError::invalid(format!(
                            "Unknown HEADER format {other}; use TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION."
                        )));
                    }
                }
            }
            "FOOTER" => {
                footers += 1;
                match str_field(&obj, "text") {
                    Some(text) => {
                        check_len("The FOOTER text", text, 60)?;
                        if !placeholders(text).is_empty() {
                            return Err(ApiError::invalid("The FOOTER cannot contain parameters."));
                        }
                    }
                    None if category == "AUTHENTICATION" => {}
                    None => return Err(ApiError::invalid("The FOOTER component needs a text.")),
                }
            }
            "BUTTONS" => {
                button_groups += 1;
                validate_buttons(&mut obj)?;
            }
            other => {
                return Err(ApiError::invalid(format!(
                    "Unknown component type {other}; use HEADER, BODY, FOOTER or BUTTONS."
                )));
            }
        }
        out.push(Value::Object(obj));
    }
    if bodies != 1 {
        return Err(ApiError::invalid(
            "A template needs exactly one BODY component.",
        ));
    }
    if headers > 1 || footers > 1 || button_groups > 1 {
        return Err(ApiError::invalid(
            "A template can have at most one HEADER, one FOOTER and one BUTTONS component.",
        ));
    }
    Ok(Value::Array(out))
}

fn validate_buttons(obj: &mut Map<String, Value>) -> Result<(), ApiError> {
    let buttons = obj
        .get_mut("buttons")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| ApiError::invalid("The BUTTONS component needs a buttons array."))?;
    if buttons.is_empty() || buttons.len() > 10 {
        return Err(ApiError::invalid("A template can have 1 to 10 buttons."));
    }
    let (mut urls, mut phones, mut codes) = (0, 0, 0);
    let mut quick_replies = Vec::new();
    for (i, button) in buttons.iter_mut().enumerate() {
        let b = button
            .as_object_mut()
            .ok_or_else(|| ApiError::invalid("Each button must be an object."))?;
        let kind = str_field(b, "type")
            .map(str::to_ascii_uppercase)
            .filter(|k| BUTTON_TYPES.contains(&k.as_str()))
            .ok_or_else(|| {
                ApiError::invalid(format!(
                    "Button {i} needs a type: {}.",
                    BUTTON_TYPES.join(", ")
                ))
            })?;
        b.insert("type".into(), Value::from(kind.clone()));
        if matches!(kind.as_str(), "QUICK_REPLY" | "URL" | "PHONE_NUMBER") {
            let text = str_field(b, "text")
                .ok_or_else(|| ApiError::invalid(format!("Button {i} needs a text.")))?;
            check_len(&format!("Button {i} text"), text, 25)?;
        }
        match kind.as_str() {
            "QUICK_REPLY" => quick_replies.push(i),
            "URL" => {
                urls += 1;
                let url = str_field(b, "url")
                    .ok_or_else(|| ApiError::invalid(format!("Button {i} needs a url.")))?;
                check_len(&format!("Button {i} url"), url, 2000)?;
                let params = placeholders(url);
                if !params.is_empty() {
                    let trailing =
                        params.len() == 1 && params[0].name == "1" && params[0].end == url.len();
                    if !trailing {
                        return Err(ApiError::invalid(format!(
                            "Button {i}: a URL can only have one parameter, {{{{1}}}}, at its end."
                        )));
                    }
                    if b.get("example")
                        .and_then(Value::as_array)
                        .is_none_or(Vec::is_empty)
                    {
                        return Err(ApiError::invalid(format!(
                            "Button {i}: a dynamic URL needs an example."
                        )));
                    }
                }
            }
            "PHONE_NUMBER" => {
                phones += 1;
                let phone = str_field(b, "phone_number").ok_or_else(|| {
                    ApiError::invalid(format!("Button {i} needs a phone_number."))
                })?;
                check_len(&format!("Button {i} phone_number"), phone, 20)?;
            }
            "COPY_CODE" => {
                codes += 1;
                if let Some(example) = str_field(b, "example") {
                    check_len(&format!("Button {i} example"), example, 15)?;
                }
            }
            _ => {}
        }
    }
    if urls > 2 || phones > 1 || codes > 1 {
        return Err(ApiError::invalid(
            "At most 2 URL buttons, 1 PHONE_NUMBER button and 1 COPY_CODE button.",
        ));
    }
    if quick_replies.windows(2).any(|w| w[1] != w[0] + 1) {
        return Err(ApiError::invalid(
            "Quick reply buttons must be grouped together.",
        ));
    }
    Ok(())
}
