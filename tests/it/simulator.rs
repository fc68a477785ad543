//! The Graph API simulator on its own: every message kind with parameters in the query
//! string, a form body or a JSON body; media uploads the way SDKs send them; and state that
//! survives a restart on the same data dir.

use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use parley::channel::whatsapp::sandbox::{Sandbox, SandboxConfig};
use parley::clock::{ManualClock, SharedClock};
use serde_json::{Map, Value, json};

const TOKEN: &str = "sim-token";
const SECRET: &str = "sim-secret";
const V: &str = "v23.0";
/// A customer, written the way people type numbers; Meta echoes it and returns the digits.
const TO: &str = "+49 151 2345-6789";
const WA_ID: &str = "4915123456789";

struct Sim {
    sb: Sandbox,
    pnid: String,
    http: reqwest::Client,
}

impl Sim {
    async fn start(listen: SocketAddr, data_dir: Option<&Path>) -> Sim {
        let clock: SharedClock = ManualClock::new();
        let mut cfg = SandboxConfig::for_tests(TOKEN, SECRET);
        cfg.listen = listen;
        cfg.pair_limit = false;
        cfg.data_dir = data_dir.map(Path::to_path_buf);
        let pnid = cfg.numbers[0].id.clone();
        let sb = Sandbox::start(cfg, clock).await.unwrap();
        Sim {
            sb,
            pnid,
            http: reqwest::Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{V}/{path}", self.sb.base_url())
    }

    fn port(&self) -> u16 {
        self.sb
            .base_url()
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }

    async fn json_of(resp: reqwest::Response) -> (u16, Value) {
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// POSTs `params` to `path` encoded as `how`: `json` (bearer header), `query` (every
    /// parameter and the access token in the query string, nested values as JSON) or `form`
    /// (urlencoded body; `text` in bracket notation, other nested values as JSON).
    async fn post(&self, path: &str, how: &str, params: &Value) -> (u16, Value) {
        let map = params.as_object().unwrap();
        let req = match how {
            "json" => self
                .http
                .post(self.url(path))
                .bearer_auth(TOKEN)
                .json(params),
            "query" => {
                let mut pairs = form_pairs(map, false);
                pairs.push(("access_token".into(), TOKEN.into()));
                self.http.post(self.url(path)).query(&pairs)
            }
            "form" => self
                .http
                .post(self.url(path))
                .bearer_auth(TOKEN)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(encode(&form_pairs(map, true))),
            other => panic!("unknown encoding {other}"),
        };
        Self::json_of(req.send().await.unwrap()).await
    }

    async fn upload(&self, bytes: &[u8], mime: &str, name: &str) -> String {
        let form = reqwest::multipart::Form::new()
            .text("messaging_product", "whatsapp")
            .text("type", mime.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes.to_vec())
                    .file_name(name.to_owned())
                    .mime_str(mime)
                    .unwrap(),
            );
        let resp = self
            .http
            .post(self.url(&format!("{}/media", self.pnid)))
            .bearer_auth(TOKEN)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let (status, body) = Self::json_of(resp).await;
        assert_eq!(status, 200, "{body}");
        body["id"].as_str().unwrap().to_owned()
    }

    /// `GET /{media}` -> the download URL.
    async fn media_url(&self, id: &str) -> String {
        let resp = self
            .http
            .get(self.url(id))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        let (status, body) = Self::json_of(resp).await;
        assert_eq!(status, 200, "{body}");
        body["url"].as_str().unwrap().to_owned()
    }

    async fn download(&self, url: &str) -> (u16, Vec<u8>) {
        let resp = self.http.get(url).bearer_auth(TOKEN).send().await.unwrap();
        (resp.status().as_u16(), resp.bytes().await.unwrap().to_vec())
    }

    /// Creates a template and waits until the review approved it.
    async fn approved_template(&self, name: &str) {
        let (status, body) = self
            .post(
                &format!("{}/message_templates", self.sb.waba_id()),
                "json",
                &json!({
                    "name": name, "language": "en_US", "category": "UTILITY",
                    "components": [
                        {"type": "HEADER", "format": "TEXT", "text": "Order {{1}}",
                         "example": {"header_text": ["#42"]}},
                        {"type": "BODY", "text": "Hi {{1}}, your order ships {{2}}.",
                         "example": {"body_text": [["Ada", "today"]]}},
                        {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Track"}]}
                    ]
                }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let id = body["id"].as_str().unwrap().to_owned();
        for _ in 0..200 {
            let approved = self
                .sb
                .templates()
                .iter()
                .any(|t| t["id"] == id.as_str() && t["status"] == "APPROVED");
            if approved {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "template {name} was not approved: {:?}",
            self.sb.templates()
        );
    }
}

/// Parameters as text pairs: scalars as they are, nested values as JSON; with `brackets`,
/// the `text` object goes PHP-style (`text[body]=...`) as some clients send it.
fn form_pairs(map: &Map<String, Value>, brackets: bool) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (key, value) in map {
        match value {
            Value::String(s) => pairs.push((key.clone(), s.clone())),
            Value::Object(obj) if brackets && key == "text" => {
                for (k, v) in obj {
                    let v = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
                    pairs.push((format!("text[{k}]"), v));
                }
            }
            other => pairs.push((key.clone(), other.to_string())),
        }
    }
    pairs
}

fn encode(pairs: &[(String, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    char::from(b).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A send as the spec's §5 examples show it: `messaging_product`, `contacts[{input, wa_id}]`,
/// `messages[{id, message_status?}]`.
fn assert_send_shape(body: &Value, template: bool) -> String {
    assert_eq!(body["messaging_product"], "whatsapp", "{body}");
    assert_eq!(
        body["contacts"],
        json!([{ "input": TO, "wa_id": WA_ID }]),
        "{body}"
    );
    let messages = body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 1, "{body}");
    let id = messages[0]["id"].as_str().unwrap();
    assert!(id.starts_with("wamid."), "{body}");
    if template {
        assert_eq!(messages[0]["message_status"], "accepted", "{body}");
        assert_eq!(messages[0].as_object().unwrap().len(), 2, "{body}");
    } else {
        assert_eq!(messages[0].as_object().unwrap().len(), 1, "{body}");
    }
    assert_eq!(body.as_object().unwrap().len(), 3, "{body}");
    id.to_owned()
}

#[tokio::test]
async fn every_message_kind_in_query_form_and_json() {
    let sim = Sim::start("127.0.0.1:0".parse().unwrap(), None).await;
    let pnid = sim.pnid.clone();
    sim.approved_template("order_update").await;
    let image = sim
        .upload(b"\xff\xd8\xff\xe0jpeg", "image/jpeg", "a.jpg")
        .await;
    let audio = sim.upload(b"OggS-voice", "audio/ogg", "v.ogg").await;
    let sticker = sim.upload(b"RIFF-webp", "image/webp", "s.webp").await;

    for how in ["json", "query", "form"] {
        // The customer writes first, so free-form messages are inside the 24 h window.
        let inbound = sim
            .sb
            .customer_send(
                &pnid,
                WA_ID,
                "Ada",
                json!({"type": "text", "text": {"body": format!("hi via {how}")}}),
            )
            .await
            .unwrap();
        let sends: Vec<(&str, Value, Option<&str>)> = vec![
            (
                "text",
                json!({"type": "text", "text": {"body": "Hello there", "preview_url": false}}),
                Some("Hello there"),
            ),
            // `type` omitted means text; `recipient_type`, `context` and the callback data ride along.
            (
                "text",
                json!({"recipient_type": "individual", "text": {"body": "quoted"},
                "context": {"message_id": inbound}, "biz_opaque_callback_data": "crm-42"}),
                Some("quoted"),
            ),
            (
                "image",
                json!({"type": "image", "image": {"id": image, "caption": "Your receipt"}}),
                Some("Your receipt"),
            ),
            (
                "video",
                json!({"type": "video", "video": {"link": "https://example.com/v.mp4"}}),
                Some("[video]"),
            ),
            (
                "audio",
                json!({"type": "audio", "audio": {"id": audio}}),
                Some("[audio]"),
            ),
            (
                "document",
                json!({"type": "document", "document": {"link": "https://example.com/inv.pdf", "filename": "inv.pdf"}}),
                Some("inv.pdf"),
            ),
            (
                "sticker",
                json!({"type": "sticker", "sticker": {"id": sticker}}),
                Some("[sticker]"),
            ),
            (
                "location",
                json!({"type": "location", "location": {"latitude": "37.44", "longitude": "-122.16", "name": "Philz Coffee", "address": "101 Forest Ave"}}),
                Some("Philz Coffee"),
            ),
            (
                "contacts",
                json!({"type": "contacts", "contacts": [{"name": {"formatted_name": "John Smith", "first_name": "John"},
                "phones": [{"phone": "+16505559999", "type": "WORK", "wa_id": "16505559999"}]}]}),
                Some("Contact: John Smith"),
            ),
            (
                "interactive",
                json!({"type": "interactive", "interactive": {"type": "button",
                "header": {"type": "text", "text": "Order #42"}, "body": {"text": "Confirm delivery slot?"}, "footer": {"text": "Parley"},
                "action": {"buttons": [{"type": "reply", "reply": {"id": "am", "title": "Morning"}},
                                       {"type": "reply", "reply": {"id": "pm", "title": "Afternoon"}}]}}}),
                Some("Confirm delivery slot?"),
            ),
            (
                "interactive",
                json!({"type": "interactive", "interactive": {"type": "list",
                "header": {"type": "text", "text": "Menu"}, "body": {"text": "Pick one"},
                "action": {"button": "Options", "sections": [{"title": "Drinks",
                    "rows": [{"id": "tea", "title": "Tea", "description": "Green tea"}]}]}}}),
                Some("Pick one"),
            ),
            (
                "reaction",
                json!({"type": "reaction", "reaction": {"message_id": inbound, "emoji": "\u{1F600}"}}),
                Some("\u{1F600}"),
            ),
            (
                "template",
                json!({"type": "template", "template": {"name": "order_update", "language": {"code": "en_US"},
                "components": [
                    {"type": "header", "parameters": [{"type": "text", "text": "#42"}]},
                    {"type": "body", "parameters": [{"type": "text", "text": "Ada"},
                        {"type": "date_time", "date_time": {"fallback_value": "tomorrow"}}]},
                    {"type": "button", "sub_type": "quick_reply", "index": 0,
                        "parameters": [{"type": "payload", "payload": "TRACK_42"}]}]}}),
                Some("Hi Ada, your order ships tomorrow."),
            ),
        ];
        for (kind, extra, text) in sends {
            let mut params = json!({"messaging_product": "whatsapp", "to": TO});
            params
                .as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            let (status, body) = sim.post(&format!("{pnid}/messages"), how, &params).await;
            assert_eq!(status, 200, "{kind} via {how}: {body}");
            let wamid = assert_send_shape(&body, kind == "template");
            let thread = sim.sb.conversation_with(&pnid, WA_ID);
            let shown = thread.iter().find(|m| m.wamid == wamid).unwrap();
            assert_eq!(shown.direction, "out");
            assert_eq!(shown.kind, kind, "{kind} via {how}");
            assert_eq!(shown.text.as_deref(), text, "{kind} via {how}");
        }

        // Mark-as-read, then mark-as-read with the typing indicator: `{"success": true}`.
        let read =
            json!({"messaging_product": "whatsapp", "status": "read", "message_id": inbound});
        let (status, body) = sim.post(&format!("{pnid}/messages"), how, &read).await;
        assert_eq!(
            (status, &body),
            (200, &json!({"success": true})),
            "read via {how}"
        );
        let shown = sim.sb.conversation_with(&pnid, WA_ID);
        let customer_msg = shown.iter().find(|m| m.wamid == inbound).unwrap();
        assert_eq!(
            (customer_msg.kind.as_str(), customer_msg.status.as_str()),
            ("text", "read")
        );
        assert!(!sim.sb.typing(&pnid, WA_ID));
        let mut typing = read.clone();
        typing["typing_indicator"] = json!({"type": "text"});
        let (status, body) = sim.post(&format!("{pnid}/messages"), how, &typing).await;
        assert_eq!(
            (status, &body),
            (200, &json!({"success": true})),
            "typing via {how}"
        );
        assert!(sim.sb.typing(&pnid, WA_ID), "typing via {how}");
    }

    // The callback data is echoed on the statuses of the message that carried it.
    let sent = sim.sb.sent();
    assert_eq!(sent.len(), 3 * 13);
    assert!(
        sent.iter()
            .any(|m| m.body["biz_opaque_callback_data"] == "crm-42")
    );
    sim.sb.shutdown().await;
}

#[tokio::test]
async fn stricter_than_meta_no_more() {
    let sim = Sim::start("127.0.0.1:0".parse().unwrap(), None).await;
    let pnid = sim.pnid.clone();
    sim.sb
        .customer_send(
            &pnid,
            WA_ID,
            "Ada",
            json!({"type": "text", "text": {"body": "hi"}}),
        )
        .await
        .unwrap();
    let image = sim
        .upload(b"\xff\xd8\xff\xe0jpeg", "image/jpeg", "a.jpg")
        .await;
    // Numbers where the spec shows numeric strings: `to`, media `id`, callback data.
    let (status, body) = sim
        .post(
            &format!("{pnid}/messages"),
            "json",
            &json!({"messaging_product": "WhatsApp", "to": 4915123456789u64, "type": "IMAGE",
                "image": {"id": image.parse::<u64>().unwrap()}, "biz_opaque_callback_data": 42}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contacts"][0]["wa_id"], WA_ID);
    // Multipart text fields are parameters too.
    let form = reqwest::multipart::Form::new()
        .text("messaging_product", "whatsapp")
        .text("to", TO)
        .text("text", r#"{"body": "from a multipart form"}"#);
    let resp = sim
        .http
        .post(sim.url(&format!("{pnid}/messages")))
        .bearer_auth(TOKEN)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, body) = Sim::json_of(resp).await;
    assert_eq!(status, 200, "{body}");
    assert_send_shape(&body, false);
    // Still refused: a wrong token anywhere, a missing `to`.
    let resp = sim
        .http
        .post(sim.url(&format!("{pnid}/messages")))
        .query(&[("access_token", "wrong")])
        .json(&json!({"messaging_product": "whatsapp", "to": TO, "text": {"body": "x"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let (status, body) = sim
        .post(
            &format!("{pnid}/messages"),
            "query",
            &json!({"messaging_product": "whatsapp", "text": {"body": "x"}}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].as_u64()),
        (400, Some(131008))
    );
    sim.sb.shutdown().await;
}

#[tokio::test]
async fn media_upload_with_messaging_product_in_the_query() {
    let sim = Sim::start("127.0.0.1:0".parse().unwrap(), None).await;
    let bytes = b"%PDF-1.4 simulated".to_vec();
    // As a widely used SDK sends it: only `file` in the multipart body, the rest in the query.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes.clone())
            .file_name("invoice.pdf")
            .mime_str("application/pdf")
            .unwrap(),
    );
    let resp = sim
        .http
        .post(sim.url(&format!("{}/media", sim.pnid)))
        .query(&[("messaging_product", "whatsapp"), ("access_token", TOKEN)])
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, body) = Sim::json_of(resp).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.as_object().unwrap().len(), 1, "{body}");
    let id = body["id"].as_str().unwrap();
    let resp = sim
        .http
        .get(sim.url(id))
        .query(&[("access_token", TOKEN)])
        .send()
        .await
        .unwrap();
    let (status, meta) = Sim::json_of(resp).await;
    assert_eq!(status, 200, "{meta}");
    assert_eq!(meta["messaging_product"], "whatsapp");
    assert_eq!(meta["mime_type"], "application/pdf");
    assert_eq!(meta["file_size"], bytes.len());
    assert_eq!(meta["id"], id);
    let (status, got) = sim.download(meta["url"].as_str().unwrap()).await;
    assert_eq!((status, got), (200, bytes));
    // Without messaging_product anywhere it is still refused, as on Meta.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"x".to_vec())
            .file_name("a.txt")
            .mime_str("text/plain")
            .unwrap(),
    );
    let resp = sim
        .http
        .post(sim.url(&format!("{}/media", sim.pnid)))
        .bearer_auth(TOKEN)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let (status, body) = Sim::json_of(resp).await;
    assert_eq!((status, body["error"]["code"].as_u64()), (400, Some(100)));
    sim.sb.shutdown().await;
}

#[tokio::test]
async fn state_survives_a_restart_on_the_same_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let sim = Sim::start("127.0.0.1:0".parse().unwrap(), Some(dir.path())).await;
    let pnid = sim.pnid.clone();
    let inbound = sim
        .sb
        .customer_send(
            &pnid,
            WA_ID,
            "Ada",
            json!({"type": "text", "text": {"body": "Hello?"}}),
        )
        .await
        .unwrap();
    let (status, body) = sim
        .post(
            &format!("{pnid}/messages"),
            "json",
            &json!({"messaging_product": "whatsapp", "to": TO, "text": {"body": "Hi Ada!"}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let wamid = assert_send_shape(&body, false);
    sim.approved_template("welcome_back").await;
    let bytes = b"\x89PNG simulated".to_vec();
    let media = sim.upload(&bytes, "image/png", "p.png").await;
    let url = sim.media_url(&media).await;
    for _ in 0..200 {
        if sim.sb.statuses(&wamid).len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sim.sb.statuses(&wamid), ["sent", "delivered", "read"]);
    let before = sim.sb.conversation_with(&pnid, WA_ID);
    let port = sim.port();
    sim.sb.shutdown().await;

    // Same dir, same address: the phone, the media URL and the templates are still there.
    let sim = Sim::start(([127, 0, 0, 1], port).into(), Some(dir.path())).await;
    let after = sim.sb.conversation_with(&pnid, WA_ID);
    assert_eq!(after.len(), 2);
    for (a, b) in before.iter().zip(&after) {
        assert_eq!(
            (&a.wamid, &a.kind, &a.text, &a.status, a.at),
            (&b.wamid, &b.kind, &b.text, &b.status, b.at)
        );
    }
    assert_eq!(after[1].status, "read");
    assert_eq!(sim.sb.statuses(&wamid), ["sent", "delivered", "read"]);
    assert_eq!(sim.sb.sent().len(), 1);
    let (status, got) = sim.download(&url).await;
    assert_eq!((status, got), (200, bytes.clone()));
    let fresh = sim.media_url(&media).await;
    assert_eq!(sim.download(&fresh).await, (200, bytes));
    assert!(
        sim.sb
            .templates()
            .iter()
            .any(|t| t["name"] == "welcome_back" && t["status"] == "APPROVED")
    );
    // The inbound message is still known (mark-as-read), and the 24 h window still open:
    // a free-form reply goes out without failing.
    let read = json!({"messaging_product": "whatsapp", "status": "read", "message_id": inbound});
    let (status, body) = sim.post(&format!("{pnid}/messages"), "form", &read).await;
    assert_eq!((status, &body), (200, &json!({"success": true})));
    let (status, body) = sim
        .post(
            &format!("{pnid}/messages"),
            "json",
            &json!({"messaging_product": "whatsapp", "to": TO, "text": {"body": "Still here"}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let again = assert_send_shape(&body, false);
    for _ in 0..200 {
        if sim.sb.statuses(&again).len() == 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sim.sb.statuses(&again), ["sent", "delivered", "read"]);
    sim.sb.shutdown().await;

    // And a third start sees the reply and the read mark.
    let sim = Sim::start("127.0.0.1:0".parse().unwrap(), Some(dir.path())).await;
    let thread = sim.sb.conversation_with(&pnid, WA_ID);
    assert_eq!(thread.len(), 3);
    assert_eq!(thread[0].status, "read");
    assert_eq!(thread[2].text.as_deref(), Some("Still here"));
    sim.sb.shutdown().await;
}

/// `parley demo` on `data` with a fixed simulator token and address; returns the child, the
/// app URL and an admin session token.
async fn demo(data: &Path, sandbox: &str) -> (std::process::Child, String, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = crate::binary::spawn_ready(
        std::process::Command::new(crate::binary::BIN)
            .args(["demo", "--data", data.to_str().unwrap()])
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args([
                "--admin-password",
                "Sim-Passw0rd-1",
                "--sandbox-token",
                TOKEN,
            ])
            .args(["--sandbox-listen", sandbox]),
    );
    let url = format!("http://127.0.0.1:{port}");
    let r: Value = reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .json(&json!({"query": "mutation { login(email:\"admin@parley.local\", password:\"Sim-Passw0rd-1\"){ token } }"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = r["data"]["login"]["token"].as_str().unwrap().to_owned();
    (child, url, token)
}

async fn gql(url: &str, token: &str, query: &str) -> Value {
    reqwest::Client::new()
        .post(format!("{url}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn stop(mut child: std::process::Child) {
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_restart_keeps_the_simulated_phone_and_media_urls() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sandbox_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sandbox = format!("127.0.0.1:{sandbox_port}");
    let (child, url, token) = demo(&data, &sandbox).await;
    let r = gql(&url, &token, "mutation { simulateCustomerMessage(input:{waId:\"4915199887766\", name:\"Pia\", type:\"text\", text:\"Before the restart\"}) }").await;
    let wamid = r["data"]["simulateCustomerMessage"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_owned();
    let http = reqwest::Client::new();
    let base = format!("http://{sandbox}/{V}");
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(b"hello media".to_vec())
            .file_name("a.txt")
            .mime_str("text/plain")
            .unwrap(),
    );
    let upload: Value = http
        .post(format!("{base}/106540352242922/media"))
        .query(&[("messaging_product", "whatsapp"), ("access_token", TOKEN)])
        .multipart(form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let media = upload["id"].as_str().unwrap_or_else(|| panic!("{upload}"));
    let meta: Value = http
        .get(format!("{base}/{media}"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let media_url = meta["url"].as_str().unwrap().to_owned();
    stop(child);

    let (child, url, token) = demo(&data, &sandbox).await;
    let thread = gql(
        &url,
        &token,
        "{ simulatorThread(waId:\"4915199887766\"){ direction wamid type text } }",
    )
    .await;
    assert_eq!(
        thread["data"]["simulatorThread"],
        json!([{"direction": "in", "wamid": wamid, "type": "text", "text": "Before the restart"}]),
        "{thread}"
    );
    let resp = http
        .get(&media_url)
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(&resp.bytes().await.unwrap()[..], b"hello media");
    stop(child);
}
