//! Templates with a media header (image or document): created with their file (uploaded to
//! Meta's Resumable Upload API as the review example) and sent with it (the file goes to the
//! media endpoint, its id into the header parameter).

use serde_json::json;

use crate::attachments::{pdf, png, status_of, upload_id};
use crate::harness::codes;
use crate::whatsapp::Wa;

const CT: &str = "mutation($i:CreateTemplateInput!){ createTemplate(input:$i){ id status headerFormat headerFileName headerMimeType } }";
const ST: &str = "mutation($i:SendTemplateInput!){ sendTemplate(input:$i){ id status type attachment { fileName mimeType source } } }";

#[tokio::test]
async fn media_header_templates_are_created_and_sent_with_their_file() {
    let wa = Wa::start().await;
    let image = upload_id(&wa, "produkt.png", "image/png", png(2000)).await;
    let doc = upload_id(&wa, "preisliste.pdf", "application/pdf", pdf()).await;

    // A header file of the wrong kind, or a media header without its file, is refused.
    let base = |name: &str| {
        json!({"name": name, "module": "Leads", "language": "de", "category": "MARKETING",
        "body": "Hallo $[Leads.First Name], unser neues Produkt ist da."})
    };
    let mut wrong = base("wrong_header");
    wrong["headerFormat"] = json!("IMAGE");
    wrong["headerUploadId"] = json!(doc);
    assert_eq!(
        codes(&wa.gql(CT, json!({"i": wrong})).await),
        ["VALIDATION"]
    );
    let mut missing = base("missing_header");
    missing["headerFormat"] = json!("DOCUMENT");
    assert_eq!(
        codes(&wa.gql(CT, json!({"i": missing})).await),
        ["VALIDATION"]
    );

    let mut with_image = base("neues_produkt");
    with_image["headerFormat"] = json!("IMAGE");
    with_image["headerUploadId"] = json!(image);
    let r = wa.gql(CT, json!({"i": with_image})).await;
    let t = &r["data"]["createTemplate"];
    assert_eq!(t["headerFormat"], "IMAGE", "{r}");
    assert_eq!(t["headerFileName"], "produkt.png");
    let tid = t["id"].as_str().unwrap().to_string();
    let mut with_doc = base("preisliste");
    with_doc["headerFormat"] = json!("DOCUMENT");
    with_doc["headerUploadId"] = json!(doc);
    let r = wa.gql(CT, json!({"i": with_doc})).await;
    let did = r["data"]["createTemplate"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{r}"))
        .to_string();

    // Meta got an upload handle as the header's example, and approved both.
    for name in ["neues_produkt", "preisliste"] {
        let remote = wa.sandbox.templates();
        let t = remote.iter().find(|t| t["name"] == name).unwrap();
        let header = t["components"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["type"] == "HEADER")
            .unwrap();
        assert!(
            header["example"]["header_handle"][0]
                .as_str()
                .unwrap()
                .starts_with("4::"),
            "{t}"
        );
    }
    for id in [&tid, &did] {
        let id = id.clone();
        wa.until("approved", |w| {
            w.s.app
                .templates
                .get(&id)
                .is_ok_and(|t| t.status == parley::templates::TemplateStatus::Approved)
        })
        .await;
    }

    let r = wa
        .gql(
            "mutation($v:JSON!){ createRecord(module:\"Leads\", values:$v){ id } }",
            json!({"v": {"First_Name": "Greta", "Last_Name": "Test", "Mobile": "+49 151 77788800"}}),
        )
        .await;
    let lead = r["data"]["createRecord"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (id, kind, mime) in [
        (&tid, "image", "image/png"),
        (&did, "document", "application/pdf"),
    ] {
        let r = wa
            .gql(ST, json!({"i": {"profileId": wa.profile_id, "module": "Leads", "recordId": lead, "templateId": id}}))
            .await;
        let m = &r["data"]["sendTemplate"];
        assert_eq!(m["type"], "template", "{r}");
        assert_eq!(m["attachment"]["mimeType"], mime);
        assert_eq!(m["attachment"]["source"], "template_header");
        let mid = m["id"].as_str().unwrap().to_string();
        wa.until("sent", |w| status_of(w, &mid) != "QUEUED").await;
        assert_eq!(status_of(&wa, &mid), "SENT");
        let sent = wa.sandbox.sent();
        let body = &sent.last().unwrap().body;
        let header = &body["template"]["components"][0];
        assert_eq!(header["type"], "header");
        assert_eq!(header["parameters"][0]["type"], kind);
        let media_id = header["parameters"][0][kind]["id"].as_str().unwrap();
        let (_, got) = wa.sandbox.media(media_id).unwrap();
        assert_eq!(got, mime);
        if kind == "document" {
            assert_eq!(
                header["parameters"][0]["document"]["filename"],
                "preisliste.pdf"
            );
        }
    }
    // The simulated phone shows both template messages.
    let phone = wa.sandbox.conversation_with(&wa.pnid, "4915177788800");
    assert_eq!(phone.iter().filter(|m| m.kind == "template").count(), 2);
}
