// Nothing to configure: the packages are ES modules with "exports" that Next.js bundles as they are (no
// transpilePackages, no Turbopack or webpack settings).

/** @type {import('next').NextConfig} */
export default {};
