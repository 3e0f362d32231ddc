//! What a message is for: Twilio's `MessageIntent` values, the 10DLC use cases a campaign is
//! registered under, and whether each is essential.

use std::fmt;

use super::error::InputError;

/// Essential or not, as Twilio's Compliance Toolkit divides messages: essential messages
/// are exempt from quiet hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum Class {
    /// One-time codes, fraud and security alerts, account notifications, customer care,
    /// delivery notices.
    Essential,
    /// Marketing, events, education, polling, announcements.
    NonEssential,
}

impl Class {
    /// `essential` or `non-essential`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Class::Essential => "essential",
            Class::NonEssential => "non-essential",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! intents {
    ($( $(#[$doc:meta])* $variant:ident $name:literal $class:ident; )*) => {
        /// Twilio's `MessageIntent` values.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum MessageIntent {
            $( $(#[$doc])* $variant, )*
        }

        impl MessageIntent {
            /// Every intent, the essential ones first.
            pub const ALL: &'static [MessageIntent] = &[$(MessageIntent::$variant),*];

            /// Twilio's spelling (`customercare`).
            pub const fn as_str(self) -> &'static str {
                match self { $(MessageIntent::$variant => $name,)* }
            }

            /// Whether the intent is essential.
            pub const fn class(self) -> Class {
                match self { $(MessageIntent::$variant => Class::$class,)* }
            }
        }
    };
}

intents! {
    /// A one-time code.
    Otp "otp" Essential;
    /// An account or service notification: an appointment, a payment due, a reservation.
    Notifications "notifications" Essential;
    /// A fraud alert.
    Fraud "fraud" Essential;
    /// A security alert: a new sign-in, a changed password.
    Security "security" Essential;
    /// Customer care: an answer to the customer, a support case.
    CustomerCare "customercare" Essential;
    /// A delivery notice.
    Delivery "delivery" Essential;
    /// Marketing and promotions.
    Marketing "marketing" NonEssential;
    /// Events: invitations, charity events.
    Events "events" NonEssential;
    /// Education: tips, courses.
    Education "education" NonEssential;
    /// Polling: surveys, votes.
    Polling "polling" NonEssential;
    /// Announcements: news, openings.
    Announcements "announcements" NonEssential;
}

impl MessageIntent {
    /// The intent with Twilio's spelling, in any case; an unknown value is an error naming the
    /// `intent` field.
    pub fn parse(value: &str) -> Result<MessageIntent, InputError> {
        let trimmed = value.trim();
        MessageIntent::ALL
            .iter()
            .copied()
            .find(|i| i.as_str().eq_ignore_ascii_case(trimmed))
            .ok_or_else(|| InputError::UnknownIntent {
                value: value.to_string(),
            })
    }
}

impl fmt::Display for MessageIntent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for MessageIntent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

macro_rules! use_cases {
    ($( $(#[$doc:meta])* $variant:ident $name:literal $intent:expr; )*) => {
        /// A 10DLC campaign use case, as The Campaign Registry and Twilio name them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum UseCase {
            $( $(#[$doc])* $variant, )*
        }

        impl UseCase {
            /// Every use case the gate knows.
            pub const ALL: &'static [UseCase] = &[$(UseCase::$variant),*];

            /// The registry's spelling (`DELIVERY_NOTIFICATION`).
            pub const fn as_str(self) -> &'static str {
                match self { $(UseCase::$variant => $name,)* }
            }

            /// The intent the use case stands for; `None` for a mixed or low-volume campaign,
            /// whose messages the classifier reads one by one.
            pub const fn intent(self) -> Option<MessageIntent> {
                match self { $(UseCase::$variant => $intent,)* }
            }
        }
    };
}

use_cases! {
    /// Two-factor authentication codes.
    TwoFactor "2FA" Some(MessageIntent::Otp);
    /// Account notifications.
    AccountNotification "ACCOUNT_NOTIFICATION" Some(MessageIntent::Notifications);
    /// Customer care.
    CustomerCare "CUSTOMER_CARE" Some(MessageIntent::CustomerCare);
    /// Delivery notifications.
    DeliveryNotification "DELIVERY_NOTIFICATION" Some(MessageIntent::Delivery);
    /// Fraud alerts.
    FraudAlert "FRAUD_ALERT" Some(MessageIntent::Fraud);
    /// Security alerts.
    SecurityAlert "SECURITY_ALERT" Some(MessageIntent::Security);
    /// Emergency notices.
    Emergency "EMERGENCY" Some(MessageIntent::Notifications);
    /// Marketing.
    Marketing "MARKETING" Some(MessageIntent::Marketing);
    /// Sweepstakes.
    Sweepstake "SWEEPSTAKE" Some(MessageIntent::Marketing);
    /// Charity: Twilio lists charity with events among non-essential messages.
    Charity "CHARITY" Some(MessageIntent::Events);
    /// Higher education.
    HigherEducation "HIGHER_EDUCATION" Some(MessageIntent::Education);
    /// Kindergarten to grade 12 education.
    K12Education "K12_EDUCATION" Some(MessageIntent::Education);
    /// Polling and voting.
    PollingVoting "POLLING_VOTING" Some(MessageIntent::Polling);
    /// Public service announcements.
    PublicServiceAnnouncement "PUBLIC_SERVICE_ANNOUNCEMENT" Some(MessageIntent::Announcements);
    /// Political campaigns.
    Political "POLITICAL" Some(MessageIntent::Announcements);
    /// Several use cases in one campaign.
    Mixed "MIXED" None;
    /// A low-volume mixed campaign.
    LowVolume "LOW_VOLUME" None;
}

impl UseCase {
    /// The use case with this name, in any case, with `-` or `_` between words
    /// (`delivery-notification`); an unknown value is an error naming the `use-case` field.
    pub fn parse(value: &str) -> Result<UseCase, InputError> {
        let wanted: String = value
            .trim()
            .chars()
            .map(|c| {
                if c == '-' {
                    '_'
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect();
        UseCase::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == wanted)
            .ok_or_else(|| InputError::UnknownUseCase {
                value: value.to_string(),
                expected: UseCase::ALL
                    .iter()
                    .map(|u| u.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

impl fmt::Display for UseCase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twilio_lists_six_essential_and_five_non_essential_intents() {
        let essential: Vec<&str> = MessageIntent::ALL
            .iter()
            .filter(|i| i.class() == Class::Essential)
            .map(|i| i.as_str())
            .collect();
        assert_eq!(
            essential,
            [
                "otp",
                "notifications",
                "fraud",
                "security",
                "customercare",
                "delivery"
            ]
        );
        let other: Vec<&str> = MessageIntent::ALL
            .iter()
            .filter(|i| i.class() == Class::NonEssential)
            .map(|i| i.as_str())
            .collect();
        assert_eq!(
            other,
            [
                "marketing",
                "events",
                "education",
                "polling",
                "announcements"
            ]
        );
    }

    #[test]
    fn parsing() {
        assert_eq!(
            MessageIntent::parse("CustomerCare"),
            Ok(MessageIntent::CustomerCare)
        );
        let e = MessageIntent::parse("promo").unwrap_err().to_string();
        assert!(e.starts_with("`intent`: unknown intent `promo`"), "{e}");
        assert_eq!(
            UseCase::parse("delivery-notification"),
            Ok(UseCase::DeliveryNotification)
        );
        assert_eq!(UseCase::parse("2fa"), Ok(UseCase::TwoFactor));
        assert!(
            UseCase::parse("shipping")
                .unwrap_err()
                .to_string()
                .starts_with("`use-case`: ")
        );
    }
}
