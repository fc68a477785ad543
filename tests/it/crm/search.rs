//! Record search (answered from the record index): a case-insensitive substring of any string
//! or number value, through the viewer's visibility, newest change first (records changed in
//! the same millisecond by id) or sorted by a field, with exact totals and paging; and found at
//! once after every kind of write.

use serde_json::{Value, json};

use super::support::{EXPORT, FIELD, IMPORT, UPDATE, create_id, parse};
use crate::harness::Server;

const SEARCH: &str = "query($m:String!,$q:String,$first:Int,$a:String,$f:String,$d:Boolean){ records(module:$m, search:$q, first:$first, after:$a, sortBy:$f, sortDesc:$d){ totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }";

/// Every id a search lists, reading `first` at a time; checks the total on each page.
async fn search_all(
    s: &Server,
    t: &str,
    module: &str,
    q: &str,
    first: i64,
    sort: Option<(&str, bool)>,
) -> (Vec<String>, i64) {
    let mut ids = vec![];
    let mut after: Option<String> = None;
    let mut total = None;
    loop {
        let r = s
            .gql(
                Some(t),
                SEARCH,
                json!({"m": module, "q": q, "first": first, "a": after,
                    "f": sort.map(|s| s.0), "d": sort.map(|s| s.1)}),
            )
            .await;
        assert!(r["errors"].is_null(), "{q}: {r}");
        let page = &r["data"]["records"];
        let n = page["totalCount"].as_i64().unwrap();
        assert_eq!(
            *total.get_or_insert(n),
            n,
            "{q}: the total holds across pages"
        );
        for e in page["edges"].as_array().unwrap() {
            ids.push(e["node"]["id"].as_str().unwrap().to_string());
        }
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_string);
        assert!(ids.len() < 10_000, "{q}: paging ends");
    }
    (ids, total.unwrap_or(0))
}

async fn found(s: &Server, t: &str, module: &str, q: &str) -> Vec<String> {
    search_all(s, t, module, q, 100, None).await.0
}

/// Every lead with its values and last change, as the list (no search) shows them.
async fn all_leads(s: &Server, t: &str) -> Vec<Value> {
    let r = s
        .gql(
            Some(t),
            "{ records(module:\"Leads\", first:100){ edges { node { id values modifiedAt } } } }",
            json!({}),
        )
        .await;
    r["data"]["records"]["edges"].as_array().unwrap().clone()
}

/// A record as the test knows it: what the server answered, and when it last changed.
struct Known {
    id: String,
    values: Value,
    tick: i64,
}

impl Known {
    /// The search's meaning, computed here: some string value (lower-cased) or some number
    /// (as written) holds the lower-cased, trimmed needle.
    fn matches(&self, needle: &str) -> bool {
        let n = needle.trim().to_lowercase();
        self.values.as_object().unwrap().values().any(|v| match v {
            Value::String(s) => s.to_lowercase().contains(&n),
            Value::Number(x) => x.to_string().contains(&n),
            _ => false,
        })
    }
}

/// What a search should list: the matches, newest change first, ties by id.
fn expected(known: &[Known], needle: &str, visible: impl Fn(&Known) -> bool) -> Vec<String> {
    let mut m: Vec<&Known> = known
        .iter()
        .filter(|k| visible(k) && k.matches(needle))
        .collect();
    m.sort_by(|a, b| b.tick.cmp(&a.tick).then(a.id.cmp(&b.id)));
    m.into_iter().map(|k| k.id.clone()).collect()
}

#[tokio::test]
async fn search_lists_substring_matches_in_order_with_totals_and_pages() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let role = s.role(&t, "Rep", None).await;
    let (rep_id, rep) = s.user(&t, "rep@example.com", Some(&role)).await;
    let names = [
        "Cäsar GmbH & Co. KG",
        "Müller-Lüdenscheidt",
        "Baaaaar",
        "Straße 12",
        "ÖKO Kontor",
        "Zeile eins\nzeile 2",
    ];
    let cities = ["Köln", "München", "Berlin", "Hamburg"];
    let r = s
        .gql(
            Some(&t),
            FIELD,
            json!({"m": "Leads", "i": {"apiName": "Staff", "label": "Staff", "fieldType": "NUMBER"}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    // Imported rows are written concurrently, so many share a millisecond: ties are common.
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(["Last_Name", "City", "Staff", "Title"])
        .unwrap();
    for i in 0..36_usize {
        let name = names
            .get(i)
            .map_or_else(|| format!("Firma {i}"), |n| (*n).to_string());
        let industry = if i % 7 == 0 { "IT" } else { "" };
        w.write_record([&name, cities[i % 4], &(i * 37).to_string(), industry])
            .unwrap();
    }
    let csv_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let r = s
        .gql(Some(&t), IMPORT, json!({"m": "Leads", "c": csv_text}))
        .await;
    assert_eq!(r["data"]["importRecords"]["created"], 36, "{r}");
    let ids: Vec<String> = all_leads(&s, &t)
        .await
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_string())
        .collect();
    // Some go to the rep, concurrently (so in few milliseconds); two get a new city; one is
    // deleted.
    let edits = ids.iter().enumerate().filter_map(|(i, id)| {
        let v = match i % 5 {
            0 => json!({"Owner": rep_id}),
            3 if i < 20 => json!({"City": "Köln-Süd"}),
            _ => return None,
        };
        let (s, t) = (&s, &t);
        Some(async move {
            let r = s
                .gql(Some(t), UPDATE, json!({"m": "Leads", "id": id, "v": v}))
                .await;
            assert!(r["errors"].is_null(), "{r}");
        })
    });
    futures_util::future::join_all(edits).await;
    let r = s
        .gql(
            Some(&t),
            "mutation($id:ID!){ deleteRecord(module:\"Leads\", id:$id) }",
            json!({"id": ids[30]}),
        )
        .await;
    assert_eq!(r["data"]["deleteRecord"], true, "{r}");
    let known: Vec<Known> = all_leads(&s, &t)
        .await
        .iter()
        .map(|e| Known {
            id: e["node"]["id"].as_str().unwrap().into(),
            values: e["node"]["values"].clone(),
            tick: chrono::DateTime::parse_from_rfc3339(e["node"]["modifiedAt"].as_str().unwrap())
                .unwrap()
                .timestamp_millis(),
        })
        .collect();
    assert_eq!(known.len(), 35);
    let mut ticks: Vec<i64> = known.iter().map(|k| k.tick).collect();
    ticks.sort_unstable();
    ticks.dedup();
    assert!(
        ticks.len() < known.len(),
        "some records share a millisecond"
    );

    let rep_sees = |k: &Known| k.values["Owner"] == json!(rep_id);
    let needles = [
        "firma 1",
        "FIRMA 1",
        "cäs",
        "CÄS",
        "köln",
        "ö",
        "a",
        "ma",
        "12",
        "1",
        "7",
        "37",
        "ss",
        "straße",
        "strasse",
        "aaaa",
        "baaaaar",
        "gmbh & co",
        "  berg  ",
        "süd",
        "it",
        "zzz",
        // Spans two values (Last_Name, City): a substring of neither.
        "0köln",
        "eins\nzeile",
        "firma 3",
    ];
    for needle in needles {
        for (who, token, sees) in [
            ("admin", &t, &(|_: &Known| true) as &dyn Fn(&Known) -> bool),
            ("rep", &rep, &rep_sees),
        ] {
            let want = expected(&known, needle, sees);
            for first in [2, 5, 100] {
                let (ids, total) = search_all(&s, token, "Leads", needle, first, None).await;
                assert_eq!(ids, want, "{who} searching {needle:?}, {first} a page");
                assert_eq!(total, i64::try_from(want.len()).unwrap(), "{needle:?}");
            }
        }
    }
    assert!(expected(&known, "cäs", |_| true).len() == 1);
    assert!(expected(&known, "0köln", |_| true).is_empty());
    assert!(
        known.iter().all(|k| k.id != ids[30]),
        "the deleted record is gone"
    );

    // Sorted by a field, a search lists the matches in the field's order.
    for (field, desc) in [("Last_Name", false), ("City", true), ("Staff", false)] {
        let (all, _) = search_all(&s, &t, "Leads", "", 100, Some((field, desc))).await;
        for needle in ["köln", "1", "a", "firma"] {
            let want: Vec<String> = all
                .iter()
                .filter(|id| known.iter().any(|k| &k.id == *id && k.matches(needle)))
                .cloned()
                .collect();
            let (ids, total) = search_all(&s, &t, "Leads", needle, 3, Some((field, desc))).await;
            assert_eq!(ids, want, "sorted by {field}, searching {needle:?}");
            assert_eq!(total, i64::try_from(want.len()).unwrap());
        }
    }
}

#[tokio::test]
async fn writes_are_found_at_once() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    let role = s.role(&t, "Rep", None).await;
    let (rep_id, rep) = s.user(&t, "rep@example.com", Some(&role)).await;
    let id = create_id(&s, &t, "Leads", json!({"Last_Name": "Quokka"})).await;
    assert_eq!(found(&s, &t, "Leads", "quok").await, [id.as_str()]);
    assert!(found(&s, &rep, "Leads", "quok").await.is_empty());

    let edit = |v: Value| {
        let (s, t, id) = (&s, &t, &id);
        async move {
            let r = s
                .gql(Some(t), UPDATE, json!({"m": "Leads", "id": id, "v": v}))
                .await;
            assert!(r["errors"].is_null(), "{r}");
        }
    };
    edit(json!({"Last_Name": "Wombat"})).await;
    assert!(found(&s, &t, "Leads", "quok").await.is_empty());
    assert_eq!(found(&s, &t, "Leads", "wombat").await, [id.as_str()]);

    // Handed to the rep: now they find it.
    edit(json!({"Owner": rep_id})).await;
    assert_eq!(found(&s, &rep, "Leads", "womb").await, [id.as_str()]);

    // A custom field's values are searched, and no longer once the field is gone.
    let r = s
        .gql(
            Some(&t),
            FIELD,
            json!({"m": "Leads", "i": {"apiName": "Motto", "label": "Motto", "fieldType": "TEXT"}}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    edit(json!({"Motto": "Carpe diem"})).await;
    assert_eq!(found(&s, &t, "Leads", "carpe").await, [id.as_str()]);
    let r = s
        .gql(
            Some(&t),
            "mutation { deleteCustomField(module:\"Leads\", apiName:\"Motto\") }",
            json!({}),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    assert!(found(&s, &t, "Leads", "carpe").await.is_empty());

    // Imported records are found, and exported by a search.
    let r = s
        .gql(
            Some(&t),
            IMPORT,
            json!({"m": "Leads", "c": "Last_Name,Company\nImporta,Kängurus AG\nImportb,Koalas AG\n"}),
        )
        .await;
    assert_eq!(r["data"]["importRecords"]["created"], 2, "{r}");
    assert_eq!(found(&s, &t, "Leads", "KÄNGURU").await.len(), 1);
    assert_eq!(found(&s, &t, "Leads", "importa").await.len(), 1);
    let csv = s
        .gql(Some(&t), EXPORT, json!({"m": "Leads", "q": "s ag"}))
        .await;
    let rows = parse(csv["data"]["exportRecords"].as_str().unwrap());
    assert_eq!(rows.len(), 3, "a header and both imported leads: {rows:?}");

    let r = s
        .gql(
            Some(&t),
            "mutation($id:ID!){ deleteRecord(module:\"Leads\", id:$id) }",
            json!({"id": id}),
        )
        .await;
    assert_eq!(r["data"]["deleteRecord"], true, "{r}");
    assert!(found(&s, &t, "Leads", "wombat").await.is_empty());
    assert!(found(&s, &rep, "Leads", "wombat").await.is_empty());
}

#[tokio::test]
async fn many_matches_sorted_by_a_field_page_like_the_list() {
    let s = Server::start().await;
    let t = s.admin_token().await;
    // More matches than a sorted search decodes (2,000): its pages come from the field index.
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(["Last_Name", "City"]).unwrap();
    for i in 0..2_050_usize {
        let city = if i % 3 == 0 { "" } else { "Menden" };
        w.write_record([&format!("Menge {:04}", (i * 7919) % 2_050), city])
            .unwrap();
    }
    w.write_record(["Other", "Berlin"]).unwrap();
    let csv_text = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let r = s
        .gql(Some(&t), IMPORT, json!({"m": "Leads", "c": csv_text}))
        .await;
    assert_eq!(r["data"]["importRecords"]["created"], 2_051, "{r}");
    // Last_Name: every lead has one (the field index serves it); City: a third have none (the
    // matches are sorted instead).
    for (field, desc) in [("Last_Name", true), ("Last_Name", false), ("City", false)] {
        let (all, _) = search_all(&s, &t, "Leads", "", 500, Some((field, desc))).await;
        let other = found(&s, &t, "Leads", "other").await;
        let want: Vec<&String> = all.iter().filter(|id| !other.contains(id)).collect();
        assert_eq!(want.len(), 2_050);
        for (first, after) in [(50, None), (50, Some(1_000)), (100, Some(2_000))] {
            let cursor = after.map(|n: usize| {
                use base64::Engine;
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("o:{n}"))
            });
            let r = s
                .gql(
                    Some(&t),
                    SEARCH,
                    json!({"m": "Leads", "q": "MENGE", "first": first, "a": cursor,
                        "f": field, "d": desc}),
                )
                .await;
            assert!(r["errors"].is_null(), "{r}");
            assert_eq!(r["data"]["records"]["totalCount"], 2_050);
            let ids: Vec<&str> = r["data"]["records"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap())
                .collect();
            let from = after.map_or(0, |n| n + 1);
            let expect: Vec<&str> = want
                .iter()
                .skip(from)
                .take(first)
                .map(|s| s.as_str())
                .collect();
            assert_eq!(
                ids, expect,
                "sorted by {field}, desc {desc}, after {after:?}"
            );
        }
    }
}
