//! Holidays on which some states ban solicitation calls: the federal legal holidays, and the
//! state holidays that the state-rules table needs. Each holiday's date rule is written here
//! once and computed for any year.
//!
//! A holiday that falls on a Saturday is observed on the Friday before, and one that falls
//! on a Sunday on the Monday after (5 U.S.C. 6103(b) and Executive Order 11582, for the
//! federal holidays). A ban on holidays is read conservatively: both the date itself and the
//! day it is observed are holidays. So New Year's Day 2028, a Saturday, makes Friday
//! 31 December 2027 a holiday.

use jiff::civil::{Date, Weekday};

/// How a holiday's date is found in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateRule {
    /// A fixed month and day.
    Fixed { month: i8, day: i8 },
    /// The `nth` (1-based) weekday of a month, or the last one when `nth` is -1.
    Nth {
        month: i8,
        weekday: Weekday,
        nth: i8,
    },
}

/// A holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    /// Its name.
    pub name: &'static str,
    rule: DateRule,
    /// The first year it was a holiday.
    since: i16,
}

impl Holiday {
    /// Its date in `year`, if it was a holiday then.
    pub fn date_in(&self, year: i16) -> Option<Date> {
        if year < self.since {
            return None;
        }
        match self.rule {
            DateRule::Fixed { month, day } => Date::new(year, month, day).ok(),
            DateRule::Nth {
                month,
                weekday,
                nth,
            } => Date::new(year, month, 1)
                .ok()?
                .nth_weekday_of_month(nth, weekday)
                .ok(),
        }
    }

    /// The day it is observed in `year`: the Friday before a Saturday, the Monday after a
    /// Sunday, else the date itself.
    pub fn observed_in(&self, year: i16) -> Option<Date> {
        let date = self.date_in(year)?;
        match date.weekday() {
            Weekday::Saturday => date.yesterday().ok(),
            Weekday::Sunday => date.tomorrow().ok(),
            _ => Some(date),
        }
    }
}

const fn fixed(name: &'static str, month: i8, day: i8, since: i16) -> Holiday {
    Holiday {
        name,
        rule: DateRule::Fixed { month, day },
        since,
    }
}

const fn nth(name: &'static str, month: i8, weekday: Weekday, nth: i8) -> Holiday {
    Holiday {
        name,
        rule: DateRule::Nth {
            month,
            weekday,
            nth,
        },
        since: i16::MIN,
    }
}

/// The federal legal holidays (5 U.S.C. 6103(a)). Juneteenth is one from 2021.
pub static FEDERAL: &[Holiday] = &[
    fixed("New Year's Day", 1, 1, i16::MIN),
    nth("Birthday of Martin Luther King, Jr.", 1, Weekday::Monday, 3),
    nth("Washington's Birthday", 2, Weekday::Monday, 3),
    nth("Memorial Day", 5, Weekday::Monday, -1),
    fixed("Juneteenth National Independence Day", 6, 19, 2021),
    fixed("Independence Day", 7, 4, i16::MIN),
    nth("Labor Day", 9, Weekday::Monday, 1),
    nth("Columbus Day", 10, Weekday::Monday, 2),
    fixed("Veterans Day", 11, 11, i16::MIN),
    nth("Thanksgiving Day", 11, Weekday::Thursday, 4),
    fixed("Christmas Day", 12, 25, i16::MIN),
];

/// A calendar of holidays: the federal ones, and a state's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// Whose holidays they are (`Alabama`).
    pub name: &'static str,
    /// Where the list comes from.
    pub source: &'static str,
    /// The state's own holidays, beside the federal ones.
    pub own: &'static [Holiday],
}

impl Calendar {
    /// The federal holidays only.
    pub const FEDERAL: Calendar = Calendar {
        name: "federal",
        source: "5 U.S.C. 6103(a)",
        own: &[],
    };

    /// Alabama: the federal holidays, Confederate Memorial Day (fourth Monday of April) and
    /// Jefferson Davis's Birthday (first Monday of June). Mardi Gras, a holiday only in
    /// Baldwin and Mobile counties, is left out.
    pub const ALABAMA: Calendar = Calendar {
        name: "Alabama",
        source: "Ala. Code §1-3-8",
        own: &[
            nth("Confederate Memorial Day", 4, Weekday::Monday, 4),
            nth("Jefferson Davis's Birthday", 6, Weekday::Monday, 1),
        ],
    };

    /// Rhode Island: the federal holidays and Victory Day (second Monday of August).
    pub const RHODE_ISLAND: Calendar = Calendar {
        name: "Rhode Island",
        source: "R.I. Gen. Laws §25-1-1",
        own: &[nth("Victory Day", 8, Weekday::Monday, 2)],
    };

    /// Utah: the federal holidays and Pioneer Day (24 July).
    pub const UTAH: Calendar = Calendar {
        name: "Utah",
        source: "Utah Code §63G-1-301",
        own: &[fixed("Pioneer Day", 7, 24, i16::MIN)],
    };

    /// Every holiday of the calendar.
    pub fn holidays(&self) -> impl Iterator<Item = &'static Holiday> + '_ {
        FEDERAL.iter().chain(self.own)
    }

    /// The holiday on `date`, on the day itself or the day it is observed.
    pub fn holiday_on(&self, date: Date) -> Option<&'static Holiday> {
        let year = date.year();
        self.holidays().find(|h| {
            // A holiday of early January can be observed on the last day of the year before.
            [year, year + 1]
                .into_iter()
                .any(|y| h.date_in(y) == Some(date) || h.observed_in(y) == Some(date))
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn name_on(calendar: &Calendar, d: Date) -> Option<&'static str> {
        calendar.holiday_on(d).map(|h| h.name)
    }

    #[test]
    fn federal_dates_2026() {
        let f = &Calendar::FEDERAL;
        for (d, name) in [
            (date(2026, 1, 1), "New Year's Day"),
            (date(2026, 1, 19), "Birthday of Martin Luther King, Jr."),
            (date(2026, 2, 16), "Washington's Birthday"),
            (date(2026, 5, 25), "Memorial Day"),
            (date(2026, 6, 19), "Juneteenth National Independence Day"),
            (date(2026, 7, 4), "Independence Day"),
            // 4 July 2026 is a Saturday: observed on Friday the 3rd.
            (date(2026, 7, 3), "Independence Day"),
            (date(2026, 9, 7), "Labor Day"),
            (date(2026, 10, 12), "Columbus Day"),
            (date(2026, 11, 11), "Veterans Day"),
            (date(2026, 11, 26), "Thanksgiving Day"),
            (date(2026, 12, 25), "Christmas Day"),
        ] {
            assert_eq!(name_on(f, d), Some(name), "{d}");
        }
        assert_eq!(name_on(f, date(2026, 12, 24)), None);
        assert_eq!(name_on(f, date(2026, 7, 6)), None);
    }

    #[test]
    fn year_boundary_2027_to_2028_new_years_day_on_a_saturday() {
        // 1 January 2028 is a Saturday: observed on Friday 31 December 2027.
        let f = &Calendar::FEDERAL;
        assert_eq!(date(2028, 1, 1).weekday(), Weekday::Saturday);
        assert_eq!(name_on(f, date(2027, 12, 31)), Some("New Year's Day"));
        assert_eq!(name_on(f, date(2028, 1, 1)), Some("New Year's Day"));
        assert_eq!(name_on(f, date(2028, 1, 3)), None);
        assert_eq!(name_on(f, date(2027, 12, 30)), None);
    }

    #[test]
    fn year_boundary_2022_to_2023_new_years_day_on_a_sunday() {
        // 1 January 2023 is a Sunday: observed on Monday the 2nd; 31 December 2022 is not a
        // holiday, and Christmas 2022 (a Sunday) is observed on Monday the 26th.
        let f = &Calendar::FEDERAL;
        assert_eq!(name_on(f, date(2023, 1, 2)), Some("New Year's Day"));
        assert_eq!(name_on(f, date(2022, 12, 31)), None);
        assert_eq!(name_on(f, date(2022, 12, 26)), Some("Christmas Day"));
    }

    #[test]
    fn year_boundary_2026_to_2027_on_weekdays() {
        // 31 December 2026 is a Thursday, 1 January 2027 a Friday: only the first is not a
        // holiday.
        let f = &Calendar::FEDERAL;
        assert_eq!(name_on(f, date(2026, 12, 31)), None);
        assert_eq!(name_on(f, date(2027, 1, 1)), Some("New Year's Day"));
    }

    #[test]
    fn juneteenth_from_2021() {
        let f = &Calendar::FEDERAL;
        assert_eq!(name_on(f, date(2020, 6, 19)), None);
        assert_eq!(
            name_on(f, date(2021, 6, 18)),
            Some("Juneteenth National Independence Day"),
            "19 June 2021 was a Saturday"
        );
    }

    #[test]
    fn state_holidays() {
        assert_eq!(
            name_on(&Calendar::ALABAMA, date(2026, 4, 27)),
            Some("Confederate Memorial Day")
        );
        assert_eq!(
            name_on(&Calendar::ALABAMA, date(2026, 6, 1)),
            Some("Jefferson Davis's Birthday")
        );
        assert_eq!(
            name_on(&Calendar::RHODE_ISLAND, date(2026, 8, 10)),
            Some("Victory Day")
        );
        assert_eq!(
            name_on(&Calendar::UTAH, date(2026, 7, 24)),
            Some("Pioneer Day")
        );
        assert_eq!(name_on(&Calendar::FEDERAL, date(2026, 7, 24)), None);
        assert_eq!(
            name_on(&Calendar::UTAH, date(2026, 12, 25)),
            Some("Christmas Day")
        );
    }
}
