// Writes schema/manifest.schema.json from src/manifest/schema.ts (a test checks it is current).
import { mkdirSync, writeFileSync } from 'node:fs';
import { manifestJsonSchema } from '../src/manifest/jsonschema.js';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/manifest.schema.json', `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
console.log('schema/manifest.schema.json written');
