import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load-config.ts';

describe('loadConfig', () => {
  it('has safe defaults: port 8443, PGlite in ./data, dev PKI in certs/dev', () => {
    const c = loadConfig({}, '/srv/broker');
    expect(c.port).toBe(8443);
    expect(c.htaPort).toBe(8444);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('/srv/broker/data');
    expect(c.tls.caFile).toBe('/srv/broker/certs/dev/ca.crt');
    expect(c.registryFile).toBe('/srv/broker/conformance/demo-registry.json');
  });

  it('reads SITEDS_PORT, SITEDS_DATA_DIR and DATABASE_URL', () => {
    const c = loadConfig(
      {
        SITEDS_PORT: '9443',
        SITEDS_HTA_PORT: '9444',
        SITEDS_DATA_DIR: '/var/lib/siteds',
        DATABASE_URL: 'postgres://db/siteds',
      },
      '/srv/broker',
    );
    expect([c.port, c.htaPort, c.dataDir, c.databaseUrl]).toEqual([
      9443,
      9444,
      '/var/lib/siteds',
      'postgres://db/siteds',
    ]);
  });

  it('reads the MLLP port from SITEDS_MLLP_PORT (default 2575, the IANA port for HL7 MLLP)', () => {
    expect(loadConfig({}, '/srv').mllpPort).toBe(2575);
    expect(loadConfig({ SITEDS_MLLP_PORT: '12575' }, '/srv').mllpPort).toBe(12575);
    let error: unknown;
    try {
      loadConfig({ SITEDS_MLLP_PORT: '70000', SITEDS_PORT: 'x' }, '/srv');
    } catch (err) {
      error = err;
    }
    expect((error as ConfigError).problems).toEqual([
      'SITEDS_PORT must be an integer from 0 to 65535, got "x"',
      'SITEDS_MLLP_PORT must be an integer from 0 to 65535, got "70000"',
    ]);
  });

  it('reads the HTA public base from SITEDS_HTA_PUBLIC_URL (https only, no trailing slash)', () => {
    expect(loadConfig({}, '/srv').htaPublicUrl).toBeUndefined();
    expect(
      loadConfig({ SITEDS_HTA_PUBLIC_URL: 'https://hta.example.pe/hta/' }, '/srv').htaPublicUrl,
    ).toBe('https://hta.example.pe/hta');
    for (const bad of ['http://hta.example.pe/hta', 'https://hta.example.pe/?q=1', 'hta']) {
      expect(() => loadConfig({ SITEDS_HTA_PUBLIC_URL: bad }, '/srv')).toThrow(
        `SITEDS_HTA_PUBLIC_URL must be an https:// URL without query or fragment (got ${bad})`,
      );
    }
  });

  it('reports every bad setting at once and stops', () => {
    const env = {
      SITEDS_PORT: 'http',
      SITEDS_DEMO: 'maybe',
      DATABASE_URL: 'mysql://x',
      SITEDS_LOG_LEVEL: 'loud',
    };
    let error: unknown;
    try {
      loadConfig(env, '/srv');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(4);
    expect((error as ConfigError).message).toContain('SITEDS_PORT');
  });

  it('is frozen', () => {
    const c = loadConfig({}, '/srv');
    expect(Object.isFrozen(c) && Object.isFrozen(c.tls)).toBe(true);
  });
});
