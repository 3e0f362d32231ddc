//! The generator of the gate's area-code table (`twiml-core/src/gate/generated/area_codes.rs`)
//! from two files of Google's libphonenumber (Apache-2.0): `resources/timezones/map_data.txt`
//! (number prefix -> IANA time zones) and `resources/geocoding/en/1.txt` (number prefix ->
//! state, province or place). It reads them at generation time only; the library uses the
//! checked-in output.
//!
//! What it derives, for each of the NANP area codes the time-zone file lists:
//! - the time zones of each exchange (the three digits after the area code): the longest
//!   prefix of the file that matches it, longer than the area code; else every zone the area
//!   code's lines name. An exchange the file does not list is somewhere in the area code: in
//!   an area code that spans zones, the area code's own line is where most of its exchanges
//!   are, not where this one is, so every zone stays a candidate;
//! - the states of each exchange: the state the geocoding file names for the exchange, when
//!   it names one, else the area code's states (its own line, else every state its exchanges
//!   name);
//! - both as runs of consecutive exchanges with the same value.
//!
//! It also derives the zones of each state (every zone of an exchange in that state) and the
//! zones of the United States (every zone of an area code in a US state or the District of
//! Columbia).
//!
//! The data stays outside the repository, in `../shared/data/libphonenumber` beside it (as in
//! CI). Without that folder the generator leaves the checked-in table as it is and says so
//! ([`crate::skipped`]); under CI the missing folder is an error.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::Error;

/// Where the generated table goes, relative to the workspace root.
pub(crate) const PATH: &str = "twiml-core/src/gate/generated/area_codes.rs";

/// The data folder, beside the workspace.
pub(crate) fn data_dir(root: &Path) -> PathBuf {
    root.join("../shared/data/libphonenumber")
}

/// The generated table (source text) and where it comes from, or `None` when the data folder
/// is not beside the workspace.
pub(crate) fn file(root: &Path) -> Result<Option<(String, String)>, Error> {
    let dir = data_dir(root);
    if !dir.is_dir() {
        return Ok(None);
    }
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| Error(format!("cannot read {}: {e}", dir.join(name).display())))
    };
    let commit = commit_of(&read("README.md")?)?;
    let source = generate(
        &read("timezones-map_data.txt")?,
        &read("geocoding-en-1.txt")?,
        &commit,
    );
    Ok(Some((
        source,
        format!("libphonenumber's data in `../shared/data/libphonenumber` (commit {commit})"),
    )))
}

/// The time zones and places of one area code, before they are written out.
struct AreaCode {
    code: u16,
    /// The zones of each exchange, as indexes into the zone list.
    zones: Vec<BTreeSet<usize>>,
    /// The states of each exchange, as postal codes.
    states: Vec<BTreeSet<&'static str>>,
}

/// The US states and the District of Columbia, by postal code.
const US: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY",
];

/// The US territories in the NANP.
const US_TERRITORIES: &[&str] = &["PR", "VI", "GU", "MP", "AS"];

/// The Canadian provinces and territories.
const CANADA: &[&str] = &[
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

/// Area codes of US territories that the geocoding file gives no place for, with the zone the
/// time-zone file gives them: NANPA's assignments (787 and 939 Puerto Rico, 670 the Northern
/// Mariana Islands, 671 Guam, 684 American Samoa). The generator checks the zones.
const TERRITORY_AREA_CODES: &[(u16, &str, &str)] = &[
    (670, "MP", "Pacific/Saipan"),
    (671, "GU", "Pacific/Guam"),
    (684, "AS", "Pacific/Pago_Pago"),
    (787, "PR", "America/Puerto_Rico"),
    (939, "PR", "America/Puerto_Rico"),
];

/// The postal codes a place name of the geocoding file stands for; empty for a place outside
/// the US and Canada, or a city without its state.
fn states_of(place: &str) -> Vec<&'static str> {
    let all = || US.iter().chain(US_TERRITORIES).chain(CANADA);
    if let Some((_, code)) = place.rsplit_once(", ") {
        return all().copied().filter(|c| *c == code).collect();
    }
    let named: &[&'static str] = match place {
        "Alabama" => &["AL"],
        "Alaska" => &["AK"],
        "Arizona" => &["AZ"],
        "Arkansas" => &["AR"],
        "California" => &["CA"],
        "Colorado" => &["CO"],
        "Connecticut" => &["CT"],
        "Delaware" => &["DE"],
        "Washington D.C." => &["DC"],
        "Florida" => &["FL"],
        "Georgia" => &["GA"],
        "Hawaii" => &["HI"],
        "Idaho" => &["ID"],
        "Illinois" => &["IL"],
        "Indiana" => &["IN"],
        "Iowa" => &["IA"],
        "Kansas" => &["KS"],
        "Kentucky" => &["KY"],
        "Louisiana" => &["LA"],
        "Maine" => &["ME"],
        "Maryland" => &["MD"],
        "Massachusetts" => &["MA"],
        "Michigan" => &["MI"],
        "Minnesota" => &["MN"],
        "Mississippi" => &["MS"],
        "Missouri" => &["MO"],
        "Montana" => &["MT"],
        "Nebraska" => &["NE"],
        "Nevada" => &["NV"],
        "New Hampshire" => &["NH"],
        "New Jersey" => &["NJ"],
        "New Mexico" => &["NM"],
        "New York" => &["NY"],
        "North Carolina" => &["NC"],
        "North Dakota" => &["ND"],
        "Ohio" => &["OH"],
        "Oklahoma" => &["OK"],
        "Oregon" => &["OR"],
        "Pennsylvania" => &["PA"],
        "Rhode Island" => &["RI"],
        "South Carolina" => &["SC"],
        "South Dakota" => &["SD"],
        "Tennessee" => &["TN"],
        "Texas" => &["TX"],
        "Utah" => &["UT"],
        "Vermont" => &["VT"],
        "Virginia" => &["VA"],
        "Washington State" => &["WA"],
        "West Virginia" => &["WV"],
        "Wisconsin" => &["WI"],
        "Wyoming" => &["WY"],
        "Alberta" => &["AB"],
        // The file spells it both ways.
        "British Columbia" | "British Colombia" => &["BC"],
        "Manitoba" => &["MB"],
        "New Brunswick" => &["NB"],
        "Newfoundland and Labrador" => &["NL"],
        "Nova Scotia/Prince Edward Island" => &["NS", "PE"],
        "Northwest Territories/Nunavut/Yukon" => &["NT", "NU", "YT"],
        "Ontario" => &["ON"],
        "Quebec" => &["QC"],
        "Saskatchewan" => &["SK"],
        _ => &[],
    };
    named.to_vec()
}

/// `prefix|value` lines of a libphonenumber resource, for country code 1, without the `1`:
/// (digits after the country code, value).
fn nanp_lines(text: &str) -> Vec<(&str, &str)> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('|'))
        .filter_map(|(prefix, value)| Some((prefix.strip_prefix('1')?, value)))
        .filter(|(digits, _)| digits.len() >= 3 && digits.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// The value of the longest prefix of `digits` (an area code and exchange, six digits) among
/// `lines` of one area code, looking only at prefixes longer than the area code.
fn longest_exchange_prefix<'a, T>(lines: &'a [(&str, T)], digits: &str) -> Option<&'a T> {
    lines
        .iter()
        .filter(|(prefix, _)| prefix.len() > 3 && digits.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, value)| value)
}

/// The generated Rust source (before formatting), from the contents of the two files and the
/// libphonenumber commit they come from.
fn generate(timezones: &str, geocoding: &str, commit: &str) -> String {
    let zone_lines = nanp_lines(timezones);
    let zone_names: BTreeSet<&str> = zone_lines
        .iter()
        .flat_map(|(_, zones)| zones.split('&'))
        .collect();
    let zone_names: Vec<&str> = zone_names.into_iter().collect();
    assert!(zone_names.len() <= 64, "a zone set is a 64-bit mask");
    let zone_index = |name: &str| zone_names.iter().position(|z| *z == name).unwrap();

    let mut by_area: BTreeMap<&str, Vec<(&str, BTreeSet<usize>)>> = BTreeMap::new();
    for (digits, zones) in &zone_lines {
        let set = zones.split('&').map(zone_index).collect();
        by_area.entry(&digits[..3]).or_default().push((digits, set));
    }
    let mut places: BTreeMap<&str, Vec<(&str, Vec<&'static str>)>> = BTreeMap::new();
    for (digits, place) in nanp_lines(geocoding) {
        places
            .entry(&digits[..3])
            .or_default()
            .push((digits, states_of(place)));
    }

    let mut area_codes = Vec::new();
    for (area, lines) in &by_area {
        let every_zone: BTreeSet<usize> = lines.iter().flat_map(|(_, z)| z.clone()).collect();
        let place_lines: Vec<(&str, Vec<&'static str>)> = places
            .get(area)
            .map(|lines| {
                lines
                    .iter()
                    .filter(|(_, s)| !s.is_empty())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let code: u16 = area.parse().unwrap();
        let own_states: BTreeSet<&'static str> =
            match place_lines.iter().find(|(p, _)| p.len() == 3) {
                Some((_, states)) => states.iter().copied().collect(),
                None => {
                    let mut states: BTreeSet<&'static str> = place_lines
                        .iter()
                        .flat_map(|(_, s)| s.iter().copied())
                        .collect();
                    if let Some((_, state, zone)) =
                        TERRITORY_AREA_CODES.iter().find(|(c, _, _)| *c == code)
                    {
                        assert!(states.is_empty() || states == BTreeSet::from([*state]));
                        assert_eq!(
                            every_zone,
                            BTreeSet::from([zone_index(zone)]),
                            "area code {code}"
                        );
                        states.insert(state);
                    }
                    states
                }
            };
        let mut zones = Vec::with_capacity(1000);
        let mut states = Vec::with_capacity(1000);
        for exchange in 0..1000 {
            let digits = format!("{area}{exchange:03}");
            let z = longest_exchange_prefix(lines, &digits).unwrap_or(&every_zone);
            zones.push(z.clone());
            let s = longest_exchange_prefix(&place_lines, &digits)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_else(|| own_states.clone());
            states.push(s);
        }
        area_codes.push(AreaCode {
            code,
            zones,
            states,
        });
    }

    let mask = |set: &BTreeSet<usize>| set.iter().fold(0u64, |m, i| m | (1 << i));
    let mut us_zones = 0u64;
    let mut state_zones: BTreeMap<&'static str, u64> = BTreeMap::new();
    for a in &area_codes {
        for (z, s) in a.zones.iter().zip(&a.states) {
            for state in s {
                *state_zones.entry(state).or_default() |= mask(z);
            }
            if !s.is_empty() && s.iter().all(|s| US.contains(s)) {
                us_zones |= mask(z);
            }
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! The area codes of the North American Numbering Plan: the time zones and the states \
         of\n//! each exchange. Derived from Google's libphonenumber, commit `{commit}`:\n//! \
         `resources/timezones/map_data.txt` and `resources/geocoding/en/1.txt`, under the Apache\n//! \
         License 2.0 (see NOTICE at the root of the repository).\n"
    );
    out.push_str("use super::super::location::{AreaCode, ZoneSet};\nuse super::super::state::State::{self, *};\n\n");
    let _ = writeln!(
        out,
        "/// The libphonenumber commit the table comes from.\npub(crate) const SOURCE_COMMIT: &str = \"{commit}\";\n"
    );
    let _ = writeln!(
        out,
        "/// The time zones the table names; a zone's index is its bit in a [`ZoneSet`].\npub(crate) static ZONE_NAMES: [&str; {}] = [",
        zone_names.len()
    );
    for z in &zone_names {
        let _ = writeln!(out, "    \"{z}\",");
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "/// The zones of the US states and the District of Columbia: where a number whose area code\n/// the table does not know may be.\npub(crate) const US_ZONES: ZoneSet = ZoneSet({us_zones:#x});\n"
    );
    let _ = writeln!(
        out,
        "/// Every area code, in order.\npub(crate) static AREA_CODES: [AreaCode; {}] = [",
        area_codes.len()
    );
    for a in &area_codes {
        let zone_runs = runs(&a.zones);
        let state_runs = runs(&a.states);
        let _ = write!(out, "    AreaCode {{ code: {}, zones: &[", a.code);
        for (start, set) in zone_runs {
            let _ = write!(out, "({start}, ZoneSet({:#x})), ", mask(set));
        }
        out.push_str("], states: &[");
        for (start, set) in state_runs {
            let list: Vec<&str> = set.iter().copied().collect();
            let _ = write!(out, "({start}, &[{}]), ", list.join(", "));
        }
        out.push_str("] },\n");
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "/// The zones of each state: every zone of an exchange in it.\npub(crate) static STATE_ZONES: [(State, ZoneSet); {}] = [",
        state_zones.len()
    );
    for (state, zones) in &state_zones {
        let _ = writeln!(out, "    ({state}, ZoneSet({zones:#x})),");
    }
    out.push_str("];\n");
    out
}

/// Runs of equal values over the exchanges 000 to 999: (first exchange, value).
fn runs<T: PartialEq>(values: &[T]) -> Vec<(usize, &T)> {
    let mut out: Vec<(usize, &T)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        if out.last().is_none_or(|(_, last)| *last != v) {
            out.push((i, v));
        }
    }
    out
}

/// The libphonenumber commit named in the data folder's README (`commit <40 hex digits>`).
fn commit_of(readme: &str) -> Result<String, Error> {
    readme
        .split_whitespace()
        .skip_while(|w| *w != "commit")
        .nth(1)
        .map(|w| w.trim_matches(|c: char| !c.is_ascii_hexdigit()).to_string())
        .filter(|w| w.len() == 40)
        .ok_or_else(|| Error("the libphonenumber data's README names no commit".to_string()))
}
