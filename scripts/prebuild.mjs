// `npm run build`, first: empties the packages' build folders (the root's dist/ and packages/*/dist), and gives
// each package under packages/ the repository's LICENSE, which npm packs only from a package's own folder.
import { copyFileSync, readdirSync, rmSync } from 'node:fs';

const packages = readdirSync('packages').map((name) => `packages/${name}`);
for (const dir of ['dist', ...packages.map((p) => `${p}/dist`)]) rmSync(dir, { recursive: true, force: true });
for (const p of packages) copyFileSync('LICENSE', `${p}/LICENSE`);
