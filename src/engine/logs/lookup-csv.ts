import { AwsError } from '../errors.js';

/** What CloudWatch Logs reads off a lookup table's CSV body. */
export interface CsvSummary {
  /** The header row's column names, in order. */
  fields: string[];
  /** Data rows, the header excluded. */
  records: number;
}

/** "The CSV content must … not exceed 10 MB": the model bounds characters, this bounds bytes. */
export const MAX_TABLE_BYTES = 10 * 1024 * 1024;

// AWS's wording of these CSV errors is not documented; these follow its InvalidParameterException style.
const invalid = (why: string) => new AwsError('InvalidParameterException', `Invalid CSV content in tableBody: ${why}`);

/**
 * Reads an RFC 4180 CSV body: comma-separated fields, double-quoted fields may hold commas, line
 * breaks and doubled quotes; rows end with LF or CRLF, and a final line break is optional. The
 * first row is the header: its names must be present and distinct, and every data row must have
 * as many fields as it has.
 */
export function summarizeCsv(body: string): CsvSummary {
  if (Buffer.byteLength(body, 'utf8') > MAX_TABLE_BYTES) {
    throw new AwsError('InvalidParameterException', `The tableBody must not exceed ${MAX_TABLE_BYTES} bytes.`);
  }
  const rows = parseRows(body);
  const header = rows[0];
  if (!header || header.every((name) => name.trim() === '')) throw invalid('the first row must be a header row with column names.');
  checkHeader(header);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.length !== header.length) {
      throw invalid(`row ${i + 1} has ${rows[i]!.length} fields, but the header row has ${header.length}.`);
    }
  }
  return { fields: header, records: rows.length - 1 };
}

function checkHeader(header: string[]): void {
  const seen = new Set<string>();
  for (const name of header) {
    if (name.trim() === '') throw invalid('every column of the header row needs a name.');
    if (seen.has(name)) throw invalid(`the header row names column '${name}' more than once.`);
    seen.add(name);
  }
}

/** Splits the body into rows of fields, honouring quotes; a blank final line is not a row. */
function parseRows(body: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (body[i + 1] === '"') field += body[i++];
      else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || (c === '\r' && body[i + 1] === '\n')) {
      if (c === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw invalid('a quoted field is not closed.');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
