//! A redb value type that stores any serde type as JSON. JSON keeps the file inspectable and lets
//! records grow fields without a migration.

use std::borrow::Borrow;
use std::fmt::Debug;
use std::marker::PhantomData;

use redb::{Key, ReadableTable, TypeName, Value};
use serde::{Serialize, de::DeserializeOwned};

#[derive(Debug)]
pub struct Json<T>(PhantomData<T>);

/// A stored row that does not decode as its type: written by another version, or damaged outside
/// redb's checksums. It keeps the bytes, so writing it back changes nothing; its message names the
/// type and serde's reason, never the row's contents.
#[derive(Debug, Clone, thiserror::Error)]
#[error("a stored {type_name} does not decode: {reason}")]
pub struct DecodeError {
    type_name: &'static str,
    reason: String,
    bytes: Vec<u8>,
}

/// A row that does not decode fails the request that needs it as a store error (`INTERNAL`).
/// Here rather than in `error.rs`, so the error table does not depend on the store.
impl From<DecodeError> for crate::error::Error {
    fn from(e: DecodeError) -> Self {
        crate::error::Error::Store(e.to_string())
    }
}

/// What a read of a `Json<T>` table yields, and what a write takes (`&Ok(row)`).
pub type Stored<T> = Result<T, DecodeError>;

impl<T> Value for Json<T>
where
    T: Serialize + DeserializeOwned + Debug + 'static,
{
    type SelfType<'a>
        = Stored<T>
    where
        Self: 'a;
    type AsBytes<'a>
        = Vec<u8>
    where
        Self: 'a;

    fn fixed_width() -> Option<usize> {
        None
    }

    fn from_bytes<'a>(data: &'a [u8]) -> Stored<T>
    where
        Self: 'a,
    {
        serde_json::from_slice(data).map_err(|e| DecodeError {
            type_name: std::any::type_name::<T>(),
            reason: e.to_string(),
            bytes: data.to_vec(),
        })
    }

    #[allow(clippy::expect_used)]
    fn as_bytes<'a, 'b: 'a>(value: &'a Stored<T>) -> Vec<u8>
    where
        Self: 'b,
    {
        match value {
            Ok(row) => serde_json::to_vec(row).expect("our types always serialise"),
            Err(undecodable) => undecodable.bytes.clone(),
        }
    }

    fn type_name() -> TypeName {
        TypeName::new("parley::json")
    }
}

/// Writes a row into a `Json<T>` table: redb's `insert` takes the stored form (`Ok(row)`), this
/// takes the row itself.
pub trait PutRow<K: Key + 'static, T> {
    fn put<'k>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        row: &T,
    ) -> Result<(), redb::StorageError>;
}

impl<K, T> PutRow<K, T> for redb::Table<'_, K, Json<T>>
where
    K: Key + 'static,
    T: Serialize + DeserializeOwned + Debug + Clone + 'static,
{
    fn put<'k>(
        &mut self,
        key: impl Borrow<K::SelfType<'k>>,
        row: &T,
    ) -> Result<(), redb::StorageError> {
        self.insert(key, Ok::<T, DecodeError>(row.clone()))
            .map(drop)
    }
}

/// The row, or `None` (logged) when it does not decode: for lists, which show what they can.
pub fn decoded<T>(row: Stored<T>) -> Option<T> {
    row.map_err(|e| tracing::warn!("left out of a list: {e}"))
        .ok()
}

/// Every row of `table` in key order; a row that does not decode fails the whole read (for
/// callers that must not act on part of a table).
pub fn all_rows<K, T>(table: &impl ReadableTable<K, Json<T>>) -> crate::error::Result<Vec<T>>
where
    K: Key + 'static,
    T: Serialize + DeserializeOwned + Debug + 'static,
{
    table.iter()?.map(|r| Ok(r?.1.value()?)).collect()
}
