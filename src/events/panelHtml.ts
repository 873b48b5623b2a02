// The live events webview's page: plain HTML/CSS with VS Code theme variables and a small inline script — no UI
// framework, so the .vsix stays small — under a strict CSP (nothing external; style and script only with the nonce).

export function html(nonce: string, cspSource: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);padding:0 8px}
header{position:sticky;top:0;background:var(--vscode-editor-background);padding:6px 0;display:flex;gap:6px;flex-wrap:wrap;align-items:center}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:none;padding:3px 10px;cursor:pointer}
button:hover{background:var(--vscode-button-hoverBackground)}
input{background:var(--vscode-input-background);color:var(--vscode-input-foreground);border:1px solid var(--vscode-input-border,transparent);padding:2px 4px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:2px 6px;border-bottom:1px solid var(--vscode-panel-border);vertical-align:top}
tr:hover{background:var(--vscode-list-hoverBackground)}code,pre{font-family:var(--vscode-editor-font-family)}pre{white-space:pre-wrap;margin:2px 0}
#status{color:var(--vscode-descriptionForeground)}
</style></head><body>
<header><button id="pause">Pause</button><button id="clear">Clear</button><button id="export">Export…</button><button id="stop">Stop</button>
<input id="name" placeholder="Filter event name (text or /regex/)"><input id="device" placeholder="Filter device">
<label><input type="checkbox" id="verbose"> Verbose (raw JSON)</label><span id="status"></span></header>
<table><thead><tr><th>Time</th><th>Event</th><th>Device</th><th>Port</th><th>Payload</th><th>RSSI</th><th>SNR</th><th></th></tr></thead><tbody id="rows"></tbody></table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi(); const $ = (id) => document.getElementById(id); let paused = false; const raws = new Map();
const send = (type, extra) => vscode.postMessage(Object.assign({ type }, extra));
$('pause').onclick = () => send(paused ? 'resume' : 'pause'); $('clear').onclick = () => send('clear');
$('export').onclick = () => send('export'); $('stop').onclick = () => send(last && last.state === 'stopped' ? 'start' : 'stop');
let t; const filter = () => { clearTimeout(t); t = setTimeout(() => send('filter', { name: $('name').value, device: $('device').value }), 200); };
$('name').oninput = filter; $('device').oninput = filter; $('verbose').onchange = () => render(last);
let last;
function cell(tr, text) { const td = document.createElement('td'); td.textContent = text === undefined ? '' : String(text); tr.appendChild(td); return td; }
function render(s) {
  if (!s) return; last = s; paused = s.paused; $('pause').textContent = paused ? 'Resume' : 'Pause'; $('stop').textContent = s.state === 'stopped' ? 'Start' : 'Stop';
  $('status').textContent = s.state + (s.paused ? ' (paused)' : '') + ' · ' + s.rate + '/s · ' + s.matched + ' matching of ' + s.buffered + ' buffered · ' + s.received + ' received · ' + s.reconnects + ' reconnects' + (s.evicted ? ' · ' + s.evicted + ' dropped from the buffer' : '') + (s.error ? ' · ' + s.error : '');
  const verbose = $('verbose').checked; const body = document.createDocumentFragment();
  for (const e of s.events) {
    const tr = document.createElement('tr');
    cell(tr, new Date(e.time).toLocaleTimeString()); cell(tr, e.name); cell(tr, e.deviceId); cell(tr, e.fPort);
    const p = cell(tr, ''); const pre = document.createElement('pre'); pre.textContent = e.payload === undefined ? '' : JSON.stringify(e.payload); p.appendChild(pre);
    cell(tr, e.rssi); cell(tr, e.snr); const act = cell(tr, '');
    if (e.fPort !== undefined) { const b = document.createElement('button'); b.textContent = 'Test Formatter'; b.title = 'Test Formatter with This Uplink: run the formatter in effect (or its open, unsaved document) on the server with these bytes';
      b.onclick = () => send('testFormatter', { id: e.id }); act.appendChild(b); }
    body.appendChild(tr);
    if (verbose) { const r = document.createElement('tr'); const td = document.createElement('td'); td.colSpan = 8; const raw = document.createElement('pre');
      raw.textContent = raws.has(e.id) ? JSON.stringify(raws.get(e.id), null, 2) : '…'; if (!raws.has(e.id)) send('raw', { id: e.id }); raw.id = 'raw-' + e.id; td.appendChild(raw); r.appendChild(td); body.appendChild(r); }
  }
  $('rows').replaceChildren(body);
}
window.addEventListener('message', (m) => { const d = m.data;
  if (d.type === 'snapshot') render(d.snapshot);
  if (d.type === 'raw') { raws.set(d.id, d.raw); if (raws.size > 2000) raws.delete(raws.keys().next().value); const el = document.getElementById('raw-' + d.id); if (el) el.textContent = JSON.stringify(d.raw, null, 2); } });
</script></body></html>`;
}
