/**
 * Drug inventory on hand, a part of working capital (DOMAIN.md 2.9: the cash tied up in drug). Rule over
 * the user's input: the practice keeps `daysOnHand` days of its drug use on the shelf, valued at cost, so
 * at the end of a month it holds
 *
 *     inventory = drug cost of the month's administrations x daysOnHand / (364 / 12)
 *
 * (a month is 364 / 12 days, as everywhere in the projection). Drug the practice does not buy (a payer's
 * free or white-bagged drug) has no drug cost, so it is never held. The stock is a balance, not a cash
 * flow of its own: the model's cash flows keep paying for drug on the distributor's terms.
 */
import { type Dec, ZERO, dec } from './decimal';
import { DAYS_PER_YEAR } from './regimen';

export function inventoryOnHand(monthDrugCost: Dec, daysOnHand: number): Dec {
  if (daysOnHand <= 0) return ZERO;
  return monthDrugCost.times(dec(daysOnHand)).times(12).div(DAYS_PER_YEAR);
}
