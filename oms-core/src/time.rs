//! Time comes in from an injected [`Clock`]; domain code never reads the system clock.

use std::fmt;
use std::sync::Mutex;

use chrono::{DateTime, Duration, DurationRound, TimeDelta, Utc};

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
        truncate(Utc::now())
    }
}

/// A clock that stands still until told to move; for tests and simulations.
#[derive(Debug)]
pub struct FixedClock(Mutex<Timestamp>);

impl FixedClock {
    pub fn new(at: Timestamp) -> FixedClock {
        FixedClock(Mutex::new(truncate(at)))
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn truncate(at: Timestamp) -> Timestamp {
    at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at)
}
