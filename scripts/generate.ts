// npm run generate: regenerate generated/ from examples/ (what the drift test compares).
import { readdirSync } from 'node:fs';
import { generatedFiles } from '../src/examples.ts';
import { writeFileAtomic } from '../src/util/fs.ts';

for (const { path, content } of generatedFiles(readdirSync('examples'))) {
  writeFileAtomic(path, content);
  console.log(`wrote ${path}`);
}
