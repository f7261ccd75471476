//! The demo backend's CAPTCHA: random text drawn distorted on a canvas (with
//! noise lines and jittered, rotated letters), answers checked here, each
//! challenge single-use and valid for five minutes.

use std::cell::RefCell;
use std::collections::HashMap;

/// Letters that cannot be mistaken for one another (no 0/O, 1/I/L).
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters in one challenge.
pub const LENGTH: usize = 5;
/// How long a challenge is valid.
pub const LIFETIME_MS: i64 = 5 * 60 * 1000;
/// Image size in CSS pixels.
pub const WIDTH: u32 = 180;
/// Image size in CSS pixels.
pub const HEIGHT: u32 = 60;

thread_local! {
    /// Open challenges: id -> (answer, expiry in ms since the epoch).
    static OPEN: RefCell<HashMap<String, (String, i64)>> = RefCell::new(HashMap::new());
}

/// Whether `given` answers `expected` (case and spaces don't matter).
pub fn answers(expected: &str, given: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect::<String>()
    };
    norm(expected) == norm(given)
}

/// Registers a challenge; returns its id.
pub fn open(answer: String, now_ms: i64) -> String {
    let id = format!("demo-{now_ms}-{}", OPEN.with(|o| o.borrow().len()));
    OPEN.with(|o| {
        o.borrow_mut()
            .insert(id.clone(), (answer, now_ms + LIFETIME_MS))
    });
    id
}

/// Spends the challenge `id`; the contract's error code when the answer fails.
///
/// # Errors
/// `"captcha_expired"` for an unknown, spent or expired challenge;
/// `"captcha_invalid"` for a wrong answer.
pub fn check(id: &str, given: &str, now_ms: i64) -> Result<(), &'static str> {
    let Some((answer, expires)) = OPEN.with(|o| o.borrow_mut().remove(id)) else {
        return Err("captcha_expired");
    };
    if now_ms > expires {
        Err("captcha_expired")
    } else if answers(&answer, given) {
        Ok(())
    } else {
        Err("captcha_invalid")
    }
}

/// A random answer, from `random` in [0, 1) (Math.random in the browser).
pub fn random_answer(mut random: impl FnMut() -> f64) -> String {
    (0..LENGTH)
        .map(|_| {
            let i = ((random() * ALPHABET.len() as f64) as usize).min(ALPHABET.len() - 1);
            char::from(ALPHABET[i])
        })
        .collect()
}

/// Draws `answer` distorted and returns a PNG data: URL.
#[cfg(target_arch = "wasm32")]
pub fn draw(answer: &str) -> Option<String> {
    use std::f64::consts::PI;
    use wasm_bindgen::JsCast;
    let r = js_sys::Math::random;
    let doc = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    // Drawn at twice the size so it stays crisp on high-density screens.
    canvas.set_width(WIDTH * 2);
    canvas.set_height(HEIGHT * 2);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.scale(2.0, 2.0).ok()?;
    let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
    ctx.set_fill_style_str("#f4f1ea");
    ctx.fill_rect(0.0, 0.0, w, h);
    for _ in 0..6 {
        ctx.set_stroke_style_str(&format!("hsl({}, 35%, 55%)", (r() * 360.0) as u32));
        ctx.set_line_width(1.0 + r() * 1.5);
        ctx.begin_path();
        ctx.move_to(0.0, r() * h);
        ctx.bezier_curve_to(w * 0.3, r() * h, w * 0.7, r() * h, w, r() * h);
        ctx.stroke();
    }
    let step = (w - 20.0) / answer.len() as f64;
    for (i, ch) in answer.chars().enumerate() {
        ctx.save();
        let x = 14.0 + step * i as f64 + (r() - 0.5) * 6.0;
        let y = h / 2.0 + 10.0 + (r() - 0.5) * 14.0;
        ctx.translate(x, y).ok()?;
        ctx.rotate((r() - 0.5) * PI / 4.0).ok()?;
        ctx.transform(1.0, (r() - 0.5) * 0.4, (r() - 0.5) * 0.4, 1.0, 0.0, 0.0)
            .ok()?;
        let family = if r() < 0.5 { "serif" } else { "sans-serif" };
        ctx.set_font(&format!("bold {}px {family}", 26 + (r() * 8.0) as u32));
        ctx.set_fill_style_str(&format!("hsl({}, 60%, 25%)", (r() * 360.0) as u32));
        ctx.fill_text(&ch.to_string(), 0.0, 0.0).ok()?;
        ctx.restore();
    }
    for _ in 0..120 {
        // Opacity 0 to 0.35 in hundredths, written without float
        // formatting (which would cost the wasm 5 KB of code).
        ctx.set_fill_style_str(&format!("rgba(0,0,0,0.{:02})", (r() * 35.0) as u32));
        ctx.fill_rect(r() * w, r() * h, 1.5, 1.5);
    }
    canvas.to_data_url().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_ignore_case_and_spaces() {
        assert!(answers("K3PX9", "k3px9"));
        assert!(answers("K3PX9", " K3 PX9 "));
        assert!(!answers("K3PX9", "K3PX8"));
        assert!(!answers("K3PX9", ""));
    }

    #[test]
    fn a_challenge_is_single_use_and_expires() {
        let id = open("ABCDE".into(), 1_000);
        assert_eq!(check(&id, "WRONG", 2_000), Err("captcha_invalid"));
        assert_eq!(
            check(&id, "ABCDE", 2_000),
            Err("captcha_expired"),
            "spent by the wrong answer"
        );
        let id = open("ABCDE".into(), 1_000);
        assert_eq!(check(&id, "abcde", 2_000), Ok(()));
        let id = open("ABCDE".into(), 1_000);
        assert_eq!(
            check(&id, "ABCDE", 1_000 + LIFETIME_MS + 1),
            Err("captcha_expired")
        );
    }

    #[test]
    fn random_answers_use_the_unambiguous_alphabet() {
        let mut x = 0.0;
        let a = random_answer(|| {
            x += 0.19;
            x % 1.0
        });
        assert_eq!(a.len(), LENGTH);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(random_answer(|| 0.999_999), "99999");
    }
}
