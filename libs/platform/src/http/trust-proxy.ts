/** HTTP_TRUST_PROXY as express's `trust proxy` setting takes it. */
export function trustProxySetting(value: string): boolean | number | string[] {
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((part) => part.trim());
}
