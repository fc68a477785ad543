//! The Resumable Upload API, as far as template media headers need it: `GET /app` (the app of
//! the token), `POST /{app-id}/uploads?file_name&file_length&file_type` (an upload session),
//! and `POST /upload:{session}` with `file_offset: 0` and the bytes, answering the handle `h`
//! that `example.header_handle` takes. Sessions live in memory (a restart forgets open ones).

use std::sync::Arc;

use base64::Engine as _;
use serde_json::{Value, json};

use super::Shared;
use super::errors::ApiError;
use super::http::Call;

/// The simulated app's id.
pub(crate) const APP_ID: &str = "100000000000777";
const MAX_HEADER_BYTES: usize = 100 * 1024 * 1024;
const MAX_OPEN_SESSIONS: usize = 1_000;

/// `GET /app`.
pub(crate) fn app() -> Value {
    json!({ "id": APP_ID, "name": "Parley simulator app" })
}

/// `POST /{app-id}/uploads`.
pub(crate) fn start(inner: &Arc<Shared>, call: &Call) -> Result<Value, ApiError> {
    let length = call
        .query("file_length")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| *l > 0 && *l <= MAX_HEADER_BYTES)
        .ok_or_else(|| ApiError::invalid("Param file_length must be a positive size."))?;
    let mime = call
        .query("file_type")
        .filter(|t| {
            matches!(
                *t,
                "image/jpeg" | "image/jpg" | "image/png" | "video/mp4" | "application/pdf"
            )
        })
        .ok_or_else(|| {
            ApiError::invalid(
                "Param file_type must be one of image/jpeg, image/png, video/mp4, application/pdf.",
            )
        })?
        .to_owned();
    let mut st = inner.state.lock();
    // Sessions never finished are forgotten once too many are open.
    if st.upload_sessions.len() >= MAX_OPEN_SESSIONS {
        st.upload_sessions.clear();
    }
    let id = format!("upload:{}", st.fresh_id());
    st.upload_sessions.insert(id.clone(), (length, mime));
    Ok(json!({ "id": id }))
}

/// `POST /upload:{session}` with the whole file from offset 0.
pub(crate) fn finish(
    inner: &Arc<Shared>,
    session: &str,
    offset: Option<&str>,
    body: &[u8],
) -> Result<Value, ApiError> {
    if offset.is_some_and(|o| o.trim() != "0") {
        return Err(ApiError::invalid(
            "The simulator takes the whole file at file_offset 0.",
        ));
    }
    let mut st = inner.state.lock();
    let (length, mime) = st
        .upload_sessions
        .remove(session)
        .ok_or_else(|| ApiError::unknown_object(&poem::http::Method::POST, session))?;
    if body.len() != length {
        return Err(ApiError::invalid(format!(
            "The upload has {} bytes; the session was opened for {length}.",
            body.len()
        )));
    }
    let digest = crate::ids::sha256_hex(body);
    let handle = format!(
        "4::{}",
        base64::engine::general_purpose::STANDARD.encode(format!("{mime}:{digest}"))
    );
    Ok(json!({ "h": handle }))
}
