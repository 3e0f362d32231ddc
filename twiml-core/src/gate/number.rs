//! Telephone numbers and senders as the gate reads them.

use std::fmt;

use super::error::InputError;

/// A recipient's telephone number in E.164 form (`+13055550123`), with the area code and
/// exchange read out when it is a North American (NANP) number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    e164: String,
    nanp: Option<(u16, u16)>,
}

impl PhoneNumber {
    /// Reads a number in E.164 form. Spaces, dashes, dots and parentheses between the digits
    /// are ignored (`+1 (305) 555-0123`), and a `whatsapp:` prefix is accepted. A number with
    /// country code 1 must be a possible NANP number: ten digits, an area code and an exchange
    /// that start with 2 to 9, and an area code that is not N11.
    pub fn parse(value: &str) -> Result<PhoneNumber, InputError> {
        Self::parse_field("to", value)
    }

    /// [`PhoneNumber::parse`], with errors that name `field`.
    pub fn parse_field(field: &'static str, value: &str) -> Result<PhoneNumber, InputError> {
        let error = |reason| InputError::InvalidNumber {
            field,
            value: value.to_string(),
            reason,
        };
        let trimmed = value.trim();
        let trimmed = trimmed.strip_prefix("whatsapp:").unwrap_or(trimmed);
        let Some(rest) = trimmed.strip_prefix('+') else {
            return Err(error(
                "expected E.164 form: `+`, the country code, then the number, such as `+13055550123`",
            ));
        };
        let mut digits = String::with_capacity(16);
        digits.push('+');
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return Err(error("only digits may follow the `+`")),
            }
        }
        let count = digits.len() - 1;
        if !(8..=15).contains(&count) {
            return Err(error("an E.164 number has 8 to 15 digits"));
        }
        if digits.as_bytes()[1] == b'0' {
            return Err(error("no country code starts with 0"));
        }
        let nanp = if digits.as_bytes()[1] == b'1' {
            let national = &digits.as_bytes()[2..];
            if national.len() != 10 {
                return Err(error(
                    "a North American number has ten digits after the `+1`",
                ));
            }
            if national[0] < b'2' || national[3] < b'2' {
                return Err(error(
                    "a North American area code and exchange start with 2 to 9",
                ));
            }
            if national[1] == b'1' && national[2] == b'1' {
                return Err(error(
                    "an N11 code (such as 411 or 911) is not an area code",
                ));
            }
            let number = |range: std::ops::Range<usize>| {
                national[range]
                    .iter()
                    .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'))
            };
            Some((number(0..3), number(3..6)))
        } else {
            None
        };
        Ok(PhoneNumber { e164: digits, nanp })
    }

    /// The number in E.164 form.
    pub fn e164(&self) -> &str {
        &self.e164
    }

    /// The area code and the exchange of a NANP number (`(305, 555)`).
    pub fn nanp(&self) -> Option<(u16, u16)> {
        self.nanp
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

/// Who sends: Twilio's `From`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Sender {
    /// A telephone number.
    Number(PhoneNumber),
    /// A short code: five or six digits.
    ShortCode(String),
    /// A messaging service, by its SID (`MG` and 32 hexadecimal digits).
    MessagingService(String),
    /// An alphanumeric sender ID: up to 11 letters, digits and spaces, with at least one
    /// letter.
    Alphanumeric(String),
}

impl Sender {
    /// Reads a sender; an error names the `from` field.
    pub fn parse(value: &str) -> Result<Sender, InputError> {
        let trimmed = value.trim();
        let bare = trimmed.strip_prefix("whatsapp:").unwrap_or(trimmed);
        if bare.starts_with('+') {
            return PhoneNumber::parse_field("from", bare).map(Sender::Number);
        }
        let invalid = || InputError::InvalidSender {
            value: value.to_string(),
        };
        if bare.len() == 34
            && bare.starts_with("MG")
            && bare[2..].bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Ok(Sender::MessagingService(bare.to_string()));
        }
        if (5..=6).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Sender::ShortCode(bare.to_string()));
        }
        let alphanumeric = (1..=11).contains(&bare.len())
            && bare.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
            && bare.bytes().any(|b| b.is_ascii_alphabetic());
        if alphanumeric {
            return Ok(Sender::Alphanumeric(bare.to_string()));
        }
        Err(invalid())
    }
}

impl fmt::Display for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sender::Number(n) => n.fmt(f),
            Sender::ShortCode(s) | Sender::MessagingService(s) | Sender::Alphanumeric(s) => {
                f.write_str(s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanp_numbers() {
        let n = PhoneNumber::parse("+1 (305) 555-0123").unwrap();
        assert_eq!(n.e164(), "+13055550123");
        assert_eq!(n.nanp(), Some((305, 555)));
        assert_eq!(
            PhoneNumber::parse("whatsapp:+13055550123").unwrap().nanp(),
            Some((305, 555))
        );
        assert_eq!(PhoneNumber::parse("+442079460000").unwrap().nanp(), None);
    }

    #[test]
    fn malformed_numbers_name_the_field() {
        for bad in [
            "",
            "3055550123",
            "+1305555012",
            "+130555501234",
            "+10555550123",
            "+13051550123",
            "+19115550123",
            "+1305555O123",
            "+0123456789",
            "+1234",
            "+",
            "++13055550123",
        ] {
            let e = PhoneNumber::parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("`to`: "), "{bad}: {e}");
        }
    }

    #[test]
    fn senders() {
        assert!(matches!(
            Sender::parse("+13055550100"),
            Ok(Sender::Number(_))
        ));
        assert!(matches!(Sender::parse("12345"), Ok(Sender::ShortCode(_))));
        assert!(matches!(
            Sender::parse("MG0123456789abcdef0123456789abcdef"),
            Ok(Sender::MessagingService(_))
        ));
        assert!(matches!(Sender::parse("Acme"), Ok(Sender::Alphanumeric(_))));
        for bad in ["", "1234", "Acme-Corp!", "a very long sender id", "+1305"] {
            let e = Sender::parse(bad).unwrap_err();
            assert!(e.to_string().starts_with("`from`: "), "{bad}: {e}");
        }
    }
}
