import { describe, expect, it } from 'vitest';
import { canCreateCampaign, canReallocate, canRunCampaign, canSee, screensFor } from './permissions.ts';

describe('role-aware navigation', () => {
  it('shows the operation and its analytics to staff, the agencies screen to managers, an agency its own workspace', () => {
    expect(screensFor('MANAGER')).toEqual([
      'floor',
      'queues',
      'agents',
      'campaigns',
      'accounts',
      'analytics',
      'agencies',
    ]);
    expect(screensFor('SUPERVISOR')).toEqual(['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics']);
    expect(screensFor('AGENCY')).toEqual(['floor', 'agency', 'agents', 'accounts', 'analytics']);
    expect(canSee('AGENT', 'analytics')).toBe(false);
    expect(canSee('AGENCY', 'queues')).toBe(false);
    expect(canSee('AGENCY', 'agencies')).toBe(false);
    expect(canSee('MANAGER', 'agency')).toBe(false);
  });

  it('lets only managers and admins reallocate or create campaigns', () => {
    expect(canReallocate('MANAGER')).toBe(true);
    expect(canReallocate('ADMIN')).toBe(true);
    expect(canReallocate('SUPERVISOR')).toBe(false);
    expect(canCreateCampaign('SUPERVISOR')).toBe(false);
    expect(canRunCampaign('SUPERVISOR')).toBe(true);
    expect(canRunCampaign('AGENCY')).toBe(false);
  });
});
