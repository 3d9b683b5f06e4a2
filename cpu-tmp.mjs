import { pathToFileURL } from 'node:url';
const c0 = process.cpuUsage(); const t0 = performance.now();
for (const m of process.argv.slice(2)) { const c = process.cpuUsage(); await import(m.startsWith('/') ? pathToFileURL(m).href : m); const d = process.cpuUsage(c); console.log(m.replace('/work/wt-build/dist/',''), ((d.user+d.system)/1000).toFixed(0), 'ms cpu'); }
const d = process.cpuUsage(c0); console.log('total cpu', ((d.user+d.system)/1000).toFixed(0), 'wall', (performance.now()-t0).toFixed(0));
