//! Where a URL written in a document leads: a route of the flow, or somewhere else.
//!
//! Twilio resolves a relative URL against the URL of the document that holds it (RFC 3986,
//! section 5), so `menu` in the document of `/ivr/voice` is `/ivr/menu`, and `/menu` is
//! `/menu` on the same host. An absolute URL leads to a route when it falls under the flow's
//! base URL. The query string and the fragment pick nothing: `/menu?step=2` is the route
//! `/menu`.

/// The base URL of a flow: the scheme, host and port its routes are served from, and the path
/// they sit under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BaseUrl {
    /// `https` or `http`, lower case.
    scheme: String,
    /// The host, lower case.
    host: String,
    /// The port, when one is written and it is not the scheme's default.
    port: Option<u16>,
    /// The path the routes sit under, without a trailing `/` (`""` for the root).
    path: String,
    /// As written, for messages.
    written: String,
}

impl BaseUrl {
    /// Reads an absolute `http` or `https` URL.
    ///
    /// # Errors
    ///
    /// What is wrong with it, as a diagnostic message.
    pub(crate) fn parse(url: &str) -> Result<BaseUrl, String> {
        let written = url.trim();
        let Some(absolute) = Absolute::parse(written) else {
            return Err(format!(
                "`{written}` is not an absolute `https://` or `http://` URL"
            ));
        };
        if !matches!(absolute.scheme.as_str(), "https" | "http") {
            return Err(format!(
                "`{written}` is not an absolute `https://` or `http://` URL"
            ));
        }
        if absolute.host.is_empty() {
            return Err(format!("`{written}` names no host"));
        }
        if written.contains(['?', '#']) {
            return Err(format!(
                "`{written}` has a query string or fragment; a base URL is a scheme, a host and a path"
            ));
        }
        let path = absolute.path.trim_end_matches('/').to_string();
        Ok(BaseUrl {
            scheme: absolute.scheme,
            host: absolute.host,
            port: absolute.port,
            path,
            written: written.trim_end_matches('/').to_string(),
        })
    }

    /// The URL as written, without a trailing `/`.
    pub(crate) fn as_str(&self) -> &str {
        &self.written
    }
}

/// What a URL leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A path on the flow's own server: a route, if the flow maps it.
    Path(String),
    /// A URL elsewhere, as written (another host, a scheme that is not HTTP).
    Elsewhere(String),
}

/// Resolves `url`, written in the document served at the path `current`, under `base`.
pub(crate) fn resolve(base: Option<&BaseUrl>, current: &str, url: &str) -> Target {
    let written = url.trim();
    let without_fragment = written.split('#').next().unwrap_or("");
    let reference = without_fragment.split('?').next().unwrap_or("");
    if let Some(absolute) = Absolute::parse(reference) {
        return match base {
            Some(base) if absolute.is_under(base) => {
                Target::Path(remove_dot_segments(if absolute.path.is_empty() {
                    "/"
                } else {
                    &absolute.path
                }))
            }
            _ => Target::Elsewhere(written.to_string()),
        };
    }
    if let Some(rest) = reference.strip_prefix("//") {
        // A network-path reference: the scheme of the document, another authority.
        let scheme = base.map_or("https", |b| b.scheme.as_str());
        return resolve(base, current, &format!("{scheme}://{rest}"));
    }
    if reference.starts_with('/') {
        return Target::Path(remove_dot_segments(reference));
    }
    if reference.is_empty() {
        return Target::Path(current.to_string());
    }
    let directory = current.rfind('/').map_or("/", |i| &current[..=i]);
    Target::Path(remove_dot_segments(&format!("{directory}{reference}")))
}

/// The absolute URL that `reference`, written in the document served at `document_url`,
/// leads to, query string included, as Twilio requests it (RFC 3986, section 5.2). `None` when
/// `document_url` is not absolute.
///
/// ```
/// use twiml_core::callflow::join_url;
///
/// let here = "https://ivr.example.com/ivr/voice?lang=en";
/// assert_eq!(join_url(here, "menu?step=2").as_deref(), Some("https://ivr.example.com/ivr/menu?step=2"));
/// assert_eq!(join_url(here, "/agent").as_deref(), Some("https://ivr.example.com/agent"));
/// assert_eq!(join_url(here, "").as_deref(), Some("https://ivr.example.com/ivr/voice?lang=en"));
/// assert_eq!(join_url(here, "https://pay.example.net/x").as_deref(), Some("https://pay.example.net/x"));
/// ```
pub fn join_url(document_url: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    let reference = reference.split('#').next().unwrap_or("");
    let (scheme, rest) = document_url.split_once("://")?;
    if Absolute::parse(reference).is_some() {
        return Some(reference.to_string());
    }
    if reference.starts_with("//") {
        return Some(format!("{scheme}:{reference}"));
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    let tail = rest[authority_end..].split('#').next().unwrap_or("");
    let (base_path, base_query) = match tail.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (tail, None),
    };
    let base_path = if base_path.is_empty() { "/" } else { base_path };
    let (path, query) = match reference.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (reference, None),
    };
    let path = if path.is_empty() {
        base_path.to_string()
    } else if path.starts_with('/') {
        remove_dot_segments(path)
    } else {
        let directory = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
        remove_dot_segments(&format!("{directory}{path}"))
    };
    let query = match (reference.is_empty(), query) {
        (_, Some(query)) => Some(query),
        (true, None) => base_query,
        (false, None) => None,
    };
    Some(match query {
        Some(query) => format!("{origin}{path}?{query}"),
        None => format!("{origin}{path}"),
    })
}

/// An absolute URL, split.
struct Absolute {
    scheme: String,
    host: String,
    port: Option<u16>,
    path: String,
}

impl Absolute {
    fn parse(url: &str) -> Option<Absolute> {
        let colon = url.find(':')?;
        let scheme = &url[..colon];
        let valid_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid_scheme {
            return None;
        }
        let scheme = scheme.to_ascii_lowercase();
        let Some(rest) = url[colon + 1..].strip_prefix("//") else {
            // `tel:`, `sip:`, `mailto:`: absolute, with no host to compare.
            return Some(Absolute {
                scheme,
                host: String::new(),
                port: None,
                path: String::new(),
            });
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
                (host, port.parse::<u16>().ok())
            }
            _ => (authority, None),
        };
        let default_port = match scheme.as_str() {
            "https" | "wss" => Some(443),
            "http" | "ws" => Some(80),
            _ => None,
        };
        let port = port.filter(|p| Some(*p) != default_port);
        let path = rest[end..]
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_string();
        Some(Absolute {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
            path,
        })
    }

    /// Whether the URL is served by the flow's server, under its base path. `http` and
    /// `https` count as the same server: a plain-HTTP URL is GEN003's finding, not a way out
    /// of the flow.
    fn is_under(&self, base: &BaseUrl) -> bool {
        let web = |s: &str| matches!(s, "http" | "https");
        web(&self.scheme)
            && web(&base.scheme)
            && self.host == base.host
            && self.port == base.port
            && (base.path.is_empty()
                || self.path == base.path
                || self
                    .path
                    .strip_prefix(base.path.as_str())
                    .is_some_and(|rest| rest.starts_with('/')))
    }
}

/// RFC 3986, section 5.2.4: removes `.` and `..` segments from an absolute path.
fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." => {
                if i == last {
                    output.push("");
                }
            }
            ".." => {
                output.pop();
                if i == last {
                    output.push("");
                }
            }
            s => output.push(s),
        }
    }
    let mut resolved = String::with_capacity(path.len());
    for segment in &output {
        resolved.push('/');
        resolved.push_str(segment);
    }
    if resolved.is_empty() {
        resolved.push('/');
    }
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Target {
        Target::Path(p.to_string())
    }

    #[test]
    fn relative_urls_resolve_against_the_route_of_their_document() {
        let base = BaseUrl::parse("https://ivr.example.com").unwrap();
        let base = Some(&base);
        assert_eq!(resolve(base, "/voice", "/menu"), path("/menu"));
        assert_eq!(resolve(base, "/ivr/voice", "menu"), path("/ivr/menu"));
        assert_eq!(resolve(base, "/ivr/voice", "./menu"), path("/ivr/menu"));
        assert_eq!(resolve(base, "/ivr/voice", "../menu"), path("/menu"));
        assert_eq!(resolve(base, "/ivr/voice", "../../menu"), path("/menu"));
        assert_eq!(resolve(base, "/ivr/", "menu"), path("/ivr/menu"));
        assert_eq!(resolve(base, "/voice", ""), path("/voice"));
        assert_eq!(resolve(base, "/voice", "?step=2"), path("/voice"));
    }

    #[test]
    fn the_query_string_and_fragment_pick_no_route() {
        let base = BaseUrl::parse("https://ivr.example.com").unwrap();
        let base = Some(&base);
        assert_eq!(resolve(base, "/voice", "/menu?step=2&x=1"), path("/menu"));
        assert_eq!(resolve(base, "/voice", "/menu#top"), path("/menu"));
        assert_eq!(
            resolve(base, "/voice", "https://ivr.example.com/menu?lang=es"),
            path("/menu")
        );
    }

    #[test]
    fn absolute_urls_resolve_under_the_base_url_only() {
        let base = BaseUrl::parse("https://IVR.example.com/").unwrap();
        let base = Some(&base);
        assert_eq!(
            resolve(base, "/voice", "https://ivr.example.com/menu"),
            path("/menu")
        );
        assert_eq!(
            resolve(base, "/voice", "https://ivr.example.com:443/menu"),
            path("/menu")
        );
        // Plain HTTP to the same host is the same server (GEN003 reports the scheme).
        assert_eq!(
            resolve(base, "/voice", "http://ivr.example.com/menu"),
            path("/menu")
        );
        assert_eq!(
            resolve(base, "/voice", "https://pay.example.net/start"),
            Target::Elsewhere("https://pay.example.net/start".into())
        );
        assert_eq!(
            resolve(base, "/voice", "https://ivr.example.com:8443/menu"),
            Target::Elsewhere("https://ivr.example.com:8443/menu".into())
        );
        assert_eq!(
            resolve(base, "/voice", "//ivr.example.com/menu"),
            path("/menu")
        );
        assert_eq!(
            resolve(None, "/voice", "https://ivr.example.com/menu"),
            Target::Elsewhere("https://ivr.example.com/menu".into())
        );
    }

    #[test]
    fn a_base_path_must_prefix_the_url() {
        let base = BaseUrl::parse("https://example.com/ivr").unwrap();
        let base = Some(&base);
        assert_eq!(
            resolve(base, "/ivr/voice", "https://example.com/ivr/menu"),
            path("/ivr/menu")
        );
        assert_eq!(
            resolve(base, "/ivr/voice", "https://example.com/ivrx/menu"),
            Target::Elsewhere("https://example.com/ivrx/menu".into())
        );
        assert_eq!(
            resolve(base, "/ivr/voice", "https://example.com/other"),
            Target::Elsewhere("https://example.com/other".into())
        );
    }

    #[test]
    fn a_base_url_is_an_absolute_web_url() {
        assert!(BaseUrl::parse("ivr.example.com").is_err());
        assert!(BaseUrl::parse("wss://ivr.example.com").is_err());
        assert!(BaseUrl::parse("https://").is_err());
        assert!(BaseUrl::parse("https://ivr.example.com/?a=1").is_err());
        assert_eq!(
            BaseUrl::parse("https://ivr.example.com/").unwrap().as_str(),
            "https://ivr.example.com"
        );
    }

    #[test]
    fn other_schemes_lead_elsewhere() {
        let base = BaseUrl::parse("https://ivr.example.com").unwrap();
        assert_eq!(
            resolve(Some(&base), "/voice", "sip:agent@example.com"),
            Target::Elsewhere("sip:agent@example.com".into())
        );
    }
}
