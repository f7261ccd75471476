//! A short-lived in-memory cache of backend answers, so going back to a page
//! already seen (or one prefetched on hover) needs no new request. Only
//! successful answers are kept; errors are always retried.

use super::ApiError;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::rc::Rc;

/// How long an answer stays fresh: long enough for back and forward, short
/// enough that new articles and counts show up soon.
pub const TTL_MS: f64 = 120_000.0;

/// Most entries kept; the oldest go first.
const MAX_ENTRIES: usize = 200;

/// When an answer was stored, and the answer.
type Entry = (f64, Rc<dyn Any>);

thread_local! {
    static ENTRIES: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
}

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// The fresh cached answer for `key`, if any.
pub fn get<T: Clone + 'static>(key: &str) -> Option<T> {
    ENTRIES.with(|e| {
        let e = e.borrow();
        let (at, value) = e.get(key)?;
        if now_ms() - at > TTL_MS {
            return None;
        }
        value.downcast_ref::<T>().cloned()
    })
}

fn put<T: 'static>(key: String, value: T) {
    ENTRIES.with(|e| {
        let mut e = e.borrow_mut();
        if e.len() >= MAX_ENTRIES {
            if let Some(oldest) = e
                .iter()
                .min_by(|a, b| a.1 .0.total_cmp(&b.1 .0))
                .map(|(k, _)| k.clone())
            {
                e.remove(&oldest);
            }
        }
        e.insert(key, (now_ms(), Rc::new(value)));
    });
}

/// Forgets `key` (after a change that makes it stale).
pub fn forget(key: &str) {
    ENTRIES.with(|e| e.borrow_mut().remove(key));
}

/// The cached answer for `key`, or `fetch`'s answer (kept when it succeeds).
///
/// # Errors
/// Whatever `fetch` returns.
pub async fn cached<T, F>(key: String, fetch: impl FnOnce() -> F) -> Result<T, ApiError>
where
    T: Clone + 'static,
    F: Future<Output = Result<T, ApiError>>,
{
    if let Some(hit) = get::<T>(&key) {
        return Ok(hit);
    }
    let answer = fetch().await;
    if let Ok(v) = &answer {
        put(key, v.clone());
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block_on<F: Future>(f: F) -> F::Output {
        // The futures here never wait on anything, so one poll finishes them.
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("pending"),
        }
    }

    #[test]
    fn second_call_is_served_from_the_cache() {
        let mut calls = 0;
        for _ in 0..3 {
            let v = block_on(cached("k1".into(), || {
                calls += 1;
                async { Ok::<_, ApiError>(7) }
            }));
            assert_eq!(v, Ok(7));
        }
        assert_eq!(calls, 1);
    }

    #[test]
    fn errors_are_not_kept() {
        let mut calls = 0;
        for _ in 0..2 {
            let v: Result<u8, _> = block_on(cached("k2".into(), || {
                calls += 1;
                async { Err(ApiError::Timeout(1)) }
            }));
            assert!(v.is_err());
        }
        assert_eq!(calls, 2);
    }

    #[test]
    fn forget_drops_an_entry() {
        let _ = block_on(cached("k3".into(), || async { Ok::<_, ApiError>(1) }));
        forget("k3");
        assert_eq!(get::<i32>("k3"), None);
    }
}
