// The staff area's only stylesheet, inlined in every page (no CDN): readable on a laptop and a tablet.
export const STYLES = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",Meiryo,sans-serif;color:#1f2933;background:#f4f6f8;line-height:1.6;font-size:16px}
header{background:#0b6b3a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem}
header .brand{font-weight:700;margin-right:auto}
header nav{display:flex;flex-wrap:wrap;gap:.25rem}
header nav a{color:#fff;text-decoration:none;padding:.35rem .6rem;border-radius:6px}
header nav a[aria-current=page],header nav a:hover{background:rgba(255,255,255,.2)}
header form{margin:0}
header a.who{color:#e3f9e5;font-size:.9rem}
header button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.6);padding:.3rem .7rem}
main{max-width:1100px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.75rem}
.card{background:#fff;border-radius:10px;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .num{font-size:1.8rem;font-weight:700}
.panel{background:#fff;border-radius:10px;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:1rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e4e7eb;padding:.5rem;text-align:left;vertical-align:top}
th{background:#f0f2f4;font-weight:600;white-space:nowrap}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input[type=text],input[type=password],input[type=url],input[type=search],input[type=datetime-local],select,textarea{width:100%;max-width:40rem;padding:.5rem;border:1px solid #9aa5b1;border-radius:6px;font:inherit;background:#fff}
textarea{min-height:8rem}
button,.button{display:inline-block;font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #0b6b3a;background:#0b6b3a;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#0b6b3a}
button.danger{background:#b42318;border-color:#b42318}
.inline{display:inline}
.nowrap{white-space:nowrap}
table.audit td.action{min-width:12em}
.warn{color:#b42318;font-weight:600}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
.row>*{flex:0 1 auto}
.muted{color:#616e7c;font-size:.9rem}
.flash{padding:.75rem 1rem;border-radius:8px;margin-bottom:1rem}
.flash.ok{background:#e3f9e5;border:1px solid #31c48d}
.flash.error{background:#fde8e8;border:1px solid #f05252}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:999px;background:#e4e7eb;font-size:.85rem}
.timeline{list-style:none;padding:0;margin:0}
.timeline li{padding:.3rem 0 .3rem 1rem;border-left:3px solid #0b6b3a;margin-left:.3rem}
.pager{display:flex;gap:.5rem;align-items:center;margin:.75rem 0}
.phone{width:300px;max-width:100%;background:#8cabd9;border-radius:18px;padding:1rem .75rem;min-height:200px}
.bubble{background:#fff;border-radius:14px;padding:.75rem;white-space:pre-wrap;word-break:break-word;font-size:.95rem}
.bubble .link{display:block;margin-top:.75rem;text-align:center;background:#06c755;color:#fff;border-radius:8px;padding:.5rem;text-decoration:none}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0}
.badge.alert{background:#fde8e8;color:#b42318}
.badge.draft{background:#fef3c7;color:#92400e}
.badge.ok{background:#e3f9e5;color:#0b6b3a}
.bar{display:inline-block;height:.6rem;background:#0b6b3a;border-radius:3px;vertical-align:middle}
.compare{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:1rem}
pre.answer{white-space:pre-wrap;word-break:break-word;font:inherit;margin:0}
input[type=date]{padding:.5rem;border:1px solid #9aa5b1;border-radius:6px;font:inherit}
@media (max-width:700px){main{padding:.5rem}h1{font-size:1.2rem}.card .num{font-size:1.4rem}}
`;
