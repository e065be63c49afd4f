import { credentialScrubber } from '../scrub';

describe('credentialScrubber', () => {
  const cases: [string, string, string, string][] = [
    [
      'a robot key echoed in a URL',
      'a1b2c3d4-e5f6',
      'POST /cgi-bin/webhook/send?key=a1b2c3d4-e5f6 failed',
      'POST /cgi-bin/webhook/send?key=*** failed',
    ],
    [
      'a bot token echoed in a path',
      '123456:AAbbCC_dd-ee',
      '{"description":"Not Found: /bot123456:AAbbCC_dd-ee/sendMessage"}',
      '{"description":"Not Found: /bot***/sendMessage"}',
    ],
    ['a percent-encoded key', 'key with/slash', 'got key=key%20with%2Fslash', 'got key=***'],
    [
      'a Slack webhook path, plain and with escaped slashes',
      'https://hooks.slack.com/services/T0001/B0001/XXXXyyyyZZZZ',
      'no_service: /services/T0001/B0001/XXXXyyyyZZZZ or "\\/services\\/T0001\\/B0001\\/XXXXyyyyZZZZ"',
      'no_service: *** or "***"',
    ],
    [
      'the whole Slack URL',
      'https://hooks.slack.com/services/T1/B1/abcdefgh',
      'to https://hooks.slack.com/services/T1/B1/abcdefgh',
      'to ***',
    ],
    ['text without the secret is unchanged', 'whsec_abcdefgh', 'HTTP 500: upstream busy', 'HTTP 500: upstream busy'],
    ['slashes escaped twice', 'https://hooks.slack.com/services/T1/B1/abcdefgh', 'x \\\\/services\\\\/T1\\\\/B1\\\\/abcdefgh y', 'x *** y'],
    ['regex characters in a secret are literal', 'a.b*c+d?e(f)', 'key=a.b*c+d?e(f) and aXbbbc', 'key=*** and aXbbbc'],
  ];
  it.each(cases)('%s', (_, secret, text, expected) => {
    expect(credentialScrubber(secret)(text)).toBe(expected);
  });
  it('no secret: the identity', () => {
    expect(credentialScrubber(null)('anything')).toBe('anything');
  });
});
