// npm run bench [name...]: runs the named benchmarks in bench/ (default: all).
const all = ['exposure', 'tiles', 'render', 'network', 'service', 'postgis', 'clusters'];
const names = process.argv.slice(2).length ? process.argv.slice(2) : all;
for (const name of names) {
  if (!all.includes(name)) {
    console.error(`unknown benchmark "${name}"; known: ${all.join(', ')}`);
    process.exit(2);
  }
  await import(`./${name}.ts`);
}
