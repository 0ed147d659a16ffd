//! `Basic` client credentials: `base64(client_id:client_secret)` (RFC 7617).

use crate::inspect::jose;

/// Decoded `Basic` credentials. The secret itself is never kept, only its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicCredentials {
    /// The client id (the part before the first `:`).
    pub client_id: String,
    /// How many characters the secret has.
    pub secret_len: usize,
}

impl BasicCredentials {
    /// The secret masked for display: one dot per character (at most 24) and its length.
    pub fn masked_secret(&self) -> String {
        format!(
            "{} ({} characters, hidden)",
            "•".repeat(self.secret_len.min(24)),
            self.secret_len
        )
    }
}

/// `client_id:client_secret` in standard base64, as in a Basic header; `None` when `text` is not
/// that.
pub fn decode(text: &str) -> Option<BasicCredentials> {
    let bytes = jose::decode_standard(text)?;
    let decoded = String::from_utf8(bytes).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let printable = |s: &str| !s.is_empty() && s.chars().all(|c| !c.is_control());
    (printable(id) && printable(secret)).then(|| BasicCredentials {
        client_id: id.to_string(),
        secret_len: secret.chars().count(),
    })
}
