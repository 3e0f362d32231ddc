//! The state-rules table: when each state lets a business call or text its residents. One row
//! per state law; the gate reads nothing else about states.
//!
//! Every row carries its citation and says how sure the project is of it. The research behind
//! the table marks some facts unconfirmed (not seen in a primary or stored source): such a
//! fact gives a warning, never a block. Rows taken only from compiled state charts are
//! unconfirmed throughout. Times are the recipient's local time.

use std::fmt;

use super::holidays::Calendar;
use super::state::State;

/// The version of the table: the date of its last change.
pub const VERSION: &str = "2026-12-04";

/// How sure the project is of a fact of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// Seen in the statute or regulation, or in a source that quotes it.
    Confirmed,
    /// Reported by secondary sources only: findings are warnings.
    Unconfirmed,
}

/// Whether a row covers a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Coverage {
    /// The law covers the channel.
    Covered,
    /// Whether the law covers the channel is unconfirmed: findings are warnings.
    Unconfirmed,
    /// The law does not cover the channel.
    NotCovered,
}

/// Which sends a row governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Telephone solicitations: the gate applies the row to every non-essential send (a
    /// conservative reading: a poll or an announcement is treated as a solicitation).
    Solicitation,
    /// Every send, essential or not.
    All,
}

/// A time of day, in minutes after midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(pub u16);

impl TimeOfDay {
    /// `hour:00`.
    pub const fn hour(hour: u16) -> TimeOfDay {
        TimeOfDay(hour * 60)
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// The hours a day allows: from `start` (included) to `end` (excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hours {
    /// The first minute allowed.
    pub start: TimeOfDay,
    /// The first minute no longer allowed.
    pub end: TimeOfDay,
}

impl Hours {
    /// From `start` o'clock to `end` o'clock.
    pub const fn new(start: u16, end: u16) -> Hours {
        Hours {
            start: TimeOfDay::hour(start),
            end: TimeOfDay::hour(end),
        }
    }

    /// Whether `minute` (after midnight) is inside.
    pub fn contains(&self, minute: u16) -> bool {
        self.start.0 <= minute && minute < self.end.0
    }
}

impl fmt::Display for Hours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.start, self.end)
    }
}

/// The hours of each day of the week, Monday first; `None` for a day with no hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Week(pub [Option<Hours>; 7]);

impl Week {
    /// The same hours every day.
    pub const fn every_day(hours: Hours) -> Week {
        Week([Some(hours); 7])
    }

    /// The hours of a day, Monday being 0.
    pub fn on(&self, monday_zero: usize) -> Option<Hours> {
        self.0[monday_zero % 7]
    }

    /// Whether every day has the same hours.
    pub fn is_uniform(&self) -> bool {
        self.0.iter().all(|h| *h == self.0[0])
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_uniform() {
            return match self.0[0] {
                Some(h) => write!(f, "{h}"),
                None => f.write_str("no hours"),
            };
        }
        const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let mut first = true;
        let mut i = 0;
        while i < 7 {
            let mut j = i;
            while j + 1 < 7 && self.0[j + 1] == self.0[i] {
                j += 1;
            }
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            let days = if i == j {
                DAYS[i].to_string()
            } else {
                format!("{}-{}", DAYS[i], DAYS[j])
            };
            match self.0[i] {
                Some(h) => write!(f, "{days} {h}")?,
                None => write!(f, "{days} none")?,
            }
            i = j + 1;
        }
        Ok(())
    }
}

/// A cap on attempts: at most `count` in `hours` hours (the ledger counts them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cap {
    /// How many attempts.
    pub count: u32,
    /// In how many hours.
    pub hours: u32,
    /// Counted per subject of the calls ("on the same subject").
    pub per_subject: bool,
}

/// One state law on when businesses may call or text.
#[derive(Debug, PartialEq, Eq)]
pub struct StateRule {
    /// The states it governs.
    pub states: &'static [State],
    /// The statute or regulation, with what is uncertain about it.
    pub citation: &'static str,
    /// Which sends it governs.
    pub scope: Scope,
    /// Whether it covers calls.
    pub calls: Coverage,
    /// Whether it covers text messages.
    pub texts: Coverage,
    /// The calling window, by weekday; `None` where the law sets none.
    pub window: Option<Week>,
    /// How sure the window is.
    pub window_confidence: Confidence,
    /// No sends on Sundays.
    pub no_sundays: bool,
    /// No sends on these holidays.
    pub no_holidays: Option<Calendar>,
    /// How sure the Sunday and holiday bans are.
    pub days_confidence: Confidence,
    /// No sends while the governor has declared a state of emergency.
    pub no_sends_in_emergency: bool,
    /// A frequency cap, counted by the ledger.
    pub cap: Option<Cap>,
    /// The state presumes that a number with one of its area codes belongs to a resident, so
    /// the row applies by area code as well as by address.
    pub area_code_presumption: bool,
    /// What else a reader should know.
    pub note: &'static str,
}

impl StateRule {
    /// Whether the row covers the channel (`voice` true for calls), and how surely.
    pub fn coverage(&self, voice: bool) -> Coverage {
        if voice { self.calls } else { self.texts }
    }
}

const NO_CAP: Option<Cap> = None;
const THREE_PER_DAY: Option<Cap> = Some(Cap {
    count: 3,
    hours: 24,
    per_subject: true,
});

/// A row with only a uniform window, taken from a compiled chart: every fact unconfirmed.
const fn chart_window(states: &'static [State], citation: &'static str, hours: Hours) -> StateRule {
    StateRule {
        states,
        citation,
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week::every_day(hours)),
        window_confidence: Confidence::Unconfirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Unconfirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "from a compiled chart of state telemarketing hours; not checked against the statute",
    }
}

/// Every row, by state.
pub static STATE_RULES: &[StateRule] = &[
    StateRule {
        states: &[State::AL],
        citation: "Ala. Admin. Code r. 770-X-5-.17(1)(b)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Confirmed,
        no_sundays: true,
        no_holidays: Some(Calendar::ALABAMA),
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "the rule governs automated solicitation calls; the gate cannot tell an automated call from a manual one and applies it to every solicitation call",
    },
    StateRule {
        states: &[State::CT],
        citation: "Conn. Gen. Stat. §42-288 (as amended by Public Act 23-98)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Covered,
        window: Some(Week::every_day(Hours::new(9, 20))),
        window_confidence: Confidence::Unconfirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: true,
        note: "a Connecticut area code is presumed to be a Connecticut resident's; prior express written consent is required",
    },
    StateRule {
        states: &[State::FL],
        citation: "Fla. Stat. §501.616(6) (SB 1120, 2021); texts under the FTSA, §501.059",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Confirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: THREE_PER_DAY,
        area_code_presumption: true,
        note: "three solicitations per 24 hours on the same subject, whatever number they come from; a Florida area code is presumed to be a Florida resident's; whether §501.616 covers texts is unconfirmed",
    },
    chart_window(
        &[State::KY],
        "KRS 367.46955 (compiled chart; unconfirmed)",
        Hours::new(10, 21),
    ),
    StateRule {
        states: &[State::LA],
        citation: "La. R.S. 45:844.31 (solicitation during a declared state of emergency); the window and the Sunday and holiday ban are unconfirmed",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Covered,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Unconfirmed,
        no_sundays: true,
        no_holidays: Some(Calendar::FEDERAL),
        days_confidence: Confidence::Unconfirmed,
        no_sends_in_emergency: true,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "solicitation by voice or data communication is banned while a state of emergency is declared; Louisiana's own legal holidays are not modelled, only the federal ones",
    },
    chart_window(
        &[State::MA],
        "Massachusetts (compiled chart; statute unconfirmed)",
        Hours::new(8, 20),
    ),
    StateRule {
        states: &[State::MD],
        citation: "Md. Code, Com. Law §14-4502 (Stop the Spam Calls Act of 2023; the subsection is unconfirmed)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Covered,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Confirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: THREE_PER_DAY,
        area_code_presumption: false,
        note: "three calls or text messages per 24 hours on the same subject",
    },
    chart_window(
        &[State::MI],
        "Michigan (compiled chart; statute unconfirmed)",
        Hours::new(9, 21),
    ),
    chart_window(
        &[State::MN],
        "Minnesota (compiled chart; statute unconfirmed)",
        Hours::new(9, 21),
    ),
    StateRule {
        states: &[State::MS],
        citation: "Miss. Code §77-3-723 (the holiday ban was lifted in 2024; whether texts are covered is unconfirmed)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Confirmed,
        no_sundays: true,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "the statute says \"Central Standard Time\"; the gate reads the window in the recipient's local time",
    },
    StateRule {
        states: &[State::NJ],
        citation: "N.J.S.A. 56:8-128(d)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week::every_day(Hours::new(8, 21))),
        window_confidence: Confidence::Confirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "unsolicited sales calls; the window is the federal one",
    },
    chart_window(
        &[State::NM],
        "New Mexico (compiled chart; statute unconfirmed)",
        Hours::new(9, 21),
    ),
    chart_window(
        &[State::NV],
        "Nevada (compiled chart; statute unconfirmed)",
        Hours::new(9, 20),
    ),
    StateRule {
        states: &[State::OK],
        citation: "Okla. Stat. tit. 15 §775C.4 (Telephone Solicitation Act of 2022; the section's text is unconfirmed, see §775C.2 and §775C.5)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Covered,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Confirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: THREE_PER_DAY,
        area_code_presumption: true,
        note: "an Oklahoma area code is presumed to be an Oklahoma resident's; three sales calls per 24 hours",
    },
    StateRule {
        states: &[State::RI],
        citation: "R.I. Gen. Laws §5-61-3.4 (compiled chart; unconfirmed)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week([
            Some(Hours::new(9, 18)),
            Some(Hours::new(9, 18)),
            Some(Hours::new(9, 18)),
            Some(Hours::new(9, 18)),
            Some(Hours::new(9, 18)),
            Some(Hours::new(10, 17)),
            None,
        ])),
        window_confidence: Confidence::Unconfirmed,
        no_sundays: true,
        no_holidays: Some(Calendar::RHODE_ISLAND),
        days_confidence: Confidence::Unconfirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "from a compiled chart of state telemarketing hours; not checked against the statute",
    },
    StateRule {
        states: &[State::TX],
        citation: "Tex. Bus. & Com. Code §301.051; texts are solicitations since SB 140 (effective September 1, 2025)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Covered,
        window: Some(Week([
            Some(Hours::new(9, 21)),
            Some(Hours::new(9, 21)),
            Some(Hours::new(9, 21)),
            Some(Hours::new(9, 21)),
            Some(Hours::new(9, 21)),
            Some(Hours::new(9, 21)),
            Some(Hours::new(12, 21)),
        ])),
        window_confidence: Confidence::Confirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "informational texts (reminders, receipts, delivery updates) are outside SB 140",
    },
    StateRule {
        states: &[State::UT],
        citation: "Utah (compiled chart; statute unconfirmed)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::Unconfirmed,
        window: Some(Week::every_day(Hours::new(8, 21))),
        window_confidence: Confidence::Unconfirmed,
        no_sundays: true,
        no_holidays: Some(Calendar::UTAH),
        days_confidence: Confidence::Unconfirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "from a compiled chart of state telemarketing hours; not checked against the statute",
    },
    StateRule {
        states: &[State::WA],
        citation: "RCW 80.36.390 (the hours subsection is unconfirmed; (2) is the identification rule)",
        scope: Scope::Solicitation,
        calls: Coverage::Covered,
        texts: Coverage::NotCovered,
        window: Some(Week::every_day(Hours::new(8, 20))),
        window_confidence: Confidence::Confirmed,
        no_sundays: false,
        no_holidays: None,
        days_confidence: Confidence::Confirmed,
        no_sends_in_emergency: false,
        cap: NO_CAP,
        area_code_presumption: false,
        note: "sales calls; commercial texts need prior affirmative consent instead (RCW 19.190.060 and .070)",
    },
];

/// The rows that govern `state`.
pub fn rules_for(state: State) -> impl Iterator<Item = &'static StateRule> {
    STATE_RULES
        .iter()
        .filter(move |r| r.states.contains(&state))
}

/// Whether `state` presumes that a number with its area code belongs to a resident.
pub fn presumes_by_area_code(state: State) -> bool {
    rules_for(state).any(|r| r.area_code_presumption)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_coherent() {
        for row in STATE_RULES {
            assert!(!row.states.is_empty());
            assert!(!row.citation.is_empty(), "{:?}", row.states);
            if let Some(week) = row.window {
                for h in week.0.iter().flatten() {
                    assert!(h.start < h.end, "{:?}", row.states);
                }
            }
        }
    }

    #[test]
    fn presumptions_are_florida_oklahoma_and_connecticut() {
        let presuming: Vec<State> = State::ALL
            .iter()
            .copied()
            .filter(|s| presumes_by_area_code(*s))
            .collect();
        assert_eq!(presuming, [State::CT, State::FL, State::OK]);
    }

    #[test]
    fn week_display() {
        assert_eq!(
            STATE_RULES
                .iter()
                .find(|r| r.states == [State::TX])
                .unwrap()
                .window
                .unwrap()
                .to_string(),
            "Mon-Sat 09:00 to 21:00, Sun 12:00 to 21:00"
        );
        assert_eq!(
            Week::every_day(Hours::new(8, 20)).to_string(),
            "08:00 to 20:00"
        );
    }
}
