#!/usr/bin/env node
import { main } from './main.js';

// a reader that goes away (`logwarden apply … | head`) must not kill an apply halfway: stop writing
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
