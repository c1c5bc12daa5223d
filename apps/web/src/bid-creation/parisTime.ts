// A deadline typed as a date and a time in Paris, sent with its offset (+01:00 or +02:00).

const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  timeZoneName: 'longOffset',
});

/** Minutes east of UTC in Paris at an instant ("GMT+02:00" -> 120). */
function parisOffsetMinutes(instant: number): number {
  const name =
    offsetFormat.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')
      ?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** "2027-01-15" and "12:00" (Paris) to "2027-01-15T12:00:00+01:00". */
export function parisIso(date: string, time: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hours, minutes);
  // The offset depends on the instant, which depends on the offset: two passes settle it.
  const offset = parisOffsetMinutes(asUtc - parisOffsetMinutes(asUtc) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
