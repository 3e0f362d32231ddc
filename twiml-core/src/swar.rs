//! Tests of eight bytes at a time in a `u64` (SIMD within a register), for the short runs
//! that the vector unit does not reach. A test answers with a word whose bytes have their top
//! bit set where the test holds, and nothing else set.

/// One in every byte.
pub(crate) const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The top bit of every byte.
pub(crate) const HIGH: u64 = ONES * 0x80;

/// Eight bytes as a word, the first byte lowest (a slice of any other length reads as 0).
pub(crate) fn word(eight: &[u8]) -> u64 {
    u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]))
}

/// At most eight bytes as a word, the first byte lowest and zero bytes after the last (more
/// than eight read as 0). Two reads that overlap cover them: a byte read twice is the same
/// in both, so joining the reads leaves it as it is.
pub(crate) fn padded(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    match n {
        8 => word(bytes),
        4..8 => {
            let first = bytes
                .first_chunk::<4>()
                .map_or(0, |b| u32::from_le_bytes(*b));
            let last = bytes
                .last_chunk::<4>()
                .map_or(0, |b| u32::from_le_bytes(*b));
            u64::from(first) | u64::from(last) << (8 * (n - 4))
        }
        2..4 => {
            let first = bytes
                .first_chunk::<2>()
                .map_or(0, |b| u16::from_le_bytes(*b));
            let last = bytes
                .last_chunk::<2>()
                .map_or(0, |b| u16::from_le_bytes(*b));
            u64::from(first) | u64::from(last) << (8 * (n - 2))
        }
        1 => u64::from(bytes[0]),
        _ => 0,
    }
}

/// The bytes of `x` below `bound`, for a `bound` of at most 0x80. Whether any byte is, it
/// answers exactly; which ones, not always (a borrow may also mark a byte above the first
/// one that is).
pub(crate) fn below(x: u64, bound: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(bound)) & !x & HIGH
}

/// The bytes of `x` equal to `b`, as exact as [`below`].
pub(crate) fn equal(x: u64, b: u8) -> u64 {
    below(x ^ (ONES * u64::from(b)), 1)
}

/// The bytes of `x` that are ASCII digits, exactly.
pub(crate) fn digits(x: u64) -> u64 {
    // With its top bit cleared, a byte reaches 0x80 when 0x50 is added iff it is at least
    // `0`, and when 0x46 is added iff it is at least `:` (no sum carries into the next byte).
    let low = x & !HIGH;
    (low + 0x50 * ONES) & !(low + 0x46 * ONES) & !x & HIGH
}

/// The bytes of `x` that are ASCII letters or digits, exactly.
pub(crate) fn alnum(x: u64) -> u64 {
    // With its top bit cleared and `0x20` set (lower case), a letter's byte reaches 0x80 when
    // 0x1F is added (it is at least `a`) and not when 0x05 is (it is below `{`).
    let lower = (x | (0x20 * ONES)) & !HIGH;
    let letters = (lower + 0x1F * ONES) & !(lower + 0x05 * ONES) & !x & HIGH;
    letters | digits(x)
}

/// Whether `bytes` begins with `prefix`, ASCII of at most eight bytes, case aside. When eight
/// bytes are there, in one comparison: each of the prefix's letters is compared with 0x20 set
/// on both sides, and a byte with 0x20 set is that letter only if it was the letter in either
/// case. Called with a literal prefix, the word and the mask it is compared with are
/// constants.
#[inline(always)]
pub(crate) fn starts_with_ignoring_case<const N: usize>(bytes: &[u8], prefix: &[u8; N]) -> bool {
    const { assert!(N > 0 && N <= 8) };
    let Some(eight) = bytes.first_chunk::<8>() else {
        return bytes
            .get(..N)
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix));
    };
    let (mut want, mut letters) = ([0; 8], [0; 8]);
    for (i, &b) in prefix.iter().enumerate() {
        want[i] = b.to_ascii_lowercase();
        letters[i] = if b.is_ascii_alphabetic() { 0x20 } else { 0 };
    }
    let within = u64::MAX >> (8 * (8 - N));
    (u64::from_le_bytes(*eight) & within) | u64::from_le_bytes(letters) == u64::from_le_bytes(want)
}

/// The sum of the eight bytes of `lanes`, when it is below 256.
pub(crate) fn sum_lanes(lanes: u64) -> u32 {
    (lanes.wrapping_mul(ONES) >> 56) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_test_agrees_with_the_bytes_it_reads() {
        let samples: [[u8; 8]; 6] = [
            *b"plain ok",
            *b"a&b<c>\"d",
            [0, 1, 0x0D, 0x0E, 0x1F, 0x20, 0x7F, 0x80],
            [0xEF, 0xBB, 0xBF, b'x', 0xC3, 0xB1, b'9', b'0'],
            [b'/', b'0', b'5', b'9', b':', 0xB0, 0xB9, 0x39],
            [0xFF; 8],
        ];
        for bytes in samples {
            let x = word(&bytes);
            for bound in [1u8, 0x0E, 0x20, 0x30, 0x80] {
                assert_eq!(below(x, bound) != 0, bytes.iter().any(|&b| b < bound));
            }
            for b in [0u8, b'&', b'"', 0xEF, 0xFF, b'9'] {
                assert_eq!(equal(x, b) != 0, bytes.contains(&b));
            }
            for (i, &b) in bytes.iter().enumerate() {
                let marked = digits(x) >> (8 * i) & 0x80 != 0;
                assert_eq!(marked, b.is_ascii_digit(), "{b:#x}");
                let marked = alnum(x) >> (8 * i) & 0x80 != 0;
                assert_eq!(marked, b.is_ascii_alphanumeric(), "{b:#x}");
            }
            let high = bytes.iter().filter(|&&b| b >= 0x80).count() as u32;
            assert_eq!(sum_lanes((x & HIGH) >> 7), high);
            for n in 0..=8 {
                let mut zeros = [0; 8];
                zeros[..n].copy_from_slice(&bytes[..n]);
                assert_eq!(padded(&bytes[..n]), u64::from_le_bytes(zeros), "{n}");
            }
        }
        assert_eq!(padded(&[1; 9]), 0);
    }

    #[test]
    fn letters_and_digits_are_marked_exactly_beside_any_byte() {
        for b in 0..=255u8 {
            for other in [0u8, b'0', b'z', b'{', b'@', 0x80, 0xFF] {
                let bytes = [other, b, other, b, b, other, b, other];
                let x = word(&bytes);
                for (i, &c) in bytes.iter().enumerate() {
                    let marked = alnum(x) >> (8 * i) & 0x80 != 0;
                    assert_eq!(
                        marked,
                        c.is_ascii_alphanumeric(),
                        "{c:#x} beside {other:#x}"
                    );
                }
            }
        }
    }

    /// The comparison of a word with a prefix, case aside, agrees with `eq_ignore_ascii_case`
    /// on the first bytes, for every byte at every place of the prefix and at every length.
    #[test]
    fn a_prefix_is_found_case_aside_as_byte_by_byte() {
        fn check<const N: usize>(prefix: &[u8; N]) {
            for len in 0..12 {
                for at in 0..len {
                    for b in 0..=255u8 {
                        let mut bytes: Vec<u8> = prefix.iter().copied().cycle().take(len).collect();
                        bytes[at] = b;
                        let by_bytes = bytes
                            .get(..N)
                            .is_some_and(|start| start.eq_ignore_ascii_case(prefix));
                        assert_eq!(
                            starts_with_ignoring_case(&bytes, prefix),
                            by_bytes,
                            "{bytes:?} {prefix:?}"
                        );
                    }
                }
            }
        }
        check(b"https://");
        check(b"http://");
        check(b"wss:");
        check(b"a");
    }
}
