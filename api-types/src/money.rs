//! Exact money: an [`Amount`] in integer minor units (cents) and its [`Currency`]. Never `f64`.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a piece of text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// Nothing, or something that is not a plain decimal (`1e3`, `NaN`, `12,5`, `+3`).
    #[error("'{0}' is not an amount (use digits with an optional '.' and up to 2 decimals)")]
    Malformed(String),
    /// More than two digits after the point.
    #[error("'{0}' has more than 2 decimals")]
    TooManyDecimals(String),
    /// Too large to represent exactly.
    #[error("'{0}' is too large")]
    Overflow(String),
}

/// An exact amount with two decimals, stored as signed minor units (`12.34` is `1234`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

impl Amount {
    /// Zero.
    pub const ZERO: Amount = Amount(0);

    /// An amount from minor units (cents).
    pub const fn from_minor(minor: i64) -> Self {
        Amount(minor)
    }

    /// An amount from whole major units, if it fits.
    pub fn from_major(major: i64) -> Option<Self> {
        major.checked_mul(100).map(Amount)
    }

    /// The amount in minor units (cents).
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// Parses `"125430.00"`, `"-3.5"`, `"7"`: digits, an optional point, at most two decimals.
    pub fn parse(text: &str) -> Result<Self, AmountError> {
        let malformed = || AmountError::Malformed(text.to_owned());
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits_only(whole)
            || !digits_only(frac)
            || (body.contains('.') && frac.is_empty())
        {
            return Err(malformed());
        }
        if frac.len() > 2 {
            return Err(AmountError::TooManyDecimals(text.to_owned()));
        }
        let overflow = || AmountError::Overflow(text.to_owned());
        let whole: i64 = whole.parse().map_err(|_| overflow())?;
        let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| malformed())?;
        let minor = whole
            .checked_mul(100)
            .and_then(|m| m.checked_add(cents))
            .ok_or_else(overflow)?;
        Ok(Amount(if negative { -minor } else { minor }))
    }

    /// Sum, or `None` on overflow.
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        self.0.checked_add(other.0).map(Amount)
    }

    /// Difference, or `None` on overflow.
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        self.0.checked_sub(other.0).map(Amount)
    }

    /// The amount with its sign flipped.
    pub fn negated(self) -> Amount {
        Amount(-self.0)
    }

    /// The absolute value.
    pub fn abs(self) -> Amount {
        Amount(self.0.abs())
    }

    /// True when strictly greater than zero.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// True when strictly less than zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl std::str::FromStr for Amount {
    type Err = AmountError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Amount::parse(s)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AmountVisitor)
    }
}

/// Accepts a decimal string or a JSON number, always from its exact text.
struct AmountVisitor;

impl<'de> Visitor<'de> for AmountVisitor {
    type Value = Amount;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an amount as a decimal string such as \"125430.00\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
        Amount::parse(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
        Amount::from_major(v).ok_or_else(|| E::custom(AmountError::Overflow(v.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
        let major =
            i64::try_from(v).map_err(|_| E::custom(AmountError::Overflow(v.to_string())))?;
        self.visit_i64(major)
    }

    /// serde_json with `arbitrary_precision` hands numbers over as a map holding their exact text.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Amount, A::Error> {
        let number = serde_json::Number::deserialize(de::value::MapAccessDeserializer::new(map))?;
        self.visit_str(&number.to_string())
    }
}

/// ISO 4217 currencies the bank holds; all have two minor digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub enum Currency {
    /// US dollar.
    USD,
    /// Euro.
    EUR,
    /// Pound sterling.
    GBP,
}

impl Currency {
    /// The ISO code, e.g. `"USD"`.
    pub fn code(self) -> &'static str {
        match self {
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::GBP => "GBP",
        }
    }

    /// The usual symbol, e.g. `"$"`.
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::USD => "$",
            Currency::EUR => "€",
            Currency::GBP => "£",
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount together with its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The exact amount.
    pub amount: Amount,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// Money from an amount and a currency.
    pub fn new(amount: Amount, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Formats for a BCP 47 locale: `en-US` → `$125,430.00`, `de-DE` → `125.430,00 €`, `fr-FR` → `125 430,00 €`.
    pub fn format(&self, locale: &str) -> String {
        let style = NumberStyle::for_locale(locale);
        let abs = self.amount.minor().unsigned_abs();
        let number = format!(
            "{}{}{:02}",
            group(abs / 100, style.group),
            style.decimal,
            abs % 100
        );
        let sign = if self.amount.is_negative() { "-" } else { "" };
        if style.symbol_first {
            format!("{sign}{}{number}", self.currency.symbol())
        } else {
            format!("{sign}{number}\u{a0}{}", self.currency.symbol())
        }
    }
}

/// Separators and symbol position of a locale.
struct NumberStyle {
    group: &'static str,
    decimal: char,
    symbol_first: bool,
}

impl NumberStyle {
    fn for_locale(locale: &str) -> Self {
        let language = locale
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase();
        match language.as_str() {
            "de" | "es" | "it" | "nl" | "pt" => NumberStyle {
                group: ".",
                decimal: ',',
                symbol_first: false,
            },
            "fr" => NumberStyle {
                group: "\u{202f}",
                decimal: ',',
                symbol_first: false,
            },
            _ => NumberStyle {
                group: ",",
                decimal: '.',
                symbol_first: true,
            },
        }
    }
}

/// Writes `n` with a separator every three digits.
fn group(n: u64, separator: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(separator);
        }
        out.push(c);
    }
    out
}

#[cfg(feature = "server")]
impl utoipa::PartialSchema for Amount {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(r"^-?\d+(\.\d{1,2})?$"))
            .description(Some(
                "Exact decimal amount with at most 2 decimals, sent as a string",
            ))
            .examples(["125430.00"])
            .into()
    }
}

#[cfg(feature = "server")]
impl utoipa::ToSchema for Amount {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_float_is_never_taken_for_an_amount() {
        let float = de::value::F64Deserializer::<de::value::Error>::new(0.1);
        assert!(Amount::deserialize(float).is_err());
        let number: Amount = serde_json::from_str("0.10").unwrap();
        assert_eq!(number.minor(), 10);
    }

    #[test]
    fn parses_and_prints_exactly() {
        for (text, minor, shown) in [
            ("125430.00", 12_543_000, "125430.00"),
            ("-3.5", -350, "-3.50"),
            ("7", 700, "7.00"),
            ("0.01", 1, "0.01"),
        ] {
            let a = Amount::parse(text).unwrap();
            assert_eq!(a.minor(), minor);
            assert_eq!(a.to_string(), shown);
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "", "-", ".5", "5.", "1e3", "NaN", "inf", "+3", "1,5", " 1", "1.2.3", "--1",
        ] {
            assert!(
                matches!(Amount::parse(bad), Err(AmountError::Malformed(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            Amount::parse("1.234"),
            Err(AmountError::TooManyDecimals(_))
        ));
        assert!(matches!(
            Amount::parse("99999999999999999999"),
            Err(AmountError::Overflow(_))
        ));
    }

    #[test]
    fn decodes_strings_and_numbers_exactly() {
        let from_json = |j: &str| serde_json::from_str::<Amount>(j);
        assert_eq!(from_json("\"0.10\"").unwrap().minor(), 10);
        assert_eq!(from_json("0.1").unwrap().minor(), 10);
        assert_eq!(from_json("125430.10").unwrap().minor(), 12_543_010);
        assert_eq!(from_json("42").unwrap().minor(), 4200);
        assert_eq!(
            from_json("90071992547409.93").unwrap().minor(),
            9_007_199_254_740_993
        );
        assert!(from_json("1.005").is_err());
        assert!(from_json("1e400").is_err());
        assert!(from_json("true").is_err());
        assert_eq!(
            serde_json::to_string(&Amount::from_minor(-5)).unwrap(),
            "\"-0.05\""
        );
    }

    #[test]
    fn formats_per_locale() {
        let m = Money::new(Amount::parse("125430.00").unwrap(), Currency::USD);
        assert_eq!(m.format("en-US"), "$125,430.00");
        let e = Money::new(Amount::parse("-1234567.5").unwrap(), Currency::EUR);
        assert_eq!(e.format("de-DE"), "-1.234.567,50\u{a0}€");
        assert_eq!(
            Money::new(Amount::ZERO, Currency::GBP).format("en-GB"),
            "£0.00"
        );
    }
}
