//! PostgreSQL errors as oms errors: which code each failure gets, and a
//! message that carries what the server said (SQLSTATE, message, detail,
//! hint) instead of the driver's bare "db error".

use postgres::error::SqlState;

use crate::kernel::error::Error;

/// The oms error for a failed statement.
pub(super) fn pg_error(error: postgres::Error) -> Error {
    let message = describe(&error);
    if lost_connection(&error) {
        return Error::StorageUnavailable { message };
    }
    match error.code() {
        Some(code)
            if *code == SqlState::T_R_SERIALIZATION_FAILURE
                || *code == SqlState::T_R_DEADLOCK_DETECTED
                || *code == SqlState::UNIQUE_VIOLATION
                || *code == SqlState::LOCK_NOT_AVAILABLE =>
        {
            Error::Conflict { message }
        }
        _ => Error::Storage { message },
    }
}

/// Whether `error` means the connection to the server is gone, rather than
/// that the server refused a statement on a live connection.
pub(super) fn lost_connection(error: &postgres::Error) -> bool {
    match error.code() {
        // Class 08 (connection exception) and 57 (operator intervention: the
        // server shut down, restarted or closed the session) mean the
        // database could not be reached, not that the command was wrong.
        Some(code) => matches!(&code.code()[..2], "08" | "57"),
        // No SQL state: the connection failed or was closed, or (a bug) a value did not convert.
        None => error.is_closed() || std::error::Error::source(error).is_some_and(|cause| cause.is::<std::io::Error>()),
    }
}

/// What went wrong, in one line: for an error the server sent, its severity,
/// SQLSTATE, message, detail and hint; otherwise the driver's description
/// followed by its causes.
pub(super) fn describe(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        let mut text = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
        if let Some(detail) = db.detail() {
            text.push_str(&format!(" (detail: {detail})"));
        }
        if let Some(hint) = db.hint() {
            text.push_str(&format!(" (hint: {hint})"));
        }
        return text;
    }
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(current) = cause {
        text.push_str(&format!(": {current}"));
        cause = current.source();
    }
    text
}

/// `message` with every occurrence of the connection's password replaced, so
/// that no error built from a driver's text can show it.
pub(super) fn redact(message: String, password: Option<&[u8]>) -> String {
    match password.map(String::from_utf8_lossy) {
        Some(password) if !password.is_empty() && message.contains(password.as_ref()) => {
            message.replace(password.as_ref(), "***")
        }
        _ => message,
    }
}

/// [`redact`] over the message of a storage error.
pub(super) fn redact_error(error: Error, password: Option<&[u8]>) -> Error {
    match error {
        Error::Storage { message } => Error::Storage { message: redact(message, password) },
        Error::StorageUnavailable { message } => Error::StorageUnavailable { message: redact(message, password) },
        Error::StorageOutcomeUnknown { message } => Error::StorageOutcomeUnknown { message: redact(message, password) },
        Error::Conflict { message } => Error::Conflict { message: redact(message, password) },
        other => other,
    }
}

/// The password in a `postgres://user:password@host/...` URL, as written there.
pub(super) fn url_password(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?']).next()?;
    let (user_info, _) = authority.rsplit_once('@')?;
    user_info.split_once(':').map(|(_, password)| password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_redacted() {
        assert_eq!(redact("user x: hunter2 refused".into(), Some(b"hunter2")), "user x: *** refused");
        assert_eq!(redact("nothing".into(), Some(b"")), "nothing");
        assert_eq!(redact("nothing".into(), None), "nothing");
    }

    #[test]
    fn the_password_is_found_in_the_url() {
        assert_eq!(url_password("postgres://ada:s3cret@db:5432/shop?schema=x"), Some("s3cret"));
        assert_eq!(url_password("postgres://ada@db/shop"), None);
        assert_eq!(url_password("postgres://db/shop?user=a@b"), None);
    }
}
