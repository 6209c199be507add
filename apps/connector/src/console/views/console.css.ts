/** The console's whole style sheet, inlined in each page (the pages' CSP allows inline style, no script). */
export const CONSOLE_CSS = `
:root { color-scheme: light; --ink:#1d2433; --muted:#5b6478; --line:#d9dee8; --bg:#f5f7fb; --ok:#17703a; --okbg:#e3f4e8; --bad:#a3261b; --badbg:#fbe6e3; --warn:#8a5a00; --warnbg:#fdf1d6; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
header.top { display:flex; align-items:center; gap:16px; padding:10px 20px; background:#1d2433; color:#fff; }
header.top a { color:#fff; text-decoration:none; font-weight:600; }
header.top .spacer { flex:1; }
main { max-width:1280px; margin:0 auto; padding:16px 20px 40px; }
h1 { font-size:20px; margin:8px 0 12px; } h2 { font-size:16px; margin:20px 0 8px; }
.cards { display:grid; grid-template-columns:repeat(auto-fit, minmax(280px, 1fr)); gap:12px; }
.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 12px; }
.card h2 { margin:0 0 6px; font-size:14px; }
table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); }
th, td { text-align:left; vertical-align:top; padding:6px 8px; border-bottom:1px solid var(--line); }
th { background:#eef1f7; font-weight:600; font-size:13px; }
table.compact td, table.compact th { padding:3px 6px; font-size:13px; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:600; }
.ok { color:var(--ok); background:var(--okbg); } .bad { color:var(--bad); background:var(--badbg); } .warn { color:var(--warn); background:var(--warnbg); }
.muted { color:var(--muted); } .small { font-size:12px; }
.reason { color:var(--bad); }
.flash { padding:8px 12px; border-radius:6px; margin:0 0 12px; border:1px solid; }
.flash.ok { border-color:var(--ok); } .flash.error { border-color:var(--bad); }
form.inline { display:inline; margin:0; }
button { font:inherit; font-size:13px; padding:2px 10px; border:1px solid #8a93a6; border-radius:4px; background:#fff; cursor:pointer; }
button:hover { background:#eef1f7; }
nav.pager { display:flex; gap:12px; align-items:center; margin:12px 0; }
nav.filter a { margin-right:10px; } nav.filter a.current { font-weight:700; text-decoration:none; color:var(--ink); }
.signin { max-width:380px; margin:80px auto; background:#fff; border:1px solid var(--line); border-radius:8px; padding:20px 24px; }
.signin input[type=password] { width:100%; padding:6px 8px; font:inherit; margin:6px 0 12px; }
.account { margin-bottom:4px; } .account:last-child { margin-bottom:0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12px; }
.error-text { color:var(--bad); max-width:420px; overflow-wrap:anywhere; }
`;
