//! Graph API parameters, wherever a client puts them: the query string, an
//! `application/x-www-form-urlencoded` body, a `multipart/form-data` body or a JSON body.
//!
//! Like Graph, a parameter given as text may carry JSON (`text={"body":"hi"}`,
//! `components=[...]`), and PHP-style brackets nest (`text[body]=hi`,
//! `contacts[0][name][formatted_name]=Ada`). Body parameters win over query parameters
//! of the same name. `access_token` is taken out and returned on its own.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::errors::ApiError;

/// One file part of a multipart body (a part with a filename, or a non-text content type).
#[derive(Debug, Clone)]
pub(crate) struct FilePart {
    pub name: String,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// Everything a request carried, merged.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pub map: Map<String, Value>,
    pub files: Vec<FilePart>,
    pub access_token: Option<String>,
}

/// Merges `query` (decoded pairs, in order) and the body into one parameter map.
pub(crate) fn parse(
    query: &[(String, String)],
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Params, ApiError> {
    let mut params = Params::default();
    let mut body_pairs: Vec<(String, String)> = Vec::new();
    let mut body_json = Map::new();
    let mime = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let blank = body.iter().all(u8::is_ascii_whitespace);
    if !blank {
        if mime == "multipart/form-data" {
            let parts =
                parse_multipart(content_type.unwrap_or_default(), body).ok_or_else(|| {
                    ApiError::invalid("The multipart/form-data body could not be parsed.")
                })?;
            for part in parts {
                let is_file = part.filename
                    || part.content_type.as_deref().is_some_and(|c| {
                        let c = c.to_ascii_lowercase();
                        !c.starts_with("text/plain") && !c.starts_with("application/json")
                    });
                if is_file {
                    params.files.push(FilePart {
                        name: part.name,
                        content_type: part.content_type,
                        data: part.data,
                    });
                } else {
                    body_pairs.push((part.name, String::from_utf8_lossy(&part.data).into_owned()));
                }
            }
        } else if mime == "application/x-www-form-urlencoded"
            || (!mime.contains("json") && !body.trim_ascii_start().starts_with(b"{"))
        {
            body_pairs = decode_form(body);
        } else {
            body_json = match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(map)) => map,
                Ok(_) => return Err(ApiError::invalid("The request body must be a JSON object.")),
                Err(err) => {
                    return Err(ApiError::invalid(format!(
                        "Invalid JSON in the request body: {err}"
                    )));
                }
            };
        }
    }
    let mut from_body = pairs_to_map(body_pairs, &mut params.access_token);
    for (key, value) in body_json {
        if key == "access_token" {
            params.access_token = value.as_str().map(str::to_owned);
        } else {
            from_body.insert(key, value);
        }
    }
    let mut query_token = None;
    let from_query = pairs_to_map(query.to_vec(), &mut query_token);
    params.access_token = params.access_token.or(query_token);
    params.map = from_body;
    for (key, value) in from_query {
        params.map.entry(key).or_insert(value);
    }
    Ok(params)
}

/// Scalar parameters as text (numbers and booleans written out), for lookups such as
/// `fields`, `limit` or `exp`.
pub(crate) fn flatten(map: &Map<String, Value>) -> HashMap<String, String> {
    map.iter()
        .filter_map(|(k, v)| {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.clone(), text))
        })
        .collect()
}

/// Text pairs into a nested map: JSON-looking values are parsed, brackets nest, and objects
/// whose keys are all indexes become arrays.
fn pairs_to_map(pairs: Vec<(String, String)>, token: &mut Option<String>) -> Map<String, Value> {
    let mut root = Map::new();
    for (key, raw) in pairs {
        if key == "access_token" {
            *token = Some(raw);
            continue;
        }
        let value = text_value(raw);
        let (head, path) = split_key(&key);
        if path.is_empty() {
            root.insert(head, value);
            continue;
        }
        let mut slot = root
            .entry(head)
            .and_modify(|v| {
                if !v.is_object() {
                    *v = Value::Object(Map::new());
                }
            })
            .or_insert_with(|| Value::Object(Map::new()));
        for (i, segment) in path.iter().enumerate() {
            let Value::Object(obj) = slot else { break };
            let segment = if segment.is_empty() {
                obj.len().to_string()
            } else {
                segment.clone()
            };
            let last = i + 1 == path.len();
            let next = obj.entry(segment).or_insert_with(|| {
                if last {
                    Value::Null
                } else {
                    Value::Object(Map::new())
                }
            });
            if last {
                *next = value.clone();
            } else if !next.is_object() {
                *next = Value::Object(Map::new());
            }
            slot = next;
        }
    }
    for value in root.values_mut() {
        arrays_from_indexes(value);
    }
    root
}

/// `a[b][0]` -> (`a`, [`b`, `0`]); a key without brackets has an empty path.
fn split_key(key: &str) -> (String, Vec<String>) {
    let Some(open) = key.find('[').filter(|_| key.ends_with(']')) else {
        return (key.to_owned(), Vec::new());
    };
    let head = key[..open].to_owned();
    let path = key[open + 1..key.len() - 1]
        .split("][")
        .map(str::to_owned)
        .collect();
    (head, path)
}

/// A text parameter: JSON objects and arrays are decoded, everything else stays text.
fn text_value(raw: String) -> Value {
    let trimmed = raw.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(value @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str(trimmed)
    {
        return value;
    }
    Value::String(raw)
}

fn arrays_from_indexes(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for v in map.values_mut() {
                arrays_from_indexes(v);
            }
            let indexes: Option<Vec<usize>> = map.keys().map(|k| k.parse().ok()).collect();
            if let Some(mut indexes) = indexes.filter(|i| !i.is_empty()) {
                indexes.sort_unstable();
                if indexes.iter().enumerate().all(|(i, n)| i == *n) {
                    let mut items: Vec<(usize, Value)> = std::mem::take(map)
                        .into_iter()
                        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
                        .collect();
                    items.sort_by_key(|(i, _)| *i);
                    *value = Value::Array(items.into_iter().map(|(_, v)| v).collect());
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(arrays_from_indexes),
        _ => {}
    }
}

/// `a=1&b=x%20y+z` -> pairs (`+` is a space).
pub(crate) fn decode_form(body: &[u8]) -> Vec<(String, String)> {
    body.split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |b| *b == b'=');
            let key = it.next().unwrap_or_default();
            let value = it.next().unwrap_or_default();
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(input: &[u8]) -> String {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while let Some(&b) = input.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = input
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = hex {
                    out.push(byte);
                    i += 2;
                } else {
                    out.push(b'%');
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One `multipart/form-data` part.
#[derive(Debug)]
struct Part {
    name: String,
    filename: bool,
    content_type: Option<String>,
    data: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A small RFC 7578 parser (the sandbox doesn't need streaming or nested parts).
fn parse_multipart(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let (_, params) = content_type.split_once(';')?;
    let boundary = params.split(';').find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| value.trim().trim_matches('"').to_owned())
    })?;
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find(body, &delimiter, 0)? + delimiter.len();
    loop {
        if body.get(pos..pos + 2) == Some(b"--") {
            return Some(parts);
        }
        let header_start = pos + 2; // CRLF after the delimiter
        let header_end = find(body, b"\r\n\r\n", header_start)?;
        let headers = String::from_utf8_lossy(body.get(header_start..header_end)?).into_owned();
        let data_start = header_end + 4;
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delimiter);
        let data_end = find(body, &closing, data_start)?;
        let mut name = None;
        let mut filename = false;
        let mut content_type = None;
        for line in headers.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            if key.trim().eq_ignore_ascii_case("content-disposition") {
                for p in value.split(';') {
                    let Some((k, v)) = p.split_once('=') else {
                        continue;
                    };
                    match k.trim() {
                        "name" => name = Some(v.trim().trim_matches('"').to_owned()),
                        "filename" | "filename*" => filename = true,
                        _ => {}
                    }
                }
            } else if key.trim().eq_ignore_ascii_case("content-type") {
                content_type = Some(value.trim().to_owned());
            }
        }
        parts.push(Part {
            name: name?,
            filename,
            content_type,
            data: body.get(data_start..data_end)?.to_vec(),
        });
        pos = data_end + closing.len();
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn brackets_and_json_values_nest() {
        let pairs = decode_form(
            b"to=%2B49+151&type=text&text[body]=hi&contacts[0][name][formatted_name]=Ada&template=%7B%22name%22%3A%22x%22%7D",
        );
        let mut token = None;
        let map = pairs_to_map(pairs, &mut token);
        assert_eq!(
            Value::Object(map),
            json!({"to": "+49 151", "type": "text", "text": {"body": "hi"},
                "contacts": [{"name": {"formatted_name": "Ada"}}], "template": {"name": "x"}})
        );
    }

    #[test]
    fn body_wins_and_token_is_taken_out() {
        let query = vec![
            ("access_token".to_owned(), "t".to_owned()),
            ("to".to_owned(), "1".to_owned()),
            ("type".to_owned(), "text".to_owned()),
        ];
        let p = parse(&query, Some("application/json"), br#"{"to":"2"}"#).unwrap();
        assert_eq!(p.access_token.as_deref(), Some("t"));
        assert_eq!(Value::Object(p.map), json!({"to": "2", "type": "text"}));
    }
}
