//! Fuzzes the HAR reader: `har::read` on the bytes as a file, and a `Reader` stepped with a
//! budget taken from the first byte (1 to 2^16 bytes per step), which must read the same `Har`;
//! then `exercise::session`: the session, every call inspected in the page, the export.
//! Seeds: the HAR fixtures in `tests/fixtures/har/` (`cargo fuzz run har tests/fixtures/har`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use sfcc_token_inspector::inspect::har;

fuzz_target!(|data: &[u8]| {
    let whole = har::read(data);
    let budget = 1usize << (data.first().copied().unwrap_or(0) % 17);
    let Ok(mut reader) = har::Reader::new(data) else {
        assert!(whole.is_err());
        return;
    };
    let mut last = 0;
    loop {
        let progress = reader.step(data, budget);
        assert!(progress.bytes_read >= last && progress.bytes_read <= data.len());
        last = progress.bytes_read;
        if progress.done {
            break;
        }
    }
    assert_eq!(Ok(reader.finish()), whole);
    // And everything the page does with it: the session, each call inspected, the export.
    let _ = sfcc_token_inspector::inspect::exercise::session(data, budget, 1_795_342_200);
});
