import { z } from 'zod';
import type { Coordinates } from './service.js';

export interface OnlineLookupSettings {
  /** A postcodes.io-compatible API, like https://api.postcodes.io: GET {url}/postcodes/{postcode}. */
  url: string;
  /** How long to wait for an answer before saving without one. */
  timeoutMs: number;
}

/** What the online lookup said: where the postcode is, that it does not know it, or nothing useful. */
export type OnlineAnswer = { found: Coordinates } | { found: null } | { unavailable: string };

/** A postcodes.io answer: only the parts Hearth reads. Terminated postcodes and ones with no grid reference have no place. */
const answer = z.object({
  result: z.object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
});

export type OnlineLookup = (postcode: string) => Promise<OnlineAnswer>;

/**
 * Asks a postcodes.io-compatible service where a postcode is. It never throws: a slow, failing or
 * strange service is `unavailable`, so a save goes on without a location.
 */
export function onlineLookup(settings: OnlineLookupSettings): OnlineLookup {
  const base = settings.url.replace(/\/+$/, '');
  return async (postcode) => {
    try {
      const response = await fetch(`${base}/postcodes/${encodeURIComponent(postcode)}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      if (response.status === 404) {
        await response.body?.cancel();
        return { found: null };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { unavailable: `answered ${response.status}` };
      }
      const parsed = answer.safeParse(await response.json());
      if (!parsed.success) return { unavailable: 'gave an answer without a latitude and longitude' };
      return { found: { latitude: parsed.data.result.latitude, longitude: parsed.data.result.longitude } };
    } catch (error) {
      return { unavailable: error instanceof Error ? error.message : String(error) };
    }
  };
}
