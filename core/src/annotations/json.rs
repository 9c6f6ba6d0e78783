//! How do annotations leave the reader and come back? As W3C Web Annotation JSON
//! (`http://www.w3.org/ns/anno.jsonld`): an `AnnotationCollection` whose first page holds every
//! annotation. The shape, and the yomikurabe-specific parts, are in `docs/annotations.md`:
//!
//! - `id`: `urn:yomikurabe:annotation:<id>`; `motivation`: `highlighting`, `commenting` or
//!   `questioning` (a prompt);
//! - `body`: the note as a `TextualBody` (`format: text/plain`, `purpose: commenting`), each tag
//!   as a `TextualBody` with `purpose: tagging`;
//! - `target.source`: `urn:yomikurabe:text:<hash of the decoded text>`, `target.yomikurabe:document`
//!   the document's id; `target.selector`: a `TextQuoteSelector` (exact, prefix, suffix) and a
//!   `FragmentSelector` naming the passage (`conformsTo: urn:yomikurabe:passage`) refined by a
//!   `TextPositionSelector` whose `start`/`end` count Unicode scalar values in that passage.
//!
//! Reading is tolerant: one annotation, an array, a page or a collection; missing optional parts
//! (body, tags, times, positions, passage, id) are defaults; an annotation without what anchoring
//! needs (a quote, a yomikurabe text) is skipped with its reason ([`Imported::skipped`]).

use super::{Annotation, DocumentKey, Kind, Target};
use crate::text::hash::fnv1a64;
use serde_json::{json, Map, Value};

/// The JSON-LD context of the Web Annotation model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Prefix of an annotation's id.
pub const ANNOTATION_URN: &str = "urn:yomikurabe:annotation:";
/// Prefix of a target's source: the hash of the document's text follows.
pub const TEXT_URN: &str = "urn:yomikurabe:text:";
/// What a yomikurabe passage-id `FragmentSelector` conforms to.
pub const PASSAGE_SCHEME: &str = "urn:yomikurabe:passage";
/// The target's key holding the document's id.
pub const DOCUMENT_KEY: &str = "yomikurabe:document";

/// The annotations as a W3C Web Annotation `AnnotationCollection` (pretty-printed JSON).
pub fn to_w3c(annotations: &[Annotation]) -> String {
    let items: Vec<Value> = annotations.iter().map(annotation_json).collect();
    let ids: String = annotations.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(" ");
    let id = format!("urn:yomikurabe:annotations:{:016x}", fnv1a64(&ids));
    let collection = json!({
        "@context": CONTEXT,
        "id": id,
        "type": "AnnotationCollection",
        "label": "yomikurabe annotations",
        "total": annotations.len(),
        "first": {
            "id": format!("{id}:page:0"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

fn annotation_json(a: &Annotation) -> Value {
    let mut body: Vec<Value> = Vec::new();
    if !a.body.is_empty() || a.kind != Kind::Highlight {
        body.push(json!({
            "type": "TextualBody",
            "value": a.body,
            "format": "text/plain",
            "purpose": "commenting",
        }));
    }
    for tag in &a.tags {
        body.push(json!({ "type": "TextualBody", "value": tag, "purpose": "tagging" }));
    }
    let t = &a.target;
    let mut o = Map::new();
    o.insert("id".into(), json!(format!("{ANNOTATION_URN}{}", a.id)));
    o.insert("type".into(), json!("Annotation"));
    o.insert("motivation".into(), json!(a.kind.motivation()));
    if !a.created.is_empty() {
        o.insert("created".into(), json!(a.created));
    }
    if let Some(m) = &a.modified {
        o.insert("modified".into(), json!(m));
    }
    if !body.is_empty() {
        o.insert("body".into(), Value::Array(body));
    }
    o.insert(
        "target".into(),
        json!({
            "source": format!("{TEXT_URN}{}", a.document.hash),
            DOCUMENT_KEY: a.document.slug,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": t.exact,
                    "prefix": t.prefix,
                    "suffix": t.suffix,
                },
                {
                    "type": "FragmentSelector",
                    "conformsTo": PASSAGE_SCHEME,
                    "value": t.passage,
                    "refinedBy": { "type": "TextPositionSelector", "start": t.start, "end": t.end },
                },
            ],
        }),
    );
    Value::Object(o)
}

/// What [`import_w3c`] read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The annotations it could use, in the file's order.
    pub annotations: Vec<Annotation>,
    /// One line per annotation left out: which (its position and id) and why.
    pub skipped: Vec<String>,
}

/// The annotations of a W3C Web Annotation file; what cannot be used is left out (see
/// [`import_w3c`] for the reasons). An error when the file is not JSON or holds no annotation
/// at all.
pub fn from_w3c(json: &str) -> Result<Vec<Annotation>, String> {
    import_w3c(json).map(|i| i.annotations)
}

/// Read a W3C Web Annotation file: one annotation, an array of them, an `AnnotationPage` or an
/// `AnnotationCollection` with its first page embedded. An error when it is not JSON, not of
/// these shapes, or none of its annotations can be used (the message says why, for the first
/// few); otherwise the usable ones and one line per skipped one.
pub fn import_w3c(json: &str) -> Result<Imported, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let items = items(&value)?;
    let mut imported = Imported::default();
    for (n, item) in items.iter().enumerate() {
        match annotation(item) {
            Ok(a) => imported.annotations.push(a),
            Err(why) => {
                let id = item.get("id").and_then(Value::as_str).unwrap_or("without id");
                imported.skipped.push(format!("annotation {} ({id}): {why}", n + 1));
            }
        }
    }
    if imported.annotations.is_empty() && !imported.skipped.is_empty() {
        let first: Vec<&str> = imported.skipped.iter().take(3).map(String::as_str).collect();
        return Err(format!(
            "none of the {} annotations can be used: {}{}",
            imported.skipped.len(),
            first.join("; "),
            if imported.skipped.len() > 3 { "; …" } else { "" }
        ));
    }
    Ok(imported)
}

/// The annotation objects of a file.
fn items(value: &Value) -> Result<Vec<&Value>, String> {
    match value {
        Value::Array(list) => Ok(list.iter().collect()),
        Value::Object(o) => match type_of(value).as_deref() {
            Some("Annotation") => Ok(vec![value]),
            Some("AnnotationPage") => page_items(o),
            Some("AnnotationCollection") => match o.get("first") {
                Some(Value::Object(page)) => page_items(page),
                Some(Value::String(url)) => Err(format!(
                    "the collection's annotations are at {url}, not in the file (save the pages themselves)"
                )),
                _ => Ok(Vec::new()),
            },
            Some(other) => Err(format!("a {other} is not an annotation, page or collection")),
            None => Err(
                "the JSON object has no `type` (expected Annotation, AnnotationPage or AnnotationCollection)".into(),
            ),
        },
        _ => Err("expected a JSON object or array of annotations".into()),
    }
}

fn page_items(page: &Map<String, Value>) -> Result<Vec<&Value>, String> {
    match page.get("items") {
        Some(Value::Array(list)) => Ok(list.iter().collect()),
        None => Ok(Vec::new()),
        Some(_) => Err("the page's `items` is not a list".into()),
    }
}

/// `type` of an object (a string, or the first string of a list).
fn type_of(v: &Value) -> Option<String> {
    match v.get("type").or_else(|| v.get("@type"))? {
        Value::String(s) => Some(s.clone()),
        Value::Array(list) => list.iter().find_map(Value::as_str).map(String::from),
        _ => None,
    }
}

fn text_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A value that may be one item or a list of them, as a list.
fn list(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(one) => vec![one],
    }
}

fn annotation(v: &Value) -> Result<Annotation, String> {
    if !v.is_object() {
        return Err("not a JSON object".into());
    }
    if let Some(t) = type_of(v) {
        if t != "Annotation" {
            return Err(format!("a {t}, not an Annotation"));
        }
    }
    let target = target(v)?;
    // Body: TextualBody objects (the note; tags by `purpose: tagging`), plain strings, or
    // `bodyValue`.
    let mut notes: Vec<String> = Vec::new();
    let mut tags = Vec::new();
    let mut has_note_body = false;
    for b in list(v.get("body")) {
        match b {
            Value::String(s) => {
                notes.push(s.clone());
                has_note_body = true;
            }
            Value::Object(_) => {
                let Some(value) = text_of(b, "value") else { continue };
                let purposes = list(b.get("purpose"));
                if purposes.iter().any(|p| p.as_str() == Some("tagging")) {
                    tags.push(value.to_string());
                } else {
                    notes.push(value.to_string());
                    has_note_body = true;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = text_of(v, "bodyValue") {
        notes.push(s.to_string());
        has_note_body = true;
    }
    let body = notes.join("\n\n");
    let motivations = list(v.get("motivation"));
    let kind = if motivations.iter().any(|m| m.as_str() == Some("questioning")) {
        Kind::Prompt
    } else if motivations.iter().any(|m| m.as_str() == Some("highlighting")) {
        Kind::Highlight
    } else if has_note_body || !motivations.is_empty() {
        Kind::Note
    } else {
        Kind::Highlight
    };
    let created = text_of(v, "created").unwrap_or("").to_string();
    let modified = text_of(v, "modified").map(String::from);
    let (document, target) = target;
    let id = match text_of(v, "id") {
        Some(id) => match id.strip_prefix(ANNOTATION_URN) {
            Some(ours) if !ours.is_empty() => ours.to_string(),
            _ => format!("a-{:016x}", fnv1a64(id)),
        },
        None => Annotation::new(document.clone(), target.clone(), kind, &body, &created).id,
    };
    Ok(Annotation {
        id,
        document,
        target,
        body,
        tags,
        kind,
        created,
        modified,
    })
}

/// The document and target of an annotation.
fn target(v: &Value) -> Result<(DocumentKey, Target), String> {
    let targets = list(v.get("target"));
    let t = match targets.as_slice() {
        [] => return Err("it has no target".into()),
        [one] => *one,
        [first, ..] => first,
    };
    let source = match t {
        Value::String(s) => s.as_str(),
        _ => text_of(t, "source").unwrap_or(""),
    };
    let hash = source.strip_prefix(TEXT_URN).filter(|h| !h.is_empty()).ok_or_else(|| {
        if source.is_empty() {
            "its target names no source text".to_string()
        } else {
            format!("its target is {source:?}, not a yomikurabe text ({TEXT_URN}…)")
        }
    })?;
    let document = DocumentKey {
        hash: hash.to_string(),
        slug: text_of(t, DOCUMENT_KEY).unwrap_or("").to_string(),
    };
    let selectors = list(t.get("selector"));
    let quote = selectors
        .iter()
        .find(|s| type_of(s).as_deref() == Some("TextQuoteSelector"))
        .ok_or("its target has no TextQuoteSelector (the quoted words)")?;
    let exact = text_of(quote, "exact").unwrap_or("");
    if exact.is_empty() {
        return Err("its TextQuoteSelector quotes nothing".into());
    }
    let passage = selectors.iter().find(|s| {
        type_of(s).as_deref() == Some("FragmentSelector") && text_of(s, "conformsTo") == Some(PASSAGE_SCHEME)
    });
    let position = passage
        .and_then(|p| {
            list(p.get("refinedBy"))
                .into_iter()
                .find(|r| type_of(r).as_deref() == Some("TextPositionSelector"))
        })
        .and_then(|r| {
            let n = |k: &str| r.get(k).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
            Some((n("start")?, n("end")?)).filter(|(s, e)| s <= e)
        });
    let (start, end) = position.unwrap_or((0, 0));
    Ok((
        document,
        Target {
            passage: passage.and_then(|p| text_of(p, "value")).unwrap_or("").to_string(),
            exact: exact.to_string(),
            prefix: text_of(quote, "prefix").unwrap_or("").to_string(),
            suffix: text_of(quote, "suffix").unwrap_or("").to_string(),
            start,
            end,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Annotation> {
        let key = DocumentKey::of_text("first", "本文");
        let target = Target {
            passage: "s3-p2".into(),
            exact: "拡大抑止".into(),
            prefix: "日米の\n".into(),
            suffix: "協議".into(),
            start: 4,
            end: 8,
        };
        let mut note = Annotation::new(
            key.clone(),
            target.clone(),
            Kind::Note,
            "なぜ？ \"quoted\"\n2行目",
            "2025-05-01T10:00:00Z",
        );
        note.tags = vec!["安全保障".into(), "".into()];
        note.modified = Some("2025-05-02T09:00:00Z".into());
        let highlight = Annotation::new(key.clone(), target.clone(), Kind::Highlight, "", "2025-05-01T10:00:01Z");
        let prompt = Annotation::new(key, target, Kind::Prompt, "この語は何を指すか。", "");
        vec![note, highlight, prompt]
    }

    #[test]
    fn round_trips_and_has_the_model_shape() {
        let a = sample();
        let json = to_w3c(&a);
        assert_eq!(from_w3c(&json).unwrap(), a);
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["@context"], CONTEXT);
        assert_eq!(v["type"], "AnnotationCollection");
        let first = &v["first"]["items"][0];
        assert_eq!(first["type"], "Annotation");
        assert_eq!(first["motivation"], "commenting");
        assert!(first["id"]
            .as_str()
            .unwrap()
            .starts_with("urn:yomikurabe:annotation:a-"));
        assert_eq!(first["body"][0]["purpose"], "commenting");
        assert_eq!(first["body"][1]["purpose"], "tagging");
        assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
        assert_eq!(first["target"]["selector"][1]["refinedBy"]["start"], 4);
        assert!(
            v["first"]["items"][1].get("body").is_none(),
            "a bare highlight has no body"
        );
        assert_eq!(v["first"]["items"][2]["motivation"], "questioning");
        assert!(v["first"]["items"][2].get("created").is_none());
    }

    #[test]
    fn reads_other_shapes_and_says_what_it_skips() {
        let one = r#"{"type":"Annotation","motivation":"commenting","bodyValue":"メモ",
            "target":{"source":"urn:yomikurabe:text:00ff","selector":{"type":"TextQuoteSelector","exact":"語"}}}"#;
        let a = from_w3c(one).unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!((a[0].body.as_str(), a[0].kind), ("メモ", Kind::Note));
        assert_eq!(a[0].target.passage, "", "no passage: anchored by quote");
        assert!(a[0].id.starts_with("a-"));
        let mixed = format!(
            r#"[{one}, {{"type":"Annotation","target":"https://example.org/page"}},
               {{"type":"Annotation","target":{{"source":"urn:yomikurabe:text:1","selector":[]}}}},
               {{"id":"https://h.example/a/1","type":"Annotation","body":{{"type":"TextualBody","value":"x"}},
                 "target":{{"source":"urn:yomikurabe:text:1","selector":[{{"type":"TextQuoteSelector","exact":"q"}}]}}}},
               3]"#
        );
        let imported = import_w3c(&mixed).unwrap();
        assert_eq!(imported.annotations.len(), 2);
        assert_eq!(imported.skipped.len(), 3, "{:?}", imported.skipped);
        assert!(imported.skipped[0].contains("not a yomikurabe text"));
        assert!(imported.skipped[1].contains("no TextQuoteSelector"));
        assert!(imported.skipped[2].contains("not a JSON object"));
        assert_eq!(
            imported.annotations[1].id,
            format!("a-{:016x}", fnv1a64("https://h.example/a/1"))
        );
        for bad in ["", "{", "[1, 2]", r#"{"type":"Person"}"#, r#"{"a":1}"#, "\"x\""] {
            assert!(from_w3c(bad).is_err(), "{bad}");
        }
        let linked = r#"{"type":"AnnotationCollection","first":"https://example.org/page1"}"#;
        assert!(from_w3c(linked).unwrap_err().contains("not in the file"));
        assert_eq!(from_w3c("[]").unwrap(), vec![]);
    }
}
