//! The rule registry of `twiml-core` (`rules/registered.rs`), gathered from the
//! `declare_rule!` declarations in its source: `RULES`, and a re-export of every rule so that it
//! is `twiml::rules::CODE` wherever it is declared.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Item, Token, braced};

use crate::{Error, inner_doc};

/// What the registry needs of one declaration.
struct Declaration {
    code: Ident,
    family: Ident,
}

impl Parse for Declaration {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.call(Attribute::parse_outer)?;
        input.parse::<Token![pub]>()?;
        let code: Ident = input.parse()?;
        let fields;
        braced!(fields in input);
        let mut family = None;
        while !fields.is_empty() {
            let key: Ident = fields.parse()?;
            fields.parse::<Token![:]>()?;
            if key == "family" {
                family = Some(fields.parse::<Ident>()?);
            } else {
                fields.parse::<syn::Expr>()?;
            }
            if !fields.is_empty() {
                fields.parse::<Token![,]>()?;
            }
        }
        let family = family
            .ok_or_else(|| syn::Error::new(code.span(), format!("`{code}` names no `family`")))?;
        if !input.is_empty() {
            return Err(input.error("one rule per `declare_rule!`"));
        }
        Ok(Declaration { code, family })
    }
}

/// A declaration, with the module that declares it (`["rules", "recording"]`).
struct Found {
    module: Vec<String>,
    declaration: Declaration,
    file: PathBuf,
}

/// The registry file, from every declaration under `src` (the `twiml-core/src` folder).
pub(crate) fn file(src: &Path) -> Result<TokenStream, Error> {
    let mut found = Vec::new();
    let mut families = None;
    for path in rust_files(src)? {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error(format!("cannot read {}: {e}", path.display())))?;
        let parsed = syn::parse_file(&text).map_err(|e| located(&path, &e))?;
        let module = module_of(src, &path);
        visit(&parsed.items, &module, &path, &mut found, &mut families)?;
    }
    let families = families.ok_or_else(|| {
        Error(format!(
            "no `enum Family` under {}: the registry orders rules by family",
            src.display()
        ))
    })?;

    let mut by_code: BTreeMap<String, &Found> = BTreeMap::new();
    for f in &found {
        let code = f.declaration.code.to_string();
        if !is_code(&code) {
            return Err(Error(format!(
                "{}: `{code}` is not a rule code (capital letters, then three digits, like `REC001`)",
                f.file.display()
            )));
        }
        if let Some(other) = by_code.insert(code.clone(), f) {
            return Err(Error(format!(
                "`{code}` is declared twice: in {} and in {}",
                other.file.display(),
                f.file.display()
            )));
        }
    }
    let mut ordered: Vec<&Found> = by_code.into_values().collect();
    let mut order_error = None;
    ordered.sort_by_key(|f| {
        let family = f.declaration.family.to_string();
        let rank = families
            .iter()
            .position(|x| *x == family)
            .unwrap_or_else(|| {
                order_error.get_or_insert_with(|| {
                    Error(format!(
                        "{}: `{}` names the family `{family}`, which `enum Family` does not have",
                        f.file.display(),
                        f.declaration.code
                    ))
                });
                usize::MAX
            });
        (rank, split_code(&f.declaration.code.to_string()))
    });
    if let Some(e) = order_error {
        return Err(e);
    }

    // One `pub use` per module, in module order.
    let mut modules: BTreeMap<&[String], Vec<&Ident>> = BTreeMap::new();
    for f in &ordered {
        modules
            .entry(&f.module)
            .or_default()
            .push(&f.declaration.code);
    }
    let uses = modules.iter().map(|(module, codes)| {
        let path = module.iter().map(|m| format_ident!("{m}"));
        quote!(pub use crate #(::#path)*::{#(#codes),*};)
    });
    let all = ordered.iter().map(|f| &f.declaration.code);
    let title = inner_doc(
        "Every compliance rule declared with `declare_rule!`, re-exported here and listed in `RULES`.",
    );
    Ok(quote! {
        #title
        use super::RuleInfo;

        #(#uses)*

        /// Every rule, by family (in the order of [`Family`](super::Family)), then by code.
        pub static RULES: &[&RuleInfo] = &[#(&#all),*];
    })
}

fn located(path: &Path, e: &syn::Error) -> Error {
    let at = e.span().start();
    Error(format!(
        "{}:{}:{}: {e}",
        path.display(),
        at.line,
        at.column + 1
    ))
}

/// Collects the declarations and the `Family` variants among `items`, descending into inline
/// modules.
fn visit(
    items: &[Item],
    module: &[String],
    file: &Path,
    found: &mut Vec<Found>,
    families: &mut Option<Vec<String>>,
) -> Result<(), Error> {
    for item in items {
        match item {
            Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "declare_rule") =>
            {
                let declaration: Declaration = m.mac.parse_body().map_err(|e| located(file, &e))?;
                found.push(Found {
                    module: module.to_vec(),
                    declaration,
                    file: file.to_path_buf(),
                });
            }
            Item::Enum(e) if e.ident == "Family" => {
                *families = Some(e.variants.iter().map(|v| v.ident.to_string()).collect());
            }
            Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    let mut inner = module.to_vec();
                    inner.push(m.ident.to_string());
                    visit(items, &inner, file, found, families)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The module a file of `src` is (`rules/recording.rs` is `rules::recording`).
fn module_of(src: &Path, path: &Path) -> Vec<String> {
    let relative = path.strip_prefix(src).unwrap_or(path);
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        match last.as_str() {
            "lib.rs" | "mod.rs" => {}
            file => parts.push(file.trim_end_matches(".rs").to_string()),
        }
    }
    parts
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|e| Error(format!("cannot read {}: {e}", folder.display())))?;
        for entry in entries {
            let path = entry
                .map_err(|e| Error(format!("cannot read {}: {e}", folder.display())))?
                .path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Whether `code` is capital letters followed by three digits.
fn is_code(code: &str) -> bool {
    let letters = code.bytes().take_while(u8::is_ascii_uppercase).count();
    letters > 0 && code.len() == letters + 3 && code[letters..].bytes().all(|b| b.is_ascii_digit())
}

/// A code's prefix and number, for ordering within a family.
fn split_code(code: &str) -> (String, u32) {
    let letters = code.bytes().take_while(u8::is_ascii_uppercase).count();
    (
        code[..letters].to_string(),
        code[letters..].parse().unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_follow_the_file_layout() {
        let src = Path::new("src");
        assert_eq!(
            module_of(src, Path::new("src/lib.rs")),
            Vec::<String>::new()
        );
        assert_eq!(module_of(src, Path::new("src/gate/mod.rs")), ["gate"]);
        assert_eq!(
            module_of(src, Path::new("src/rules/recording.rs")),
            ["rules", "recording"]
        );
    }

    #[test]
    fn codes_are_letters_then_three_digits() {
        assert!(is_code("REC001"));
        assert!(is_code("QH003"));
        assert!(!is_code("rec001"));
        assert!(!is_code("REC01"));
        assert!(!is_code("001"));
        assert_eq!(split_code("TCPA004"), ("TCPA".to_string(), 4));
    }

    #[test]
    fn a_declaration_gives_its_code_and_family() {
        let d: Declaration = syn::parse_str(
            r#"
            /// ## What it does
            pub REC001 {
                name: "capture-before-notice",
                family: Recording,
                level: Deny,
                regimes: [],
                needs: [Outbound, Voicemail],
                example_policy: "",
                summary: "call recording starts before the notice",
            }
            "#,
        )
        .unwrap();
        assert_eq!(d.code, "REC001");
        assert_eq!(d.family, "Recording");
    }
}
