//! A minimal DER reader (ITU-T X.690 §8 and §10): tag, length, content, with the few value
//! types public keys and certificates use (SEQUENCE, INTEGER, BIT STRING, OBJECT IDENTIFIER,
//! context-specific `[0]`), and the one writer the keys need: a PKCS#1 RSA key wrapped into a
//! SubjectPublicKeyInfo. Every read is bounds-checked and a length never overflows: whatever the
//! bytes, the answer is a value or a sentence that says at which byte the DER goes wrong.

/// A SEQUENCE (or SEQUENCE OF), constructed.
pub const SEQUENCE: u8 = 0x30;
/// An INTEGER.
pub const INTEGER: u8 = 0x02;
/// A BIT STRING.
pub const BIT_STRING: u8 = 0x03;
/// A NULL.
pub const NULL: u8 = 0x05;
/// An OBJECT IDENTIFIER.
pub const OID: u8 = 0x06;
/// Context-specific `[0]`, constructed (the X.509 `version`).
pub const CONTEXT_0: u8 = 0xA0;

/// What a reading step gives: the value, or a sentence naming the byte where the DER goes wrong.
pub type Result<T> = std::result::Result<T, String>;

/// One tag-length-value element.
#[derive(Debug, Clone, Copy)]
pub struct Tlv<'a> {
    /// The identifier octet.
    pub tag: u8,
    /// The contents octets.
    pub content: &'a [u8],
    /// The whole element: identifier, length and contents.
    pub raw: &'a [u8],
    /// Offset of the identifier in the outermost DER, for messages.
    pub at: usize,
    /// Offset of the contents in the outermost DER.
    content_at: usize,
}

impl<'a> Tlv<'a> {
    /// A reader over the contents (the elements of a SEQUENCE, SET or `[0]`).
    pub fn reader(&self) -> Reader<'a> {
        Reader {
            bytes: self.content,
            pos: 0,
            base: self.content_at,
        }
    }

    /// The OBJECT IDENTIFIER in dotted form ("1.2.840.113549.1.1.1").
    pub fn oid(&self) -> Result<String> {
        oid_text(self.content).ok_or_else(|| format!("the OID at byte {} is malformed", self.at))
    }

    /// The magnitude of a non-negative INTEGER: its bytes without leading zeros.
    pub fn unsigned(&self) -> &'a [u8] {
        let zeros = self.content.iter().take_while(|&&b| b == 0).count();
        self.content.get(zeros..).unwrap_or_default()
    }

    /// A BIT STRING's bits, which must fill whole bytes (the unused-bits byte is 0).
    pub fn bit_string(&self) -> Result<&'a [u8]> {
        match self.content.split_first() {
            Some((0, bits)) => Ok(bits),
            Some((unused, _)) => Err(format!(
                "the BIT STRING at byte {} leaves {unused} bits unused, which no key does",
                self.at
            )),
            None => Err(format!("the BIT STRING at byte {} is empty", self.at)),
        }
    }
}

/// Reads the elements of a DER text (or of one constructed element) in order.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Offset of `bytes` in the outermost DER.
    base: usize,
}

impl<'a> Reader<'a> {
    /// A reader over a whole DER text.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader {
            bytes,
            pos: 0,
            base: 0,
        }
    }

    /// The tag of the next element, without reading it.
    pub fn peek_tag(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The next element.
    pub fn element(&mut self) -> Result<Tlv<'a>> {
        let at = self.base + self.pos;
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let Some((&tag, rest)) = rest.split_first() else {
            return Err(format!(
                "the DER stops at byte {at}, where an element was expected"
            ));
        };
        if tag & 0x1F == 0x1F {
            return Err(format!(
                "the tag at byte {at} is a multi-byte tag, which no key uses"
            ));
        }
        let (len, len_bytes) = length(rest, at + 1)?;
        let header = 1 + len_bytes;
        let left = rest.len() - len_bytes;
        if len > left {
            return Err(format!(
                "the element at byte {at} claims {len} bytes but only {left} follow: the key was cut \
                 or is not DER"
            ));
        }
        let start = self.pos;
        self.pos += header + len;
        Ok(Tlv {
            tag,
            content: &self.bytes[start + header..self.pos],
            raw: &self.bytes[start..self.pos],
            at,
            content_at: at + header,
        })
    }

    /// The next element, which must have `tag`; `what` names it in the message if it does not.
    pub fn expect(&mut self, tag: u8, what: &str) -> Result<Tlv<'a>> {
        let at = self.base + self.pos;
        match self.peek_tag() {
            Some(found) if found != tag => Err(format!(
                "byte {at} should start {what} (tag 0x{tag:02X}) but holds tag 0x{found:02X}"
            )),
            Some(_) => self.element(),
            None => Err(format!("the DER stops at byte {at}, before {what}")),
        }
    }

    /// Nothing may follow the last element of `what`.
    pub fn finish(&self, what: &str) -> Result<()> {
        let extra = self.bytes.len().saturating_sub(self.pos);
        if extra == 0 {
            Ok(())
        } else {
            let at = self.base + self.pos;
            Err(format!("{extra} bytes follow {what} at byte {at}"))
        }
    }
}

/// A length (short or long form) at the start of `bytes`, and how many bytes it took; `at` is
/// its offset for messages. At most 4 length bytes: no key or certificate is 4 GB.
fn length(bytes: &[u8], at: usize) -> Result<(usize, usize)> {
    let Some((&first, rest)) = bytes.split_first() else {
        return Err(format!(
            "the DER stops at byte {at}, where a length was expected"
        ));
    };
    if first < 0x80 {
        return Ok((usize::from(first), 1));
    }
    let count = usize::from(first & 0x7F);
    if count == 0 {
        return Err(format!(
            "the length at byte {at} is the indefinite form, which DER does not allow"
        ));
    }
    if count > 4 {
        return Err(format!(
            "the length at byte {at} takes {count} bytes: no key is that large"
        ));
    }
    let Some(digits) = rest.get(..count) else {
        return Err(format!("the DER stops inside the length at byte {at}"));
    };
    let value = digits
        .iter()
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    Ok((usize::try_from(value).unwrap_or(usize::MAX), 1 + count))
}

/// An OBJECT IDENTIFIER's contents in dotted form (X.690 §8.19): base-128 arcs, the first
/// encoding two. `None` when an arc is cut or larger than 64 bits.
pub fn oid_text(content: &[u8]) -> Option<String> {
    let mut arcs: Vec<u64> = Vec::new();
    let (mut value, mut open) = (0u64, false);
    for &b in content {
        if value > u64::MAX >> 7 {
            return None;
        }
        value = (value << 7) | u64::from(b & 0x7F);
        open = b & 0x80 != 0;
        if !open {
            arcs.push(value);
            value = 0;
        }
    }
    let (&first, rest) = arcs.split_first()?;
    if open {
        return None;
    }
    let (a, b) = match first {
        0..=39 => (0, first),
        40..=79 => (1, first - 40),
        _ => (2, first - 80),
    };
    let mut text = format!("{a}.{b}");
    for arc in rest {
        text.push('.');
        text.push_str(&arc.to_string());
    }
    Some(text)
}

/// One element: `tag`, the length in the shortest form, `content`.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let digits = len.to_be_bytes();
        let skip = digits.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (digits.len() - skip) as u8);
        out.extend_from_slice(&digits[skip..]);
    }
    out.extend_from_slice(content);
    out
}

/// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 App. C), encoded.
const RSA_ENCRYPTION: [u8; 9] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01];

/// A PKCS#1 `RSAPublicKey` (RFC 8017 §A.1.1) wrapped into the SubjectPublicKeyInfo WebCrypto
/// imports (RFC 5280 §4.1.2.7, RFC 3279 §2.3.1): the rsaEncryption AlgorithmIdentifier with
/// NULL parameters, and the key as a BIT STRING.
pub fn spki_from_pkcs1(pkcs1: &[u8]) -> Vec<u8> {
    let mut algorithm = tlv(OID, &RSA_ENCRYPTION);
    algorithm.extend_from_slice(&[NULL, 0]);
    let mut bits = Vec::with_capacity(pkcs1.len() + 1);
    bits.push(0);
    bits.extend_from_slice(pkcs1);
    let mut body = tlv(SEQUENCE, &algorithm);
    body.extend_from_slice(&tlv(BIT_STRING, &bits));
    tlv(SEQUENCE, &body)
}

/// Base64 text that decodes to a DER private key: PKCS#8 (`SEQUENCE { INTEGER 0,
/// SEQUENCE { OID … }, OCTET STRING }`) or PKCS#1 / SEC 1 (`SEQUENCE { INTEGER 0 or 1, … }` with
/// more than two members), so that it is never taken for a shared secret.
pub fn looks_private(text: &str) -> bool {
    let compact: String = text.split_whitespace().collect();
    if !compact.starts_with('M') {
        return false;
    }
    let Some(bytes) = crate::inspect::jose::decode_standard(&compact).or_else(|| {
        crate::inspect::jose::decode_segment(&compact, 1, crate::inspect::jose::Role::Extra).ok()
    }) else {
        return false;
    };
    // SEQUENCE, then INTEGER 0 or 1 (the version) as its first member.
    let Some(rest) = bytes.strip_prefix(&[0x30]) else {
        return false;
    };
    let skip = match rest.first() {
        Some(&n) if n < 0x80 => 1,
        Some(&n) if (0x81..=0x84).contains(&n) => 1 + usize::from(n - 0x80),
        _ => return false,
    };
    matches!(rest.get(skip..skip + 3), Some([0x02, 0x01, 0x00 | 0x01]))
}
