//! The signing keys the engineer pastes to verify a token offline: a JWKS, a single JWK, a PEM
//! public key (SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY`), an X.509 certificate (PEM, or the
//! base64 DER of a JWS `x5c` entry), or a shared secret for HS* (text, base64 or base64url).
//! Read into [`Key`]s whose material the browser's WebCrypto imports as it is: a public JWK
//! (private members dropped), SPKI DER, or the secret's bytes. Nothing here verifies anything.

mod der;
mod read;

pub use read::{read, read_x5c};

/// The key type (`kty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kty {
    /// RSA.
    Rsa,
    /// An elliptic curve (`crv` P-256, P-384, P-521, secp256k1).
    Ec,
    /// An octet key pair (`crv` Ed25519, Ed448, X25519).
    Okp,
    /// A symmetric secret.
    Oct,
}

impl Kty {
    /// The JWK spelling: `RSA`, `EC`, `OKP`, `oct`.
    pub fn id(self) -> &'static str {
        match self {
            Kty::Rsa => "RSA",
            Kty::Ec => "EC",
            Kty::Okp => "OKP",
            Kty::Oct => "oct",
        }
    }
}

/// What WebCrypto imports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Material {
    /// A public JWK as JSON text (`kty`, `crv`, `n`, `e`, `x`, `y` only: private members,
    /// `alg`, `use`, `key_ops` and `ext` dropped).
    Jwk(String),
    /// A SubjectPublicKeyInfo, DER (PKCS#1 RSA keys wrapped into one).
    Spki(Vec<u8>),
    /// The bytes of a shared secret.
    Secret(Vec<u8>),
}

/// One key read from the paste.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// Where it came from, for the page: "JWKS key 2 of 3", "PEM public key",
    /// "X.509 certificate (CN=…)", "the token's x5c[0]", "shared secret, read as base64url".
    pub source: String,
    /// `kid`, when the key names one.
    pub kid: Option<String>,
    /// `alg`, when the key names one.
    pub alg: Option<String>,
    /// Its type.
    pub kty: Kty,
    /// Its curve (`P-256`, `Ed25519`), for EC and OKP keys.
    pub crv: Option<String>,
    /// RSA modulus length in bits.
    pub bits: Option<usize>,
    /// What WebCrypto imports.
    pub material: Material,
}

/// Everything read from the keys input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeySet {
    /// The keys, in the order pasted.
    pub keys: Vec<Key>,
    /// What could not be read, each a precise sentence ("JWKS key 2: `n` is not base64url").
    pub problems: Vec<String>,
    /// A shared secret was pasted: warn that it must be rotated if it was shared.
    pub secret: bool,
    /// A private key was pasted (a JWK with `d`, a `PRIVATE KEY` PEM): only its public part is
    /// used, and it must be rotated if it was shared.
    pub private: bool,
}

impl KeySet {
    /// Nothing was pasted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.problems.is_empty()
    }
}
