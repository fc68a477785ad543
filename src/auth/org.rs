//! Roles (a reporting hierarchy) and groups. A user sees what they own and what users in roles
//! below theirs own; administrators see everything.

use std::collections::{HashMap, HashSet};

use redb::ReadableTable;

use super::model::{Group, Role, User};
use super::{Auth, Viewer};
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{GROUPS, ROLES, USERS};

impl Auth {
    pub fn roles(&self) -> Result<Vec<Role>> {
        let tx = self.store.read()?;
        let t = tx.open_table(ROLES)?;
        t.iter()?.map(|r| Ok(r?.1.value()?)).collect()
    }

    pub fn role(&self, id: &str) -> Result<Option<Role>> {
        Ok(self
            .store
            .read()?
            .open_table(ROLES)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?)
    }

    pub async fn create_role(&self, name: &str, parent_id: Option<String>) -> Result<Role> {
        let name = name.trim().to_string();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(Error::validation(
                "name",
                "role name must have 1 to 80 characters",
            ));
        }
        let role = Role {
            id: crate::ids::new_id(self.clock.now()),
            name,
            parent_id,
        };
        self.store
            .write(move |tx| {
                let mut roles = tx.txn.open_table(ROLES)?;
                if let Some(p) = &role.parent_id
                    && roles.get(p.as_str())?.is_none()
                {
                    return Err(Error::validation("parentId", "no such parent role"));
                }
                roles.put(role.id.as_str(), &role)?;
                Ok(role.clone())
            })
            .await
    }

    /// Deletes a role nobody holds and no role reports to.
    pub async fn delete_role(&self, id: &str) -> Result<()> {
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let mut roles = tx.txn.open_table(ROLES)?;
                if roles.get(id.as_str())?.is_none() {
                    return Err(Error::NotFound("role".into()));
                }
                if roles
                    .iter()?
                    .filter_map(|r| r.ok())
                    .any(|(_, r)| r.value().is_ok_and(|r| r.parent_id.as_deref() == Some(&id)))
                {
                    return Err(Error::Conflict("other roles report to this role".into()));
                }
                let users = tx.txn.open_table(USERS)?;
                if users
                    .iter()?
                    .filter_map(|r| r.ok())
                    .any(|(_, u)| u.value().is_ok_and(|u| u.role_id.as_deref() == Some(&id)))
                {
                    return Err(Error::Conflict("users still hold this role".into()));
                }
                roles.remove(id.as_str())?;
                Ok(())
            })
            .await
    }

    /// Whose records `viewer` may see: `None` means everyone's. Derived from [`Hierarchy::sees`]
    /// over every user, so it is the same rule that decides who is told of a record's messages.
    pub fn visible_owners(&self, viewer: &Viewer) -> Result<Option<HashSet<String>>> {
        if viewer.user.is_admin {
            return Ok(None);
        }
        let mut owners = HashSet::from([viewer.user.id.clone()]);
        if viewer.user.role_id.is_none() {
            return Ok(Some(owners));
        }
        let tx = self.store.read()?;
        let roles = tx.open_table(ROLES)?;
        let hierarchy = Hierarchy::new(roles.iter()?.map(|r| Ok(r?.1.value()?)))?;
        for row in tx.open_table(USERS)?.iter()? {
            let u = row?.1.value()?;
            if hierarchy.sees(&viewer.user, Some(&u)) {
                owners.insert(u.id);
            }
        }
        Ok(Some(owners))
    }

    pub fn groups(&self) -> Result<Vec<Group>> {
        let tx = self.store.read()?;
        let t = tx.open_table(GROUPS)?;
        t.iter()?.map(|r| Ok(r?.1.value()?)).collect()
    }

    pub async fn create_group(&self, name: &str, member_ids: Vec<String>) -> Result<Group> {
        let name = name.trim().to_string();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(Error::validation(
                "name",
                "group name must have 1 to 80 characters",
            ));
        }
        let id = crate::ids::new_id(self.clock.now());
        self.save_group(
            Group {
                id,
                name,
                member_ids: vec![],
            },
            member_ids,
            false,
        )
        .await
    }

    pub async fn set_group_members(&self, id: &str, member_ids: Vec<String>) -> Result<Group> {
        let group = Group {
            id: id.to_string(),
            name: String::new(),
            member_ids: vec![],
        };
        self.save_group(group, member_ids, true).await
    }

    /// Stores `group` with `members`; each newly added member is notified (`notify` follows
    /// [`Event::GroupMembersAdded`] in this transaction). An `existing` group
    /// is read again in the transaction (its name and members as they are now; gone if deleted).
    async fn save_group(
        &self,
        group: Group,
        members: Vec<String>,
        existing: bool,
    ) -> Result<Group> {
        let now = self.clock.now();
        let mut seen = HashSet::new();
        let members: Vec<String> = members
            .into_iter()
            .filter(|m| seen.insert(m.clone()))
            .collect();
        self.store
            .write(move |tx| {
                let mut group = group.clone();
                if existing {
                    group = tx
                        .txn
                        .open_table(GROUPS)?
                        .get(group.id.as_str())?
                        .map(|v| v.value())
                        .transpose()?
                        .ok_or_else(|| Error::NotFound("group".into()))?;
                }
                let before: HashSet<String> = group.member_ids.iter().cloned().collect();
                group.member_ids.clone_from(&members);
                let users = tx.txn.open_table(USERS)?;
                for m in &group.member_ids {
                    if users.get(m.as_str())?.is_none() {
                        return Err(Error::validation("memberIds", format!("no user {m}")));
                    }
                }
                drop(users);
                tx.txn.open_table(GROUPS)?.put(group.id.as_str(), &group)?;
                let added: Vec<String> = group
                    .member_ids
                    .iter()
                    .filter(|m| !before.contains(*m))
                    .cloned()
                    .collect();
                if !added.is_empty() {
                    tx.emit(Event::GroupMembersAdded {
                        group_id: group.id.clone(),
                        user_ids: added,
                        at: now,
                    })?;
                }
                Ok(group.clone())
            })
            .await
    }

    pub async fn delete_group(&self, id: &str) -> Result<()> {
        let id = id.to_string();
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(GROUPS)?
                    .remove(id.as_str())?
                    .ok_or_else(|| Error::NotFound("group".into()))?;
                Ok(())
            })
            .await
    }
}

/// The role hierarchy as stored (role id → parent role id), and the one place the visibility
/// rule is written ([`Hierarchy::sees`]): what a viewer may see ([`Auth::visible_owners`]) and who
/// is told of a record's messages ([`users_who_see`]) both derive from it.
pub struct Hierarchy {
    parents: HashMap<String, Option<String>>,
}

impl Hierarchy {
    pub fn new(roles: impl IntoIterator<Item = Result<Role>>) -> Result<Self> {
        let mut parents = HashMap::new();
        for r in roles {
            let r = r?;
            parents.insert(r.id, r.parent_id);
        }
        Ok(Self { parents })
    }

    /// Whether `viewer` sees a record owned by `owner` (`None`: a conversation without a
    /// record, or an owner who no longer exists): administrators see everything, a user sees
    /// what they own and what users in roles strictly below theirs own.
    pub fn sees(&self, viewer: &User, owner: Option<&User>) -> bool {
        viewer.is_admin
            || owner.is_some_and(|o| {
                o.id == viewer.id
                    || viewer
                        .role_id
                        .as_deref()
                        .is_some_and(|mine| self.is_above(mine, o.role_id.as_deref()))
            })
    }

    /// Whether role `upper` is strictly above role `lower`.
    fn is_above(&self, upper: &str, lower: Option<&str>) -> bool {
        let mut at = lower.and_then(|l| self.parents.get(l).cloned().flatten());
        let mut steps = 0;
        while let Some(role) = at {
            if role == upper {
                return true;
            }
            steps += 1;
            if steps > self.parents.len() {
                return false; // a cycle; the API refuses them, but never loop on stored data
            }
            at = self.parents.get(&role).cloned().flatten();
        }
        false
    }
}

/// Active users who may see a record owned by `owner` (`None`: a conversation without a
/// record, which only administrators see), by [`Hierarchy::sees`]. Reads inside the caller's
/// transaction.
pub fn users_who_see(txn: &redb::WriteTransaction, owner: Option<&str>) -> Result<Vec<User>> {
    let users: Vec<User> = txn
        .open_table(USERS)?
        .iter()?
        .filter_map(|r| r.ok().and_then(|(_, u)| u.value().ok()))
        .collect();
    let hierarchy = Hierarchy::new(
        txn.open_table(ROLES)?
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .map(Ok),
    )?;
    let owner = owner.and_then(|o| users.iter().find(|u| u.id == o));
    Ok(users
        .iter()
        .filter(|u| u.active && hierarchy.sees(u, owner))
        .cloned()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, role: Option<&str>, is_admin: bool) -> User {
        User {
            id: id.into(),
            email: format!("{id}@example.com"),
            name: id.into(),
            password_hash: String::new(),
            is_admin,
            language: Default::default(),
            role_id: role.map(String::from),
            active: true,
            created_at: 0,
            message_alerts: true,
            welcome_dismissed: false,
        }
    }

    fn role(id: &str, parent: Option<&str>) -> Result<Role> {
        Ok(Role {
            id: id.into(),
            name: id.into(),
            parent_id: parent.map(String::from),
        })
    }

    #[test]
    fn the_rule_sees_own_below_and_everything_for_administrators() {
        // ceo > manager > rep, and a sibling team lead under the ceo; a stored cycle x <-> y.
        let h = Hierarchy::new([
            role("ceo", None),
            role("manager", Some("ceo")),
            role("rep", Some("manager")),
            role("lead", Some("ceo")),
            role("x", Some("y")),
            role("y", Some("x")),
        ])
        .unwrap();
        let (ceo, manager, rep) = (
            user("c", Some("ceo"), false),
            user("m", Some("manager"), false),
            user("r", Some("rep"), false),
        );
        let (lead, admin, loner) = (
            user("l", Some("lead"), false),
            user("a", None, true),
            user("n", None, false),
        );
        assert!(h.sees(&ceo, Some(&rep)) && h.sees(&manager, Some(&rep)));
        assert!(!h.sees(&rep, Some(&manager)) && !h.sees(&lead, Some(&rep)));
        assert!(h.sees(&rep, Some(&rep)) && h.sees(&loner, Some(&loner)));
        assert!(!h.sees(&loner, Some(&rep)) && !h.sees(&manager, Some(&lead)));
        assert!(h.sees(&admin, Some(&rep)) && h.sees(&admin, None));
        assert!(!h.sees(&ceo, None));
        let (x, y) = (user("x1", Some("x"), false), user("y1", Some("y"), false));
        assert!(h.sees(&x, Some(&y))); // ends, whatever the cycle says
    }
}
