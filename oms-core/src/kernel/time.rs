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
