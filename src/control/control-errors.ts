/**
 * Control-plane errors keep the Graph envelope's shape so one client parser reads both,
 * with a type of their own so nobody mistakes them for Meta's.
 */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  body(): { error: { message: string; type: 'GraphdControlException'; code: number } } {
    return { error: { message: this.message, type: 'GraphdControlException', code: this.status } };
  }
}
