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

    // Only this module writes these bytes, from the same types, so decoding fails only for data
    // written by another version or damaged outside redb's checksums. redb's `Value` has no way
    // to answer an error here (its `from_bytes` returns the value, and `.value()` is called in
    // well over a hundred places), so a row that does not decode panics, and the panic is
    // contained where it happens: the store writer refuses only the change that read it, poem's
    // `CatchPanic` answers that request 500, and the supervisor restarts (and `/healthz` reports)
    // a background worker. The message names the type, never the row's contents.
    #[allow(clippy::panic)]
    fn from_bytes<'a>(data: &'a [u8]) -> T
    where
        Self: 'a,
    {
        match serde_json::from_slice(data) {
            Ok(v) => v,
            Err(e) => panic!(
                "a stored {} does not decode: {e}",
                std::any::type_name::<T>()
            ),
        }
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
