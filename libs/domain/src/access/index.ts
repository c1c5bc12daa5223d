export * from './access-policy';
export * from './principal';
export * from './secrets';
export * from './login-link';
export * from './login-link-limits';
export * from './representation';
