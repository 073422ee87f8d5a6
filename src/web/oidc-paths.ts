// Owns the addresses of the organisation sign-in, apart from its client so that pages linking to it do not
// load openid-client on a desk that has no organisation sign-in configured.
export const OIDC_START_PATH = '/sign-in/oidc';
export const OIDC_CALLBACK_PATH = '/sign-in/callback';
