//! The hash an idempotency record keeps of a command's canonical payload.
//!
//! FNV-1a with 128 bits (the published 128-bit offset basis and prime): a
//! specified, stable function, so a hash stored by one release matches the
//! one the next release computes (the standard library's `DefaultHasher`
//! promises neither). Its job is to tell a replay from a different request
//! under a reused key; it is not a defence against someone who crafts
//! collisions on purpose, who would have to hold the key already. A
//! cryptographic hash (SHA-256) would need a dependency of this crate.

use std::fmt;

use crate::kernel::error::{Error, Result};

const OFFSET_BASIS: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// The 128-bit FNV-1a hash of a canonical payload, shown as 32 lowercase hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PayloadHash(pub u128);

impl PayloadHash {
    /// The hash of `payload`'s UTF-8 bytes.
    pub fn of(payload: &str) -> PayloadHash {
        let mut hash = OFFSET_BASIS;
        for byte in payload.as_bytes() {
            hash ^= u128::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
        PayloadHash(hash)
    }

    /// Reads the 32 hex digits [`PayloadHash`]'s `Display` writes; `storage_error` otherwise.
    pub fn parse(text: &str) -> Result<PayloadHash> {
        if text.len() != 32 {
            return Err(Error::storage(format!("stored payload hash {text:?} is not 32 hex digits")));
        }
        u128::from_str_radix(text, 16)
            .map(PayloadHash)
            .map_err(|error| Error::storage(format!("stored payload hash {text:?} is unreadable: {error}")))
    }
}

impl fmt::Display for PayloadHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn published_test_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv, FNV-1a 128).
        assert_eq!(PayloadHash::of("").to_string(), "6c62272e07bb014262b821756295c58d");
        assert_eq!(PayloadHash::of("a").to_string(), "d228cb696f1a8caf78912b704e4a8964");
        assert_eq!(PayloadHash::of("foobar").to_string(), "343e1662793c64bf6f0d3597ba446f18");
    }

    #[test]
    fn the_text_form_reads_back() {
        let hash = PayloadHash::of(r#"{"sku":"TEE-M","quantity":2}"#);
        assert_eq!(PayloadHash::parse(&hash.to_string()).unwrap(), hash);
        assert_ne!(hash, PayloadHash::of(r#"{"sku":"TEE-M","quantity":3}"#));
        assert_eq!(PayloadHash::parse("xyz").unwrap_err().code(), "storage_error");
    }
}
