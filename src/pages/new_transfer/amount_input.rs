//! The amount field's text parsed exactly into an [`Amount`] (never through a float), with the form's rules:
//! a plain decimal (thousands separators allowed), greater than zero, at most two decimals, at most the
//! single-transfer maximum and, for a transfer made now, at most the available balance.

use digibank_api_types::{Amount, AmountError, Currency, MAX_TRANSFER_AMOUNT, Money};

use crate::components::LOCALE;

/// Why the amount field's text is not an amount the customer may send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountInputError {
    /// Nothing typed.
    #[error("Enter an amount.")]
    Empty,
    /// Not a plain decimal (letters, two points, misplaced separators, an exponent…).
    #[error("Enter an amount like 250.00.")]
    Malformed,
    /// More than two digits after the point.
    #[error("Use at most 2 decimals.")]
    TooManyDecimals,
    /// Zero or negative.
    #[error("The amount must be greater than zero.")]
    NotPositive,
    /// Over [`MAX_TRANSFER_AMOUNT`].
    #[error("The most you can send at once is {0}.")]
    OverMaximum(String),
    /// Over the source account's available balance.
    #[error("That is more than the available balance of {0}.")]
    OverAvailable(String),
}

/// Parses the field's text: `"250"`, `"250.5"`, `"1,250.00"`, surrounding spaces ignored.
pub fn parse_amount_input(text: &str) -> Result<Amount, AmountInputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AmountInputError::Empty);
    }
    let plain = without_grouping(text).ok_or(AmountInputError::Malformed)?;
    let amount = Amount::parse(&plain).map_err(|error| match error {
        AmountError::Malformed(_) => AmountInputError::Malformed,
        AmountError::TooManyDecimals(_) => AmountInputError::TooManyDecimals,
        AmountError::Overflow(_) => over_maximum(),
    })?;
    if !amount.is_positive() {
        return Err(AmountInputError::NotPositive);
    }
    if amount > MAX_TRANSFER_AMOUNT {
        return Err(over_maximum());
    }
    Ok(amount)
}

/// [`parse_amount_input`], then at most `available` (in `currency`).
pub fn check_amount(
    text: &str,
    available: Amount,
    currency: Currency,
) -> Result<Amount, AmountInputError> {
    let amount = parse_amount_input(text)?;
    if amount > available {
        let shown = Money::new(available, currency).format(LOCALE);
        return Err(AmountInputError::OverAvailable(shown));
    }
    Ok(amount)
}

/// The maximum-exceeded error, with the maximum formatted.
fn over_maximum() -> AmountInputError {
    AmountInputError::OverMaximum(Money::new(MAX_TRANSFER_AMOUNT, Currency::USD).format(LOCALE))
}

/// `text` without its thousands separators, or `None` when commas are misplaced (`"1,2,3"`, `"12,50"`).
fn without_grouping(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (whole, rest) = match text.split_once('.') {
        Some((whole, frac)) => (whole, Some(frac)),
        None => (text, None),
    };
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len());
    let others_ok = groups.all(|g| g.len() == 3);
    if !(first_ok && others_ok) || rest.is_some_and(|frac| frac.contains(',')) {
        return None;
    }
    let digits = whole.replace(',', "");
    Some(match rest {
        Some(frac) => format!("{digits}.{frac}"),
        None => digits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cents(text: &str) -> Result<i64, AmountInputError> {
        parse_amount_input(text).map(Amount::minor)
    }

    #[test]
    fn plain_decimals_are_read_exactly() {
        assert_eq!(cents("250"), Ok(25_000));
        assert_eq!(cents(" 250.5 "), Ok(25_050));
        assert_eq!(cents("0.01"), Ok(1));
        assert_eq!(cents("1,250.00"), Ok(125_000));
        assert_eq!(cents("100,000"), Ok(10_000_000));
        assert_eq!(
            cents("0.29"),
            Ok(29),
            "no binary rounding: 0.29 is 29 cents"
        );
    }

    #[test]
    fn format_errors() {
        assert_eq!(cents(""), Err(AmountInputError::Empty));
        assert_eq!(cents("   "), Err(AmountInputError::Empty));
        for bad in [
            "abc",
            "1e3",
            "12,50",
            "1,2,3",
            "1.2.3",
            "1.",
            ".5",
            "+5",
            "NaN",
            "1 000",
            "$5",
            "1,234.5,6",
        ] {
            assert_eq!(cents(bad), Err(AmountInputError::Malformed), "{bad}");
        }
        assert_eq!(cents("1.234"), Err(AmountInputError::TooManyDecimals));
    }

    #[test]
    fn must_be_positive_and_at_most_the_maximum() {
        assert_eq!(cents("0"), Err(AmountInputError::NotPositive));
        assert_eq!(cents("0.00"), Err(AmountInputError::NotPositive));
        assert_eq!(cents("-5"), Err(AmountInputError::NotPositive));
        assert_eq!(cents("100000.00"), Ok(10_000_000));
        let over = AmountInputError::OverMaximum("$100,000.00".into());
        assert_eq!(cents("100000.01"), Err(over.clone()));
        assert_eq!(cents("99999999999999999999"), Err(over));
    }

    #[test]
    fn must_be_at_most_the_available_balance() {
        let available = Amount::from_minor(2_543_000);
        assert_eq!(
            check_amount("25430", available, Currency::USD),
            Ok(available)
        );
        let error = check_amount("25430.01", available, Currency::USD).unwrap_err();
        assert_eq!(
            error.to_string(),
            "That is more than the available balance of $25,430.00."
        );
    }
}
