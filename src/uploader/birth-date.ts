/**
 * A full birth date split into the DOBY, DOBM and DOBD parts Meta hashes separately.
 * Slashes are read month first (MM/DD/YYYY, as Facebook writes birthdays), dots day first
 * (DD.MM.YYYY); dashes and no separator are year first (YYYY-MM-DD, YYYYMMDD).
 */
export interface BirthDateParts {
  year: string;
  month: string;
  day: string;
}

const FORMS: [RegExp, (m: RegExpExecArray) => BirthDateParts][] = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/, (m) => ({ year: m[1], month: m[2], day: m[3] })],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => ({ year: m[1], month: m[2], day: m[3] })],
  [/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, (m) => ({ year: m[1], month: m[2], day: m[3] })],
  [/^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/, (m) => ({ month: m[1], day: m[2], year: m[3] })],
  [/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, (m) => ({ day: m[1], month: m[2], year: m[3] })],
];

/** The parts of a written birth date, or undefined when it has none of the forms above. */
export function splitBirthDate(text: string): BirthDateParts | undefined {
  const trimmed = text.trim();
  for (const [form, parts] of FORMS) {
    const match = form.exec(trimmed);
    if (match) return parts(match);
  }
  return undefined;
}
