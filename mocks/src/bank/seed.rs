//! Deterministic seed data: demo users alice and bob, their accounts and a few thousand transactions each.
//!
//! Histories are generated backwards from each account's seed balance with a seeded PRNG, so every
//! `balanceAfter` is consistent and the newest one equals the account balance. Nothing reads the wall clock:
//! the history ends on the configured seed date.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use digibank_api_types::{AccountStatus, AccountType, Currency, TransactionType};
use time::Date;

use crate::bank::{AccountRecord, TransactionRecord};
use crate::clock::Millis;
use crate::dates::start_of_day;
use crate::prng::Prng;

/// What seed data to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SeedParams {
    /// PRNG seed.
    pub seed: u64,
    /// Last day of the generated history (UTC).
    pub last_day: Date,
    /// Transactions generated per account.
    pub per_account: u32,
}

/// Accounts and their histories (oldest first), as built from [`SeedParams`].
#[derive(Debug)]
pub struct SeedData {
    /// Every account.
    pub accounts: Vec<AccountRecord>,
    /// Per account, in the same order, its transactions oldest first.
    pub transactions: Vec<Vec<TransactionRecord>>,
}

/// Demo users and their display names.
pub const DEMO_USERS: [(&str, &str, &str); 2] = [
    ("alice", "Alice Martin", "alice@digibank.example"),
    ("bob", "Bob Nguyen", "bob@digibank.example"),
];

/// True for a demo user's subject.
pub fn is_demo_user(sub: &str) -> bool {
    DEMO_USERS.iter().any(|(s, _, _)| *s == sub)
}

/// Seed data for `params`, built once per process and shared.
pub fn seed_data(params: SeedParams) -> Arc<SeedData> {
    static CACHE: OnceLock<Mutex<HashMap<SeedParams, Arc<SeedData>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(params)
        .or_insert_with(|| Arc::new(build(params)))
        .clone()
}

fn build(params: SeedParams) -> SeedData {
    let mut rng = Prng::new(params.seed);
    let end = start_of_day(params.last_day) + 18 * 3_600_000;
    let accounts: Vec<AccountRecord> = SPECS.iter().map(AccountSpec::record).collect();
    let transactions = SPECS
        .iter()
        .map(|spec| history(spec, &mut rng, end, params.per_account))
        .collect();
    SeedData {
        accounts,
        transactions,
    }
}

/// How long the generated history spans.
const HISTORY_SPAN: Millis = 730 * 86_400_000;

/// Generates `count` transactions ending at `end` whose last balance is the spec's balance.
fn history(spec: &AccountSpec, rng: &mut Prng, end: Millis, count: u32) -> Vec<TransactionRecord> {
    let mean_gap = HISTORY_SPAN / i64::from(count.max(1));
    let (mut at, mut balance) = (end, spec.balance);
    let mut newest_first = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let template = choose(spec, rng, balance);
        let magnitude = rng.range(template.min, template.max) / template.step * template.step;
        let amount = if template.credit {
            magnitude
        } else {
            -magnitude
        };
        let counterparty = *rng.pick(template.counterparties);
        newest_first.push(TransactionRecord {
            number: 0,
            booked_at: at,
            description: Cow::Borrowed(template.description),
            counterparty: Cow::Borrowed(counterparty),
            amount,
            kind: template.kind,
            balance_after: balance,
        });
        balance -= amount;
        at -= rng.range(60_000, 2 * mean_gap);
    }
    newest_first.reverse();
    for (number, record) in newest_first.iter_mut().enumerate() {
        record.number = number as u32;
    }
    newest_first
}

/// Picks a template whose reversal keeps the earlier balance inside the account's hard bounds,
/// leaning back toward the account's usual band (generation runs backwards: before = after − amount).
fn choose(spec: &AccountSpec, rng: &mut Prng, after: i64) -> &'static Template {
    let want_credit = if after > spec.band.1 {
        Some(true)
    } else if after < spec.band.0 {
        Some(false)
    } else {
        None
    };
    for _ in 0..16 {
        let template = weighted(spec.templates, rng);
        let fits_lean = want_credit.is_none_or(|credit| template.credit == credit);
        let lowest_before = after
            - if template.credit {
                template.max
            } else {
                -template.min
            };
        let highest_before = after
            - if template.credit {
                template.min
            } else {
                -template.max
            };
        if fits_lean && lowest_before >= spec.hard.0 && highest_before <= spec.hard.1 {
            return template;
        }
    }
    spec.templates
        .iter()
        .find(|t| !t.credit && after + t.max <= spec.hard.1)
        .unwrap_or(&spec.templates[0])
}

fn weighted(templates: &'static [Template], rng: &mut Prng) -> &'static Template {
    let total: u64 = templates.iter().map(|t| u64::from(t.weight)).sum();
    let mut roll = rng.next_u64() % total.max(1);
    for template in templates {
        if roll < u64::from(template.weight) {
            return template;
        }
        roll -= u64::from(template.weight);
    }
    &templates[0]
}

/// One kind of transaction an account sees.
#[derive(Debug)]
struct Template {
    kind: TransactionType,
    description: &'static str,
    counterparties: &'static [&'static str],
    /// Smallest and largest magnitude in cents.
    min: i64,
    max: i64,
    /// Amounts are multiples of this (cents).
    step: i64,
    credit: bool,
    weight: u32,
}

const fn t(
    kind: TransactionType,
    description: &'static str,
    counterparties: &'static [&'static str],
    min: i64,
    max: i64,
    credit: bool,
    weight: u32,
) -> Template {
    Template {
        kind,
        description,
        counterparties,
        min,
        max,
        step: 1,
        credit,
        weight,
    }
}

const fn stepped(template: Template, step: i64) -> Template {
    Template { step, ..template }
}

use TransactionType::{Card, Deposit, Fee, Interest, Transfer, Withdrawal};

static EVERYDAY: [Template; 16] = [
    t(
        Card,
        "Groceries",
        &[
            "Whole Foods Market",
            "Trader Joe's",
            "Safeway",
            "Kroger",
            "Costco",
        ],
        12_00,
        240_00,
        false,
        30,
    ),
    t(
        Card,
        "Coffee",
        &[
            "Starbucks",
            "Blue Bottle Coffee",
            "Peet's Coffee",
            "Dunkin'",
        ],
        3_50,
        14_00,
        false,
        20,
    ),
    t(
        Card,
        "Fuel",
        &["Shell", "Chevron", "BP", "ExxonMobil"],
        25_00,
        90_00,
        false,
        8,
    ),
    t(
        Card,
        "Online shopping",
        &["Amazon", "Etsy", "Best Buy", "Apple Store", "IKEA"],
        9_99,
        450_00,
        false,
        12,
    ),
    t(
        Card,
        "Restaurant",
        &[
            "Chipotle",
            "The Cheesecake Factory",
            "Olive Garden",
            "Sushi Zen",
            "Shake Shack",
        ],
        14_00,
        160_00,
        false,
        12,
    ),
    t(Card, "Ride", &["Uber", "Lyft"], 8_00, 55_00, false, 6),
    t(
        Card,
        "Subscription",
        &["Netflix", "Spotify", "iCloud Storage", "The New York Times"],
        2_99,
        22_99,
        false,
        5,
    ),
    t(
        Card,
        "Pharmacy",
        &["CVS Pharmacy", "Walgreens"],
        6_00,
        80_00,
        false,
        4,
    ),
    stepped(
        t(
            Withdrawal,
            "ATM withdrawal",
            &["ATM 5th Avenue", "ATM Market Street", "ATM Union Station"],
            20_00,
            400_00,
            false,
            4,
        ),
        20_00,
    ),
    t(
        Deposit,
        "Salary",
        &["ACME Corporation Payroll"],
        3_800_00,
        4_200_00,
        true,
        5,
    ),
    t(
        Deposit,
        "Mobile check deposit",
        &["Check deposit"],
        50_00,
        1_500_00,
        true,
        3,
    ),
    t(
        Transfer,
        "Rent",
        &["Parkview Apartments LLC"],
        2_150_00,
        2_150_00,
        false,
        2,
    ),
    t(
        Transfer,
        "Utilities",
        &[
            "Pacific Gas & Electric",
            "Comcast Xfinity",
            "City Water Dept.",
        ],
        45_00,
        210_00,
        false,
        4,
    ),
    t(
        Transfer,
        "Payment received",
        &["Jordan Lee", "Sam Rivera", "Priya Patel", "Chris O'Neil"],
        10_00,
        300_00,
        true,
        5,
    ),
    t(
        Fee,
        "Monthly maintenance fee",
        &["digibank"],
        12_00,
        12_00,
        false,
        1,
    ),
    t(Interest, "Interest paid", &["digibank"], 5, 2_50, true, 1),
];

static SAVINGS: [Template; 4] = [
    t(
        Interest,
        "Interest paid",
        &["digibank"],
        20_00,
        140_00,
        true,
        6,
    ),
    t(
        Transfer,
        "Transfer from checking",
        &["Own account"],
        100_00,
        1_500_00,
        true,
        10,
    ),
    t(
        Deposit,
        "Deposit",
        &["Branch deposit", "Tax refund IRS"],
        200_00,
        3_000_00,
        true,
        2,
    ),
    t(
        Transfer,
        "Transfer to checking",
        &["Own account"],
        100_00,
        2_500_00,
        false,
        8,
    ),
];

static CREDIT: [Template; 7] = [
    t(
        Card,
        "Groceries",
        &["Whole Foods Market", "Costco", "Safeway"],
        12_00,
        220_00,
        false,
        25,
    ),
    t(
        Card,
        "Travel",
        &["Delta Air Lines", "Marriott", "Hertz", "Airbnb"],
        80_00,
        900_00,
        false,
        6,
    ),
    t(
        Card,
        "Restaurant",
        &["Nobu", "Shake Shack", "Olive Garden", "Blue Ribbon Sushi"],
        18_00,
        240_00,
        false,
        15,
    ),
    t(
        Card,
        "Online shopping",
        &["Amazon", "Apple Store", "Best Buy", "Nordstrom"],
        9_99,
        650_00,
        false,
        14,
    ),
    t(
        Transfer,
        "Payment - thank you",
        &["Autopay from checking"],
        200_00,
        2_500_00,
        true,
        8,
    ),
    t(
        Interest,
        "Purchase interest charge",
        &["digibank"],
        5_00,
        60_00,
        false,
        2,
    ),
    t(
        Fee,
        "Foreign transaction fee",
        &["digibank"],
        1_00,
        9_00,
        false,
        1,
    ),
];

static EURO: [Template; 6] = [
    t(
        Card,
        "Groceries",
        &["Carrefour", "Lidl", "Albert Heijn", "REWE"],
        8_00,
        120_00,
        false,
        25,
    ),
    t(
        Card,
        "Café",
        &["Café de Flore", "Espresso House", "Café Central"],
        2_80,
        12_00,
        false,
        15,
    ),
    t(
        Card,
        "Train",
        &["SNCF", "Deutsche Bahn", "NS"],
        19_00,
        140_00,
        false,
        6,
    ),
    t(
        Card,
        "Museum",
        &["Musée du Louvre", "Rijksmuseum", "Museo del Prado"],
        12_00,
        35_00,
        false,
        3,
    ),
    t(
        Transfer,
        "Top-up",
        &["Own account"],
        200_00,
        1_000_00,
        true,
        8,
    ),
    stepped(
        t(
            Withdrawal,
            "ATM withdrawal",
            &["Geldautomat Berlin Hbf", "Distributeur Paris Gare du Nord"],
            20_00,
            200_00,
            false,
            3,
        ),
        10_00,
    ),
];

/// How to build one seed account.
struct AccountSpec {
    id: &'static str,
    owner: &'static str,
    name: &'static str,
    kind: AccountType,
    number: &'static str,
    currency: Currency,
    balance: i64,
    credit_limit: i64,
    /// Usual balance range the history leans back into.
    band: (i64, i64),
    /// Balances the history never leaves.
    hard: (i64, i64),
    templates: &'static [Template],
}

impl AccountSpec {
    fn record(&self) -> AccountRecord {
        AccountRecord {
            id: self.id.to_owned(),
            owner: self.owner.to_owned(),
            name: self.name.to_owned(),
            account_type: self.kind,
            number: self.number.to_owned(),
            currency: self.currency,
            balance: self.balance,
            held: 0,
            credit_limit: self.credit_limit,
            status: AccountStatus::Open,
        }
    }
}

const NO_CEILING: i64 = i64::MAX / 4;

static SPECS: [AccountSpec; 6] = [
    AccountSpec {
        id: "1",
        owner: "alice",
        name: "Checking Account",
        kind: AccountType::Checking,
        number: "4401237894821",
        currency: Currency::USD,
        balance: 125_430_00,
        credit_limit: 0,
        band: (80_000_00, 140_000_00),
        hard: (0, NO_CEILING),
        templates: &EVERYDAY,
    },
    AccountSpec {
        id: "2",
        owner: "alice",
        name: "Savings Account",
        kind: AccountType::Savings,
        number: "4401237897730",
        currency: Currency::USD,
        balance: 45_200_00,
        credit_limit: 0,
        band: (30_000_00, 50_000_00),
        hard: (0, NO_CEILING),
        templates: &SAVINGS,
    },
    AccountSpec {
        id: "3",
        owner: "alice",
        name: "Platinum Card",
        kind: AccountType::Credit,
        number: "5500119876549012",
        currency: Currency::USD,
        balance: -1_842_37,
        credit_limit: 15_000_00,
        band: (-6_000_00, -200_00),
        hard: (-15_000_00, 0),
        templates: &CREDIT,
    },
    AccountSpec {
        id: "4",
        owner: "bob",
        name: "Everyday Checking",
        kind: AccountType::Checking,
        number: "4401555012268",
        currency: Currency::USD,
        balance: 3_250_75,
        credit_limit: 0,
        band: (1_500_00, 9_000_00),
        hard: (0, NO_CEILING),
        templates: &EVERYDAY,
    },
    AccountSpec {
        id: "5",
        owner: "bob",
        name: "Rainy Day Savings",
        kind: AccountType::Savings,
        number: "4401555014417",
        currency: Currency::USD,
        balance: 12_000_00,
        credit_limit: 0,
        band: (8_000_00, 16_000_00),
        hard: (0, NO_CEILING),
        templates: &SAVINGS,
    },
    AccountSpec {
        id: "6",
        owner: "bob",
        name: "Travel Euro Account",
        kind: AccountType::Checking,
        number: "DE89370400440532013000",
        currency: Currency::EUR,
        balance: 800_00,
        credit_limit: 0,
        band: (300_00, 2_500_00),
        hard: (0, NO_CEILING),
        templates: &EURO,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> SeedParams {
        SeedParams {
            seed: 1,
            last_day: time::macros::date!(2026 - 11 - 01),
            per_account: 500,
        }
    }

    #[test]
    fn histories_end_at_the_seed_balances_and_stay_in_bounds() {
        let data = build(params());
        for (spec, history) in SPECS.iter().zip(&data.transactions) {
            assert_eq!(history.len(), 500);
            assert_eq!(
                history.last().unwrap().balance_after,
                spec.balance,
                "{}",
                spec.id
            );
            for pair in history.windows(2) {
                assert_eq!(
                    pair[0].balance_after + pair[1].amount,
                    pair[1].balance_after
                );
                assert!(pair[0].booked_at <= pair[1].booked_at);
            }
            assert!(
                history
                    .iter()
                    .all(|r| (spec.hard.0..=spec.hard.1).contains(&r.balance_after)),
                "{}",
                spec.id
            );
        }
    }

    #[test]
    fn same_params_give_same_data() {
        let (a, b) = (build(params()), build(params()));
        let texts = |d: &SeedData| {
            d.transactions[0]
                .iter()
                .map(|r| (r.booked_at, r.amount, r.counterparty.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&a), texts(&b));
    }
}
