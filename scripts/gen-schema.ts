// Writes schema/manifest.schema.json and schema/logwarden.schema.json from the field tables (a test checks they are current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { manifestJsonSchema, settingsJsonSchema } from '../src/manifest/jsonschema.js';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/manifest.schema.json', `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
writeFileSync('schema/logwarden.schema.json', `${JSON.stringify(settingsJsonSchema(), null, 2)}\n`);
console.log('schema/manifest.schema.json and schema/logwarden.schema.json written');
