//! From markup to code: checks first, with the element table's checks and the compliance
//! rules of `twiml-core` over the markup, every error at its token; then the builder calls a
//! user would write by hand, so that rustc checks each `{expr}` on its own span.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use twiml_core::diagnostic::{CheckInfo, Diagnostic, checks};
use twiml_core::rules::check_rules_decided;
use twiml_core::schema::{self, AttributeSpec, ElementSpec, EnumSpec};
use twiml_core::tree::Tag;
use twiml_core::{Severity, SpeechTimeout, check::check_document};
use twiml_schema::rust::{
    ConstructorArg, RustType, TextModel, constructor_args, module_of, variant_name,
};

use crate::document::MarkupDocument;
use crate::policy::PolicySpec;
use crate::syntax::{AttributeValue, Content, Element, Else, Invocation, Literal};

/// The code of an invocation: the finished response, or every error found.
pub(crate) fn expand(invocation: &Invocation) -> TokenStream {
    let policy = match PolicySpec::parse(&invocation.attributes) {
        Ok(policy) => policy,
        Err(e) => return failed(e.to_compile_error()),
    };
    let doc = MarkupDocument::new(&invocation.root, policy.dialect);
    let mut found: Vec<Diagnostic<Span>> = Vec::new();
    check_document(&doc, &mut found);
    check_rules_decided(&doc, &policy.policy(), &mut found);
    let mut errors = TokenStream::new();
    let mut warnings = TokenStream::new();
    for d in &found {
        if d.severity == Severity::Error || REFUSED_IN_MARKUP.iter().any(|c| d.code == **c) {
            errors.extend(compile_error(d));
        } else if d.severity == Severity::Warning {
            warnings.extend(compile_warning(d));
        }
    }
    if !errors.is_empty() {
        return failed(errors);
    }
    let mut generator = Generator { doc: &doc, next: 0 };
    let body = match generator.response(&invocation.root) {
        Ok(body) => body,
        Err(e) => return failed(e.to_compile_error()),
    };
    let policy = policy.tokens();
    let response = response_ident();
    // Every invocation builds, so every invocation has one type: what the program supplies
    // is checked there, and so is what only the finished response can show (its size).
    quote! {{
        #warnings
        #body
        ::twiml::Twiml::build_with(#response, &#policy)
    }}
}

/// Findings that a file gets as warnings but markup in Rust gets as errors: an attribute the
/// table lacks cannot be set through the builder, and a `<Say>` with nothing to say or a verb
/// after `<Hangup>` is a mistake in code, not a quirk of a file from elsewhere.
const REFUSED_IN_MARKUP: [&CheckInfo; 3] = [
    &checks::UNKNOWN_ATTRIBUTE,
    &checks::MISSING_TEXT,
    &checks::UNREACHABLE_VERB,
];

/// The local that holds the response being built, invisible to the user's expressions.
fn response_ident() -> syn::Ident {
    format_ident!("__twiml_response", span = Span::mixed_site())
}

/// A finding as a compile error at its token, with its code and help.
fn compile_error(d: &Diagnostic<Span>) -> TokenStream {
    let mut message = format!("{}: {}", d.code, d.message);
    if let Some(help) = &d.help {
        message.push_str("\n  = help: ");
        message.push_str(help);
    }
    for label in &d.labels {
        message.push_str("\n  = note: ");
        message.push_str(&label.message);
    }
    syn::Error::new(d.span, message).to_compile_error()
}

/// A finding as a compiler warning at its token. A procedural macro cannot emit warnings on
/// stable Rust; calling a function marked `#[deprecated]` makes rustc print one, with the note
/// as its text, where the call is. `#[allow(deprecated)]` silences it, `#[deny(deprecated)]` makes
/// it an error.
fn compile_warning(d: &Diagnostic<Span>) -> TokenStream {
    // The function is named after the code, so rustc's text reads
    // "use of deprecated function `REC002`: <message>".
    let mut note = d.message.to_string();
    if let Some(help) = &d.help {
        note.push_str("\n  = help: ");
        note.push_str(help);
    }
    let name = format_ident!("{}", d.code.code(), span = d.span);
    quote_spanned! {d.span=>
        {
            #[deprecated(note = #note)]
            #[allow(non_snake_case)]
            fn #name() {}
            #name();
        }
    }
}

/// The errors, and an expression of the type the invocation has, so that the code around it
/// sees no second error.
pub(crate) fn failed(errors: TokenStream) -> TokenStream {
    quote! {{
        #errors
        ::twiml::__private::placeholder::<
            ::core::result::Result<::twiml::Twiml, ::twiml::BuildError>
        >()
    }}
}

struct Generator<'d, 'm> {
    doc: &'d MarkupDocument<'m>,
    next: usize,
}

impl Generator<'_, '_> {
    /// A fresh local name, invisible to the user's expressions.
    fn local(&mut self) -> syn::Ident {
        self.next += 1;
        format_ident!("__twiml_{}", self.next, span = Span::mixed_site())
    }

    fn spec_of(&self, element: &Element) -> Option<&'static ElementSpec> {
        self.doc
            .nodes
            .iter()
            .find(|n| std::ptr::eq(n.element, element))
            .and_then(|n| match n.tag {
                Tag::Known(id) => Some(id.spec()),
                _ => None,
            })
    }

    /// `let mut __twiml_response = VoiceResponse::new();` and its content.
    fn response(&mut self, root: &Element) -> syn::Result<TokenStream> {
        let spec = schema::root_of(self.doc.dialect).spec();
        let module = format_ident!("{}", module_of(spec.dialect));
        let ty = format_ident!("{}", spec.rust_type);
        let this = self.local();
        let setters = self.setters(root, spec, &this)?;
        let content = self.content(&root.content, spec, &this)?;
        let response = response_ident();
        Ok(quote! {
            let mut #response = ::twiml::#module::#ty::new();
            {
                let #this = &mut #response;
                #setters
                #content
            }
        })
    }

    /// The optional attributes, through their setters; required ones go to the constructor.
    fn setters(
        &mut self,
        element: &Element,
        spec: &'static ElementSpec,
        this: &syn::Ident,
    ) -> syn::Result<TokenStream> {
        let mut out = TokenStream::new();
        for attribute in &element.attributes {
            let Some(a) = spec
                .attributes
                .iter()
                .find(|a| a.name == attribute.name.text)
            else {
                continue;
            };
            if a.required {
                continue;
            }
            let setter = format_ident!("{}", a.rust_name);
            out.extend(match &attribute.value {
                AttributeValue::Literal(l) => {
                    let value = literal_value(a, l)?;
                    quote!(#this.#setter(#value);)
                }
                AttributeValue::Expr(e) => quote_spanned!(e.span()=> #this.#setter(#e);),
            });
        }
        Ok(out)
    }

    /// The content of an element whose builder is `this`.
    fn content(
        &mut self,
        content: &[Content],
        spec: &'static ElementSpec,
        this: &syn::Ident,
    ) -> syn::Result<TokenStream> {
        let mut out = TokenStream::new();
        for item in content {
            out.extend(match item {
                Content::Element(child) => self.child(child, this)?,
                Content::Text(text) => {
                    if TextModel::of(spec) == TextModel::Children {
                        quote!(#this.text(#text);)
                    } else {
                        return Err(syn::Error::new(
                            text.span(),
                            format!("`<{}>` holds no text beside its elements", spec.name),
                        ));
                    }
                }
                Content::Expr(e) => {
                    quote_spanned!(e.span()=> ::twiml::__private::AppendTo::append_to(#e, &mut *#this);)
                }
                Content::If(block) => {
                    let mut branches = Vec::new();
                    let mut at = Some(block);
                    let mut otherwise = None;
                    while let Some(b) = at {
                        let condition = &b.condition;
                        let body = self.content(&b.then, spec, this)?;
                        branches.push(quote!(if #condition { #body }));
                        at = match &b.otherwise {
                            Some(Else::If(next)) => Some(next),
                            Some(Else::Block(block)) => {
                                otherwise = Some(self.content(block, spec, this)?);
                                None
                            }
                            None => None,
                        };
                    }
                    let otherwise = otherwise.map(|body| quote!(else { #body }));
                    quote!(#(#branches) else * #otherwise)
                }
                Content::For(block) => {
                    let pattern = &block.pattern;
                    let iterable = &block.iterable;
                    let body = self.content(&block.body, spec, this)?;
                    quote!(for #pattern in #iterable { #body })
                }
            });
        }
        Ok(out)
    }

    /// A child element: the parent's method that adds it, then its attributes and content.
    fn child(&mut self, element: &Element, parent: &syn::Ident) -> syn::Result<TokenStream> {
        let Some(spec) = self.spec_of(element) else {
            return Err(syn::Error::new(
                element.name.span,
                format!("unknown element `<{}>`", element.name.text),
            ));
        };
        let method = format_ident!("{}", spec.method, span = element.name.span);
        let text_model = TextModel::of(spec);
        // `<Say>"Hello"</Say>`: a leading literal goes to the constructor, like `say("Hello")`.
        let args_spec = constructor_args(spec);
        let takes_text = args_spec.iter().any(|a| matches!(a, ConstructorArg::Text));
        let (constructor_text, rest) = match (text_model, element.content.first()) {
            (TextModel::Field, _) => (field_text(element, spec)?, &element.content[..0]),
            (TextModel::Children, Some(Content::Text(t))) if takes_text => {
                (quote!(#t), &element.content[1..])
            }
            _ => (quote!(""), &element.content[..]),
        };
        let mut args = Vec::new();
        for arg in args_spec {
            args.push(match arg {
                ConstructorArg::Text => constructor_text.clone(),
                ConstructorArg::Attribute(a) => required_value(element, a)?,
            });
        }
        let this = self.local();
        let setters = self.setters(element, spec, &this)?;
        let content = self.content(rest, spec, &this)?;
        if setters.is_empty() && content.is_empty() {
            return Ok(quote!(#parent.#method(#(#args),*);));
        }
        Ok(quote! {{
            let #this = #parent.#method(#(#args),*);
            #setters
            #content
        }})
    }
}

/// The text of an element that holds text only (`<Play>`, `<Number>`): one literal, one
/// `{expr}`, or several joined.
fn field_text(element: &Element, spec: &ElementSpec) -> syn::Result<TokenStream> {
    let mut parts = Vec::new();
    for item in &element.content {
        match item {
            Content::Text(t) => parts.push(quote!(#t)),
            Content::Expr(e) => parts.push(quote_spanned!(e.span()=> #e)),
            Content::Element(_) => {
                // The element table's check reports it; nothing to generate.
                return Ok(quote!(""));
            }
            Content::If(_) | Content::For(_) => {
                return Err(syn::Error::new(
                    item.span(),
                    format!(
                        "`<{}>` holds one text: choose it before the markup and write `{{text}}`",
                        spec.name
                    ),
                ));
            }
        }
    }
    Ok(match parts.as_slice() {
        [] => quote!(""),
        [one] => one.clone(),
        many => {
            let holes = "{}".repeat(many.len());
            quote!(::std::format!(#holes, #(#many),*))
        }
    })
}

/// The value of a required attribute, for the constructor.
fn required_value(element: &Element, a: &'static AttributeSpec) -> syn::Result<TokenStream> {
    let Some(attribute) = element.attributes.iter().find(|x| x.name.text == a.name) else {
        // The element table's check reports it as an error before any code is made.
        return Err(syn::Error::new(
            element.name.span,
            format!("`<{}>` needs `{}`", element.name.text, a.name),
        ));
    };
    Ok(match &attribute.value {
        AttributeValue::Literal(l) => literal_value(a, l)?,
        AttributeValue::Expr(e) => quote_spanned!(e.span()=> #e),
    })
}

/// A literal attribute value as the typed value the builder takes.
fn literal_value(a: &AttributeSpec, l: &Literal) -> syn::Result<TokenStream> {
    let span = l.span;
    let text = l.text.as_str();
    let bad = |what: &str| syn::Error::new(span, format!("`{}`: {what}", a.name));
    Ok(match RustType::of(&a.kind) {
        RustType::String | RustType::Decimal | RustType::PostalCode => {
            quote_spanned!(span=> #text)
        }
        RustType::U32 => {
            let n: u32 = text
                .trim()
                .parse()
                .map_err(|_| bad("expected a whole number"))?;
            quote_spanned!(span=> #n)
        }
        RustType::Bool => match text.trim() {
            "true" => quote_spanned!(span=> true),
            "false" => quote_spanned!(span=> false),
            _ => return Err(bad("expected `true` or `false`")),
        },
        RustType::SpeechTimeout => match SpeechTimeout::parse(text) {
            Some(SpeechTimeout::Auto) => quote_spanned!(span=> ::twiml::SpeechTimeout::Auto),
            Some(SpeechTimeout::Seconds(n)) => {
                quote_spanned!(span=> ::twiml::SpeechTimeout::Seconds(#n))
            }
            None => return Err(bad("expected `auto` or seconds")),
        },
        RustType::Closed(e) => variant(e, text.trim(), span)?,
        RustType::Open(e) => match canonical(e, text.trim()) {
            Some(_) => variant(e, text.trim(), span)?,
            None => {
                let ty = format_ident!("{}", e.rust_name);
                quote_spanned!(span=> ::twiml::values::#ty::from(#text))
            }
        },
        RustType::ClosedList(e) => {
            let items = text
                .split_whitespace()
                .map(|item| variant(e, item, span))
                .collect::<syn::Result<Vec<_>>>()?;
            quote_spanned!(span=> [#(#items),*])
        }
        RustType::U32List => {
            let items = text
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|item| !item.is_empty())
                .map(|item| {
                    item.parse::<u32>()
                        .map_err(|_| bad("expected whole numbers"))
                })
                .collect::<syn::Result<Vec<_>>>()?;
            quote_spanned!(span=> [#(#items),*])
        }
    })
}

/// The value a spelling means in a set: itself, or what an old spelling stands for.
fn canonical(e: &EnumSpec, text: &str) -> Option<&'static str> {
    e.values.iter().find(|v| **v == text).copied().or_else(|| {
        e.legacy
            .iter()
            .find(|(old, _)| *old == text)
            .map(|(_, v)| *v)
    })
}

/// `::twiml::values::Set::Variant` for a value of a set.
fn variant(e: &EnumSpec, text: &str, span: Span) -> syn::Result<TokenStream> {
    let value = canonical(e, text).ok_or_else(|| {
        syn::Error::new(span, format!("`{text}` is not a value of {}", e.summary))
    })?;
    let name = variant_name(value)
        .ok_or_else(|| syn::Error::new(span, format!("`{value}` has no Rust name")))?;
    let ty = format_ident!("{}", e.rust_name);
    let v = format_ident!("{}", name);
    Ok(quote_spanned!(span=> ::twiml::values::#ty::#v))
}
