export async function runQuality() {
  console.log('quality evaluation: see bench/knowledge/eval (not built yet)');
}
