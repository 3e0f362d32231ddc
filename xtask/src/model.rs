//! The typed model of `twiml-core`, generated from the element table: one struct per element
//! with a typed field per attribute, a child enum per content model, builder methods, reading
//! from a parsed document, rendering, and the node view the checks read.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use twiml_schema::rust::{
    ConstructorArg, RustType, TextModel, constructor_args, module_of, text_in_constructor,
    text_param_name, variant_name,
};
use twiml_schema::{
    AttributeSpec, DefaultValue, Dialect, ELEMENTS, ElementId, ElementKind, ElementSpec, EnumSpec,
    Status, ValueKind,
};

use crate::{doc, inner_doc};

/// The files of `model/generated/`, by name.
pub(crate) fn files() -> Vec<(&'static str, TokenStream)> {
    let g = Generator::new();
    vec![
        ("mod.rs", g.module_root()),
        ("values.rs", g.values()),
        ("voice.rs", g.dialect(Dialect::Voice)),
        ("messaging.rs", g.dialect(Dialect::Messaging)),
        ("fax.rs", g.dialect(Dialect::Fax)),
        ("nodes.rs", g.view()),
    ]
}

struct Generator {
    /// Every value set an attribute uses, in table order.
    enums: Vec<&'static EnumSpec>,
}

/// How one attribute is held in the model.
struct Field {
    spec: &'static AttributeSpec,
    index: usize,
    ty: RustType,
}

impl Field {
    fn ident(&self) -> Ident {
        ident(self.spec.rust_name)
    }
}

fn fields(spec: &ElementSpec) -> Vec<Field> {
    spec.attributes
        .iter()
        .enumerate()
        .map(|(index, a)| Field {
            spec: a,
            index,
            ty: RustType::of(&a.kind),
        })
        .collect()
}

/// An identifier of the table (a type, field, method or variant name).
fn ident(name: &str) -> Ident {
    syn::parse_str(name).unwrap_or_else(|_| panic!("`{name}` is not a Rust identifier"))
}

/// A type or path written as text by `twiml_schema::rust`.
fn ty(text: &str) -> syn::Type {
    syn::parse_str(text).unwrap_or_else(|_| panic!("`{text}` is not a Rust type"))
}

/// An expression written as text by `twiml_schema::rust`.
fn expr(text: &str) -> syn::Expr {
    syn::parse_str(text).unwrap_or_else(|_| panic!("`{text}` is not a Rust expression"))
}

fn has_children_field(spec: &ElementSpec) -> bool {
    !spec.children.is_empty()
}

/// Whether the element's content is an `Items`, which holds its first item in place, instead
/// of a `Vec`: an element made with its text, whose content is that text and the markup that
/// may join it (`<Say>`), most often holds that one text, and a list of one would be an
/// allocation of its own beside the text's.
fn content_in_place(spec: &ElementSpec) -> bool {
    has_children_field(spec)
        && TextModel::of(spec) == TextModel::Children
        && text_in_constructor(spec)
}

/// The type of the element's list of content: `Vec`, or `Items` ([`content_in_place`]).
fn content_list(spec: &ElementSpec) -> TokenStream {
    if content_in_place(spec) {
        quote!(crate::model::Items)
    } else {
        quote!(Vec)
    }
}

fn child_enum(spec: &ElementSpec) -> Ident {
    format_ident!("{}Child", spec.rust_type)
}

/// The element's variant of `ElementId` (and of the node view).
pub(crate) fn id_ident(id: ElementId) -> Ident {
    format_ident!("{id:?}")
}

/// The identifier of a value-set variant; every value of the table has one.
fn variant(value: &str) -> Ident {
    ident(&variant_name(value).unwrap_or_else(|| panic!("no identifier for `{value}`")))
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.ends_with(['.', '!', '?']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Backticks around `<Tag>` mentions outside code spans, so that rustdoc does not read them
/// as HTML.
fn code_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut in_code = false;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        } else if c == '<' && !in_code {
            let tag_like = rest[1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || n == '/' || n == '!');
            if let Some(end) = rest.find('>').filter(|_| tag_like) {
                out.push('`');
                out.push_str(&rest[..=end]);
                out.push('`');
                rest = &rest[end + 1..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn attribute_doc(a: &AttributeSpec) -> String {
    let mut d = format!("`{}`: {}", a.name, sentence(&code_tags(a.summary)));
    match a.default {
        DefaultValue::Value(v) => {
            d.push_str(&format!(
                " Twilio's default: `{v}`{}.",
                if a.default_confirmed {
                    ""
                } else {
                    " (not confirmed in Twilio's documentation)"
                }
            ));
        }
        DefaultValue::Described(text) => d.push_str(&format!(" When absent: {text}.")),
        DefaultValue::None => {}
    }
    if let Some(meaning) = a.empty_means {
        d.push_str(&format!(" An empty value means {meaning}."));
    }
    if !a.bounds_confirmed {
        d.push_str(
            " Its bounds are not confirmed in Twilio's documentation: a value past them is a warning.",
        );
    }
    d
}

fn element_doc(spec: &ElementSpec) -> String {
    let mut d = format!(
        "`<{}>`: {}\n",
        spec.name,
        sentence(&code_tags(spec.summary))
    );
    match spec.status {
        Status::Current => {}
        Status::Deprecated(n) => d.push_str(&format!("\n**Deprecated**: {}\n", sentence(n))),
        Status::Legacy(n) => d.push_str(&format!("\n**Legacy**: {}\n", sentence(n))),
        Status::Removed(n) => d.push_str(&format!("\n**Removed** upstream: {}\n", sentence(n))),
    }
    if !spec.notes.is_empty() {
        d.push('\n');
        for n in spec.notes {
            d.push_str(&format!("- {}\n", code_tags(n)));
        }
    }
    d
}

/// What an element's text is, as it reads after "Sets the text: ".
fn text_summary(spec: &ElementSpec) -> String {
    sentence(&lowercase_first(&code_tags(spec.text.summary)))
}

/// One parameter of a constructor: its name, its type, and the value its field takes.
struct Param {
    name: Ident,
    ty: syn::Type,
}

fn constructor_params(spec: &'static ElementSpec) -> Vec<Param> {
    constructor_args(spec)
        .into_iter()
        .map(|arg| match arg {
            ConstructorArg::Text => Param {
                name: ident(text_param_name(spec)),
                ty: ty("impl Into<String>"),
            },
            ConstructorArg::Attribute(a) => Param {
                name: ident(a.rust_name),
                ty: ty(&RustType::of(&a.kind).param()),
            },
        })
        .collect()
}

/// The type of `child` as written inside the module of `parent`.
fn qualified(parent: &ElementSpec, child: &ElementSpec) -> syn::Type {
    if parent.dialect == child.dialect {
        ty(child.rust_type)
    } else {
        ty(&path_of(child))
    }
}

/// Elements of more than this many attributes are held boxed in their parent's list of
/// children (`<Dial>`, `<Gather>`, `<Pay>`, `<Conference>`, `<ConversationRelay>`,
/// `<Assistant>`).
const BOXED_ABOVE: usize = 15;

/// Whether an element is held boxed in its parent's list: one with many attributes takes more
/// than 250 bytes inline, and would set the size of every item of the list. Boxing the few
/// that do keeps a response's verbs at 200 bytes, five to a kilobyte, a block that the
/// allocator hands out from its per-thread cache (`model::first_room`); a list of larger
/// items is not, and costs a small response more than the one allocation its largest verb
/// then makes.
fn held_boxed(spec: &ElementSpec) -> bool {
    spec.attributes.len() > BOXED_ABOVE
}

/// The type an element has in its parent's list of children: itself, or boxed.
fn held(parent: &ElementSpec, child: &ElementSpec) -> syn::Type {
    let q = qualified(parent, child);
    if held_boxed(child) {
        syn::parse_quote!(Box<#q>)
    } else {
        q
    }
}

/// Holds the expression `value`, of an element's type, as its parent's list holds it.
fn hold(child: &ElementSpec, value: TokenStream) -> TokenStream {
    if held_boxed(child) {
        quote!(Box::new(#value))
    } else {
        value
    }
}

fn path_of(spec: &ElementSpec) -> String {
    format!("{}::{}", module_of(spec.dialect), spec.rust_type)
}

impl Generator {
    fn new() -> Self {
        let mut enums: Vec<&'static EnumSpec> = Vec::new();
        for e in &ELEMENTS {
            for a in e.attributes {
                if let ValueKind::Enum(s) | ValueKind::EnumList(s) = a.kind
                    && !enums.iter().any(|x| std::ptr::eq(*x, s))
                {
                    enums.push(s);
                }
            }
        }
        Generator { enums }
    }

    fn module_root(&self) -> TokenStream {
        let title = inner_doc("The typed model, generated from the element table.");
        quote! {
            #title
            pub mod fax;
            pub mod messaging;
            pub(crate) mod nodes;
            pub mod values;
            pub mod voice;
        }
    }

    fn values(&self) -> TokenStream {
        let title = inner_doc(
            "The value sets of attributes as Rust enums, each rendering Twilio's exact spelling.",
        );
        let enums = self.enums.iter().map(|e| value_enum(e));
        quote! {
            #title
            use std::fmt;
            use std::str::FromStr;

            use crate::model::{FromValue, Keyword, ToValue, UnknownValue};
            use crate::tree::Value;

            #(#enums)*
        }
    }

    fn dialect(&self, dialect: Dialect) -> TokenStream {
        let mut used: BTreeSet<String> = BTreeSet::new();
        let body: Vec<TokenStream> = ELEMENTS
            .iter()
            .filter(|e| e.dialect == dialect)
            .map(|spec| element(spec, &mut used))
            .collect();
        let title = inner_doc(match dialect {
            Dialect::Voice => {
                "Voice TwiML: `<Response>` of a call, its verbs and nouns, and SSML inside `<Say>`."
            }
            Dialect::Messaging => {
                "Messaging TwiML: `<Response>` to an incoming message, and its verbs."
            }
            Dialect::Fax => {
                "Fax TwiML: `<Response>` to an incoming fax. Twilio retired Programmable Fax in 2021."
            }
        });
        let mut model_imports = vec![
            "AppendTo",
            "ConvertError",
            "CustomAttribute",
            "CustomElement",
            "FromValue",
        ];
        for t in ["Decimal", "PostalCode", "SpeechTimeout"] {
            if used.contains(t) {
                model_imports.push(t);
            }
        }
        model_imports.sort_unstable();
        let model_imports = model_imports.into_iter().map(ident);
        let values: Vec<Ident> = used
            .iter()
            .filter(|t| self.enums.iter().any(|e| e.rust_name == t.as_str()))
            .map(|t| ident(t))
            .collect();
        let values_import =
            (!values.is_empty()).then(|| quote!(use crate::model::values::{#(#values),*};));
        quote! {
            #title
            use std::fmt;

            #values_import
            use crate::model::{#(#model_imports),*};
            use crate::render::Writer;
            use crate::schema::ElementId;
            use crate::tree::{Content, Document, Tag};

            #(#body)*
        }
    }

    fn view(&self) -> TokenStream {
        let title = inner_doc(
            "The typed model seen as a [`Document`](crate::tree::Document) node by node.",
        );
        let ids: Vec<Ident> = ELEMENTS.iter().map(|s| id_ident(s.id)).collect();
        let paths = ELEMENTS.iter().map(|s| ty(&path_of(s)));
        let names = ELEMENTS.iter().map(|s| s.name);

        let attribute_values = ELEMENTS.iter().map(|spec| {
            let id = id_ident(spec.id);
            let fields = fields(spec);
            if fields.is_empty() {
                return quote!(NodeRef::#id(_) => None,);
            }
            let arms = fields.iter().map(|f| {
                let r = f.ident();
                let index = Literal::usize_unsuffixed(f.index);
                let value = if f.spec.required {
                    quote!(Some(e.#r.to_value()))
                } else if f.ty.is_list() {
                    quote!((!e.#r.is_empty()).then(|| e.#r.to_value()))
                } else {
                    quote!(e.#r.as_ref().map(ToValue::to_value))
                };
                quote!(#index => #value,)
            });
            quote! {
                NodeRef::#id(e) => match index {
                    #(#arms)*
                    _ => None,
                },
            }
        });

        // `attribute_parts`: the row, the set attributes and the custom ones in one match.
        let attribute_parts = ELEMENTS.iter().map(|spec| {
            let id = id_ident(spec.id);
            let fields = fields(spec);
            let bits = fields.iter().map(|f| {
                let r = f.ident();
                let set = if f.spec.required {
                    quote!(1)
                } else if f.ty.is_list() {
                    quote!(u64::from(!e.#r.is_empty()))
                } else {
                    quote!(u64::from(e.#r.is_some()))
                };
                if f.index == 0 {
                    set
                } else {
                    let index = Literal::u32_unsuffixed(f.index as u32);
                    quote!((#set << #index))
                }
            });
            let set = if fields.is_empty() {
                quote!(0)
            } else {
                quote!(#(#bits)|*)
            };
            quote!(NodeRef::#id(e) => (Some(ElementId::#id.spec()), #set, &e.custom_attributes),)
        });

        let each_child_of = ELEMENTS.iter().map(|spec| {
            let id = id_ident(spec.id);
            if has_children_field(spec) {
                quote!(NodeRef::#id(e) => {
                    for (i, item) in e.children.iter().enumerate() {
                        each(i, item.content());
                    }
                })
            } else if TextModel::of(spec) == TextModel::Field {
                quote!(NodeRef::#id(e) => {
                    if !e.text.is_empty() {
                        each(0, Content::Text(e.text.as_str()));
                    }
                })
            } else {
                quote!(NodeRef::#id(_) => {})
            }
        });

        let children_of = ELEMENTS.iter().map(|spec| {
            let id = id_ident(spec.id);
            if has_children_field(spec) {
                quote!(NodeRef::#id(e) => Children::#id(e.children.iter()),)
            } else if TextModel::of(spec) == TextModel::Field {
                quote!(NodeRef::#id(e) => Children::Text((!e.text.is_empty()).then_some(e.text.as_str())),)
            } else {
                quote!(NodeRef::#id(_) => Children::Text(None),)
            }
        });

        // `quick`: the quick pass of the table's checks over each type (`check::Quick`).
        let quick_impls = ELEMENTS.iter().map(quick);

        let parents: Vec<&ElementSpec> =
            ELEMENTS.iter().filter(|s| has_children_field(s)).collect();
        let child_kinds = parents.iter().map(|spec| {
            let id = id_ident(spec.id);
            let module = ident(module_of(spec.dialect));
            let ce = child_enum(spec);
            quote!(#id(slice::Iter<'a, #module::#ce>),)
        });
        // Each item of a child list, as the content of its element: one mapping, for the
        // iterator and for `each_child`.
        let child_contents = parents.iter().map(|spec| {
            let module = ident(module_of(spec.dialect));
            let ce = child_enum(spec);
            let arms = spec.children.iter().map(|&child| {
                let c = child.spec();
                let v = ident(c.rust_type);
                let cid = id_ident(c.id);
                quote!(#module::#ce::#v(e) => Content::Element(NodeRef::#cid(e)),)
            });
            let text = (TextModel::of(spec) == TextModel::Children)
                .then(|| quote!(#module::#ce::Text(t) => Content::Text(t),));
            quote! {
                impl<'a> #module::#ce {
                    /// This item, as the content of its element.
                    #[inline]
                    fn content(&'a self) -> Content<'a, NodeRef<'a>> {
                        match self {
                            #(#arms)*
                            #text
                            #module::#ce::Comment(t) => Content::Comment(t),
                            #module::#ce::Custom(e) => Content::Element(NodeRef::Custom(e)),
                        }
                    }
                }
            }
        });
        let next_arms = parents.iter().map(|spec| {
            let id = id_ident(spec.id);
            let module = ident(module_of(spec.dialect));
            let ce = child_enum(spec);
            quote!(Children::#id(items) => items.next().map(#module::#ce::content),)
        });

        quote! {
            #title
            use std::slice;

            use crate::check::Quick;
            use crate::model::{CustomAttribute, CustomContent, CustomElement, ToValue, fax, messaging, voice};
            use crate::schema::{ElementId, ElementSpec};
            use crate::tree::{Content, Tag, Value};

            /// A reference to one element of a typed response.
            #[derive(Debug, Clone, Copy)]
            pub(crate) enum NodeRef<'a> {
                #(#ids(&'a #paths),)*
                Custom(&'a CustomElement),
            }

            impl<'a> NodeRef<'a> {
                /// The element's tag. A custom element is answered first, so that the match
                /// over the table's elements, whose every answer is a constant, is a lookup in
                /// a table of constants instead of a jump to an arm for each element.
                pub(crate) fn tag(self) -> Tag<'a> {
                    if let NodeRef::Custom(e) = self {
                        return Tag::Custom(&e.name);
                    }
                    Tag::Known(match self {
                        #(NodeRef::#ids(_) => ElementId::#ids,)*
                        // Answered above; a constant keeps the match a table.
                        NodeRef::Custom(_) => ElementId::VoiceResponse,
                    })
                }

                /// The element's name, a custom element's first, as in [`NodeRef::tag`].
                pub(crate) fn name(self) -> &'a str {
                    if let NodeRef::Custom(e) = self {
                        return &e.name;
                    }
                    match self {
                        #(NodeRef::#ids(_) => #names,)*
                        // Answered above; a constant keeps the match a table.
                        NodeRef::Custom(_) => "",
                    }
                }

                /// The value of the table's attribute at `index` of this element, when set.
                pub(crate) fn attribute_value(self, index: usize) -> Option<Value<'a>> {
                    match self {
                        #(#attribute_values)*
                        NodeRef::Custom(_) => None,
                    }
                }

                pub(crate) fn custom_attributes(self) -> &'a [CustomAttribute] {
                    match self {
                        #(NodeRef::#ids(e) => &e.custom_attributes,)*
                        NodeRef::Custom(e) => &e.attributes,
                    }
                }

                /// What a walk of this element's attributes needs, from one match instead of
                /// three: its row in the table (none for a custom element), the positions in the
                /// table of the attributes it has set, as a bit set (bit `i` for the attribute at
                /// `attribute_value(i)`), and its custom attributes.
                pub(crate) fn attribute_parts(
                    self,
                ) -> (Option<&'static ElementSpec>, u64, &'a [CustomAttribute]) {
                    match self {
                        #(#attribute_parts)*
                        NodeRef::Custom(e) => (None, 0, &e.attributes),
                    }
                }

                /// The quick pass of the table's checks over the element and what it holds
                /// (`check::Quick`): `true` when they certainly find nothing.
                pub(crate) fn quick<const NOTES: bool>(self, q: &mut Quick<NOTES>) -> bool {
                    match self {
                        #(NodeRef::#ids(e) => e.quick(q),)*
                        NodeRef::Custom(_) => false,
                    }
                }

                pub(crate) fn children(self) -> Children<'a> {
                    match self {
                        #(#children_of)*
                        NodeRef::Custom(e) => Children::Custom(e.children.iter()),
                    }
                }

                /// Calls `each` with the position and the item of each piece of the element's
                /// content, in order, as [`NodeRef::children`] yields them: one match on the
                /// element, not one for every item.
                pub(crate) fn each_child<'t>(self, mut each: impl FnMut(usize, Content<'t, NodeRef<'a>>))
                where
                    'a: 't,
                {
                    match self {
                        #(#each_child_of)*
                        NodeRef::Custom(e) => {
                            for (i, item) in e.children.iter().enumerate() {
                                each(i, item.content());
                            }
                        }
                    }
                }
            }

            #(#child_contents)*

            impl CustomContent {
                /// This item, as the content of its element.
                #[inline]
                fn content(&self) -> Content<'_, NodeRef<'_>> {
                    match self {
                        CustomContent::Text(t) => Content::Text(t),
                        CustomContent::Comment(t) => Content::Comment(t),
                        CustomContent::Element(e) => Content::Element(NodeRef::Custom(e)),
                    }
                }
            }

            /// The content of one element, in order.
            pub(crate) enum Children<'a> {
                Text(Option<&'a str>),
                #(#child_kinds)*
                Custom(slice::Iter<'a, CustomContent>),
            }

            impl<'a> Iterator for Children<'a> {
                type Item = Content<'a, NodeRef<'a>>;

                fn next(&mut self) -> Option<Self::Item> {
                    match self {
                        Children::Text(text) => text.take().map(Content::Text),
                        #(#next_arms)*
                        Children::Custom(items) => items.next().map(CustomContent::content),
                    }
                }
            }

            #(#quick_impls)*
        }
    }
}

/// The quick pass of the table's checks over one type of the model (`check::Quick`): its
/// fields with values to check, its content, the children that end the call, its row's child
/// limits and conflicts, and its text. What the row decides of the type is settled here; the
/// values are checked at run time against the row.
fn quick(spec: &'static ElementSpec) -> TokenStream {
    let id = id_ident(spec.id);
    let path = ty(&path_of(spec));
    let fields = fields(spec);
    let values = fields.iter().map(|f| {
        let r = f.ident();
        let index = Literal::usize_unsuffixed(f.index);
        if f.spec.required {
            quote!(if !q.value(&spec.attributes[#index], self.#r.to_value()) { return false; })
        } else if f.ty.is_list() {
            quote!(if !self.#r.is_empty() && !q.value(&spec.attributes[#index], self.#r.to_value()) { return false; })
        } else {
            quote!(if let Some(v) = &self.#r && !q.value(&spec.attributes[#index], v.to_value()) { return false; })
        }
    });
    let content = if has_children_field(spec) {
        let module = ident(module_of(spec.dialect));
        let ce = child_enum(spec);
        let limits = spec.child_limits.iter().enumerate();
        let counters = limits.clone().map(|(j, _)| format_ident!("count_{j}"));
        let limit_checks = limits.clone().map(|(j, _)| {
            let c = format_ident!("count_{j}");
            let j = Literal::usize_unsuffixed(j);
            quote!(if #c > spec.child_limits[#j].max || #c < spec.child_limits[#j].min { return false; })
        });
        let conflicts = spec.child_conflicts.iter().enumerate();
        let conflict_flags = conflicts.clone().map(|(k, _)| {
            let (a, b) = (format_ident!("child_{k}"), format_ident!("excluded_{k}"));
            quote!(let mut #a = false; let mut #b = false;)
        });
        let conflict_checks = conflicts.clone().map(|(k, _)| {
            let (a, b) = (format_ident!("child_{k}"), format_ident!("excluded_{k}"));
            quote!(if #a && #b { return false; })
        });
        let ends = spec.children.iter().any(|c| c.spec().terminal);
        let arms = spec.children.iter().map(|&child| {
            let c = child.spec();
            let v = ident(c.rust_type);
            let count = spec
                .child_limits
                .iter()
                .enumerate()
                .filter(|(_, l)| l.child == child)
                .map(|(j, _)| {
                    let c = format_ident!("count_{j}");
                    quote!(#c += 1;)
                });
            let marks = spec
                .child_conflicts
                .iter()
                .enumerate()
                .flat_map(|(k, conflict)| {
                    let a = format_ident!("child_{k}");
                    let b = format_ident!("excluded_{k}");
                    let mut m = Vec::new();
                    if conflict.child == child {
                        m.push(quote!(#a = true;));
                    }
                    if conflict.excludes.contains(&child) {
                        m.push(quote!(#b = true;));
                    }
                    m
                });
            let ended = if !ends {
                quote!()
            } else if c.terminal {
                quote!(if ended { return false; } ended = true;)
            } else {
                quote!(if ended {
                    return false;
                })
            };
            quote!(#module::#ce::#v(e) => {
                #ended
                #(#count)*
                #(#marks)*
                elements += 1;
                if !e.quick(q) { return false; }
            })
        });
        // The text of a mixed element (`<Say>` with SSML) is that of its whole subtree, read
        // from what the pass counted below it; another element's is its one text item.
        let text_arm = (TextModel::of(spec) == TextModel::Children).then(|| {
            if spec.text.mixed {
                quote!(#module::#ce::Text(t) => q.text_item(t),)
            } else {
                quote!(#module::#ce::Text(t) => {
                    if text.is_some() { return false; }
                    q.text_item(t);
                    text = Some(t.as_str());
                })
            }
        });
        let text_decl = if spec.text.mixed {
            quote!(let before = q.texts();)
        } else if TextModel::of(spec) == TextModel::Children {
            quote!(let mut text: Option<&str> = None;)
        } else {
            quote!(let text: Option<&str> = None;)
        };
        let ended_decl = ends.then(|| quote!(let mut ended = false;));
        quote! {
            #text_decl
            let mut elements = 0usize;
            #ended_decl
            #(let mut #counters = 0u32;)*
            #(#conflict_flags)*
            for item in &self.children {
                match item {
                    #(#arms)*
                    #text_arm
                    #module::#ce::Comment(t) => if !q.comment(t) { return false; },
                    #module::#ce::Custom(_) => return false,
                }
            }
            #(#limit_checks)*
            #(#conflict_checks)*
        }
    } else if TextModel::of(spec) == TextModel::Field {
        let before = spec.text.mixed.then(|| quote!(let before = q.texts();));
        quote! {
            #before
            let text = (!self.text.is_empty()).then_some(self.text.as_str());
            if let Some(t) = text { q.text_item(t); }
            let elements = 0usize;
        }
    } else {
        let before = spec.text.mixed.then(|| quote!(let before = q.texts();));
        quote! {
            #before
            let text: Option<&str> = None;
            let elements = 0usize;
        }
    };
    let text_check = if spec.text.mixed {
        quote!(q.mixed_text(spec, before, elements))
    } else {
        quote!(q.text(spec, text, elements))
    };
    quote! {
        impl #path {
            pub(crate) fn quick<const NOTES: bool>(&self, q: &mut Quick<NOTES>) -> bool {
                let spec = ElementId::#id.spec();
                q.element(ElementId::#id);
                if !self.custom_attributes.is_empty() { return false; }
                #(#values)*
                #content
                #text_check
            }
        }
    }
}

/// The Rust enum of a value set, with its spelling, parsing, conversions and serde.
fn value_enum(e: &EnumSpec) -> TokenStream {
    let name = ident(e.rust_name);
    let name_text = e.rust_name;
    let open = e.open.is_some();
    let variants: Vec<Ident> = e.values.iter().map(|v| variant(v)).collect();
    let mut seen = HashMap::new();
    for (v, id) in e.values.iter().zip(&variants) {
        if let Some(other) = seen.insert(id.to_string(), *v) {
            panic!("`{other}` and `{v}` of {name_text} both become `{id}`");
        }
    }
    let values = e.values;
    let value_docs = values.iter().map(|v| format!(" `{v}`"));
    let summary = doc(&sentence(e.summary));

    if open {
        let open_doc = doc(
            "\nTwilio adds values to this set often: a value it does not list yet is kept in\n\
             [`Other`](Self::Other), and the build step warns about it instead of failing.",
        );
        quote! {
            #summary
            #open_doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#[doc = #value_docs] #variants,)*
                /// A value the table does not list yet, spelled as Twilio expects it.
                Other(String),
            }

            impl #name {
                /// Every value the table lists, in Twilio's order.
                pub const ALL: &[#name] = &[#(#name::#variants),*];

                /// Twilio's spelling.
                pub fn as_str(&self) -> &str {
                    match self {
                        #(#name::#variants => #values,)*
                        #name::Other(value) => value,
                    }
                }

                /// The value with this spelling: a listed one, or [`Other`](Self::Other).
                pub fn parse(value: &str) -> Self {
                    match value {
                        #(#values => #name::#variants,)*
                        other => #name::Other(other.to_string()),
                    }
                }

                /// Whether the table lists this value.
                pub fn is_listed(&self) -> bool {
                    !matches!(self, #name::Other(_))
                }
            }

            impl fmt::Display for #name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl FromValue for #name {
                fn from_value(value: &Value<'_>) -> Option<Self> {
                    match value {
                        Value::Text(t) => Some(#name::parse(t)),
                        Value::Keyword(k) => Some(#name::parse(k)),
                        _ => None,
                    }
                }
            }

            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    #name::parse(value)
                }
            }

            impl From<String> for #name {
                fn from(value: String) -> Self {
                    match #name::parse(&value) {
                        #name::Other(_) => #name::Other(value),
                        listed => listed,
                    }
                }
            }

            impl FromStr for #name {
                type Err = std::convert::Infallible;
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Ok(#name::parse(value))
                }
            }

            impl ToValue for #name {
                fn to_value(&self) -> Value<'_> {
                    match self {
                        #name::Other(value) => Value::Text(value),
                        listed => Value::Keyword(listed.listed_str()),
                    }
                }
            }

            impl #name {
                /// The spelling of a listed value (`Other` has none).
                fn listed_str(&self) -> &'static str {
                    match self {
                        #(#name::#variants => #values,)*
                        #name::Other(_) => "",
                    }
                }
            }

            #[cfg(feature = "serde")]
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.as_str())
                }
            }

            #[cfg(feature = "serde")]
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    String::deserialize(d).map(#name::from)
                }
            }
        }
    } else {
        let legacy_values = e.legacy.iter().map(|(old, _)| *old);
        let legacy_variants = e.legacy.iter().map(|(_, new)| variant(new));
        quote! {
            #summary
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#[doc = #value_docs] #variants,)*
            }

            impl #name {
                /// Every value the table lists, in Twilio's order.
                pub const ALL: &[#name] = &[#(#name::#variants),*];

                /// Twilio's spelling.
                pub const fn as_str(self) -> &'static str {
                    match self {
                        #(#name::#variants => #values,)*
                    }
                }
            }

            impl fmt::Display for #name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl FromValue for #name {
                fn from_value(value: &Value<'_>) -> Option<Self> {
                    match value {
                        Value::Text(t) => t.trim().parse().ok(),
                        Value::Keyword(k) => k.parse().ok(),
                        _ => None,
                    }
                }
            }

            impl FromStr for #name {
                type Err = UnknownValue;
                fn from_str(value: &str) -> Result<Self, UnknownValue> {
                    match value {
                        #(#values => Ok(#name::#variants),)*
                        #(#legacy_values => Ok(#name::#legacy_variants),)*
                        _ => Err(UnknownValue { set: #name_text, value: value.to_string() }),
                    }
                }
            }

            impl Keyword for #name {
                fn keyword(self) -> &'static str {
                    self.as_str()
                }
            }

            impl ToValue for #name {
                fn to_value(&self) -> Value<'_> {
                    Value::Keyword(self.as_str())
                }
            }

            #[cfg(feature = "serde")]
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(self.as_str())
                }
            }

            #[cfg(feature = "serde")]
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let value = String::deserialize(d)?;
                    value.parse().map_err(serde::de::Error::custom)
                }
            }
        }
    }
}

/// One element: its struct, builder methods, reading and rendering, and its child enum.
fn element(spec: &'static ElementSpec, used: &mut BTreeSet<String>) -> TokenStream {
    let ty_name = ident(spec.rust_type);
    let fields = fields(spec);
    let text = TextModel::of(spec);
    let children = has_children_field(spec);
    let ce = child_enum(spec);
    for f in &fields {
        match f.ty {
            RustType::Closed(e) | RustType::Open(e) | RustType::ClosedList(e) => {
                used.insert(e.rust_name.to_string());
            }
            RustType::Decimal => {
                used.insert("Decimal".into());
            }
            RustType::PostalCode => {
                used.insert("PostalCode".into());
            }
            RustType::SpeechTimeout => {
                used.insert("SpeechTimeout".into());
            }
            _ => {}
        }
    }

    // ---- the struct
    let struct_doc = doc(&element_doc(spec));
    let field_defs = fields.iter().map(|f| {
        let d = doc(&attribute_doc(f.spec));
        let xml = f.spec.name;
        let r = f.ident();
        let field_ty = ty(&f.ty.field(f.spec.required));
        let serde = if f.spec.required {
            quote!(serde(rename = #xml))
        } else if f.ty.is_list() {
            quote!(serde(rename = #xml, default, skip_serializing_if = "Vec::is_empty"))
        } else {
            quote!(serde(rename = #xml, default, skip_serializing_if = "Option::is_none"))
        };
        quote! {
            #d
            #[cfg_attr(feature = "serde", #serde)]
            pub #r: #field_ty,
        }
    });
    let text_field = (text == TextModel::Field).then(|| {
        let d = format!(" The element's text: {}", text_summary(spec));
        quote! {
            #[doc = #d]
            #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "String::is_empty"))]
            pub text: String,
        }
    });
    let list = content_list(spec);
    let children_field = children.then(|| {
        let skip = if content_in_place(spec) {
            "crate::model::Items::is_empty"
        } else {
            "Vec::is_empty"
        };
        quote! {
            /// Content, in document order.
            #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = #skip))]
            pub children: #list<#ce>,
        }
    });

    // ---- the constructor
    let params = constructor_params(spec);
    let new_doc = format!(
        " A `<{}>`{}.",
        spec.name,
        if params.is_empty() {
            " with nothing set".to_string()
        } else {
            format!(
                " with its {}",
                params
                    .iter()
                    .map(|p| format!("`{}`", p.name))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )
        }
    );
    let signature = params.iter().map(|p| {
        let (n, t) = (&p.name, &p.ty);
        quote!(#n: #t)
    });
    let field_inits = fields.iter().map(|f| {
        let r = f.ident();
        if f.spec.required {
            let init = f.ty.convert(f.spec.rust_name);
            if init == f.spec.rust_name {
                quote!(#r,)
            } else {
                let init = expr(&init);
                quote!(#r: #init,)
            }
        } else if f.ty.is_list() {
            quote!(#r: Vec::new(),)
        } else {
            quote!(#r: None,)
        }
    });
    let text_init = (text == TextModel::Field).then(|| {
        if text_in_constructor(spec) {
            let p = ident(text_param_name(spec));
            quote!(text: #p.into(),)
        } else {
            quote!(text: String::new(),)
        }
    });
    let children_init = children.then(|| {
        if content_in_place(spec) {
            let p = ident(text_param_name(spec));
            quote! {
                children: {
                    let text: String = #p.into();
                    if text.is_empty() { #list::new() } else { #list::one(#ce::Text(text)) }
                },
            }
        } else {
            quote!(children: Vec::new(),)
        }
    });

    // ---- setters
    let setters = fields.iter().filter(|f| !f.spec.required).map(|f| {
        let d = doc(&format!("Sets {}", attribute_doc(f.spec)));
        let n = f.ident();
        let p = ty(&f.ty.param());
        let v = if f.ty.is_list() {
            expr(&f.ty.convert("value"))
        } else {
            expr(&format!("Some({})", f.ty.convert("value")))
        };
        quote! {
            #d
            pub fn #n(&mut self, value: #p) -> &mut Self {
                self.#n = #v;
                self
            }
        }
    });

    let text_method = match text {
        TextModel::Field => {
            let d = format!(" Sets the text: {}", text_summary(spec));
            quote! {
                #[doc = #d]
                pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
                    self.text = text.into();
                    self
                }
            }
        }
        TextModel::Children => {
            let d = format!(" Appends text: {}", text_summary(spec));
            quote! {
                #[doc = #d]
                pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
                    self.children.push(#ce::Text(text.into()));
                    self
                }
            }
        }
        TextModel::None => quote!(),
    };

    let child_methods = children.then(|| {
        let adders = spec.children.iter().map(|&child| {
            let c = child.spec();
            let cp = constructor_params(c);
            let d = format!(
                " Appends a `<{}>` and returns it for its attributes and content.",
                c.name
            );
            let method = ident(c.method);
            let q = qualified(spec, c);
            let v = ident(c.rust_type);
            let signature = cp.iter().map(|p| {
                let (n, t) = (&p.name, &p.ty);
                quote!(#n: #t)
            });
            let args = cp.iter().map(|p| &p.name);
            let made = if cp.is_empty() && held_boxed(c) {
                // `Default` is `new()`.
                quote!(Box::default())
            } else {
                hold(c, quote!(#q::new(#(#args),*)))
            };
            quote! {
                #[doc = #d]
                pub fn #method(&mut self, #(#signature),*) -> &mut #q {
                    push_child!(self.children, #ce::#v, #made)
                }
            }
        });
        let push_doc = format!(
            " Appends a child made elsewhere (a `{}`, or anything that converts into `{ce}`).",
            spec.children.first().map_or("", |c| c.spec().rust_type)
        );
        quote! {
            #(#adders)*

            #[doc = #push_doc]
            pub fn push(&mut self, child: impl Into<#ce>) -> &mut Self {
                self.children.push(child.into());
                self
            }

            /// Appends an XML comment. The build step refuses text with `--` or a final `-`.
            pub fn comment(&mut self, text: impl Into<String>) -> &mut Self {
                self.children.push(#ce::Comment(text.into()));
                self
            }

            /// Appends an element the table does not know yet, and returns it.
            ///
            /// The build step refuses a name the table knows: use the typed method for those.
            pub fn custom_element(&mut self, name: impl Into<String>) -> &mut CustomElement {
                push_child!(self.children, #ce::Custom, CustomElement::new(name))
            }
        }
    });

    let from_document = from_document(spec, &fields);
    let render = render(spec, &fields);

    let default = params.is_empty().then(|| {
        quote! {
            impl Default for #ty_name {
                fn default() -> Self {
                    #ty_name::new()
                }
            }
        }
    });

    let child_enum_items = children.then(|| child_enum_items(spec));

    quote! {
        #struct_doc
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        #[non_exhaustive]
        pub struct #ty_name {
            #(#field_defs)*
            #text_field
            /// Attributes the table does not know yet, added with `custom_attribute`.
            #[cfg_attr(feature = "serde", serde(rename = "customAttributes", default, skip_serializing_if = "Vec::is_empty"))]
            pub custom_attributes: Vec<CustomAttribute>,
            #children_field
        }

        impl #ty_name {
            #[doc = #new_doc]
            pub fn new(#(#signature),*) -> Self {
                #ty_name {
                    #(#field_inits)*
                    #text_init
                    custom_attributes: Vec::new(),
                    #children_init
                }
            }

            #(#setters)*

            /// Adds an attribute the table does not know yet (Twilio adds attributes often).
            ///
            /// The build step refuses a name that is a known attribute of this element, or that
            /// repeats another custom attribute.
            pub fn custom_attribute(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
                self.custom_attributes.push(CustomAttribute { name: name.into(), value: value.into() });
                self
            }

            #text_method

            #child_methods

            #from_document

            #render
        }

        #default

        #child_enum_items
    }
}

/// `from_document`: reads an element of any `Document` (a parsed file) into the model.
fn from_document(spec: &ElementSpec, fields: &[Field]) -> TokenStream {
    let ty_name = ident(spec.rust_type);
    let element_name = spec.name;
    let text = TextModel::of(spec);
    let locals = fields.iter().map(|f| {
        let r = f.ident();
        if f.ty.is_list() {
            let t = ty(&f.ty.value());
            quote!(let mut #r: #t = Vec::new();)
        } else {
            let t = ty(&format!("Option<{}>", f.ty.value()));
            quote!(let mut #r: #t = None;)
        }
    });
    let attributes = if fields.is_empty() {
        quote! {
            let custom_attributes = doc
                .attributes(node)
                .map(|a| CustomAttribute::from_attribute(&a))
                .collect();
        }
    } else {
        let arms = fields.iter().map(|f| {
            let r = f.ident();
            let xml = f.spec.name;
            if f.ty.is_list() {
                quote!(Some(#xml) => #r = FromValue::from_attribute(#element_name, &a)?,)
            } else {
                quote!(Some(#xml) => #r = Some(FromValue::from_attribute(#element_name, &a)?),)
            }
        });
        quote! {
            let mut custom_attributes = Vec::new();
            for a in doc.attributes(node) {
                match a.spec.map(|s| s.name) {
                    #(#arms)*
                    _ => custom_attributes.push(CustomAttribute::from_attribute(&a)),
                }
            }
        }
    };
    let content = match (text, has_children_field(spec)) {
        (TextModel::Field, _) => quote! {
            let mut text = String::new();
            for item in doc.children(node) {
                if let Content::Text(t) = item {
                    text.push_str(t);
                }
            }
        },
        (text, true) => {
            let ce = child_enum(spec);
            let arms = spec.children.iter().map(|&child| {
                let c = child.spec();
                let id = id_ident(c.id);
                let v = ident(c.rust_type);
                let q = qualified(spec, c);
                let read = hold(c, quote!(#q::from_document(doc, child)?));
                quote!(Tag::Known(ElementId::#id) => #ce::#v(#read),)
            });
            let text_arms = if text == TextModel::Children && spec.text.mixed {
                quote!(Content::Text(t) => children.push(#ce::Text(t.to_string())),)
            } else if text == TextModel::Children {
                // Whitespace between child elements is indentation.
                quote! {
                    Content::Text(t) if t.trim().is_empty() => {}
                    Content::Text(t) => children.push(#ce::Text(t.to_string())),
                }
            } else {
                quote!(Content::Text(_) => {})
            };
            let list = content_list(spec);
            quote! {
                let mut children = #list::new();
                for item in doc.children(node) {
                    match item {
                        Content::Element(child) => children.push(match doc.tag(child) {
                            #(#arms)*
                            _ => #ce::Custom(CustomElement::from_document(doc, child)),
                        }),
                        #text_arms
                        Content::Comment(t) => children.push(#ce::Comment(t.to_string())),
                        // Only a parsed document is read, and it has no run-time content.
                        Content::Runtime => {}
                    }
                }
            }
        }
        _ => quote!(),
    };
    let inits = fields.iter().map(|f| {
        let r = f.ident();
        if f.spec.required {
            let xml = f.spec.name;
            quote!(#r: #r.ok_or_else(|| ConvertError::missing(#element_name, #xml))?,)
        } else {
            quote!(#r,)
        }
    });
    let text_init = (text == TextModel::Field).then(|| quote!(text,));
    let children_init = has_children_field(spec).then(|| quote!(children,));
    quote! {
        /// Reads this element from a document whose structural checks found no error.
        pub(crate) fn from_document<D: Document>(doc: &D, node: D::Node) -> Result<Self, ConvertError> {
            #(#locals)*
            #attributes
            #content
            Ok(#ty_name {
                #(#inits)*
                #text_init
                custom_attributes,
                #children_init
            })
        }
    }
}

/// `render`: writes the element, its attributes in name order, and its content.
fn render(spec: &ElementSpec, fields: &[Field]) -> TokenStream {
    let element_name = spec.name;
    let text = TextModel::of(spec);
    let mut sorted: Vec<&Field> = fields.iter().collect();
    sorted.sort_by(|a, b| a.spec.name.cmp(b.spec.name));
    // The start tag, each attribute's ` name="` and the end tag are spelt out whole, so that
    // the writer pushes each in one piece.
    let start_tag = format!("<{element_name}");
    let end_tag = format!("</{element_name}>");
    let attributes = sorted.into_iter().map(|f| {
        let n = format!(" {}=\"", f.spec.name);
        let r = f.ident();
        let write = match f.ty {
            RustType::String => quote!(w.table_attr(#n, v)?;),
            RustType::U32 => quote!(w.attr_u32(#n, *v)?;),
            RustType::Bool => quote!(w.attr_bool(#n, *v)?;),
            RustType::Decimal | RustType::PostalCode | RustType::Open(_) => {
                quote!(w.table_attr(#n, v.as_str())?;)
            }
            RustType::Closed(_) => quote!(w.attr_keyword(#n, v.as_str())?;),
            RustType::SpeechTimeout => {
                let ValueKind::IntegerOrKeyword { keyword, .. } = f.spec.kind else {
                    panic!(
                        "`{}` is held as a SpeechTimeout but has no keyword",
                        f.spec.name
                    );
                };
                quote! {
                match v {
                    SpeechTimeout::Auto => w.attr_keyword(#n, #keyword)?,
                    SpeechTimeout::Seconds(s) => w.attr_u32(#n, *s)?,
                }
                }
            }
            RustType::ClosedList(_) => quote!(w.attr_keywords(#n, v.iter().map(|x| x.as_str()))?;),
            RustType::U32List => quote!(w.attr_u32_list(#n, v)?;),
        };
        if f.spec.required {
            quote! {{ let v = &self.#r; #write }}
        } else if f.ty.is_list() {
            quote! { if !self.#r.is_empty() { let v = &self.#r; #write } }
        } else {
            quote! { if let Some(v) = &self.#r { #write } }
        }
    });
    let write_text = text_writer(spec);
    let content = match (text == TextModel::Field, has_children_field(spec)) {
        (true, _) => quote! {
            if self.text.is_empty() {
                return w.end_empty();
            }
            let restore = w.open(false)?;
            w.#write_text(&self.text)?;
            w.end_tag(#end_tag, restore)
        },
        (false, true) => {
            let ce = child_enum(spec);
            let block = if spec.text.mixed {
                quote!(false)
            } else if text == TextModel::Children {
                quote!(!self.children.iter().any(|c| matches!(c, #ce::Text(_))))
            } else {
                quote!(true)
            };
            quote! {
                if self.children.is_empty() {
                    return w.end_empty();
                }
                let restore = w.open(#block)?;
                for child in &self.children {
                    child.render(w)?;
                }
                w.end_tag(#end_tag, restore)
            }
        }
        (false, false) => quote!(w.end_empty()),
    };
    quote! {
        pub(crate) fn render<W: fmt::Write>(&self, w: &mut Writer<'_, W>) -> fmt::Result {
            w.start_tag(#start_tag)?;
            #(#attributes)*
            for a in &self.custom_attributes {
                w.attr(&a.name, &a.value)?;
            }
            #content
        }
    }
}

/// The writer's method for an element's text: `words` for text someone hears or reads (a
/// `<Say>` and its SSML, a message and its body), `text` for the rest, in which the writing
/// notes what the rules on card data and insecure URLs look for.
fn text_writer(spec: &ElementSpec) -> Ident {
    ident(if spec.says_words() { "words" } else { "text" })
}

/// The child enum of an element, its rendering, and the conversions into it.
fn child_enum_items(spec: &'static ElementSpec) -> TokenStream {
    let ty_name = ident(spec.rust_type);
    let ce = child_enum(spec);
    let text = TextModel::of(spec);
    // Children are held inline, but for the few elements of many attributes (`held_boxed`): a
    // response is then a handful of allocations instead of one per element.
    let allow = (spec.kind == ElementKind::Root || spec.children.len() > 1)
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
    let enum_doc = format!(" An item of the content of `<{}>`.", spec.name);
    let variants = spec.children.iter().map(|&child| {
        let c = child.spec();
        let d = format!(" `<{}>`: {}", c.name, sentence(&code_tags(c.summary)));
        let xml = c.name;
        let v = ident(c.rust_type);
        let q = held(spec, c);
        quote! {
            #[doc = #d]
            #[cfg_attr(feature = "serde", serde(rename = #xml))]
            #v(#q),
        }
    });
    let text_variant = (text == TextModel::Children).then(|| {
        quote! {
            /// Text.
            #[cfg_attr(feature = "serde", serde(rename = "#text"))]
            Text(String),
        }
    });
    let render_arms = spec.children.iter().map(|&child| {
        let v = ident(child.spec().rust_type);
        quote!(#ce::#v(e) => e.render(w),)
    });
    let write_text = text_writer(spec);
    let text_render =
        (text == TextModel::Children).then(|| quote!(#ce::Text(t) => w.#write_text(t),));
    let froms = spec.children.iter().map(|&child| {
        let c = child.spec();
        let q = qualified(spec, c);
        let v = ident(c.rust_type);
        let e = hold(c, quote!(e));
        quote! {
            impl From<#q> for #ce {
                fn from(e: #q) -> Self {
                    #ce::#v(#e)
                }
            }
        }
    });
    // What a `twiml!` interpolation may append.
    let mut appendable: Vec<syn::Type> = spec
        .children
        .iter()
        .map(|c| qualified(spec, c.spec()))
        .collect();
    appendable.push(ty(&ce.to_string()));
    appendable.push(ty("CustomElement"));
    let appends = appendable.iter().map(|item| {
        quote! {
            impl AppendTo<#ty_name> for #item {
                fn append_to(self, parent: &mut #ty_name) {
                    parent.push(self);
                }
            }
        }
    });
    let text_appends = (text == TextModel::Children).then(|| {
        let items = [ty("String"), ty("&str"), ty("&String")];
        let items = items.iter();
        quote! {
            #(
                impl AppendTo<#ty_name> for #items {
                    fn append_to(self, parent: &mut #ty_name) {
                        parent.text(self);
                    }
                }
            )*
        }
    });
    quote! {
        #allow
        #[doc = #enum_doc]
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum #ce {
            #(#variants)*
            #text_variant
            /// An XML comment.
            #[cfg_attr(feature = "serde", serde(rename = "#comment"))]
            Comment(String),
            /// An element the table does not know yet.
            #[cfg_attr(feature = "serde", serde(rename = "#custom"))]
            Custom(CustomElement),
        }

        impl #ce {
            pub(crate) fn render<W: fmt::Write>(&self, w: &mut Writer<'_, W>) -> fmt::Result {
                match self {
                    #(#render_arms)*
                    #text_render
                    #ce::Comment(t) => w.comment(t),
                    #ce::Custom(e) => e.render(w),
                }
            }
        }

        #(#froms)*

        impl From<CustomElement> for #ce {
            fn from(e: CustomElement) -> Self {
                #ce::Custom(e)
            }
        }

        impl<C: Into<#ce>> Extend<C> for #ty_name {
            fn extend<I: IntoIterator<Item = C>>(&mut self, items: I) {
                self.children.extend(items.into_iter().map(Into::into));
            }
        }

        #(#appends)*

        #text_appends
    }
}
