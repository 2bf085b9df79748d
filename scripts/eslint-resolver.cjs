// Import resolver for eslint-plugin-boundaries: the server is NodeNext ESM, so its relative imports
// name `./file.js` for `./file.ts`; the web (Vite) imports without an extension. Bare specifiers
// (packages, node: builtins) go to the stock node resolver.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const nodeResolver = require('eslint-import-resolver-node');

const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

exports.interfaceVersion = 2;
exports.resolve = (source, file, config) => {
  if (!source.startsWith('.')) return nodeResolver.resolve(source, file, config);
  const base = path.resolve(path.dirname(file), source);
  const stem = base.replace(/\.(js|jsx|mjs)$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}.js`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.tsx'),
  ];
  const found = candidates.find(isFile);
  return found ? { found: true, path: found } : { found: false };
};
