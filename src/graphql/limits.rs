//! Bounds on what one GraphQL operation may cost, beyond async-graphql's depth and complexity
//! limits (issue 11, item 3): expensive fields may not be repeated (aliases included), and a
//! response larger than the configured cap is replaced by a `TOO_LARGE` error.
//!
//! The field costs themselves are `#[graphql(complexity = …)]` on the resolvers, using the
//! constants below, so the complexity limit also sees the work.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery, NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Pos, Response, ServerError, ServerResult, ValidationResult, Variables};

use crate::error::Error;

/// Cost of a field that reads or writes every visible record (CSV export, CSV import).
pub const COST_BULK: usize = 1000;
/// Cost of a field that renders a PDF or calls the Cloud API (document, template sync).
pub const COST_GENERATE: usize = 200;
/// Cost of a root list or search (an index query or a scan, before paging).
pub const COST_SEARCH: usize = 50;
/// Cost of a field that loads one conversation's whole message list.
pub const COST_CONVERSATION_MESSAGES: usize = 10;

/// Fields that do bulk work: an operation may select at most one of them, once.
pub const BULK_FIELDS: [&str; 4] = [
    "exportRecords",
    "importRecords",
    "generateDocument",
    "syncTemplates",
];
/// Fields (searches, lists, whole-conversation loads) an operation may select at most once each,
/// so aliases cannot multiply them.
pub const ONCE_FIELDS: [&str; 5] = [
    "records",
    "conversations",
    "messages",
    "predefinedTexts",
    "lastMessage",
];

/// Default cap on one GraphQL response (`PARLEY_MAX_RESPONSE_BYTES`); the configuration owns it.
pub use crate::config::DEFAULT_MAX_RESPONSE_BYTES;

/// The extension factory; `build_schema` installs it.
pub struct Limits {
    pub max_response_bytes: usize,
}

impl ExtensionFactory for Limits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimitsExtension {
            max_response_bytes: self.max_response_bytes,
        })
    }
}

struct LimitsExtension {
    max_response_bytes: usize,
}

fn too_complex(message: String) -> ServerError {
    super::gql_error(&Error::TooComplex(message)).into_server_error(Pos::default())
}

#[async_graphql::async_trait::async_trait]
impl Extension for LimitsExtension {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let doc = next.run(ctx, query, variables).await?;
        check_repeats(&doc).map_err(too_complex)?;
        Ok(doc)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        // async-graphql's own depth and complexity refusals get the same public code.
        next.run(ctx).await.map_err(|errors| {
            errors
                .into_iter()
                .map(|e| {
                    if e.message.contains("too complex") || e.message.contains("nested too deep") {
                        let mut t = too_complex(e.message);
                        t.locations = e.locations;
                        t
                    } else {
                        e
                    }
                })
                .collect()
        })
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let resp = next.run(ctx, operation_name).await;
        let mut sink = Capped {
            left: self.max_response_bytes,
        };
        if serde_json::to_writer(&mut sink, &resp).is_ok() {
            return resp;
        }
        tracing::warn!(
            cap = self.max_response_bytes,
            "GraphQL response over the size cap replaced by an error"
        );
        let e = Error::TooLarge(format!(
            "the response would exceed {} bytes; ask for less (a search, a smaller page)",
            self.max_response_bytes
        ));
        Response::from_errors(vec![super::gql_error(&e).into_server_error(Pos::default())])
    }
}

/// A writer that only counts, and fails once more than `left` bytes were written (so an
/// oversized response is never serialized to the end).
struct Capped {
    left: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.left = self
            .left
            .checked_sub(buf.len())
            .ok_or_else(|| std::io::Error::other("response over the cap"))?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type Counts = HashMap<String, usize>;

/// Refuses an operation that selects a bulk field more than once (or two different ones), or a
/// once-only field more than once, counting aliases and fields reached through fragments.
/// Every operation of the document is checked on its own.
pub fn check_repeats(doc: &ExecutableDocument) -> Result<(), String> {
    let mut memo: HashMap<String, Counts> = HashMap::new();
    for (_, op) in doc.operations.iter() {
        let mut counts = Counts::new();
        count(
            doc,
            &op.node.selection_set.node,
            &mut memo,
            &mut vec![],
            &mut counts,
        );
        let bulk: Vec<_> = BULK_FIELDS
            .iter()
            .filter(|f| counts.get(**f).copied().unwrap_or(0) > 0)
            .collect();
        let bulk_total: usize = BULK_FIELDS
            .iter()
            .map(|f| counts.get(*f).copied().unwrap_or(0))
            .sum();
        if bulk_total > 1 {
            let names: Vec<&str> = bulk.iter().map(|f| **f).collect();
            return Err(format!(
                "one operation may run one of exportRecords, importRecords, generateDocument, \
                 syncTemplates, once; this one selects {} ({bulk_total} times)",
                names.join(", ")
            ));
        }
        if let Some(f) = ONCE_FIELDS
            .iter()
            .find(|f| counts.get(**f).copied().unwrap_or(0) > 1)
        {
            return Err(format!(
                "one operation may select {f} once; this one selects it {} times",
                counts.get(*f).copied().unwrap_or(0)
            ));
        }
    }
    Ok(())
}

const WATCHED: [&str; 9] = [
    BULK_FIELDS[0],
    BULK_FIELDS[1],
    BULK_FIELDS[2],
    BULK_FIELDS[3],
    ONCE_FIELDS[0],
    ONCE_FIELDS[1],
    ONCE_FIELDS[2],
    ONCE_FIELDS[3],
    ONCE_FIELDS[4],
];

/// Adds the watched fields in `set` to `out`. Each fragment is counted once and reused
/// (`memo`), so nested spreads cannot make this exponential; a fragment cycle (refused later by
/// validation) counts as empty.
fn count(
    doc: &ExecutableDocument,
    set: &SelectionSet,
    memo: &mut HashMap<String, Counts>,
    visiting: &mut Vec<String>,
    out: &mut Counts,
) {
    for item in &set.items {
        match &item.node {
            Selection::Field(f) => {
                let name = f.node.name.node.as_str();
                if WATCHED.contains(&name) {
                    *out.entry(name.to_string()).or_default() += 1;
                }
                count(doc, &f.node.selection_set.node, memo, visiting, out);
            }
            Selection::InlineFragment(i) => {
                count(doc, &i.node.selection_set.node, memo, visiting, out);
            }
            Selection::FragmentSpread(s) => {
                let name = s.node.fragment_name.node.as_str();
                if !memo.contains_key(name) {
                    if visiting.iter().any(|v| v == name) {
                        continue;
                    }
                    let mut inner = Counts::new();
                    if let Some(frag) = doc.fragments.get(name) {
                        visiting.push(name.to_string());
                        count(
                            doc,
                            &frag.node.selection_set.node,
                            memo,
                            visiting,
                            &mut inner,
                        );
                        visiting.pop();
                    }
                    memo.insert(name.to_string(), inner);
                }
                if let Some(c) = memo.get(name) {
                    for (k, v) in c {
                        let e = out.entry(k.clone()).or_default();
                        *e = e.saturating_add(*v);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(q: &str) -> Result<(), String> {
        check_repeats(&async_graphql::parser::parse_query(q).unwrap())
    }

    #[test]
    fn repeats_through_aliases_and_fragments_are_refused() {
        assert!(check("{ exportRecords(module: \"Leads\") }").is_ok());
        assert!(
            check("{ a: exportRecords(module: \"Leads\") b: exportRecords(module: \"Leads\") }")
                .is_err()
        );
        assert!(
            check("query { ...F ...F } fragment F on Query { exportRecords(module: \"Leads\") }")
                .is_err()
        );
        assert!(check("mutation { generateDocument(module: \"Quotes\", recordId: \"1\") { id } syncTemplates { id } }").is_err());
        assert!(check("{ a: records(module: \"Leads\") { totalCount } b: records(module: \"Leads\") { totalCount } }").is_err());
        assert!(check("{ conversations { edges { node { a: lastMessage { id } b: lastMessage { id } } } } }").is_err());
        // Two operations in one document are judged one by one.
        assert!(
            check("query A { exportRecords(module: \"Leads\") } query B { exportRecords(module: \"Contacts\") }")
                .is_ok()
        );
        // A fragment cycle terminates (validation refuses it afterwards).
        assert!(
            check("query { ...F } fragment F on Query { ...G } fragment G on Query { ...F }")
                .is_ok()
        );
    }

    #[test]
    fn deeply_shared_fragments_are_counted_once_each() {
        // 30 levels each spreading the next twice: 2^30 paths if walked naively.
        let mut q = String::from("query { ...F0 }\n");
        for i in 0..30 {
            q.push_str(&format!(
                "fragment F{i} on Query {{ ...F{n} ...F{n} }}\n",
                n = i + 1
            ));
        }
        q.push_str("fragment F30 on Query { me { id } }\n");
        assert!(check(&q).is_ok());
    }
}
