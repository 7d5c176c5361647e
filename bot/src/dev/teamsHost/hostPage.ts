/** Escapes text for an HTML attribute or element. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The simulated Teams meeting window: a stage placeholder and the side panel (the tab, in an
 * iframe, 320 px wide as in Teams), with buttons to switch theme the way Teams would, and the dialog where
 * Teams' people picker lets the person choose someone.
 */
export function hostPage(tenantId: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Chaperone: simulated Teams meeting</title>
<style>
  body { margin: 0; font-family: 'Segoe UI', system-ui, sans-serif; display: grid; grid-template-columns: 1fr 340px; grid-template-rows: 44px 1fr; height: 100vh; }
  body[data-theme="default"] { background: #f5f5f5; color: #242424; }
  body[data-theme="dark"] { background: #1f1f1f; color: #fff; }
  body[data-theme="contrast"] { background: #000; color: #fff; }
  header { grid-column: 1 / 3; display: flex; align-items: center; gap: 8px; padding: 0 12px; background: #464775; color: #fff; font-size: 14px; }
  header span { flex: 1; }
  main { display: grid; place-items: center; font-size: 14px; opacity: .7; }
  aside { border-left: 1px solid #8884; display: flex; flex-direction: column; }
  aside h2 { font-size: 14px; margin: 0; padding: 8px 12px; }
  iframe { flex: 1; border: 0; width: 100%; }
  #host-status { font-size: 11px; padding: 2px 12px; opacity: .6; }
  #host-people ul { list-style: none; padding: 0; }
  #host-people li button { width: 100%; text-align: left; margin: 2px 0; }
</style>
</head>
<body data-tenant="${escapeHtml(tenantId)}" data-theme="default">
<header><span>Simulated Teams meeting (local only)</span>
  <button type="button" data-set-theme="default">Light</button>
  <button type="button" data-set-theme="dark">Dark</button>
  <button type="button" data-set-theme="contrast">High contrast</button>
</header>
<main><p>Meeting stage: video would be here.</p></main>
<aside aria-label="Meeting side panel">
  <h2>Chaperone</h2>
  <iframe id="tab" title="Chaperone side panel"></iframe>
  <button type="button" id="host-save" disabled hidden>Save</button>
  <output id="host-config"></output>
  <div id="host-status" role="status"></div>
</aside>
<dialog id="host-people" aria-labelledby="host-people-title">
  <h2 id="host-people-title">Choose people</h2>
  <ul id="host-people-list"></ul>
  <button type="button" id="host-people-cancel">Cancel</button>
</dialog>
<script src="/dev/host.js"></script>
</body>
</html>
`;
}
