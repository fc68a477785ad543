//! The Cloud API client (reqwest). The same code talks to graph.facebook.com in production and
//! to the in-process simulator in tests and `demo`. Tokens are sent, never logged.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};

/// Meta's error envelope, typed; `retryable` follows Meta's code table.
#[derive(Debug, Clone, thiserror::Error)]
#[error("(#{code}) {message}")]
pub struct GraphError {
    pub http_status: u16,
    pub code: i64,
    pub subcode: Option<i64>,
    pub message: String,
    pub details: Option<String>,
    pub retryable: bool,
}

impl GraphError {
    fn transport(e: &reqwest::Error) -> Self {
        // Timeouts and connection failures: the request may or may not have arrived.
        GraphError {
            http_status: 0,
            code: 0,
            subcode: None,
            message: format!("transport: {e}"),
            details: None,
            retryable: true,
        }
    }
}

/// Codes worth retrying with backoff (spec §9.3).
pub fn is_retryable(code: i64, http_status: u16) -> bool {
    matches!(
        code,
        1 | 2 | 4 | 80007 | 130429 | 131000 | 131016 | 131056 | 131057 | 133004
    ) || http_status >= 500
}

/// Why a capped download stopped.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DownloadError {
    #[error(transparent)]
    Graph(GraphError),
    #[error("larger than the {limit}-byte limit")]
    TooLarge { limit: u64 },
    #[error("cannot write: {0}")]
    Io(String),
}

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    version: String,
    token: String,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone)]
pub struct Accepted {
    pub wamid: String,
    pub wa_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MediaInfo {
    pub url: String,
    #[serde(default)]
    pub mime_type: Option<String>,
    #[serde(default)]
    pub sha256: Option<String>,
}

impl Client {
    pub fn new(base: &str, version: &str, token: &str) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_default();
        Client {
            http,
            base: base.trim_end_matches('/').to_string(),
            version: version.to_string(),
            token: token.to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!(
            "{}/{}/{}",
            self.base,
            self.version,
            path.trim_start_matches('/')
        )
    }

    async fn call(&self, req: reqwest::RequestBuilder) -> Result<Value, GraphError> {
        self.call_as(req.bearer_auth(&self.token)).await
    }

    /// A request that already carries its authorization.
    async fn call_as(&self, req: reqwest::RequestBuilder) -> Result<Value, GraphError> {
        let resp = req.send().await.map_err(|e| GraphError::transport(&e))?;
        let status = resp.status().as_u16();
        let body: Value = resp.json().await.unwrap_or(Value::Null);
        if (200..300).contains(&status) {
            return Ok(body);
        }
        let err = body.get("error").cloned().unwrap_or(Value::Null);
        let code = err.get("code").and_then(Value::as_i64).unwrap_or(0);
        Err(GraphError {
            http_status: status,
            code,
            subcode: err.get("error_subcode").and_then(Value::as_i64),
            message: err
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("request failed")
                .to_string(),
            details: err
                .pointer("/error_data/details")
                .and_then(Value::as_str)
                .map(String::from),
            retryable: is_retryable(code, status),
        })
    }

    pub async fn phone_numbers(&self, waba: &str) -> Result<Vec<Value>, GraphError> {
        let fields = "id,display_phone_number,verified_name,code_verification_status,quality_rating,platform_type,status,name_status,messaging_limit_tier";
        let v = self
            .call(
                self.http
                    .get(self.url(&format!("{waba}/phone_numbers")))
                    .query(&[("fields", fields)]),
            )
            .await?;
        Ok(v.get("data")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default())
    }

    pub async fn register(&self, pnid: &str, pin: &str) -> Result<(), GraphError> {
        let body = json!({"messaging_product": "whatsapp", "pin": pin});
        self.call(
            self.http
                .post(self.url(&format!("{pnid}/register")))
                .json(&body),
        )
        .await
        .map(drop)
    }

    pub async fn subscribe_app(&self, waba: &str) -> Result<(), GraphError> {
        self.call(self.http.post(self.url(&format!("{waba}/subscribed_apps"))))
            .await
            .map(drop)
    }

    /// Sends any message body (text, template, media, reaction); answers Meta's wamid.
    pub async fn send(&self, pnid: &str, body: &Value) -> Result<Accepted, GraphError> {
        let v = self
            .call(
                self.http
                    .post(self.url(&format!("{pnid}/messages")))
                    .json(body),
            )
            .await?;
        let wamid = v
            .pointer("/messages/0/id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let wa_id = v
            .pointer("/contacts/0/wa_id")
            .and_then(Value::as_str)
            .map(String::from);
        Ok(Accepted { wamid, wa_id })
    }

    pub async fn mark_read(&self, pnid: &str, wamid: &str) -> Result<(), GraphError> {
        let body = json!({"messaging_product": "whatsapp", "status": "read", "message_id": wamid});
        self.call(
            self.http
                .post(self.url(&format!("{pnid}/messages")))
                .json(&body),
        )
        .await
        .map(drop)
    }

    pub async fn upload_media(
        &self,
        pnid: &str,
        bytes: Vec<u8>,
        mime: &str,
        filename: &str,
    ) -> Result<String, GraphError> {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(filename.to_string())
            .mime_str(mime)
            .map_err(|e| GraphError::transport(&e))?;
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_string())
            .part("file", part);
        let v = self
            .call(
                self.http
                    .post(self.url(&format!("{pnid}/media")))
                    .multipart(form),
            )
            .await?;
        Ok(v.get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string())
    }

    /// Uploads a file with the Resumable Upload API (the app of the token, an upload session,
    /// then the bytes from offset 0); answers the handle (`h`) that template creation takes as
    /// a media header's example.
    pub async fn upload_handle(
        &self,
        bytes: Vec<u8>,
        mime: &str,
        file_name: &str,
    ) -> Result<String, GraphError> {
        let app = self.call(self.http.get(self.url("app"))).await?;
        let app_id = app.get("id").and_then(Value::as_str).unwrap_or_default();
        let session = self
            .call(
                self.http
                    .post(self.url(&format!("{app_id}/uploads")))
                    .query(&[
                        ("file_name", file_name.to_string()),
                        ("file_length", bytes.len().to_string()),
                        ("file_type", mime.to_string()),
                    ]),
            )
            .await?;
        let session = session
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let done = self
            .call_as(
                self.http
                    .post(self.url(session))
                    .header("authorization", format!("OAuth {}", self.token))
                    .header("file_offset", "0")
                    .body(bytes),
            )
            .await?;
        Ok(done
            .get("h")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string())
    }

    pub async fn media_info(&self, media_id: &str) -> Result<MediaInfo, GraphError> {
        let v = self.call(self.http.get(self.url(media_id))).await?;
        serde_json::from_value(v).map_err(|e| GraphError {
            http_status: 200,
            code: 0,
            subcode: None,
            message: format!("unexpected media answer: {e}"),
            details: None,
            retryable: false,
        })
    }

    /// Streams media from the short-lived URL (it needs the bearer token too) into `sink`, refusing it as soon as it is known to
    /// exceed `limit` bytes (by its Content-Length, else while reading), so an oversized file is
    /// never held whole. Answers the byte count.
    pub async fn download_capped(
        &self,
        url: &str,
        limit: u64,
        mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> Result<u64, DownloadError> {
        let mut resp = self
            .http
            .get(url)
            .bearer_auth(&self.token)
            .timeout(Duration::from_secs(300))
            .send()
            .await
            .map_err(|e| DownloadError::Graph(GraphError::transport(&e)))?;
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(DownloadError::Graph(GraphError {
                http_status: status,
                code: 0,
                subcode: None,
                message: format!("media download answered {status}"),
                details: None,
                retryable: status >= 500 || status == 429,
            }));
        }
        if resp.content_length().is_some_and(|n| n > limit) {
            return Err(DownloadError::TooLarge { limit });
        }
        let mut total = 0u64;
        while let Some(chunk) = resp
            .chunk()
            .await
            .map_err(|e| DownloadError::Graph(GraphError::transport(&e)))?
        {
            total += chunk.len() as u64;
            if total > limit {
                return Err(DownloadError::TooLarge { limit });
            }
            sink(&chunk).map_err(|e| DownloadError::Io(e.to_string()))?;
        }
        Ok(total)
    }

    pub async fn create_template(&self, waba: &str, body: &Value) -> Result<Value, GraphError> {
        self.call(
            self.http
                .post(self.url(&format!("{waba}/message_templates")))
                .json(body),
        )
        .await
    }

    pub async fn edit_template(&self, template_id: &str, body: &Value) -> Result<(), GraphError> {
        self.call(self.http.post(self.url(template_id)).json(body))
            .await
            .map(drop)
    }

    /// Every template of the account, following Meta's cursor paging.
    pub async fn list_templates(&self, waba: &str) -> Result<Vec<Value>, GraphError> {
        let mut out = vec![];
        let mut after: Option<String> = None;
        loop {
            let mut q = vec![
                (
                    "fields",
                    "id,name,status,category,language,components".to_string(),
                ),
                ("limit", "100".into()),
            ];
            if let Some(a) = &after {
                q.push(("after", a.clone()));
            }
            let v = self
                .call(
                    self.http
                        .get(self.url(&format!("{waba}/message_templates")))
                        .query(&q),
                )
                .await?;
            out.extend(
                v.get("data")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            );
            after = v
                .pointer("/paging/cursors/after")
                .and_then(Value::as_str)
                .map(String::from);
            if after.is_none() || v.pointer("/paging/next").is_none() {
                return Ok(out);
            }
        }
    }

    pub async fn delete_template(&self, waba: &str, name: &str) -> Result<(), GraphError> {
        let req = self
            .http
            .delete(self.url(&format!("{waba}/message_templates")))
            .query(&[("name", name)]);
        self.call(req).await.map(drop)
    }
}
