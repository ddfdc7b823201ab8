// npm run generate: regenerate generated/ (code and derivation sheets) from examples/;
// the drift tests compare against exactly this.
import { readdirSync } from 'node:fs';
import { generatedFiles, sheetFiles } from '../src/examples.ts';
import { writeFileAtomic } from '../src/util/fs.ts';

const examples = readdirSync('examples');
for (const { path, content } of [...generatedFiles(examples), ...sheetFiles(examples)]) {
  writeFileAtomic(path, content);
  console.log(`wrote ${path}`);
}
