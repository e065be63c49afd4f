import crypto from 'crypto';
import { Webhook } from 'standardwebhooks';
import { webhookHeaders, sign } from '../standard-webhooks';

describe('Standard Webhooks signing', () => {
  const secret = 'whsec_' + crypto.randomBytes(24).toString('base64');

  it('is verified by the standardwebhooks package', () => {
    const body = JSON.stringify({ type: 'post.scheduled', id: 'k1', text: '早上好 <b>&</b>' });
    const headers = webhookHeaders(secret, 'sch:abc:def:2026-12-01T00:00:00.000Z', body);
    const verified = new Webhook(secret).verify(body, headers);
    expect(verified).toEqual(JSON.parse(body));
  });

  it('fails verification when the body or the secret differs', () => {
    const body = '{"a":1}';
    const headers = webhookHeaders(secret, 'id-1', body);
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    const other = 'whsec_' + crypto.randomBytes(24).toString('base64');
    expect(() => new Webhook(other).verify(body, headers)).toThrow();
  });

  it('matches a signature computed by hand with node:crypto', () => {
    // HMAC-SHA256 keyed with the base64-decoded secret over "id.timestamp.body".
    const key = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
    const expected = crypto.createHmac('sha256', key).update('msg_1.1700000000.{}').digest('base64');
    expect(sign('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'msg_1', 1700000000, '{}')).toBe(`v1,${expected}`);
  });
});

describe('Standard Webhooks signing during a secret rotation', () => {
  const fresh = 'whsec_' + crypto.randomBytes(24).toString('base64');
  const old = 'whsec_' + crypto.randomBytes(24).toString('base64');

  it('sends both signatures, space-separated; a receiver holding either secret accepts', () => {
    const body = '{"type":"post.scheduled"}';
    const headers = webhookHeaders([fresh, old], 'id-2', body, 1_700_000_000_000);
    const signatures = headers['webhook-signature'].split(' ');
    expect(signatures).toEqual([sign(fresh, 'id-2', 1_700_000_000, body), sign(old, 'id-2', 1_700_000_000, body)]);
    const at = new Date(1_700_000_000_000);
    jest.useFakeTimers({ now: at });
    try {
      expect(new Webhook(fresh).verify(body, headers)).toEqual(JSON.parse(body));
      expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body));
      const stranger = 'whsec_' + crypto.randomBytes(24).toString('base64');
      expect(() => new Webhook(stranger).verify(body, headers)).toThrow();
    } finally {
      jest.useRealTimers();
    }
  });
});
