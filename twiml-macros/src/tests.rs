//! Snapshots of expansions: the builder calls a user would write by hand.

use quote::quote;

use crate::expand::expand;
use crate::syntax::Invocation;

/// The expansion of `input`, formatted as Rust inside a function.
fn expanded(input: proc_macro2::TokenStream) -> String {
    let invocation: Invocation = syn::parse2(input).expect("the markup parses");
    let body = expand(&invocation);
    let file: syn::File =
        syn::parse2(quote!(fn expansion() { let _ = #body; })).expect("the expansion is Rust");
    prettyplease::unparse(&file)
}

#[test]
fn literal_markup() {
    insta::assert_snapshot!(expanded(quote! {
        <Response>
            <Say voice="Polly.Joanna">"This call may be recorded."</Say>
            <Gather input="dtmf speech" numDigits=1 action="/menu">
                <Say>"Press 1 for sales."</Say>
            </Gather>
            <Redirect>"/voice"</Redirect>
        </Response>
    }));
}

#[test]
fn interpolations_and_blocks() {
    insta::assert_snapshot!(expanded(quote! {
        #![policy(payments)]
        #![allow(REC004, reason = "the transcription is of the agent's leg only")]
        <Response>
            <Say>{greeting}</Say>
            <Gather numDigits={digits} action="/menu">
                @for option in options {
                    <Say>{option}</Say>
                }
            </Gather>
            @if closed {
                <Say>"We are closed."</Say>
            } @else {
                <Dial timeout=20>
                    <Number url="https://example.com/whisper">{agent}</Number>
                </Dial>
            }
        </Response>
    }));
}

#[test]
fn messaging_and_ssml() {
    insta::assert_snapshot!(expanded(quote! {
        <Response>
            <Message>
                <Body>"Your order shipped."</Body>
                <Media>"https://example.com/map.png"</Media>
            </Message>
        </Response>
    }));
    insta::assert_snapshot!(expanded(quote! {
        <Response>
            <Say language="es-US">
                "Su código es "
                <say-as interpret-as="digits">"4711"</say-as>
                <break strength="strong"/>
            </Say>
        </Response>
    }));
}

#[test]
fn errors_come_with_a_placeholder_of_the_right_type() {
    insta::assert_snapshot!(expanded(quote! {
        <Response>
            <Gather><Dial>"+14155550100"</Dial></Gather>
        </Response>
    }));
}
