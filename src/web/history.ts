/** The explorer's recent calls, newest first, kept in this origin's localStorage. */
const key = 'graphd.history';
const capacity = 50;

export interface HistoryEntry {
  method: string;
  path: string;
  fields: string;
  params: [string, string][];
  /** Which token choice was used; a pasted token is kept with it so a re-run can send it. */
  tokenKey: string;
  pastedToken?: string;
  status: number;
  ms: number;
  at: number;
}

export function readHistory(): HistoryEntry[] {
  try {
    const entries = JSON.parse(localStorage.getItem(key) ?? '[]') as unknown;
    return Array.isArray(entries) ? (entries as HistoryEntry[]) : [];
  } catch {
    return [];
  }
}

export function remember(entry: HistoryEntry): HistoryEntry[] {
  const entries = [entry, ...readHistory()].slice(0, capacity);
  localStorage.setItem(key, JSON.stringify(entries));
  return entries;
}

export function forgetHistory(): void {
  localStorage.removeItem(key);
}
