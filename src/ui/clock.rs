//! The one place the UI reads the clock: the app's clock ticks every second and is handed to
//! every component through one context.

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::inspect::UnixTime;

/// Seconds since the epoch, now.
pub fn now() -> UnixTime {
    (js_sys::Date::now() / 1000.0).floor() as UnixTime
}

/// The app's clock, as a context: seconds since the epoch.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Now(pub UnixTime);

/// The one timer of the page: the current time in seconds, re-rendering the app every second.
/// Only the app calls it; components read the context with [`use_now`].
#[hook]
pub fn use_clock() -> UnixTime {
    let tick = use_state(now);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(1000, move || tick.set(now()));
            move || drop(interval)
        });
    }
    *tick
}

/// The current time in seconds, from the app's clock (or read once, outside the app).
#[hook]
pub fn use_now() -> UnixTime {
    use_context::<Now>().map_or_else(now, |n| n.0)
}
