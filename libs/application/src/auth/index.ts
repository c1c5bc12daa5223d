import { LoginLinksService } from './login-links.service';

export { LoginLinksService } from './login-links.service';

export const AUTH_USE_CASES = [LoginLinksService];
