//! Entry point: panic hook and mount. Nothing else.

fn main() {
    console_error_panic_hook::set_once();
    newsfront::start();
}
