//! Running core calls off the event loop.
//!
//! An async method reads and validates its JavaScript arguments on the
//! calling thread, then hands a closure to libuv's thread pool as an napi
//! `Task`; the promise settles with the converted record or the core's error.
//! A closure that panics is caught and becomes `internal_error`.

use napi::bindgen_prelude::{AsyncTask, ToNapiValue, TypeName};
use napi::{Env, Task};
use oms_core::error::catch_panic;
use oms_core::{Error, Result};

use crate::error;

type Work<R> = Box<dyn FnOnce() -> Result<R> + Send>;

/// One core call waiting for, or running on, the thread pool.
pub struct Job<R> {
    work: Option<Work<R>>,
}

impl<R> Task for Job<R>
where
    R: ToNapiValue + TypeName + Send + 'static,
{
    type Output = Result<R>;
    type JsValue = R;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(match self.work.take() {
            Some(work) => catch_panic(work),
            None => Err(Error::Internal { message: "an async call was computed twice".into() }),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<R> {
        output.map_err(|e| error::to_js(env, e))
    }
}

/// Schedules `call` with the parsed arguments, or a job that rejects with
/// the parse error, so that an async method always returns a promise.
pub(crate) fn spawn<A, R>(arguments: Result<A>, call: impl FnOnce(A) -> Result<R> + Send + 'static) -> AsyncTask<Job<R>>
where
    A: Send + 'static,
    R: ToNapiValue + TypeName + Send + 'static,
{
    let work: Work<R> = match arguments {
        Ok(arguments) => Box::new(move || call(arguments).map_err(error::in_js_terms)),
        Err(error) => Box::new(move || Err(error)),
    };
    AsyncTask::new(Job { work: Some(work) })
}

/// Runs `call` with the parsed arguments on the calling thread.
pub(crate) fn run<A, R>(env: Env, arguments: Result<A>, call: impl FnOnce(A) -> Result<R>) -> napi::Result<R> {
    arguments
        .and_then(|arguments| catch_panic(|| call(arguments)).map_err(error::in_js_terms))
        .map_err(|e| error::to_js(env, e))
}
