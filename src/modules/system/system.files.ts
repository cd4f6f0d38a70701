// Readiness probes (health.ts) write `health/…` and delete it at once; one left by a crash
// between the two is never referenced, so the orphan sweep takes it after the grace period.
import type { FileOwner } from '../../platform/storage/orphans.ts';

export const systemFileOwners: FileOwner[] = [{ prefix: 'health/', referenced: async () => new Set() }];
