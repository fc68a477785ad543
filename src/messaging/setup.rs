//! F1–F3: connecting the WhatsApp Business account, choosing numbers, profiles, deactivation.
//! Credentials are sealed at rest and never leave through the API.

use redb::ReadableTable;
use serde_json::Value;

use super::Messaging;
pub use super::model::{Account, Profile};
use crate::auth::Viewer;
use crate::channel::whatsapp::client::Client;
use crate::error::{Error, Result};
use crate::store::PutRow;
use crate::store::tables::{ACCOUNTS, PROFILES};

const ACCOUNT_KEY: &str = "whatsapp";

impl Profile {
    /// Whether `viewer` may see and use this profile; no one listed means everyone may.
    pub fn usable_by(&self, viewer: &Viewer, groups: &[crate::auth::model::Group]) -> bool {
        if viewer.user.is_admin
            || (self.user_ids.is_empty() && self.group_ids.is_empty() && self.role_ids.is_empty())
        {
            return true;
        }
        let me = viewer.id();
        self.user_ids.iter().any(|u| u == me)
            || viewer
                .user
                .role_id
                .as_ref()
                .is_some_and(|r| self.role_ids.contains(r))
            || groups
                .iter()
                .any(|g| self.group_ids.contains(&g.id) && g.member_ids.iter().any(|m| m == me))
    }
}

pub struct ConnectInput {
    pub waba_id: String,
    pub access_token: String,
    pub app_secret: String,
    pub verify_token: String,
    pub graph_base_url: Option<String>,
}

/// A number of the account and whether it can be linked (F1).
#[derive(Debug, Clone)]
pub struct NumberInfo {
    pub id: String,
    pub display_phone_number: String,
    pub verified_name: String,
    pub verified: bool,
    pub registered: bool,
    /// Why it cannot be used, when it cannot.
    pub ineligible_reason: Option<String>,
    pub quality_rating: Option<String>,
    pub messaging_limit: Option<String>,
    /// The active profile the number is linked to, if any.
    pub linked_profile_id: Option<String>,
}

pub struct NewProfile {
    pub nickname: String,
    pub phone_number_id: String,
    pub unknown_senders: String,
    pub user_ids: Vec<String>,
    pub group_ids: Vec<String>,
    pub role_ids: Vec<String>,
}

/// Changes to a profile; `None` keeps a value. The number cannot change (make a new profile).
#[derive(Default)]
pub struct ProfileChanges {
    pub nickname: Option<String>,
    pub unknown_senders: Option<String>,
    pub user_ids: Option<Vec<String>>,
    pub group_ids: Option<Vec<String>>,
    pub role_ids: Option<Vec<String>>,
}

fn check_nickname(nickname: &str) -> Result<String> {
    let nickname = nickname.trim().to_string();
    if nickname.is_empty() || nickname.chars().count() > 60 {
        return Err(Error::validation(
            "nickname",
            "nickname must have 1 to 60 characters",
        ));
    }
    Ok(nickname)
}

fn check_unknown_senders(module: &str) -> Result<()> {
    if !matches!(module, "Leads" | "Contacts") {
        return Err(Error::validation(
            "unknownSenders",
            "unknown senders become Leads or Contacts",
        ));
    }
    Ok(())
}

/// The account's credentials, opened.
#[derive(Clone)]
pub struct OpenAccount {
    pub waba_id: String,
    pub app_secret: String,
    pub verify_token: String,
    pub client: Client,
}

impl Messaging {
    /// The connected account, opened once and cached (building its HTTP client and decrypting
    /// its secrets is too costly for every webhook); `connect` and `deactivate` reset it.
    pub fn account(&self) -> Result<Option<OpenAccount>> {
        if let Some(a) = self.account_cache.read().clone() {
            return Ok(Some(a));
        }
        let opened = self.open_account()?;
        *self.account_cache.write() = opened.clone();
        Ok(opened)
    }

    fn open_account(&self) -> Result<Option<OpenAccount>> {
        let Some(a) = self
            .store
            .read()?
            .open_table(ACCOUNTS)?
            .get(ACCOUNT_KEY)?
            .map(|v| v.value())
            .transpose()?
        else {
            return Ok(None);
        };
        let base = a
            .graph_base_url
            .clone()
            .unwrap_or_else(|| self.graph_base.clone());
        Ok(Some(OpenAccount {
            client: Client::new(
                &base,
                &self.graph_version,
                &self.sealer.open(&a.access_token)?,
            ),
            app_secret: self.sealer.open(&a.app_secret)?,
            verify_token: self.sealer.open(&a.verify_token)?,
            waba_id: a.waba_id,
        }))
    }

    pub fn account_waba(&self) -> Result<Option<String>> {
        Ok(self
            .store
            .read()?
            .open_table(ACCOUNTS)?
            .get(ACCOUNT_KEY)?
            .map(|v| v.value().map(|a| a.waba_id))
            .transpose()?)
    }

    /// Checks the credentials against the Graph API, then stores them sealed.
    pub async fn connect(&self, input: ConnectInput) -> Result<()> {
        for (field, v) in [
            ("wabaId", &input.waba_id),
            ("accessToken", &input.access_token),
            ("appSecret", &input.app_secret),
            ("verifyToken", &input.verify_token),
        ] {
            if v.trim().is_empty() {
                return Err(Error::validation(field, "required"));
            }
        }
        let base = input
            .graph_base_url
            .clone()
            .unwrap_or_else(|| self.graph_base.clone());
        let client = Client::new(&base, &self.graph_version, input.access_token.trim());
        client
            .phone_numbers(input.waba_id.trim())
            .await
            .map_err(super::upstream)?;
        client
            .subscribe_app(input.waba_id.trim())
            .await
            .map_err(super::upstream)?;
        let account = Account {
            waba_id: input.waba_id.trim().to_string(),
            access_token: self.sealer.seal(input.access_token.trim())?,
            app_secret: self.sealer.seal(input.app_secret.trim())?,
            verify_token: self.sealer.seal(input.verify_token.trim())?,
            graph_base_url: input.graph_base_url,
            connected_at: self.clock.now(),
        };
        self.store
            .write(move |tx| {
                tx.txn.open_table(ACCOUNTS)?.put(ACCOUNT_KEY, &account)?;
                Ok(())
            })
            .await?;
        *self.account_cache.write() = None;
        Ok(())
    }

    /// The account's numbers with their eligibility for a new profile.
    pub async fn numbers(&self) -> Result<Vec<NumberInfo>> {
        let acc = self
            .account()?
            .ok_or_else(|| Error::Conflict("connect a WhatsApp Business account first".into()))?;
        let raw = acc
            .client
            .phone_numbers(&acc.waba_id)
            .await
            .map_err(super::upstream)?;
        let linked: Vec<Profile> = self.profiles()?.into_iter().filter(|p| p.active).collect();
        Ok(raw.iter().map(|n| number_info(n, &linked)).collect())
    }

    /// Reads every active profile's quality rating and messaging-limit tier from the Graph
    /// API (N9) and stores what changed.
    pub async fn sync_quality(&self) -> Result<Vec<Profile>> {
        let numbers = self.numbers().await?;
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(PROFILES)?;
                let all: Vec<Profile> = t
                    .iter()?
                    .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                    .collect();
                let mut out = vec![];
                for mut p in all {
                    if let Some(n) = numbers.iter().find(|n| n.id == p.phone_number_id) {
                        if n.quality_rating.is_some() {
                            p.quality_rating.clone_from(&n.quality_rating);
                        }
                        if n.messaging_limit.is_some() {
                            p.messaging_limit.clone_from(&n.messaging_limit);
                        }
                        t.put(p.id.as_str(), &p)?;
                    }
                    out.push(p);
                }
                Ok(out)
            })
            .await
    }

    pub async fn register_number(&self, phone_number_id: &str, pin: &str) -> Result<()> {
        if pin.len() != 6 || !pin.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::validation(
                "pin",
                "the two-step verification PIN has 6 digits",
            ));
        }
        let acc = self
            .account()?
            .ok_or_else(|| Error::Conflict("connect a WhatsApp Business account first".into()))?;
        acc.client
            .register(phone_number_id, pin)
            .await
            .map_err(super::upstream)
    }

    /// A new, active profile on a number that can send: verified, registered (else Meta
    /// refuses every send with 133010) and not linked to another active profile.
    pub async fn create_profile(&self, input: NewProfile) -> Result<Profile> {
        let nickname = check_nickname(&input.nickname)?;
        check_unknown_senders(&input.unknown_senders)?;
        let number = self
            .numbers()
            .await?
            .into_iter()
            .find(|n| n.id == input.phone_number_id)
            .ok_or_else(|| Error::validation("phoneNumberId", "the account has no such number"))?;
        if let Some(why) = number.ineligible_reason {
            return Err(Error::validation("phoneNumberId", why));
        }
        let now = self.clock.now();
        let profile = Profile {
            id: crate::ids::new_id(now),
            nickname,
            phone_number_id: number.id,
            display_phone_number: number.display_phone_number,
            unknown_senders: input.unknown_senders,
            user_ids: input.user_ids,
            group_ids: input.group_ids,
            role_ids: input.role_ids,
            active: true,
            created_at: now,
            quality_rating: number.quality_rating,
            messaging_limit: number.messaging_limit,
        };
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(PROFILES)?;
                let taken = t.iter()?.filter_map(|r| r.ok()).any(|(_, p)| {
                    p.value()
                        .is_ok_and(|p| p.active && p.phone_number_id == profile.phone_number_id)
                });
                if taken {
                    return Err(Error::Conflict(
                        "another profile already uses this number".into(),
                    ));
                }
                t.put(profile.id.as_str(), &profile)?;
                Ok(profile.clone())
            })
            .await
    }

    /// Changes a profile's name, where unknown senders go, and who may use it.
    pub async fn update_profile(&self, id: &str, changes: ProfileChanges) -> Result<Profile> {
        let nickname = changes
            .nickname
            .as_deref()
            .map(check_nickname)
            .transpose()?;
        if let Some(m) = &changes.unknown_senders {
            check_unknown_senders(m)?;
        }
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(PROFILES)?;
                let mut p: Profile = t
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("profile".into()))?;
                if let Some(n) = &nickname {
                    p.nickname.clone_from(n);
                }
                if let Some(m) = &changes.unknown_senders {
                    p.unknown_senders.clone_from(m);
                }
                if let Some(u) = &changes.user_ids {
                    p.user_ids.clone_from(u);
                }
                if let Some(g) = &changes.group_ids {
                    p.group_ids.clone_from(g);
                }
                if let Some(r) = &changes.role_ids {
                    p.role_ids.clone_from(r);
                }
                t.put(p.id.as_str(), &p)?;
                Ok(p)
            })
            .await
    }

    /// Switches a profile off (it stops sending and receiving; its conversations stay) or on
    /// again, which needs what a new profile needs: a connected account and a verified,
    /// registered number no other active profile uses.
    pub async fn set_profile_active(&self, id: &str, active: bool) -> Result<Profile> {
        let current = self
            .profile(id)?
            .ok_or_else(|| Error::NotFound("profile".into()))?;
        if active && !current.active {
            let number = self
                .numbers()
                .await?
                .into_iter()
                .find(|n| n.id == current.phone_number_id)
                .ok_or_else(|| {
                    Error::Conflict("the account no longer has this profile's number".into())
                })?;
            if let Some(why) = number.ineligible_reason {
                return Err(Error::Conflict(why));
            }
        }
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(PROFILES)?;
                let all: Vec<Profile> = t
                    .iter()?
                    .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                    .collect();
                let mut p = all
                    .iter()
                    .find(|p| p.id == id)
                    .cloned()
                    .ok_or_else(|| Error::NotFound("profile".into()))?;
                if active
                    && all
                        .iter()
                        .any(|o| o.id != p.id && o.active && o.phone_number_id == p.phone_number_id)
                {
                    return Err(Error::Conflict(
                        "another profile already uses this number".into(),
                    ));
                }
                p.active = active;
                t.put(p.id.as_str(), &p)?;
                Ok(p)
            })
            .await
    }

    /// Whether a conversation of `profile_id` can send and receive now: the account is
    /// connected and the profile active.
    pub fn channel_on(&self, profile_id: &str) -> Result<bool> {
        Ok(self.account_waba()?.is_some() && self.profile(profile_id)?.is_some_and(|p| p.active))
    }

    /// "Yes, Delete": credentials go, profiles stop sending and receiving, history stays (F3).
    pub async fn deactivate(&self) -> Result<()> {
        self.store
            .write(|tx| {
                tx.txn.open_table(ACCOUNTS)?.remove(ACCOUNT_KEY)?;
                let mut t = tx.txn.open_table(PROFILES)?;
                let all: Vec<Profile> = t
                    .iter()?
                    .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                    .collect();
                for mut p in all {
                    p.active = false;
                    t.put(p.id.as_str(), &p)?;
                }
                Ok(())
            })
            .await?;
        *self.account_cache.write() = None;
        Ok(())
    }

    pub fn profiles(&self) -> Result<Vec<Profile>> {
        let tx = self.store.read()?;
        let t = tx.open_table(PROFILES)?;
        t.iter()?.map(|r| Ok(r?.1.value()?)).collect()
    }

    pub fn profile(&self, id: &str) -> Result<Option<Profile>> {
        Ok(self
            .store
            .read()?
            .open_table(PROFILES)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?)
    }

    /// Active profiles `viewer` may use.
    pub fn profiles_for(&self, viewer: &Viewer) -> Result<Vec<Profile>> {
        let groups = self.auth.groups()?;
        Ok(self
            .profiles()?
            .into_iter()
            .filter(|p| p.active && p.usable_by(viewer, &groups))
            .collect())
    }

    pub fn profile_by_number(&self, phone_number_id: &str) -> Result<Option<Profile>> {
        Ok(self
            .profiles()?
            .into_iter()
            .find(|p| p.active && p.phone_number_id == phone_number_id))
    }
}

fn number_info(n: &Value, linked: &[Profile]) -> NumberInfo {
    let s = |k: &str| {
        n.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let id = s("id");
    let verified = s("code_verification_status") == "VERIFIED";
    let status = s("status");
    let registered = status == "CONNECTED";
    let linked_to = linked.iter().find(|p| p.phone_number_id == id);
    let ineligible_reason = if !verified {
        Some("the number is not verified yet: verify it in Meta's WhatsApp Manager".to_string())
    } else if let Some(p) = linked_to {
        Some(format!("linked to the profile \"{}\"", p.nickname))
    } else if !registered && status != "MIGRATED" && s("platform_type") != "ON_PREMISE" {
        Some(
            "not registered for the Cloud API yet: register it with its two-step verification PIN"
                .to_string(),
        )
    } else if status == "MIGRATED" || s("platform_type") == "ON_PREMISE" {
        Some(
            "in use by another WhatsApp product; migrating numbers in use is not supported"
                .to_string(),
        )
    } else {
        None
    };
    NumberInfo {
        display_phone_number: s("display_phone_number"),
        verified_name: s("verified_name"),
        id,
        verified,
        registered,
        ineligible_reason,
        quality_rating: Some(s("quality_rating")).filter(|q| !q.is_empty()),
        messaging_limit: Some(s("messaging_limit_tier")).filter(|q| !q.is_empty()),
        linked_profile_id: linked_to.map(|p| p.id.clone()),
    }
}
