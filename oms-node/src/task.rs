//! Running core calls and handing their outcome to JavaScript.
//!
//! An async method reads and validates its JavaScript arguments on the
//! calling thread, then queues a closure on libuv's thread pool as N-API
//! async work and returns a promise; the completion callback, back on the
//! JavaScript thread, settles the promise with the converted record or the
//! core's error. A `...Sync` method runs the closure on the calling thread
//! and returns a [`Returned`]. A closure that panics is caught and becomes
//! `internal_error`.
//!
//! The binding settles promises and throws errors itself, through `js.rs`,
//! rather than with napi-rs's `AsyncTask` and error throwing: those assert
//! that every N-API call succeeds, and when a worker thread is terminated
//! with calls in flight the calls made to settle or throw fail, because the
//! environment is being torn down. The assertion then panicked inside an
//! N-API callback and aborted the whole process. Here every failure to hand
//! over an outcome is accepted quietly: nobody is left to receive it.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use napi::bindgen_prelude::ToNapiValue;
use napi::{sys, Env};
use oms_core::error::catch_panic;
use oms_core::{Error, Result};

use crate::error;
use crate::js::{self, Js};

type Work<R> = Box<dyn FnOnce() -> Result<R> + Send>;

/// What a `...Sync` method returns: its record, or the error it throws.
///
/// Its conversion never fails as far as napi-rs can see, so napi-rs never
/// throws on the binding's behalf: the error is thrown here, with every
/// N-API status checked.
pub struct Returned<R>(Result<R>);

impl<R: ToNapiValue> ToNapiValue for Returned<R> {
    unsafe fn to_napi_value(env: sys::napi_env, returned: Self) -> napi::Result<sys::napi_value> {
        let error = match returned.0 {
            Ok(record) => match unsafe { R::to_napi_value(env, record) } {
                Ok(value) => return Ok(value),
                Err(failure) => not_converted(env, &failure),
            },
            Err(error) => error,
        };
        error::throw(env, &error);
        // With an exception pending Node ignores the return value; without
        // one (the environment is going away) this reads as `undefined`.
        Ok(ptr::null_mut())
    }
}

/// The error to report when a record could not be turned into a JavaScript
/// value, which only happens when the engine is out of memory or going away.
fn not_converted(env: sys::napi_env, failure: &napi::Error) -> Error {
    js::take_exception(env);
    Error::Internal { message: format!("the result could not be converted: {} {}", failure.status, failure.reason) }
}

/// Runs `call` with the parsed arguments on the calling thread.
pub(crate) fn run<A, R>(arguments: Result<A>, call: impl FnOnce(A) -> Result<R>) -> Returned<R> {
    Returned(arguments.and_then(|arguments| catch_panic(|| call(arguments)).map_err(error::in_js_terms)))
}

/// Wraps an error to throw from a method whose return type napi-rs converts
/// itself (a factory): the error is thrown here, and napi-rs is told that an
/// exception is already pending, which it leaves alone.
pub(crate) fn thrown(env: Env, error: &Error) -> napi::Error {
    error::throw(env.raw(), error);
    napi::Error::new(napi::Status::PendingException, String::new())
}

/// What an async method returns: its promise (or nothing, when the
/// environment is being torn down and no promise can be made).
pub struct Promise(sys::napi_value);

impl ToNapiValue for Promise {
    unsafe fn to_napi_value(_env: sys::napi_env, promise: Self) -> napi::Result<sys::napi_value> {
        Ok(promise.0)
    }
}

/// One core call on its way through the thread pool. Owned by N-API between
/// `napi_create_async_work` and the completion callback.
struct Job<R> {
    deferred: sys::napi_deferred,
    work: Option<Work<R>>,
    output: Option<Result<R>>,
    async_work: sys::napi_async_work,
}

/// Queues `call` with the parsed arguments and returns its promise; when the
/// arguments are an error, the promise is rejected with it at once.
pub(crate) fn spawn<A, R>(env: Env, arguments: Result<A>, call: impl FnOnce(A) -> Result<R> + Send + 'static) -> Promise
where
    A: Send + 'static,
    R: ToNapiValue + Send + 'static,
{
    let env = env.raw();
    let (deferred, promise) = match js::promise(env) {
        Ok(made) => made,
        Err(failed) => {
            error::throw(env, &Error::Internal { message: format!("no promise could be made: {}", failed.name()) });
            return Promise(ptr::null_mut());
        }
    };
    match arguments {
        Ok(arguments) => {
            let work: Work<R> = Box::new(move || call(arguments).map_err(error::in_js_terms));
            let job = Box::new(Job { deferred, work: Some(work), output: None, async_work: ptr::null_mut() });
            if let Err(failed) = queue(env, job) {
                let error = Error::Internal { message: format!("the call could not be queued: {}", failed.name()) };
                settle::<R>(env, deferred, Err(error));
            }
        }
        Err(error) => settle::<R>(env, deferred, Err(error)),
    }
    Promise(promise.raw())
}

/// Hands `job` to N-API, which gives it back to [`complete`]; on failure the
/// job is dropped here and nothing was queued.
fn queue<R: ToNapiValue + Send + 'static>(env: sys::napi_env, job: Box<Job<R>>) -> js::Checked<()> {
    let name = js::string(env, "oms")?;
    let data = Box::into_raw(job);
    let mut async_work = ptr::null_mut();
    // SAFETY: `data` is a live `Job<R>` that only `execute::<R>` and
    // `complete::<R>` touch until `complete` takes it back.
    let created = unsafe {
        sys::napi_create_async_work(
            env,
            ptr::null_mut(),
            name.raw(),
            Some(execute::<R>),
            Some(complete::<R>),
            data.cast(),
            &mut async_work,
        )
    };
    if created != sys::Status::napi_ok {
        drop(unsafe { Box::from_raw(data) });
        return Err(js::Failed(created));
    }
    unsafe { (*data).async_work = async_work };
    let queued = unsafe { sys::napi_queue_async_work(env, async_work) };
    if queued != sys::Status::napi_ok {
        unsafe { sys::napi_delete_async_work(env, async_work) };
        drop(unsafe { Box::from_raw(data) });
        return Err(js::Failed(queued));
    }
    Ok(())
}

/// Runs on a thread-pool thread: the core call, with panics caught.
unsafe extern "C" fn execute<R>(_env: sys::napi_env, data: *mut c_void) {
    // SAFETY: `data` is the job `queue` made; N-API runs `execute` once,
    // before `complete`, and nothing else touches the job meanwhile.
    let job = unsafe { &mut *data.cast::<Job<R>>() };
    let _ = catch_unwind(AssertUnwindSafe(|| {
        job.output = Some(match job.work.take() {
            Some(work) => catch_panic(work),
            None => Err(Error::Internal { message: "an async call ran twice".into() }),
        });
    }));
}

/// Runs on the JavaScript thread once the work is done (or cancelled):
/// settles the promise and frees the job. Nothing here may panic.
unsafe extern "C" fn complete<R: ToNapiValue>(env: sys::napi_env, status: sys::napi_status, data: *mut c_void) {
    // SAFETY: `data` is the job `queue` made, handed back exactly once.
    let mut job = unsafe { Box::from_raw(data.cast::<Job<R>>()) };
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let outcome = match job.output.take() {
            Some(output) if status == sys::Status::napi_ok => output,
            _ => Err(Error::Internal { message: format!("the call did not complete: {}", js::Failed(status).name()) }),
        };
        settle::<R>(env, job.deferred, outcome);
    }));
    unsafe { sys::napi_delete_async_work(env, job.async_work) };
    let _ = catch_unwind(AssertUnwindSafe(move || drop(job)));
}

/// Resolves with the record converted, or rejects with the error. When that
/// fails the environment is going away: the promise is left unsettled and
/// any exception the attempt raised is cleared, so that nothing reaches a
/// JavaScript that no longer runs.
fn settle<R: ToNapiValue>(env: sys::napi_env, deferred: sys::napi_deferred, outcome: Result<R>) {
    let value = outcome.and_then(|record| match unsafe { R::to_napi_value(env, record) } {
        Ok(raw) => Ok(Js::new(env, raw)),
        Err(failure) => Err(not_converted(env, &failure)),
    });
    let settled = match value {
        Ok(value) => js::settle(deferred, Ok(value)),
        Err(error) => error::js_error(env, &error).and_then(|object| js::settle(deferred, Err(object))),
    };
    if settled.is_err() {
        js::take_exception(env);
    }
}
