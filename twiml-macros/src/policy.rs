//! The policy written inside an invocation, with the names the rest of the project uses:
//!
//! ```text
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
//! build step, which checks what the program supplies when it runs.

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
                for name in idents(attribute)? {
                    let regime = Regime::parse(&kebab(&name)).ok_or_else(|| {
                        unknown(&name, "policy", Regime::ALL.iter().map(|r| r.as_str()))
                    })?;
                    self.entries.push(Entry::Regime(regime));
                }
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

    /// The policy, for the checks at expansion.
    pub(crate) fn policy(&self) -> Policy {
        self.entries
            .iter()
            .fold(Policy::new(), |policy, entry| match entry {
                Entry::Regime(r) => policy.regime(*r),
                Entry::Fact(f) => policy.fact(*f),
                Entry::BusinessName(n) => policy.business_name(n.clone()),
                Entry::CallbackNumber(n) => policy.callback_number(n.clone()),
                Entry::Allow { code, reason } => policy.allow(code, reason.clone()),
                Entry::Level { code, level } => policy.level(code, *level),
                Entry::Audio { url, says } => policy.declare_audio(url.clone(), says),
            })
    }

    /// The expression that builds the same policy when the program runs.
    pub(crate) fn tokens(&self) -> TokenStream {
        let calls = self.entries.iter().map(|entry| match entry {
            Entry::Regime(r) => {
                let v = Ident::new(&format!("{r:?}"), Span::call_site());
                quote!(.regime(::twiml::rules::Regime::#v))
            }
            Entry::Fact(f) => {
                let v = Ident::new(&format!("{f:?}"), Span::call_site());
                quote!(.fact(::twiml::rules::Fact::#v))
            }
            Entry::BusinessName(n) => quote!(.business_name(#n)),
            Entry::CallbackNumber(n) => quote!(.callback_number(#n)),
            Entry::Allow { code, reason } => quote!(.allow(#code, #reason)),
            Entry::Level { code, level } => {
                let v = Ident::new(&format!("{level:?}"), Span::call_site());
                quote!(.level(#code, ::twiml::rules::Level::#v))
            }
            Entry::Audio { url, says } => {
                let says = says.iter().map(|d| {
                    let v = Ident::new(&format!("{d:?}"), Span::call_site());
                    quote!(::twiml::rules::Disclosure::#v)
                });
                quote!(.declare_audio(#url, &[#(#says),*]))
            }
        });
        quote!(::twiml::rules::Policy::new() #(#calls)*)
    }
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
