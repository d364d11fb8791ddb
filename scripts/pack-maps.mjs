// `npm run pack:maps`: the source maps of the elements package in an archive of their own,
// okta-signin-elements-<version>-sourcemaps.tgz (run `npm run build` first). The npm package leaves them out (they are
// ten times the size of the code they map); each file still names its map, so extracting the archive over the
// installed package, or over the folder a site serves the script-tag files from, gives the browser's developer tools
// the sources again:
//   tar -xzf okta-signin-elements-0.1.0-sourcemaps.tgz -C node_modules/okta-signin-elements
// Every map carries its sources' text, so the archive needs nothing else.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function mapFiles(root = '.') {
  return readdirSync(`${root}/dist`, { recursive: true })
    .filter((f) => String(f).endsWith('.map'))
    .map((f) => `dist/${f}`)
    .sort();
}

export function packMaps(destination = '.') {
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
  const files = mapFiles();
  if (!files.length) throw new Error('dist/ has no source maps: run npm run build first');
  const archive = `${destination}/${name}-${version}-sourcemaps.tgz`;
  const tar = spawnSync('tar', ['-czf', archive, ...files], { stdio: 'inherit' });
  if (tar.error) throw tar.error;
  if (tar.status !== 0) throw new Error(`tar exited with ${tar.status}`);
  return { archive, files };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { archive, files } = packMaps(process.argv[2] ?? '.');
  console.log(`${archive}: ${files.length} source maps`);
}
