import fs from 'node:fs'; import { isUtf8 } from 'node:buffer';
const b = fs.readFileSync('/tmp/bld/big.txt');
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const ways = {
  fatal: () => new TextDecoder('utf-8', { fatal: true }).decode(b),
  plain: () => new TextDecoder('utf-8').decode(b),
  toString: () => b.toString('utf8'),
  isUtf8: () => isUtf8(b),
  latin: () => b.toString('latin1'),
};
for (let r = 0; r < 3; r++) for (const [k, f] of Object.entries(ways)) { const c = cpu(); f(); console.log(k, (cpu() - c).toFixed(0)); }
