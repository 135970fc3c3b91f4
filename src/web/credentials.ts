/**
 * The tokens the UI works with. The admin token is typed in once and kept in this origin's
 * localStorage (docs/web-ui.md explains why graphd never puts it into the page); with it the
 * page reads the demo world's tokens from GET /_graphd/demo.
 */
const adminKey = 'graphd.admin_token';
const choiceKey = 'graphd.token_choice';
const pastedKey = 'graphd.pasted_token';

export interface DemoCredentials {
  user_token: string;
  app_token: string;
  page_token: string;
  system_user_token: string;
  ad_account_id: string;
  app_id: string;
}

export interface TokenChoice {
  key: string;
  label: string;
  token: string;
}

let demo: Promise<DemoCredentials | undefined> | undefined;
const listeners = new Set<() => void>();

export const adminToken = (): string | undefined => localStorage.getItem(adminKey) ?? undefined;

export function setAdminToken(token: string | undefined): void {
  if (token) localStorage.setItem(adminKey, token);
  else localStorage.removeItem(adminKey);
  demo = undefined;
  for (const listener of listeners) listener();
}

/** Called whenever the admin token changes (pages re-read what depends on it). */
export function onCredentialsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The demo world's credentials, or undefined without an admin token or a demo world. */
export function demoCredentials(): Promise<DemoCredentials | undefined> {
  demo ??= readDemo();
  return demo;
}

async function readDemo(): Promise<DemoCredentials | undefined> {
  const token = adminToken();
  if (!token) return undefined;
  const response = await fetch('/_graphd/demo', { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return undefined;
  return ((await response.json()) as { data: DemoCredentials }).data;
}

export async function tokenChoices(): Promise<TokenChoice[]> {
  const credentials = await demoCredentials();
  const pasted: TokenChoice = { key: 'pasted', label: 'Paste a token…', token: pastedToken() };
  if (!credentials) return [pasted];
  return [
    { key: 'demo:user', label: 'Demo user token', token: credentials.user_token },
    { key: 'demo:system_user', label: 'Demo system user token', token: credentials.system_user_token },
    { key: 'demo:page', label: 'Demo page token', token: credentials.page_token },
    { key: 'demo:app', label: 'Demo app token', token: credentials.app_token },
    pasted,
  ];
}

export const chosenTokenKey = (): string => localStorage.getItem(choiceKey) ?? 'demo:user';
export const chooseToken = (key: string): void => localStorage.setItem(choiceKey, key);
export const pastedToken = (): string => localStorage.getItem(pastedKey) ?? '';
export const setPastedToken = (token: string): void => localStorage.setItem(pastedKey, token);
