//! A fixed sequence of pseudo-random numbers for the tests that compare a fast path with a
//! plain reading over many drawn inputs: the same inputs on every run.

/// Marsaglia's xorshift64 (shifts 13, 7, 17) from its seed, which must not be zero.
pub(crate) struct Xorshift(pub(crate) u64);

impl Xorshift {
    /// The next number of the sequence.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
