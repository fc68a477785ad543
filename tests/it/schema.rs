/// `schema/schema.graphql` must be what the code serves; regenerate with `parley schema`.
#[test]
fn sdl_file_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/schema.graphql");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    let current = parley::graphql::sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, format!("{}\n", current.trim())).unwrap();
        return;
    }
    assert_eq!(
        on_disk.trim(),
        current.trim(),
        "schema/schema.graphql is stale: run UPDATE_SCHEMA=1 cargo test sdl_file_is_current"
    );
}
