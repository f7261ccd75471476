//! A short-lived in-memory cache of backend answers, so going back to a page
//! already seen (or one prefetched on hover) needs no new request. Only
//! successful answers are kept; errors are always retried. A request already
//! under way is shared: a hover, a focus and a click on the same link make
//! one request, not three.

use super::ApiError;
use crate::clock::now_ms;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// How long an answer stays fresh: long enough for back and forward, short
/// enough that new articles and counts show up soon.
pub const TTL_MS: i64 = 120_000;

/// Most entries kept; the oldest go first.
const MAX_ENTRIES: usize = 200;

/// When an answer was stored, and the answer.
type Entry = (i64, Rc<dyn Any>);

/// An answer still on its way, and who is waiting for it.
struct InFlight<T> {
    answer: RefCell<Option<Result<T, ApiError>>>,
    waiting: RefCell<Vec<Waker>>,
}

impl<T> InFlight<T> {
    fn finish(&self, answer: Result<T, ApiError>) {
        *self.answer.borrow_mut() = Some(answer);
        for w in self.waiting.borrow_mut().drain(..) {
            w.wake();
        }
    }
}

/// Waits for another caller's request.
struct Join<T>(Rc<InFlight<T>>);

impl<T: Clone> Future for Join<T> {
    type Output = Result<T, ApiError>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match &*self.0.answer.borrow() {
            Some(a) => Poll::Ready(a.clone()),
            None => {
                self.0.waiting.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Settles the shared request even when its owner is dropped midway (the
/// reader navigated away), so no one waits forever; then forgets it.
struct Settle<T: 'static> {
    key: String,
    flight: Rc<InFlight<T>>,
}

impl<T: 'static> Drop for Settle<T> {
    fn drop(&mut self) {
        if self.flight.answer.borrow().is_none() {
            self.flight.finish(Err(ApiError::Aborted));
        }
        PENDING.with(|p| p.borrow_mut().remove(&self.key));
    }
}

thread_local! {
    static ENTRIES: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
    static PENDING: RefCell<HashMap<String, Rc<dyn Any>>> = RefCell::new(HashMap::new());
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
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                e.remove(&oldest);
            }
        }
        e.insert(key, (now_ms(), Rc::new(value)));
    });
}

/// Forgets every answer (a prerendered page, taken over, asks afresh).
pub fn clear() {
    ENTRIES.with(|e| e.borrow_mut().clear());
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
    let under_way = PENDING.with(|p| p.borrow().get(&key).cloned());
    if let Some(flight) = under_way.and_then(|f| f.downcast::<InFlight<T>>().ok()) {
        return Join(flight).await;
    }
    let flight = Rc::new(InFlight {
        answer: RefCell::new(None),
        waiting: RefCell::new(Vec::new()),
    });
    PENDING.with(|p| {
        p.borrow_mut()
            .insert(key.clone(), flight.clone() as Rc<dyn Any>)
    });
    let settle = Settle {
        key: key.clone(),
        flight: flight.clone(),
    };
    let answer = fetch().await;
    if let Ok(v) = &answer {
        put(key, v.clone());
    }
    flight.finish(answer.clone());
    drop(settle);
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
    fn a_request_under_way_is_shared() {
        use std::task::Poll;
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let gate = Rc::new(RefCell::new(false));
        let calls = Rc::new(RefCell::new(0));
        let make = || {
            let gate = gate.clone();
            let calls = calls.clone();
            cached("k4".into(), move || {
                *calls.borrow_mut() += 1;
                std::future::poll_fn(move |_| {
                    if *gate.borrow() {
                        Poll::Ready(Ok::<_, ApiError>(5))
                    } else {
                        Poll::Pending
                    }
                })
            })
        };
        let mut first = std::pin::pin!(make());
        let mut second = std::pin::pin!(make());
        assert!(first.as_mut().poll(&mut cx).is_pending());
        assert!(second.as_mut().poll(&mut cx).is_pending());
        *gate.borrow_mut() = true;
        assert_eq!(first.as_mut().poll(&mut cx), Poll::Ready(Ok(5)));
        assert_eq!(second.as_mut().poll(&mut cx), Poll::Ready(Ok(5)));
        assert_eq!(*calls.borrow(), 1, "one request for both callers");
    }

    #[test]
    fn a_dropped_request_releases_its_waiters() {
        use std::task::Poll;
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut first = Box::pin(cached("k5".into(), || {
            std::future::pending::<Result<u8, ApiError>>()
        }));
        assert!(first.as_mut().poll(&mut cx).is_pending());
        let mut second = std::pin::pin!(cached("k5".into(), || async { Ok::<u8, ApiError>(1) }));
        assert!(second.as_mut().poll(&mut cx).is_pending());
        drop(first);
        assert_eq!(
            second.as_mut().poll(&mut cx),
            Poll::Ready(Err(ApiError::Aborted))
        );
    }

    #[test]
    fn forget_drops_an_entry() {
        let _ = block_on(cached("k3".into(), || async { Ok::<_, ApiError>(1) }));
        forget("k3");
        assert_eq!(get::<i32>("k3"), None);
    }
}
