//! Reading the keys box: JSON (a JWKS or one JWK, RFC 7517), PEM blocks (RFC 7468), the base64
//! DER of a key or certificate, or else a shared secret. Every problem is a sentence naming the
//! key and the member, block or byte it is about; the keys that did read are kept.

use serde_json::{Map, Value};

use super::super::jose::{decode_segment, decode_standard, Role};
use super::super::text::{describe_char, is_hidden, json_type, preview};
use super::der::{self, Reader, Tlv, BIT_STRING, CONTEXT_0, INTEGER, OID, SEQUENCE};
use super::{Key, KeySet, Kty, Material};

/// Reads whatever was pasted into the keys box. Whitespace only gives an empty [`KeySet`];
/// JSON is a JWKS or a JWK; `-----BEGIN` starts PEM blocks; base64 that holds a DER public key
/// or certificate is read as one; anything else is a shared secret for HS*, offered as text,
/// and as base64url and base64 when it decodes as those.
pub fn read(text: &str) -> KeySet {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut set = KeySet::default();
    if text.is_empty() {
        return set;
    }
    if text.starts_with(['{', '[']) {
        read_json(text, &mut set);
    } else if text.contains("-----BEGIN") {
        read_pem(text, &mut set);
    } else if let Some(key) = bare_der(text) {
        set.keys.push(key);
    } else if der::looks_private(text) {
        set.private = true;
        set.problems.push(
            "This is a private key (PKCS#8 or PKCS#1, base64 DER): paste the public key, or the JWKS; a private key that was shared must be rotated."
                .into(),
        );
    } else {
        read_secret(text, &mut set);
    }
    set
}

/// Reads a JWS header's `x5c` (RFC 7515 §4.1.6): base64 (not base64url) DER certificates, the
/// signer's first. Each becomes a key ("the token's x5c[0]"); an entry that is not a certificate
/// is a problem.
pub fn read_x5c(entries: &[String]) -> KeySet {
    let mut set = KeySet::default();
    for (i, entry) in entries.iter().enumerate() {
        let source = format!("the token's x5c[{i}]");
        let key = base64(entry.trim(), Alphabet::Either)
            .and_then(|der| certificate(&der).and_then(|(spki, _)| spki_key(spki, &source)));
        match key {
            Ok(key) => set.keys.push(key),
            Err(problem) => set
                .problems
                .push(format!("The token's x5c[{i}]: {problem}")),
        }
    }
    set
}

// ---------------------------------------------------------------------------------------------
// JSON: a JWKS or a JWK (RFC 7517 §4, §5; members by kty in RFC 7518 §6)

fn read_json(text: &str, set: &mut KeySet) {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            return set
                .problems
                .push(format!("The keys start like JSON but do not parse: {err}"))
        }
    };
    let problem = match &value {
        Value::Object(obj) if obj.contains_key("keys") => return read_jwks(&obj["keys"], set),
        Value::Object(obj) if obj.contains_key("kty") => return read_jwk(obj, "JWK", "JWK", set),
        Value::Object(_) => {
            "This JSON object is neither a JWKS (it has no `keys`) nor a JWK (it has no `kty`)"
                .to_string()
        }
        Value::Array(items) => format!(
            "This is a JSON array of {} items, not a JWKS: a JWKS is an object, {{\"keys\": [ … ]}}",
            items.len()
        ),
        other => format!("This is JSON {}, not a JWKS or a JWK", json_type(other)),
    };
    set.problems.push(problem);
}

fn read_jwks(keys: &Value, set: &mut KeySet) {
    let Some(items) = keys.as_array() else {
        return set.problems.push(format!(
            "The JWKS's `keys` is {}, not an array of JWKs",
            json_type(keys)
        ));
    };
    if items.is_empty() {
        set.problems
            .push("The JWKS holds no keys: `keys` is an empty array".to_string());
    }
    for (i, item) in items.iter().enumerate() {
        let name = format!("JWKS key {}", i + 1);
        match item.as_object() {
            Some(obj) => read_jwk(obj, &name, &format!("{name} of {}", items.len()), set),
            None => set
                .problems
                .push(format!("{name} is {}, not a JWK object", json_type(item))),
        }
    }
}

/// One JWK named `name` in problems ("JWKS key 2", "JWK") and `source` on the page.
fn read_jwk(obj: &Map<String, Value>, name: &str, source: &str, set: &mut KeySet) {
    let private: Vec<&str> = ["d", "p", "q", "dp", "dq", "qi", "oth"]
        .into_iter()
        .filter(|m| obj.contains_key(*m))
        .collect();
    if !private.is_empty() {
        set.private = true;
        let subject = if name == "JWK" { "This JWK" } else { name };
        set.problems.push(format!(
            "{subject} holds a private key ({}): only its public part is used; a private key \
             that was shared must be rotated.",
            private.join(", ")
        ));
    }
    match jwk(obj, source) {
        Ok(key) => {
            set.secret |= key.kty == Kty::Oct;
            set.keys.push(key);
        }
        Err(problem) => set.problems.push(format!("{name}: {problem}")),
    }
}

/// The key a JWK describes, its material the public members only (or the secret's bytes).
fn jwk(obj: &Map<String, Value>, source: &str) -> Result<Key, String> {
    let kty = match string(obj, "kty")? {
        "RSA" => Kty::Rsa,
        "EC" => Kty::Ec,
        "OKP" => Kty::Okp,
        "oct" => Kty::Oct,
        other => {
            return Err(format!(
                "`kty` \"{}\" is not RSA, EC, OKP or oct (they are case-sensitive)",
                preview(other, 24)
            ))
        }
    };
    let members: &[&str] = match kty {
        Kty::Rsa => &["n", "e"],
        Kty::Ec => &["crv", "x", "y"],
        Kty::Okp => &["crv", "x"],
        Kty::Oct => &["k"],
    };
    let mut public = Map::new();
    public.insert("kty".into(), kty.id().into());
    let (mut crv, mut first) = (None, Vec::new());
    for &member in members {
        if member == "crv" {
            crv = Some(string(obj, member)?.to_string());
        } else {
            let bytes = base64url_member(obj, member)?;
            if first.is_empty() {
                first = bytes;
            }
        }
        public.insert(member.into(), obj[member].clone());
    }
    let bits = (kty == Kty::Rsa).then(|| bit_length(&first));
    if bits == Some(0) {
        return Err("`n` is zero, not an RSA modulus".to_string());
    }
    let material = match kty {
        Kty::Oct => Material::Secret(first),
        _ => Material::Jwk(serde_json::to_string(&Value::Object(public)).unwrap_or_default()),
    };
    Ok(Key {
        source: source.to_string(),
        kid: obj.get("kid").and_then(Value::as_str).map(str::to_string),
        alg: obj.get("alg").and_then(Value::as_str).map(str::to_string),
        kty,
        crv,
        bits,
        material,
    })
}

/// A required string member.
fn string<'a>(obj: &'a Map<String, Value>, member: &str) -> Result<&'a str, String> {
    match obj.get(member) {
        None => Err(format!("`{member}` is missing")),
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!("`{member}` is {}, not a string", json_type(other))),
    }
}

/// A required base64url member, decoded (RFC 7518 §6: unpadded base64url).
fn base64url_member(obj: &Map<String, Value>, member: &str) -> Result<Vec<u8>, String> {
    let text = string(obj, member)?;
    if text.is_empty() {
        return Err(format!("`{member}` is empty"));
    }
    base64(text, Alphabet::Url).map_err(|p| {
        if member == "k" {
            // A secret's character is not repeated on the page.
            format!("`{member}` is not base64url")
        } else {
            format!("`{member}` is not base64url: {p}")
        }
    })
}

/// The number of bits of a big-endian unsigned integer.
fn bit_length(bytes: &[u8]) -> usize {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    match bytes.get(zeros) {
        Some(&top) => (bytes.len() - zeros) * 8 - top.leading_zeros() as usize,
        None => 0,
    }
}

// ---------------------------------------------------------------------------------------------
// Base64

/// Which base64 characters are accepted.
#[derive(Clone, Copy, PartialEq)]
enum Alphabet {
    /// `-` and `_` (RFC 4648 §5).
    Url,
    /// `+` and `/` (RFC 4648 §4).
    Standard,
    /// Either pair: PEM bodies and `x5c` entries, read leniently.
    Either,
}

/// The first character of `text` that `alphabet` does not have (`=` only as trailing padding),
/// with its 1-based position.
fn first_bad(text: &str, alphabet: Alphabet) -> Option<(usize, char)> {
    let body = text.trim_end_matches('=').chars().count();
    text.chars()
        .enumerate()
        .find(|&(i, c)| {
            let ok = match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' => true,
                '-' | '_' => alphabet != Alphabet::Standard,
                '+' | '/' => alphabet != Alphabet::Url,
                '=' => i >= body,
                _ => false,
            };
            !ok
        })
        .map(|(i, c)| (i + 1, c))
}

/// `text` decoded, or why not ("unexpected '*' at position 12").
fn base64(text: &str, alphabet: Alphabet) -> Result<Vec<u8>, String> {
    if let Some((pos, c)) = first_bad(text, alphabet) {
        let hint = match (alphabet, c) {
            (Alphabet::Url, '+' | '/') => " (standard base64, where base64url has '-' and '_')",
            _ => "",
        };
        return Err(format!(
            "unexpected {} at position {pos}{hint}",
            describe_char(c)
        ));
    }
    decode_segment(text, 1, Role::Extra).map_err(|_| {
        format!(
            "{} characters, a length no base64 text can have (one too many, or it was cut)",
            text.trim_end_matches('=').chars().count()
        )
    })
}

// ---------------------------------------------------------------------------------------------
// PEM (RFC 7468)

/// One `-----BEGIN label-----` … `-----END label-----` block.
struct Block<'a> {
    label: &'a str,
    /// From the end of the BEGIN line's label to the END line.
    body: &'a str,
}

fn read_pem(text: &str, set: &mut KeySet) {
    let blocks = pem_blocks(text, &mut set.problems);
    for (i, block) in blocks.iter().enumerate() {
        let name = format!("PEM block {} ({})", i + 1, preview(block.label, 40));
        let numbered = |what: &str| match blocks.len() {
            1 => what.to_string(),
            total => format!("{what} {} of {total}", i + 1),
        };
        let key = match block.label {
            "PUBLIC KEY" => {
                pem_body(block.body).and_then(|der| spki_key(&der, &numbered("PEM public key")))
            }
            "RSA PUBLIC KEY" => pem_body(block.body).and_then(|pkcs1| {
                rsa_bits(&pkcs1)?;
                spki_key(
                    &der::spki_from_pkcs1(&pkcs1),
                    &numbered("PEM RSA public key"),
                )
            }),
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => pem_body(block.body)
                .and_then(|der| {
                    let (spki, cn) = certificate(&der)?;
                    let source = match cn {
                        Some(cn) => format!("{} (CN={cn})", numbered("X.509 certificate")),
                        None => numbered("X.509 certificate"),
                    };
                    spki_key(spki, &source)
                }),
            label if label.ends_with("PRIVATE KEY") => {
                set.private = true;
                Err(
                    "this is a private key: paste the public key (-----BEGIN PUBLIC KEY-----, \
                     which `openssl pkey -in key.pem -pubout` prints) or the certificate; a \
                     private key that was shared must be rotated. It was not read."
                        .to_string(),
                )
            }
            _ => Err(
                "this is not a key: paste a PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE block"
                    .to_string(),
            ),
        };
        match key {
            Ok(key) => set.keys.push(key),
            Err(problem) => set.problems.push(format!("{name}: {problem}")),
        }
    }
}

/// The PEM blocks of `text`, in order; a block cut short or ended under another label is a
/// problem (and ends the reading when nothing after it can be trusted).
fn pem_blocks<'a>(text: &'a str, problems: &mut Vec<String>) -> Vec<Block<'a>> {
    const BEGIN: &str = "-----BEGIN ";
    const END: &str = "-----END ";
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let n = blocks.len() + 1;
        let Some(label_end) = after.find("-----") else {
            problems.push(format!(
                "PEM block {n}: its BEGIN line does not end with -----"
            ));
            break;
        };
        let label = after[..label_end].trim();
        let body = &after[label_end + 5..];
        let Some(end) = body.find(END) else {
            problems.push(format!(
                "PEM block {n} ({}) has no -----END line: it was cut",
                preview(label, 40)
            ));
            break;
        };
        let tail = &body[end + END.len()..];
        let end_label = tail.find("-----").map_or(tail, |i| &tail[..i]).trim();
        if end_label != label {
            problems.push(format!(
                "PEM block {n} ({}) ends with -----END {}-----: the BEGIN and END labels differ",
                preview(label, 40),
                preview(end_label, 40)
            ));
        } else {
            blocks.push(Block {
                label,
                body: &body[..end],
            });
        }
        rest = tail.find("-----").map_or("", |i| &tail[i + 5..]);
    }
    blocks
}

/// The DER inside a PEM block; a bad character is named by its line (the BEGIN line is line 1)
/// and column.
fn pem_body(body: &str) -> Result<Vec<u8>, String> {
    let mut joined = String::with_capacity(body.len());
    for (i, line) in body.lines().enumerate() {
        let line = line.trim();
        if let Some((column, c)) = first_bad(line, Alphabet::Either) {
            return Err(format!(
                "line {} of the block is not base64: unexpected {} at column {column}",
                i + 1,
                describe_char(c)
            ));
        }
        joined.push_str(line);
    }
    if joined.is_empty() {
        return Err("the block is empty".to_string());
    }
    base64(&joined, Alphabet::Either).map_err(|p| format!("its base64 does not decode: {p}"))
}

// ---------------------------------------------------------------------------------------------
// DER: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7), RSAPublicKey (RFC 8017 §A.1.1), Certificate

/// A key from a SubjectPublicKeyInfo, its material the DER as given.
fn spki_key(der: &[u8], source: &str) -> Result<Key, String> {
    let (kty, crv, bits) = spki(der)?;
    Ok(Key {
        source: source.to_string(),
        kid: None,
        alg: None,
        kty,
        crv: crv.map(str::to_string),
        bits,
        material: Material::Spki(der.to_vec()),
    })
}

/// The type, curve and RSA modulus length of a SubjectPublicKeyInfo.
fn spki(der: &[u8]) -> Result<(Kty, Option<&'static str>, Option<usize>), String> {
    let mut outer = Reader::new(der);
    let info = outer.expect(SEQUENCE, "the SubjectPublicKeyInfo")?;
    outer.finish("the SubjectPublicKeyInfo")?;
    let mut fields = info.reader();
    let algorithm = fields.expect(SEQUENCE, "the AlgorithmIdentifier")?;
    let key = fields.expect(BIT_STRING, "the public key")?.bit_string()?;
    let mut params = algorithm.reader();
    let oid = params.expect(OID, "the algorithm's OID")?.oid()?;
    let okp = |crv| Ok((Kty::Okp, Some(crv), None));
    match oid.as_str() {
        // rsaEncryption (RFC 8017), RSASSA-PSS (RFC 4055)
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            Ok((Kty::Rsa, None, Some(rsa_bits(key)?)))
        }
        // id-ecPublicKey (RFC 5480 §2.1.1)
        "1.2.840.10045.2.1" => Ok((Kty::Ec, Some(named_curve(&mut params)?), None)),
        // RFC 8410 §3
        "1.3.101.112" => okp("Ed25519"),
        "1.3.101.113" => okp("Ed448"),
        "1.3.101.110" => okp("X25519"),
        "1.3.101.111" => okp("X448"),
        other => Err(format!(
            "the key's algorithm, OID {other}, is none that signs a JWT (RSA, EC, Ed25519, Ed448)"
        )),
    }
}

/// The `namedCurve` parameter of an EC key.
fn named_curve(params: &mut Reader) -> Result<&'static str, String> {
    if params.peek_tag() == Some(SEQUENCE) {
        return Err(
            "the EC key spells out its curve's parameters instead of naming the curve, \
                    which WebCrypto does not import"
                .to_string(),
        );
    }
    let curve = params.expect(OID, "the named curve")?.oid()?;
    Ok(match curve.as_str() {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        other => {
            return Err(format!(
                "the EC key's curve, OID {other}, is not one JOSE names"
            ))
        }
    })
}

/// The modulus length of a PKCS#1 RSAPublicKey (SEQUENCE { INTEGER n, INTEGER e }).
fn rsa_bits(pkcs1: &[u8]) -> Result<usize, String> {
    let mut outer = Reader::new(pkcs1);
    let key = outer.expect(SEQUENCE, "the RSAPublicKey")?;
    outer.finish("the RSAPublicKey")?;
    let mut fields = key.reader();
    let n = fields.expect(INTEGER, "the RSA modulus")?;
    fields.expect(INTEGER, "the RSA public exponent")?;
    fields.finish("the RSA public exponent")?;
    match bit_length(n.unsigned()) {
        0 => Err("the RSA modulus is zero".to_string()),
        bits => Ok(bits),
    }
}

/// The subjectPublicKeyInfo of an X.509 Certificate (RFC 5280 §4.1) and its subject's CN.
fn certificate(der: &[u8]) -> Result<(&[u8], Option<String>), String> {
    let mut outer = Reader::new(der);
    let cert = outer.expect(SEQUENCE, "the Certificate")?;
    let mut parts = cert.reader();
    let mut fields = parts.expect(SEQUENCE, "the TBSCertificate")?.reader();
    // version [0] EXPLICIT, absent from v1 certificates
    if fields.peek_tag() == Some(CONTEXT_0) {
        fields.element()?;
    }
    fields.expect(INTEGER, "the serial number")?;
    fields.expect(SEQUENCE, "the signature algorithm")?;
    fields.expect(SEQUENCE, "the issuer")?;
    fields.expect(SEQUENCE, "the validity")?;
    let subject = fields.expect(SEQUENCE, "the subject")?;
    let spki = fields.expect(SEQUENCE, "the subjectPublicKeyInfo")?;
    Ok((spki.raw, common_name(&subject)))
}

/// The last commonName (2.5.4.3) of a Name, shown safely.
fn common_name(name: &Tlv) -> Option<String> {
    let mut cn = None;
    let mut rdns = name.reader();
    while let Ok(rdn) = rdns.element() {
        let mut attributes = rdn.reader();
        while let Ok(attribute) = attributes.element() {
            let mut pair = attribute.reader();
            if let (Ok(oid), Ok(value)) = (pair.expect(OID, "the attribute type"), pair.element()) {
                if oid.content == [0x55, 0x04, 0x03] {
                    cn = Some(preview(&directory_string(&value), 64));
                }
            }
        }
    }
    cn
}

/// A DirectoryString's text: BMPString is UTF-16, the others are read as UTF-8.
fn directory_string(value: &Tlv) -> String {
    if value.tag == 0x1E {
        let units = value
            .content
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]));
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect()
    } else {
        String::from_utf8_lossy(value.content).into_owned()
    }
}

// ---------------------------------------------------------------------------------------------
// Bare base64 DER, and shared secrets

/// A public key or certificate pasted as base64 DER without its PEM lines (an `x5c` entry,
/// a key copied out of a configuration).
fn bare_der(text: &str) -> Option<Key> {
    let compact: String = text.split_whitespace().collect();
    // A DER SEQUENCE (0x30) starts with `M` in base64.
    if !compact.starts_with('M') {
        return None;
    }
    let der = base64(&compact, Alphabet::Either).ok()?;
    if spki(&der).is_ok() {
        return spki_key(&der, "base64 DER public key").ok();
    }
    // A PKCS#1 RSAPublicKey (`MIIBCgKCAQEA…`) without its PEM lines.
    if rsa_bits(&der).is_ok() {
        return spki_key(&der::spki_from_pkcs1(&der), "base64 DER RSA public key").ok();
    }
    let (spki, cn) = certificate(&der).ok()?;
    let source = match cn {
        Some(cn) => format!("base64 DER certificate (CN={cn})"),
        None => "base64 DER certificate".to_string(),
    };
    spki_key(spki, &source).ok()
}

/// A shared secret for HS* (RFC 7518 §3.2), offered as its text and, when it decodes as such,
/// as base64url and base64: the verification tries each.
fn read_secret(text: &str, set: &mut KeySet) {
    set.secret = true;
    if let Some((i, c)) = text.chars().enumerate().find(|&(_, c)| is_hidden(c)) {
        set.problems.push(format!(
            "The shared secret holds {} at position {}: it is used as pasted, but a secret rarely \
             holds one (a copy-paste artefact, or two things pasted?)",
            describe_char(c),
            i + 1
        ));
    }
    let mut push = |source: &str, bytes: Vec<u8>| {
        set.keys.push(Key {
            source: source.to_string(),
            kid: None,
            alg: None,
            kty: Kty::Oct,
            crv: None,
            bits: None,
            material: Material::Secret(bytes),
        });
    };
    push("shared secret, read as text", text.as_bytes().to_vec());
    let url = base64(text, Alphabet::Url).ok().filter(|b| !b.is_empty());
    if let Some(bytes) = &url {
        push("shared secret, read as base64url", bytes.clone());
    }
    if first_bad(text, Alphabet::Standard).is_none() {
        if let Some(bytes) = decode_standard(text).filter(|b| !b.is_empty()) {
            if url.as_ref() != Some(&bytes) {
                push("shared secret, read as base64", bytes);
            }
        }
    }
}
