//! Screenshots of the screens for the documentation: `docs/screenshots/<name>-<viewport>.png`.

use std::path::PathBuf;

use crate::{Browser, HarnessError};

/// A browser window size the screenshots are taken at.
#[derive(Debug, Clone, Copy)]
pub struct Viewport {
    /// Used in the file name: `desktop` or `mobile`.
    pub name: &'static str,
    /// Window width in CSS pixels.
    pub width: u32,
    /// Window height in CSS pixels.
    pub height: u32,
}

/// A laptop screen.
pub const DESKTOP: Viewport = Viewport {
    name: "desktop",
    width: 1280,
    height: 860,
};

/// A small phone (375 px wide, as the issue asks).
pub const MOBILE: Viewport = Viewport {
    name: "mobile",
    width: 375,
    height: 812,
};

/// Where the screenshots go.
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/screenshots"))
}

impl Browser {
    /// Resizes the window so the page's layout viewport is `viewport.width` wide.
    pub async fn set_viewport(&self, viewport: Viewport) -> Result<(), HarnessError> {
        self.client()
            .set_window_size(viewport.width, viewport.height)
            .await?;
        let width = self.run_script("return window.innerWidth;").await?;
        if width.as_u64() == Some(u64::from(viewport.width)) {
            Ok(())
        } else {
            Err(HarnessError::Assertion(format!(
                "window is {width} CSS px wide, not {}",
                viewport.width
            )))
        }
    }

    /// Saves the page as `docs/screenshots/<name>-<viewport>.png` (the visible viewport).
    pub async fn save_screenshot(
        &self,
        name: &str,
        viewport: Viewport,
    ) -> Result<(), HarnessError> {
        let png = self.client().screenshot().await?;
        let dir = screenshot_dir();
        let io = |context: String| move |source| HarnessError::Io { context, source };
        std::fs::create_dir_all(&dir).map_err(io(format!("creating {}", dir.display())))?;
        let path = dir.join(format!("{name}-{}.png", viewport.name));
        std::fs::write(&path, png).map_err(io(format!("writing {}", path.display())))
    }
}
