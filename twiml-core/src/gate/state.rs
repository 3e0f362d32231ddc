//! The places a North American number can belong to: the states, the District of Columbia and
//! the territories of the United States, and the provinces and territories of Canada.

use std::fmt;

macro_rules! states {
    ($( $(#[$doc:meta])* $code:ident $name:literal $country:ident; )*) => {
        /// A US state, district or territory, or a Canadian province or territory, by its
        /// two-letter postal code (`FL`, `DC`, `PR`, `ON`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum State {
            $( #[doc = $name] $code, )*
        }

        impl State {
            /// Every state, in the order of their codes within each country.
            pub const ALL: &'static [State] = &[$(State::$code),*];

            /// The two-letter postal code (`FL`).
            pub const fn code(self) -> &'static str {
                match self { $(State::$code => stringify!($code),)* }
            }

            /// The name (`Florida`).
            pub const fn name(self) -> &'static str {
                match self { $(State::$code => $name,)* }
            }

            /// The country: `US` or `CA`.
            pub const fn country(self) -> Country {
                match self { $(State::$code => Country::$country,)* }
            }
        }
    };
}

/// The country of a [`State`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Country {
    /// The United States, with its district and territories.
    US,
    /// Canada.
    CA,
}

states! {
    AL "Alabama" US; AK "Alaska" US; AZ "Arizona" US; AR "Arkansas" US; CA "California" US;
    CO "Colorado" US; CT "Connecticut" US; DE "Delaware" US; DC "District of Columbia" US;
    FL "Florida" US; GA "Georgia" US; HI "Hawaii" US; ID "Idaho" US; IL "Illinois" US;
    IN "Indiana" US; IA "Iowa" US; KS "Kansas" US; KY "Kentucky" US; LA "Louisiana" US;
    ME "Maine" US; MD "Maryland" US; MA "Massachusetts" US; MI "Michigan" US;
    MN "Minnesota" US; MS "Mississippi" US; MO "Missouri" US; MT "Montana" US;
    NE "Nebraska" US; NV "Nevada" US; NH "New Hampshire" US; NJ "New Jersey" US;
    NM "New Mexico" US; NY "New York" US; NC "North Carolina" US; ND "North Dakota" US;
    OH "Ohio" US; OK "Oklahoma" US; OR "Oregon" US; PA "Pennsylvania" US;
    RI "Rhode Island" US; SC "South Carolina" US; SD "South Dakota" US; TN "Tennessee" US;
    TX "Texas" US; UT "Utah" US; VT "Vermont" US; VA "Virginia" US; WA "Washington" US;
    WV "West Virginia" US; WI "Wisconsin" US; WY "Wyoming" US;
    PR "Puerto Rico" US; VI "U.S. Virgin Islands" US; GU "Guam" US;
    MP "Northern Mariana Islands" US; AS "American Samoa" US;
    AB "Alberta" CA; BC "British Columbia" CA; MB "Manitoba" CA; NB "New Brunswick" CA;
    NL "Newfoundland and Labrador" CA; NS "Nova Scotia" CA; NT "Northwest Territories" CA;
    NU "Nunavut" CA; ON "Ontario" CA; PE "Prince Edward Island" CA; QC "Quebec" CA;
    SK "Saskatchewan" CA; YT "Yukon" CA;
}

impl State {
    /// The state with this two-letter postal code, in any case (`fl`, `FL`).
    pub fn parse(code: &str) -> Option<State> {
        let code = code.trim();
        State::ALL
            .iter()
            .copied()
            .find(|s| s.code().eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for State {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        for (i, s) in State::ALL.iter().enumerate() {
            assert_eq!(State::parse(s.code()), Some(*s));
            assert_eq!(State::parse(&s.code().to_lowercase()), Some(*s));
            assert!(
                State::ALL[i + 1..].iter().all(|t| t.code() != s.code()),
                "{s}"
            );
        }
        assert_eq!(State::ALL.len(), 51 + 5 + 13);
        assert_eq!(State::parse("XX"), None);
    }
}
