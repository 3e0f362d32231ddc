//! twiml
