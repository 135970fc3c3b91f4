import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultVersions } from '../../src/graph/versions.js';
import { apiMarkdown } from '../../src/schema/docs/api-markdown.js';
import { graphTable } from '../../src/schema/table.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const committedPath = path.join(repoRoot, 'docs', 'api.md');

describe('docs/api.md', () => {
  it('matches the schema table byte for byte', () => {
    const generated = apiMarkdown(graphTable, defaultVersions);
    let committed: string;
    try {
      committed = readFileSync(committedPath, 'utf8');
    } catch {
      throw new Error('docs/api.md is missing: run `npm run docs:api` and commit the result');
    }
    if (committed !== generated) {
      const a = committed.split('\n');
      const b = generated.split('\n');
      let line = 0;
      while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
      expect.fail(
        `docs/api.md is out of date with the schema table: run \`npm run docs:api\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  committed: ${JSON.stringify(a[line])}\n  generated: ${JSON.stringify(b[line])}`,
      );
    }
  });

  it('is deterministic', () => {
    expect(apiMarkdown(graphTable, defaultVersions)).toBe(apiMarkdown(graphTable, defaultVersions));
  });
});
