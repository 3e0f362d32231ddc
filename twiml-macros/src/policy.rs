//! The policy written inside an invocation, with the names the rest of the project uses:
//!
//! ```text
//! #![policy(file = "twiml.toml")]                  the policy file, from the crate's folder
//! #![policy(debt_collection, healthcare)]          regimes
//! #![context(outbound, right_party_verified)]      facts the markup cannot show
//! #![business(name = "Acme Widgets", callback = "+18005550100")]
//! #![allow(REC001, reason = "consent is captured at sign-up")]
//! #![warn(DEBT009)]  #![deny(AI002)]               levels
//! #![audio(url = "https://...", says(recording_notice, business_identity))]
//! #![dialect(messaging)]                           when the content does not say
//! ```
//!
//! The same policy is checked now, at expansion, and built again in the expanded code for the
//! build step, which checks what the program supplies when it runs. A policy file is read by
//! `Policy::from_toml`, as the command line and a program read it; the attributes add to it.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Meta, Token};
use twiml_core::rules::{Disclosure, Fact, Level, Policy, Regime, find_rule};
use twiml_core::schema::Dialect;

/// One entry of the policy, in the order written.
enum Entry {
    Regime(Regime),
    Fact(Fact),
    BusinessName(String),
    CallbackNumber(String),
    Allow { code: &'static str, reason: String },
    Level { code: &'static str, level: Level },
    Audio { url: String, says: Vec<Disclosure> },
}

/// The policy of an invocation, and its dialect when given.
#[derive(Default)]
pub(crate) struct PolicySpec {
    /// The policy file, read, and its full path (so that a change to it rebuilds the crate).
    file: Option<(Policy, String)>,
    entries: Vec<Entry>,
    pub(crate) dialect: Option<Dialect>,
}

impl PolicySpec {
    /// Reads the `#![...]` attributes; every mistake is an error at its token.
    pub(crate) fn parse(attributes: &[Attribute]) -> syn::Result<PolicySpec> {
        let mut spec = PolicySpec::default();
        let mut errors: Option<syn::Error> = None;
        for attribute in attributes {
            if let Err(e) = spec.read(attribute) {
                match &mut errors {
                    Some(all) => all.combine(e),
                    None => errors = Some(e),
                }
            }
        }
        match errors {
            Some(e) => Err(e),
            None => Ok(spec),
        }
    }

    fn read(&mut self, attribute: &Attribute) -> syn::Result<()> {
        let path = attribute.path();
        let Some(kind) = path.get_ident().map(Ident::to_string) else {
            return Err(syn::Error::new_spanned(path, UNKNOWN_ATTRIBUTE));
        };
        match kind.as_str() {
            "policy" => {
                attribute.parse_nested_meta(|meta| {
                    if meta.path.is_ident("file") {
                        let path: LitStr = meta.value()?.parse()?;
                        if self.file.is_some() {
                            return Err(syn::Error::new(path.span(), "one policy file at most"));
                        }
                        self.file = Some(read_policy_file(&path)?);
                        return Ok(());
                    }
                    let name = meta.path.get_ident().ok_or_else(|| {
                        meta.error("expected a policy or `file = \"twiml.toml\"`")
                    })?;
                    let regime = Regime::parse(&kebab(name)).ok_or_else(|| {
                        unknown(name, "policy", Regime::ALL.iter().map(|r| r.as_str()))
                    })?;
                    self.entries.push(Entry::Regime(regime));
                    Ok(())
                })?;
            }
            "context" => {
                for name in idents(attribute)? {
                    let fact = Fact::parse(&kebab(&name)).ok_or_else(|| {
                        unknown(&name, "context", Fact::ALL.iter().map(|f| f.as_str()))
                    })?;
                    self.entries.push(Entry::Fact(fact));
                }
            }
            "business" => {
                attribute.parse_nested_meta(|meta| {
                    let value: LitStr = meta.value()?.parse()?;
                    if meta.path.is_ident("name") {
                        self.entries.push(Entry::BusinessName(value.value()));
                    } else if meta.path.is_ident("callback") {
                        self.entries.push(Entry::CallbackNumber(value.value()));
                    } else {
                        return Err(meta.error("expected `name = \"...\"` or `callback = \"...\"`"));
                    }
                    Ok(())
                })?;
            }
            "allow" => {
                let mut code = None;
                let mut reason = None;
                attribute.parse_nested_meta(|meta| {
                    if meta.path.is_ident("reason") {
                        let value: LitStr = meta.value()?.parse()?;
                        if value.value().trim().is_empty() {
                            return Err(syn::Error::new(
                                value.span(),
                                "the reason may not be empty",
                            ));
                        }
                        reason = Some(value.value());
                    } else {
                        code = Some(rule_code(&meta.path)?);
                    }
                    Ok(())
                })?;
                let Some(code) = code else {
                    return Err(syn::Error::new_spanned(
                        attribute,
                        "name the rule: `#![allow(REC001, reason = \"...\")]`",
                    ));
                };
                let Some(reason) = reason else {
                    return Err(syn::Error::new_spanned(
                        attribute,
                        format!(
                            "`allow({code})` needs a reason: `#![allow({code}, reason = \"why the rule does not apply\")]`"
                        ),
                    ));
                };
                self.entries.push(Entry::Allow { code, reason });
            }
            "warn" | "deny" => {
                let level = if kind == "warn" {
                    Level::Warn
                } else {
                    Level::Deny
                };
                attribute.parse_nested_meta(|meta| {
                    let code = rule_code(&meta.path)?;
                    self.entries.push(Entry::Level { code, level });
                    Ok(())
                })?;
            }
            "audio" => {
                let mut url = None;
                let mut says = Vec::new();
                attribute.parse_nested_meta(|meta| {
                    if meta.path.is_ident("url") {
                        url = Some(meta.value()?.parse::<LitStr>()?.value());
                        Ok(())
                    } else if meta.path.is_ident("says") {
                        meta.parse_nested_meta(|item| {
                            let name = item
                                .path
                                .get_ident()
                                .ok_or_else(|| item.error("expected a disclosure"))?;
                            let disclosure = Disclosure::parse(&kebab(name)).ok_or_else(|| {
                                unknown(
                                    name,
                                    "disclosure",
                                    Disclosure::ALL.iter().map(|d| d.as_str()),
                                )
                            })?;
                            says.push(disclosure);
                            Ok(())
                        })
                    } else {
                        Err(meta.error("expected `url = \"...\"` or `says(...)`"))
                    }
                })?;
                let Some(url) = url else {
                    return Err(syn::Error::new_spanned(
                        attribute,
                        "`audio` needs `url = \"...\"`",
                    ));
                };
                self.entries.push(Entry::Audio { url, says });
            }
            "dialect" => {
                let names = idents(attribute)?;
                let [name] = names.as_slice() else {
                    return Err(syn::Error::new_spanned(
                        attribute,
                        "name one dialect: `voice`, `messaging` or `fax`",
                    ));
                };
                self.dialect = Some(match name.to_string().as_str() {
                    "voice" => Dialect::Voice,
                    "messaging" => Dialect::Messaging,
                    "fax" => Dialect::Fax,
                    _ => {
                        return Err(syn::Error::new(
                            name.span(),
                            "the dialects are `voice`, `messaging` and `fax`",
                        ));
                    }
                });
            }
            _ => return Err(syn::Error::new_spanned(path, UNKNOWN_ATTRIBUTE)),
        }
        Ok(())
    }

    /// The policy, for the checks at expansion: the file's, with the attributes added.
    pub(crate) fn policy(&self) -> Policy {
        let base = self
            .file
            .as_ref()
            .map_or_else(Policy::new, |(policy, _)| policy.clone());
        self.entries.iter().fold(base, |policy, entry| match entry {
            Entry::Regime(r) => policy.regime(*r),
            Entry::Fact(f) => policy.fact(*f),
            Entry::BusinessName(n) => policy.business_name(n.clone()),
            Entry::CallbackNumber(n) => policy.callback_number(n.clone()),
            Entry::Allow { code, reason } => policy.allow(code, reason.clone()),
            Entry::Level { code, level } => policy.level(code, *level),
            Entry::Audio { url, says } => policy.declare_audio(url.clone(), says),
        })
    }

    /// The expression that builds the same policy when the program runs, from the policy
    /// itself, so that a file and attributes come out as one list of calls.
    pub(crate) fn tokens(&self) -> TokenStream {
        let policy = self.policy();
        let variant = |debug: String| Ident::new(&debug, Span::call_site());
        let regimes = policy.regimes().iter().map(|r| {
            let v = variant(format!("{r:?}"));
            quote!(.regime(::twiml::rules::Regime::#v))
        });
        let facts = policy.facts().iter().map(|f| {
            let v = variant(format!("{f:?}"));
            quote!(.fact(::twiml::rules::Fact::#v))
        });
        let names = policy.business_names().iter();
        let numbers = policy.callback_numbers().iter();
        let levels = policy.levels().map(|(rule, level)| {
            let (code, v) = (rule.code, variant(format!("{level:?}")));
            quote!(.level(#code, ::twiml::rules::Level::#v))
        });
        let overrides = policy.overrides().iter().map(|o| {
            let (code, reason) = (&o.code, &o.reason);
            quote!(.allow(#code, #reason))
        });
        let audio = policy.declared_audio().map(|(url, says)| {
            let says = says.iter().map(|d| {
                let v = variant(format!("{d:?}"));
                quote!(::twiml::rules::Disclosure::#v)
            });
            quote!(.declare_audio(#url, &[#(#says),*]))
        });
        let policy = quote! {
            ::twiml::rules::Policy::new()
                #(#regimes)*
                #(#facts)*
                #(.business_name(#names))*
                #(.callback_number(#numbers))*
                #(#levels)*
                #(#overrides)*
                #(#audio)*
        };
        match &self.file {
            // Reading the file into the expansion makes Cargo rebuild the crate when it changes.
            Some((_, path)) => quote! {{
                const _: &[u8] = ::core::include_bytes!(#path);
                #policy
            }},
            None => policy,
        }
    }
}

/// Reads the policy file `path` names, from the folder of the crate being compiled (its
/// `CARGO_MANIFEST_DIR`); a mistake in it is an error at the path, with its line and column.
fn read_policy_file(path: &LitStr) -> syn::Result<(Policy, String)> {
    let name = path.value();
    let folder = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
        syn::Error::new(
            path.span(),
            "cannot find the crate's folder: CARGO_MANIFEST_DIR is not set",
        )
    })?;
    let full = std::path::Path::new(&folder).join(&name);
    let text = std::fs::read_to_string(&full).map_err(|e| {
        syn::Error::new(
            path.span(),
            format!("cannot read the policy file `{name}` in the crate's folder: {e}"),
        )
    })?;
    let policy = Policy::from_toml(&text).map_err(|e| {
        let message = match e.at {
            Some((line, column)) => format!("{name}:{line}:{column}: {}", e.message),
            None => format!("{name}: {}", e.message),
        };
        syn::Error::new(path.span(), message)
    })?;
    let full = full
        .to_str()
        .ok_or_else(|| syn::Error::new(path.span(), "the policy file's path is not UTF-8"))?;
    Ok((policy, full.to_string()))
}

const UNKNOWN_ATTRIBUTE: &str =
    "expected `policy`, `context`, `business`, `allow`, `warn`, `deny`, `audio` or `dialect`";

/// The identifiers of `#![name(a, b, c)]`.
fn idents(attribute: &Attribute) -> syn::Result<Vec<Ident>> {
    match &attribute.meta {
        Meta::List(list) => Ok(list
            .parse_args_with(Punctuated::<Ident, Token![,]>::parse_terminated)?
            .into_iter()
            .collect()),
        other => Err(syn::Error::new_spanned(
            other,
            "expected a list: `name(a, b)`",
        )),
    }
}

/// `debt_collection` is the regime `debt-collection`.
fn kebab(name: &Ident) -> String {
    name.to_string().replace('_', "-")
}

fn unknown<'a>(name: &Ident, what: &str, known: impl Iterator<Item = &'a str>) -> syn::Error {
    let known: Vec<String> = known
        .map(|k| format!("`{}`", k.replace('-', "_")))
        .collect();
    syn::Error::new(
        name.span(),
        format!(
            "unknown {what} `{name}`; expected one of {}",
            known.join(", ")
        ),
    )
}

/// The code of the rule a path names (`REC001` or `capture_before_notice`).
fn rule_code(path: &syn::Path) -> syn::Result<&'static str> {
    let ident = path
        .get_ident()
        .ok_or_else(|| syn::Error::new_spanned(path, "expected a rule code, such as `REC001`"))?;
    find_rule(&ident.to_string())
        .or_else(|| find_rule(&kebab(ident)))
        .map(|rule| rule.code)
        .ok_or_else(|| {
            syn::Error::new(
                ident.span(),
                format!("unknown rule `{ident}`; `twiml rules` lists every rule"),
            )
        })
}
