import { isAppPath } from '@cordage/domain';

/** Tokens are base64url: anything else is not one of ours and is not echoed into the page. */
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The page a login link opens: one button that posts the token. A GET never uses the token, so
 * the mail scanners that open links do not spend it. No script: the CSP stays strict.
 */
export function callbackPage(token: string, next: string | null = null): string {
  const valid = TOKEN.test(token);
  // isAppPath admits no quote nor angle bracket: safe inside the attribute.
  const nextField =
    next && isAppPath(next) ? `\n    <input type="hidden" name="next" value="${next}">` : '';
  const body = valid
    ? `<h1>Connexion à Cordage</h1>
  <p>Cliquez pour ouvrir votre session sur cet appareil.</p>
  <form method="post" action="/api/auth/session">
    <input type="hidden" name="token" value="${token}">${nextField}
    <button type="submit">Me connecter</button>
  </form>`
    : `<h1>Lien incomplet</h1>
  <p>Ce lien de connexion est incomplet. Copiez l’adresse entière reçue par mail, ou demandez un nouveau lien.</p>
  <p><a href="/connexion">Demander un nouveau lien de connexion</a></p>`;
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connexion à Cordage</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}
button{font-size:1.1rem;padding:.7rem 1.4rem;border-radius:.4rem;border:0;background:#1b4d89;color:#fff;cursor:pointer}
button:focus,a:focus{outline:3px solid #f0a000;outline-offset:2px}
a{color:#1b4d89;font-size:1.1rem}</style>
</head>
<body>
  ${body}
</body>
</html>`;
}
