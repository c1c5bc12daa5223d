import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A certificate and its key exported to a PKCS#12 file by the openssl command, as a member
 * exports its own (OpenSSL 3 defaults: PBES2 AES-256, SHA-256 MAC). Written in `folder` as
 * `<name>.p12` beside the PEM files it is made from; `chainPem`, a PEM file, adds the issuer's
 * certificate. Returns the file's path.
 */
export function opensslPkcs12(
  folder: string,
  name: string,
  issued: { certificatePem: string; privateKeyPem: string },
  options: { password: string; chainPem?: string },
): string {
  const cert = path.join(folder, `${name}.pem`);
  const key = path.join(folder, `${name}.key`);
  const p12 = path.join(folder, `${name}.p12`);
  writeFileSync(cert, issued.certificatePem);
  writeFileSync(key, issued.privateKeyPem);
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    '-in',
    cert,
    '-inkey',
    key,
    ...(options.chainPem === undefined ? [] : ['-certfile', options.chainPem]),
    '-out',
    p12,
    '-passout',
    `pass:${options.password}`,
  ]);
  return p12;
}
