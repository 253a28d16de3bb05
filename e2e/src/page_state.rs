//! Steps that look at the page as a whole: in-app navigation, waiting for loading to finish, and counting
//! the API requests the page made (from the browser's Resource Timing entries).

use serde_json::Value;

use crate::browser::{Deadline, strings};
use crate::{Browser, HarnessError};

/// Selector of what a screen shows while it loads.
const LOADING: &str = "[aria-busy='true'], .skeleton";

impl Browser {
    /// Navigates inside the app (History API + `popstate`, which the router follows) without reloading the
    /// page, so an in-memory session survives.
    pub async fn navigate(&self, path: &str) -> Result<(), HarnessError> {
        let script = "history.pushState(null, '', arguments[0]); \
                      window.dispatchEvent(new PopStateEvent('popstate', { state: null }));";
        self.client()
            .execute(script, vec![Value::String(path.to_owned())])
            .await?;
        self.wait_for_path(path.split('?').next().unwrap_or(path))
            .await
    }

    /// Waits until nothing on the page is loading (no `aria-busy="true"`, no skeleton).
    pub async fn wait_until_loaded(&self) -> Result<(), HarnessError> {
        self.wait_until(
            "the page to finish loading",
            &format!("return document.querySelectorAll(\"{LOADING}\").length === 0;"),
        )
        .await
    }

    /// Waits until `script` (a function body) returns `true`.
    pub async fn wait_until(&self, what: &str, script: &str) -> Result<(), HarnessError> {
        let deadline = Deadline::start(what.to_owned());
        while self.client().execute(script, Vec::new()).await? != Value::Bool(true) {
            deadline.pause().await?;
        }
        Ok(())
    }

    /// Waits until an element matching `css` shows a non-empty text containing `part`, and returns that text.
    pub async fn wait_for_text_containing(
        &self,
        css: &str,
        part: &str,
    ) -> Result<String, HarnessError> {
        let deadline = Deadline::start(format!("an element matching `{css}` containing {part:?}"));
        loop {
            let texts = self.texts(css).await?;
            if let Some(text) = texts
                .into_iter()
                .find(|t| !t.is_empty() && t.contains(part))
            {
                return Ok(text);
            }
            deadline.pause().await?;
        }
    }

    /// The paths (with query) of the `/api/` requests the page has made since it loaded, in order.
    pub async fn api_requests(&self) -> Result<Vec<String>, HarnessError> {
        let script = "return performance.getEntriesByType('resource')\
                      .map(e => new URL(e.name)).filter(u => u.pathname.startsWith('/api/'))\
                      .map(u => u.pathname + u.search);";
        let value = self.client().execute(script, Vec::new()).await?;
        Ok(strings(&value))
    }
}
