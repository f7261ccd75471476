//! Seeded random inputs for the property tests: a generator and JSON mutations.

/// A seeded xorshift generator: runs are repeatable.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Replacement values of every JSON type, including hostile strings.
pub const VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "1e309",
    "18446744073709551616",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "\"2020-05-06T14:30:00\"",
    "\"yesterday\"",
    "\"\\u0000\"",
    "\"<script>\"",
    "[[[[[[[]]]]]]]",
];

/// One mutation of `json`: a byte flip, a cut, a value swap, an insertion or a duplication.
pub fn mutate(rng: &mut Rng, json: &str) -> String {
    let mut bytes = json.as_bytes().to_vec();
    match rng.below(5) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] = (rng.next() & 0xff) as u8;
        }
        1 => bytes.truncate(rng.below(bytes.len() + 1)),
        2 => {
            // Swap the value after a random colon for another JSON value.
            let colons: Vec<usize> = bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b':')
                .map(|(i, _)| i)
                .collect();
            if let Some(&c) = colons.get(rng.below(colons.len())) {
                let end = bytes[c + 1..]
                    .iter()
                    .position(|b| *b == b',' || *b == b'}')
                    .map_or(bytes.len(), |p| c + 1 + p);
                let v = VALUES[rng.below(VALUES.len())].as_bytes();
                bytes.splice(c + 1..end, v.iter().copied());
            }
        }
        3 => {
            let i = rng.below(bytes.len() + 1);
            let v = VALUES[rng.below(VALUES.len())].as_bytes();
            bytes.splice(i..i, v.iter().copied());
        }
        _ => {
            let a = rng.below(bytes.len() + 1);
            let b = (a + rng.below(64)).min(bytes.len());
            let chunk = bytes[a..b].to_vec();
            bytes.splice(a..a, chunk);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}
