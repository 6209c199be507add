import { startupBanner } from './startup-banner.js';

const base = { baseUrl: 'http://localhost:3000', simulatorUrl: 'http://127.0.0.1:3001', database: 'sqlite:data/connector.sqlite' };

describe('startupBanner', () => {
  it('in demo mode names the docs, the kept admin token, a command to try and where to get a remote token', () => {
    const text = startupBanner({ ...base, demoMode: true, admin: { kind: 'demo-file', token: 'tok-123', file: '/srv/data/admin-token' } });
    expect(text).toContain('DEMO MODE');
    expect(text).toContain('http://localhost:3000/docs');
    expect(text).toContain('Admin token    tok-123   (kept in /srv/data/admin-token)');
    expect(text).toContain('curl -s http://localhost:3000/admin/system -H "Authorization: Bearer $(cat /srv/data/admin-token)"');
    expect(text).toContain('npm run --silent remote-caller -- token');
    expect(text.split('\n').length).toBeLessThan(14);
  });

  it('never prints a configured token, and says a generated one lasts one run', () => {
    const configured = startupBanner({ ...base, demoMode: false, admin: { kind: 'configured' } });
    expect(configured).toContain('the ADMIN_TOKEN you set');
    expect(configured).not.toContain('remote-caller');
    const generated = startupBanner({ ...base, demoMode: false, admin: { kind: 'generated', token: 'once-456' } });
    expect(generated).toContain('once-456   (this run only: set ADMIN_TOKEN to keep one)');
  });
});
