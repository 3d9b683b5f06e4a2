import fs from 'node:fs';
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
let c = cpu(); let t = performance.now();
const { createChecker } = await import('./dist/checks/index.js');
console.log('import', (cpu() - c).toFixed(0), 'cpu', (performance.now() - t).toFixed(0), 'wall');
c = cpu(); t = performance.now();
const text = fs.readFileSync('/tmp/bld/big.txt', 'utf8');
console.log('read', (cpu() - c).toFixed(0), 'cpu', (performance.now() - t).toFixed(0), 'wall');
c = cpu(); t = performance.now();
const ch = createChecker();
console.log('build', (cpu() - c).toFixed(0), 'cpu', (performance.now() - t).toFixed(0), 'wall');
for (let i = 0; i < 4; i++) { c = cpu(); t = performance.now(); ch.run(text); console.log('run', i, (cpu() - c).toFixed(0), 'cpu', (performance.now() - t).toFixed(0), 'wall'); }
