//! The return values of TwiML handlers, one set for every web framework: `twiml::axum` and
//! `twiml::actix_web` re-export these types and give them their framework's response traits.

use std::fmt;

use crate::{BuildError, Twiml};

/// A finished response as a handler's return value: status 200, `Content-Type:
/// text/xml; charset=utf-8`, and the document with its XML declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xml(pub Twiml);

impl Xml {
    /// Logs each warning of the document as it is served: a warning is not an error, so the
    /// document goes out, but nobody should learn of it from a complaint. The build step's
    /// warnings are in [`Twiml::warnings`]; a policy with `deny_warnings` turns them into
    /// errors instead.
    pub(crate) fn log_warnings(&self) {
        for warning in self.0.warnings() {
            tracing::warn!(
                code = %warning.code,
                at = %warning.span,
                "served a TwiML response with a warning: {}",
                warning.message
            );
        }
    }
}

impl From<Twiml> for Xml {
    fn from(twiml: Twiml) -> Self {
        Xml(twiml)
    }
}

/// The empty response, `<Response/>`: a voice call ends, a message gets no reply. For
/// handlers with nothing to say, and for status callbacks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EmptyResponse;

/// A response the build step refused, as a handler's error: status 500 with an empty body,
/// and the findings logged as an error. Twilio reports the 500 as error 11200 in its
/// debugger and the caller hears its application-error message.
///
/// `From<BuildError>` lets `?` convert: return `Result<Xml, BuildFailed>` and write
/// `Ok(Xml(response.build()?))`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildFailed(pub BuildError);

impl BuildFailed {
    /// The log line of a refused build, written as the 500 goes out.
    pub(crate) fn log(&self) {
        tracing::error!(error = %self.0, "refused to serve a TwiML response that failed its build");
    }
}

impl From<BuildError> for BuildFailed {
    fn from(error: BuildError) -> Self {
        BuildFailed(error)
    }
}

impl fmt::Display for BuildFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for BuildFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    /// A writer into a shared buffer, for a test's log subscriber.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What `run` logs through `tracing`, as text.
    pub(crate) fn logged(run: impl FnOnce()) -> String {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, run);
        let bytes = buffer.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
