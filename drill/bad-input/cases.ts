/** The malformed requests for a seed: every generator once, the rest drawn by weight, then shuffled. */
import type { Category, Fixtures, Gen, Req } from './types';
import { mulberry32 } from './rng';
import { contentTypeGenerators } from './gen-content';
import { schedulerGenerators } from './gen-scheduler';
import { actionGenerators } from './gen-actions';

/** Every generator; each is used at least once, the rest of the 1,000 is drawn by weight. */
function generators(): Gen[] {
  const gens: Gen[] = [];
  const add = (endpoint: string, category: Category, make: Gen['make'], weight = 1) => gens.push({ endpoint, category, make, weight });

  // This order, like each file's, fixes which requests a seed gives.
  contentTypeGenerators(add);
  schedulerGenerators(add);
  actionGenerators(add);

  return gens;
}

/** The 1,000 (or `count`) requests for a seed: every generator once, then by weight. */
export function buildRequests(seed: number, count: number, fx: Fixtures): Req[] {
  const gens = generators();
  const r = mulberry32(seed);
  const out: Req[] = [];
  for (const g of gens) if (out.length < count) out.push(g.make(r, fx));
  const total = gens.reduce((s, g) => s + (g.weight ?? 1), 0);
  const oversizedCap = Math.ceil(count * 0.03);
  while (out.length < count) {
    let x = r() * total;
    let g = gens[0];
    for (const cand of gens) {
      x -= cand.weight ?? 1;
      if (x <= 0) {
        g = cand;
        break;
      }
    }
    if (g.category === 'oversized' && out.filter((q0) => q0.category === 'oversized').length >= oversizedCap) continue;
    out.push(g.make(r, fx));
  }
  // A deterministic shuffle, so endpoints interleave under concurrency.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
