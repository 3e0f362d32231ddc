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

/// The expansion of `input` as the compile errors it holds, one per line.
fn compile_errors(input: proc_macro2::TokenStream) -> Vec<String> {
    let invocation: Invocation = syn::parse2(input).expect("the markup parses");
    let expansion = expand(&invocation).to_string();
    expansion
        .split("compile_error !")
        .skip(1)
        .filter_map(|part| part.split('"').nth(1).map(str::to_string))
        .collect()
}

#[test]
fn a_policy_file_applies_as_its_attributes_would() {
    // Tests run in the crate's folder; the file is the workspace's test policy.
    let markup = quote! {
        #![policy(file = "../tests/policy/twiml.toml")]
        <Response>
            <Say>"This is Acme Recovery. Your balance of 420 dollars is past due."</Say>
        </Response>
    };
    let errors = compile_errors(markup);
    assert!(
        errors.iter().any(|e| e.starts_with("DEBT001: ")),
        "the file's debt-collection regime applies: {errors:?}"
    );
    // The same markup under the same policy written inline fails the same way.
    let inline = compile_errors(quote! {
        #![policy(debt_collection)]
        #![context(outbound, right_party_verified)]
        #![business(name = "Acme Recovery", callback = "+18005550100")]
        <Response>
            <Say>"This is Acme Recovery. Your balance of 420 dollars is past due."</Say>
        </Response>
    });
    assert_eq!(errors, inline);
}

#[test]
fn a_policy_file_is_built_again_at_run_time() {
    let expansion = expanded(quote! {
        #![policy(file = "../tests/policy/twiml.toml")]
        #![warn(DEBT009)]
        <Response>
            <Say>
                "This is Acme Recovery, a debt collector. This is an attempt to collect a debt, \
                 and any information obtained will be used for that purpose. To talk to us, \
                 call 1-800-555-0100."
            </Say>
        </Response>
    });
    // The policy the build runs under is the file's, with the attributes added, written out
    // as builder calls; the file is read into the expansion so that a change rebuilds it.
    assert!(expansion.contains(".regime(::twiml::rules::Regime::DebtCollection)"));
    assert!(expansion.contains(".fact(::twiml::rules::Fact::RightPartyVerified)"));
    assert!(expansion.contains(".business_name(\"Acme Recovery\")"));
    assert!(expansion.contains(".level(\"DEBT009\", ::twiml::rules::Level::Warn)"));
    assert!(
        expansion
            .contains(".allow(\"REC001\", \"the notice played in the verification document\")")
    );
    assert!(expansion.contains("include_bytes!"));
}

#[test]
fn a_policy_file_with_a_mistake_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("twiml.toml");
    std::fs::write(
        &file,
        "policies = [\"debt-collection\"]\ncontext = [\"outboud\"]\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let errors = compile_errors(quote! {
        #![policy(file = #path)]
        <Response><Say>"Hello."</Say></Response>
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("twiml.toml:2:12: unknown context `outboud`"),
        "{errors:?}"
    );
}
