// The init script every document of a run gets at document start (`context.addInitScript`). It never polls:
// a MutationObserver notes the first moment the dashboard's texts are in visible elements, and when each
// "screen" the automation acts on (a sign-in button, the provider's form) first shows; capture-phase listeners
// note the automation's trusted input on that screen. Times are wall-clock ms (`performance.timeOrigin +
// performance.now()`) so that documents of one navigation chain (app → provider → callback) compare.
//
// State that must survive a navigation lives in sessionStorage under `__bench.` keys, which no app reads:
//   __bench.start  — timeOrigin of the first document of the timed part (set when absent)
//   __bench.docs   — how many documents the tab has had (each document's screens are kept apart)
//   __bench.screen.<doc> — {name, shown, acted} of the screen shown in that document
// `window.__bench.done` is the flag the driver waits for (`page.waitForFunction`).

/* eslint-disable no-undef */
export function probe(config) {
  if (location.protocol !== 'http:' || location.origin !== config.origin) return;
  const now = () => performance.timeOrigin + performance.now();
  const state = (window.__bench = { done: null, screen: null, doc: 0 });
  let storage;
  try {
    storage = window.sessionStorage;
    if (!storage.getItem('__bench.start')) storage.setItem('__bench.start', String(performance.timeOrigin));
    state.doc = Number(storage.getItem('__bench.docs') || '0') + 1;
    storage.setItem('__bench.docs', String(state.doc));
  } catch (error) {
    state.storageError = String(error);
  }

  const save = () => {
    if (storage && state.screen) storage.setItem(`__bench.screen.${state.doc}`, JSON.stringify(state.screen));
  };

  // The innermost element whose text includes `text`, if it is rendered and has a size.
  const visibleHolder = (text) => {
    let element = document.body;
    if (!element || !element.textContent.includes(text)) return null;
    for (;;) {
      const child = Array.from(element.children).find((c) => c.textContent.includes(text));
      if (!child) break;
      element = child;
    }
    const style = element.checkVisibility?.({ opacityProperty: true, visibilityProperty: true }) ?? true;
    const box = element.getBoundingClientRect();
    return style && box.width > 0 && box.height > 0 ? element : null;
  };

  // Whether an element matching the screen's selector (and its text pattern, if any) is rendered.
  const visible = (screen) => {
    const pattern = screen.text ? new RegExp(screen.text, 'i') : null;
    for (const element of document.querySelectorAll(screen.selector)) {
      if (pattern && !pattern.test(element.textContent)) continue;
      const box = element.getBoundingClientRect();
      if ((element.checkVisibility?.() ?? true) && box.width > 0 && box.height > 0) return true;
    }
    return false;
  };

  let recheck = false;
  const check = () => {
    if (state.done) return;
    const body = document.body ? document.body.textContent : '';
    if (config.dashboard.every((text) => body.includes(text))) {
      if (config.dashboard.every((text) => visibleHolder(text))) {
        state.done = { at: now(), doc: state.doc, path: location.pathname };
        observer.disconnect();
        return;
      }
      // Present but not visible yet (a style sheet still loading changes no DOM): look again next frame.
      if (!recheck) {
        recheck = true;
        requestAnimationFrame(() => {
          recheck = false;
          check();
        });
      }
    }
    if (!state.screen) {
      const screen = config.screens.find((s) => visible(s));
      if (screen) {
        state.screen = { name: screen.name, shown: now(), acted: null };
        save();
      }
    }
  };

  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);

  // The automation's input on the current screen: the last trusted event before the document goes.
  const acted = (event) => {
    if (!event.isTrusted || !state.screen) return;
    state.screen.acted = now();
    save();
  };
  for (const type of ['pointerdown', 'mousedown', 'click', 'keydown', 'beforeinput', 'input', 'submit']) {
    window.addEventListener(type, acted, true);
  }
}
