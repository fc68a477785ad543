//! A redb value type that stores any serde type as JSON. JSON keeps the file inspectable and lets
//! records grow fields without a migration.

use std::fmt::Debug;
use std::marker::PhantomData;

use redb::{TypeName, Value};
use serde::{Serialize, de::DeserializeOwned};

#[derive(Debug)]
pub struct Json<T>(PhantomData<T>);

impl<T> Value for Json<T>
where
    T: Serialize + DeserializeOwned + Debug + 'static,
{
    type SelfType<'a>
        = T
    where
        Self: 'a;
    type AsBytes<'a>
        = Vec<u8>
    where
        Self: 'a;

    fn fixed_width() -> Option<usize> {
        None
    }

    // Only this module writes these bytes, from the same types, so decoding cannot fail short of
    // disk corruption, which redb's checksums report before we get here.
    #[allow(clippy::expect_used)]
    fn from_bytes<'a>(data: &'a [u8]) -> T
    where
        Self: 'a,
    {
        serde_json::from_slice(data).expect("stored JSON decodes into its table's type")
    }

    #[allow(clippy::expect_used)]
    fn as_bytes<'a, 'b: 'a>(value: &'a T) -> Vec<u8>
    where
        Self: 'b,
    {
        serde_json::to_vec(value).expect("our types always serialise")
    }

    fn type_name() -> TypeName {
        TypeName::new("parley::json")
    }
}
