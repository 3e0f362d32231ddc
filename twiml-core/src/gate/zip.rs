//! ZIP codes: the state a ZIP code is in, from its first three digits.
//!
//! The first three digits of a ZIP code (its sectional center or "3-digit ZIP Code prefix")
//! belong to one state; the USPS publishes the assignment (Domestic Mail Manual, Labeling List
//! L002, 3-Digit ZIP Code Prefix Matrix). This is all a ZIP code tells the gate without a
//! licensed ZIP database: the state, and so the state's time zones. A ZIP code does not pin
//! one zone inside a state that has two (Florida, Indiana, Kentucky, Tennessee, ...): every
//! zone of the state stays a candidate, and a time zone on file narrows it.

use std::fmt;

use super::error::InputError;
use super::state::State::{self, *};

/// Ranges of 3-digit prefixes and their state, in order. Prefixes of the military post
/// offices (APO, FPO, DPO: 090 to 099, 340, 962 to 966) and unassigned prefixes outside
/// these ranges have no state.
static PREFIXES: &[(u16, u16, &[State])] = &[
    (5, 5, &[NY]),
    (6, 7, &[PR]),
    (8, 8, &[VI]),
    (9, 9, &[PR]),
    (10, 27, &[MA]),
    (28, 29, &[RI]),
    (30, 38, &[NH]),
    (39, 49, &[ME]),
    (50, 54, &[VT]),
    (55, 55, &[MA]),
    (56, 59, &[VT]),
    (60, 69, &[CT]),
    (70, 89, &[NJ]),
    (100, 149, &[NY]),
    (150, 196, &[PA]),
    (197, 199, &[DE]),
    (200, 200, &[DC]),
    (201, 201, &[VA]),
    (202, 205, &[DC]),
    (206, 219, &[MD]),
    (220, 246, &[VA]),
    (247, 268, &[WV]),
    (270, 289, &[NC]),
    (290, 299, &[SC]),
    (300, 319, &[GA]),
    (320, 339, &[FL]),
    (341, 349, &[FL]),
    (350, 369, &[AL]),
    (370, 385, &[TN]),
    (386, 397, &[MS]),
    (398, 399, &[GA]),
    (400, 427, &[KY]),
    (430, 459, &[OH]),
    (460, 479, &[IN]),
    (480, 499, &[MI]),
    (500, 528, &[IA]),
    (530, 549, &[WI]),
    (550, 567, &[MN]),
    (569, 569, &[DC]),
    (570, 577, &[SD]),
    (580, 588, &[ND]),
    (590, 599, &[MT]),
    (600, 629, &[IL]),
    (630, 658, &[MO]),
    (660, 679, &[KS]),
    (680, 693, &[NE]),
    (700, 714, &[LA]),
    (716, 729, &[AR]),
    (730, 732, &[OK]),
    (733, 733, &[TX]),
    (734, 749, &[OK]),
    (750, 799, &[TX]),
    (800, 816, &[CO]),
    (820, 831, &[WY]),
    (832, 838, &[ID]),
    (840, 847, &[UT]),
    (850, 865, &[AZ]),
    (870, 884, &[NM]),
    (885, 885, &[TX]),
    (889, 898, &[NV]),
    (900, 961, &[CA]),
    (967, 968, &[HI]),
    (969, 969, &[GU, MP]),
    (970, 979, &[OR]),
    (980, 994, &[WA]),
    (995, 999, &[AK]),
];

/// American Samoa's one ZIP code, inside Hawaii's prefix 967.
const AMERICAN_SAMOA: u32 = 96799;

/// A US ZIP code (`33101`, or `33101-1234`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zip(u32);

impl Zip {
    /// Reads five digits, optionally followed by a dash and four more; an error names the
    /// `zip` field.
    pub fn parse(value: &str) -> Result<Zip, InputError> {
        let trimmed = value.trim();
        let (five, plus_four) = match trimmed.split_once('-') {
            Some((five, four)) => (five, Some(four)),
            None => (trimmed, None),
        };
        let digits = |s: &str, n| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(five, 5) || plus_four.is_some_and(|f| !digits(f, 4)) {
            return Err(InputError::InvalidZip {
                value: value.to_string(),
            });
        }
        Ok(Zip(five.parse().unwrap_or_default()))
    }

    /// The first state its prefix belongs to; `None` for a military or unassigned prefix.
    pub fn state(&self) -> Option<State> {
        self.states().first().copied()
    }

    /// Every state its prefix may belong to (prefix 969 serves Guam and the Northern Mariana
    /// Islands); empty for a military or unassigned prefix.
    pub fn states(&self) -> &'static [State] {
        if self.0 == AMERICAN_SAMOA {
            return &[AS];
        }
        let prefix = (self.0 / 100) as u16;
        PREFIXES
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&prefix))
            .map_or(&[], |(_, _, states)| states)
    }
}

impl fmt::Display for Zip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:05}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_are_ordered_and_disjoint() {
        for w in PREFIXES.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
    }

    #[test]
    fn prefixes_give_states() {
        for (zip, state) in [
            ("33101", Some(FL)),
            ("00901", Some(PR)),
            ("02903", Some(RI)),
            ("05501", Some(MA)),
            ("10001", Some(NY)),
            ("20500", Some(DC)),
            ("20166", Some(VA)),
            ("73301", Some(TX)),
            ("73102", Some(OK)),
            ("79901", Some(TX)),
            ("88510", Some(TX)),
            ("96799", Some(AS)),
            ("96813", Some(HI)),
            ("96910", Some(GU)),
            ("99501", Some(AK)),
            ("09012", None),
            ("34001", None),
            ("00100", None),
        ] {
            assert_eq!(Zip::parse(zip).unwrap().state(), state, "{zip}");
        }
        assert_eq!(Zip::parse("96950").unwrap().states(), [GU, MP]);
    }

    #[test]
    fn malformed_zips_name_the_field() {
        for bad in [
            "",
            "3310",
            "331011",
            "33101-12",
            "3310a",
            "33101-12345",
            "-1234",
        ] {
            let e = Zip::parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("`zip`: "), "{bad}");
        }
        assert_eq!(Zip::parse(" 33101-1234 ").unwrap().to_string(), "33101");
    }
}
