/** Writes docs/api.md from the schema table: `npm run docs:api`. test/schema/api-docs.test.ts checks it is current. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultVersions } from '../src/graph/versions.js';
import { apiMarkdown } from '../src/schema/docs/api-markdown.js';
import { graphTable } from '../src/schema/table.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(repoRoot, 'docs', 'api.md');
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, apiMarkdown(graphTable, defaultVersions));
console.log(`wrote ${path.relative(repoRoot, target)}`);
