/**
 * A small iCalendar (RFC 5545) writer: TEXT escaping, content lines folded at 75 octets of
 * UTF-8 (never inside a character), CRLF line ends, UTC date-times. Pure: no Strapi imports.
 */

/** A property: name, value (already a valid iCalendar value: TEXT goes through `text()`), parameters. */
export interface IcsProperty {
  name: string;
  value: string;
  params?: Record<string, string>;
}

export interface IcsComponent {
  name: string;
  properties: IcsProperty[];
  components?: IcsComponent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as
 * `\n`; other control characters (not allowed in TEXT) dropped.
 */
export function text(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** A UTC DATE-TIME: 20261202T000000Z. */
export function utc(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('ics: invalid date');
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A parameter value: quoted when it holds `:`, `;` or `,` (double quotes are not allowed in one). */
function paramValue(value: string): string {
  const clean = value.replace(/"/g, "'");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * One content line folded (RFC 5545 3.1): physical lines of at most 75 octets, each
 * continuation starting with one space; a multi-byte character is never split.
 */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  // for…of walks code points: a surrogate pair (emoji) stays whole.
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > MAX_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(CRLF);
}

/** The content line of a property (unfolded). */
export function contentLine({ name, value, params }: IcsProperty): string {
  const p = Object.entries(params ?? {})
    .map(([k, v]) => `;${k}=${paramValue(v)}`)
    .join('');
  return `${name}${p}:${value}`;
}

function lines(component: IcsComponent): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(contentLine),
    ...(component.components ?? []).flatMap(lines),
    `END:${component.name}`,
  ];
}

/** The whole object, folded, CRLF after every line (the last one too). */
export function serialize(component: IcsComponent): string {
  return lines(component).map(fold).join(CRLF) + CRLF;
}
