//! Tables generated from data outside the project by `cargo xtask codegen`; a test keeps each
//! fresh.

#[rustfmt::skip]
pub(crate) mod area_codes;
