// The composition root's wiring of the ports a lower module declares and a module above it implements
// (src/platform/deps.ts Ports). Every Deps gets these: src/app/runtime.ts, the tests' and the benches' deps.
import type { Ports } from '../platform/deps.ts';
import { chainReader } from '../publish/step-api.ts';

/** secrecy reads the chain's items through publish (src/secrecy/chain.ts ChainReader). */
export const PORTS: Ports = { chain: chainReader };
