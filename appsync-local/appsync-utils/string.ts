/**
 * `util.str`. In APPSYNC_JS it holds only `normalize`; the VTL-era `toUpper`/`toLower`/`toReplace` are not
 * part of the JavaScript runtime (String.prototype covers them), so they are deliberately absent here too:
 * code that calls them must fail locally the way it fails when deployed.
 */
export type NormalizationType = 'nfc' | 'nfd' | 'nfkc' | 'nfkd';

export interface StringUtils {
  normalize(value: string, normalizationType: NormalizationType): string;
}

const FORMS: Readonly<Record<string, string>> = { nfc: 'NFC', nfd: 'NFD', nfkc: 'NFKC', nfkd: 'NFKD' };

export function createStringUtils(): StringUtils {
  return {
    normalize(value, normalizationType) {
      const form = FORMS[String(normalizationType).toLowerCase()];
      if (form === undefined) throw new Error(`Unknown normalization type: ${normalizationType} (expected nfc, nfd, nfkc or nfkd)`);
      return String(value).normalize(form);
    },
  };
}
