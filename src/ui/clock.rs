//! The one place the UI reads the clock: a hook that ticks every second.

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::inspect::UnixTime;

/// Seconds since the epoch, now.
pub fn now() -> UnixTime {
    (js_sys::Date::now() / 1000.0).floor() as UnixTime
}

/// The current time in seconds, re-rendering the calling component every second.
#[hook]
pub fn use_now() -> UnixTime {
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
