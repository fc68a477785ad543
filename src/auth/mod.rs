//! Users, sessions, API tokens, roles (a hierarchy) and groups (F28).

pub mod model;
pub(crate) mod org;
pub mod password;
mod ratelimit;
mod sessions;
mod users;

use std::sync::Arc;

pub use model::{Language, User};
pub use users::{NewUser, UserChanges, normalize_email};

use crate::clock::SharedClock;
use crate::error::{Error, Result};
use crate::store::Store;

const SESSION_TTL_MS: i64 = 14 * 24 * 3600 * 1000;
/// The longest email address (RFC 5321's path limit); longer input is refused before any work.
pub const MAX_EMAIL_LEN: usize = 254;

#[derive(Clone)]
pub struct Auth {
    store: Store,
    clock: SharedClock,
    throttle: Arc<ratelimit::LoginThrottle>,
    /// Verified against when the email is unknown, so both paths cost one argon2 verification.
    dummy_hash: Arc<String>,
}

impl Auth {
    pub async fn new(store: Store, clock: SharedClock) -> Result<Self> {
        let dummy_hash = password::hash(crate::ids::secret()).await?;
        Ok(Self {
            store,
            clock,
            throttle: Arc::default(),
            dummy_hash: Arc::new(dummy_hash),
        })
    }

    /// How many emails and client addresses the login throttle remembers (it is bounded).
    pub fn login_throttle_entries(&self) -> usize {
        self.throttle.entries()
    }
}

/// The signed-in user a request acts for.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    /// The credential used, so `logout` can revoke exactly it.
    pub token: String,
}

impl Viewer {
    pub fn id(&self) -> &str {
        &self.user.id
    }

    pub fn require_admin(&self) -> Result<()> {
        if self.user.is_admin {
            Ok(())
        } else {
            Err(Error::Forbidden("administrators only".into()))
        }
    }
}

impl From<Language> for crate::i18n::Lang {
    /// A user's language setting as the language the server writes to them in.
    fn from(l: Language) -> Self {
        match l {
            Language::En => crate::i18n::Lang::En,
            Language::De => crate::i18n::Lang::De,
        }
    }
}
