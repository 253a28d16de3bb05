//! What a test does with the page: open paths, wait for elements and text (polling, bounded), click links.

use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::Value;

use digibank_mock::reports::CspReport;

use crate::csp_reports::CspReportWatch;
use crate::{Admin, HarnessError};

/// How long a wait for the page may take.
const WAIT: Duration = Duration::from_secs(15);
/// How often the page is looked at while waiting.
const POLL: Duration = Duration::from_millis(50);

/// The browser of one test, pointed at the app's origin.
#[derive(Clone)]
pub struct Browser {
    client: Client,
    origin: String,
    admin: Admin,
    reports: CspReportWatch,
}

impl Browser {
    /// Wraps a WebDriver session; paths are resolved against `origin`; `admin_url` is the bank's admin listener;
    /// `reports` counts the policy reports the session's test took.
    pub(crate) fn new(
        client: Client,
        origin: String,
        admin_url: &str,
        reports: CspReportWatch,
    ) -> Browser {
        Browser {
            client,
            origin,
            admin: Admin::new(admin_url),
            reports,
        }
    }

    /// Waits for the Content-Security-Policy reports the test expects and takes them, so the harness does not
    /// fail the test for them: all that arrived, at least one.
    pub async fn take_csp_reports(&self) -> Result<Vec<CspReport>, HarnessError> {
        self.reports.take().await
    }

    /// The mock bank's admin listener (faults, tokens, reset), for the test to set the stage.
    pub fn admin(&self) -> &Admin {
        &self.admin
    }

    /// The WebDriver session, for harness modules that add steps (screenshots, request counts).
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// The app's origin, e.g. `http://127.0.0.1:43123`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Loads `path` (a full page load).
    pub async fn open(&self, path: &str) -> Result<(), HarnessError> {
        Ok(self.client.goto(&format!("{}{path}", self.origin)).await?)
    }

    /// Waits until an element matches `css`.
    pub async fn wait_for(&self, css: &str) -> Result<Element, HarnessError> {
        let deadline = Deadline::start(format!("an element matching `{css}`"));
        loop {
            if let Some(element) = self
                .client
                .find_all(Locator::Css(css))
                .await?
                .into_iter()
                .next()
            {
                return Ok(element);
            }
            deadline.pause().await?;
        }
    }

    /// Waits until the page has exactly one `<h1>` and returns its text.
    pub async fn wait_for_single_h1(&self) -> Result<String, HarnessError> {
        let deadline = Deadline::start("exactly one <h1>".into());
        loop {
            if let [heading] = self.texts("h1").await?.as_mut_slice() {
                return Ok(std::mem::take(heading));
            }
            deadline.pause().await?;
        }
    }

    /// Waits until the page's only `<h1>` reads `expected`.
    pub async fn wait_for_h1(&self, expected: &str) -> Result<(), HarnessError> {
        let deadline = Deadline::start(format!("a single <h1> reading {expected:?}"));
        while self.texts("h1").await? != [expected] {
            deadline.pause().await?;
        }
        Ok(())
    }

    /// Waits until some element matching `css` has the visible text `expected` (trimmed).
    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<(), HarnessError> {
        let deadline = Deadline::start(format!("an element matching `{css}` reading {expected:?}"));
        while !self.texts(css).await?.iter().any(|text| text == expected) {
            deadline.pause().await?;
        }
        Ok(())
    }

    /// Waits until the URL's path is `expected`.
    pub async fn wait_for_path(&self, expected: &str) -> Result<(), HarnessError> {
        let deadline = Deadline::start(format!("the path {expected:?}"));
        while self.client.current_url().await?.path() != expected {
            deadline.pause().await?;
        }
        Ok(())
    }

    /// The visible texts of all elements matching `css`, read in one script so a re-render or a reload in
    /// between cannot leave a stale element behind.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, HarnessError> {
        let script = "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText.trim());";
        let value = self
            .client
            .execute(script, vec![Value::String(css.to_owned())])
            .await?;
        Ok(strings(&value))
    }

    /// Clicks the element matching `css`; one the page re-rendered between finding and clicking is found again.
    pub async fn click(&self, css: &str) -> Result<(), HarnessError> {
        let deadline = Deadline::start(format!("a click on `{css}`"));
        loop {
            match self.wait_for(css).await?.click().await {
                Err(error) if error.is_stale_element_reference() => deadline.pause().await?,
                clicked => return Ok(clicked?),
            }
        }
    }

    /// Clicks the link inside `container_css` whose text is exactly `text`.
    pub async fn click_link(&self, container_css: &str, text: &str) -> Result<(), HarnessError> {
        let container = self.wait_for(container_css).await?;
        let link = container.find(Locator::LinkText(text)).await?;
        Ok(link.click().await?)
    }

    /// Runs an asynchronous script in the page: its last argument (`arguments[arguments.length - 1]`) is
    /// the callback to call with the result (WebDriver "execute async script").
    pub async fn run_async_script(&self, script: &str) -> Result<Value, HarnessError> {
        Ok(self.client.execute_async(script, Vec::new()).await?)
    }

    /// Runs a script in the page and returns its result.
    pub async fn run_script(&self, script: &str) -> Result<Value, HarnessError> {
        Ok(self.client.execute(script, Vec::new()).await?)
    }
}

/// The strings of a JSON array (other items and non-arrays give nothing).
pub(crate) fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The end of a bounded wait.
pub(crate) struct Deadline {
    what: String,
    at: Instant,
}

impl Deadline {
    /// A wait for `what`, at most [`WAIT`] from now.
    pub(crate) fn start(what: String) -> Deadline {
        Deadline {
            what,
            at: Instant::now() + WAIT,
        }
    }

    /// Sleeps one poll period, or fails if the wait is over.
    pub(crate) async fn pause(&self) -> Result<(), HarnessError> {
        if Instant::now() > self.at {
            return Err(HarnessError::Timeout {
                what: self.what.clone(),
                waited: WAIT,
            });
        }
        tokio::time::sleep(POLL).await;
        Ok(())
    }
}
