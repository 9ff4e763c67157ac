import { describe, expect, it } from 'vitest';
import { countryOf, deviceAndBrowser, referrerHost, visitTraits } from './visit-traits';

describe('what a view is counted under', () => {
  it('keeps only the host of a referrer, without www., and calls anything else direct', () => {
    expect(referrerHost('https://www.linkedin.com/feed/update/urn:li:activity:1?trk=x')).toBe('linkedin.com');
    expect(referrerHost('http://News.Ycombinator.com/item?id=1')).toBe('news.ycombinator.com');
    expect(referrerHost(null)).toBe('direct');
    expect(referrerHost('')).toBe('direct');
    expect(referrerHost('not a url')).toBe('direct');
    expect(referrerHost('android-app://com.slack/')).toBe('direct');
  });

  it('reads device class and browser family from the user agent', () => {
    expect(deviceAndBrowser('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36')).toEqual({ device: 'mobile', browser: 'Chrome' });
    expect(deviceAndBrowser('Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1')).toEqual({ device: 'tablet', browser: 'Safari' });
    expect(deviceAndBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0')).toEqual({ device: 'desktop', browser: 'Firefox' });
    expect(deviceAndBrowser('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toEqual({ device: 'desktop', browser: 'Microsoft Edge' });
    expect(deviceAndBrowser('something nobody knows')).toEqual({ device: 'other', browser: 'Other' });
    expect(deviceAndBrowser(null)).toEqual({ device: 'other', browser: 'Other' });
  });

  it('takes a country only as a two-letter code', () => {
    expect(countryOf('DE')).toBe('DE');
    expect(countryOf('de')).toBe('unknown');
    expect(countryOf('Germany')).toBe('unknown');
    expect(countryOf(null)).toBe('unknown');
  });

  it('keeps nothing of the visitor but these four', () => {
    const traits = visitTraits({ userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', referer: 'https://t.co/abc', country: 'FR' });
    expect(traits).toEqual({ referrer: 't.co', device: 'desktop', browser: 'Chrome', country: 'FR' });
  });
});
