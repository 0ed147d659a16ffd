//! NumericDate claims (RFC 7519 §2, §4.1.4–4.1.6; OIDC Core §2 `auth_time`): reading them
//! leniently, and turning them into ISO-8601 UTC and human relative text.
//!
//! Everything here is a pure function of its arguments; the UI passes the ticking clock in.

use serde_json::Value;

/// Seconds since the Unix epoch.
pub type UnixTime = i64;

/// Earliest and latest instants we format (years 0001 to 9999), so absurd values cannot overflow.
const MIN_TIME: i64 = -62_135_596_800;
const MAX_TIME: i64 = 253_402_300_799;
/// Values above this (year 5138 in seconds) are taken to be milliseconds: a 13-digit `exp`.
const MILLIS_THRESHOLD: f64 = 1e11;

/// The time claims we explain, in display order.
pub const TIME_CLAIMS: &[&str] = &["exp", "iat", "nbf", "auth_time"];

/// A time claim as found in the token.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeClaim {
    /// `exp`, `iat`, `nbf` or `auth_time`.
    pub name: String,
    /// The value as written.
    pub raw: Value,
    /// The instant it stands for, in seconds (milliseconds already divided by 1000).
    pub seconds: Option<UnixTime>,
    /// The value looked like milliseconds; `seconds` holds it divided by 1000.
    pub millis: bool,
    /// What is wrong with the value, if anything ("is a string, not a number").
    pub problem: Option<String>,
    /// The value has a fraction of a second (allowed by RFC 7519, never issued by SFCC).
    pub fraction: bool,
}

impl TimeClaim {
    /// Reads claim `name` with value `raw`. Accepts integers, fractions (floored) and numeric
    /// strings (flagged); anything else is kept with a problem and no instant.
    pub fn read(name: &str, raw: &Value) -> TimeClaim {
        let mut claim = TimeClaim {
            name: name.to_string(),
            raw: raw.clone(),
            seconds: None,
            millis: false,
            problem: None,
            fraction: false,
        };
        let number = match raw {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => {
                claim.problem = Some("is a string, not a number (RFC 7519 NumericDate)".into());
                // Read as a JSON number, with the JSON parser the page already carries (not
                // `str::parse`, whose float parser would add KBs to the wasm for this one case).
                serde_json::from_str::<f64>(s.trim()).ok()
            }
            other => {
                claim.problem = Some(format!(
                    "is {}, not a number of seconds",
                    super::text::json_type(other)
                ));
                None
            }
        };
        let Some(mut value) = number.filter(|v| v.is_finite()) else {
            if claim.problem.is_none() {
                claim.problem = Some("is not a finite number".into());
            }
            return claim;
        };
        // Only values that are a date once divided by 1000 are milliseconds; larger ones are noise.
        if value.abs() >= MILLIS_THRESHOLD && value.abs() / 1000.0 <= MAX_TIME as f64 {
            claim.millis = true;
            value /= 1000.0;
        }
        let secs = value.floor();
        claim.fraction = !claim.millis && secs != value;
        if secs < MIN_TIME as f64 || secs > MAX_TIME as f64 {
            claim.problem = Some("is too far from today to be a date".into());
            return claim;
        }
        if value < 0.0 && claim.problem.is_none() {
            claim.problem = Some("is negative: a date before 1970".into());
        }
        claim.seconds = Some(secs as i64);
        claim
    }

    /// Human sentence for this claim relative to `now` ("expires in 12 min 5 s").
    pub fn relative(&self, now: UnixTime) -> Option<String> {
        let at = self.seconds?;
        let ago = at <= now;
        let span = duration(at.abs_diff(now));
        let text = match (self.name.as_str(), ago) {
            ("exp", false) => format!("expires in {span}"),
            ("exp", true) => format!("expired {span} ago"),
            ("nbf", false) => format!("not valid for another {span}"),
            ("nbf", true) => format!("valid since {span} ago"),
            ("iat", false) => format!("issued {span} in the future"),
            ("iat", true) => format!("issued {span} ago"),
            ("auth_time", false) => format!("authenticated {span} in the future"),
            (_, false) => format!("in {span}"),
            (_, true) => format!("{span} ago"),
        };
        Some(text)
    }
}

/// `2026-11-22T22:30:00Z` for an instant in seconds (proleptic Gregorian, UTC).
pub fn iso_utc(t: UnixTime) -> String {
    let t = t.clamp(MIN_TIME, MAX_TIME);
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Milliseconds as seconds with two decimals ("1.25", "-0.50"), exactly as
/// `format!("{:.2}", ms as f64 / 1000.0)` writes them, without linking the standard library's
/// float formatting (about 10 KB of wasm): the `f64`'s exact value, rounded half to even.
pub fn seconds_2dp(ms: i64) -> String {
    let q = ms as f64 / 1000.0;
    let bits = q.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let fraction = u128::from(bits & ((1u64 << 52) - 1));
    let (mantissa, exp) = if exp == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u128 << 52), exp - 1075)
    };
    // |q| * 100 = mantissa * 100 * 2^exp; |ms| <= 2^63 keeps exp <= 1.
    let scaled = mantissa * 100;
    let hundredths = match u32::try_from(-exp) {
        Err(_) => scaled << exp.clamp(0, 8),
        Ok(shift) if shift >= 128 => 0,
        Ok(0) => scaled,
        Ok(shift) => {
            let whole = scaled >> shift;
            let rest = scaled & ((1u128 << shift) - 1);
            let half = 1u128 << (shift - 1);
            whole + u128::from(rest > half || (rest == half && whole & 1 == 1))
        }
    };
    let sign = if ms < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", hundredths / 100, hundredths % 100)
}

/// A span of seconds in the two largest units that matter: `45 s`, `12 min 5 s`, `3 h 4 min`,
/// `2 days 3 h`, `4 years 12 days`.
pub fn duration(secs: u64) -> String {
    const MIN: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;
    const YEAR: u64 = 365 * DAY;
    let two = |big: u64, big_unit: &str, small: u64, small_unit: &str| {
        if small == 0 {
            format!("{big} {big_unit}")
        } else {
            format!("{big} {big_unit} {small} {small_unit}")
        }
    };
    let plural = |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    match secs {
        s if s < MIN => format!("{s} s"),
        s if s < HOUR => two(s / MIN, "min", s % MIN, "s"),
        s if s < DAY => two(s / HOUR, "h", s % HOUR / MIN, "min"),
        s if s < YEAR => {
            let days = s / DAY;
            two(days, plural(days, "day", "days"), s % DAY / HOUR, "h")
        }
        s => {
            let years = s / YEAR;
            let days = s % YEAR / DAY;
            two(
                years,
                plural(years, "year", "years"),
                days,
                plural(days, "day", "days"),
            )
        }
    }
}

/// Validity of a token at an instant, from its `exp` and `nbf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStatus {
    /// Not expired, and not before `nbf`.
    Valid,
    /// Past `exp`.
    Expired,
    /// Before `nbf` (beyond the allowed clock skew).
    NotYetValid,
    /// No `exp` claim: never expires as written.
    NoExpiry,
}

impl TimeStatus {
    /// Stable identifier (matches the fixtures' `time_status`).
    pub fn id(self) -> &'static str {
        match self {
            TimeStatus::Valid => "valid",
            TimeStatus::Expired => "expired",
            TimeStatus::NotYetValid => "not_yet_valid",
            TimeStatus::NoExpiry => "no_exp",
        }
    }
}

/// The time claims of a token, read once, evaluated against any clock.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Times {
    /// Every time claim present, in the order of TIME_CLAIMS.
    pub claims: Vec<TimeClaim>,
}

/// Clock skew allowed before `nbf`/`iat` in the future is worth a warning: SLAS back-dates `nbf`
/// by 30 s (REFERENCE.md §9), so anything within that is normal.
pub const SKEW_ALLOWANCE: i64 = 30;

impl Times {
    /// Reads the time claims of a claims set.
    pub fn read(claims: &serde_json::Map<String, Value>) -> Times {
        Times {
            claims: TIME_CLAIMS
                .iter()
                .filter_map(|name| claims.get(*name).map(|v| TimeClaim::read(name, v)))
                .collect(),
        }
    }

    /// The claim called `name`, if present.
    pub fn get(&self, name: &str) -> Option<&TimeClaim> {
        self.claims.iter().find(|c| c.name == name)
    }

    /// Instant of claim `name`, if present and readable.
    pub fn at(&self, name: &str) -> Option<UnixTime> {
        self.get(name)?.seconds
    }

    /// Status at `now`: expired wins over not-yet-valid; no readable `exp` is `NoExpiry`
    /// (unless `nbf` is still ahead).
    pub fn status(&self, now: UnixTime) -> TimeStatus {
        let exp = self.at("exp");
        if exp.is_some_and(|exp| exp <= now) {
            return TimeStatus::Expired;
        }
        if self.at("nbf").is_some_and(|nbf| nbf > now + SKEW_ALLOWANCE) {
            return TimeStatus::NotYetValid;
        }
        if exp.is_none() {
            return TimeStatus::NoExpiry;
        }
        TimeStatus::Valid
    }

    /// `exp - iat` in seconds, when both are readable.
    pub fn lifetime(&self) -> Option<i64> {
        Some(self.at("exp")? - self.at("iat")?)
    }
}

/// Howard Hinnant's `days_from_civil`: (year, month, day) to days since 1970-01-01.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An HTTP `Date` (RFC 9110 §5.6.7: `Tue, 01 Dec 2026 10:15:00 GMT`, the obsolete RFC 850 and
/// asctime forms) or an ISO 8601 UTC instant (`2026-12-01T10:15:00Z`), in seconds.
pub fn http_date(text: &str) -> Option<UnixTime> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = text.trim();
    let words: Vec<&str> = text
        .split([' ', ',', '-', 'T'])
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        let w = w.get(..3)?.to_ascii_lowercase();
        MONTHS.iter().position(|m| *m == w).map(|i| i as i64 + 1)
    };
    let num = |w: &str| w.parse::<i64>().ok();
    let (y, m, d, clock) = match words.as_slice() {
        // ISO: 2026, 12, 01, 10:15:00Z
        [y, m, d, clock, ..] if y.len() == 4 && num(y).is_some() => {
            (num(y)?, num(m)?, num(d)?, clock.trim_end_matches('Z'))
        }
        // IMF-fixdate and RFC 850: Tue, 01 Dec 2026 10:15:00 GMT
        [_, d, m, y, clock, ..] if month(m).is_some() => {
            let y = num(y)?;
            (
                if y < 100 { y + 2000 } else { y },
                month(m)?,
                num(d)?,
                *clock,
            )
        }
        // asctime: Tue Dec  1 10:15:00 2026
        [_, m, d, clock, y, ..] => (num(y)?, month(m)?, num(d)?, *clock),
        _ => return None,
    };
    let hms: Vec<i64> = clock
        .split(':')
        .map(|p| p.get(..2).unwrap_or(p).parse().ok())
        .collect::<Option<_>>()?;
    let [h, mi, s] = hms.as_slice() else {
        return None;
    };
    let valid = (1..=9999).contains(&y)
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && *h < 24
        && *mi < 60
        && *s <= 60;
    valid.then(|| days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// An ISO 8601 instant with its fraction and offset (`2026-11-18T09:12:03.117Z`,
/// `2026-11-20T14:05:01.123456+00:00`, as HAR `startedDateTime` writes it), in milliseconds.
pub fn iso_millis(text: &str) -> Option<i64> {
    let text = text.trim();
    let (date, clock) = text.split_once(['T', ' '])?;
    let secs = http_date(&format!("{date}T{}Z", clock.get(..8)?))?;
    let rest = clock.get(8..)?;
    let (fraction, offset) = match rest.strip_prefix('.') {
        Some(r) => {
            let end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
            (&r[..end], &r[end..])
        }
        None => ("", rest),
    };
    let millis = format!("{fraction:0<3}").get(..3)?.parse::<i64>().ok()?;
    let offset = match offset {
        "" | "Z" | "z" => 0,
        o => {
            let sign = match o.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = o[1..].chars().filter(char::is_ascii_digit).collect();
            let h: i64 = digits.get(..2)?.parse().ok()?;
            let m: i64 = digits.get(2..4).unwrap_or("00").parse().ok()?;
            sign * (h * 3600 + m * 60)
        }
    };
    Some((secs - offset) * 1000 + millis)
}

/// The instant a token is judged at: now, or the time of the call (the answer's `Date`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The instant, in seconds.
    pub at: UnixTime,
    /// It is the time of the call, not the time the page is looked at.
    pub of_call: bool,
}

impl Moment {
    /// Now.
    pub fn now(at: UnixTime) -> Moment {
        Moment { at, of_call: false }
    }

    /// The time of the call.
    pub fn call(at: UnixTime) -> Moment {
        Moment { at, of_call: true }
    }

    /// `ago` or `before the call`, after a span.
    pub fn ago(self) -> &'static str {
        if self.of_call {
            "before the call"
        } else {
            "ago"
        }
    }

    /// `now` or `at the call`.
    pub fn when(self) -> &'static str {
        if self.of_call {
            "at the call"
        } else {
            "now"
        }
    }
}
