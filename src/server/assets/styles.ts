// The stylesheet of every page: system fonts, a calm neutral palette with AA contrast, cards and tables.

export const APP_CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d8dee4;--bg:#f6f8fa;--card:#fff;--brand:#0a58ca;--brand-ink:#fff;
--ok:#1a7f37;--ok-bg:#dafbe1;--warn:#7d4e00;--warn-bg:#fff8c5;--info:#0a3069;--info-bg:#ddf4ff;--bad:#a40e26;--bad-bg:#ffebe9;
--radius:10px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0;line-height:1.55;font-size:16px}
.wrap{max-width:980px;margin:0 auto;padding:0 24px}
a{color:var(--brand)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #1f6feb;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px;top:8px}
.demo-banner{background:#3b2300;color:#fff;text-align:center;padding:6px 12px;font-size:14px}
.site-header{background:var(--card);border-bottom:1px solid var(--line)}
.header-row{display:flex;align-items:center;justify-content:space-between;gap:16px;padding-top:14px;padding-bottom:10px}
.brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:19px;color:var(--ink);text-decoration:none;letter-spacing:-.01em}
.brand-mark{display:inline-grid;place-items:center;width:30px;height:30px;border-radius:8px;background:var(--brand);color:#fff;font-size:16px}
.header-tools{display:flex;align-items:center;gap:14px}
.lang{display:flex;align-items:center;gap:6px;font-size:14px;color:var(--muted)}
.lang select{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--ink)}
.js .js-hide{display:none}
.tabs{display:flex;gap:4px;flex-wrap:wrap}
.tabs a{padding:10px 14px;color:var(--muted);text-decoration:none;border-bottom:3px solid transparent;font-weight:500}
.tabs a:hover{color:var(--ink)}
.tabs a[aria-current=page]{color:var(--ink);border-bottom-color:var(--brand)}
main.wrap{padding-top:32px;padding-bottom:48px}
h1{font-size:30px;line-height:1.2;margin:0 0 8px;letter-spacing:-.02em}
h2{font-size:19px;margin:0 0 10px;line-height:1.3}
.lead{font-size:18px;color:var(--muted);margin:0 0 24px;max-width:44em}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:22px 24px;margin:0 0 18px;box-shadow:0 1px 2px rgba(27,31,36,.04)}
.card.narrow{max-width:560px;margin:24px auto}
.card-warn{border-left:4px solid #bf8700}
.setting-card .question{font-size:21px;margin-bottom:12px}
.explanation{max-width:46em;margin:0 0 12px}
.meta,.muted{color:var(--muted);font-size:14px}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;font-weight:700;color:#8a4600;margin:0 0 6px}
.switch-row{display:flex;align-items:center;gap:14px;padding:16px 0 6px;border-top:1px solid var(--line);margin-top:16px}
.switch-row label{font-weight:600;flex:1}
input[role=switch]{appearance:none;-webkit-appearance:none;width:52px;height:30px;border-radius:15px;background:#8c959f;position:relative;cursor:pointer;margin:0;flex:none;transition:background .15s}
input[role=switch]::after{content:"";position:absolute;top:3px;left:3px;width:24px;height:24px;border-radius:50%;background:#fff;transition:left .15s;box-shadow:0 1px 2px rgba(0,0,0,.3)}
input[role=switch]:checked{background:var(--ok)}
input[role=switch]:checked::after{left:25px}
input[role=switch]:disabled{opacity:.5;cursor:not-allowed}
.switch-state{font-weight:700;min-width:5em;text-align:right}
.state-source{color:var(--muted);font-size:14px;margin:4px 0 14px}
.check-row{display:flex;gap:10px;align-items:flex-start;margin:12px 0 16px}
.check-row input{width:20px;height:20px;margin-top:3px}
.button{display:inline-block;font:inherit;font-weight:600;background:var(--brand);color:var(--brand-ink);border:1px solid var(--brand);border-radius:8px;padding:9px 18px;cursor:pointer;text-decoration:none}
.button:hover{background:#0847a6}
.button:disabled{opacity:.55;cursor:not-allowed}
.button-secondary{background:#fff;color:var(--brand);border-color:var(--line)}
.button-secondary:hover{background:var(--bg)}
.link-button{background:none;border:0;color:var(--brand);font:inherit;font-size:14px;cursor:pointer;padding:4px;text-decoration:underline}
.notice{border-radius:8px;padding:12px 16px;margin:0 0 18px;font-weight:500}
.notice-success{background:var(--ok-bg);color:#0f5323}
.notice-info{background:var(--info-bg);color:var(--info)}
.checklist{list-style:none;padding:0;margin:0}
.checklist li{padding:8px 0 8px 30px;position:relative;border-bottom:1px solid #eaeef2}
.checklist li:last-child{border-bottom:0}
.checklist li::before{position:absolute;left:2px;top:8px;font-weight:700}
.checklist .does::before{content:"✓";color:var(--ok)}
.checklist .does-not::before{content:"✕";color:var(--bad)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:15px}
th,td{text-align:left;padding:9px 10px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td code{white-space:nowrap}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;background:#eff2f5;padding:1px 5px;border-radius:4px}
.empty{color:var(--muted);font-style:italic}
label{font-weight:500}
input[type=password],input[type=text]{display:block;width:100%;font:inherit;padding:8px 10px;border:1px solid #8c959f;border-radius:6px;margin:6px 0 14px}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:600;margin-bottom:8px}
.member-list{list-style:none;padding:0;margin:0 0 16px;display:grid;gap:8px}
.member-button{width:100%;display:flex;flex-direction:column;align-items:flex-start;gap:2px;text-align:left;font:inherit;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;cursor:pointer;color:var(--ink)}
.member-button:hover{border-color:var(--brand);background:#f6f9ff}
.member-name{font-weight:600}
.stats-row{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:0 0 18px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);padding:14px 16px;display:flex;flex-direction:column}
.stat-value{font-size:26px;font-weight:700;letter-spacing:-.02em;font-variant-numeric:tabular-nums}
.stat-label{color:var(--muted);font-size:13px}
.grid-2{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:18px}
.grid-2 .card{margin:0}
.grid-2{margin-bottom:18px}
.chart-card canvas{width:100%!important;max-height:260px}
.chart-table{font-size:13px;margin-top:8px}
.chart-table details summary{cursor:pointer;color:var(--muted)}
.inline-form{display:flex;align-items:center;gap:10px;flex-wrap:wrap;margin:0 0 14px}
.inline-form select{font:inherit;padding:7px 8px;border:1px solid #8c959f;border-radius:6px}
.badge{display:inline-block;font-size:12px;font-weight:700;padding:2px 8px;border-radius:999px;text-transform:uppercase;letter-spacing:.04em}
.badge-running{background:var(--info-bg);color:var(--info)}
.badge-published{background:var(--ok-bg);color:#0f5323}
.badge-failed{background:var(--bad-bg);color:var(--bad)}
.ok{color:var(--ok);font-weight:700}.bad{color:var(--bad);font-weight:700}
.error-card{max-width:640px;margin:40px auto}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:13px;padding:18px 0 28px}
@media (max-width:640px){h1{font-size:25px}.header-row{flex-wrap:wrap}.grid-2{grid-template-columns:1fr}}
`;
