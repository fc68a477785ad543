//! Attachments (F21–F23): uploads with Meta's types and limits, replies with up to five files
//! and CRM documents through the outbox to the simulator, the Attachments tab, downloads.

use serde_json::{Value, json};

use parley::channel::whatsapp::sandbox::Chaos;

use crate::harness::codes;
use crate::whatsapp::Wa;

pub const CUSTOMER: &str = "4915177700011";
const SR: &str = "mutation($i:SendReplyInput!){ sendReply(input:$i){ id type status text } }";

pub fn png(extra: usize) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    b.resize(b.len() + extra, 0x42);
    b
}

pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// Posts a file to `/uploads` with the admin's bearer token; answers (status, JSON).
pub async fn upload(wa: &Wa, name: &str, mime: &str, bytes: Vec<u8>) -> (u16, Value) {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new().part("file", part);
    let r =
        wa.s.http
            .post(wa.s.url("/uploads"))
            .bearer_auth(&wa.admin)
            .multipart(form)
            .send()
            .await
            .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

pub async fn upload_id(wa: &Wa, name: &str, mime: &str, bytes: Vec<u8>) -> String {
    let (status, body) = upload(wa, name, mime, bytes).await;
    assert_eq!(status, 200, "{body}");
    body["id"].as_str().unwrap().to_string()
}

/// The customer writes first (the window opens); answers the conversation's id and the
/// record's (module, id).
pub async fn open_conversation(wa: &Wa, text: &str) -> (String, String, String) {
    let wamid = wa
        .sandbox
        .customer_send(
            &wa.pnid,
            CUSTOMER,
            "Erika Muster",
            json!({"type": "text", "text": {"body": text}}),
        )
        .await
        .unwrap();
    wa.until("inbound", |w| w.s.app.messaging.store_has_wamid(&wamid))
        .await;
    let r = wa
        .gql(
            "{ conversations { nodes { id customerWaId record { id module } } } }",
            json!({}),
        )
        .await;
    let c = r["data"]["conversations"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["customerWaId"] == CUSTOMER)
        .unwrap_or_else(|| panic!("{r}"))
        .clone();
    (
        c["id"].as_str().unwrap().to_string(),
        c["record"]["module"].as_str().unwrap().to_string(),
        c["record"]["id"].as_str().unwrap().to_string(),
    )
}

pub fn status_of(wa: &Wa, id: &str) -> String {
    let m = wa.s.app.messaging.message_unchecked(id).unwrap();
    format!("{:?}", m.status).to_uppercase()
}

/// The conversation's messages, oldest first.
pub async fn thread(wa: &Wa, conv: &str) -> Vec<Value> {
    let r = wa
        .gql(
            "query($id:ID!){ conversation(id:$id){ messages(first: 100){ nodes { id wamid type text status direction errorCode
               attachment { fileName mimeType size url previewUrl source kind }
               reactions { emoji fromCustomer } replyTo { id wamid } editedAt deletedAt edits { text } } } } }",
            json!({"id": conv}),
        )
        .await;
    r["data"]["conversation"]["messages"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .clone()
}

#[tokio::test]
async fn uploads_are_checked_by_content_name_and_meta_limits() {
    let wa = Wa::start().await;
    let (status, ok) = upload(&wa, "Schaden.png", "image/png", png(1000)).await;
    assert_eq!(status, 200, "{ok}");
    assert_eq!(ok["mimeType"], "image/png");
    assert_eq!(ok["fileName"], "Schaden.png");
    assert_eq!(ok["size"], png(1000).len());
    assert!(ok["id"].as_str().is_some_and(|i| !i.is_empty()));

    // The content decides: a PDF named .png, a web page, a program are refused with why.
    let (status, e) = upload(&wa, "foto.png", "image/png", pdf()).await;
    assert_eq!(status, 400, "{e}");
    assert_eq!(e["error"]["code"], "VALIDATION");
    let msg = e["error"]["message"].as_str().unwrap();
    assert!(
        msg.contains(".png") && msg.contains("application/pdf"),
        "{msg}"
    );
    let (status, e) = upload(
        &wa,
        "page.html",
        "text/html",
        b"<!DOCTYPE html><html><script>alert(1)</script></html>".to_vec(),
    )
    .await;
    assert_eq!(status, 400, "{e}");
    let (status, _) = upload(&wa, "tool.exe", "application/octet-stream", {
        let mut b = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
        b.resize(512, 0);
        b
    })
    .await;
    assert_eq!(status, 400);

    // Meta's limits by type: an image over 5 MB is refused, a PDF of the same size is not.
    let (status, e) = upload(&wa, "big.png", "image/png", png(5 * 1024 * 1024)).await;
    assert_eq!(status, 400, "{e}");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("5 MB"),
        "{e}"
    );
    let mut big_pdf = pdf();
    big_pdf.resize(5 * 1024 * 1024 + 10, b' ');
    let (status, e) = upload(&wa, "big.pdf", "application/pdf", big_pdf).await;
    assert_eq!(status, 200, "{e}");

    // Signed in only; a cookie without our page's header is refused (no cross-site forms).
    let anon =
        wa.s.http
            .post(wa.s.url("/uploads"))
            .header("x-requested-with", "parley")
            .multipart(reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(png(10)).file_name("a.png"),
            ))
            .send()
            .await
            .unwrap();
    assert_eq!(anon.status().as_u16(), 401);
    let cookie =
        wa.s.http
            .post(wa.s.url("/uploads"))
            .header("cookie", format!("parley_session={}", wa.admin))
            .multipart(reqwest::multipart::Form::new().part(
                "file",
                reqwest::multipart::Part::bytes(png(10)).file_name("a.png"),
            ))
            .send()
            .await
            .unwrap();
    assert_eq!(cookie.status().as_u16(), 403);
}

#[tokio::test]
async fn a_reply_takes_five_attachments_not_six_and_each_reaches_the_phone() {
    let wa = Wa::start().await;
    let (conv, _, _) = open_conversation(&wa, "Können Sie mir Fotos schicken?").await;
    let mut ids = vec![];
    for i in 0..5 {
        ids.push(upload_id(&wa, &format!("foto{i}.png"), "image/png", png(100 + i)).await);
    }
    ids.push(upload_id(&wa, "angebot.pdf", "application/pdf", pdf()).await);
    let six: Vec<Value> = ids.iter().map(|id| json!({"uploadId": id})).collect();
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": "Hier", "attachments": six}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    assert!(wa.sandbox.sent().is_empty());

    let five: Vec<Value> = ids[1..].iter().map(|id| json!({"uploadId": id})).collect();
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": "Hier die Fotos und das Angebot", "attachments": five}}),
        )
        .await;
    let first = r["data"]["sendReply"].clone();
    assert_eq!(first["type"], "image", "{r}");
    assert_eq!(first["text"], "Hier die Fotos und das Angebot");
    assert_eq!(first["status"], "QUEUED");

    wa.until("all five sent", |w| w.sandbox.sent().len() == 5)
        .await;
    let sent = wa.sandbox.sent();
    let kinds: Vec<&str> = sent
        .iter()
        .map(|m| m.body["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["image", "image", "image", "image", "document"]);
    assert_eq!(
        sent[0].body["image"]["caption"],
        "Hier die Fotos und das Angebot"
    );
    assert!(sent[1].body["image"].get("caption").is_none());
    assert_eq!(sent[4].body["document"]["filename"], "angebot.pdf");
    // Each went to the media endpoint first: the simulator holds the very bytes.
    for (m, expect) in sent
        .iter()
        .zip([png(101), png(102), png(103), png(104), pdf()])
    {
        let kind = m.body["type"].as_str().unwrap();
        let media_id = m.body[kind]["id"].as_str().unwrap();
        let (bytes, _) = wa.sandbox.media(media_id).unwrap();
        assert_eq!(bytes, expect);
    }
    // The simulated phone shows each.
    let phone = wa.sandbox.conversation_with(&wa.pnid, CUSTOMER);
    let out: Vec<&str> = phone
        .iter()
        .filter(|m| m.direction == "out")
        .map(|m| m.kind.as_str())
        .collect();
    assert_eq!(out, ["image", "image", "image", "image", "document"]);
    // … as the demo's phone page reads it: previews of the images, the document's name.
    let _ = wa.s.app.sandbox.set(wa.sandbox.clone());
    let r = wa
        .gql(
            "query($w:String!){ simulatorThread(waId:$w){ direction type text fileName mimeType previewDataUrl } }",
            json!({"w": CUSTOMER}),
        )
        .await;
    let shown: Vec<Value> = r["data"]["simulatorThread"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"))
        .iter()
        .filter(|m| m["direction"] == "out")
        .cloned()
        .collect();
    assert_eq!(shown.len(), 5, "{r}");
    assert_eq!(shown[0]["text"], "Hier die Fotos und das Angebot");
    assert!(
        shown[0]["previewDataUrl"]
            .as_str()
            .unwrap()
            .starts_with("data:image/png;base64,")
    );
    assert_eq!(shown[4]["fileName"], "angebot.pdf");
    assert_eq!(shown[4]["mimeType"], "application/pdf");
    assert!(shown[4]["previewDataUrl"].is_null());

    // The conversation's Attachments tab lists them with downloads.
    let r = wa
        .gql(
            "query($id:ID!){ conversation(id:$id){ attachments { fileName mimeType size url previewUrl source direction kind } } }",
            json!({"id": conv}),
        )
        .await;
    let atts = r["data"]["conversation"]["attachments"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(atts.len(), 5, "{r}");
    assert!(
        atts.iter()
            .all(|a| a["direction"] == "OUTBOUND" && a["source"] == "upload")
    );
    let doc = atts
        .iter()
        .find(|a| a["fileName"] == "angebot.pdf")
        .unwrap();
    let url = doc["url"].as_str().unwrap();
    let res =
        wa.s.http
            .get(wa.s.url(url))
            .bearer_auth(&wa.admin)
            .send()
            .await
            .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert_eq!(res.headers()["cache-control"], "private, max-age=3600");
    // Streamed from the file, with its length up front.
    assert_eq!(res.headers()["content-length"], pdf().len().to_string());
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"angebot.pdf\"")
    );
    assert_eq!(res.bytes().await.unwrap().to_vec(), pdf());
    // Previews (inline) exist for images and PDFs only.
    let preview = doc["previewUrl"].as_str().unwrap();
    let res =
        wa.s.http
            .get(wa.s.url(preview))
            .bearer_auth(&wa.admin)
            .send()
            .await
            .unwrap();
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline;")
    );
    // Without a session: nothing.
    let res = wa.s.http.get(wa.s.url(url)).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 401);
}

/// Issue 14: a partial failure shows on the attachment that failed.
#[tokio::test]
async fn a_refused_upload_fails_only_its_attachment_with_metas_code_and_the_others_reach_the_phone()
{
    let wa = Wa::start().await;
    let (conv, _, _) = open_conversation(&wa, "Schicken Sie mir alles?").await;
    let first = upload_id(&wa, "vorher.png", "image/png", png(11)).await;
    let middle = upload_id(&wa, "angebot.pdf", "application/pdf", pdf()).await;
    let last = upload_id(&wa, "nachher.png", "image/png", png(33)).await;
    // Meta takes PDFs in general, but refuses this upload (its media pipeline cannot use it).
    wa.sandbox.set_chaos(Chaos {
        refuse_media_types: vec!["application/pdf".into()],
        ..Default::default()
    });
    let files: Vec<Value> = [&first, &middle, &last]
        .iter()
        .map(|id| json!({"uploadId": id}))
        .collect();
    let caption = "Vorher, das Angebot, nachher";
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": caption, "attachments": files}}),
        )
        .await;
    assert_eq!(r["data"]["sendReply"]["status"], "QUEUED", "{r}");

    // The two images go all the way (read on the phone); the PDF fails on its own.
    let q = "query($id:ID!){ conversation(id:$id){ messages(first: 100){ nodes {
               id wamid type text status direction errorCode errorMessage
               attachment { fileName failed } } } } }";
    let outbound = async || -> Vec<Value> {
        let r = wa.gql(q, json!({"id": conv})).await;
        r["data"]["conversation"]["messages"]["nodes"]
            .as_array()
            .unwrap_or_else(|| panic!("{r}"))
            .iter()
            .filter(|m| m["direction"] == "OUTBOUND")
            .cloned()
            .collect()
    };
    let ids: Vec<String> = outbound()
        .await
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3, "one message per file, the text as a caption");
    wa.until("the reply settled", |w| {
        let st: Vec<String> = ids.iter().map(|id| status_of(w, id)).collect();
        st == ["READ", "FAILED", "READ"]
    })
    .await;
    let msgs = outbound().await;
    let names: Vec<&str> = msgs
        .iter()
        .map(|m| m["attachment"]["fileName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["vorher.png", "angebot.pdf", "nachher.png"]);

    // The failed one carries Meta's code and reason, on that file only.
    let failed = &msgs[1];
    assert_eq!(failed["type"], "document");
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(failed["errorCode"], 131053, "{failed}");
    assert_eq!(
        failed["errorMessage"],
        "The uploaded media of type application/pdf could not be processed."
    );
    assert!(failed["wamid"].is_null());
    assert_eq!(failed["attachment"]["failed"], true);
    assert!(
        failed["text"].is_null(),
        "the caption went with the first file"
    );
    for ok in [&msgs[0], &msgs[2]] {
        assert!(
            ok["errorCode"].is_null() && ok["errorMessage"].is_null(),
            "{ok}"
        );
        assert_eq!(ok["attachment"]["failed"], false);
        let wamid = ok["wamid"].as_str().unwrap();
        assert_eq!(wa.sandbox.statuses(wamid), ["sent", "delivered", "read"]);
    }
    assert_eq!(msgs[0]["text"], caption);
    assert!(msgs[2]["text"].is_null());

    // Meta was asked once for the PDF: a 131053 is not retried, and it left the outbox.
    assert_eq!(wa.sandbox.refused_uploads(), ["application/pdf"]);
    let queued =
        wa.s.app
            .store
            .read()
            .unwrap()
            .open_table(parley::store::tables::OUTBOX)
            .unwrap()
            .get(ids[1].as_str())
            .unwrap()
            .is_none();
    assert!(queued, "the failed message must not stay in the outbox");

    // The phone got the two images, the first with the caption, each with its own bytes.
    let sent = wa.sandbox.sent();
    assert_eq!(sent.len(), 2);
    let mut got: Vec<(Vec<u8>, Value)> = sent
        .iter()
        .map(|m| {
            assert_eq!(m.body["type"], "image");
            let media_id = m.body["image"]["id"].as_str().unwrap();
            let (bytes, _) = wa.sandbox.media(media_id).unwrap();
            (bytes, m.body["image"]["caption"].clone())
        })
        .collect();
    got.sort_by_key(|(b, _)| b.len());
    assert_eq!(got[0], (png(11), json!(caption)));
    assert_eq!(got[1], (png(33), Value::Null));
    let phone: Vec<String> = wa
        .sandbox
        .conversation_with(&wa.pnid, CUSTOMER)
        .into_iter()
        .filter(|m| m.direction == "out")
        .map(|m| m.kind)
        .collect();
    assert_eq!(phone, ["image", "image"]);

    // The Attachments tab marks the one that failed.
    let r = wa
        .gql(
            "query($id:ID!){ conversation(id:$id){ attachments { fileName failed } } }",
            json!({"id": conv}),
        )
        .await;
    assert_eq!(
        r["data"]["conversation"]["attachments"],
        json!([
            {"fileName": "vorher.png", "failed": false},
            {"fileName": "angebot.pdf", "failed": true},
            {"fileName": "nachher.png", "failed": false},
        ]),
        "{r}"
    );
}

#[tokio::test]
async fn a_crm_document_related_to_the_record_goes_as_a_pdf() {
    let wa = Wa::start().await;
    let (conv, module, record) = open_conversation(&wa, "Schicken Sie mir das Angebot?").await;
    assert_eq!(module, "Leads");
    let quote = |lead: Option<&str>| {
        let mut v = json!({"Subject": "Angebot Fenster"});
        if let Some(l) = lead {
            v["Lead_Name"] = json!(l);
        }
        v
    };
    let mk = async |values: Value| -> String {
        let r = wa
            .gql(
                "mutation($v:JSON!){ createRecord(module:\"Quotes\", values:$v){ id } }",
                json!({"v": values}),
            )
            .await;
        let id = r["data"]["createRecord"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{r}"))
            .to_string();
        let r = wa
            .gql(
                "mutation($id:ID!){ generateDocument(module:\"Quotes\", recordId:$id){ id fileName } }",
                json!({"id": id}),
            )
            .await;
        r["data"]["generateDocument"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{r}"))
            .to_string()
    };
    let related = mk(quote(Some(&record))).await;
    let unrelated = mk(quote(None)).await;

    // The conversation offers the related quote with its PDF.
    let r = wa
        .gql(
            "query($c:ID!){ attachableDocuments(conversationId:$c){ module record { id } documents { id fileName } } attachmentSources }",
            json!({"c": conv}),
        )
        .await;
    let list = r["data"]["attachableDocuments"]
        .as_array()
        .unwrap_or_else(|| panic!("{r}"));
    assert_eq!(list.len(), 1, "{r}");
    assert_eq!(list[0]["documents"][0]["id"], related.as_str());
    assert_eq!(
        r["data"]["attachmentSources"],
        json!(["upload", "crm_document"])
    );

    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "attachments": [{"documentId": unrelated}]}}),
        )
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");
    let r = wa
        .gql(SR, json!({"i": {"conversationId": conv, "attachments": [{"uploadId": "x", "documentId": related}]}}))
        .await;
    assert_eq!(codes(&r), ["VALIDATION"], "{r}");

    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "text": "Ihr Angebot", "attachments": [{"documentId": related}]}}),
        )
        .await;
    let id = r["data"]["sendReply"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();
    wa.until("sent", |w| status_of(w, &id) != "QUEUED").await;
    assert_eq!(status_of(&wa, &id), "SENT");
    let sent = wa.sandbox.sent();
    let body = &sent.last().unwrap().body;
    assert_eq!(body["type"], "document");
    assert_eq!(body["document"]["caption"], "Ihr Angebot");
    assert!(
        body["document"]["filename"]
            .as_str()
            .unwrap()
            .ends_with(".pdf")
    );
    let (bytes, mime) = wa
        .sandbox
        .media(body["document"]["id"].as_str().unwrap())
        .unwrap();
    assert_eq!(mime, "application/pdf");
    assert!(bytes.starts_with(b"%PDF"));
    let msgs = thread(&wa, &conv).await;
    let m = msgs.iter().find(|m| m["id"] == id.as_str()).unwrap();
    assert_eq!(m["attachment"]["source"], "crm_document");
    assert_eq!(m["attachment"]["mimeType"], "application/pdf");
}

#[tokio::test]
async fn uploads_never_sent_expire() {
    let wa = Wa::start().await;
    let (conv, _, _) = open_conversation(&wa, "Hallo").await;
    let id = upload_id(&wa, "alt.png", "image/png", png(10)).await;
    wa.s.clock.advance(25 * 3600 * 1000);
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let gone =
            wa.s.app
                .store
                .read()
                .unwrap()
                .open_table(parley::store::tables::UPLOADS)
                .unwrap()
                .get(id.as_str())
                .unwrap()
                .is_none();
        if gone {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "upload not pruned");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // A customer message keeps the window open after the jump.
    open_conversation(&wa, "Noch da?").await;
    let r = wa
        .gql(
            SR,
            json!({"i": {"conversationId": conv, "attachments": [{"uploadId": id}]}}),
        )
        .await;
    assert_eq!(codes(&r), ["NOT_FOUND"], "{r}");
}
