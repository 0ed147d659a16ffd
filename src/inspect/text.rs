//! The bottom layer: text handling that every other module may use and that uses nothing of the
//! core. One rule decides which characters are hidden ([`is_hidden`]); everything that shows,
//! escapes or names such characters goes through it.

use serde_json::Value;

/// A character that cannot be seen, or that changes how the text around it is shown: a control
/// character, or one of the invisible and direction-changing characters [`invisible_name`]
/// names (the ordinary space and U+FFFD, which are visible, excepted). The one rule for the
/// whole page.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || (c != ' ' && c != '\u{fffd}' && invisible_name(c).is_some())
}

/// The name of a character that cannot be seen or that reorders text, for messages.
pub fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "NUL",
        '\t' => "tab",
        '\n' => "line feed",
        '\r' => "carriage return",
        '\u{a0}' => "no-break space",
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2066}'..='\u{2069}' => "directional isolate",
        '\u{feff}' => "byte-order mark",
        '\u{fffd}' => "replacement character",
        _ => return None,
    })
}

/// What kind of character `c` is, in words, for a character that does not belong where it was
/// found: its name when it has one, else "space", "control character" or "non-ASCII
/// look-alike".
pub fn char_kind(c: char) -> &'static str {
    match invisible_name(c) {
        Some(name) => name,
        None if c.is_whitespace() => "space",
        None if c.is_control() => "control character",
        None => "non-ASCII look-alike",
    }
}

/// Shows a character so that invisible or confusing ones are still visible in a message:
/// `'a'`, `U+200B (zero-width space)`, `U+00E9`.
pub fn describe_char(c: char) -> String {
    if let Some(name) = invisible_name(c) {
        format!("U+{:04X} ({name})", c as u32)
    } else if c.is_control() || c.is_whitespace() || !c.is_ascii() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}'")
    }
}

/// `text` with every hidden character (control, zero-width, bidi override …) as `⟨U+XXXX⟩`.
pub fn reveal(text: &str) -> String {
    if !text.chars().any(is_hidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_hidden(c) {
                format!("⟨U+{:04X}⟩", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// JSON text with hidden characters inside its strings written as `\uXXXX` escapes: still the same
/// JSON, but nothing invisible and nothing that reorders the lines around it. Line breaks between
/// members (pretty printing) are kept.
pub fn escape_hidden(json: &str) -> String {
    let hidden = |c: char| c != '\n' && is_hidden(c);
    if !json.chars().any(hidden) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first `max` characters of `text`, hidden characters shown as `·`, with `…` when cut.
pub fn preview(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if is_hidden(c) { '·' } else { c })
        .collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// Decodes `%XX` escapes (UTF-8, RFC 3986 §2.1); malformed escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// "an array", "a string" … for messages.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
