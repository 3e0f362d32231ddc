//! The markup of a `twiml!` invocation: inner attributes for the policy, then one element
//! written as TwiML is, with Rust literals for text and values, `{expr}` for what the program
//! supplies, and `@if` / `@for` for content chosen when it runs.
//!
//! ```text
//! invocation := ( '#' '!' '[' policy-attribute ']' )* element
//! element    := '<' name attribute* ( '/' '>' | '>' content* '<' '/' name '>' )
//! name       := word ( ( '-' | ':' ) word )*        (`Say`, `say-as`, `xml:lang`, `break`)
//! attribute  := name '=' ( literal | '{' expr '}' )
//! content    := element | string-literal | '{' expr '}'
//!             | '@' 'if' condition '{' content* '}' ( '@' 'else' ( if-block | '{' content* '}' ) )?
//!             | '@' 'for' pattern 'in' expr '{' content* '}'
//! ```

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, Lit, LitStr, Pat, Token, braced};

/// A whole invocation.
pub(crate) struct Invocation {
    /// `#![...]` attributes, in order.
    pub(crate) attributes: Vec<Attribute>,
    /// The `<Response>` element.
    pub(crate) root: Element,
}

/// An element name as written, with where it starts.
#[derive(Clone)]
pub(crate) struct Name {
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// One element.
pub(crate) struct Element {
    pub(crate) name: Name,
    pub(crate) attributes: Vec<MarkupAttribute>,
    pub(crate) content: Vec<Content>,
}

/// One attribute.
pub(crate) struct MarkupAttribute {
    pub(crate) name: Name,
    pub(crate) value: AttributeValue,
}

/// An attribute's value.
pub(crate) enum AttributeValue {
    /// A literal: string, number or boolean.
    Literal(Literal),
    /// `{expr}`: supplied when the program runs.
    Expr(Expr),
}

/// A literal value, read as the text Twilio would see.
pub(crate) struct Literal {
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// One item of an element's content.
pub(crate) enum Content {
    Element(Element),
    Text(LitStr),
    Expr(Expr),
    If(IfBlock),
    // Boxed: a pattern and an expression make it the largest item by far.
    For(Box<ForBlock>),
}

/// `@if condition { ... } @else ...`.
pub(crate) struct IfBlock {
    pub(crate) keyword: Span,
    /// `cond` or `let pattern = expr`, as the tokens of an `if` expression's condition.
    pub(crate) condition: TokenStream,
    pub(crate) then: Vec<Content>,
    pub(crate) otherwise: Option<Else>,
}

/// What follows `@else`.
pub(crate) enum Else {
    If(Box<IfBlock>),
    Block(Vec<Content>),
}

/// `@for pattern in expr { ... }`.
pub(crate) struct ForBlock {
    pub(crate) keyword: Span,
    pub(crate) pattern: Pat,
    pub(crate) iterable: Expr,
    pub(crate) body: Vec<Content>,
}

impl Parse for Invocation {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attributes = input.call(Attribute::parse_inner)?;
        if input.is_empty() {
            return Err(input.error("expected `<Response>`: the markup of the response"));
        }
        let root = input.parse()?;
        if !input.is_empty() {
            return Err(input.error("only one root element: everything goes inside `<Response>`"));
        }
        Ok(Invocation { attributes, root })
    }
}

impl Parse for Name {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        // Keywords are names here: `<break>`, `for="..."`, `loop="..."`.
        let first = Ident::parse_any(input)?;
        let span = first.span();
        let mut text = first.to_string();
        while input.peek(Token![-]) || (input.peek(Token![:]) && !input.peek(Token![::])) {
            if input.peek(Token![-]) {
                input.parse::<Token![-]>()?;
                text.push('-');
            } else {
                input.parse::<Token![:]>()?;
                text.push(':');
            }
            text.push_str(&Ident::parse_any(input)?.to_string());
        }
        Ok(Name { text, span })
    }
}

impl Parse for Element {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.parse::<Token![<]>()?;
        let name: Name = input.parse()?;
        let mut attributes = Vec::new();
        while !(input.peek(Token![>]) || input.peek(Token![/])) {
            if input.is_empty() {
                return Err(syn::Error::new(
                    name.span,
                    format!("`<{}>` is not closed: expected `>` or `/>`", name.text),
                ));
            }
            attributes.push(input.parse()?);
        }
        if input.peek(Token![/]) {
            input.parse::<Token![/]>()?;
            input.parse::<Token![>]>()?;
            return Ok(Element {
                name,
                attributes,
                content: Vec::new(),
            });
        }
        input.parse::<Token![>]>()?;
        let content = parse_content(input, Some(&name))?;
        input.parse::<Token![<]>()?;
        input.parse::<Token![/]>()?;
        let close: Name = input.parse()?;
        if close.text != name.text {
            return Err(syn::Error::new(
                close.span,
                format!("`</{}>` closes `<{}>`", close.text, name.text),
            ));
        }
        input.parse::<Token![>]>()?;
        Ok(Element {
            name,
            attributes,
            content,
        })
    }
}

impl Parse for MarkupAttribute {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let name: Name = input.parse()?;
        input.parse::<Token![=]>().map_err(|_| {
            syn::Error::new(
                name.span,
                format!("`{}` needs a value: `{}=\"...\"`", name.text, name.text),
            )
        })?;
        let value = if input.peek(syn::token::Brace) {
            let inner;
            braced!(inner in input);
            AttributeValue::Expr(inner.parse()?)
        } else {
            let lit: Lit = input.parse()?;
            let span = lit.span();
            let text = match &lit {
                Lit::Str(s) => s.value(),
                Lit::Int(i) => i.base10_digits().to_string(),
                Lit::Float(f) => f.base10_digits().to_string(),
                Lit::Bool(b) => b.value.to_string(),
                _ => {
                    return Err(syn::Error::new(
                        span,
                        "a value is a string, number or boolean literal, or `{expr}`",
                    ));
                }
            };
            AttributeValue::Literal(Literal { text, span })
        };
        Ok(MarkupAttribute { name, value })
    }
}

/// Content up to the closing tag of `parent` (or the end of a block).
fn parse_content(input: ParseStream<'_>, parent: Option<&Name>) -> syn::Result<Vec<Content>> {
    let mut content = Vec::new();
    loop {
        if input.is_empty() {
            return match parent {
                Some(name) => Err(syn::Error::new(
                    name.span,
                    format!("`<{}>` has no closing `</{}>`", name.text, name.text),
                )),
                None => Ok(content),
            };
        }
        if input.peek(Token![<]) && input.peek2(Token![/]) {
            return match parent {
                Some(_) => Ok(content),
                None => Err(input.error("a closing tag inside a block")),
            };
        }
        content.push(input.parse()?);
    }
}

impl Parse for Content {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(Token![<]) {
            return Ok(Content::Element(input.parse()?));
        }
        if input.peek(LitStr) {
            return Ok(Content::Text(input.parse()?));
        }
        if input.peek(syn::token::Brace) {
            let inner;
            braced!(inner in input);
            return Ok(Content::Expr(inner.parse()?));
        }
        if input.peek(Token![@]) {
            input.parse::<Token![@]>()?;
            if input.peek(Token![if]) {
                return Ok(Content::If(parse_if(input)?));
            }
            if input.peek(Token![for]) {
                return Ok(Content::For(Box::new(parse_for(input)?)));
            }
            return Err(input.error("expected `@if` or `@for`"));
        }
        Err(input
            .error("expected an element, a string literal for text, `{expr}`, `@if` or `@for`"))
    }
}

fn block(input: ParseStream<'_>) -> syn::Result<Vec<Content>> {
    let inner;
    braced!(inner in input);
    parse_content(&inner, None)
}

fn parse_if(input: ParseStream<'_>) -> syn::Result<IfBlock> {
    let keyword = input.parse::<Token![if]>()?.span;
    // The condition runs to the block: an expression, or `let pattern = expression`.
    let mut condition = TokenStream::new();
    while !input.peek(syn::token::Brace) {
        if input.is_empty() {
            return Err(syn::Error::new(keyword, "`@if` needs a `{ ... }` block"));
        }
        let tree: proc_macro2::TokenTree = input.parse()?;
        condition.extend(std::iter::once(tree));
    }
    let then = block(input)?;
    let otherwise = if input.peek(Token![@]) && input.peek2(Token![else]) {
        input.parse::<Token![@]>()?;
        input.parse::<Token![else]>()?;
        if input.peek(Token![if]) {
            Some(Else::If(Box::new(parse_if(input)?)))
        } else {
            Some(Else::Block(block(input)?))
        }
    } else {
        None
    };
    Ok(IfBlock {
        keyword,
        condition,
        then,
        otherwise,
    })
}

fn parse_for(input: ParseStream<'_>) -> syn::Result<ForBlock> {
    let keyword = input.parse::<Token![for]>()?.span;
    let pattern = Pat::parse_multi_with_leading_vert(input)?;
    input.parse::<Token![in]>()?;
    let iterable = Expr::parse_without_eager_brace(input)?;
    let body = block(input)?;
    Ok(ForBlock {
        keyword,
        pattern,
        iterable,
        body,
    })
}

impl Content {
    /// Where the item is, for diagnostics.
    pub(crate) fn span(&self) -> Span {
        match self {
            Content::Element(e) => e.name.span,
            Content::Text(t) => t.span(),
            Content::Expr(e) => e.span(),
            Content::If(b) => b.keyword,
            Content::For(b) => b.keyword,
        }
    }
}
