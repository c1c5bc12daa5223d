// Writes docs/routes-and-pages.md: each route of the api and the web pages that use it.
// routes-and-pages.spec.ts checks that the committed file is this script's output.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { KNOWN_GAPS, MACHINE_ONLY } from './routes-without-pages';
import { REPO_ROOT, ROUTES_AND_PAGES_DOC, formattedRoutesAndPages } from './routes-and-pages';

writeFileSync(ROUTES_AND_PAGES_DOC, formattedRoutesAndPages(MACHINE_ONLY, KNOWN_GAPS));
console.log(`wrote ${path.relative(REPO_ROOT, ROUTES_AND_PAGES_DOC)}`);
