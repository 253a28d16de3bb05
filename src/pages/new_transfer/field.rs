//! The new-transfer form's fields, their element ids, the server's names for them, and a set of errors by field.

use std::collections::BTreeMap;

use digibank_api_types::FieldError;

/// One input of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The account to send from.
    From,
    /// The destination (own account or external number).
    To,
    /// The amount.
    Amount,
    /// The description.
    Description,
    /// The execution date of a scheduled transfer.
    Date,
    /// How many times a recurring transfer runs.
    Count,
}

impl Field {
    /// Every field, in the order they appear on screen.
    pub const ALL: [Field; 6] = [
        Field::From,
        Field::To,
        Field::Amount,
        Field::Description,
        Field::Date,
        Field::Count,
    ];

    /// The element id of the field's input.
    pub fn id(self) -> &'static str {
        match self {
            Field::From => "transfer-from",
            Field::To => "transfer-to",
            Field::Amount => "transfer-amount",
            Field::Description => "transfer-description",
            Field::Date => "transfer-date",
            Field::Count => "transfer-count",
        }
    }

    /// The field a server error names (`errors[].field`), if the form has it.
    pub fn from_wire(name: &str) -> Option<Field> {
        match name {
            "fromAccountId" | "currency" | "transfer.fromAccountId" | "transfer.currency" => {
                Some(Field::From)
            }
            "toAccountId" | "transfer.toAccountId" => Some(Field::To),
            "amount" | "transfer.amount" => Some(Field::Amount),
            "description" | "transfer.description" => Some(Field::Description),
            "executeAt" => Some(Field::Date),
            "recurrence" | "recurrence.count" => Some(Field::Count),
            _ => None,
        }
    }
}

/// At most one message per field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<Field, String>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> Self {
        FieldErrors::default()
    }

    /// Records `message` for `field` unless it already has one (the first problem found is shown).
    pub fn add(&mut self, field: Field, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    /// The message of `field`.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }

    /// Forgets `field`'s message (the customer changed it).
    pub fn clear(&mut self, field: Field) {
        self.0.remove(&field);
    }

    /// True when no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The server's `errors[]` placed by field, plus the messages the form has no field for.
    pub fn from_server(errors: &[FieldError]) -> (FieldErrors, Vec<String>) {
        let mut placed = FieldErrors::new();
        let mut unplaced = Vec::new();
        for error in errors {
            match Field::from_wire(&error.field) {
                Some(field) => placed.add(field, error.message.clone()),
                None => unplaced.push(error.message.clone()),
            }
        }
        (placed, unplaced)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_errors_land_on_their_fields_and_the_rest_is_kept() {
        let errors = [
            FieldError::new(
                "amount",
                "daily_limit",
                "This would exceed your daily limit",
            ),
            FieldError::new(
                "amount",
                "insufficient_funds",
                "Insufficient available balance",
            ),
            FieldError::new("transfer.toAccountId", "invalid", "Bad number"),
            FieldError::new("weather", "odd", "Something else"),
        ];
        let (placed, unplaced) = FieldErrors::from_server(&errors);
        assert_eq!(
            placed.get(Field::Amount),
            Some("This would exceed your daily limit")
        );
        assert_eq!(placed.get(Field::To), Some("Bad number"));
        assert_eq!(unplaced, vec!["Something else".to_owned()]);
    }

    #[test]
    fn ids_are_distinct_and_clearing_works() {
        let mut ids: Vec<_> = Field::ALL.iter().map(|f| f.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Field::ALL.len());
        let mut errors = FieldErrors::new();
        errors.add(Field::Date, "x");
        errors.clear(Field::Date);
        assert!(errors.is_empty());
    }
}
