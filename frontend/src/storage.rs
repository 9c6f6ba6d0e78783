//! Where does the shelf live between visits? In the browser's IndexedDB (database `yomikurabe`,
//! store `shelves`): one record per shelf key, the shelf's pack as TOML. Nothing leaves the
//! browser. Every call is async and answers with a message a person can read when it fails.

use crate::i18n::{StorageOp, StorageProblem};
use js_sys::{Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

const DATABASE: &str = "yomikurabe";
const STORE: &str = "shelves";

/// A failed storage call: what was asked, and what the browser said.
fn failure(op: StorageOp, e: &JsValue) -> StorageProblem {
    let detail = Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_default();
    StorageProblem::Refused { op, detail }
}

/// Wait for a request's success (its result) or error.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| {
        let r = request.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = request.clone();
        let err = Closure::once_into_js(move || {
            let e = r
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::UNDEFINED);
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(err.unchecked_ref()));
    });
    JsFuture::from(promise).await
}

async fn open() -> Result<IdbDatabase, StorageProblem> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StorageProblem::NoStorage)?;
    let request = factory
        .open_with_u32(DATABASE, 1)
        .map_err(|e| failure(StorageOp::Open, &e))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = done(&request).await.map_err(|e| failure(StorageOp::Open, &e))?;
    drop(upgrade);
    db.dyn_into::<IdbDatabase>().map_err(|e| failure(StorageOp::Open, &e))
}

async fn run(key: &str, write: Option<Option<&str>>) -> Result<JsValue, StorageProblem> {
    let db = open().await?;
    let mode = if write.is_some() {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    let what = match write {
        None => StorageOp::Read,
        Some(Some(_)) => StorageOp::Save,
        Some(None) => StorageOp::Forget,
    };
    let store = db
        .transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE))
        .map_err(|e| failure(what, &e))?;
    let request = match write {
        None => store.get(&key.into()),
        Some(Some(value)) => store.put_with_key(&value.into(), &key.into()),
        Some(None) => store.delete(&key.into()),
    }
    .map_err(|e| failure(what, &e))?;
    let out = done(&request).await.map_err(|e| failure(what, &e));
    db.close();
    out
}

/// The text saved under `key`, if any.
pub async fn load(key: &str) -> Result<Option<String>, StorageProblem> {
    Ok(run(key, None).await?.as_string())
}

/// Save `value` under `key`.
pub async fn save(key: &str, value: &str) -> Result<(), StorageProblem> {
    run(key, Some(Some(value))).await.map(|_| ())
}

/// Forget what is saved under `key`.
pub async fn forget(key: &str) -> Result<(), StorageProblem> {
    run(key, Some(None)).await.map(|_| ())
}

/// Bytes this origin uses and may use (`navigator.storage.estimate()`), where the browser says.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let answer = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let number = |k: &str| Reflect::get(&answer, &k.into()).ok()?.as_f64();
    Some((number("usage")?, number("quota")?))
}
