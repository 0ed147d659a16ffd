//! One entry parsed into a `serde_json::Value`, except that a `text` member (a body) longer
//! than [`KEPT_BODY_BYTES`] is never copied: it becomes a marker holding its length
//! ([`long_text`] reads it), so a 20 MB script costs no allocation and no copy.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::KEPT_BODY_BYTES;

/// The key under which the marker holds the length of a text that was not kept.
const MARKER: &str = "\u{0}har-long-text-bytes";

/// Parses one entry (`serde_json`'s errors and nesting limit).
pub(super) fn parse(slice: &[u8]) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(slice);
    let value = Lean { text: false }.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The length of a `text` too long to keep, when `v` is the marker that replaced it.
pub(super) fn long_text(v: &Value) -> Option<usize> {
    let bytes = v.as_object()?.get(MARKER)?.as_u64()?;
    usize::try_from(bytes).ok()
}

/// A value; `text`: it is the value of a `text` member.
struct Lean {
    text: bool,
}

impl Lean {
    fn string(&self, len: usize, make: impl FnOnce() -> String) -> Value {
        if self.text && len > KEPT_BODY_BYTES {
            let mut marker = Map::new();
            marker.insert(MARKER.to_string(), Value::from(len));
            Value::Object(marker)
        } else {
            Value::String(make())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Lean {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Lean {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(self.string(v.len(), || v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(self.string(v.len(), || v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(v) = seq.next_element_seed(Lean { text: false })? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let text = key == "text";
            let value = map.next_value_seed(Lean { text })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_long_text_members_are_replaced() {
        let long = "x".repeat(KEPT_BODY_BYTES + 1);
        let json = format!(r#"{{"text":"{long}","url":"{long}","a":[1,-2,0.5,null,true,"t"]}}"#);
        let v = parse(json.as_bytes()).unwrap();
        assert_eq!(long_text(&v["text"]), Some(long.len()));
        assert_eq!(v["url"].as_str(), Some(long.as_str()));
        assert_eq!(v["a"], serde_json::json!([1, -2, 0.5, null, true, "t"]));
        assert!(parse(b"{\"a\":1} x").is_err());
    }
}
