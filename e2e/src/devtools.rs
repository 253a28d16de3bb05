//! Chrome DevTools Protocol commands through chromedriver (`POST /session/{id}/goog/cdp/execute`), for what
//! WebDriver cannot do, e.g. a script that runs before the page's own.

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

use crate::{Browser, HarnessError};

/// One CDP command, as chromedriver relays it to the page's target.
#[derive(Debug)]
struct CdpCommand {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for CdpCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Runs `script` in every document this tab loads from now on, before any of the page's own scripts.
    pub async fn before_every_document(&self, script: &str) -> Result<(), HarnessError> {
        let command = CdpCommand {
            method: "Page.addScriptToEvaluateOnNewDocument",
            params: json!({ "source": script }),
        };
        self.client().issue_cmd(command).await?;
        Ok(())
    }
}
