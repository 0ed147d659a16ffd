//! Every JWT and refresh token of the session, each once, in order of first appearance, with
//! where it was issued and every place it occurs.

use std::collections::HashMap;
use std::rc::Rc;

use super::carried::{looks_cut_jwt, looks_jwt, Carried};
use super::{RefreshToken, Token};
use crate::inspect::credential::Credential;
use crate::inspect::extract::{Candidate, Scheme};
use crate::inspect::sfcc::SfccKind;

/// The tokens found so far, by text.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    /// Every JWT.
    pub tokens: Vec<Token>,
    /// Every refresh token.
    pub refresh: Vec<RefreshToken>,
    /// Each refresh token's text, by index (never shown).
    pub refresh_texts: Vec<String>,
    jwt_index: HashMap<String, usize>,
    rt_index: HashMap<String, usize>,
    access_count: usize,
    id_count: usize,
    am_count: usize,
}

/// Where a token was seen.
struct Place<'a> {
    entry: usize,
    place: String,
    response: bool,
    field: Option<&'a str>,
}

impl Registry {
    /// The token whose text is `text`.
    pub fn jwt(&self, text: &str) -> Option<usize> {
        self.jwt_index.get(text).copied()
    }

    /// The refresh token whose text is `text`.
    pub fn refresh_token(&self, text: &str) -> Option<usize> {
        self.rt_index.get(text).copied()
    }

    /// Adds what entry `entry` carries, in the order request header, cookies, body, response
    /// body, `Set-Cookie`.
    pub fn add(&mut self, entry: usize, c: &Carried) {
        if let Some((scheme, value)) = &c.auth {
            if looks_jwt(value) {
                let place = format!("request header authorization ({scheme})");
                self.see_jwt(
                    value,
                    &Place {
                        entry,
                        place,
                        response: false,
                        field: None,
                    },
                );
            }
        }
        if let Some(ch) = &c.cookie_chunks {
            if looks_jwt(&ch.joined) {
                let place = format!("request {} {}", cookie_word(ch.count), ch.names);
                self.see_jwt(
                    &ch.joined,
                    &Place {
                        entry,
                        place,
                        response: false,
                        field: None,
                    },
                );
            }
        }
        if let Some(value) = c.bearer().filter(|v| looks_cut_jwt(v)) {
            if let Some(i) = self.resolve_cut(value, c, entry) {
                let full = self.tokens[i].credential.text.len();
                let place = format!(
                    "request header authorization (Bearer), cut: the first {} of {full} characters",
                    value.len()
                );
                self.tokens[i].seen_in.push((entry, place));
            }
        }
        for (name, value) in c.refresh_cookies() {
            self.see_rt(value, entry, format!("request cookie {name}"), false);
        }
        if let Some(rt) = c.param("refresh_token") {
            self.see_rt(rt, entry, "request body refresh_token".into(), false);
        }
        for field in ["access_token", "id_token"] {
            if let Some(v) = c.field(field).filter(|v| looks_jwt(v)) {
                let place = format!("response body {field}");
                self.see_jwt(
                    v,
                    &Place {
                        entry,
                        place,
                        response: true,
                        field: Some(field),
                    },
                );
            }
        }
        if let Some(rt) = c.field("refresh_token") {
            self.see_rt(rt, entry, "response body refresh_token".into(), true);
        }
        if let Some(ch) = &c.set_chunks {
            if looks_jwt(&ch.joined) {
                let place = format!("response set-cookie {}", ch.names);
                self.see_jwt(
                    &ch.joined,
                    &Place {
                        entry,
                        place,
                        response: true,
                        field: None,
                    },
                );
            }
        }
        for (name, value) in c.set_refresh() {
            self.see_rt(value, entry, format!("response set-cookie {name}"), true);
        }
    }

    /// The full token a cut Bearer value of entry `entry` is the start of: the request's own
    /// `cc-at` chunks joined, else the one token seen by then that starts with it (two tokens
    /// of one client can share a long prefix: then none).
    pub fn resolve_cut(&self, value: &str, c: &Carried, entry: usize) -> Option<usize> {
        if let Some(ch) = &c.cookie_chunks {
            if ch.joined.starts_with(value) && ch.joined.len() > value.len() {
                return self.jwt(&ch.joined);
            }
        }
        let mut starts = self
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.seen_in.first().is_some_and(|(e, _)| *e <= entry))
            .filter(|(_, t)| t.credential.text.starts_with(value));
        match (starts.next(), starts.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    fn see_jwt(&mut self, text: &str, p: &Place) -> usize {
        let i = match self.jwt_index.get(text) {
            Some(i) => *i,
            None => self.new_jwt(text, p),
        };
        let t = &mut self.tokens[i];
        if !t
            .seen_in
            .iter()
            .any(|(e, w)| *e == p.entry && *w == p.place)
        {
            t.seen_in.push((p.entry, p.place.clone()));
        }
        i
    }

    fn new_jwt(&mut self, text: &str, p: &Place) -> usize {
        let candidate = Candidate {
            label: String::new(),
            text: text.to_string(),
            scheme: (!p.response).then_some(Scheme::Bearer),
            ..Candidate::default()
        };
        let mut credential = Credential::from_candidate(&candidate);
        let id_token =
            p.field == Some("id_token") || credential.sfcc_kind() == Some(SfccKind::SlasIdToken);
        let label = if id_token {
            self.id_count += 1;
            format!("IDT{}", self.id_count)
        } else if credential.sfcc_kind() == Some(SfccKind::AmAccess) {
            self.am_count += 1;
            format!("AM{}", self.am_count)
        } else {
            self.access_count += 1;
            format!("AT{}", self.access_count)
        };
        credential.label.clone_from(&label);
        let times = credential.times();
        let token = Token {
            label,
            jti: credential
                .claim_rows()
                .iter()
                .find(|r| r.name == "jti")
                .map(|r| r.display.clone()),
            iat: times.at("iat"),
            exp: times.at("exp"),
            issued_in: p.response.then_some(p.entry),
            issued_where: p.response.then(|| p.place.clone()),
            used_in: Vec::new(),
            seen_in: Vec::new(),
            credential: Rc::new(credential),
        };
        self.tokens.push(token);
        self.jwt_index
            .insert(text.to_string(), self.tokens.len() - 1);
        self.tokens.len() - 1
    }

    fn see_rt(&mut self, text: &str, entry: usize, place: String, response: bool) -> usize {
        let i = match self.rt_index.get(text) {
            Some(i) => *i,
            None => {
                self.refresh.push(RefreshToken {
                    label: format!("RT{}", self.refresh.len() + 1),
                    issued_in: response.then_some(entry),
                    redeemed_in: Vec::new(),
                    seen_in: Vec::new(),
                });
                self.refresh_texts.push(text.to_string());
                self.rt_index
                    .insert(text.to_string(), self.refresh.len() - 1);
                self.refresh.len() - 1
            }
        };
        let t = &mut self.refresh[i];
        if !t.seen_in.iter().any(|(e, w)| *e == entry && *w == place) {
            t.seen_in.push((entry, place));
        }
        i
    }
}

fn cookie_word(count: usize) -> &'static str {
    if count > 1 {
        "cookies"
    } else {
        "cookie"
    }
}
