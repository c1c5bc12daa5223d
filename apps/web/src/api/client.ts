import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** The cookie the api sets beside the session; changes echo it in X-CSRF-Token. */
const CSRF_COOKIE = 'cordage_csrf';

function csrfToken(): string | undefined {
  return document.cookie
    .split('; ')
    .find((pair) => pair.startsWith(`${CSRF_COOKIE}=`))
    ?.slice(CSRF_COOKIE.length + 1);
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method === 'GET' || request.method === 'HEAD') return request;
    const token = csrfToken();
    if (token) request.headers.set('X-CSRF-Token', decodeURIComponent(token));
    return request;
  },
};

/** The typed client of every api route; the session travels as a same-site cookie. */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });
api.use(csrf);
