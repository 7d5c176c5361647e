/**
 * A school's wall clock through `Intl`: one en-GB formatter per set of fields and time zone, built
 * once (building one costs about ten times using it), and an instant's parts by name. Pure.
 */

const formats = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();

/** The formatter showing `fields` (pass a module constant, so it is built once per zone) in `timeZone`. */
export function zoneFormat(fields: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  let byZone = formats.get(fields);
  if (!byZone) formats.set(fields, (byZone = new Map()));
  let format = byZone.get(timeZone);
  if (!format) byZone.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { ...fields, timeZone })));
  return format;
}

/** `at`'s parts on the zone's clock, by type (`weekday`, `hour`, `timeZoneName`, ...). */
export function zoneParts(fields: Intl.DateTimeFormatOptions, at: number, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of zoneFormat(fields, timeZone).formatToParts(at)) parts[part.type] = part.value;
  return parts;
}
