import type { PriceTier } from './prices';

/** The cost of `quantity` units under a graduated price: each tier prices only the units that fall inside it. */
export function chargeTiered(quantity: number, tiers: readonly PriceTier[]): number {
  if (!(quantity >= 0)) throw new RangeError(`quantity must be a non-negative number, got ${quantity}`);
  let cost = 0;
  let start = 0;
  for (const tier of tiers) {
    if (quantity <= start) break;
    cost += (Math.min(quantity, tier.upTo) - start) * tier.price;
    start = tier.upTo;
  }
  if (quantity > start) throw new RangeError(`the price tiers end at ${start} units, below ${quantity}`);
  return cost;
}
