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
