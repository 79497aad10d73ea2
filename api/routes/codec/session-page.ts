/** The codec session's sign-in page (api/routes/codec/session.ts): a form, and how to point the Temporal UI here. */
import type { Context } from 'hono';
import type { AppEnv } from '../../types.js';
import { CODEC_PATH } from './operator.js';

export const SESSION_PATH = `${CODEC_PATH}/session`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function page(c: Context<AppEnv>, message: string): string {
  const endpoint = `${new URL(c.req.url).origin}${CODEC_PATH}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>escrowflow codec session</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}
textarea{width:100%;height:6rem;font-family:monospace}code{background:#eee;padding:0 .2em}</style></head>
<body>
<h1>Codec session</h1>
<p role="status">${escapeHtml(message)}</p>
<form method="post" action="${SESSION_PATH}">
<label for="token">Operator API token (<code>npm run token -- --sub you --role operator</code>)</label>
<textarea id="token" name="token" autocomplete="off" spellcheck="false" required></textarea>
<button type="submit">Sign in</button>
</form>
<form method="post" action="${SESSION_PATH}/end"><button type="submit">Sign out</button></form>
<p>Then, in the Temporal UI's Codec Server settings, use the browser setting with endpoint
<code>${escapeHtml(endpoint)}</code> and turn on <em>Include cross-origin credentials</em>.</p>
</body></html>`;
}
