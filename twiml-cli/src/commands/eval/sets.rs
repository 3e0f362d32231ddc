//! The registry of the classifier's labelled sets: `eval/classify/sets.toml`, one row per set
//! (its name, its file, the half of it, the prefix of its ids, its name in the tuning test, and
//! its role), the one list that every reader of the sets takes.
//!
//! `twiml eval classify` reads it from its `--dir`. The tuning test of
//! `twiml-core/src/gate/classify/model.rs`, `tests/eval_sets.rs` and `twiml-cli/tests/gate.rs`
//! read the repository's with this same module (`#[path]`), so that one reader checks it
//! everywhere; `eval/split_messages.py` reads it with Python's `tomllib`. The file's comments
//! say what each field and role means, and how a round moves sets.
//!
//! A fault (an unknown role, a name used twice, a missing field, a field of the wrong type or
//! one it does not know) is an error naming the file, the row and the field, never a panic.

use std::collections::BTreeMap;
use std::path::Path;

use toml::{Table, Value};

/// Where a TOML error stands in `text`, as `:LINE:COLUMN` (columns count characters), or
/// nothing when the error has no place. Every reader of the labelled sets names its errors so.
pub(crate) fn place(text: &str, e: &toml::de::Error) -> String {
    e.span()
        .map(|s| {
            let before = &text[..s.start.min(text.len())];
            format!(
                ":{}:{}",
                before.matches('\n').count() + 1,
                before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1
            )
        })
        .unwrap_or_default()
}

/// The registry's file name, in the folder of the sets.
pub(crate) const FILE: &str = "sets.toml";

/// The fields a row may have.
const FIELDS: [&str; 6] = ["name", "file", "half", "prefix", "short", "role"];

/// What a set is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Read and tuned on: its misread messages may be named, and it may train.
    Tunes,
    /// May train; scored for figures only, its misread messages never named.
    Trains,
    /// Scored whole for figures only: never trained on, never read.
    Judges,
}

impl Role {
    /// The roles, as the registry spells them.
    pub(crate) const ALL: [Role; 3] = [Role::Tunes, Role::Trains, Role::Judges];

    /// The role as the registry spells it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Role::Tunes => "tunes",
            Role::Trains => "trains",
            Role::Judges => "judges",
        }
    }

    /// Whether the set's misread messages may be named (`--errors`, `errors=1`).
    pub(crate) fn may_be_read(self) -> bool {
        self == Role::Tunes
    }

    /// Whether a classifier may be trained on the set (`--train`, `train=`).
    pub(crate) fn may_train(self) -> bool {
        self != Role::Judges
    }
}

/// One row of the registry: a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Set {
    /// The set's name, as `--split` and `--train` spell it (`author-al`).
    pub(crate) name: String,
    /// Its file in the folder of the sets (`author-al.toml`).
    pub(crate) file: String,
    /// `a` or `b` for a half of `file`: the ids listed under that key of its halves file.
    pub(crate) half: Option<String>,
    /// For a set written apart from the pool, the prefix of its ids (`clsal`).
    pub(crate) prefix: Option<String>,
    /// Its name in the tuning test (`al`), if it is there.
    pub(crate) short: Option<String>,
    /// What the set is for.
    pub(crate) role: Role,
}

impl Set {
    /// The file that lists the ids of the halves of this set's file (`author-b-halves.toml`),
    /// for a half.
    pub(crate) fn halves_file(&self) -> Option<String> {
        self.half.as_ref().map(|_| {
            let stem = self.file.strip_suffix(".toml").unwrap_or(&self.file);
            format!("{stem}-halves.toml")
        })
    }

    /// Whether two sets share messages: the same set, or a file and a half of it.
    pub(crate) fn overlaps(&self, other: &Set) -> bool {
        self.file == other.file
            && (self.half.is_none() || other.half.is_none() || self.half == other.half)
    }
}

/// The registry: the sets, in the order of their rows.
#[derive(Debug, Clone)]
pub(crate) struct Registry {
    /// The file it was read from, as errors show it.
    pub(crate) shown: String,
    /// The sets, in the order of their rows.
    pub(crate) sets: Vec<Set>,
}

impl Registry {
    /// Reads the registry of a folder of sets (`DIR/sets.toml`).
    pub(crate) fn read(dir: &Path) -> Result<Registry, String> {
        let path = dir.join(FILE);
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!("{shown}: {e} (the registry of the labelled sets, one row per set: see eval/classify/README.md)")
        })?;
        Registry::parse(&text, &shown)
    }

    /// Parses a registry's text; `shown` names its file in errors.
    pub(crate) fn parse(text: &str, shown: &str) -> Result<Registry, String> {
        let doc: Table = toml::from_str(text)
            .map_err(|e| format!("{shown}{}: {}", place(text, &e), e.message().trim_end()))?;
        if let Some(key) = doc.keys().find(|k| *k != "set") {
            return Err(format!(
                "{shown}: unexpected key `{key}`: the registry is one array, `set`, of rows"
            ));
        }
        let rows = match doc.get("set") {
            Some(Value::Array(rows)) => rows,
            Some(_) => return Err(format!("{shown}: `set` must be an array of rows")),
            None => {
                return Err(format!(
                    "{shown}: no `set = [...]`: the registry lists no set"
                ));
            }
        };
        let mut sets: Vec<Set> = Vec::with_capacity(rows.len());
        // Where each name, short name and file (with its half) was first given.
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        let mut shorts: BTreeMap<String, usize> = BTreeMap::new();
        let mut files: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        for (i, row) in rows.iter().enumerate() {
            let n = i + 1;
            let Value::Table(row) = row else {
                return Err(format!(
                    "{shown}: row {n}: a row is a table (`{{ name = \"...\", file = \"...\", role = \"...\" }}`)"
                ));
            };
            // The row as errors name it: its number, and its name when it has one.
            let at = match row.get("name").and_then(Value::as_str) {
                Some(name) => format!("{shown}: row {n} (`{name}`)"),
                None => format!("{shown}: row {n}"),
            };
            if let Some(key) = row.keys().find(|k| !FIELDS.contains(&k.as_str())) {
                return Err(format!(
                    "{at}: unknown field `{key}` (a row has {})",
                    FIELDS.map(|f| format!("`{f}`")).join(", ")
                ));
            }
            let field = |key: &str| -> Result<Option<String>, String> {
                match row.get(key) {
                    None => Ok(None),
                    Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
                    Some(Value::String(_)) => Err(format!("{at}: `{key}` is empty")),
                    Some(other) => Err(format!(
                        "{at}: `{key}` must be a string, not {}",
                        other.type_str()
                    )),
                }
            };
            let required = |key: &str| -> Result<String, String> {
                field(key)?.ok_or_else(|| format!("{at}: `{key}` is missing"))
            };
            let name = required("name")?;
            if !name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(format!(
                    "{at}: `name` `{name}` is not lowercase letters, digits and `-`"
                ));
            }
            let file = required("file")?;
            if !file.ends_with(".toml") || file.contains(['/', '\\']) || file.starts_with('.') {
                return Err(format!(
                    "{at}: `file` `{file}` is not a `.toml` file of the registry's folder"
                ));
            }
            let role_name = required("role")?;
            let role = Role::ALL
                .into_iter()
                .find(|r| r.as_str() == role_name)
                .ok_or_else(|| {
                    format!("{at}: `role` `{role_name}` is not tunes, trains or judges")
                })?;
            let half = field("half")?;
            if let Some(half) = &half
                && half != "a"
                && half != "b"
            {
                return Err(format!("{at}: `half` `{half}` is not `a` or `b`"));
            }
            let prefix = field("prefix")?;
            let short = field("short")?.or_else(|| name.strip_prefix("author-").map(str::to_owned));
            if let Some(&first) = names.get(&name) {
                return Err(format!(
                    "{at}: `name` `{name}` is row {first}'s too: a name stands for one set"
                ));
            }
            names.insert(name.clone(), n);
            if let Some(short) = &short {
                if let Some(&first) = shorts.get(short) {
                    return Err(format!(
                        "{at}: `short` `{short}` (given or taken from the name) is row {first}'s too"
                    ));
                }
                shorts.insert(short.clone(), n);
            }
            if let Some(&first) = files.get(&(file.clone(), half.clone())) {
                return Err(format!(
                    "{at}: `file` `{file}`{} is row {first}'s too",
                    half.as_ref()
                        .map(|h| format!(" (half {h})"))
                        .unwrap_or_default()
                ));
            }
            files.insert((file.clone(), half.clone()), n);
            sets.push(Set {
                name,
                file,
                half,
                prefix,
                short,
                role,
            });
        }
        Ok(Registry {
            shown: shown.to_owned(),
            sets,
        })
    }

    /// The set of that name.
    pub(crate) fn get(&self, name: &str) -> Option<&Set> {
        self.sets.iter().find(|s| s.name == name)
    }

    /// The set of that name in the tuning test.
    pub(crate) fn by_short(&self, short: &str) -> Option<&Set> {
        self.sets.iter().find(|s| s.short.as_deref() == Some(short))
    }

    /// The set of that name, or an error that lists the names the registry knows.
    pub(crate) fn find(&self, option: &str, name: &str) -> Result<&Set, String> {
        self.get(name).ok_or_else(|| {
            format!(
                "{option}: no set `{name}` in {}; the sets: {}",
                self.shown,
                self.names_of(|_| true).join(", ")
            )
        })
    }

    /// The names of the sets that pass a test, in the order of their rows.
    pub(crate) fn names_of(&self, test: impl Fn(&Set) -> bool) -> Vec<&str> {
        self.sets
            .iter()
            .filter(|s| test(s))
            .map(|s| s.name.as_str())
            .collect()
    }

    /// The sets written apart from the pool and kept whole: those with an id prefix whose file
    /// no row halves (`author-c` and after; not `author-b`, which is halved).
    pub(crate) fn whole_sets_apart(&self) -> impl Iterator<Item = &Set> {
        self.sets.iter().filter(|s| {
            s.prefix.is_some()
                && s.half.is_none()
                && !self
                    .sets
                    .iter()
                    .any(|h| h.half.is_some() && h.file == s.file)
        })
    }
}
