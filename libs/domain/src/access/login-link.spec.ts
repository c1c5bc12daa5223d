import { bidPageUrl, isAppPath, loginLinkUrl } from './login-link';

describe('links in mails', () => {
  it('leads after sign-in only to a page of this site', () => {
    for (const path of ['/', '/candidatures/8c1d/membres', '/candidatures/8c1d?onglet=1'])
      expect(isAppPath(path)).toBe(true);
    for (const path of [
      '',
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/a"><script>',
      `/${'a'.repeat(200)}`,
    ])
      expect(isAppPath(path)).toBe(false);
  });

  it('carries the page to open in the sign-in link, when it is one of ours', () => {
    const link = new URL(
      loginLinkUrl('https://cordage.example', 'tok', '/candidatures/b1/membres'),
    );
    expect(link.pathname).toBe('/api/auth/callback');
    expect(link.searchParams.get('token')).toBe('tok');
    expect(link.searchParams.get('next')).toBe('/candidatures/b1/membres');
    expect(
      new URL(loginLinkUrl('https://cordage.example', 'tok', '//evil')).searchParams.has('next'),
    ).toBe(false);
  });

  it('points each step at its page of the web app', () => {
    expect(bidPageUrl('https://cordage.example', 'b1', 'convention')).toBe(
      'https://cordage.example/candidatures/b1/convention',
    );
    expect(bidPageUrl('https://cordage.example/', 'b1', 'overview')).toBe(
      'https://cordage.example/candidatures/b1',
    );
  });
});
