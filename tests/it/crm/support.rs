//! What the CRM submodules' tests share: their GraphQL operations and record helpers.

use serde_json::{Value, json};

use crate::harness::Server;

pub(super) const CREATE: &str =
    "mutation($m:String!,$v:JSON!){ createRecord(module:$m, values:$v){ id values } }";
pub(super) const UPDATE: &str = "mutation($m:String!,$id:ID!,$v:JSON!){ updateRecord(module:$m, id:$id, values:$v){ id values } }";
pub(super) const FIELD: &str = "mutation($m:String!,$i:CustomFieldInput!){ createCustomField(module:$m, input:$i){ apiName label labelDe fieldType required options custom } }";
pub(super) const ACTIVITY: &str = "mutation($m:String!,$r:ID!,$i:CreateActivityInput!){ createActivity(module:$m, recordId:$r, input:$i){ id kind subject status dueAt startAt owner { email } } }";
pub(super) const ACTIVITIES: &str =
    "query($m:String!,$r:ID!){ activities(module:$m, recordId:$r){ id subject status } }";
pub(super) const GENERATE: &str = "mutation($m:String!,$r:ID!){ generateDocument(module:$m, recordId:$r){ id sha256 fileName size url } }";
pub(super) const IMPORT: &str = "mutation($m:String!,$c:String!){ importRecords(module:$m, csv:$c){ created errors { row field message } } }";
pub(super) const EXPORT: &str =
    "query($m:String!,$q:String){ exportRecords(module:$m, search:$q) }";

pub(super) async fn create(s: &Server, t: &str, module: &str, v: Value) -> Value {
    s.gql(Some(t), CREATE, json!({"m": module, "v": v})).await
}

pub(super) async fn create_id(s: &Server, t: &str, module: &str, v: Value) -> String {
    let r = create(s, t, module, v).await;
    r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("createRecord: {r}"))
        .to_string()
}

pub(super) async fn count(s: &Server, t: &str, module: &str) -> i64 {
    let r = s
        .gql(
            Some(t),
            "query($m:String!){ records(module:$m){ totalCount } }",
            json!({"m": module}),
        )
        .await;
    r["data"]["records"]["totalCount"]
        .as_i64()
        .unwrap_or_else(|| panic!("records: {r}"))
}

pub(super) async fn product(s: &Server, t: &str, name: &str, price: i64) -> String {
    create_id(
        s,
        t,
        "Products",
        json!({"Product_Name": name, "Unit_Price": price}),
    )
    .await
}

pub(super) fn parse(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}
