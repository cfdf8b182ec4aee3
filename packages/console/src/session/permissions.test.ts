import { describe, expect, it } from 'vitest';
import { canCreateCampaign, canReallocate, canRunCampaign, canSee, screensFor } from './permissions.ts';

describe('role-aware navigation', () => {
  it('shows every screen to staff and only the portfolio, its KPIs and its analytics to an agency', () => {
    expect(screensFor('MANAGER')).toEqual(['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics']);
    expect(screensFor('SUPERVISOR')).toEqual(['floor', 'queues', 'agents', 'campaigns', 'accounts', 'analytics']);
    expect(screensFor('AGENCY')).toEqual(['floor', 'accounts', 'analytics']);
    expect(canSee('AGENT', 'analytics')).toBe(false);
    expect(canSee('AGENCY', 'queues')).toBe(false);
    expect(canSee('AGENCY', 'agents')).toBe(false);
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
