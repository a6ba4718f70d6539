// Abad targets Node 22 (Lambda nodejs22.x). On Linux and Intel macOS, `npm install` brings a
// Node 22 binary (optional dependency node-<os>-<cpu>) that npm scripts put first on PATH.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `Abad needs Node.js 22 or newer (this is ${process.version}). Run \`npm install\` first, ` + 'or install Node 22 from https://nodejs.org and try again.',
  );
  process.exit(1);
}
