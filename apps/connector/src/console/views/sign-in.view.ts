import { html, type Html } from '../html.js';
import { consolePaths } from '../console-paths.js';
import { layout } from './parts.js';

/** The sign-in form: the admin token, posted once; the browser keeps a signed session, never the token. */
export function signInView(error: string | null): Html {
  return layout(
    'Sign in',
    null,
    html`<section class="signin">
      <h1>Seller console</h1>
      <p class="muted">Sign in with the admin token (ADMIN_TOKEN; in demo mode the file DATA_DIR/admin-token).</p>
      ${error ? html`<p class="flash error" role="alert">${error}</p>` : null}
      <form method="post" action="${consolePaths.signIn}">
        <label for="token">Admin token</label>
        <input id="token" name="token" type="password" autocomplete="current-password" required maxlength="1000" autofocus />
        <button type="submit">Sign in</button>
      </form>
    </section>`,
  );
}
