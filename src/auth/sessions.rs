//! Sign-in, sessions and API tokens. Only sha256 hashes of tokens are stored; a token is shown
//! once, when it is made.

use redb::ReadableTable;

use super::model::{ApiTokenRow, SessionRow, User};
use super::{Auth, MAX_EMAIL_LEN, SESSION_TTL_MS, Viewer, password};
use crate::error::{Error, Result};
use crate::events::Event;
use crate::ids::{secret, sha256_hex};
use crate::store::PutRow;
use crate::store::Tx;
use crate::store::tables::{API_TOKENS, SESSIONS, USERS};

const API_PREFIX: &str = "pat_";
const SESSION_PREFIX: &str = "ps_";
/// API tokens note their last use at most this often, to keep reads from becoming writes.
const LAST_USED_GRANULARITY_MS: i64 = 5 * 60 * 1000;

impl Auth {
    /// Checks the password and opens a session. Unknown emails cost one argon2 verification too.
    pub async fn login(&self, email: &str, pw: &str, addr: &str) -> Result<(String, User)> {
        // Bounded before anything else: no key, lowercase copy or hash input of unbounded size.
        if email.len() > MAX_EMAIL_LEN {
            return Err(Error::validation(
                "email",
                format!("an email address has at most {MAX_EMAIL_LEN} characters"),
            ));
        }
        if pw.len() > password::MAX_INPUT_BYTES {
            return Err(Error::validation(
                "password",
                format!("a password has at most {} characters", password::MAX_LENGTH),
            ));
        }
        let email = email.trim().to_lowercase();
        let now = self.clock.now();
        if let Some(retry_after_secs) = self.throttle.check(&email, addr, now) {
            return Err(Error::RateLimited { retry_after_secs });
        }
        let user = self.user_by_email(&email)?;
        let stored = user
            .as_ref()
            .map_or_else(|| self.dummy_hash.to_string(), |u| u.password_hash.clone());
        let matches = password::verify(pw.to_string(), stored).await;
        let user = match user {
            Some(u) if matches && u.active => u,
            _ => {
                self.throttle.failed(&email, addr, now);
                return Err(Error::validation("password", "wrong email or password"));
            }
        };
        self.throttle.succeeded(&email);
        let token = format!("{SESSION_PREFIX}{}", secret());
        let row = SessionRow {
            user_id: user.id.clone(),
            created_at: now,
            expires_at: now + SESSION_TTL_MS,
        };
        let key = sha256_hex(token.as_bytes());
        self.store
            .write(move |tx| {
                tx.txn.open_table(SESSIONS)?.put(key.as_str(), &row)?;
                Ok(())
            })
            .await?;
        Ok((token, user))
    }

    /// The viewer a session or API token stands for, if it is valid now.
    pub fn authenticate(&self, token: &str) -> Result<Option<Viewer>> {
        let key = sha256_hex(token.as_bytes());
        let now = self.clock.now();
        let tx = self.store.read()?;
        let user_id = if token.starts_with(API_PREFIX) {
            let Some(row) = tx
                .open_table(API_TOKENS)?
                .get(key.as_str())?
                .map(|v| v.value())
                .transpose()?
            else {
                return Ok(None);
            };
            if row.expires_at.is_some_and(|e| e <= now) {
                return Ok(None);
            }
            if row
                .last_used_at
                .is_none_or(|t| now - t > LAST_USED_GRANULARITY_MS)
            {
                self.note_token_use(key, now);
            }
            row.user_id
        } else {
            match tx
                .open_table(SESSIONS)?
                .get(key.as_str())?
                .map(|v| v.value())
                .transpose()?
            {
                Some(s) if s.expires_at > now => s.user_id,
                _ => return Ok(None),
            }
        };
        let user = tx
            .open_table(USERS)?
            .get(user_id.as_str())?
            .map(|v| v.value())
            .transpose()?;
        Ok(user.filter(|u| u.active).map(|user| Viewer {
            user,
            token: token.to_string(),
        }))
    }

    fn note_token_use(&self, key: String, now: i64) {
        let store = self.store.clone();
        tokio::spawn(async move {
            let _ = store
                .write(move |tx| {
                    let mut t = tx.txn.open_table(API_TOKENS)?;
                    let row = t.get(key.as_str())?.map(|v| v.value()).transpose()?;
                    if let Some(mut row) = row {
                        row.last_used_at = Some(now);
                        t.put(key.as_str(), &row)?;
                    }
                    Ok(())
                })
                .await;
        });
    }

    /// Ends the session behind `token`. API tokens are revoked with [`Auth::revoke_api_token`].
    pub async fn logout(&self, token: &str) -> Result<()> {
        let key = sha256_hex(token.as_bytes());
        self.store
            .write(move |tx| {
                let ended = tx
                    .txn
                    .open_table(SESSIONS)?
                    .remove(key.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .map(|s| s.user_id);
                if let Some(user_id) = ended {
                    tx.emit(Event::SessionsEnded { user_id })?;
                }
                Ok(())
            })
            .await
    }

    pub async fn create_api_token(
        &self,
        user_id: &str,
        name: &str,
    ) -> Result<(String, ApiTokenRow)> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(Error::validation(
                "name",
                "token name must have 1 to 80 characters",
            ));
        }
        let now = self.clock.now();
        let token = format!("{API_PREFIX}{}", secret());
        let row = ApiTokenRow {
            id: crate::ids::new_id(now),
            user_id: user_id.to_string(),
            name: name.to_string(),
            created_at: now,
            last_used_at: None,
            expires_at: None,
        };
        let key = sha256_hex(token.as_bytes());
        let stored = row.clone();
        self.store
            .write(move |tx| {
                tx.txn.open_table(API_TOKENS)?.put(key.as_str(), &stored)?;
                Ok(())
            })
            .await?;
        Ok((token, row))
    }

    pub fn api_tokens(&self, user_id: &str) -> Result<Vec<ApiTokenRow>> {
        let tx = self.store.read()?;
        let t = tx.open_table(API_TOKENS)?;
        let mut rows: Vec<ApiTokenRow> = t
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|r| r.user_id == user_id)
            .collect();
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(rows)
    }

    pub async fn revoke_api_token(&self, user_id: &str, token_id: &str) -> Result<()> {
        let (user_id, token_id) = (user_id.to_string(), token_id.to_string());
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(API_TOKENS)?;
                let key = t
                    .iter()?
                    .filter_map(|r| r.ok())
                    .find(|(_, v)| {
                        v.value()
                            .is_ok_and(|v| v.id == token_id && v.user_id == user_id)
                    })
                    .map(|(k, _)| k.value().to_string())
                    .ok_or_else(|| Error::NotFound("API token".into()))?;
                t.remove(key.as_str())?;
                Ok(())
            })
            .await
    }
}

/// Ends every session of `user_id` except the one whose hash is `keep`, inside the caller's
/// write; announces it so open websockets of those sessions close. Returns how many ended.
pub(super) fn end_sessions(tx: &mut Tx<'_>, user_id: &str, keep: Option<&str>) -> Result<usize> {
    let mut t = tx.txn.open_table(SESSIONS)?;
    let mut ended = Vec::new();
    for row in t.iter()? {
        let (k, v) = row?;
        if v.value()?.user_id == user_id && Some(k.value()) != keep {
            ended.push(k.value().to_string());
        }
    }
    for k in &ended {
        t.remove(k.as_str())?;
    }
    drop(t);
    if !ended.is_empty() {
        tx.emit(Event::SessionsEnded {
            user_id: user_id.to_string(),
        })?;
    }
    Ok(ended.len())
}
