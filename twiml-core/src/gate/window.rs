//! Calling windows in local time: whether an instant suits a window or a day ban in one time
//! zone, and the first instant at which every one of a set of them is suited.
//!
//! A constraint allows an instant when the local wall-clock time at that instant, in its zone,
//! is inside the window (or on a day without a ban). Daylight saving time needs no special
//! case: a local time that does not exist (the skipped hour in spring) is never the local time
//! of an instant, and one that exists twice (the repeated hour in autumn) is judged at each of
//! its instants.
//!
//! The first allowed instant at or after `at` is either `at` itself, or an instant at which
//! some constraint's local time reaches the start of an allowed stretch (a window's start, or
//! midnight of a day without a ban), or a transition of a zone's offset (the local time can
//! jump into a window). The search tries exactly those candidates, in order.

use jiff::civil::{DateTime, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::holidays::{Calendar, Holiday};
use super::state_rules::{Hours, Week};

/// What a constraint asks of the local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Test {
    /// Inside the window of the weekday.
    Window(Week),
    /// Not on a banned day.
    Days {
        /// Sundays are banned.
        sundays: bool,
        /// The holidays of this calendar are banned.
        holidays: Option<Calendar>,
    },
    /// Never: a standing ban (a declared state of emergency).
    Never,
}

/// Why a constraint refuses a local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Outside the day's hours, which are these (`None`: the day has none).
    OutsideHours(Option<Hours>),
    /// A Sunday.
    Sunday,
    /// A holiday.
    Holiday(&'static Holiday),
    /// A standing ban.
    Banned,
}

impl Test {
    /// Why the test refuses the local time `dt`, or `None` when it allows it.
    pub(crate) fn refusal(&self, dt: DateTime) -> Option<Refusal> {
        match self {
            Test::Window(week) => {
                let hours = week.on(weekday_index(dt.weekday()));
                let minute = dt.hour() as u16 * 60 + dt.minute() as u16;
                match hours {
                    Some(h) if h.contains(minute) => None,
                    other => Some(Refusal::OutsideHours(other)),
                }
            }
            Test::Days { sundays, holidays } => {
                if *sundays && dt.weekday() == Weekday::Sunday {
                    return Some(Refusal::Sunday);
                }
                holidays
                    .as_ref()
                    .and_then(|c| c.holiday_on(dt.date()))
                    .map(Refusal::Holiday)
            }
            Test::Never => Some(Refusal::Banned),
        }
    }

    /// The local times, on `date`, at which the test may start to allow.
    fn starts(&self, date: jiff::civil::Date) -> impl Iterator<Item = DateTime> {
        let start = match self {
            Test::Window(week) => week.on(weekday_index(date.weekday())).map(|h| h.start.0),
            Test::Days { .. } => Some(0),
            Test::Never => None,
        };
        start.into_iter().map(move |minute| {
            date.to_datetime(
                Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).unwrap_or_default(),
            )
        })
    }
}

/// Monday as 0, Sunday as 6.
pub(crate) fn weekday_index(weekday: Weekday) -> usize {
    weekday.to_monday_zero_offset() as usize
}

/// A test in one time zone.
#[derive(Debug, Clone)]
pub(crate) struct Local<'z> {
    pub(crate) zone: &'z TimeZone,
    pub(crate) test: Test,
}

impl Local<'_> {
    /// Whether the test allows the instant `t`.
    pub(crate) fn allows(&self, t: Timestamp) -> bool {
        self.test.refusal(self.zone.to_datetime(t)).is_none()
    }
}

/// The first instant at or after `at`, and before `at + horizon`, at which every constraint
/// allows a send; `None` when there is none in that span.
///
/// The candidates of a span are complete when the local dates of every zone cover it, so
/// the search looks two days ahead first (where almost every answer is), then the whole
/// horizon.
pub(crate) fn first_allowed(
    constraints: &[Local<'_>],
    at: Timestamp,
    horizon: SignedDuration,
) -> Option<Timestamp> {
    if constraints.iter().all(|c| c.allows(at)) {
        return Some(at);
    }
    let near = SignedDuration::from_hours(48).min(horizon);
    [near, horizon]
        .into_iter()
        .find_map(|span| first_allowed_within(constraints, at, span))
}

/// [`first_allowed`] over the span `(at, at + span)`.
fn first_allowed_within(
    constraints: &[Local<'_>],
    at: Timestamp,
    span: SignedDuration,
) -> Option<Timestamp> {
    let end = at.checked_add(span).ok()?;
    let mut candidates: Vec<Timestamp> = Vec::new();
    for (i, c) in constraints.iter().enumerate() {
        // Constraints in the same zone with the same test give the same candidates.
        if constraints[..i]
            .iter()
            .any(|d| d.test == c.test && std::ptr::eq(d.zone, c.zone))
        {
            continue;
        }
        let first = c.zone.to_datetime(at).date();
        let last = c.zone.to_datetime(end).date();
        let mut day = first.yesterday().unwrap_or(first);
        while day <= last {
            for local in c.test.starts(day) {
                let ambiguous = c.zone.to_ambiguous_timestamp(local);
                candidates.extend(ambiguous.earlier().ok());
                candidates.extend(ambiguous.later().ok());
            }
            match day.tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        candidates.extend(
            c.zone
                .following(at)
                .map(|t| t.timestamp())
                .take_while(|t| *t < end),
        );
    }
    candidates.retain(|t| *t > at && *t < end);
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .find(|t| constraints.iter().all(|c| c.allows(*t)))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    use super::*;

    const FEDERAL: Test = Test::Window(Week::every_day(Hours::new(8, 21)));

    fn tz(name: &str) -> TimeZone {
        jiff::tz::TimeZoneDatabase::bundled().get(name).unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn week() -> SignedDuration {
        SignedDuration::from_hours(24 * 14)
    }

    #[test]
    fn inside_and_outside_the_window() {
        let ny = tz("America/New_York");
        let c = [Local {
            zone: &ny,
            test: FEDERAL,
        }];
        // 14:00 UTC is 09:00 EST.
        assert!(c[0].allows(ts("2026-12-04T14:00:00Z")));
        // 02:30 UTC is 21:30 EST the day before.
        assert!(!c[0].allows(ts("2026-12-04T02:30:00Z")));
        assert_eq!(
            first_allowed(&c, ts("2026-12-04T02:30:00Z"), week()),
            Some(ts("2026-12-04T13:00:00Z"))
        );
        // The window's end is excluded, its start included.
        assert!(!c[0].allows(ts("2026-12-05T02:00:00Z")));
        assert!(c[0].allows(ts("2026-12-04T13:00:00Z")));
        assert!(!c[0].allows(ts("2026-12-04T12:59:59Z")));
    }

    #[test]
    fn every_zone_must_allow() {
        let ny = tz("America/New_York");
        let la = tz("America/Los_Angeles");
        let c = [
            Local {
                zone: &ny,
                test: FEDERAL,
            },
            Local {
                zone: &la,
                test: FEDERAL,
            },
        ];
        // 13:30 UTC: 08:30 in New York, 05:30 in Los Angeles: the first allowed instant is
        // 08:00 in Los Angeles, 16:00 UTC.
        assert_eq!(
            first_allowed(&c, ts("2026-12-04T13:30:00Z"), week()),
            Some(ts("2026-12-04T16:00:00Z"))
        );
    }

    #[test]
    fn spring_forward_skipped_hour() {
        // 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
        let ny = tz("America/New_York");
        // A window starting inside the skipped hour opens when the clock jumps.
        let c = [Local {
            zone: &ny,
            test: Test::Window(Week::every_day(Hours {
                start: super::super::state_rules::TimeOfDay(150),
                end: super::super::state_rules::TimeOfDay(21 * 60),
            })),
        }];
        assert_eq!(
            first_allowed(&c, ts("2026-03-08T06:30:00Z"), week()),
            Some(ts("2026-03-08T07:00:00Z")),
            "01:30 EST: 02:30 never comes, so the window opens at 03:00 EDT"
        );
        // The federal window the same morning: 08:00 EDT is 12:00 UTC, not 13:00.
        let c = [Local {
            zone: &ny,
            test: FEDERAL,
        }];
        assert_eq!(
            first_allowed(&c, ts("2026-03-08T06:30:00Z"), week()),
            Some(ts("2026-03-08T12:00:00Z"))
        );
        // The evening before: 21:30 EST on the 7th waits until 08:00 EDT on the 8th.
        assert_eq!(
            first_allowed(&c, ts("2026-03-08T02:30:00Z"), week()),
            Some(ts("2026-03-08T12:00:00Z"))
        );
    }

    #[test]
    fn fall_back_repeated_hour() {
        // 1 November 2026: 02:00 EDT goes back to 01:00 EST (06:00 UTC); 01:00 to 02:00
        // happens twice.
        let ny = tz("America/New_York");
        let c = [Local {
            zone: &ny,
            test: FEDERAL,
        }];
        for at in ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"] {
            // 01:30 EDT and 01:30 EST: both wait for 08:00 EST, 13:00 UTC.
            assert_eq!(
                first_allowed(&c, ts(at), week()),
                Some(ts("2026-11-01T13:00:00Z")),
                "{at}"
            );
        }
        // A window that starts in the repeated hour opens at its first occurrence, closes
        // when the clock goes back before its start, and opens again.
        let c = [Local {
            zone: &ny,
            test: Test::Window(Week::every_day(Hours {
                start: super::super::state_rules::TimeOfDay(90),
                end: super::super::state_rules::TimeOfDay(21 * 60),
            })),
        }];
        assert_eq!(
            first_allowed(&c, ts("2026-11-01T05:00:00Z"), week()),
            Some(ts("2026-11-01T05:30:00Z")),
            "01:30 EDT"
        );
        assert!(!c[0].allows(ts("2026-11-01T06:10:00Z")), "01:10 EST");
        assert_eq!(
            first_allowed(&c, ts("2026-11-01T06:10:00Z"), week()),
            Some(ts("2026-11-01T06:30:00Z")),
            "01:30 EST"
        );
    }

    #[test]
    fn day_bans_and_weekday_windows() {
        let chicago = tz("America/Chicago");
        let c = [
            Local {
                zone: &chicago,
                test: Test::Window(Week::every_day(Hours::new(8, 20))),
            },
            Local {
                zone: &chicago,
                test: Test::Days {
                    sundays: true,
                    holidays: Some(Calendar::FEDERAL),
                },
            },
        ];
        // Saturday 26 December 2026, 20:30 CST: Sunday is banned, Monday is not a holiday
        // (Christmas was Friday): Monday 28 December 08:00 CST, 14:00 UTC.
        assert_eq!(date(2026, 12, 26).weekday(), Weekday::Saturday);
        assert_eq!(
            first_allowed(&c, ts("2026-12-27T02:30:00Z"), week()),
            Some(ts("2026-12-28T14:00:00Z"))
        );
        // Saturday 4 July 2026 (and Friday the 3rd, observed) are banned too: Thursday 2 July
        // at 21:00 CDT waits until Monday 6 July at 08:00 CDT.
        assert_eq!(
            first_allowed(&c, ts("2026-07-03T02:00:00Z"), week()),
            Some(ts("2026-07-06T13:00:00Z"))
        );
    }

    #[test]
    fn a_standing_ban_never_allows() {
        let ny = tz("America/New_York");
        let c = [Local {
            zone: &ny,
            test: Test::Never,
        }];
        assert_eq!(first_allowed(&c, ts("2026-12-04T15:00:00Z"), week()), None);
    }
}
