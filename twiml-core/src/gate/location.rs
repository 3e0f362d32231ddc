//! Where a recipient is: candidate time zones and states, from the number's area code and
//! exchange, or from what the sender knows (a ZIP code, a state, a time zone), which wins.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use jiff::tz::{TimeZone, TimeZoneDatabase};

use super::error::InputError;
use super::generated::area_codes::{AREA_CODES, STATE_ZONES, US_ZONES, ZONE_NAMES};
use super::number::PhoneNumber;
use super::state::State;
use super::zip::Zip;

/// A set of the zones the area-code table names, one bit per zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ZoneSet(pub(crate) u64);

impl ZoneSet {
    /// The zones of the set, as table zones.
    fn zones(self) -> impl Iterator<Item = Zone> {
        (0..ZONE_NAMES.len())
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(Zone::table)
    }
}

/// One area code of the generated table: the zones and the states of its exchanges, as runs
/// that start at the exchange given (`(0, ..)` first).
#[derive(Debug)]
pub(crate) struct AreaCode {
    pub(crate) code: u16,
    pub(crate) zones: &'static [(u16, ZoneSet)],
    pub(crate) states: &'static [(u16, &'static [State])],
}

/// The value of the run that holds `exchange`.
fn run_of<T: Copy>(runs: &[(u16, T)], exchange: u16) -> T {
    let i = runs.partition_point(|(start, _)| *start <= exchange);
    runs[i.saturating_sub(1)].1
}

/// The bundled IANA time-zone database: every decision reads the same data, whatever the
/// machine has installed.
fn database() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// The zones of the table, loaded once.
fn table_zones() -> &'static [TimeZone] {
    static ZONES: OnceLock<Vec<TimeZone>> = OnceLock::new();
    ZONES.get_or_init(|| {
        ZONE_NAMES
            .iter()
            .map(|name| database().get(name).unwrap_or_else(|_| TimeZone::unknown()))
            .collect()
    })
}

/// An IANA time zone (`America/New_York`), from the bundled time-zone database.
#[derive(Clone)]
pub struct Zone {
    name: Cow<'static, str>,
    tz: TimeZone,
}

impl Zone {
    /// The zone with this IANA name, in any case (`america/new_york`); an unknown name is an
    /// error naming the `time-zone` field.
    pub fn parse(name: &str) -> Result<Zone, InputError> {
        let trimmed = name.trim();
        if let Some(i) = ZONE_NAMES
            .iter()
            .position(|z| z.eq_ignore_ascii_case(trimmed))
        {
            return Ok(Zone::table(i));
        }
        match database().get(trimmed) {
            Ok(tz) if !trimmed.is_empty() => Ok(Zone {
                name: Cow::Owned(tz.iana_name().unwrap_or(trimmed).to_string()),
                tz,
            }),
            _ => Err(InputError::UnknownTimeZone {
                value: name.to_string(),
            }),
        }
    }

    /// The zone at `index` of the generated table.
    pub(crate) fn table(index: usize) -> Zone {
        Zone {
            name: Cow::Borrowed(ZONE_NAMES[index]),
            tz: table_zones()[index].clone(),
        }
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The zone's rules, for converting instants to local time.
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Zone {}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

/// What the sender knows of where the recipient lives. Each hint, when given, wins over the
/// number's area code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// The ZIP code on file.
    pub zip: Option<Zip>,
    /// The state on file.
    pub state: Option<State>,
    /// The time zone on file.
    pub time_zone: Option<Zone>,
}

impl Hints {
    /// No hints: the area code decides.
    pub fn none() -> Self {
        Self::default()
    }

    /// Whether no hint is given.
    pub fn is_empty(&self) -> bool {
        self.zip.is_none() && self.state.is_none() && self.time_zone.is_none()
    }
}

/// Where the candidate time zones came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Evidence {
    /// The time zone on file.
    TimeZone,
    /// The ZIP code on file: the zones of its state.
    Zip,
    /// The state on file: the zones of the state.
    State,
    /// The number's area code and exchange.
    AreaCode,
    /// An area code the table does not know: every zone of the US states.
    UnknownAreaCode,
    /// Nothing: a number outside the NANP, with no time zone on file.
    Nothing,
}

impl Evidence {
    /// The kebab-case name (`area-code`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Evidence::TimeZone => "time-zone",
            Evidence::Zip => "zip",
            Evidence::State => "state",
            Evidence::AreaCode => "area-code",
            Evidence::UnknownAreaCode => "unknown-area-code",
            Evidence::Nothing => "nothing",
        }
    }
}

/// Where a recipient may be: every candidate zone and state, and what they rest on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Every time zone the recipient may be in; a send must suit all of them.
    pub zones: Vec<Zone>,
    /// Every state whose residents the recipient may be: where they live (hints, else the
    /// area code), and the area code's state.
    pub states: Vec<State>,
    /// The states of the number's area code and exchange, whatever the hints say (empty
    /// outside the NANP or for an area code the table does not know).
    pub area_code_states: Vec<State>,
    /// What the zones rest on.
    pub evidence: Evidence,
}

/// The zones and states of a NANP number by its area code and exchange; `None` for an area
/// code the table does not know.
pub(crate) fn by_area_code(area: u16, exchange: u16) -> Option<(ZoneSet, &'static [State])> {
    let i = AREA_CODES.binary_search_by_key(&area, |a| a.code).ok()?;
    let a = &AREA_CODES[i];
    Some((run_of(a.zones, exchange), run_of(a.states, exchange)))
}

/// The zones of a state: every zone of an exchange in it.
fn zones_of_state(state: State) -> ZoneSet {
    STATE_ZONES
        .iter()
        .find(|(s, _)| *s == state)
        .map_or(ZoneSet::default(), |(_, z)| *z)
}

/// Where the recipient of `number` may be, given what the sender knows.
///
/// - A time zone on file is the only candidate zone; else the zones of the ZIP code's state,
///   else of the state on file, else of the area code and exchange.
/// - The states are the ZIP code's and the state on file (both, when they differ), else the
///   area code's.
/// - An area code the table does not know gives every zone of the US states.
/// - A number outside the NANP gives no zone unless a time zone is on file.
///
/// `states` never holds the area code's state when a hint names another; a caller that
/// applies a state's law by area code (Florida, Oklahoma, Connecticut) adds it from
/// `area_code_states`.
pub fn locate(number: &PhoneNumber, hints: &Hints) -> Location {
    let (area_zones, area_states, known) = match number.nanp() {
        Some((area, exchange)) => match by_area_code(area, exchange) {
            Some((zones, states)) => (Some(zones), states, true),
            None => (Some(US_ZONES), &[][..], false),
        },
        None => (None, &[][..], false),
    };

    let mut states: Vec<State> = Vec::with_capacity(2);
    if let Some(zip) = &hints.zip {
        states.extend_from_slice(zip.states());
    }
    if let Some(state) = hints.state
        && !states.contains(&state)
    {
        states.push(state);
    }
    let hinted_states = !states.is_empty();
    if !hinted_states {
        states.extend_from_slice(area_states);
    }

    let (zones, evidence) = if let Some(zone) = &hints.time_zone {
        (vec![zone.clone()], Evidence::TimeZone)
    } else if hinted_states {
        let set = states.iter().fold(0, |m, s| m | zones_of_state(*s).0);
        let evidence = if hints.zip.as_ref().is_some_and(|z| !z.states().is_empty()) {
            Evidence::Zip
        } else {
            Evidence::State
        };
        (ZoneSet(set).zones().collect(), evidence)
    } else {
        match area_zones {
            Some(set) if known => (set.zones().collect(), Evidence::AreaCode),
            Some(set) => (set.zones().collect(), Evidence::UnknownAreaCode),
            None => (Vec::new(), Evidence::Nothing),
        }
    };

    Location {
        zones,
        states,
        area_code_states: area_states.to_vec(),
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(s: &str) -> PhoneNumber {
        PhoneNumber::parse(s).unwrap()
    }

    fn names(location: &Location) -> Vec<&str> {
        location.zones.iter().map(Zone::name).collect()
    }

    #[test]
    fn every_table_zone_is_in_the_bundled_database() {
        for name in ZONE_NAMES {
            let tz = database().get(name).expect(name);
            assert_eq!(tz.iana_name(), Some(name));
        }
    }

    #[test]
    fn the_table_is_sorted_and_each_run_list_starts_at_exchange_zero() {
        assert!(AREA_CODES.windows(2).all(|w| w[0].code < w[1].code));
        for a in &AREA_CODES {
            assert_eq!(a.zones[0].0, 0, "{}", a.code);
            assert_eq!(a.states[0].0, 0, "{}", a.code);
            assert!(a.zones.iter().all(|(_, z)| z.0 != 0), "{}", a.code);
        }
    }

    #[test]
    fn an_area_code_in_one_zone() {
        let l = locate(&number("+13055550123"), &Hints::none());
        assert_eq!(names(&l), ["America/New_York"]);
        assert_eq!(l.states, [State::FL]);
        assert_eq!(l.evidence, Evidence::AreaCode);
    }

    #[test]
    fn an_exchange_split_narrows_the_area_code() {
        // 208-201 is a Mountain exchange in a Mountain and Pacific area code.
        let l = locate(&number("+12082010123"), &Hints::none());
        assert_eq!(names(&l), ["America/Denver"]);
        // 208-400 may be Mountain or Pacific.
        let l = locate(&number("+12084000123"), &Hints::none());
        assert_eq!(names(&l), ["America/Boise", "America/Los_Angeles"]);
        assert_eq!(l.states, [State::ID]);
    }

    #[test]
    fn hints_win_over_the_area_code() {
        let zone = Zone::parse("america/los_angeles").unwrap();
        let hints = Hints {
            time_zone: Some(zone),
            ..Hints::default()
        };
        let l = locate(&number("+13055550123"), &hints);
        assert_eq!(names(&l), ["America/Los_Angeles"]);
        assert_eq!(l.states, [State::FL], "no state on file: the area code's");
        assert_eq!(l.evidence, Evidence::TimeZone);

        let hints = Hints {
            state: Some(State::AZ),
            ..Hints::default()
        };
        let l = locate(&number("+13055550123"), &hints);
        assert_eq!(names(&l), ["America/Denver", "America/Phoenix"]);
        assert_eq!(l.states, [State::AZ]);
        assert_eq!(l.area_code_states, [State::FL]);

        let hints = Hints {
            zip: Some(Zip::parse("98101").unwrap()),
            ..Hints::default()
        };
        let l = locate(&number("+13055550123"), &hints);
        assert_eq!(names(&l), ["America/Los_Angeles"]);
        assert_eq!(l.states, [State::WA]);
        assert_eq!(l.evidence, Evidence::Zip);
    }

    #[test]
    fn an_unknown_area_code_means_every_us_zone() {
        // 247 is not assigned.
        let l = locate(&number("+12475550123"), &Hints::none());
        assert_eq!(l.evidence, Evidence::UnknownAreaCode);
        for zone in [
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Phoenix",
            "America/Los_Angeles",
            "America/Anchorage",
            "Pacific/Honolulu",
        ] {
            assert!(names(&l).contains(&zone), "{zone}");
        }
        assert!(!names(&l).contains(&"America/Toronto"));
        assert!(l.states.is_empty());
    }

    #[test]
    fn a_number_outside_the_nanp_has_no_zone_unless_one_is_on_file() {
        let l = locate(&number("+442079460000"), &Hints::none());
        assert!(l.zones.is_empty());
        assert_eq!(l.evidence, Evidence::Nothing);
        let hints = Hints {
            time_zone: Some(Zone::parse("Europe/London").unwrap()),
            ..Hints::default()
        };
        let l = locate(&number("+442079460000"), &hints);
        assert_eq!(names(&l), ["Europe/London"]);
    }

    #[test]
    fn territories_and_provinces() {
        let l = locate(&number("+17875550123"), &Hints::none());
        assert_eq!(l.states, [State::PR]);
        let l = locate(&number("+14165550123"), &Hints::none());
        assert_eq!(l.states, [State::ON]);
        assert_eq!(names(&l), ["America/Toronto"]);
    }

    #[test]
    fn unknown_zones_are_errors() {
        assert!(Zone::parse("America/Atlantis").is_err());
        assert!(Zone::parse("").is_err());
        assert_eq!(Zone::parse("europe/paris").unwrap().name(), "Europe/Paris");
    }
}
