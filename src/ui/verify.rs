//! The one place the page does cryptography: the browser's own WebCrypto runs the plan the core
//! prepared ([`crate::inspect::signature::Plan`]): `importKey` of each candidate key, then
//! `verify` of the signature over the signing input. No crypto code of ours is in the wasm.

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::inspect::signature::{Attempt, KeyData, Outcome, Plan};

/// Runs `plan`: the first attempt that verifies, no match, or why the browser could not try.
pub async fn run(plan: &Plan) -> Outcome {
    let Some(subtle) = subtle() else {
        return Outcome::Error(
            "this page has no WebCrypto here (browsers offer it only on https:// or localhost pages)".into(),
        );
    };
    let mut errors = Vec::new();
    for (i, a) in plan.attempts.iter().enumerate() {
        match attempt(&subtle, plan, a).await {
            Ok(true) => return Outcome::Verified(i),
            Ok(false) => {}
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() && errors.len() == plan.attempts.len() {
        return Outcome::Error(errors.join("; "));
    }
    Outcome::Mismatch
}

/// `crypto.subtle`, when the page has it (a secure context).
fn subtle() -> Option<SubtleCrypto> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok()?;
    subtle.dyn_into::<SubtleCrypto>().ok()
}

/// Imports one key and verifies with it.
async fn attempt(subtle: &SubtleCrypto, plan: &Plan, a: &Attempt) -> Result<bool, String> {
    let object = |json: &str| -> Result<Object, String> {
        JSON::parse(json)
            .map_err(message)?
            .dyn_into::<Object>()
            .map_err(message)
    };
    let data: Object = match &a.data {
        KeyData::Jwk(json) => object(json)?,
        KeyData::Bytes(bytes) => Uint8Array::from(bytes.as_slice()).unchecked_into(),
    };
    let usages = Array::of1(&JsValue::from_str("verify"));
    let key = subtle
        .import_key_with_object(a.format, &data, &object(&a.import)?, false, &usages)
        .map_err(message)?;
    let key: CryptoKey = JsFuture::from(key)
        .await
        .map_err(|e| format!("the key could not be imported ({})", message(e)))?
        .unchecked_into();
    let verified = subtle
        .verify_with_object_and_u8_array_and_u8_array(
            &object(&a.verify)?,
            &key,
            &plan.signature,
            &plan.signing_input,
        )
        .map_err(message)?;
    let verified = JsFuture::from(verified).await.map_err(message)?;
    Ok(verified.as_bool() == Some(true))
}

/// A JS error's name and message (`DataError: …`), never its stack.
fn message(e: JsValue) -> String {
    let name = Reflect::get(&e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string());
    let text = Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| e.as_string());
    match (name, text) {
        (Some(n), Some(t)) => format!("{n}: {t}"),
        (None, Some(t)) => t,
        (Some(n), None) => n,
        (None, None) => "unknown error".into(),
    }
}
