//! Property tests over the parsers that read outside input (issue 11, item 16): the webhook wire
//! types, the merge-field parser and the CSV importer must never panic, whatever they are fed,
//! and what they can read they read the same way as before.
//!
//! Each property runs 10,000 cases (`PROPTEST_CASES` overrides it, e.g. for the longer run in
//! the README: `PROPTEST_CASES=200000 cargo test --release --test fuzz`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use parley::App;
use parley::auth::{NewUser, Viewer};
use parley::channel::whatsapp::wire::{
    self, Content, Envelope, InboundHeader, MessagesValue, StatusUpdate, TemplateStatusValue,
};
use parley::clock::{ManualClock, SharedClock};
use parley::config::Config;
use parley::crm::merge::{self, Segment};
use parley::crm::model::{ModuleDef, RecordRow};
use parley::error::Error;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{Map, Value, json};

/// 10,000 cases unless `PROPTEST_CASES` says otherwise.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    ProptestConfig {
        cases,
        // A failure prints its minimal input; no regression files in the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Webhook wire parser
// ---------------------------------------------------------------------------------------------

/// Reads a delivery the way `messaging::inbound::apply_delivery` and `messaging::status` do,
/// through every wire type and helper, and describes what was read (one line per item).
fn read_delivery(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let envelope: Envelope = serde_json::from_str(&text).unwrap_or_default();
    let mut out = vec![];
    for entry in &envelope.entry {
        for change in &entry.changes {
            match change.field.as_str() {
                "messages" => {
                    let value: MessagesValue =
                        serde_json::from_value(change.value.clone()).unwrap_or_default();
                    for e in &value.errors {
                        out.push(format!("error {} {}", e.code, e.text()));
                    }
                    for s in &value.statuses {
                        let s: StatusUpdate = serde_json::from_value(s.clone()).unwrap_or_default();
                        out.push(format!(
                            "status {} {} {:?} {:?} {:?} {:?}",
                            s.id,
                            s.status,
                            wire::timestamp_millis(&s.timestamp),
                            s.recipient_id,
                            s.biz_opaque_callback_data,
                            s.errors
                                .iter()
                                .map(|e| (e.code, e.text()))
                                .collect::<Vec<_>>()
                        ));
                    }
                    let names: Vec<_> = value
                        .contacts
                        .iter()
                        .map(|c| {
                            (
                                c.wa_id.clone(),
                                c.user_id.clone(),
                                c.profile.as_ref().and_then(|p| p.name.clone()),
                            )
                        })
                        .collect();
                    out.push(format!(
                        "metadata {} {} contacts {names:?}",
                        value.metadata.phone_number_id, value.metadata.display_phone_number
                    ));
                    for raw in &value.messages {
                        let h: InboundHeader =
                            serde_json::from_value(raw.clone()).unwrap_or_default();
                        let at = wire::timestamp_millis(&h.timestamp);
                        let id = parley::ids::new_id(at.unwrap_or(0));
                        assert_eq!(id.len(), 26);
                        let content = if h.kind.is_empty() {
                            Content::Unsupported {
                                reason: "no type".into(),
                            }
                        } else {
                            wire::content(&h.kind, raw)
                        };
                        out.push(format!(
                            "message {} {:?} {:?} {at:?} {} {:?} {:?} {:?} {:?}",
                            h.id,
                            h.from,
                            h.from_user_id,
                            h.kind,
                            h.context.as_ref().map(|c| (&c.id, c.forwarded)),
                            h.errors
                                .iter()
                                .map(|e| (e.code, e.text()))
                                .collect::<Vec<_>>(),
                            content.text(),
                            content,
                        ));
                    }
                }
                "message_template_status_update" => {
                    let v: TemplateStatusValue =
                        serde_json::from_value(change.value.clone()).unwrap_or_default();
                    out.push(format!(
                        "template {} {} {} {} {:?}",
                        v.event,
                        v.message_template_id,
                        v.message_template_name,
                        v.message_template_language,
                        v.reason
                    ));
                }
                other => out.push(format!("ignored {other}")),
            }
        }
    }
    out
}

struct Fixture {
    name: String,
    json: Value,
    /// From `manifest.json`: the message type and the text it shows, for inbound fixtures.
    expect: Option<(String, Option<String>)>,
}

fn fixtures() -> &'static [Fixture] {
    static F: OnceLock<Vec<Fixture>> = OnceLock::new();
    F.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/webhooks");
        let manifest: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(dir.join("manifest.json")).unwrap())
                .unwrap();
        let mut out = vec![];
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name == "manifest.json" || !name.ends_with(".json") {
                continue;
            }
            let expect = manifest.iter().find(|m| m["file"] == name).map(|m| {
                // The wire reads an unreadable body as Unsupported; the store keeps Meta's type.
                let kind = if m["unreadable"] == true {
                    "unsupported"
                } else {
                    m["type"].as_str().unwrap()
                };
                (kind.to_string(), m["text"].as_str().map(String::from))
            });
            let json = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.push(Fixture { name, json, expect });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        assert!(out.len() >= 20, "fixtures missing");
        out
    })
}

/// Keys Meta uses, so generated JSON often lands on fields the parser reads.
const KEYS: &[&str] = &[
    "object",
    "entry",
    "id",
    "changes",
    "field",
    "value",
    "messages",
    "statuses",
    "errors",
    "metadata",
    "phone_number_id",
    "display_phone_number",
    "contacts",
    "profile",
    "name",
    "wa_id",
    "user_id",
    "from",
    "from_user_id",
    "timestamp",
    "type",
    "text",
    "body",
    "image",
    "video",
    "audio",
    "document",
    "sticker",
    "mime_type",
    "sha256",
    "caption",
    "filename",
    "location",
    "latitude",
    "longitude",
    "address",
    "interactive",
    "button_reply",
    "list_reply",
    "title",
    "button",
    "payload",
    "reaction",
    "message_id",
    "emoji",
    "order",
    "product_items",
    "system",
    "new_wa_id",
    "context",
    "forwarded",
    "code",
    "message",
    "error_data",
    "details",
    "status",
    "recipient_id",
    "biz_opaque_callback_data",
    "pricing",
    "conversation",
    "event",
    "message_template_id",
    "message_template_name",
    "message_template_language",
    "reason",
    "formatted_name",
];

fn arb_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(KEYS).prop_map(String::from),
        1 => "\\PC{0,12}",
    ]
}

fn arb_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        // Timestamp-like and number-like strings reach `timestamp_millis` and the coordinates.
        "-?[0-9]{0,25}(\\.[0-9]{0,8})?(e-?[0-9]{1,4})?".prop_map(Value::from),
        prop_oneof![
            Just("NaN"),
            Just("inf"),
            Just("-inf"),
            Just("1e400"),
            Just("text"),
            Just("messages")
        ]
        .prop_map(Value::from),
        proptest::sample::select(KEYS).prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    arb_leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((arb_key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Bytes that look like JSON: brackets, quotes, Meta's keys, numbers, broken escapes.
fn arb_jsonish() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just(":".to_string()),
        Just("\"".to_string()),
        Just("\\u".to_string()),
        Just("\\ud800".to_string()),
        Just("null".to_string()),
        Just("true".to_string()),
        proptest::sample::select(KEYS).prop_map(|k| format!("\"{k}\"")),
        "-?[0-9]{1,30}(\\.[0-9]{1,6})?(e[+-]?[0-9]{1,4})?",
        "\\PC{0,6}",
    ];
    proptest::collection::vec(token, 0..80).prop_map(|t| t.concat().into_bytes())
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the node at (index into all paths) with a value.
    Replace(usize, Value),
    /// Remove the node (an object key or array element).
    Remove(usize),
    /// Turn a string into a number or a number into a string, or wrap the node in an array.
    Retype(usize),
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), arb_json()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Retype),
    ]
}

#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, prefix: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                prefix.push(Seg::Key(k.clone()));
                paths(c, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                prefix.push(Seg::Index(i));
                paths(c, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn node<'a>(v: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in path {
        cur = match s {
            Seg::Key(k) => cur.get_mut(k)?,
            Seg::Index(i) => cur.get_mut(*i)?,
        };
    }
    Some(cur)
}

fn node_ref<'a>(v: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    let mut cur = v;
    for s in path {
        cur = match s {
            Seg::Key(k) => cur.get(k)?,
            Seg::Index(i) => cur.get(*i)?,
        };
    }
    Some(cur)
}

fn mutate(v: &mut Value, m: &Mutation) {
    let mut all = vec![];
    paths(v, &mut vec![], &mut all);
    let pick = |i: usize| all[i % all.len()].clone();
    match m {
        Mutation::Replace(i, new) => {
            if let Some(n) = node(v, &pick(*i)) {
                *n = new.clone();
            }
        }
        Mutation::Remove(i) => {
            let mut p = pick(*i);
            let Some(last) = p.pop() else { return };
            match (node(v, &p), last) {
                (Some(Value::Object(o)), Seg::Key(k)) => {
                    o.remove(&k);
                }
                (Some(Value::Array(a)), Seg::Index(i)) if i < a.len() => {
                    a.remove(i);
                }
                _ => {}
            }
        }
        Mutation::Retype(i) => {
            if let Some(n) = node(v, &pick(*i)) {
                *n = match n.take() {
                    Value::String(s) => s
                        .parse::<i64>()
                        .map(Value::from)
                        .unwrap_or(Value::Array(vec![Value::String(s)])),
                    Value::Number(x) => Value::String(x.to_string()),
                    other => Value::Array(vec![other]),
                };
            }
        }
    }
}

/// Adds `x_unknown_<n>` keys (values arbitrary) to objects of `v`: unknown fields Meta may add.
fn add_unknown(v: &mut Value, at: &[(usize, Value)]) {
    let mut all = vec![];
    paths(v, &mut vec![], &mut all);
    let objects: Vec<_> = all
        .into_iter()
        .filter(|p| matches!(node_ref(v, p), Some(Value::Object(_))))
        .collect();
    for (n, (i, val)) in at.iter().enumerate() {
        let p = &objects[i % objects.len()];
        if let Some(Value::Object(o)) = node(v, p) {
            o.insert(format!("x_unknown_{n}"), val.clone());
        }
    }
}

/// The message line of an inbound fixture's reading, checked against the manifest.
fn check_known(f: &Fixture, lines: &[String]) {
    let Some((kind, text)) = &f.expect else {
        return;
    };
    let msg = lines
        .iter()
        .find(|l| l.starts_with("message "))
        .unwrap_or_else(|| panic!("{}: no message read: {lines:?}", f.name));
    assert!(msg.contains(&format!("{:?}", text)), "{}: {msg}", f.name);
    let unsupported = msg.contains("Unsupported {");
    assert_eq!(unsupported, kind == "unsupported", "{}: {msg}", f.name);
}

#[test]
fn fixtures_read_as_the_manifest_says() {
    for f in fixtures() {
        let lines = read_delivery(f.json.to_string().as_bytes());
        assert!(!lines.is_empty(), "{}", f.name);
        check_known(f, &lines);
    }
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn wire_arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..1024)) {
        read_delivery(&raw);
    }

    #[test]
    fn wire_jsonish_bytes_never_panic(raw in arb_jsonish()) {
        read_delivery(&raw);
    }

    #[test]
    fn wire_arbitrary_json_never_panics(v in arb_json()) {
        read_delivery(v.to_string().as_bytes());
        read_delivery(json!({"entry": [{"changes": [{"field": "messages", "value": v}]}]}).to_string().as_bytes());
        read_delivery(json!({"entry": [{"changes": [{"field": "messages", "value": {"messages": [v.clone()], "statuses": [v]}}]}]}).to_string().as_bytes());
    }

    #[test]
    fn wire_mutated_fixtures_never_panic(
        which in any::<usize>(),
        mutations in proptest::collection::vec(arb_mutation(), 1..6),
    ) {
        let fx = fixtures();
        let mut v = fx[which % fx.len()].json.clone();
        for m in &mutations {
            mutate(&mut v, m);
        }
        read_delivery(v.to_string().as_bytes());
    }

    #[test]
    fn wire_damaged_fixture_bytes_never_panic(
        which in any::<usize>(),
        cut in any::<usize>(),
        flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8),
    ) {
        let fx = fixtures();
        let mut bytes = fx[which % fx.len()].json.to_string().into_bytes();
        for (at, b) in flips {
            let n = bytes.len();
            bytes[at % n] = b;
        }
        bytes.truncate(cut % (bytes.len() + 1));
        read_delivery(&bytes);
    }

    /// Unknown fields anywhere change nothing that is read, and the known ones still parse.
    #[test]
    fn wire_unknown_fields_change_nothing(
        which in any::<usize>(),
        extra in proptest::collection::vec((any::<usize>(), arb_json()), 1..5),
    ) {
        let fx = fixtures();
        let f = &fx[which % fx.len()];
        let before = read_delivery(f.json.to_string().as_bytes());
        let mut v = f.json.clone();
        add_unknown(&mut v, &extra);
        let after = read_delivery(v.to_string().as_bytes());
        prop_assert_eq!(&before, &after);
        check_known(f, &after);
    }
}

// ---------------------------------------------------------------------------------------------
// Merge-field parser
// ---------------------------------------------------------------------------------------------

fn modules() -> &'static [ModuleDef] {
    static M: OnceLock<Vec<ModuleDef>> = OnceLock::new();
    M.get_or_init(parley::crm::modules::standard)
}

fn module_names() -> Vec<&'static str> {
    modules().iter().map(|m| m.api_name.as_str()).collect()
}

/// Text with many `$[`, `]` and `.`, module and field names (API names, labels, German labels).
fn arb_merge_text() -> impl Strategy<Value = String> {
    let mut words: Vec<String> = vec![];
    for m in modules() {
        words.push(m.api_name.clone());
        words.push(m.label.clone());
        for f in &m.fields {
            words.push(f.api_name.clone());
            words.push(f.label.clone());
            words.push(f.label_de.clone());
        }
    }
    // Whole fields, spelled in any of the ways (and cases) that exist, sometimes in a module
    // they do not belong to, sometimes with a part missing.
    let spellings: Vec<(String, String)> = modules()
        .iter()
        .flat_map(|m| {
            m.fields.iter().flat_map(move |f| {
                [&m.api_name, &m.label, &m.label_de]
                    .into_iter()
                    .flat_map(move |mn| {
                        [&f.api_name, &f.label, &f.label_de]
                            .into_iter()
                            .map(move |fname| (mn.clone(), fname.clone()))
                    })
            })
        })
        .collect();
    let field = (
        proptest::sample::select(spellings),
        proptest::sample::select(words.clone()),
        any::<bool>(),
        0u8..10,
    )
        .prop_map(|((m, f), other, upper, drop)| {
            let (m, f) = if upper {
                (m.to_uppercase(), f.to_lowercase())
            } else {
                (m, f)
            };
            match drop {
                0 => format!("$[{m}.{f}"),
                1 => format!("$[{m}{f}]"),
                2 => format!("$[{other}.{f}]"),
                3 | 4 => format!("$[ {m} . {f} ]"),
                _ => format!("$[{m}.{f}]"),
            }
        });
    let token = prop_oneof![
        3 => prop_oneof![Just("$["), Just("]"), Just("."), Just("$"), Just("["), Just(" ")]
            .prop_map(String::from),
        3 => proptest::sample::select(words),
        6 => field,
        2 => "\\PC{0,5}",
        1 => any::<String>(),
    ];
    proptest::collection::vec(token, 0..12).prop_map(|t| t.concat())
}

fn record(values: Map<String, Value>) -> RecordRow {
    RecordRow {
        id: "r1".into(),
        module: "Leads".into(),
        owner_id: "u1".into(),
        values,
        created_at: 0,
        created_by: "u1".into(),
        modified_at: 0,
        modified_by: "u1".into(),
    }
}

/// The canonical text of parsed segments: fields as `$[Module.Field_API_Name]`.
fn canonical(segs: &[Segment]) -> String {
    segs.iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Field(f) => format!("$[{}.{}]", f.module, f.field),
        })
        .collect()
}

fn exercise_merge(text: &str, module: &str, values: &Map<String, Value>) {
    let Ok(segs) = merge::parse(text, modules(), module) else {
        return;
    };
    // What parsed is exactly the text: literal parts in order, fields in between.
    let literal: String = segs
        .iter()
        .filter_map(|s| match s {
            Segment::Text(t) => Some(t.as_str()),
            Segment::Field(_) => None,
        })
        .collect();
    assert!(literal.len() <= text.len());
    for s in &segs {
        if let Segment::Text(t) = s {
            assert!(!t.contains("$["), "{t:?} holds an unparsed field");
        }
    }
    // Round trip through the canonical form.
    let again = merge::parse(&canonical(&segs), modules(), module).expect("canonical parses");
    assert_eq!(again, segs);
    let def = modules().iter().find(|m| m.api_name == module).unwrap();
    let rendered = merge::render(&segs, def, &record(values.clone()));
    let fields = merge::fields(&segs);
    let positional = merge::to_positional(&segs);
    assert!(positional.matches("{{").count() >= fields.len());
    if fields.is_empty() {
        assert_eq!(rendered, text);
    }
}

fn arb_values() -> impl Strategy<Value = Map<String, Value>> {
    let names: Vec<String> = modules()
        .iter()
        .flat_map(|m| m.fields.iter().map(|f| f.api_name.clone()))
        .collect();
    proptest::collection::vec((proptest::sample::select(names), arb_leaf()), 0..8)
        .prop_map(|kv| kv.into_iter().collect())
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn merge_arbitrary_strings_never_panic(text in any::<String>(), values in arb_values()) {
        for m in ["Leads", "Contacts"] {
            exercise_merge(&text, m, &values);
        }
    }

    #[test]
    fn merge_field_soup_never_panics(
        text in arb_merge_text(),
        module in proptest::sample::select(module_names()),
        values in arb_values(),
    ) {
        exercise_merge(&text, module, &values);
    }

    /// Text built from literal parts and fields of one module parses back to those fields and
    /// renders with the record's values in their places.
    #[test]
    fn merge_built_templates_round_trip(
        module in proptest::sample::select(module_names()),
        parts in proptest::collection::vec(
            (any::<bool>(), "[^$\\]]{0,12}", any::<usize>(), 0u8..3, any::<bool>()), 0..10),
        value in "[^$]{0,10}",
    ) {
        let def = modules().iter().find(|m| m.api_name == module).unwrap();
        let mut text = String::new();
        let mut expect_fields = vec![];
        let mut expect_render = String::new();
        let mut values = Map::new();
        for (is_field, lit, which, spelling, spaced) in parts {
            if !is_field {
                text.push_str(&lit);
                expect_render.push_str(&lit);
                continue;
            }
            let f = &def.fields[which % def.fields.len()];
            let name = match spelling { 0 => &f.api_name, 1 => &f.label, _ => &f.label_de };
            let (mname, pad) = if spaced { (def.label.as_str(), " ") } else { (def.api_name.as_str(), "") };
            text.push_str(&format!("$[{pad}{mname}.{pad}{name}{pad}]"));
            expect_fields.push(f.api_name.clone());
            values.insert(f.api_name.clone(), Value::from(value.clone()));
            expect_render.push_str(&value);
        }
        // Labels may be ambiguous between modules or fields; only a parse that succeeds is
        // compared (the standard modules' labels are unique within a module).
        let segs = merge::parse(&text, modules(), module)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let got: Vec<_> = merge::fields(&segs).iter().map(|f| f.field.clone()).collect();
        prop_assert_eq!(got, expect_fields);
        prop_assert_eq!(merge::render(&segs, def, &record(values)), expect_render);
    }
}

// ---------------------------------------------------------------------------------------------
// CSV importer
// ---------------------------------------------------------------------------------------------

struct Crm {
    app: Arc<App>,
    admin: Viewer,
    rt: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

fn crm() -> &'static Crm {
    static C: OnceLock<Crm> = OnceLock::new();
    C.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cfg = Config {
            data_dir: dir.path().join("data"),
            ..Config::default()
        };
        let clock: SharedClock = ManualClock::new();
        let (app, user) = rt.block_on(async {
            let app = App::open(cfg, clock).await.unwrap();
            let user = app
                .auth
                .create_user(NewUser {
                    email: "admin@fuzz.local".into(),
                    name: "Admin".into(),
                    password: "Admin-Passw0rd-1".into(),
                    is_admin: true,
                    ..Default::default()
                })
                .await
                .unwrap();
            (app, user)
        });
        Crm {
            app,
            admin: Viewer {
                user,
                token: String::new(),
            },
            rt,
            _dir: dir,
        }
    })
}

/// Imports `csv`: either a report (every error tied to a row after the header) or a typed
/// refusal (never an internal error, never a panic).
fn import(module: &str, csv: &str) {
    let c = crm();
    let r =
        c.rt.block_on(c.app.crm.import_records(&c.admin, module, csv));
    match r {
        Ok(report) => {
            for e in &report.errors {
                assert!(e.row >= 2, "row {} for {csv:?}", e.row);
            }
        }
        Err(Error::Validation { .. }) => {}
        Err(e) => panic!("{csv:?}: unexpected error {e:?}"),
    }
}

/// CSV-shaped text: a header of real column names (API names, labels, German labels, export's
/// read-only columns, unknown ones) and rows of awkward cells.
fn arb_csv() -> impl Strategy<Value = String> {
    let leads = modules().iter().find(|m| m.api_name == "Leads").unwrap();
    let mut columns: Vec<String> = vec!["Id".into(), "Created_Time".into(), "Modified Time".into()];
    for f in &leads.fields {
        columns.push(f.api_name.clone());
        columns.push(f.label.clone());
        columns.push(f.label_de.clone());
    }
    // Usually with the required Last_Name first, so that rows get as far as validation.
    let header = (
        proptest::collection::vec(
            prop_oneof![
                8 => proptest::sample::select(columns),
                1 => "\\PC{0,8}",
            ],
            0..6,
        ),
        0u8..4,
    )
        .prop_map(|(mut h, last)| {
            if last > 0 {
                h.insert(0, "Last_Name".into());
            }
            h
        });
    let cell = prop_oneof![
        Just(String::new()),
        "[A-Za-zäöüß][A-Za-zäöüß .\\-]{0,12}",
        "\\PC{0,12}",
        "[=@+\\-'\\t\\r][^\"]{0,8}",
        "\\+?[0-9 ()\\-]{0,16}",
        "[a-z]{1,6}@[a-z]{1,6}\\.[a-z]{2}",
        prop_oneof![
            Just("true"),
            Just("nein"),
            Just("x"),
            Just("admin@fuzz.local"),
            Just("nobody@x.de")
        ]
        .prop_map(String::from),
        "\"[^\"]{0,6}\"\"?[^\"]{0,6}\"",
        "[\\r\\n,;\"]{1,4}",
        Just("\u{feff}".to_string()),
    ];
    // Rows usually as wide as the header, sometimes not.
    let with_rows = move |h: Vec<String>| {
        let n = h.len();
        let row = prop_oneof![
            6 => proptest::collection::vec(cell.clone(), n..=n),
            1 => proptest::collection::vec(cell.clone(), 0..7),
        ];
        (Just(h), proptest::collection::vec(row, 0..5), any::<bool>())
    };
    header.prop_flat_map(with_rows).prop_map(|(h, rows, crlf)| {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut out = h.join(",");
        for r in rows {
            out.push_str(nl);
            out.push_str(&r.join(","));
        }
        out
    })
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn csv_arbitrary_bytes_never_panic(raw in proptest::collection::vec(any::<u8>(), 0..512)) {
        import("Leads", &String::from_utf8_lossy(&raw));
    }

    #[test]
    fn csv_shaped_text_imports_or_is_refused(csv in arb_csv(), contacts in any::<bool>()) {
        import(if contacts { "Contacts" } else { "Leads" }, &csv);
    }
}

/// The generators are not vacuous: a fair share of their cases gets past the parsers' first
/// checks (fields resolved, rows created), where the interesting code is.
#[test]
fn generators_reach_past_the_first_checks() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let texts = arb_merge_text();
    let mut with_fields = 0;
    for _ in 0..2_000 {
        let t = texts.new_tree(&mut runner).unwrap().current();
        if merge::parse(&t, modules(), "Leads").is_ok_and(|s| !merge::fields(&s).is_empty()) {
            with_fields += 1;
        }
    }
    assert!(with_fields > 40, "{with_fields} of 2,000 texts had fields");

    let c = crm();
    let csvs = arb_csv();
    let (mut imported, mut created) = (0, 0);
    for _ in 0..500 {
        let csv = csvs.new_tree(&mut runner).unwrap().current();
        if let Ok(r) =
            c.rt.block_on(c.app.crm.import_records(&c.admin, "Leads", &csv))
        {
            imported += 1;
            created += r.created;
        }
    }
    assert!(
        imported > 100 && created > 50,
        "{imported} of 500 files imported, {created} rows created"
    );
}
