//! Creating, finding and changing users.

use redb::{ReadableTable, ReadableTableMetadata};

use super::model::{Language, User};
use super::{Auth, password};
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{ROLES, USER_EMAILS, USERS};

#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password: String,
    pub is_admin: bool,
    pub role_id: Option<String>,
    pub language: Language,
}

#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub name: Option<String>,
    pub is_admin: Option<bool>,
    pub role_id: Option<Option<String>>,
    pub active: Option<bool>,
    pub language: Option<Language>,
    pub message_alerts: Option<bool>,
    pub welcome_dismissed: Option<bool>,
}

pub fn normalize_email(email: &str) -> Result<String> {
    let e = email.trim().to_lowercase();
    let valid = e.len() <= super::MAX_EMAIL_LEN
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        })
        && !e.contains(char::is_whitespace);
    if valid {
        Ok(e)
    } else {
        Err(Error::validation(
            "email",
            format!("'{}' is not an email address", email.trim()),
        ))
    }
}

fn clean_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 120 {
        return Err(Error::validation(
            "name",
            "name must have 1 to 120 characters",
        ));
    }
    Ok(n.to_string())
}

impl Auth {
    pub async fn create_user(&self, input: NewUser) -> Result<User> {
        let email = normalize_email(&input.email)?;
        let name = clean_name(&input.name)?;
        password::check_policy(&input.password)?;
        let password_hash = password::hash(input.password).await?;
        let now = self.clock.now();
        let user = User {
            id: crate::ids::new_id(now),
            email,
            name,
            password_hash,
            is_admin: input.is_admin,
            language: input.language,
            role_id: input.role_id,
            active: true,
            created_at: now,
            message_alerts: true,
            welcome_dismissed: false,
        };
        self.store
            .write(move |tx| {
                let mut emails = tx.txn.open_table(USER_EMAILS)?;
                if emails.get(user.email.as_str())?.is_some() {
                    return Err(Error::Conflict(format!(
                        "a user with email {} exists",
                        user.email
                    )));
                }
                if let Some(r) = &user.role_id
                    && tx.txn.open_table(ROLES)?.get(r.as_str())?.is_none()
                {
                    return Err(Error::validation("roleId", "no such role"));
                }
                emails.insert(user.email.as_str(), user.id.as_str())?;
                tx.txn.open_table(USERS)?.put(user.id.as_str(), &user)?;
                tx.emit(Event::UserChanged {
                    user_id: user.id.clone(),
                })?;
                Ok(user.clone())
            })
            .await
    }

    pub fn user(&self, id: &str) -> Result<Option<User>> {
        let tx = self.store.read()?;
        Ok(tx
            .open_table(USERS)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?)
    }

    pub fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let tx = self.store.read()?;
        let Some(id) = tx
            .open_table(USER_EMAILS)?
            .get(email.trim().to_lowercase().as_str())?
            .map(|v| v.value().to_string())
        else {
            return Ok(None);
        };
        Ok(tx
            .open_table(USERS)?
            .get(id.as_str())?
            .map(|v| v.value())
            .transpose()?)
    }

    /// All users, oldest first (ids are time-ordered).
    pub fn users(&self) -> Result<Vec<User>> {
        let tx = self.store.read()?;
        let t = tx.open_table(USERS)?;
        t.iter()?.map(|r| Ok(r?.1.value()?)).collect()
    }

    pub fn user_count(&self) -> Result<u64> {
        Ok(self.store.read()?.open_table(USERS)?.len()?)
    }

    pub async fn update_user(&self, id: &str, changes: UserChanges) -> Result<User> {
        let name = changes.name.as_deref().map(clean_name).transpose()?;
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut users = tx.txn.open_table(USERS)?;
                let mut user = users
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("user".into()))?;
                if let Some(n) = &name {
                    user.name = n.clone();
                }
                if let Some(a) = changes.is_admin {
                    user.is_admin = a;
                }
                if let Some(r) = &changes.role_id {
                    if let Some(r) = r
                        && tx.txn.open_table(ROLES)?.get(r.as_str())?.is_none()
                    {
                        return Err(Error::validation("roleId", "no such role"));
                    }
                    user.role_id = r.clone();
                }
                if let Some(a) = changes.active {
                    user.active = a;
                }
                if let Some(l) = changes.language {
                    user.language = l;
                }
                if let Some(a) = changes.message_alerts {
                    user.message_alerts = a;
                }
                if let Some(d) = changes.welcome_dismissed {
                    user.welcome_dismissed = d;
                }
                users.put(user.id.as_str(), &user)?;
                tx.emit(Event::UserChanged {
                    user_id: user.id.clone(),
                })?;
                Ok(user)
            })
            .await
    }

    /// Changes the viewer's own password and ends their other sessions; the session behind
    /// `keep_token` (the one making the change) stays signed in. API tokens are not sessions
    /// and stay valid until revoked.
    pub async fn change_password(
        &self,
        user_id: &str,
        current: String,
        new: String,
        keep_token: &str,
    ) -> Result<()> {
        let user = self
            .user(user_id)?
            .ok_or_else(|| Error::NotFound("user".into()))?;
        // Guessing the current password is throttled like guessing at sign-in.
        let now = self.clock.now();
        if let Some(retry_after_secs) = self.throttle.check_email(&user.email, now) {
            return Err(Error::RateLimited { retry_after_secs });
        }
        if current.len() > password::MAX_INPUT_BYTES
            || !password::verify(current, user.password_hash.clone()).await
        {
            self.throttle.failed_email(&user.email, now);
            return Err(Error::validation(
                "currentPassword",
                "the current password is wrong",
            ));
        }
        let keep = crate::ids::sha256_hex(keep_token.as_bytes());
        self.store_password(user_id, new, Some(keep)).await
    }

    /// Sets a password (administration, `demo --admin-password`) and ends all of the user's
    /// sessions.
    pub async fn set_password(&self, user_id: &str, new: String) -> Result<()> {
        self.store_password(user_id, new, None).await
    }

    async fn store_password(&self, user_id: &str, new: String, keep: Option<String>) -> Result<()> {
        password::check_policy(&new)?;
        let hash = password::hash(new).await?;
        let id = user_id.to_string();
        self.store
            .write(move |tx| {
                let mut users = tx.txn.open_table(USERS)?;
                let mut user = users
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("user".into()))?;
                user.password_hash = hash.clone();
                users.put(id.as_str(), &user)?;
                drop(users);
                super::sessions::end_sessions(tx, &id, keep.as_deref())?;
                Ok(())
            })
            .await
    }
}
