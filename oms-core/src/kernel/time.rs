//! Time comes in from an injected [`Clock`]; domain code never reads the system clock.

use std::fmt;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Duration, DurationRound, TimeDelta, Utc};

use crate::kernel::error::{Error, Result};

/// A point in time, in UTC, at microsecond precision (what every backend stores exactly).
pub type Timestamp = DateTime<Utc>;

/// The source of the current time for the service.
pub trait Clock: Send + Sync + fmt::Debug {
    fn now(&self) -> Timestamp;
}

/// Reads the operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // `Utc::now()` panics when the system clock reads before 1970; read
        // the clock ourselves so that such a reading reaches [`usable`], which
        // refuses it with a typed error.
        let now = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(after) => {
                DateTime::<Utc>::UNIX_EPOCH.checked_add_signed(TimeDelta::from_std(after).unwrap_or(TimeDelta::MAX))
            }
            Err(before) => DateTime::<Utc>::UNIX_EPOCH
                .checked_sub_signed(TimeDelta::from_std(before.duration()).unwrap_or(TimeDelta::MAX)),
        };
        truncate(now.unwrap_or(DateTime::<Utc>::MIN_UTC))
    }
}

/// The earliest clock reading the library works with: 1970-01-01T00:00:00Z.
pub const CLOCK_EARLIEST: Timestamp = DateTime::<Utc>::UNIX_EPOCH;

/// The years every backend stores and sorts as text: 1970 to 9999.
const CLOCK_LATEST_YEAR: i32 = 9999;

/// Checks a clock reading before a command uses it. A clock before 1970 or
/// after 9999 (a broken or tampered system clock, a test clock wound too
/// far) would write times that sort wrongly or cannot be stored, so it is
/// refused with `clock_unusable` and nothing is written.
pub fn usable(now: Timestamp) -> Result<Timestamp> {
    use chrono::Datelike;
    if now < CLOCK_EARLIEST || now.year() > CLOCK_LATEST_YEAR {
        return Err(Error::ClockUnusable {
            message: format!("the clock reads {now}, outside 1970-01-01 to 9999-12-31; fix the system clock"),
        });
    }
    Ok(now)
}

/// A clock that stands still until told to move: for tests, simulations,
/// and a caller who controls time (the bindings expose it as `ManualClock`).
#[derive(Debug)]
pub struct ManualClock(Mutex<Timestamp>);

/// The former name of [`ManualClock`].
pub type FixedClock = ManualClock;

impl ManualClock {
    pub fn new(at: Timestamp) -> ManualClock {
        ManualClock(Mutex::new(truncate(at)))
    }

    /// Moves the clock forward (or back, with a negative duration).
    /// Moving past the range of time (hundreds of thousands of years) leaves
    /// the clock where it is.
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(moved) = now.checked_add_signed(by) {
            *now = moved;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn truncate(at: Timestamp) -> Timestamp {
    at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn readings_outside_1970_to_9999_are_refused() {
        let before = DateTime::<Utc>::UNIX_EPOCH - TimeDelta::seconds(1);
        assert_eq!(usable(before).unwrap_err().code(), "clock_unusable");
        assert!(usable(DateTime::<Utc>::UNIX_EPOCH).is_ok());
        assert_eq!(usable(DateTime::<Utc>::MAX_UTC).unwrap_err().code(), "clock_unusable");
        assert!(usable(SystemClock.now()).is_ok());
    }

    #[test]
    fn a_fixed_clock_never_overflows() {
        let clock = ManualClock::new(DateTime::<Utc>::UNIX_EPOCH);
        clock.advance(TimeDelta::MAX);
        assert_eq!(clock.now(), DateTime::<Utc>::UNIX_EPOCH);
    }
}

/// Writes a stored time as chrono's own `Serialize` does (RFC 3339, UTC as
/// `Z`, as many fraction digits as needed: none, 3, 6 or 9), but as one
/// string. chrono hands serde a `Display` that writes a character at a time,
/// and serde_json escapes each of those writes separately: about 1,500
/// instructions per time, a dozen times per order. Used with
/// `#[serde(serialize_with = "…")]` on the times of stored records; reading
/// them back is chrono's own `Deserialize`.
pub(crate) mod rfc3339 {
    use chrono::SecondsFormat;
    use serde::{Serialize, Serializer};

    use super::Timestamp;

    /// A time written as one RFC 3339 string.
    struct Text<'a>(&'a Timestamp);

    impl Serialize for Text<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
            serializer.serialize_str(&self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        }
    }

    pub(crate) fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        Text(at).serialize(serializer)
    }

    /// For an `Option<Timestamp>`.
    pub(crate) mod option {
        use serde::Serializer;

        use super::{Text, Timestamp};

        pub(crate) fn serialize<S: Serializer>(
            at: &Option<Timestamp>,
            serializer: S,
        ) -> std::result::Result<S::Ok, S::Error> {
            match at {
                Some(at) => serializer.serialize_some(&Text(at)),
                None => serializer.serialize_none(),
            }
        }
    }

    #[cfg(test)]
    #[allow(clippy::unwrap_used)]
    mod tests {
        use chrono::{TimeZone, Utc};

        use super::Timestamp;

        #[derive(serde::Serialize)]
        struct Ours {
            #[serde(serialize_with = "super::serialize")]
            at: Timestamp,
            #[serde(serialize_with = "super::option::serialize")]
            maybe: Option<Timestamp>,
        }

        #[derive(serde::Serialize)]
        struct Chrono {
            at: Timestamp,
            maybe: Option<Timestamp>,
        }

        #[test]
        fn writes_exactly_what_chrono_writes() {
            let base = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
            let nanos = [0, 1, 999, 1_000, 120_000, 123_456, 1_000_000, 500_000_000, 123_456_789, 999_999_999];
            let mut times: Vec<Timestamp> = nanos.iter().map(|n| base + chrono::TimeDelta::nanoseconds(*n)).collect();
            times.extend([Timestamp::UNIX_EPOCH, Timestamp::MIN_UTC, Timestamp::MAX_UTC]);
            times.push(Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap());
            times.push(Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap());
            for at in times {
                for maybe in [None, Some(at)] {
                    let ours = serde_json::to_string(&Ours { at, maybe }).unwrap();
                    assert_eq!(ours, serde_json::to_string(&Chrono { at, maybe }).unwrap());
                    let back: serde_json::Value = serde_json::from_str(&ours).unwrap();
                    let read: Timestamp = serde_json::from_value(back["at"].clone()).unwrap();
                    assert_eq!(read, at, "reads back");
                }
            }
        }
    }
}
