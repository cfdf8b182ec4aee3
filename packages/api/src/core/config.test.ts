import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configDescriptions, loadConfig } from './config.ts';

const repoFile = (name: string) => readFileSync(fileURLToPath(new URL(`../../../../${name}`, import.meta.url)), 'utf8');

describe('configuration', () => {
  it('has a default for everything, so an empty environment starts the demo', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(4000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SEED_DEMO).toBe('auto');
    expect(config.OPERATION_TIME_ZONE).toBe('America/Lima');
    expect(config.SIMULATE).toBe(true);
    expect(config.SIMULATION_SEED).toBe(42);
    expect(config.SIMULATION_SPEED).toBe(10);
  });

  it('rejects invalid values naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ADMIN_API_KEY: 'short' })).toThrow(/ADMIN_API_KEY/);
    expect(() => loadConfig({ SEED_DEMO: 'sometimes' })).toThrow(/SEED_DEMO/);
    expect(() => loadConfig({ SIMULATE: 'perhaps' })).toThrow(/SIMULATE/);
    expect(() => loadConfig({ SIMULATION_SPEED: '0' })).toThrow(/SIMULATION_SPEED/);
  });

  it('reads METRICS_PORT as a port or off, unset meaning the default port', () => {
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9100' }).METRICS_PORT).toBe(9100);
    expect(loadConfig({ METRICS_PORT: 'off' }).METRICS_PORT).toBe('off');
    expect(() => loadConfig({ METRICS_PORT: 'on' })).toThrow(/METRICS_PORT: a port \(0 to 65535\) or off/);
    expect(loadConfig({}).SLOW_REQUEST_MS).toBe(500);
  });

  it('turns the simulator off with 0 or false', () => {
    expect(loadConfig({ SIMULATE: '0' }).SIMULATE).toBe(false);
    expect(loadConfig({ SIMULATE: 'false' }).SIMULATE).toBe(false);
    expect(loadConfig({ SIMULATE: '1' }).SIMULATE).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(4000);
  });

  it('is documented variable by variable in .env.example and the README', () => {
    const names = Object.keys(configDescriptions).sort();
    const example = repoFile('.env.example');
    const listed = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]).sort();
    expect(listed).toEqual(names);
    const readme = repoFile('README.md');
    for (const name of names) {
      expect(readme, `README table row for ${name}`).toContain(`| \`${name}\` |`);
      expect(configDescriptions[name], `description of ${name}`).not.toBe('');
    }
  });
});
