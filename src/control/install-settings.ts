/**
 * Settings that belong to the install, not to its world: the admin token and the salt behind
 * derived ids. Resets and snapshot imports keep them, and snapshots leave them out, so a
 * snapshot carries no credential and every running process keeps agreeing with the store.
 */
export const installSettings: readonly string[] = ['admin_token', 'install_salt'];
