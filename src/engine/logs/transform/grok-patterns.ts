/**
 * The grok patterns CloudWatch Logs supports ("Supported grok patterns"), each with its
 * documented per-transformer usage limit. Definitions are regular expressions that may reference
 * other patterns as `%{NAME}` or capture as `%{NAME:field}` (HOSTPORT's `PORT`, SYSLOGPROG's
 * `program` and `pid`), in the spirit of the Logstash library AWS's descriptions follow. Where AWS
 * describes a pattern differently from Logstash (UNIXPATH takes a query, URIPROTO only letters and
 * plus signs), the description wins.
 */
export interface GrokPattern {
  regex: string;
  /** How many times a transformer's match may use it. */
  limit: number;
}

const IPV4_OCTET = '(?:25[0-5]|2[0-4][0-9]|[01]?[0-9]{1,2})';
const H16 = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${H16}:${H16}|(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET})`;
const IPV6 = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
].join('|');

const DEFINITIONS: [string, string, number][] = [
  // General
  ['USERNAME', '[a-zA-Z0-9._-]+', 20],
  ['USER', '%{USERNAME}', 20],
  ['INT', '[+-]?[0-9]+', 20],
  ['BASE10NUM', '(?<![0-9.+-])[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)', 20],
  ['NUMBER', '%{BASE10NUM}', 20],
  ['BASE16NUM', '(?<![0-9A-Fa-f])[+-]?(?:0x)?[0-9A-Fa-f]+', 20],
  ['POSINT', '\\b[1-9][0-9]*\\b', 20],
  ['NONNEGINT', '\\b[0-9]+\\b', 20],
  ['WORD', '\\b\\w+\\b', 20],
  ['NOTSPACE', '\\S+', 5],
  ['SPACE', '\\s*', 5],
  ['DATA', '.*?', 5],
  ['GREEDYDATA', '.*', 5],
  ['GREEDYDATA_MULTILINE', '[\\s\\S]*', 1],
  ['QUOTEDSTRING', '"(?:\\\\.|[^\\\\"])*"|\'(?:\\\\.|[^\\\\\'])*\'', 20],
  ['UUID', '[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}', 20],
  ['URN', "urn:[0-9A-Za-z][0-9A-Za-z-]{0,31}:(?:%[0-9a-fA-F]{2}|[0-9A-Za-z()+,.:=@;$_!*'/?#-])+", 20],
  // AWS
  ['ARN', 'arn:(?:aws|aws-cn|aws-us-gov):[a-zA-Z0-9-]+:[a-zA-Z0-9-]*:[0-9]{0,12}:[\\w+=,.@:-]+(?:/[\\w+=,.@:-]+){0,5}', 5],
  // Networking
  ['CISCOMAC', '(?:[A-Fa-f0-9]{4}\\.){2}[A-Fa-f0-9]{4}', 20],
  ['WINDOWSMAC', '(?:[A-Fa-f0-9]{2}-){5}[A-Fa-f0-9]{2}', 20],
  ['COMMONMAC', '(?:[A-Fa-f0-9]{2}:){5}[A-Fa-f0-9]{2}', 20],
  ['MAC', '%{CISCOMAC}|%{WINDOWSMAC}|%{COMMONMAC}', 20],
  ['IPV6', IPV6, 5],
  ['IPV4', `(?<![0-9])(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}(?![0-9])`, 20],
  ['IP', '%{IPV6}|%{IPV4}', 5],
  ['HOSTNAME', '\\b[0-9A-Za-z][0-9A-Za-z-]{0,62}(?:\\.[0-9A-Za-z][0-9A-Za-z-]{0,62})*\\.?', 5],
  ['HOST', '%{HOSTNAME}', 5],
  ['IPORHOST', '%{IP}|%{HOSTNAME}', 5],
  ['HOSTPORT', '%{IPORHOST}:%{POSINT:PORT}', 5],
  ['URIHOST', '%{IPORHOST}(?::%{POSINT:port})?', 5],
  // Paths
  ['UNIXPATH', '(?:/[\\w%!$@:.,+~=&?#-]*)+', 20],
  ['WINPATH', '(?:[A-Za-z]+:|\\\\)(?:\\\\[^\\\\?*]*)+', 5],
  ['PATH', '%{UNIXPATH}|%{WINPATH}', 5],
  ['TTY', '/dev/(?:pts|tty[pq]?)(?:\\w+)?/?[0-9]+', 20],
  ['URIPROTO', '[A-Za-z]+(?:\\+[A-Za-z+]+)?', 20],
  ['URIPATH', "(?:/[A-Za-z0-9$.+!*'(){},~:;=@#%&_-]*)+", 20],
  ['URIPARAM', "\\?[A-Za-z0-9$.+!*'|(){},~@#%&/=:;_?\\[\\]<>-]*", 5],
  ['URIPATHPARAM', '%{URIPATH}(?:%{URIPARAM})?', 5],
  ['URI', '%{URIPROTO}://(?:%{USER}(?::[^@]*)?@)?(?:%{URIHOST})?(?:%{URIPATHPARAM})?', 5],
  // Date and time
  ['MONTH', '\\b(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]un(?:e)?|[Jj]ul(?:y)?|[Aa]ug(?:ust)?|[Ss]ep(?:tember)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)\\b', 20],
  ['MONTHNUM', '0?[1-9]|1[0-2]', 20],
  ['MONTHNUM2', '0[1-9]|1[0-2]', 20],
  ['MONTHDAY', '0[1-9]|[12][0-9]|3[01]|[1-9]', 20],
  ['YEAR', '(?:\\d\\d){1,2}', 20],
  ['DAY', '\\b(?:Mon(?:day)?|Tue(?:sday)?|Wed(?:nesday)?|Thu(?:rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\\b', 20],
  ['HOUR', '2[0123]|[01]?[0-9]', 20],
  ['MINUTE', '[0-5][0-9]', 20],
  ['SECOND', '(?:[0-5]?[0-9]|60)(?:[:.,][0-9]+)?', 20],
  ['TIME', '(?<![0-9])%{HOUR}:%{MINUTE}:%{SECOND}(?![0-9])', 20],
  ['DATE_US', '%{MONTHNUM}[/-]%{MONTHDAY}[/-]%{YEAR}', 20],
  ['DATE_EU', '%{MONTHDAY}[./-]%{MONTHNUM}[./-]%{YEAR}', 20],
  ['ISO8601_TIMEZONE', 'Z|[+-]%{HOUR}(?::?%{MINUTE})', 20],
  ['ISO8601_SECOND', '%{SECOND}', 20],
  ['TIMESTAMP_ISO8601', '%{YEAR}-%{MONTHNUM}-%{MONTHDAY}[T ]%{HOUR}:?%{MINUTE}(?::?%{SECOND})?%{ISO8601_TIMEZONE}?', 20],
  ['DATE', '%{DATE_US}|%{DATE_EU}', 20],
  ['DATESTAMP', '%{DATE}[- ]%{TIME}', 20],
  ['TZ', '\\b(?:[PMCE][SD]T|UTC)\\b', 20],
  ['DATESTAMP_RFC822', '%{DAY} %{MONTH} %{MONTHDAY} %{YEAR} %{TIME} %{TZ}', 20],
  ['DATESTAMP_RFC2822', '%{DAY}, %{MONTHDAY} %{MONTH} %{YEAR} %{TIME} %{ISO8601_TIMEZONE}', 20],
  ['DATESTAMP_OTHER', '%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{TZ} %{YEAR}', 20],
  ['DATESTAMP_EVENTLOG', '%{YEAR}%{MONTHNUM2}%{MONTHDAY}%{HOUR}%{MINUTE}%{SECOND}', 20],
  // Logs
  ['LOGLEVEL', '\\b(?:[Aa]lert|ALERT|[Tt]race|TRACE|[Dd]ebug|DEBUG|[Nn]otice|NOTICE|[Ii]nfo|INFO|[Ww]arn(?:ing)?|WARN(?:ING)?|[Ee]rr(?:or)?|ERR(?:OR)?|[Cc]rit(?:ical)?|CRIT(?:ICAL)?|[Ff]atal|FATAL|[Ss]evere|SEVERE|[Ee]merg(?:ency)?|EMERG(?:ENCY)?)\\b', 20],
  ['HTTPDATE', '%{MONTHDAY}/%{MONTH}/%{YEAR}:%{TIME} %{INT}', 20],
  ['SYSLOGTIMESTAMP', '%{MONTH} +%{MONTHDAY} %{TIME}', 20],
  ['PROG', '[\\w./%-]+', 20],
  ['SYSLOGPROG', '%{PROG:program}(?:\\[%{POSINT:pid}\\])?', 20],
  ['SYSLOGHOST', '%{IPORHOST}', 5],
  ['SYSLOGFACILITY', '<%{NONNEGINT:facility}\\.%{NONNEGINT:priority}>', 20],
];

export const GROK_PATTERNS: ReadonlyMap<string, GrokPattern> = new Map(DEFINITIONS.map(([name, regex, limit]) => [name, { regex, limit }]));

/** Patterns that together may appear at most five times in one match. */
export const SHARED_LIMIT = new Set(['URI', 'URIPARAM', 'URIPATHPARAM', 'SPACE', 'DATA', 'GREEDYDATA', 'GREEDYDATA_MULTILINE']);
export const SHARED_LIMIT_COUNT = 5;

/** The patterns a common log format pattern may be followed by (exactly one of them). */
export const AFTER_COMMON_LOG = new Set(['DATA', 'GREEDYDATA', 'GREEDYDATA_MULTILINE']);

/** At most this many patterns in one match. */
export const MAX_GROK_PATTERNS = 20;
